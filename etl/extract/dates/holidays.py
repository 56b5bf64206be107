"""Holiday patterns: fixed and computed holidays (Christmas, Easter and the feasts that
move with it, Thanksgiving, День Победы, ...) and the lunar and lunisolar feasts of
etl.extract.dates.feasts, each read with its year or the year closest to publication.

May import: the standard library and etl.extract.dates.registry / .words / .feasts.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from etl.extract.dates.feasts import FEASTS, feast_dates
from etl.extract.dates.registry import _Ctx, _Hit, _rel_hit, _safe_date, pattern
from etl.extract.dates.words import LB, RB, YEAR, YEAR_WORDS, YSUF, _F, _year_words_value


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


_HOLIDAYS: list[tuple[str, Callable]] = [
    (r"christmas\s+eve", _fixed(12, 24)),
    (r"(?:christmas|xmas)(?:\s+day)?", _fixed(12, 25)),
    (r"independence\s+day", _fixed(7, 4)),
    (r"new\s+year'?s?\s+eve", _fixed(12, 31)),
    (r"new\s+year'?s?\s+day", _fixed(1, 1)),
    (r"valentine'?s?\s+day", _fixed(2, 14)),
    (r"halloween", _fixed(10, 31)),
    (r"(?:st\.?|saint)\s+(?:patrick|paddy)'?s?(?:\s+day)?", _fixed(3, 17)),
    (r"the\s+ides\s+of\s+march", _fixed(3, 15)),
    (r"earth\s+day", _fixed(4, 22)),
    (r"world\s+vegan\s+day", _fixed(11, 1)),
    (r"juneteenth", _fixed(6, 19)),
    (r"international\s+workers'?\s+day", _fixed(5, 1)),
    (r"boss(?:'?s'?)?\s+day", _bosses_day),
    (r"(?:koningsdag|king'?s\s+day)", _kings_day),
    (r"thanksgiving(?:\s+day)?", _nth(11, 3, 4)),
    (r"black\s+friday", _nth(11, 3, 4, 1)),
    (r"(?:mlk|martin\s+luther\s+king(?:'s|s)?)(?:\s+jr\.?)?\s+day|civil\s+rights\s+day", _nth(1, 0, 3)),
    (r"memorial\s+day", _nth(5, 0, -1)),
    (r"mother'?s\s+day", _nth(5, 6, 2)),
    (r"father'?s\s+day", _nth(6, 6, 3)),
    (r"orthodox\s+(?:easter|pascha)(?:\s+sunday)?", _easter_off(0, True)),
    (r"orthodox\s+(?:good|great)\s+friday", _easter_off(-2, True)),
    (r"(?:clean\s+monday|orthodox\s+shrove\s+monday)", _easter_off(-48, True)),
    (r"lazarus\s+saturday", _easter_off(-8, True)),
    (r"great\s+fast", _great_fast),
    (r"easter\s+mon(?:day)?", _easter_off(1)),
    (r"easter(?:\s+sunday)?", _easter_off(0)),
    (r"good\s+friday", _easter_off(-2)),
    (r"(?:maundy\s+thursday|covenant\s+thu(?:rsday)?|thu(?:rsday)?\s+of\s+mysteries)", _easter_off(-3)),
    (r"(?:palm|branch)\s+sunday", _easter_off(-7)),
    (r"(?:pentecost|whit(?:e)?\s+sunday)", _easter_off(49)),
    (r"(?:whit\s+monday|monday\s+of\s+the\s+holy\s+spirit)", _easter_off(50)),
    (r"trinity\s+sunday", _easter_off(56)),
    (r"ash\s+wednesday", _easter_off(-46)),
    (r"(?:mardi\s+gras|pancake\s+day|shrove\s+tuesday)", _easter_off(-47)),
    (r"lent", _lent),
    # Russian: Orthodox feasts and state holidays
    (r"рождеств[оау](?:\s+христов[оау])?", _fixed(1, 7)),
    (r"нов(?:ый|ого|ому)\s+год(?:а|у)?", _fixed(1, 1)),
    (r"пасх[аиуе]", _easter_off(0, True)),
    (r"д(?:ень|ня|ню)\s+победы", _fixed(5, 9)),
    (r"д(?:ень|ня|ню)\s+росси[ия]", _fixed(6, 12)),
    (r"д(?:ень|ня|ню)\s+народного\s+единства", _fixed(11, 4)),
]
_FEASTS: list[tuple[str, Callable]] = [
    (rx, (lambda y, k=key: feast_dates(k, y))) for rx, key in FEASTS
]


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
_HOLIDAY_ONE = [(re.compile(rx + "$", _F), fn) for rx, fn in _HOLIDAYS]
_FEAST_RX = _holiday_rx(_FEASTS)
_FEAST_ONE = [(re.compile(rx + "$", _F), fn) for rx, fn in _FEASTS]


@pattern(_HOLIDAY_RX.pattern, needs="hwu", alternatives=[rx for rx, _ in _HOLIDAYS])
def _holiday(m: re.Match, ctx: _Ctx) -> _Hit | None:
    name = m["h"]
    if name.casefold() == "lent" and not (m["y"] or m["yw"]):
        return None  # "lent" is mostly the verb
    if re.fullmatch(r"нов\w+\s+год\w*", name, _F) and not name[0].isupper():
        return None  # "новый год" in lower case is "a new year", not New Year's Day
    return _holiday_hit(m, ctx, _HOLIDAY_ONE)


@pattern(_FEAST_RX.pattern, needs="h", alternatives=[rx for rx, _ in _FEASTS])
def _feast(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """Lunar and lunisolar feasts: dates from etl.extract.dates.feasts."""
    return _holiday_hit(m, ctx, _FEAST_ONE)


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
