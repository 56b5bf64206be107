"""Date patterns read against the publication date: today/вчера, "next week",
"3 years ago", "in two months", "within five years", "через 2 года", weekdays
("on Wednesday", "в среду"), the nth day or week of a month, "20th of next month",
"by the end of the day", EOM/YTD, ISO weeks and seasons.

May import: the standard library and etl.extract.dates.registry / .words / .absolute.
"""

from __future__ import annotations

import datetime as dt
import re

from etl.extract.dates.absolute import _named_month_period, _part_bounds
from etl.extract.dates.registry import _Ctx, _Hit, _closest_month, _rel_hit, _safe_date, pattern
from etl.extract.dates.words import (
    COUNT_WORD,
    EN_DAY_WORD,
    LB,
    MONTH_EN,
    MONTH_NAMES,
    RB,
    WEEKDAY_EN,
    WEEKDAY_EN_ABBR,
    WEEKDAY_RU,
    YEAR,
    YSUF,
    _F,
    _REL_STEP,
    _mon,
    add_months,
    count_value,
    day_word_value,
    month_end,
    month_number,
    quarter_bounds,
    week_start,
    weekday_number,
)


# --- relative words ---------------------------------------------------------------
_DAY_WORDS = {
    "today": 0, "yesterday": -1, "tomorrow": 1, "tmrw": 1, "tomorrows": 1,
    "сегодня": 0, "вчера": -1, "позавчера": -2, "позапозавчера": -3, "завтра": 1,
    "послезавтра": 2, "послепослезавтра": 3,
}


@pattern(
    rf"{LB}(?:(?P<before>(?:the\s+)?day\s+before\s+yesterday)|(?P<after>(?:the\s+)?day\s+after\s+tomorrow)"
    rf"|(?P<w>today|yesterday|tomorrows?|tmrw|позапозавчера|позавчера|вчера|сегодня|послепослезавтра|послезавтра|завтра)){RB}", needs="r",
)
def _day_word(m: re.Match, ctx: _Ctx) -> _Hit | None:
    off = -2 if m["before"] else 2 if m["after"] else _DAY_WORDS[m["w"].casefold()]
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "day", ctx)
    d = ctx.pub + dt.timedelta(days=off)
    return _rel_hit(m.start(), m.end(), d, d, "day", ctx)


