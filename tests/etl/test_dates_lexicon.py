"""Month and weekday names and the date anchor words are rows of etl/extract/lexicon/*.csv
(months, weekdays, date_words, number_words): the month and weekday patterns and the
anchor classes that open search windows are both made from those rows, so a name in a
new language is one row."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl.extract import lexicon
from etl.extract.dates import anchors, words

ROOT = Path(__file__).resolve().parents[2]


def test_month_patterns_match_exactly_the_rows():
    for lang, rx in (("en", words.MONTH_EN), ("ru", words.MONTH_RU)):
        forms = words.MONTHS.column("word", lang=lang)
        assert len(forms) > 20
        for form in forms:
            assert re.fullmatch(rx, form, re.IGNORECASE), form
            assert re.fullmatch(rx, form.upper(), re.IGNORECASE), form
    # nothing but the rows: the old hand-written alternations' near misses stay out
    for near in ("janu", "septe", "marc", "junes", "ма", "сентяб", "ноябр", "мартa"):
        assert not re.fullmatch(words.MONTH_NAMES, near, re.IGNORECASE), near
    assert re.fullmatch(words.MONTH_NAMES, "Sept", re.IGNORECASE) and re.fullmatch(words.MONTH_NAMES, "марте")


def test_weekday_patterns_keep_names_abbreviations_and_plurals_apart():
    assert re.fullmatch(words.WEEKDAY_EN, "Wednesday", re.IGNORECASE)
    assert not re.fullmatch(words.WEEKDAY_EN, "wed", re.IGNORECASE)  # an abbreviation only next to a date
    assert re.fullmatch(words.WEEKDAY_EN_ABBR, "thurs", re.IGNORECASE)
    assert not re.fullmatch(words.WEEKDAY_EN, "mondays", re.IGNORECASE)  # a plural only opens a window
    assert re.fullmatch(words.WEEKDAY_RU, "среду") and re.fullmatch(words.WEEKDAY_RU_ABBR, "пт")


def test_every_row_reads_as_its_number_and_anchors_its_class():
    for r in words.MONTHS.rows:
        assert words.month_number(r["word"]) == int(r["month"]), r
        assert anchors._token_class(r["word"]) == "m", r
    for r in words.WEEKDAYS.rows:
        if r["form"] != "plural":
            assert words.weekday_number(r["word"]) == int(r["weekday"]), r
        assert anchors._token_class(r["word"]) == "w", r
    for r in anchors.DATE_WORDS.where(match="word"):
        assert anchors._token_class(r["word"]) == r["class"], r
    assert words.month_number("Sept.") == 9 and words.month_number("Marchy") == 3  # three letters read a form
    assert {words.month_number(m) for m in words.MONTHS.column("word", lang="ru")} == set(range(1, 13))


def test_russian_stems_anchor_the_words_they_begin_and_no_others():
    assert anchors._token_class("мартовском") == "m"  # "мар" begins "марта": a stem
    assert anchors._token_class("вторникам") == "w"
    assert anchors._token_class("маяк") == ""  # "май" begins no other form of May
    assert anchors._token_class("второй") == ""  # "вт" is two letters: too short a stem
    assert anchors._token_class("неделями") == "u"  # a date_words prefix row
    assert anchors._token_class("Nineteen") == "y" and anchors._token_class("thousand") == "y"


def _extract_in_subprocess(text: str, folder: Path | None) -> str:
    env = dict(os.environ)
    env.pop("AITRACK_LEXICON_DIR", None)
    if folder is not None:
        env["AITRACK_LEXICON_DIR"] = str(folder)
    code = (
        "import datetime as dt, sys\n"
        "from etl.extract.dates import extract_dates\n"
        "from etl.extract.text import normalise\n"
        "dates, dls = extract_dates(normalise(sys.argv[1]), dt.date(2025, 11, 19), 'es')\n"
        "print(sorted(d.value for d in dates), sorted((d.relation, d.date) for d in dls))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_month_name_in_a_new_language_is_one_row(tmp_path):
    folder = tmp_path / "lexicon"
    shutil.copytree(Path(lexicon.__file__).parent, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    text = "La planta abrirá by 5 noviembre 2027."
    assert "2027-11-05" not in _extract_in_subprocess(text, folder)  # the copy alone changes nothing
    with (folder / "months.csv").open("a", encoding="utf-8") as f:
        f.write("noviembre,es,11\n")
    out = _extract_in_subprocess(text, folder)
    assert out == "['2027-11-05'] [('by', '2027-11-05')]", out


@pytest.mark.parametrize("row, message", [("noviembre,es,13", "month '13'"), ("xx,es,1", None)])
def test_a_bad_month_row_fails_the_import_naming_it(tmp_path, row, message):
    folder = tmp_path / "lexicon"
    shutil.copytree(Path(lexicon.__file__).parent, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    with (folder / "months.csv").open("a", encoding="utf-8") as f:
        f.write(row + "\n")
    env = dict(os.environ, AITRACK_LEXICON_DIR=str(folder))
    done = subprocess.run([sys.executable, "-c", "import etl.extract"], capture_output=True, text=True, env=env, cwd=ROOT)
    if message is None:  # a well-formed row in a new language imports fine
        assert done.returncode == 0, done.stderr
    else:
        assert done.returncode != 0 and "months.csv" in done.stderr and message in done.stderr, done.stderr


def test_a_weekday_name_in_a_new_language_is_one_row(tmp_path):
    folder = tmp_path / "lexicon"
    shutil.copytree(Path(lexicon.__file__).parent, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    with (folder / "months.csv").open("a", encoding="utf-8") as f:
        f.write("noviembre,es,11\n")
    code = ("import datetime as dt\nfrom etl.extract.dates import extract_dates\nfrom etl.extract.text import normalise\n"
            "print([d.text for d in extract_dates(normalise('el miércoles 5 noviembre'), dt.date(2025, 11, 19))[0]])\n")

    def spans() -> str:
        env = dict(os.environ, AITRACK_LEXICON_DIR=str(folder))
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert spans() == "['5 noviembre']"
    with (folder / "weekdays.csv").open("a", encoding="utf-8") as f:
        f.write("miércoles,es,2,name\n")
    assert spans() == "['miércoles 5 noviembre']"  # the weekday next to the date is taken in
