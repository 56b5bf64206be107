"""Selection and combination of hits: the longest non-overlapping hits are kept, a
weekday next to a date attached to it, offsets ("two days after 5 March") and anchors
("the week of the 18th") applied, neighbours joined into ranges ("from X to Y",
"с X по Y"), and the day ranges sharing one month ("July 13-15", "13 - 15 июля"),
whose patterns are registered last.

May import: the standard library, etl.extract.gates and etl.extract.dates.registry /
.words / .absolute / .relative.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from etl.extract.dates.absolute import _YEARPART, _may_ok, _year_of
from etl.extract.dates.registry import _Ctx, _Hit, _day_hit, _safe_date, pattern
from etl.extract.dates.relative import _NUM, _UNIT_EN, _shift
from etl.extract.dates.words import (
    LB,
    MONTH_EN,
    RB,
    WEEKDAY_EN,
    WEEKDAY_EN_ABBR,
    WEEKDAY_RU,
    WEEKDAY_OTHER,
    WEEKDAY_RU_ABBR,
    _F,
    _daynum,
    _mon,
    count_value,
    month_end,
    month_number,
    week_start,
    weekday_number,
)
from etl.extract.gates import first_char_checked


# ---------------------------------------------------------------------------
# selection, combination, modifiers

# every language's weekday names: "Tue May 9", and "miércoles 5 noviembre" once rows say so
_WD_ANY = "(?:" + "|".join(rx for rx in (WEEKDAY_EN, WEEKDAY_EN_ABBR, WEEKDAY_RU, WEEKDAY_RU_ABBR, WEEKDAY_OTHER) if rx) + ")"
_WD_BEFORE = first_char_checked(
    re.compile(rf"{LB}(?:(?:this|next|last|coming)\s+)?(?P<wd>{_WD_ANY})\.?,?\s*[-(]?\s*(?:the\s+)?$", _F))
_WD_AFTER = re.compile(rf"^\s*,?\s*(?P<wd>{_WD_ANY}){RB}\.?", _F)


def _attach_weekday(h: _Hit, ctx: _Ctx) -> None:
    """"Tue May 9", "Воскресенье, 10 фев.", "Jul 18, Fri": take the weekday in, and let
    it choose the year when none is written."""
    if h.grain != "day" or h.kind == "weekday" or h.m is None or h.d is None:
        return
    text = ctx.text
    wd_m = _WD_BEFORE.search(text[max(0, h.s - 16):h.s])
    new_s, new_e = h.s, h.e
    wd = None
    if wd_m:
        wd = weekday_number(wd_m["wd"])
        new_s = h.s - (len(text[max(0, h.s - 16):h.s]) - wd_m.start())
    else:
        am = _WD_AFTER.match(text[h.e:h.e + 16])
        if am:
            wd = weekday_number(am["wd"])
            new_e = h.e + am.end()
    if wd is None:
        return
    h.s, h.e = new_s, new_e
    if not h.year_explicit and ctx.pub is not None:
        # nearest year (either way) in which that month and day fall on that weekday
        best = None
        for k in range(0, 2):
            for y in (ctx.pub.year + k, ctx.pub.year - k):
                c = _safe_date(y, h.m, h.d)
                if c and c.weekday() == wd and (best is None or abs((c - ctx.pub).days) < abs((best - ctx.pub).days)):
                    best = c
            if best:
                break
        if best:
            h.lo = h.hi = best
            h.y = best.year


_ANCHOR = first_char_checked(re.compile(
    rf"{LB}{_NUM}\s+{_UNIT_EN}\s+(?P<dir>before|after|from|since)\s+$", _F
))
_WEEK_OF = first_char_checked(re.compile(
    rf"{LB}(?:the\s+)?(?:week\s+of|w/c|week\s+(?:beginning|starting|commencing)(?:\s+on)?)\s+(?:the\s+)?$", _F))


def _apply_offsets(hits: list[_Hit], ctx: _Ctx) -> list[_Hit]:
    """"thanksgiving in 9 months", "March in a year": the holiday or month of the year
    the offset lands in ("in a year" and "3 years ago" name that year's), nearest to
    that day."""
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        a = hits[i]
        if a.maker is not None and i + 1 < len(hits):
            b = hits[i + 1]
            if b.kind == "offset" and b.m and not ctx.text[a.e:b.s].strip():
                target = dt.date.fromordinal(b.m)
                best = None
                # "thanksgiving in 3 years", "Diwali six years hence": years count whole
                # years, so the holiday of the year the offset lands in; months and days
                # ("in 9 months") take the occurrence nearest the target day.
                years = (target.year,) if b.grain == "month" else (target.year - 1, target.year, target.year + 1)
                for y in years:
                    v = a.maker(y) if 1 <= y <= 9999 else None
                    if v and len(years) > 1 and ctx.pub is not None and (v[0] < ctx.pub) != (target < ctx.pub):
                        continue  # "3 months ago" looks back, "in 9 months" ahead
                    if v and (best is None or abs((v[0] - target).days) < abs((best[0] - target).days)):
                        best = v
                if best:
                    a.lo, a.hi, a.e = best[0], best[1], b.e
                    a.y, a.year_explicit = best[1].year, True
                    out.append(a)
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _apply_anchors(hits: list[_Hit], ctx: _Ctx) -> None:
    """"3 days after January 12th", "three weeks from tomorrow", "2 weeks before May 13
    1999": move a day by the stated amount. "the week of April 10th": the Monday-to-
    Sunday week holding the day."""
    text = ctx.text
    for h in hits:
        if h.grain != "day" or h.lo is None or not h.resolved:
            continue
        before = text[max(0, h.s - 40):h.s]
        am = _ANCHOR.search(before)
        if am:
            n = count_value(am["n"])
            if n is None:
                continue
            sign = -1 if am["dir"].casefold() == "before" else 1
            try:
                d = _shift(h.lo, am["unit"], sign * n)
            except (ValueError, OverflowError):
                continue
            h.lo = h.hi = d
            h.s -= len(am.group(0))
            h.kind = "anchored"
            continue
        wm = _WEEK_OF.search(before)
        if wm:
            ws = week_start(h.lo)
            h.lo, h.hi, h.grain = ws, ws + dt.timedelta(days=6), "week"
            h.s -= len(wm.group(0))


def _select(hits: list[_Hit]) -> list[_Hit]:
    """Longest hits first; drop any that overlap one already kept."""
    hits.sort(key=lambda h: (-(h.e - h.s), h.s))
    kept: list[_Hit] = []
    starts: list[int] = []  # kept spans never overlap, so sorted starts mean sorted ends
    ends: list[int] = []
    for h in hits:
        i = bisect.bisect_right(starts, h.s)
        if i > 0 and ends[i - 1] > h.s:
            continue  # the span starting at or before h runs into it
        if i < len(starts) and starts[i] < h.e:
            continue  # the next span starts inside h
        starts.insert(i, h.s)
        ends.insert(i, h.e)
        kept.append(h)
    kept.sort(key=lambda h: h.s)
    return kept


_SEP_FULL = re.compile(r"\s*(?P<sep>-|~|/|to|through|thru|till|until|and|по|до)\s*", _F)
_RANGE_PREFIX = first_char_checked(re.compile(rf"{LB}(?P<p>from|between|с|со)\s+(?:the\s+)?$", _F))


def _reresolve_year(h: _Hit, y: int) -> bool:
    """Give a day or month hit without a written year the year `y`."""
    if h.year_explicit or h.m is None:
        return False
    if h.grain == "day" and h.d is not None:
        d = _safe_date(y, h.m, h.d)
        if d is None:
            return False
        h.lo = h.hi = d
    elif h.grain == "month":
        h.lo, h.hi = dt.date(y, h.m, 1), month_end(y, h.m)
    else:
        return False
    h.y, h.resolved, h.relative = y, True, False
    return True


def _combine(hits: list[_Hit], ctx: _Ctx) -> list[_Hit]:
    """Join "X - Y", "from X to Y", "between X and Y", "с X по Y" into one range."""
    out: list[_Hit] = []
    i = 0
    text = ctx.text
    while i < len(hits):
        a = hits[i]
        if i + 1 < len(hits):
            b = hits[i + 1]
            gap = text[a.e:b.s]
            sm = _SEP_FULL.fullmatch(gap)
            if sm and a.kind not in ("weekday", "within") and b.kind not in ("within",):
                sep = sm["sep"].casefold()
                pm = _RANGE_PREFIX.search(text[max(0, a.s - 12):a.s])
                ok = True
                if sep == "and" and not (pm and pm["p"].casefold() == "between"):
                    ok = False
                if sep in ("по", "до") and not (pm and pm["p"].casefold() in ("с", "со")):
                    ok = False
                if sep == "/" and not (a.grain == b.grain == "day"):
                    ok = False
                if ok and b.year_explicit and b.y is not None and not a.year_explicit:
                    _reresolve_year(a, b.y)
                    if a.lo and b.lo and a.lo > b.lo and a.grain in ("day", "month"):
                        _reresolve_year(a, b.y - 1)
                if ok and a.lo and b.hi and a.lo > b.hi and not a.year_explicit and not b.year_explicit \
                        and a.y is not None:
                    _reresolve_year(a, a.y - 1)  # "from 10/25 to 01/25", "from Nov to March"
                if ok and a.lo and b.hi and a.resolved and b.resolved and a.lo <= b.hi:
                    s = a.s - (len(pm.group(0)) if pm else 0)
                    merged = _Hit(s, b.e, a.lo, b.hi, "range",
                                  relative=a.relative or b.relative)
                    if a.kind in ("year", "yearrange") and b.kind in ("year", "yearrange"):
                        merged.kind, merged.y = "yearrange", b.y
                    elif a.fiscal or b.fiscal:
                        merged.kind, merged.fiscal, merged.y = "fiscal", True, b.y
                        merged.grain = "fiscal_year"
                        merged.value = f"{a.lo.year}/{b.hi.year}"
                    else:
                        merged.kind, merged.y = "range", b.y
                        merged.m = b.m if b.grain in ("day", "month") else None
                        merged.d = b.d if b.grain == "day" else None
                        merged.grain = "range"
                        merged.kind = "range:" + b.grain
                    out.append(merged)
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


# Day ranges sharing one month: "July 13-15", "13 - 15 июля", "from 13th to 15th of July",
# "14. - 15.10.2018", "april 9th through 17th"
_DAYSEP = r"\s*(?:-|to|through|thru|till|until|по|and)\s*"
_DR1 = re.compile(
    rf"(?:{LB}(?:from|between|с|со)\s+)?(?:the\s+)?" + _mon("mon") + r"\s*(?:the\s+)?"
    + _daynum("d1") + _DAYSEP + r"(?:the\s+)?" + _daynum("d2")
    + rf"(?!\d|\s*{MONTH_EN}|\s*[./]\d)" + _YEARPART + "?",
    _F,
)
_DR2 = re.compile(
    rf"(?<![\d.,/])(?:{LB}(?:from|between|с|со)\s+)?(?:the\s+)?" + _daynum("d1") + _DAYSEP
    + r"(?:the\s+)?" + _daynum("d2") + r"(?:\s*of)?\s*" + _mon("mon") + _YEARPART + "?",
    _F,
)
_DR3 = re.compile(
    r"(?<![\d.,/])(?:(?:с|со|from)\s+)?(?P<d1>[0-3]?\d)\.?(?:(?P<m1>[01]?\d)\.)?\s*(?:-|/|по)\s*"
    r"(?P<d2>[0-3]?\d)\.(?P<mon>[01]?\d)\.?(?P<y>\d{4}|\d\d)?(?!\d|[.,]\d)",
    _F,
)


def _day_range(m: re.Match, ctx: _Ctx, numeric: bool) -> _Hit | None:
    g = m.group(0)
    if re.search(r"\band\b", g, _F) and not re.match(r"between", g, _F):
        return None
    if numeric:
        if "." not in g or (ctx.lang != "ru" and not re.search(r"[\u0400-\u04ff]", ctx.text[:2000])
                            and "по" not in g and not m["y"]):
            return None
        mo = int(m["mon"])
        m1 = int(m["m1"]) if m["m1"] else mo
    else:
        mo = month_number(m["mon"]) or 0
        m1 = mo
        if not _may_ok(m, "mon", ctx, True, bool(m["y"])):
            return None
    d1, d2 = int(m["d1"]), int(m["d2"])
    y = _year_of(m["y"]) if m["y"] else None
    a = _day_hit(m.start(), m.end(), y, m1, d1, ctx)
    b = _day_hit(m.start(), m.end(), y, mo, d2, ctx)
    if a is None or b is None:
        return None
    if not a.resolved or not b.resolved:
        return _Hit(m.start(), m.end(), None, None, "range", relative=True, resolved=False)
    if y is None and b.lo and a.lo and b.lo.year != a.lo.year:
        b2 = _safe_date(a.lo.year, mo, d2)
        if b2 is None:
            return None
        b.lo = b.hi = b2
    if a.lo > b.hi:
        return None
    return _Hit(m.start(), m.end(), a.lo, b.hi, "range", relative=a.relative,
                y=b.hi.year, m=mo, d=d2, kind="range:day", year_explicit=y is not None)


def _range_named(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "from March 3 to 5", "3-5 марта 2025"
    return _day_range(m, ctx, False)


def _range_numeric(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "с 10.03 по 15.03.2025"
    return _day_range(m, ctx, True)


# Registered last: a window's day ranges follow its other hits, as they always have.
pattern(_DR1, needs="m")(_range_named)
pattern(_DR2, needs="m")(_range_named)
pattern(_DR3, needs="d")(_range_numeric)
