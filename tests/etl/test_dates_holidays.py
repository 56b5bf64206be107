"""Golden cases for feasts on lunar and lunisolar calendars (etl.extract.dates.feasts),
one phenomenon per test. Publication date for relative cases is Wednesday 2025-11-19.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from etl.extract.dates import extract_dates
from etl.extract.dates.feasts import ANCHORS, FEASTS, feast_dates
from etl.extract.text import normalise

PUB = dt.date(2025, 11, 19)


def spans(text: str, published: dt.date | None = PUB, lang: str | None = None) -> list[tuple[str, str]]:
    dates, _ = extract_dates(normalise(text), published, lang)
    return [(d.text, d.value) for d in dates]


def test_chinese_new_year_with_a_year():
    assert spans("Factories shut for Chinese New Year 2024.") == [("Chinese New Year 2024", "2024-02-10")]


def test_lunar_new_year_without_a_year_is_the_next_one():
    assert spans("Shipments slow around the Lunar New Year.") == [("Lunar New Year", "2026-02-17")]


def test_jewish_feast_runs_from_the_evening_it_begins():
    # Yom Kippur 2025 began at sundown on 1 October and ended at nightfall on 2 October.
    assert spans("The exchange was closed for Yom Kippur 2025.") == [("Yom Kippur 2025", "2025-10-01/2025-10-02")]


def test_multi_day_jewish_feast_spans_its_days():
    assert spans("Rosh Hashanah 2025 was observed.") == [
        ("Rosh Hashanah 2025", "2025-09-22/2025-09-24")
    ]
    assert spans("Hanukkah 2025") == [("Hanukkah 2025", "2025-12-14/2025-12-22")]


def test_passover_has_eight_days():
    assert spans("Passover 2025") == [("Passover 2025", "2025-04-12/2025-04-20")]


def test_feast_moved_off_the_sabbath_takes_the_day_it_is_kept():
    # 9 Av 5785 was a Saturday; the fast was kept on Sunday 3 August.
    assert spans("Tisha B'Av 2025") == [("Tisha B'Av 2025", "2025-08-02/2025-08-03")]
    # 5 Iyar 5785 was a Friday; Independence Day was kept on Thursday 1 May.
    assert spans("Yom Haatzmaut 2025") == [("Yom Haatzmaut 2025", "2025-04-30/2025-05-01")]


def test_eid_is_a_single_day():
    assert spans("Eid al-Fitr 2025") == [("Eid al-Fitr 2025", "2025-03-30")]
    assert spans("Eid al-Adha 2025") == [("Eid al-Adha 2025", "2025-06-06")]


def test_ramadan_runs_to_the_eve_of_eid():
    assert spans("Ramadan 2025") == [("Ramadan 2025", "2025-03-01/2025-03-29")]


def test_feast_without_a_year_is_the_next_one():
    assert spans("Retail sales usually rise during Ramadan.") == [("Ramadan", "2026-02-18/2026-03-19")]


def test_last_feast_is_the_one_before_publication():
    assert spans("Sales peaked around last Diwali.") == [("last Diwali", "2025-10-20")]


def test_hindu_feast_with_a_year():
    assert spans("Holi 2025 was celebrated across India.") == [("Holi 2025", "2025-03-14")]


def test_days_named_after_diwali_count_from_it():
    assert spans("Dhanteras 2025") == [("Dhanteras 2025", "2025-10-18")]
    assert spans("Bhai Dooj 2025") == [("Bhai Dooj 2025", "2025-10-22")]


def test_feast_with_a_year_in_words():
    assert spans("Choti Diwali two thousand nineteen") == [("Choti Diwali two thousand nineteen", "2019-10-26")]


def test_russian_feast_names():
    assert spans("Курбан-байрам 2025 года", lang="ru") == [("Курбан-байрам 2025 года", "2025-06-06")]
    assert spans("в Рамадан", lang="ru") == [("Рамадан", "2026-02-18/2026-03-19")]


def test_feast_outside_the_tables_is_not_dated():
    assert feast_dates("diwali", 1850) is None
    assert spans("Diwali 1850") == []


def test_holiday_word_inside_another_word_is_not_a_feast():
    assert spans("The holiday season and Onamatopoeia start in 2026.") == [("2026", "2026")]


def test_every_feast_opens_a_search_window():
    # one name per feast; each must be found in running text, far from any digit
    names = {
        "cny": "Chinese New Year", "mid_autumn": "Mid-Autumn Festival", "dragon_boat": "Dragon Boat Festival",
        "rosh_hashanah": "Rosh Hashana", "yom_kippur": "Yom Kippur", "shemini_atzeret": "Shemini Atzeret",
        "simchat_torah": "Simchat Torah", "sukkot": "Sukkot", "hanukkah": "Chanukah", "passover": "Pesach",
        "shavuot": "Shavuot", "shushan_purim": "Shushan Purim", "purim": "Purim", "tisha_bav": "Tisha B'Av",
        "lag_baomer": "Lag BaOmer", "yom_haatzmaut": "Yom Haatzmaut", "yom_hashoah": "Yom HaShoah",
        "tu_bishvat": "Tu BiShvat", "eid_al_fitr": "Eid al-Fitr", "eid_al_adha": "Bakrid", "ramadan": "Ramadan",
        "mawlid": "Mawlid", "laylat_al_qadr": "Laylat al-Qadr", "hijri_new_year": "Islamic New Year",
        "ashura": "Ashura", "jumuatul_wida": "Jumu'atul-Wida", "isra_miraj": "Isra and Mi'raj",
        "dhanteras": "Dhanteras", "choti_diwali": "Choti Diwali", "diwali": "Deepavali",
        "govardhan_puja": "Govardhan Puja", "bhai_dooj": "Bhai Dooj", "chhath": "Chhath Puja",
        "maha_saptami": "Maha Saptami", "maha_ashtami": "Maha Ashtami", "maha_navami": "Maha Navami",
        "dussehra": "Dussehra", "navratri": "Navratri", "karwa_chauth": "Karwa Chauth", "rath_yatra": "Rath Yatra",
        "raksha_bandhan": "Raksha Bandhan", "mahavir_jayanti": "Mahavir Jayanti",
        "maha_shivaratri": "Maha Shivaratri", "bhogi": "Bhogi", "mattu_pongal": "Mattu Pongal",
        "kaanum_pongal": "Kaanum Pongal", "pongal": "Pongal", "makar_sankranti": "Makar Sankranti",
        "vaisakhi": "Baisakhi", "onam": "Onam", "basant_panchami": "Vasant Panchami", "holika_dahan": "Holika Dahan",
        "holi": "Holi", "janmashtami": "Janmashtami", "vesak": "Vesak", "buddha_purnima": "Buddha Purnima",
        "guru_gobind_singh": "Guru Gobind Singh Jayanti", "guru_nanak": "Guru Nanak Jayanti",
        "guru_ravidas": "Guru Ravidas Jayanti", "valmiki_jayanti": "Valmiki Jayanti",
        "rabindra_jayanti": "Rabindra Jayanti", "ganesh_chaturthi": "Ganesh Chaturthi", "ram_navami": "Ram Navami",
        "ugadi": "Ugadi", "parsi_new_year": "Parsi New Year",
    }
    assert set(names) == set(FEASTS)
    filler = "The ministry said the plan would be reviewed by officials " * 3
    for key, name in names.items():
        found = spans(f"{filler}around {name} as usual. {filler}")
        assert [t for t, _ in found] == [name], key
        readings = set()
        for y in (2025, 2026, 2027):
            if b := feast_dates(key, y):
                readings.add(b[0].isoformat() if b[0] == b[1] else f"{b[0].isoformat()}/{b[1].isoformat()}")
        assert found[0][1] in readings, key
    assert ANCHORS


def test_holidays_package_is_imported_only_for_a_feast():
    code = (
        "import sys, datetime as dt\n"
        "from etl.extract.dates import extract_dates\n"
        "from etl.extract.text import normalise\n"
        "extract_dates(normalise('Putin on Wednesday called for a plan by 2030.'), dt.date(2025, 11, 19))\n"
        "assert 'holidays' not in sys.modules\n"
        "extract_dates(normalise('Diwali 2025'), dt.date(2025, 11, 19))\n"
        "assert 'holidays' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
