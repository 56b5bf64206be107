"""Holiday patterns: fixed and computed holidays (Christmas, Easter and the feasts that
move with it, Thanksgiving, День Победы, ...) and the lunar and lunisolar feasts of
etl.extract.dates.feasts, each read with its year or the year closest to publication.

The names are rows of etl/extract/lexicon/holidays.csv (holiday, word, lang, pattern),
one per name form and language; the date rules stay here (RULES) and in feasts.py
(FEASTS), keyed by the `holiday` column. A row naming no rule, or a rule no row names,
fails the import with the file and line.

May import: the standard library, etl.extract.lexicon and etl.extract.dates.registry /
.words / .feasts.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Callable

from etl.extract import lexicon
from etl.extract.dates.feasts import FEASTS, feast_dates
from etl.extract.dates.registry import _Ctx, _Hit, _rel_hit, _safe_date, pattern
from etl.extract.dates.words import LB, RB, YEAR, YEAR_WORDS, YSUF, _F, _year_words_value
from etl.extract.lexicon import alternatives


# --- holidays ------------------------------------------------------------------
def _fixed(mo: int, d: int) -> Callable[[int], dt.date | tuple[dt.date, dt.date] | None]:
    return lambda y: _safe_date(y, mo, d)


def _easter_off(k: int, orthodox: bool = False) -> Callable[[int], dt.date]:
    from etl.extract.dates.words import easter, orthodox_easter
    base = orthodox_easter if orthodox else easter
    return lambda y: base(y) + dt.timedelta(days=k)


def _nth(mo: int, wd: int, n: int, plus: int = 0) -> Callable[[int], dt.date]:
    from etl.extract.dates.words import nth_weekday
    return lambda y: nth_weekday(y, mo, wd, n) + dt.timedelta(days=plus)


def _bosses_day(y: int) -> dt.date:
    d = dt.date(y, 10, 16)  # observed on the nearest weekday
    return d - dt.timedelta(days=1) if d.weekday() == 5 else d + dt.timedelta(days=1) if d.weekday() == 6 else d


def _kings_day(y: int) -> dt.date:
    d = dt.date(y, 4, 27)  # moved to the Saturday before when it falls on a Sunday
    return d - dt.timedelta(days=1) if d.weekday() == 6 else d


def _lent(y: int) -> tuple[dt.date, dt.date]:
    from etl.extract.dates.words import easter
    e = easter(y)
    return e - dt.timedelta(days=46), e - dt.timedelta(days=1)


def _great_fast(y: int) -> tuple[dt.date, dt.date]:
    from etl.extract.dates.words import orthodox_easter
    e = orthodox_easter(y)
    return e - dt.timedelta(days=48), e - dt.timedelta(days=9)


# The date rules, by the key the names in etl/extract/lexicon/holidays.csv give: a rule is
# arithmetic (a fixed day, an offset from Easter, the n-th weekday of a month), which no
# row can say; a name in another language is a row naming the same key.
RULES: dict[str, Callable[[int], dt.date | tuple[dt.date, dt.date] | None]] = {
    "christmas_eve": _fixed(12, 24),
    "christmas": _fixed(12, 25),
    "independence_day": _fixed(7, 4),
    "new_years_eve": _fixed(12, 31),
    "new_years_day": _fixed(1, 1),
    "valentines_day": _fixed(2, 14),
    "halloween": _fixed(10, 31),
    "st_patricks_day": _fixed(3, 17),
    "ides_of_march": _fixed(3, 15),
    "earth_day": _fixed(4, 22),
    "world_vegan_day": _fixed(11, 1),
    "juneteenth": _fixed(6, 19),
    "workers_day": _fixed(5, 1),
    "bosses_day": _bosses_day,
    "kings_day": _kings_day,
    "thanksgiving": _nth(11, 3, 4),
    "black_friday": _nth(11, 3, 4, 1),
    "mlk_day": _nth(1, 0, 3),
    "memorial_day": _nth(5, 0, -1),
    "mothers_day": _nth(5, 6, 2),
    "fathers_day": _nth(6, 6, 3),
    "orthodox_easter": _easter_off(0, True),
    "orthodox_good_friday": _easter_off(-2, True),
    "clean_monday": _easter_off(-48, True),
    "lazarus_saturday": _easter_off(-8, True),
    "great_fast": _great_fast,
    "easter_monday": _easter_off(1),
    "easter": _easter_off(0),
    "good_friday": _easter_off(-2),
    "maundy_thursday": _easter_off(-3),
    "palm_sunday": _easter_off(-7),
    "pentecost": _easter_off(49),
    "whit_monday": _easter_off(50),
    "trinity_sunday": _easter_off(56),
    "ash_wednesday": _easter_off(-46),
    "shrove_tuesday": _easter_off(-47),
    "lent": _lent,
    "orthodox_christmas": _fixed(1, 7),
    "victory_day": _fixed(5, 9),
    "russia_day": _fixed(6, 12),
    "unity_day": _fixed(11, 4),
}
_HOLIDAY_NEEDS, _FEAST_NEEDS = "hwu", "h"  # the anchor classes each pattern runs around

NAMES = lexicon.table("holidays", ("holiday", "word", "lang", "pattern"))


def _name_rx(row: dict[str, str]) -> str:
    r"""A row as a regex alternative: a literal as written, a space matching any spaces
    ("christmas eve" -> christmas\s+eve), a pattern row as is. Not alternatives.literal:
    the pattern's LB and RB bound the name, and a \b would lose "Christmas2027"."""
    if row["pattern"] == "no":
        return r"\s+".join(re.escape(part) for part in row["word"].split())
    try:
        return alternatives.piece(NAMES, row, _F)
    except lexicon.LexiconError as e:  # name the line: "holidays.csv:210: 'x(': not a regular expression"
        raise NAMES.error(row, str(e).split(': ', 1)[1]) from None


