"""Words and calendar arithmetic for the date extractor.

Month and weekday names are rows of etl/extract/lexicon/months.csv and weekdays.csv
(one row per form and language): MONTH_EN, MONTH_RU, MONTH_NAMES (every language),
WEEKDAY_* and month_number / weekday_number are made from them, and
etl.extract.dates.anchors makes the month and weekday anchor classes from the same rows.
Also here: the English and Russian number and ordinal words of day and count phrases,
the regex pieces the patterns share (LB, RB, YEAR, YSUF, YEAR_WORDS, _mon) and small
date helpers (month ends, adding months, Easter).

May import: the standard library, etl.extract.lexicon and etl.extract.gates.
"""

from __future__ import annotations

import datetime as dt
import re

from etl.extract import lexicon
from etl.extract.gates import trie_pattern

# --- months and weekdays: rows of etl/extract/lexicon/months.csv and weekdays.csv ----
MONTHS = lexicon.table("months", ("word", "lang", "month"))
WEEKDAYS = lexicon.table("weekdays", ("word", "lang", "weekday", "form"))


def _check(table: lexicon.Table, column: str, allowed: set[str]) -> None:
    """A row whose `column` is not one of `allowed` fails the import, naming it."""
    for r in table.rows:
        if r[column] not in allowed:
            raise lexicon.LexiconError(f"{table.path}: {r['word']},{r['lang']}: {column} {r[column]!r}, "
                                       f"expected one of {', '.join(sorted(allowed, key=lambda v: (len(v), v)))}")


_check(MONTHS, "month", {str(n) for n in range(1, 13)})
_check(WEEKDAYS, "weekday", {str(n) for n in range(7)})
_check(WEEKDAYS, "form", {"name", "abbr", "plural"})


def _alternation(words: list[str]) -> str:
    """Any of `words`, longest first (a trie: "jan(?:uary)?"), for patterns compiled
    case-insensitively; "" for none."""
    forms = sorted({w.lower() for w in words})
    return trie_pattern(forms, loose_spaces=False) if forms else ""


def _number_of(rows: list[dict[str, str]], column: str) -> tuple[dict[str, int], dict[str, int]]:
    """(form -> number, first three letters -> number). The three letters read a form
    no row spells ("Sept." is "sept"); a prefix two numbers share reads as neither."""
    exact = {r["word"].casefold(): int(r[column]) for r in rows}
    short: dict[str, set[int]] = {}
    for w, n in exact.items():
        if len(w) >= 3:
            short.setdefault(w[:3], set()).add(n)
    return exact, {k: ns.pop() for k, ns in short.items() if len(ns) == 1}


# English: full names and the usual abbreviations ("Sept", "Dec."); Russian: every case
# form ("ноября", "в марте", "май") and abbreviations ("мар."); MONTH_OTHER every other
# language's rows. MONTH_NAMES is all of them, for the patterns that read any month name.
MONTH_EN = _alternation(MONTHS.column("word", lang="en"))
MONTH_RU = _alternation(MONTHS.column("word", lang="ru"))
MONTH_OTHER = _alternation([r["word"] for r in MONTHS.rows if r["lang"] not in ("en", "ru")])
MONTH_NAMES = "|".join(rx for rx in (MONTH_EN, MONTH_RU, MONTH_OTHER) if rx)
_MONTH_OF, _MONTH_KEYS = _number_of(list(MONTHS.rows), "month")


def month_number(word: str) -> int | None:
    """1-12 for a month name in any supported form, else None."""
    key = word.strip(" .").casefold()
    return _MONTH_OF.get(key) or _MONTH_KEYS.get(key[:3])


# Abbreviations (form "abbr") are only trusted next to a date ("Tue May 9"); alone, "sun"
# and "sat" are ordinary words. Plurals ("Mondays") only open a window.
WEEKDAY_EN = _alternation(WEEKDAYS.column("word", lang="en", form="name"))
WEEKDAY_EN_ABBR = _alternation(WEEKDAYS.column("word", lang="en", form="abbr"))
WEEKDAY_RU = _alternation(WEEKDAYS.column("word", lang="ru", form="name"))
WEEKDAY_RU_ABBR = _alternation(WEEKDAYS.column("word", lang="ru", form="abbr"))
WEEKDAY_OTHER = _alternation([r["word"] for r in WEEKDAYS.rows
                              if r["lang"] not in ("en", "ru") and r["form"] != "plural"])