def _period(unit: str, step: int, p: dt.date) -> tuple[dt.date, dt.date, str]:
    u = unit.casefold()
    if u.startswith(("week", "недел")):
        ws = week_start(p) + dt.timedelta(days=7 * step)
        return ws, ws + dt.timedelta(days=6), "week"
    if u.startswith("fortnight"):
        ws = week_start(p)
        lo = ws - dt.timedelta(days=14) if step < 0 else ws + dt.timedelta(days=7) if step > 0 else ws
        return lo, lo + dt.timedelta(days=13), "range"
    if u.startswith(("weekend",)):
        sat = week_start(p) + dt.timedelta(days=5 + 7 * step)
        return sat, sat + dt.timedelta(days=1), "week"
    if u.startswith(("month", "месяц")):
        first = add_months(p.replace(day=1), step)
        return first, month_end(first.year, first.month), "month"
    if u.startswith(("quarter", "qtr", "квартал")):
        q = (p.month - 1) // 3 + 1 + step
        y = p.year + (q - 1) // 4
        q = (q - 1) % 4 + 1
        lo, hi = quarter_bounds(y, q)
        return lo, hi, "quarter"
    if u.startswith(("decade", "десятилет")):
        y0 = (p.year // 10 + step) * 10
        return dt.date(y0, 1, 1), dt.date(y0 + 9, 12, 31), "range"
    y = p.year + step
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"


@pattern(
    rf"{LB}(?:(?:на|в|во)\s+)?(?P<rel>эт|текущ|нынешн|прошл|предыдущ|позапрошл|следующ|будущ|наступающ)"
    rf"(?:ий|ем|ей|ая|ую|его|ого|ом|ой|ый|от|а|у|им|ее|ое)\s+"
    rf"(?P<unit>недел[яеию]|месяц[еау]?|год[ау]?|квартал[еау]?|десятилети[еия])(?![^\W\d_])", needs="u",
)
@pattern(
    rf"{LB}(?:the\s+)?(?P<rel>this|current|last|past|previous|prior|next|coming|upcoming|following)\s+(?:calendar\s+)?"
    rf"(?P<unit>week(?:end)?|fortnight|month|year|yr|quarter|qtr|decade){RB}(?!\s+(?:of|ago|old)\b)", needs="u",
)
def _rel_period(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "last year", "next month", "this quarter", "the following week";
    # "в прошлом году", "на следующей неделе", "этот месяц", "в текущем квартале".
    # One handler, two patterns; decorators apply bottom-up, so English registers first, as before.
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "range", ctx)
    step = _REL_STEP[m["rel"].casefold()]
    lo, hi, grain = _period(m["unit"], step, ctx.pub)
    return _rel_hit(m.start(), m.end(), lo, hi, grain, ctx)


_UNIT_EN = r"(?P<unit>days?|weeks?|fortnights?|months?|quarters?|years?|yrs?|decades?)"
_UNIT_RU = (
    r"(?P<unit>дн(?:я|ей|ь)|день|сут(?:ок|ки)|недел(?:ю|и|ь|я|ь)|месяц(?:а|ев)?|квартал(?:а|ов)?"
    r"|год(?:а)?|лет|десятилети(?:е|я|й))"
)
_NUM = rf"(?P<n>\d{{1,3}}|{COUNT_WORD})"


def _unit_key(unit: str) -> str:
    u = unit.casefold()
    for key, prefixes in (
        ("day", ("day", "дн", "день", "сут")),
        ("fortnight", ("fortnight",)),
        ("week", ("week", "недел")),
        ("month", ("month", "месяц")),
        ("quarter", ("quarter", "квартал")),
        ("decade", ("decade", "десятилет")),
    ):
        if u.startswith(prefixes):
            return key
    return "year"


def _shift(p: dt.date, unit: str, n: float) -> dt.date:
    key = _unit_key(unit)
    if key == "day":
        return p + dt.timedelta(days=round(n))
    if key in ("week", "fortnight"):
        return p + dt.timedelta(days=round(n * (14 if key == "fortnight" else 7)))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[key] * n
    return add_months(p, round(months))


def _count(m: re.Match) -> float | None:
    return count_value(m["n"]) if m["n"] else 1


def _offset_hit(m: re.Match, ctx: _Ctx, sign: int) -> _Hit | None:
    n = _count(m)
    if n is None or n > 500:
        return None
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "day", ctx)
    try:
        d = _shift(ctx.pub, m["unit"], sign * n)
    except (ValueError, OverflowError):
        return None
    key = _unit_key(m["unit"])
    if key in ("year", "decade"):
        # "two years ago", "через 3 года": the month that many years away (Duckling's grain)
        h = _rel_hit(m.start(), m.end(), d.replace(day=1), month_end(d.year, d.month), "month", ctx)
    else:
        h = _rel_hit(m.start(), m.end(), d, d, "day", ctx)
    h.kind, h.d = "offset", None
    h.value = None
    h.y = d.year
    h.m = d.toordinal()  # the exact target day, for "thanksgiving in 9 months"
    return h


@pattern(rf"{LB}{_NUM}\s+{_UNIT_EN}\s+(?:ago|back|earlier){RB}", needs="ur")
def _ago_en(m: re.Match, ctx: _Ctx) -> _Hit | None:
    return _offset_hit(m, ctx, -1)


@pattern(rf"{LB}(?:{_NUM}\s+)?{_UNIT_RU}\s+(?:тому\s+)?назад{RB}", needs="ur")
def _ago_ru(m: re.Match, ctx: _Ctx) -> _Hit | None:
    return _offset_hit(m, ctx, -1)


@pattern(rf"{LB}in\s+(?:just\s+|about\s+|another\s+)?{_NUM}\s+{_UNIT_EN}(?:'s?\s+time)?{RB}", needs="u")
def _in_en(m: re.Match, ctx: _Ctx) -> _Hit | None:
    return _offset_hit(m, ctx, 1)


@pattern(rf"{LB}{_NUM}\s+{_UNIT_EN}\s+(?:(?P<exact>from\s+now|from\s+today)|hence|later){RB}", needs="ur")
def _hence_en(m: re.Match, ctx: _Ctx) -> _Hit | None:
    h = _offset_hit(m, ctx, 1)
    if h is not None and m["exact"] and h.grain == "month" and ctx.pub is not None:
        # "3 years from today" names the day; "two years hence" only roughly the month
        d = _shift(ctx.pub, m["unit"], _count(m) or 0)
        h.lo = h.hi = d
        h.grain = "day"
    return h


@pattern(rf"{LB}через\s+(?:{_NUM}\s+)?{_UNIT_RU}{RB}", needs="ur")
def _in_ru(m: re.Match, ctx: _Ctx) -> _Hit | None:
    return _offset_hit(m, ctx, 1)


