"""The date pattern registry and the hit every pattern returns.

`@pattern(regex, needs="dm")` registers a handler once, with the anchor classes its
windows are made around (ANCHOR_CLASSES); a missing or unknown class raises
PatternError at import, naming the handler. `_PATTERNS` keeps the registration order,
which is the order hits are gathered in. Also here: `_Hit`, `_Ctx` and the helpers
that make a day, month, year or relative hit, and choose a missing year.

May import: the standard library, etl.extract.text and etl.extract.dates.words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Iterable, NamedTuple

from etl.extract.dates.words import _F, month_end
from etl.extract.text import Normalised


# ---------------------------------------------------------------------------
# internal hit


@dataclass(slots=True)
class _Hit:
    s: int
    e: int
    lo: dt.date | None
    hi: dt.date | None
    grain: str
    relative: bool = False
    resolved: bool = True
    value: str | None = None  # overrides the computed value (fiscal years)
    y: int | None = None  # explicit parts, for year inheritance in ranges
    m: int | None = None
    d: int | None = None
    year_explicit: bool = True
    kind: str = ""  # year, yearrange, fiscal, weekday, ...
    fiscal: bool = False
    open_end: str = ""  # "", "before" (../hi), "after" (lo/..)
    maker: Callable[[int], tuple[dt.date, dt.date] | None] | None = None  # the same in year y


class _Ctx:
    __slots__ = ("text", "norm", "pub", "lang")

    def __init__(self, norm: Normalised, pub: dt.date | None, lang: str | None):
        self.norm = norm
        self.text = norm.text
        self.pub = pub
        self.lang = lang


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _expand_yy(yy: int) -> int:
    # Two-digit years: 00-39 are this century, 40-99 the last ("03/18/40" is 1940).
    return 2000 + yy if yy < 40 else 1900 + yy


def _closest_day(m: int, d: int, pub: dt.date) -> dt.date | None:
    """The year for m/d written without one: the publication year (news reports the
    year's events), except across New Year, when the neighbouring year's date is
    within two months and this year's is over six away ("January 15" in a December
    story). Feb 29 takes the nearest leap year."""
    if (m, d) == (2, 29):
        cands = [c for y in range(pub.year - 8, pub.year + 9) if (c := _safe_date(y, 2, 29))]
        return min(cands, key=lambda c: abs((c - pub).days)) if cands else None
    same = _safe_date(pub.year, m, d)
    if same is None:
        return None
    if abs((same - pub).days) > 183:
        for y in (pub.year - 1, pub.year + 1):
            other = _safe_date(y, m, d)
            if other and abs((other - pub).days) <= 60:
                return other
    return same


def _closest_month(m: int, pub: dt.date) -> int:
    """The year for a month written without one: as `_closest_day`, month by month."""
    here = pub.year * 12 + pub.month - 1
    if abs(pub.year * 12 + m - 1 - here) > 6:
        for y in (pub.year - 1, pub.year + 1):
            if abs(y * 12 + m - 1 - here) <= 2:
                return y
    return pub.year


def _day_hit(s: int, e: int, y: int | None, m: int, d: int, ctx: _Ctx) -> _Hit | None:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    if y is not None:
        day = _safe_date(y, m, d)
        if day is None:
            return None
        return _Hit(s, e, day, day, "day", y=y, m=m, d=d)
    if _safe_date(2000, m, d) is None:  # 2000 is a leap year: rejects only 31/04, 30/02
        return None
    if ctx.pub is None:
        return _Hit(s, e, None, None, "day", relative=True, resolved=False, m=m, d=d,
                    year_explicit=False)
    day = _closest_day(m, d, ctx.pub)
    if day is None:
        return None
    return _Hit(s, e, day, day, "day", relative=True, y=day.year, m=m, d=d, year_explicit=False)


def _month_hit(s: int, e: int, y: int | None, m: int, ctx: _Ctx, rel: str = "") -> _Hit | None:
    if y is not None:
        return _Hit(s, e, dt.date(y, m, 1), month_end(y, m), "month", y=y, m=m)
    if ctx.pub is None:
        return _Hit(s, e, None, None, "month", relative=True, resolved=False, m=m,
                    year_explicit=False)
    p = ctx.pub
    if rel == "this":
        y = p.year
    elif rel == "next":
        y = p.year if m > p.month else p.year + 1
    elif rel == "last":
        y = p.year if m < p.month else p.year - 1
    else:
        y = _closest_month(m, p)
    return _Hit(s, e, dt.date(y, m, 1), month_end(y, m), "month", relative=True, y=y, m=m,
                year_explicit=False)


def _year_hit(s: int, e: int, y: int, kind: str = "year") -> _Hit:
    return _Hit(s, e, dt.date(y, 1, 1), dt.date(y, 12, 31), "year", y=y, kind=kind)


def _rel_hit(s: int, e: int, lo: dt.date | None, hi: dt.date | None, grain: str,
             ctx: _Ctx) -> _Hit:
    if ctx.pub is None:
        return _Hit(s, e, None, None, grain, relative=True, resolved=False)
    return _Hit(s, e, lo, hi, grain, relative=True)


# ---------------------------------------------------------------------------
# base patterns. Each handler gets the match and returns a hit or None.

_Handler = Callable[[re.Match, _Ctx], "_Hit | None"]

# The anchor classes a pattern may need: its windows are made around the tokens of
# these classes (every match holds one). See anchors._token_class.
ANCHOR_CLASSES = {
    "d": "a run of digits",
    "m": "a month name",
    "w": "a weekday name",
    "u": "a unit of time (week, years, квартал)",
    "r": "a relative day word (today, вчера, ago, через)",
    "f": "a business abbreviation (EOM, YTD, FY)",
    "h": "a holiday name",
    "y": "a year in words (nineteen, twenty, thousand)",
}


class PatternError(ValueError):
    """A date pattern registered without what it needs: raised at import, naming it."""


class Pattern(NamedTuple):
    """One registered date pattern, in registration order (the order hits are gathered in)."""

    rx: re.Pattern
    handler: _Handler
    needs: str  # anchor classes (ANCHOR_CLASSES) its windows are made around
    alternatives: tuple[str, ...] = ()  # a long alternation gated branch by branch (holidays)


_PATTERNS: list[Pattern] = []


def pattern(regex: str | re.Pattern, *, needs: str | None = None, flags: int = _F,
            alternatives: Iterable[str] = ()) -> Callable[[_Handler], _Handler]:
    """Register the decorated handler for `regex`, run only in windows around the anchor
    tokens of the classes in `needs` ("dm": a digit or a month name). A missing or unknown
    class raises PatternError at import, naming the handler: a pattern that cannot be
    dispatched must fail the first test, not reject every document at build time."""
    compiled = regex if isinstance(regex, re.Pattern) else re.compile(regex, flags)
    alts = tuple(alternatives)

    def register(fn: _Handler) -> _Handler:
        name = getattr(fn, "__name__", repr(fn))
        if not needs:
            raise PatternError(f"date pattern {name}: needs= is missing (anchor classes: {''.join(ANCHOR_CLASSES)})")
        unknown = sorted(set(needs) - set(ANCHOR_CLASSES))
        if unknown:
            raise PatternError(f"date pattern {name}: unknown anchor class {''.join(unknown)!r} in "
                               f"needs={needs!r} (known: {''.join(ANCHOR_CLASSES)})")
        _PATTERNS.append(Pattern(compiled, fn, needs, alts))
        return fn

    return register


def _orig_char(ctx: _Ctx, i: int) -> str:
    s, e = ctx.norm.span(i, i + 1)
    return ctx.norm.original[s:e]
