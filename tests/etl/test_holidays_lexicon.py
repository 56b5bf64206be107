"""Holiday and feast names are rows of etl/extract/lexicon/holidays.csv (holiday, word, lang,
pattern); the date rules they name stay in code (etl.extract.dates.holidays.RULES and
feasts.FEASTS). A name in a new language is one literal row, which also opens its own
search window: no second edit in date_words.csv."""

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl.extract import lexicon
from etl.extract.dates import anchors, extract_dates, feasts, holidays
from etl.extract.text import normalise

ROOT = Path(__file__).resolve().parents[2]


def _read(text: str) -> list[tuple[str, str]]:
    dates, _ = extract_dates(normalise(text), dt.date(2025, 11, 19))
    return [(d.text, d.value) for d in dates]


@pytest.mark.parametrize("text, expected", [
    ("Christmas Eve 2027", ("Christmas Eve 2027", "2027-12-24")),  # the longer name's row comes first
    ("christmas day 2027", ("christmas day 2027", "2027-12-25")),
    ("Xmas 2027", ("Xmas 2027", "2027-12-25")),
    ("Koningsdag 2027", ("Koningsdag 2027", "2027-04-27")),  # nl row of kings_day
    ("King's Day 2025", ("King's Day 2025", "2025-04-26")),  # the Sunday 27th is kept on Saturday
    ("civil  rights day 2027", ("civil  rights day 2027", "2027-01-18")),  # a literal's space: any spaces
    ("MLK Jr. Day 2027", ("MLK Jr. Day 2027", "2027-01-18")),
    ("the Ides of March 2027", ("the Ides of March 2027", "2027-03-15")),
    ("Пасха 2027", ("Пасха 2027", "2027-05-02")),  # the ru row of orthodox_easter
    ("Новый год 2027", ("Новый год 2027", "2027-01-01")),  # the ru row of new_years_day
    ("Easter Monday 2027", ("Easter Monday 2027", "2027-03-29")),
    ("Diwali 2027", ("Diwali 2027", "2027-10-29")),  # a feast row
    ("Shushan Purim 2027", ("Shushan Purim 2027", "2027-03-23/2027-03-24")),  # before "purim"
])
def test_known_names_read_as_before(text, expected):
    assert _read(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("the lent money 2027", [("2027", "2027")]),  # "lent" without its year is the verb
    ("новый год 2027", [("2027", "2027")]),  # in lower case "a new year"
    ("he lent it to them at Easter", [("Easter", "2026-04-05")]),  # the next Easter after publication
    ("Weihnachten 2027", []),  # no row names it
])
def test_the_checks_in_code_still_apply_to_the_rows(text, expected):
    assert _read(text) == expected


def test_every_rule_has_a_row_and_every_row_a_rule():
    named = set(holidays.NAMES.column("holiday"))
    assert named == set(holidays.RULES) | set(feasts.FEASTS)
    assert not set(holidays.RULES) & set(feasts.FEASTS)
    assert len(holidays._HOLIDAYS) + len(holidays._FEASTS) == len(holidays.NAMES.rows)


def test_a_literal_row_anchors_by_its_first_word_only_when_no_word_of_it_does():
    literals = {name for name, _ in holidays.LITERALS}
    assert {"the ides of march", "good friday", "black friday"} <= literals
    # "ides" and "friday" already open the window, so "the", "good" and "black" stay prose
    assert [anchors._token_class(w) for w in ("the", "good", "black")] == ["", "", ""]


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "lexicon"
    shutil.copytree(Path(lexicon.__file__).parent, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def _run(code: str, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, AITRACK_LEXICON_DIR=str(folder))
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT)


_EXTRACT = (
    "import datetime as dt, sys\n"
    "from etl.extract.dates import extract_dates\n"
    "from etl.extract.text import normalise\n"
    "dates, dls = extract_dates(normalise(sys.argv[1]), dt.date(2025, 11, 19), 'de')\n"
    "print([(d.text, d.value) for d in dates], [(d.relation, d.date) for d in dls])\n"
)


def test_a_holiday_name_in_a_new_language_is_one_row(tmp_path):
    folder = _copy(tmp_path)
    german, english = "Die Mittel fließen bis Weihnachten 2027.", "The money flows by Weihnachten 2027."

    def read(text: str) -> str:
        done = _run(_EXTRACT, folder, text)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert read(german) == "[] []" and read(english) == "[] []"  # the copy alone reads nothing there
    with (folder / "holidays.csv").open("a", encoding="utf-8") as f:
        f.write("christmas,Weihnachten,de,no\n")
    assert read(german) == "[('Weihnachten 2027', '2027-12-25')] []"
    # the row's word opens the window by itself: date_words.csv is untouched
    assert read(english) == "[('Weihnachten 2027', '2027-12-25')] [('by', '2027-12-25')]"


@pytest.mark.parametrize("row, message", [
    ("xmas_day,Weihnachten,de,no", r"holidays.csv:\d+: unknown holiday 'xmas_day'"),
    ("christmas,weihn(acht,de,yes", r"holidays.csv:\d+: 'weihn\(acht': not a regular expression"),
    ("christmas,Weihnachten,de,maybe", r"holidays.csv:\d+: 'Weihnachten': pattern must be yes or no"),
])
def test_a_broken_holiday_row_fails_the_import_naming_its_line(tmp_path, row, message):
    folder = _copy(tmp_path)
    path = folder / "holidays.csv"
    with path.open("a", encoding="utf-8") as f:
        f.write(row + "\n")
    line = len(path.read_text(encoding="utf-8").splitlines())
    done = _run("import etl.extract", folder)
    assert done.returncode != 0 and "LexiconError" in done.stderr, done.stderr
    assert re.search(message, done.stderr), done.stderr
    assert f"holidays.csv:{line}:" in done.stderr, done.stderr


def test_a_rule_without_a_row_fails_the_import(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "holidays.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("halloween,")]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    done = _run("import etl.extract", folder)
    assert done.returncode != 0 and "no row names the holiday halloween" in done.stderr, done.stderr
