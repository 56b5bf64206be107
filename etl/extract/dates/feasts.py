"""Feasts on lunar and lunisolar calendars for the date extractor: Chinese, Jewish,
Islamic, Hindu, Sikh, Buddhist and Parsi.

Their Gregorian dates cannot be computed from rules as Easter can, so they come from
the offline tables of the `holidays` package (`holidays.calendars`: Hebrew 1947-2100,
Islamic (Umm al-Qura) 1924-2100, Hindu 1901-2100, Chinese 1901-2099). The package
is imported only when a feast name is found, and each (feast, year) is computed once.

`FEASTS` lists the feast keys, whose names are rows of etl/extract/lexicon/holidays.csv
(read by etl.extract.dates.holidays); `ANCHORS` the words that open a search window
around the names written as patterns (a literal row opens its own); `feast_dates(key,
year)` the (first, last) day of the feast in that Gregorian year, or None outside the
tables.

Conventions (see docs/eval-differences-dates.md, section 4):

* Jewish feasts begin at sundown: a feast runs from the evening it begins to the
  day it ends, as news and calendars give them ("Yom Kippur begins at sundown on
  Tuesday, Sept. 18 and ends at nightfall on Wednesday"): Yom Kippur 2018 is
  2018-09-18/2018-09-19, Rosh Hashanah 2018-09-09/2018-09-11, Passover (eight days,
  as kept outside Israel) 2018-03-30/2018-04-07, Hanukkah 2018-12-02/2018-12-10.
  Feasts moved off the Sabbath (Tisha B'Av, Yom HaShoah, Yom Haatzmaut) take the
  day they are kept.
* Ramadan runs from its first day to the eve of Eid al-Fitr; Islamic feasts are
  single days of the Umm al-Qura table; a feast that falls twice in one Gregorian
  year is its first occurrence.
* Hindu feasts take the dates of the Indian holiday lists; days named after
  Diwali or Pongal (Dhanteras, Choti Diwali, Bhai Dooj, Bhogi, Mattu Pongal) count
  from them. Navaratri is the nine nights before Dussehra.

May import: the standard library; `holidays.calendars` inside functions only.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

_D = dt.timedelta

# The feasts feast_dates computes, by key; their names are rows of
# etl/extract/lexicon/holidays.csv, read by etl.extract.dates.holidays.
FEASTS: tuple[str, ...] = (
    "cny", "mid_autumn", "dragon_boat", "rosh_hashanah", "yom_kippur", "shemini_atzeret",
    "simchat_torah", "sukkot", "hanukkah", "passover", "shavuot", "shushan_purim", "purim",
    "tisha_bav", "lag_baomer", "yom_haatzmaut", "yom_hashoah", "tu_bishvat", "eid_al_fitr",
    "eid_al_adha", "ramadan", "mawlid", "laylat_al_qadr", "hijri_new_year", "ashura",
    "jumuatul_wida", "isra_miraj", "dhanteras", "choti_diwali", "diwali", "govardhan_puja",
    "bhai_dooj", "chhath", "maha_saptami", "maha_ashtami", "maha_navami", "dussehra", "navratri",
    "karwa_chauth", "rath_yatra", "raksha_bandhan", "mahavir_jayanti", "maha_shivaratri", "bhogi",
    "mattu_pongal", "kaanum_pongal", "pongal", "makar_sankranti", "vaisakhi", "onam",
    "basant_panchami", "holika_dahan", "holi", "janmashtami", "vesak", "buddha_purnima",
    "guru_gobind_singh", "guru_nanak", "guru_ravidas", "valmiki_jayanti", "rabindra_jayanti",
    "ganesh_chaturthi", "ram_navami", "ugadi", "parsi_new_year",
)

# The first word of each name, lower case: a search window opens around it. (A literal
# row of holidays.csv needs none here: etl.extract.dates.anchors derives its word.)
ANCHORS: frozenset[str] = frozenset((
    "chinese lunar spring mid moon dragon rosh yom shemini simchat simhat sukkot succos sukkos "
    "succoth feast hanukkah chanukah chanukkah hanukah hannukkah hannukah hanukka hanuka "
    "passover pesach shavuot shavuos shushan purim tisha lag holocaust tu eid id ураза курбан "
    "bakr bakrid sacrifice kurban ramadan ramadhan рамадан рамадана рамадане рамадану рамаданом mawlid "
    "milad laylat lailat night islamic hijri amun muharram ashura jamat jumu jumuatul isra "
    "prophet dhanteras dhanatrayodashi dhantrayodashi choti chhoti kali naraka narak diwali "
    "deepavali divali lakshmi govardhan bhai bhaiya bhau chhath dala surya maha durgashtami "
    "dussehra dasara dussera vijayadashami vijaya navaratri navratri karva karwa rath ratha "
    "raksha rakhi mahavir mahaveer mahashivratri bhogi bogi mattu maattu kaanum kanum kanni "
    "thai pongal makar makara maghi vaisakhi baisakhi vasakhi vaishakhi thiru thiruonam onam "
    "thiruvonam vasant basant holika kamudu holi dhulandi dhuleti phagwah krishna janmashtami "
    "gokulashtami vesak wesak buddha guru gurpurab maharishi valmiki pargat rabindra "
    "rabindranath ganesh vinayaka ram rama yugadi ugadi gudi samvatsaradi chaitra parsi pateti"
).split())


def _first_in(pairs, year: int) -> dt.date | None:
    days = sorted(d for d, _ in pairs if d.year == year)
    return days[0] if days else None


def _one(v) -> dt.date | None:
    return v[0] if isinstance(v, tuple) else v


def _heb_leap(hebrew_year: int) -> bool:
    return (7 * hebrew_year + 1) % 19 < 7


def _kept(d: dt.date, moves: dict[int, int]) -> dt.date:
    """A feast moved by weekday: {weekday: shift in days}."""
    return d + _D(days=moves.get(d.weekday(), 0))


@lru_cache(maxsize=4096)
def feast_dates(key: str, year: int) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) of the feast `key` in Gregorian `year`, or None."""
    try:
        d = _compute(key, year)
    except (KeyError, ValueError, OverflowError, TypeError):
        return None
    if d is None:
        return None
    return d if isinstance(d, tuple) else (d, d)


