"""The money vocabulary is data: every money table is read and changes what is found,
adding a word or a currency is adding one row, and a broken row stops the import with
its file and line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import etl.extract  # noqa: F401  (loads every table)
from etl.extract import lexicon
from etl.extract.money import extract_money
from etl.extract.money import lex as money_lex
from etl.extract.money import numbers
from etl.extract.money.currencies import CURRENCY_ROWS, LOWERCASE_CODES, written_forms
from etl.extract.text import normalise

HERE = Path(lexicon.__file__).parent
ROOT = Path(__file__).resolve().parents[2]
MONEY_TABLES = ("number_words", "scales", "languages", "currencies", "hedges", "range_words", "percent_words")


def found(text: str, lang: str | None = None):
    amounts, _rates, _convs, percents = extract_money(normalise(text), lang=lang)
    return [(a.value, a.currency, a.qualifier) for a in amounts], [p.value for p in percents]


# --- (a) every table loads and is used ---------------------------------------------


def test_every_money_table_is_loaded_from_the_lexicon_folder():
    loaded = lexicon.loaded()
    for name in MONEY_TABLES:
        assert name in loaded, name
        assert loaded[name].path == HERE / f"{name}.csv"
        assert loaded[name].rows, name


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # number_words: a figure in words
        ("two billion dollars", None, ([(2e9, "USD", "exact")], [])),
        # scales: a German scale word, and its comma flag ("2,5" is a decimal after it)
        ("2,5 Milliarden Euro", None, ([(2.5e9, "EUR", "exact")], [])),
        # languages: in German text "1,234" before a scale is a decimal, in English a thousands group
        ("€1,234 million", "de", ([(1.234e6, "EUR", "exact")], [])),
        ("€1,234 million", "en", ([(1.234e9, "EUR", "exact")], [])),
        # the language picks between a scale word's rows: English slang "mil" is a million
        ("$5 mil", "en", ([(5e6, "USD", "exact")], [])),
        # currencies: a Russian form through a named ending set (гривн+RU_F_A)
        ("5 млн гривнами", "ru", ([(5e6, "UAH", "exact")], [])),
        # currencies: lower_code lets "usd" count, after_only keeps "TOP 10" from being money
        ("10 usd", None, ([(10.0, "USD", "exact")], [])),
        ("TOP 10 firms", None, ([], [])),
        # hedges: before, after, restated in brackets
        ("more than $5bn", None, ([(5e9, "USD", "over")], [])),
        ("$5bn or more", None, ([(5e9, "USD", "at_least")], [])),
        ("€5bn (nearly $6bn)", None, ([(5e9, "EUR", "exact"), (6e9, "USD", "nearly")], [])),
        # range_words: a range needs its between word; a from word makes a change
        ("between $5bn and $7bn", None, ([(5e9, "USD", "range")], [])),
        ("от 1,5 до 3 трлн руб.", "ru", ([(1.5e12, "RUB", "range")], [])),
        # percent_words
        ("5 Prozent", "de", ([], [5.0])),
    ],
)
def test_each_table_decides_what_is_found(text, lang, expected):
    assert found(text, lang) == expected


def test_every_row_lands_in_the_tables_the_extractor_reads():
    t = lexicon.loaded()
    for row in t["scales"].rows:
        assert numbers.scale_value(row["word"], row["lang"]) == float(row["value"]), row
        if "comma" in row["flags"].split():
            assert row["word"].lower() in numbers.COMMA_DECIMAL_SCALES, row
    assert len(CURRENCY_ROWS) == len(t["currencies"].rows)
    for form in written_forms():
        assert money_lex.reading(form) is not None, form
    assert {c.upper() for c in LOWERCASE_CODES} - {"RMB"} <= {r["code"] for r in t["currencies"].rows}
    for row in t["hedges"].where(where="before"):
        assert money_lex.HEDGES_BEFORE[row["word"].lower()] == row["qualifier"], row
    for row in t["percent_words"].rows:
        assert money_lex.is_pct(money_lex.Tok(0, 1, "word", row["word"])), row
    assert numbers.DECIMAL_COMMA_LANGS == set(t["languages"].column("lang", decimal_comma="yes"))


# --- (b) adding one row ---------------------------------------------------------------------

PROBE = textwrap.dedent(
    """
    from etl.extract.money import extract_money
    from etl.extract.text import normalise
    for text, lang in [("2,5 millardos de euros", "es"), ("Se pagaron 300 testcoins.", "es")]:
        print([(a.value, a.currency) for a in extract_money(normalise(text), lang=lang)[0]])
    """
)


def _copy_lexicon(tmp_path: Path) -> Path:
    folder = tmp_path / "lexicon"
    shutil.copytree(HERE, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def _probe(folder: Path, code: str = PROBE) -> subprocess.CompletedProcess:
    env = {**os.environ, "AITRACK_LEXICON_DIR": str(folder)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)


def _append(path: Path, line: str) -> int:
    """Append one row; its line number."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return len(text.splitlines()) + 1


def test_one_row_adds_a_scale_word_and_one_row_a_currency(tmp_path):
    folder = _copy_lexicon(tmp_path)
    before = _probe(folder)
    assert before.returncode == 0, before.stderr
    # without the rows: "millardos" is no scale word and "testcoins" no currency
    assert before.stdout.splitlines() == ["[]", "[]"]

    _append(folder / "scales.csv", "millardos,es,1e9,comma")
    _append(folder / "currencies.csv", 'XTS,*,"testcoin:,s",,,')
    after = _probe(folder)
    assert after.returncode == 0, after.stderr
    assert after.stdout.splitlines() == ["[(2500000000.0, 'EUR')]", "[(300.0, 'XTS')]"]


# --- (c) a broken row fails the import with its file and line -------------------------------


@pytest.mark.parametrize(
    "table, row, message",
    [
        ("scales", "millardos,es,lots,comma", "value 'lots' is not a number"),
        ("scales", "millardos,es,1e9,decimal", "unknown flag decimal"),
        ("currencies", 'XTS,*,"testcoin:,s",,,after', "unknown flag after"),
        ("currencies", 'xts,*,"testcoin:,s",,,', "code 'xts' is not three capital letters"),
        ("currencies", 'XTS,*,"testcoin:,s",coin,,', "unknown family 'coin'"),
        ("currencies", "XTS,ru,тесткоин+RU_X,,,", "unknown ending set"),
        ("hedges", "roughly about,en,circa,before", "unknown qualifier 'circa'"),
        ("hedges", "roughly about,en,about,inside", "unknown where 'inside'"),
        ("range_words", "ab,de,joint_after_nothing", "unknown role 'joint_after_nothing'"),
        ("languages", "sv,maybe", "decimal_comma 'maybe', expected yes or no"),
    ],
)
def test_a_broken_row_fails_the_import_with_file_and_line(tmp_path, table, row, message):
    folder = _copy_lexicon(tmp_path)
    line = _append(folder / f"{table}.csv", row)
    r = _probe(folder, "import etl.extract")
    assert r.returncode != 0
    assert "LexiconError" in r.stderr
    assert f"{folder / table}.csv:{line}: {message}" in r.stderr