def _names() -> tuple[list[tuple[str, Callable]], list[tuple[str, Callable]], list[tuple[str, str]]]:
    """(regex, rule) of each holiday row and of each feast row, in file order, and
    (word, anchor classes) of each literal row; a row naming no rule, or a rule no row
    names, fails the import."""
    feasts = {k: (lambda y, k=k: feast_dates(k, y)) for k in FEASTS}
    holidays: list[tuple[str, Callable]] = []
    lunar: list[tuple[str, Callable]] = []
    literals: list[tuple[str, str]] = []
    for row in NAMES.rows:
        key = row["holiday"]
        if key not in RULES and key not in feasts:
            raise NAMES.error(row, f"unknown holiday {key!r} "
                                       f"(a key of etl.extract.dates.holidays.RULES or feasts.FEASTS)")
        in_rules = key in RULES
        (holidays if in_rules else lunar).append((_name_rx(row), RULES[key] if in_rules else feasts[key]))
        if row["pattern"] == "no":
            literals.append((row["word"], _HOLIDAY_NEEDS if in_rules else _FEAST_NEEDS))
    unnamed = sorted((set(RULES) | set(feasts)) - set(NAMES.column("holiday")))
    if unnamed:
        raise lexicon.LexiconError(f"{NAMES.path}: no row names the holiday {', '.join(unnamed)}")
    return holidays, lunar, literals


_HOLIDAYS, _FEASTS, LITERALS = _names()


def _holiday_rx(table: list[tuple[str, Callable]]) -> re.Pattern:
    return re.compile(
        rf"{LB}(?:(?P<rel>this|next|last|previous|following|coming)\s+)?(?P<h>"
        + "|".join(f"(?:{rx})" for rx, _ in table)
        + rf"){RB}(?:\s+(?:of\s+|in\s+)?(?P<y>{YEAR})(?!\d){YSUF}?"
        rf"|\s+(?:of\s+|in\s+)?(?P<yw>{YEAR_WORDS})"
        rf"|\s+of\s+(?P<yrel>this|next|last)\s+year{RB})?",
        _F,
    )


_HOLIDAY_RX = _holiday_rx(_HOLIDAYS)
_FEAST_RX = _holiday_rx(_FEASTS)


@functools.cache
def _whole_names(table: str) -> list[tuple[re.Pattern, Callable]]:
    """Each row of the holiday (or feast) table as a regex of a whole name, with its rule:
    the rule of a name found is the first row, in file order, that the whole name matches.
    Compiled when a first name is found, not at import (~200 rows)."""
    return [(re.compile(f"(?:{rx})$", _F), fn) for rx, fn in (_HOLIDAYS if table == "holidays" else _FEASTS)]


@pattern(_HOLIDAY_RX.pattern, needs=_HOLIDAY_NEEDS, alternatives=[rx for rx, _ in _HOLIDAYS])
def _holiday(m: re.Match, ctx: _Ctx) -> _Hit | None:
    name = m["h"]
    if name.casefold() == "lent" and not (m["y"] or m["yw"]):
        return None  # "lent" is mostly the verb
    if re.fullmatch(r"нов\w+\s+год\w*", name, _F) and not name[0].isupper():
        return None  # "новый год" in lower case is "a new year", not New Year's Day
    return _holiday_hit(m, ctx, _whole_names("holidays"))


@pattern(_FEAST_RX.pattern, needs=_FEAST_NEEDS, alternatives=[rx for rx, _ in _FEASTS])
def _feast(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """Lunar and lunisolar feasts: dates from etl.extract.dates.feasts."""
    return _holiday_hit(m, ctx, _whole_names("feasts"))


def _holiday_hit(m: re.Match, ctx: _Ctx, table: list[tuple[re.Pattern, Callable]]) -> _Hit | None:
    name = m["h"]
    fn = next((f for rx, f in table if rx.match(name)), None)
    if fn is None:
        return None

    def make(y: int) -> tuple[dt.date, dt.date] | None:
        v = fn(y)
        if v is None:
            return None
        return v if isinstance(v, tuple) else (v, v)

    def hit(b: tuple[dt.date, dt.date], rel: bool) -> _Hit:
        return _Hit(m.start(), m.end(), b[0], b[1], "day" if b[0] == b[1] else "range", relative=rel,
                    kind="holiday", maker=make if rel else None)

    year = int(m["y"]) if m["y"] else _year_words_value(m["yw"]) if m["yw"] else None
    if year is not None:
        b = make(year)
        return hit(b, False) if b else None
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "day", ctx)
    p = ctx.pub
    if m["yrel"]:
        b = make(p.year + {"this": 0, "next": 1, "last": -1}[m["yrel"].casefold()])
        return hit(b, True) if b else None
    # A holiday named without a year is its next occurrence (publication day included),
    # "last Easter" the one before; see docs/eval-differences-dates.md.
    rel = (m["rel"] or "").casefold()
    if rel in ("last", "previous"):
        for y in (p.year, p.year - 1, p.year - 2):
            b = make(y)
            if b and b[0] < p:
                return hit(b, True)
        return None
    for y in (p.year, p.year + 1, p.year + 2):  # some feasts skip a Gregorian year
        b = make(y)
        if b and b[1] >= p:
            if rel == "following":
                b2 = make(y + 1)
                return hit(b2, True) if b2 else None
            return hit(b, True)
    return None