def _compute(key: str, y: int):  # noqa: C901 - a flat table of cases
    if key in ("cny", "mid_autumn", "dragon_boat"):
        from holidays.calendars.chinese import _ChineseLunisolar
        c = _ChineseLunisolar()
        fn = {"cny": c.lunar_new_year_date, "mid_autumn": c.mid_autumn_date,
              "dragon_boat": c.dragon_boat_date}[key]
        return _one(fn(y))

    if key in _HEBREW:
        from holidays.calendars.hebrew import _HebrewLunisolar
        return _HEBREW[key](_HebrewLunisolar(), y)

    if key in _ISLAMIC or key == "ramadan":
        from holidays.calendars.islamic import _IslamicLunar
        cal = _IslamicLunar()
        if key == "ramadan":
            start = _first_in(cal.ramadan_beginning_dates(y), y)
            if start is None:
                return None
            eids = sorted(d for yy in (y, y + 1) for d, _ in cal.eid_al_fitr_dates(yy) if d > start)
            return (start, eids[0] - _D(days=1)) if eids else None
        return _first_in(getattr(cal, _ISLAMIC[key])(y), y)

    if key == "parsi_new_year":
        # The Shahenshahi year has 365 days and no leap day: a day earlier every 4 years.
        return dt.date(2018, 8, 17) + _D(days=365 * (y - 2018)) if 1900 <= y <= 2100 else None

    from holidays.calendars.hindu import _HinduLunisolar
    h = _HinduLunisolar()
    if key in _HINDU:
        name, shift = _HINDU[key]
        v = getattr(h, name + "_date")(y)
        d = _one(v) if isinstance(v, tuple) else _first_in(v, y)
        return d + _D(days=shift) if d else None
    if key == "vesak":
        from holidays.calendars.buddhist import _BuddhistLunisolar
        return _one(_BuddhistLunisolar().vesak_date(y))
    if key == "navratri":
        start, end = _one(h.sharad_navratri_date(y)), _one(h.dussehra_date(y))
        return (start, end - _D(days=1)) if start and end and start < end else None
    if key == "rabindra_jayanti":
        d = _one(h.pohela_boishakh_date(y))  # 25 Boishakh, 1 Boishakh + 24
        return d + _D(days=24) if d else None
    return None


def _eve(d: dt.date | None, last: int = 0) -> tuple[dt.date, dt.date] | None:
    """From the evening before `d` to `last` days after it."""
    return (d - _D(days=1), d + _D(days=last)) if d else None


def _pesach(c, y: int) -> dt.date | None:
    return c.passover_date(y)


def _tu_bishvat(c, y: int):
    p = c.passover_date(y)
    if p is None:
        return None
    return _eve(p - _D(days=89 if _heb_leap(y + 3760) else 59))


def _hanukkah(c, y: int):
    days = sorted(d for d in c.hanukkah_date(y) if d.year == y)
    return _eve(days[0], 7) if days else None