def _span_hit(m: re.Match, ctx: _Ctx, sign: int) -> _Hit | None:
    """"last 2 weeks", "next three years", "последние 2 дня": whole units before or
    after the current one (today for days), as Duckling counts them."""
    n = _count(m)
    if n is None or n < 1 or n > 500 or n != int(n):
        return None
    n = int(n)
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "range", ctx)
    p = ctx.pub
    key = _unit_key(m["unit"])
    try:
        if key in ("day", "week", "fortnight"):
            days = n * {"day": 1, "week": 7, "fortnight": 14}[key]
            if key == "day":
                lo, hi = (p - dt.timedelta(days=days), p - dt.timedelta(days=1)) if sign < 0 else (
                    p + dt.timedelta(days=1), p + dt.timedelta(days=days))
            else:
                ws = week_start(p)
                lo, hi = (ws - dt.timedelta(days=days), ws - dt.timedelta(days=1)) if sign < 0 else (
                    ws + dt.timedelta(days=7), ws + dt.timedelta(days=6 + days))
        else:
            months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[key]
            if key == "month":
                cur = p.replace(day=1)
            elif key == "quarter":
                cur = dt.date(p.year, 3 * ((p.month - 1) // 3) + 1, 1)
            else:
                cur = dt.date(p.year, 1, 1)
            if sign < 0:
                lo, hi = add_months(cur, -months * n), cur - dt.timedelta(days=1)
            else:
                lo = add_months(cur, months)
                hi = add_months(lo, months * n) - dt.timedelta(days=1)
    except (ValueError, OverflowError):
        return None
    hit = _rel_hit(m.start(), m.end(), lo, hi, "range", ctx)
    hit.kind = "span+" if sign > 0 else "span-"
    hit.y = hi.year
    return hit


@pattern(
    rf"{LB}(?:(?:over|in|during|for|within)\s+)?(?:the\s+)?(?P<dir>last|past|previous|prior|next|coming|following|upcoming)\s+"
    rf"{_NUM}\s+{_UNIT_EN}{RB}", needs="u",
)
def _span_en(m: re.Match, ctx: _Ctx) -> _Hit | None:
    d = m["dir"].casefold()
    return _span_hit(m, ctx, -1 if d in ("last", "past", "previous", "prior") else 1)


@pattern(
    rf"{LB}(?:(?:в|за|на|в\s+течение)\s+)?(?P<dir>последни[еx]|прошедши[еx]|следующи[еx]|ближайши[еx]|предстоящи[еx])\s+"
    rf"(?:{_NUM}\s+)?{_UNIT_RU}{RB}", needs="u",
)
def _span_ru(m: re.Match, ctx: _Ctx) -> _Hit | None:
    d = m["dir"].casefold()
    if not m["n"] and _unit_key(m["unit"]) == "year" and m["unit"].casefold() in ("лет", "годы"):
        return None
    return _span_hit(m, ctx, -1 if d.startswith(("послед", "прошед")) else 1)


@pattern(rf"{LB}within\s+(?:the\s+)?(?:next\s+)?{_NUM}\s+{_UNIT_EN}{RB}", needs="u")
def _within_en(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "within 9 months": from publication to the same day nine months on, less one
    return _within_hit(m, ctx)


@pattern(rf"{LB}в\s+течение\s+(?:{_NUM}\s+)?{_UNIT_RU}{RB}", needs="u")
def _within_ru(m: re.Match, ctx: _Ctx) -> _Hit | None:
    return _within_hit(m, ctx)


def _within_hit(m: re.Match, ctx: _Ctx) -> _Hit | None:
    n = _count(m)
    if n is None or n > 500:
        return None
    if ctx.pub is None:
        hit = _rel_hit(m.start(), m.end(), None, None, "range", ctx)
    else:
        try:
            end = _shift(ctx.pub, m["unit"], n) - dt.timedelta(days=1)
        except (ValueError, OverflowError):
            return None
        hit = _rel_hit(m.start(), m.end(), ctx.pub, end, "range", ctx)
    hit.kind = "within"
    hit.value = None
    hit.d = int(n) if n == int(n) else None
    hit.m = 1 if _unit_key(m["unit"]) == "year" else 0
    return hit


# --- weekdays --------------------------------------------------------------------


def _weekday_date(wd: int, rel: str, week: str, p: dt.date) -> dt.date:
    if week:
        step = {"next": 1, "last": -1, "this": 0}[week]
        return week_start(p) + dt.timedelta(days=7 * step + wd)
    if rel in ("next", "following"):
        return week_start(p) + dt.timedelta(days=7 + wd)
    if rel in ("last", "previous"):
        return week_start(p) - dt.timedelta(days=7) + dt.timedelta(days=wd)
    if rel == "this":
        return week_start(p) + dt.timedelta(days=wd)
    if rel in ("coming", "upcoming", "this coming", "this upcoming"):
        delta = (wd - p.weekday()) % 7 or 7
        return p + dt.timedelta(days=delta)
    # bare or "this past": the most recent such day, publication day included
    return p - dt.timedelta(days=(p.weekday() - wd) % 7)


@pattern(
    rf"{LB}(?:(?P<rel>this\s+past|this\s+coming|this\s+upcoming|this|last|past|previous|next|coming|upcoming|following)\s+)?"
    rf"(?P<wd>{WEEKDAY_EN})(?:'s)?{RB}"
    rf"(?:\s+(?:of\s+)?(?P<wk>this|next|last|the\s+following|the\s+previous|the\s+next)\s+week{RB})?", needs="w",
)
def _weekday_en(m: re.Match, ctx: _Ctx) -> _Hit | None:
    wd = weekday_number(m["wd"])
    if wd is None:
        return None
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "day", ctx)
    rel = re.sub(r"\s+", " ", (m["rel"] or "").casefold())
    rel = {"past": "this past"}.get(rel, rel)
    wk = re.sub(r"^the\s+", "", (m["wk"] or "").casefold())
    wk = {"following": "next", "previous": "last"}.get(wk, wk)
    d = _weekday_date(wd, rel, wk, ctx.pub)
    hit = _rel_hit(m.start(), m.end(), d, d, "day", ctx)
    hit.kind = "weekday"
    return hit


@pattern(
    rf"{LB}(?:(?P<rel>прошл|следующ|след|эт|ближайш|будущ)(?:ый|ую|ое|ий|ее|ей|ая|от|у|о|\.)?\s+)?"
    rf"(?P<wd>{WEEKDAY_RU}){RB}(?:\s+на\s+(?P<wk>следующей|прошлой|этой)\s+неделе)?", needs="w",
)
def _weekday_ru(m: re.Match, ctx: _Ctx) -> _Hit | None:
    wd = weekday_number(m["wd"])
    if wd is None:
        return None
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "day", ctx)
    rel = {"прошл": "last", "следующ": "next", "след": "next", "эт": "this",
           "ближайш": "coming", "будущ": "next"}.get((m["rel"] or "").casefold(), "")
    wk = {"следующей": "next", "прошлой": "last", "этой": "this"}.get((m["wk"] or "").casefold(), "")
    d = _weekday_date(wd, rel, wk, ctx.pub)
    hit = _rel_hit(m.start(), m.end(), d, d, "day", ctx)
    hit.kind = "weekday"
    return hit


# --- nth day / week / weekday of a month or year ------------------------------------
_ORDN = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
         "4th": 4, "fifth": 5, "5th": 5, "last": -1}


