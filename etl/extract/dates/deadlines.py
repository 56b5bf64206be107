"""Deadlines from the prefixes and suffixes around a date ("by", "until", "before",
"within", "к", "до", "the three years to 2026") and from a future "in 2026" in a
sentence about plans; also how each prefix changes the date span it reads.

May import: the standard library, etl.extract.gates and etl.extract.dates.registry /
.words / .absolute.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from etl.extract.dates.registry import _Ctx, _Hit
from etl.extract.dates.words import LB, _F, month_end
from etl.extract.gates import first_char_checked


_PREFIX = first_char_checked(re.compile(
    r"(?:(?<![^\W\d_])(?P<w>by|until|till|through|thru|up\s+to|no\s+later\s+than|not\s+later\s+than|"
    r"before|prior\s+to|after|since|starting(?:\s+(?:on|from|in))?|beginning(?:\s+(?:on|in))?|"
    r"as\s+of|as\s+early\s+as|as\s+late\s+as|later\s+than|earlier\s+than|"
    r"к|до|вплоть\s+до|не\s+позднее|не\s+позже|не\s+ранее|начиная\s+с|после|с|со|"
    # "over the three years to 2026" (Reuters): a period that ends then
    r"(?<=years\s)to|(?<=year\s)to|(?<=months\s)to|(?<=period\s)to|(?<=decade\s)to)"
    r"(?:\s+the)?\s+)$",
    _F,
))
_SUFFIX = re.compile(
    r"^\s*(?:(?P<later>or\s+later(?!\s+than)|and\s+later(?!\s+than)|and\s+after(?=\s*(?:[.,;!?)]|$))|onwards?|and\s+beyond|and\s+greater|или\s+позже|и\s+далее)"
    r"|(?P<earlier>or\s+earlier|and\s+before|and\s+earlier))(?![^\W\d_])",
    _F,
)

# Deadline relation and how the date span reads for each prefix.
_PREFIX_KIND = {
    "by": ("by", "point"), "к": ("by", "point"),
    "until": ("until", "until"), "till": ("until", "until"), "through": ("until", "until"),
    "thru": ("until", "until"), "up to": ("until", "until"), "no later than": ("by", "until"),
    "not later than": ("by", "until"), "до": ("until", "until"), "вплоть до": ("until", "until"),
    "не позднее": ("by", "until"), "не позже": ("by", "until"),
    "before": ("by", "before"), "prior to": ("by", "before"), "earlier than": (None, "before"),
    "as late as": (None, "until"),
    "after": (None, "after"), "later than": (None, "after"), "после": (None, "after"),
    "since": (None, "since"), "starting": (None, "since"), "starting on": (None, "since"),
    "starting from": (None, "since"), "starting in": (None, "since"), "beginning": (None, "since"),
    "beginning on": (None, "since"), "beginning in": (None, "since"), "as early as": (None, "since"),
    "начиная с": (None, "since"), "с": (None, "since"), "со": (None, "since"),
    "не ранее": (None, "since"), "as of": (None, "point"), "to": ("until", "point"),
}


@dataclass(slots=True)
class _Deadline:
    s: int
    e: int
    year: int | None
    date: str | None
    precision: str
    relation: str


def _next_year(d: dt.date | None) -> dt.date | None:
    if d is None:
        return None
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # February 29
        return d.replace(year=d.year + 1, day=28)


def _deadline_for(h: _Hit, relation: str, ctx: _Ctx, s: int, e: int,
                  before: bool = False) -> _Deadline | None:
    if h.hi is None or not h.resolved:
        return _Deadline(s, e, None, None, "year", relation) if relation else None
    end = h.hi
    if before and h.lo is not None:
        end = h.lo - dt.timedelta(days=1)
    if h.fiscal:
        return _Deadline(s, e, h.hi.year if not before else end.year, None, "fiscal_year", relation)
    if h.kind.startswith("part:mid"):
        # "by mid-2027": the middle of the period
        mid = h.lo + (h.hi - h.lo) / 2 if h.lo else end
        if h.grain == "range" and h.hi.month == 8 and h.hi.day == 31:
            mid = dt.date(h.hi.year, 6, 30)
        return _Deadline(s, e, mid.year, mid.isoformat(), "month", relation)
    if h.kind.startswith("part:"):
        # "by the end of 2025", "к концу года": the period's last day
        if (end.month, end.day) == (12, 31) and h.lo is not None and (end - h.lo).days > 40:
            precision = "year"
        elif end == month_end(end.year, end.month):
            precision = "month"  # "by the end of March"
        else:
            precision = "day"
        return _Deadline(s, e, end.year, end.isoformat(), precision, relation)
    grain = h.grain
    if before:
        precision = "day"
        if end.month == 12 and end.day == 31 and h.lo and h.lo.month == 1 and h.lo.day == 1:
            precision = "year"
        elif end == month_end(end.year, end.month) and h.lo and h.lo.day == 1:
            precision = "month"
        return _Deadline(s, e, end.year, end.isoformat(), precision, relation)
    precision = {"day": "day", "month": "month", "year": "year"}.get(grain, "month")
    if grain in ("range", "quarter", "half", "week"):
        if h.lo and h.lo == dt.date(h.lo.year, 1, 1) and end == dt.date(end.year, 12, 31):
            precision = "year"
        elif end == month_end(end.year, end.month):
            precision = "month"
        else:
            precision = "day"
    return _Deadline(s, e, end.year, end.isoformat(), precision, relation)


_IN_BEFORE = re.compile(rf"{LB}(?:in|during|в|во)\s+$", _F)
_FUTURE_CUE = first_char_checked(re.compile(
    r"(?<![^\W\d_])(?:will|shall|scheduled|expected|plans?|planned|aims?|aimed|intends?|intended|"
    r"targets?|targeted|set\s+to|due\s+to|is\s+to|are\s+to|to\s+be|should|goal|"
    r"будет|будут|планиру\w*|намерен\w*|должн\w*|ожида\w*|предполага\w*|станет|станут|"
    r"запуст\w*|цель\w*)(?![^\W\d_])",
    _F,
))


def _future_target(h: _Hit, ctx: _Ctx) -> bool:
    """A future year or month said in a sentence about plans ("are scheduled to come
    online in 2026", "планирует запустить в 2027 году") is a target date."""
    if h.open_end or not h.resolved or h.hi is None or h.relative:
        return False
    if h.grain not in ("year", "month", "quarter", "half"):
        return False
    text = ctx.text
    if not _IN_BEFORE.search(text[max(0, h.s - 4):h.s]):
        return False
    if ctx.pub is not None and h.hi.year <= ctx.pub.year and h.hi < ctx.pub:
        return False
    start = max(0, h.s - 160)
    cut = max(text.rfind(".", start, h.s), text.rfind("\n", start, h.s), text.rfind(";", start, h.s))
    return bool(_FUTURE_CUE.search(text, cut + 1 if cut >= 0 else start, h.s))


def _apply_modifiers(hits: list[_Hit], ctx: _Ctx) -> list[_Deadline]:
    deadlines: list[_Deadline] = []
    text = ctx.text
    for h in hits:
        pm = _PREFIX.search(text[max(0, h.s - 24):h.s])
        relation = None
        if pm:
            word = re.sub(r"\s+", " ", pm["w"].casefold())
            if word.startswith("starting"):
                word = "starting on" if word != "starting" else word
            relation, reading = _PREFIX_KIND.get(word, (None, "point"))
            if reading == "before" and h.kind.startswith(("part:end", "part:dec:end")):
                reading = "until"  # "before the end of the year" runs to December 31
            if word == "through" and h.kind == "range:day":
                reading = "point"
            if word in ("с", "со") and h.kind in ("yearrange", "range:day", "range:month", "range:year"):
                reading = "point"
            if word in ("по",):
                reading = "point"
            if h.kind == "within":
                reading = "point"
            start = h.s - len(pm.group(0))
            if relation and not h.year_explicit and h.resolved and h.hi is not None \
                    and ctx.pub is not None and h.hi < ctx.pub:
                # a deadline looks ahead: "к 1 марта", "by the end of March" in a
                # November story mean next March
                h.lo, h.hi = _next_year(h.lo), _next_year(h.hi)
            if relation:
                # the deadline is read from the period as written, before it is opened up
                dl = _deadline_for(h, relation, ctx, start, h.e, before=(reading == "before"))
                if dl:
                    deadlines.append(dl)
            if h.resolved and h.lo is not None and h.hi is not None:
                if reading == "until":
                    h.open_end, h.lo = "before", None
                elif reading == "before":
                    h.open_end, h.hi, h.lo = "before", h.lo - dt.timedelta(days=1), None
                elif reading == "after":
                    h.open_end, h.lo, h.hi = "after", h.hi + dt.timedelta(days=1), None
                elif reading == "since":
                    h.open_end, h.hi = "after", None
            if h.open_end or reading != "point":
                h.s = start  # "until 2027" is one period; "by 2030" stays the date "2030"
        else:
            sm = _SUFFIX.match(text[h.e:h.e + 20])
            if sm and h.resolved and h.lo is not None and h.hi is not None:
                if sm["later"]:
                    h.open_end, h.hi = "after", None
                else:
                    h.open_end, h.lo = "before", None
                h.e += sm.end()
        if relation is None and _future_target(h, ctx):
            # "The first 200 megawatts are scheduled to come online in 2026"
            dl = _deadline_for(h, "by", ctx, h.s - len(_IN_BEFORE.search(text[max(0, h.s - 4):h.s]).group(0)), h.e)
            if dl:
                deadlines.append(dl)
        if h.kind == "within" and relation is None:
            n = h.d
            if h.m == 1 and n is not None:  # years
                year = ctx.pub.year + n if ctx.pub else None
                deadlines.append(_Deadline(h.s, h.e, year, None, "year", "within"))
        elif h.kind == "span+" and relation is None and ctx.pub is not None:
            # "в ближайшие три года", "over the next five years"
            deadlines.append(_Deadline(h.s, h.e, h.y, None, "year", "within"))
        elif h.kind == "span+" and relation is None:
            deadlines.append(_Deadline(h.s, h.e, None, None, "year", "within"))
        elif h.kind in ("yearrange", "fiscal") and relation is None and h.hi is not None and h.lo is not None \
                and h.hi.year > h.lo.year:
            if ctx.pub is None or h.hi.year >= ctx.pub.year:
                deadlines.append(_Deadline(h.s, h.e, h.hi.year,
                                           None if h.fiscal else h.hi.isoformat(),
                                           "fiscal_year" if h.fiscal else "year", "range_end"))
    return deadlines