_WEEKDAY_OF, _WEEKDAY_KEYS = _number_of([r for r in WEEKDAYS.rows if r["form"] != "plural"], "weekday")


def weekday_number(word: str) -> int | None:
    """0 (Monday) to 6 for a weekday name, else None."""
    w = word.strip(" .").casefold()
    found = _WEEKDAY_OF.get(w)
    if found is not None:
        return found
    return _WEEKDAY_KEYS.get(w[:3]) if len(w) > 2 else None


# --- numbers -------------------------------------------------------------------
_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
_EN_ORD = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30,
}
# "twenty-first", "thirty first", "twenty nine" (May twenty nine)
EN_DAY_WORD = (
    r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
    r"|one|two|three|four|five|six|seven|eight|nine)"
    r"|" + "|".join(sorted(_EN_ORD, key=len, reverse=True)) + r")"
)
EN_DAY_CARDINAL = r"(?:" + "|".join(sorted(_EN_UNITS, key=len, reverse=True)) + r")"

_RU_ORD_STEMS = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "четвёрт": 4, "пят": 5, "шест": 6,
    "седьм": 7, "восьм": 8, "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12,
    "тринадцат": 13, "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16,
    "семнадцат": 17, "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20, "тридцат": 30,
}
RU_ORD_ENDING = r"(?:ье|ьего|ьему|ьем|ий|ое|ого|ому|ом|ый|ая|ую|ой)"
RU_DAY_WORD = (
    r"(?:(?:двадцать|тридцать)\s+)?(?:"
    + "|".join(sorted(_RU_ORD_STEMS, key=len, reverse=True))
    + r")" + RU_ORD_ENDING
)

_RU_CARD = {
    "один": 1, "одна": 1, "одну": 1, "одного": 1, "одной": 1, "два": 2, "две": 2,
    "двух": 2, "три": 3, "трёх": 3, "трех": 3, "четыре": 4, "четырёх": 4, "четырех": 4,
    "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7, "восемь": 8,
    "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
    "пятнадцать": 15, "пятнадцати": 15, "двадцать": 20, "двадцати": 20,
    "тридцать": 30, "тридцати": 30, "полтора": 1.5, "полгода": 0.5,
}
COUNT_WORD = (
    r"(?:" + "|".join(sorted(list(_EN_UNITS) + list(_RU_CARD) + ["a", "an", "couple of",
    "couple", "few"], key=len, reverse=True)) + r")"
)


def day_word_value(word: str) -> int | None:
    """Day of month for an ordinal or cardinal word: "twenty-first", "восемнадцатого"."""
    w = re.sub(r"[\s-]+", " ", word.strip().casefold())
    parts = w.split(" ")
    total = 0
    for part in parts:
        if part in _EN_ORD:
            total += _EN_ORD[part]
        elif part in _EN_UNITS:
            total += _EN_UNITS[part]
        elif part in ("двадцать", "тридцать"):
            total += 20 if part == "двадцать" else 30
        else:
            for stem in sorted(_RU_ORD_STEMS, key=len, reverse=True):
                if part.startswith(stem):
                    total += _RU_ORD_STEMS[stem]
                    break
            else:
                return None
    return total if 1 <= total <= 31 else None


def count_value(word: str) -> float | None:
    """The number a count word or numeral stands for: "three", "3", "две", "a"."""
    w = word.strip().casefold()
    if w.isdigit():
        return int(w)
    if w in ("a", "an"):
        return 1
    if w.startswith("couple"):
        return 2
    if w == "few":
        return 3
    if w in _EN_UNITS:
        return _EN_UNITS[w]
    return _RU_CARD.get(w)


ROMAN = {"xix": 19, "xx": 20, "xxi": 21, "xxii": 22}

# --- calendar helpers ------------------------------------------------------------


def month_end(y: int, m: int) -> dt.date:
    if m == 12:
        return dt.date(y, 12, 31)
    return dt.date(y, m + 1, 1) - dt.timedelta(days=1)


def add_months(d: dt.date, n: int) -> dt.date:
    """`d` moved by `n` months, clamped to the month's last day (Jan 31 + 1 = Feb 28)."""
    idx = d.year * 12 + d.month - 1 + n
    y, m = divmod(idx, 12)
    m += 1
    if not 1 <= y <= 9999:
        raise ValueError("year out of range")
    return dt.date(y, m, min(d.day, month_end(y, m).day))