def _anchor_period(m: re.Match, ctx: _Ctx) -> tuple[dt.date, dt.date, str, bool] | None:
    """The month or year that "of ..." names, with whether it was relative."""
    p = ctx.pub
    if m["mon"]:
        return _named_month_period(m["mon"], m["y"], p)
    if m["y2"]:
        y = int(m["y2"])
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", False
    unit = (m["unit"] or "").casefold()
    if p is None or not unit:
        return None
    rel = (m["rel"] or "this").casefold()
    step = {"the": 0}.get(rel, _REL_STEP.get(rel, 0))
    lo, hi, grain = _period(unit, step, p)
    return lo, hi, grain, True


@pattern(
    rf"{LB}(?:the\s+)?(?P<ord>{EN_DAY_WORD}|last|[1-3]?\d(?:st|nd|rd|th)){RB}\s+(?:(?P<ord2>last)\s+)?"
    rf"(?P<what>{WEEKDAY_EN}|day|week|month)\s+(?:of|in)\s+(?:the\s+)?"
    rf"(?:(?P<mon>{MONTH_EN}){RB}\.?(?:\s*,?\s*(?P<y>{YEAR})(?!\d))?|(?P<y2>{YEAR})(?!\d)"
    rf"|(?:(?P<rel>this|next|last|current|previous|following|coming)\s+)?(?P<unit>month|year){RB})", needs="wum",
)
def _nth_of(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "first tuesday of october", "last Monday of March", "third last week of 2018",
    # "last day of october 2015", "the first Monday of this month", "the twenty-sixth
    # day of the month", "the third month of 2021"
    per = _anchor_period(m, ctx)
    if per is None:
        return None
    lo, hi, unit, rel = per
    o = m["ord"].casefold()
    n = _ORDN.get(o) or (int(o[:-2]) if o[:1].isdigit() else day_word_value(o))
    if not n:
        return None
    if m["what"].casefold() == "month":
        if unit != "year" or m["ord2"] or not 1 <= n <= 12:
            return None
        return _Hit(m.start(), m.end(), dt.date(lo.year, n, 1), month_end(lo.year, n), "month",
                    relative=rel, y=lo.year, m=n)
    if m["ord2"]:
        n = -n if n > 0 else -1
    what = m["what"].casefold()
    wd = weekday_number(what) if what not in ("day", "week") else None
    if wd is not None:
        if n > 0:
            shift = (wd - lo.weekday()) % 7
            d = lo + dt.timedelta(days=shift + 7 * (n - 1))
        else:
            d = hi - dt.timedelta(days=(hi.weekday() - wd) % 7) + dt.timedelta(days=7 * (n + 1))
        if not lo <= d <= hi:
            return None
        return _Hit(m.start(), m.end(), d, d, "day", relative=rel)
    if what == "day":
        d = lo + dt.timedelta(days=n - 1) if n > 0 else hi + dt.timedelta(days=n + 1)
        if not lo <= d <= hi:
            return None
        return _Hit(m.start(), m.end(), d, d, "day", relative=rel)
    if unit == "year":
        # weeks of a year are ISO weeks ("the first week of 2015" starts 2014-12-29)
        last_week = dt.date(lo.year, 12, 28).isocalendar()[1]
        k = n if n > 0 else last_week + n + 1
        if not 1 <= k <= last_week:
            return None
        ws = dt.date.fromisocalendar(lo.year, k, 1)
        return _Hit(m.start(), m.end(), ws, ws + dt.timedelta(days=6), "week", relative=rel)
    # weeks of a month: Monday-to-Sunday weeks lying wholly inside it
    first_mon = lo + dt.timedelta(days=(0 - lo.weekday()) % 7)
    last_mon = hi - dt.timedelta(days=6)
    last_mon -= dt.timedelta(days=last_mon.weekday())
    ws = first_mon + dt.timedelta(days=7 * (n - 1)) if n > 0 else last_mon + dt.timedelta(days=7 * (n + 1))
    if ws < first_mon or ws > last_mon:
        return None
    return _Hit(m.start(), m.end(), ws, ws + dt.timedelta(days=6), "week", relative=rel)


@pattern(
    rf"{LB}(?:the\s+)?(?P<fl>first|last|past|final)\s+{_NUM}\s+(?P<unit>days|weeks|months|quarters)\s+of\s+(?:the\s+)?"
    rf"(?:(?P<y>{YEAR})(?!\d)|(?P<rel>this|next|last|current|previous)\s+year|(?P<yr>year)){RB}", needs="u",
)
def _first_n_of_year(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "the first nine months of 2025", "the last 3 weeks of this year"
    n = _count(m)
    if n is None or n != int(n) or n < 1:
        return None
    n = int(n)
    if m["y"]:
        y, rel = int(m["y"]), False
    elif ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "range", ctx)
    else:
        y, rel = ctx.pub.year + _REL_STEP.get((m["rel"] or "this").casefold(), 0), True
    first = m["fl"].casefold() == "first"
    unit = m["unit"].casefold()
    try:
        if unit == "days":
            lo, hi = (dt.date(y, 1, 1), dt.date(y, 1, 1) + dt.timedelta(days=n - 1)) if first else (
                dt.date(y, 12, 31) - dt.timedelta(days=n - 1), dt.date(y, 12, 31))
        elif unit == "weeks":
            last_week = dt.date(y, 12, 28).isocalendar()[1]
            if n > last_week:
                return None
            a, b = (1, n) if first else (last_week - n + 1, last_week)
            lo = dt.date.fromisocalendar(y, a, 1)
            hi = dt.date.fromisocalendar(y, b, 7)
        else:
            months = n * (3 if unit == "quarters" else 1)
            if months > 12:
                return None
            lo, hi = (dt.date(y, 1, 1), month_end(y, months)) if first else (
                dt.date(y, 13 - months, 1), dt.date(y, 12, 31))
    except ValueError:
        return None
    if hi.year != y and unit == "days":
        return None
    return _Hit(m.start(), m.end(), lo, hi, "range", relative=rel, y=hi.year)


@pattern(
    rf"{LB}(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+day)?\s+of\s+(?:the\s+)?"
    rf"(?P<rel>next|this|current|previous|last|following|coming)\s+month{RB}", needs="u",
)
def _day_of_rel_month(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "20 of next month", "20th of the previous month"
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "day", ctx)
    lo, _, _ = _period("month", _REL_STEP[m["rel"].casefold()], ctx.pub)
    d = _safe_date(lo.year, lo.month, int(m["d"]))
    return _rel_hit(m.start(), m.end(), d, d, "day", ctx) if d else None


# "around the 21st this month": without "of", only an ordinal after "the" ("hired 20
# this month" is a count)
pattern(
    rf"{LB}the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\s+"
    rf"(?P<rel>next|this|current|previous|last|following|coming)\s+month{RB}", needs="u",
)(_day_of_rel_month)


@pattern(
    rf"(?:(?<=\bby\s)|(?<=\buntil\s)|(?<=\bbefore\s))(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?"
    rf"(?:(?:business|working)\s+)?day{RB}|(?<=\bдо\s)конца\s+(?:(?:рабочего|этого)\s+)?дня{RB}", needs="u",
)
def _end_of_day(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "by the end of the day", "до конца дня": the publication day. Only after "by",
    # "until", "before" or "до": "at the end of the day" is a figure of speech.
    return _rel_hit(m.start(), m.end(), ctx.pub, ctx.pub, "day", ctx)


@pattern(r"(?:(?:at\s+)?the\s+)?\b(?P<w>EOM|BOM|EOY|BOY)\b", flags=0, needs="f")
def _eom(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # business shorthand: end/beginning of month/year
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "range", ctx)
    w = m["w"]
    unit = "month" if w.endswith("M") else "year"
    lo, hi, _ = _period(unit, 0, ctx.pub)
    a, b = _part_bounds("beginning" if w.startswith("B") else "end", lo, hi, unit)
    return _rel_hit(m.start(), m.end(), a, b, "range", ctx)


@pattern(
    rf"{LB}(?P<wd>{WEEKDAY_EN}|{WEEKDAY_EN_ABBR})\.?,?\s+(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    rf"(?!\d|\s*(?:of\s+)?(?:{MONTH_NAMES}){RB}|\s*[./-]\s*\d|:)", needs="w",
)
def _weekday_daynum(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "Tuesday the 19th", "Thu 15th": the nearest month where that day is that weekday
    wd, d = weekday_number(m["wd"]), int(m["d"])
    if wd is None or not 1 <= d <= 31:
        return None
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "day", ctx)
    p = ctx.pub
    best = None
    for k in range(0, 14):
        for step in (k, -k):
            first = add_months(p.replace(day=1), step)
            c = _safe_date(first.year, first.month, d)
            if c and c.weekday() == wd and (best is None or abs((c - p).days) < abs((best - p).days)):
                best = c
    return _rel_hit(m.start(), m.end(), best, best, "day", ctx) if best else None


@pattern(rf"{LB}(?P<wd>{WEEKDAY_EN})\s+after\s+next{RB}", needs="w")
def _weekday_after_next(m: re.Match, ctx: _Ctx) -> _Hit | None:
    wd = weekday_number(m["wd"])
    if ctx.pub is None or wd is None:
        return _rel_hit(m.start(), m.end(), None, None, "day", ctx)
    d = _weekday_date(wd, "coming", "", ctx.pub) + dt.timedelta(days=7)
    return _rel_hit(m.start(), m.end(), d, d, "day", ctx)


@pattern(rf"{LB}{_NUM}\s+(?P<wd>{WEEKDAY_EN})s\s+(?P<dir>from\s+now|hence|ago|back){RB}", needs="w")
def _n_weekdays(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "3 fridays from now", "2 thursdays ago"
    n, wd = _count(m), weekday_number(m["wd"])
    if n is None or wd is None or n != int(n) or n > 100:
        return None
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "day", ctx)
    p = ctx.pub
    if m["dir"].casefold() in ("ago", "back"):
        d = p - dt.timedelta(days=((p.weekday() - wd) % 7 or 7) + 7 * (int(n) - 1))
    else:
        d = p + dt.timedelta(days=((wd - p.weekday()) % 7 or 7) + 7 * (int(n) - 1))
    return _rel_hit(m.start(), m.end(), d, d, "day", ctx)


@pattern(rf"(?:{LB}on\s+|(?<=\bweek\sof\s))the\s+(?P<d>[0-3]?\d(?:st|nd|rd|th)|first){RB}"
          rf"(?!\s*(?:of|day|week|quarter|half|time)\b)", needs="dh")
def _on_the_nth(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "on the 15th": that day of the publication month; so is "the 18th" of "the week of
    # the 18th", which _apply_anchors then widens to its week
    d = 1 if m["d"].casefold() == "first" else int(re.match(r"\d+", m["d"]).group(0))
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "day", ctx)
    c = _safe_date(ctx.pub.year, ctx.pub.month, d)
    return _rel_hit(m.start(), m.end(), c, c, "day", ctx) if c else None


@pattern(
    rf"(?:{LB}(?:from|between)\s+)?" + _mon("m1") + rf"(?:\s*,?\s*(?P<y1>{YEAR})(?!\d))?\s*(?:-|to|through|thru|till|until|and)\s*"
    + _mon("m2") + rf"(?:\s*,?\s*(?:in\s+)?(?P<y2>{YEAR})(?!\d))?", needs="m",
)
def _month_range(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "from Sep to Nov", "Jan-Feb 2017", "between august and october"
    if re.search(r"\band\b", m.group(0), _F) and not m.group(0).casefold().startswith("between"):
        return None
    m1, m2 = month_number(m["m1"]), month_number(m["m2"])
    if m1 is None or m2 is None:
        return None
    for g in ("m1", "m2"):
        if m[g].casefold() in ("may", "mar", "march") and m[g].islower() and not m["y2"]:
            return None
    y2 = int(m["y2"]) if m["y2"] else None
    y1 = int(m["y1"]) if m["y1"] else None
    if y2 is None and y1 is None:
        if ctx.pub is None:
            return _Hit(m.start(), m.end(), None, None, "range", relative=True, resolved=False)
        y1 = _closest_month(m1, ctx.pub)
        y2 = y1 if m2 >= m1 else y1 + 1
        rel = True
    else:
        rel = False
        if y2 is None:
            y2 = y1 if m2 >= m1 else y1 + 1
        if y1 is None:
            y1 = y2 if m1 <= m2 else y2 - 1
    lo, hi = dt.date(y1, m1, 1), month_end(y2, m2)
    if lo > hi:
        return None
    return _Hit(m.start(), m.end(), lo, hi, "range", relative=rel, kind="range:month", y=y2)


@pattern(
    rf"{LB}(?P<wd>{WEEKDAY_EN})\.?,?\s+the\s+(?P<dw>{EN_DAY_WORD}){RB}(?!\s*(?:of\s+)?(?:{MONTH_EN}){RB})", needs="w",
)
def _weekday_dayword(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "tuesday the eleventh": the nearest month where that day is that weekday
    fake = {"wd": m["wd"], "d": str(day_word_value(m["dw"]) or 0)}

    class _M:
        def __getitem__(self, k: str) -> str:
            return fake[k]

        def start(self) -> int:
            return m.start()

        def end(self) -> int:
            return m.end()

    return _weekday_daynum(_M(), ctx)  # type: ignore[arg-type]


@pattern(
    rf"{LB}(?P<dir>earlier|later)\s+(?:(?:this|in\s+the)\s+)(?P<unit>week|month|year){RB}", needs="u",
)
def _earlier_later(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "earlier this year" (from January 1 to the day before publication),
    # "later this year" (from the day after publication to December 31)
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "range", ctx)
    p = ctx.pub
    lo, hi, _ = _period(m["unit"], 0, p)
    if m["dir"].casefold() == "earlier":
        if p <= lo:
            return None
        return _rel_hit(m.start(), m.end(), lo, p - dt.timedelta(days=1), "range", ctx)
    if m["unit"].casefold() == "week":
        lo = max(p, lo + dt.timedelta(days=3))  # "later this week": Thursday on
    else:
        lo = p if m["unit"].casefold() == "month" else p + dt.timedelta(days=1)
    if lo > hi:
        return None
    return _rel_hit(m.start(), m.end(), lo, hi, "range", ctx)


@pattern(
    rf"{LB}(?:(?:the\s+)?(?P<rel>this|next|last|previous|past|coming|following)\s+week(?:'s)?\s*(?:-\s*|on\s+)?"
    rf"(?P<wd>{WEEKDAY_EN}|{WEEKDAY_EN_ABBR}){RB}\.?"
    rf"|(?P<wd2>{WEEKDAY_EN})\s+(?:from|of)\s+(?P<rel2>this|next|last|previous|the\s+following|the\s+previous)\s+week{RB})", needs="w",
)
def _week_weekday(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "next week Wednesday", "last week's sunday", "sunday from last week"
    wd = weekday_number(m["wd"] or m["wd2"])
    if wd is None:
        return None
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "day", ctx)
    rel = re.sub(r"^the\s+", "", (m["rel"] or m["rel2"]).casefold())
    step = _REL_STEP.get(rel, 0)
    d = week_start(ctx.pub) + dt.timedelta(days=7 * step + wd)
    return _rel_hit(m.start(), m.end(), d, d, "day", ctx)


@pattern(rf"{LB}(?:(?:the\s+)?year[- ]to[- ]date|YTD){RB}", needs="fu")
def _ytd(m: re.Match, ctx: _Ctx) -> _Hit | None:
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "range", ctx)
    p = ctx.pub
    if p.month == 1 and p.day == 1:
        return None
    return _rel_hit(m.start(), m.end(), dt.date(p.year, 1, 1), p - dt.timedelta(days=1), "range", ctx)


@pattern(rf"{LB}(?:the\s+)?week\s+(?P<n>[1-5]?\d)(?!\d|[.,]\d)(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>this|next|last)\s+year))?", needs="u")
def _iso_week(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "week 31", "week 3 of 2027": ISO weeks, Monday to Sunday
    n = int(m["n"])
    if not 1 <= n <= 53:
        return None
    if m["y"]:
        y, rel = int(m["y"]), False
    elif ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "range", ctx)
    else:
        y, rel = ctx.pub.year + _REL_STEP.get((m["rel"] or "this").casefold(), 0), True
    try:
        lo = dt.date.fromisocalendar(y, n, 1)
    except ValueError:
        return None
    return _Hit(m.start(), m.end(), lo, lo + dt.timedelta(days=6), "week", relative=rel)


# --- seasons (meteorological, northern hemisphere) -------------------------------------
_SEASON_START = {"spr": 3, "sum": 6, "aut": 9, "fal": 9, "win": 12,
                 "вес": 3, "лет": 6, "осе": 9, "зим": 12}


def _season_bounds(start_month: int, y: int) -> tuple[dt.date, dt.date]:
    """Season starting in `start_month`; winter Y runs from December Y-1 to February Y."""
    if start_month == 12:
        return dt.date(y - 1, 12, 1), month_end(y, 2)
    return dt.date(y, start_month, 1), month_end(y, start_month + 2)


@pattern(
    rf"{LB}(?:(?P<rel>this|last|next|current|past|previous|coming|эт(?:ой|им|ого|а|о|у)|прошл(?:ой|ым|ого|ая|ое|ую)|следующ(?:ей|им|его|ая|ее|ую)|будущ(?:ей|им|его))\s+)?"
    r"(?P<s>spring|summer|autumn|fall|winter|весн(?:а|у|ой|е|ы|ою)|лет(?:о|а|ом|е|у)|осен(?:ь|и|ью)|зим(?:а|у|ой|е|ы|ою))"
    rf"{RB}(?:\s+(?:of\s+)?(?P<y>{YEAR})(?!\d){YSUF}?)?", needs="u",
)
def _season(m: re.Match, ctx: _Ctx) -> _Hit | None:
    word = m["s"].casefold()
    start_month = _SEASON_START[word[:3]]
    before = ctx.text[max(0, m.start() - 10):m.start()]
    if word == "fall" and not (m["rel"] or m["y"] or re.search(r"\b(?:in|the)\s+$", before, _F)):
        return None  # "prices fall"
    if word == "spring" and not (m["rel"] or m["y"] or re.search(r"\b(?:in|the|this|next|last)\s+$", before, _F)):
        return None
    if m["y"]:
        lo, hi = _season_bounds(start_month, int(m["y"]) + (1 if start_month == 12 else 0))
        return _Hit(m.start(), m.end(), lo, hi, "range")
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "range", ctx)
    p = ctx.pub
    y = p.year + (1 if start_month == 12 and p.month == 12 else 0)
    lo, hi = _season_bounds(start_month, y)
    rel = (m["rel"] or "").casefold()[:3]
    if rel in ("las", "pas", "pre", "про"):
        if hi >= p:
            lo, hi = _season_bounds(start_month, y - 1)
    elif rel in ("nex", "com", "сле", "буд"):
        if lo <= p:
            lo, hi = _season_bounds(start_month, y + 1)
    return _rel_hit(m.start(), m.end(), lo, hi, "range", ctx)