_HEBREW = {
    "rosh_hashanah": lambda c, y: _eve(c.rosh_hashanah_date(y), 1),
    "yom_kippur": lambda c, y: _eve(c.yom_kippur_date(y)),
    "sukkot": lambda c, y: _eve(c.sukkot_date(y), 7),  # to Shemini Atzeret
    "shemini_atzeret": lambda c, y: _eve(c.sukkot_date(y) + _D(days=7)) if c.sukkot_date(y) else None,
    "simchat_torah": lambda c, y: _eve(c.sukkot_date(y) + _D(days=8)) if c.sukkot_date(y) else None,
    "hanukkah": _hanukkah,
    "passover": lambda c, y: _eve(c.passover_date(y), 7),
    "shavuot": lambda c, y: _eve(c.shavuot_date(y), 1),
    "purim": lambda c, y: _eve(c.purim_date(y)),
    "shushan_purim": lambda c, y: _eve(c.purim_date(y) + _D(days=1)) if c.purim_date(y) else None,
    # 9 Av on a Saturday is kept on Sunday
    "tisha_bav": lambda c, y: _eve(_kept(c.tisha_bav_date(y), {5: 1})) if c.tisha_bav_date(y) else None,
    # 18 Iyar = 15 Nisan + 33
    "lag_baomer": lambda c, y: _eve(_pesach(c, y) + _D(days=33)) if _pesach(c, y) else None,
    # 5 Iyar = 15 Nisan + 20: on Friday or Saturday kept on Thursday, on Monday on Tuesday
    "yom_haatzmaut": lambda c, y: _eve(_kept(_pesach(c, y) + _D(days=20), {4: -1, 5: -2, 0: 1}))
    if _pesach(c, y) else None,
    # 27 Nisan = 15 Nisan + 12: on Friday kept on Thursday, on Sunday on Monday
    "yom_hashoah": lambda c, y: _eve(_kept(_pesach(c, y) + _D(days=12), {4: -1, 6: 1}))
    if _pesach(c, y) else None,
    "tu_bishvat": _tu_bishvat,
}

_ISLAMIC = {
    "eid_al_fitr": "eid_al_fitr_dates",
    "eid_al_adha": "eid_al_adha_dates",
    "mawlid": "mawlid_dates",
    "laylat_al_qadr": "laylat_al_qadr_dates",
    "hijri_new_year": "hijri_new_year_dates",
    "ashura": "ashura_dates",
    "jumuatul_wida": "jumuatul_wida_dates",
    "isra_miraj": "isra_and_miraj_dates",
}

# key: (method of _HinduLunisolar without "_date", days after it)
_HINDU = {
    "diwali": ("diwali_india", 0),
    "dhanteras": ("diwali_india", -2),
    "choti_diwali": ("diwali_india", -1),
    "govardhan_puja": ("govardhan_puja", 0),
    "bhai_dooj": ("diwali_india", 2),
    "chhath": ("chhath_puja", 0),
    "maha_saptami": ("maha_ashtami", -1),
    "maha_ashtami": ("maha_ashtami", 0),
    "maha_navami": ("maha_navami", 0),
    "dussehra": ("dussehra", 0),
    "karwa_chauth": ("karwa_chauth", 0),
    "rath_yatra": ("rath_yatra", 0),
    "raksha_bandhan": ("raksha_bandhan", 0),
    "mahavir_jayanti": ("mahavir_jayanti", 0),
    "maha_shivaratri": ("maha_shivaratri", 0),
    "pongal": ("pongal", 0),
    "bhogi": ("pongal", -1),
    "mattu_pongal": ("pongal", 1),
    "kaanum_pongal": ("pongal", 2),
    "makar_sankranti": ("makar_sankranti", 0),
    "vaisakhi": ("vaisakhi", 0),
    "onam": ("onam", 0),
    "basant_panchami": ("basant_panchami", 0),
    "holi": ("holi", 0),
    "holika_dahan": ("holi", -1),
    "janmashtami": ("janmashtami", 0),
    "buddha_purnima": ("buddha_purnima", 0),
    "guru_gobind_singh": ("guru_gobind_singh_jayanti", 0),
    "guru_nanak": ("guru_nanak_jayanti", 0),
    "guru_ravidas": ("guru_ravidas_jayanti", 0),
    "valmiki_jayanti": ("maharshi_valmiki_jayanti", 0),
    "ganesh_chaturthi": ("ganesh_chaturthi", 0),
    "ram_navami": ("ram_navami", 0),
    "ugadi": ("gudi_padwa", 0),
}