def quarter_bounds(y: int, q: int) -> tuple[dt.date, dt.date]:
    first = 3 * (q - 1) + 1
    return dt.date(y, first, 1), month_end(y, first + 2)


def week_start(d: dt.date) -> dt.date:
    """Monday of the ISO week holding `d`."""
    return d - dt.timedelta(days=d.weekday())


def easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a = y % 19
    b, c = divmod(y, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(y, month, day + 1)


def orthodox_easter(y: int) -> dt.date:
    """Orthodox Easter Sunday in the Gregorian calendar (Meeus' Julian algorithm)."""
    a, b, c = y % 4, y % 7, y % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    julian = dt.date(y, month, day + 1)
    return julian + dt.timedelta(days=(y // 100) - (y // 400) - 2)


def nth_weekday(y: int, m: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based; -1 = last) `weekday` of month m."""
    if n > 0:
        first = dt.date(y, m, 1)
        shift = (weekday - first.weekday()) % 7
        return first + dt.timedelta(days=shift + 7 * (n - 1))
    last = month_end(y, m)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


_F = re.IGNORECASE | re.UNICODE
LB = r"(?<![^\W\d_])"  # not right after a letter
RB = r"(?![^\W\d_])"  # not right before a letter
YEAR = r"(?:1[0-9]\d\d|20\d\d|21\d\d)"
# Russian year words after a number: "2015 год", "2014 г", "в 2027 г.", "2025-2030 гг."
YSUF = r"(?:(?:-?(?:му|м|го|й)(?=\s))?\s*(?:гг?\.|гг?(?![^\W\d_])|год(?:а|у|ом|ах|ов|ы)?(?![^\W\d_])))"  # "к 2030-му году"


_U = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_W99 = rf"(?:{_TENS}(?:[- ]{_U})?|{_TEEN}|{_U})"
_W99_NO_UNIT = rf"(?:{_TENS}(?:[- ]{_U})?|{_TEEN})"
# "nineteen eighty six", "seventeen hundred thirty three", "two thousand and fifteen";
# "twenty nine" is a day, so "twenty" years need a tens or teens word ("twenty twenty").
YEAR_WORDS = (
    rf"(?:(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\s+"
    rf"(?:hundred(?:\s+(?:and\s+)?{_W99})?|{_W99_NO_UNIT})"
    rf"|twenty\s+{_W99_NO_UNIT}|two\s+thousand(?:\s+(?:and\s+)?{_W99})?)(?![^\W\d_])"
)
_NUM_WORD = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}


def _year_words_value(txt: str) -> int | None:
    words = [w for w in re.split(r"[\s-]+", txt.casefold()) if w and w != "and"]
    if len(words) >= 2 and words[0] == "two" and words[1] == "thousand":
        return 2000 + sum(_NUM_WORD.get(w, 0) for w in words[2:])
    if not words or words[0] not in _NUM_WORD:
        return None
    century = _NUM_WORD[words[0]]
    rest = words[1:]
    if rest and rest[0] == "hundred":
        rest = rest[1:]
    return century * 100 + sum(_NUM_WORD.get(w, 0) for w in rest)


def _mon(g: str) -> str:
    return rf"{LB}(?P<{g}>{MONTH_NAMES}){RB}\.?"


def _daynum(g: str) -> str:
    # "04th", "1-е", "3-его", "18-го", "31-ое"
    return rf"(?P<{g}>[0-3]?\d)(?!\d)(?:st|nd|rd|th|-?(?:ого|его|ое|го|е|ье))?"


def _dayword(g: str) -> str:
    return rf"{LB}(?P<{g}>{EN_DAY_WORD}|{RU_DAY_WORD}|{EN_DAY_CARDINAL}(?:[- ]{EN_DAY_CARDINAL})?){RB}"


# How far a relative word steps from the publication period ("next" 1, "прошлого" -1);
# the Russian words are stems.
_REL_STEP = {
    "this": 0, "current": 0, "same": 0, "last": -1, "past": -1, "previous": -1, "prior": -1,
    "next": 1, "coming": 1, "upcoming": 1, "following": 1,
    "эт": 0, "текущ": 0, "нынешн": 0, "прошл": -1, "предыдущ": -1, "позапрошл": -2,
    "следующ": 1, "будущ": 1, "наступающ": 1,
}
