"""Find dates, periods and deadlines in English and Russian news text.

`extract_dates(norm, published, lang)` returns `(dates, deadlines)`:

* every date or period as a `DateSpan` with an ISO value in its most compact form
  ("2025-11-19", "2025-11", "2030", "2025-01-01/2025-12-31", "../2029-12-31",
  "2026-01-01/..");
* every "by 2030" / "к 2030 году" / "within five years" as a `DeadlineSpan`.

How it works: precompiled patterns find base expressions (absolute dates, months,
years, quarters, relative phrases); the longest non-overlapping ones are kept;
then neighbours are combined ("from X to Y", "с X по Y") and prefixes read
("by", "until", "since", "к", "до"), which also yields the deadlines.

Conventions (the news reading, not an assistant's; see docs/eval-differences-dates.md):

* Relative expressions resolve against `published`. Without it they are still
  emitted, with `resolved=False` and `value=""`, so the product can flag them;
  a missing year ("19 November") is treated the same way.
* A weekday ("on Wednesday", "в среду") is the most recent such day on or before
  publication; the publication day itself counts (a Reuters story of Wednesday
  saying "on Wednesday" means that day). "next Friday" is Friday of next week,
  "last Friday" Friday of last week.
* A day or month without a year takes the year that puts it closest to the
  publication date ("1 марта" in a February story is the coming March).
* Ranges include both ends: "2025-2030" is 2025-01-01/2030-12-31.
* "by the end of the decade" is the end of 2030 when published in the 2020s: the
  policy decades ("Digital Decade", national 2030 strategies) count 2021-2030.
* Deadlines come from "by/к", "until/до/through", "before", "within/в ближайшие",
  year ranges ("2025-2030", range_end), "the three years to 2026", and a future
  "in 2026" inside a sentence about plans ("are scheduled to come online in 2026").
  A deadline without a year looks ahead ("к 1 марта" in November is next March).
* Lunar and lunisolar feasts (Chinese New Year, Rosh Hashanah, Eid al-Fitr, Diwali, ...)
  take their dates from etl.extract.dates.feasts; Jewish feasts run from the evening
  they begin. A holiday some years away ("thanksgiving in 3 years") is that year's.
* Each pattern runs only in windows around the anchor tokens it needs (digits, month,
  weekday, unit and holiday words), and there only where the literals every match needs
  are present and a fast looser scan finds something (etl.extract.gates), so time stays
  linear and prose is cheap.

May import: the standard library, etl.extract.gates, etl.extract.spans, etl.extract.text,
etl.extract.dates.words and etl.extract.dates.feasts (which imports the
`holidays` package only when a lunar feast is named).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Callable, Iterable, NamedTuple

from etl.extract.dates.words import (
    COUNT_WORD,
    EN_DAY_CARDINAL,
    EN_DAY_WORD,
    MONTH_EN,
    MONTH_RU,
    ROMAN,
    RU_DAY_WORD,
    WEEKDAY_EN,
    WEEKDAY_EN_ABBR,
    WEEKDAY_RU,
    WEEKDAY_RU_ABBR,
    add_months,
    count_value,
    day_word_value,
    month_end,
    month_number,
    quarter_bounds,
    week_start,
    weekday_number,
)
from etl.extract.dates.feasts import ANCHORS as FEAST_ANCHORS
from etl.extract.dates.feasts import FEASTS, feast_dates
from etl.extract.gates import CACHE_SIZE, ChunkReadings, TokenGates, fast_gate, first_char_checked, required_literals
from etl.extract.spans import DateSpan, DeadlineSpan
from etl.extract.text import Normalised

__all__ = ["extract_dates", "find_publication_date"]

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
    return rf"{LB}(?P<{g}>{MONTH_EN}|{MONTH_RU}){RB}\.?"


def _daynum(g: str) -> str:
    # "04th", "1-е", "3-его", "18-го", "31-ое"
    return rf"(?P<{g}>[0-3]?\d)(?!\d)(?:st|nd|rd|th|-?(?:ого|его|ое|го|е|ье))?"


def _dayword(g: str) -> str:
    return rf"{LB}(?P<{g}>{EN_DAY_WORD}|{RU_DAY_WORD}|{EN_DAY_CARDINAL}(?:[- ]{EN_DAY_CARDINAL})?){RB}"


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
# these classes (every match holds one). See _token_class.
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


@pattern(
    r"(?<![\d.,/])(?<!\d-)(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?!\d|[.,/]\d)", needs="d",
)
def _iso(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "2025-11-19", "2015-3-3", "2019/08/01"; also inside file names
    # ("sales_report-2002-10-09.xlsx").
    y = int(m["y"])
    if not 1000 <= y <= 2199:
        return None
    return _day_hit(m.start(), m.end(), y, int(m["m"]), int(m["d"]), ctx)


@pattern(r"(?<![\d.,/])(?<!\d-)(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d|[.,]\d)", needs="d")
def _compact(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "20161016", "report-20170302.html"
    return _day_hit(m.start(), m.end(), int(m["y"]), int(m["m"]), int(m["d"]), ctx)


@pattern(
    r"(?<![\d.,/])(?<!\d-)(?P<a>\d{1,2})\s?(?P<sep>[./-])\s?(?P<b>\d{1,2})\s?(?P=sep)\s?"
    r"(?P<y>\d{4}|\d{2})(?!\d|[.,]\d)", needs="d",
)
def _numeric_dmy(m: re.Match, ctx: _Ctx) -> _Hit | None:
    a, b = int(m["a"]), int(m["b"])
    ytxt = m["y"]
    y = int(ytxt) if len(ytxt) == 4 else _expand_yy(int(ytxt))
    if len(ytxt) == 4 and not 1000 <= y <= 2199:
        return None
    if " " in m.group(0) and m["sep"] != ".":
        return None  # "1 - 2 - 2020" is arithmetic, not a date
    # "." is the day-first European and Russian form (19.11.2025) unless the middle
    # number cannot be a month ("10.31.1974"). "/" and "-" are month-first in English
    # text unless the first number cannot be a month ("23/08/39"), day-first in Russian.
    day_first = m["sep"] == "." or ctx.lang == "ru"
    if day_first:
        d, mo = (a, b) if b <= 12 else (b, a)
    else:
        mo, d = (a, b) if a <= 12 else (b, a)
    return _day_hit(m.start(), m.end(), y, mo, d, ctx)


@pattern(r"(?<![\d.,/$€£])(?<!\d/)(?P<a>\d{1,2})\s?/\s?(?P<b>\d{1,2})(?!\d|\s?/\s?\d|[.,]\d|\s?%)", needs="d")
def _numeric_md(m: re.Match, ctx: _Ctx) -> _Hit | None:
    a, b = int(m["a"]), int(m["b"])
    if (a, b) == (24, 7):
        return None  # "24/7" service hours
    if a < 10 and b < 10:
        # "1/2", "3/4" are fractions unless the context says date ("on 7/6", "Friday 7/6")
        before = ctx.text[max(0, m.start() - 12):m.start()]
        if not re.search(rf"(?:\bon|\bfrom|\bby|{WEEKDAY_EN}|{WEEKDAY_EN_ABBR})\.?,?\s*$", before, _F):
            return None
    if ctx.lang == "ru":
        d, mo = (a, b) if b <= 12 else (b, a)
    else:
        mo, d = (a, b) if a <= 12 else (b, a)
    return _day_hit(m.start(), m.end(), None, mo, d, ctx)


@pattern(r"(?<![\d.,/])(?P<a>[0-3]?\d)\.(?P<b>[01]\d)(?P<dot>\.)?(?!\d|[.,]\d|\s?%)", needs="d")
def _numeric_dm_ru(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # Russian "15.02", "10.12." without a year; in English "15.02" is a decimal.
    if ctx.lang != "ru" and not re.search(r"[\u0400-\u04ff]", ctx.text[:2000]):
        return None
    return _day_hit(m.start(), m.end(), None, int(m["b"]), int(m["a"]), ctx)


@pattern(r"(?<![\d.,/])(?<!\d-)(?P<y>1[89]\d\d|20\d\d)(?P<sep>[-/])(?P<m>\d{1,2})(?!\d|[-/.,]\d|\s?%)" + YSUF + "?", needs="d")
def _numeric_ym(m: re.Match, ctx: _Ctx) -> _Hit | None:
    y, mo = int(m["y"]), int(m["m"])
    dash = _orig_char(ctx, m.start("sep"))
    two = len(m["m"]) == 2
    suffix = m.end() > m.end("m")
    # "2025–30" with an en dash, "2020-21", "2029/30" are year ranges; "2014-10" and
    # "2015-3" are months. A hyphen with a two-digit end more than ten years on
    # ("2015-32") is neither.
    if two and (dash in "\u2013\u2014" or mo > 12 or suffix):
        end = (y // 100) * 100 + mo
        if end <= y:
            end += 100
        if dash in "\u2013\u2014" or suffix or 0 < end - y <= 10:
            return _Hit(m.start(), m.end(), dt.date(y, 1, 1), dt.date(end, 12, 31), "range",
                        kind="yearrange", y=end)
        return None
    if 1 <= mo <= 12 and not suffix:
        return _month_hit(m.start(), m.end(), y, mo, ctx)
    return None


@pattern(r"(?<![\d.,/])(?<!\d-)(?P<m>0?[1-9]|1[0-2])(?P<sep>[-/])(?P<y>1[89]\d\d|20\d\d)(?!\d|[-/.,]\d)", needs="d")
def _numeric_my(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "12-2015", "2/2013"
    return _month_hit(m.start(), m.end(), int(m["y"]), int(m["m"]), ctx)


def _may_ok(m: re.Match, g: str, ctx: _Ctx, has_day_digits: bool, has_year: bool) -> bool:
    """Reject the modal verb "may" and the verb "march" read as months."""
    word = m[g]
    if word.casefold() not in ("may", "march", "mar"):
        return True
    if word[0].isupper() and word.casefold() != "may":
        return True
    if has_year:
        return True
    if has_day_digits or (word[0].isupper() and word.casefold() == "may"):
        return True
    before = ctx.text[max(0, m.start(g) - 30):m.start(g)]
    return bool(re.search(
        r"(?:\b(?:in|of|since|until|till|from|by|during|early|mid|late|next|last|this|to|through|"
        r"before|after|the|on)|\d(?:st|nd|rd|th)?)\s*-?\s*$", before, _F))


_YEARPART = rf"(?:(?:\s*,\s*|\s+(?:of\s+|in\s+)?|\s*[-/]\s*)(?P<y>{YEAR}|(?<=')\d\d|(?<=of )\d\d|{YEAR_WORDS})(?!\d|[.,]\d){YSUF}?)"
# "31-Oct-74", "31/Oct/1974": a two-digit year is safe only between separators
_YEARPART_DM = rf"(?:(?:\s*,\s*|\s+(?:of\s+|in\s+)?|\s*[-/]\s*)(?P<y>{YEAR}|(?<=[a-z.][-/'])\d\d|(?<=of )\d\d|{YEAR_WORDS})(?!\d|[.,]\d){YSUF}?)"


@pattern(
    _mon("mon") + r"(?:[-/]|\s*,?\s*)(?:the\s+)?(?:" + _daynum("d") + "|" + _dayword("dw") + ")"
    r"(?![.,]\d|\s?%|\s*(?:million|billion|bn|mn|per\s*cent|percent|млн|млрд|трлн|тыс))"
    + _YEARPART + "?", needs="m",
)
def _month_day(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "November 19, 2025", "Nov. 19", "Dec31 , 1994", "march 3rd 2015", "Sep-23-2020",
    # "February the 15th", "May twenty nine", "March first"
    mo = month_number(m["mon"])
    d = int(m["d"]) if m["d"] else day_word_value(m["dw"] or "")
    if mo is None or d is None:
        return None
    if m["dw"] and m["mon"].casefold() == "may" and m["mon"].islower():
        return None
    if m["dw"] and not m["y"] and m["mon"][0].isupper() and m["mon"].casefold() == "may" \
            and m.start() > 0 and not re.search(r"[\s(]$", ctx.text[max(0, m.start() - 2):m.start()]):
        return None
    if not _may_ok(m, "mon", ctx, bool(m["d"]), bool(m["y"])):
        return None
    y = _year_of(m["y"]) if m["y"] else None
    return _day_hit(m.start(), m.end(), y, mo, d, ctx)


def _year_of(txt: str) -> int:
    if not txt[:1].isdigit():
        v = _year_words_value(txt)
        if v is None:
            raise ValueError(txt)
        return v
    return int(txt) if len(txt) == 4 else _expand_yy(int(txt))


@pattern(
    r"(?<![\d.,/$€£¥₽])(?<![$€£¥₽] )(?:the\s+)?(?:" + _daynum("d") + "|" + _dayword("dw") + r")"
    r"(?:\s*of\s+(?:the\s+month\s+of\s+)?|[-/]|\s*)(?:the\s+)?" + _mon("mon")
    + _YEARPART_DM + "?", needs="m",
)
def _day_month(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "19 Nov 2025", "04th Jan 2019", "the 15th of february", "31-Oct-74",
    # "14april 2015", "19 ноября 2025 года", "1-е мар.", "восемнадцатое февраля"
    mo = month_number(m["mon"])
    d = int(m["d"]) if m["d"] else day_word_value(m["dw"] or "")
    if mo is None or d is None:
        return None
    if not _may_ok(m, "mon", ctx, bool(m["d"]), bool(m["y"])):
        return None
    if m["dw"] and not re.search(r"of|[а-я]", m.group(0)[: m.start("mon") - m.start()], _F):
        # "second May" is not a date; "second of May" and "второе мая" are
        if not m["y"] and not re.search(r"(?:st|nd|rd|th|first|second|third)$", m["dw"], _F):
            return None  # "twenty five January nineteen eighty six" has its year
    y = _year_of(m["y"]) if m["y"] else None
    return _day_hit(m.start(), m.end(), y, mo, d, ctx)


@pattern(
    _mon("mon") + rf"(?:\s*[,/-]\s*|\s+(?:of\s+|in\s+)?)(?P<y>{YEAR}|(?<=of )\d\d|{YEAR_WORDS})(?!\d|[.,]\d|\s?%){YSUF}?", needs="m",
)
def _month_year(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "October 2014", "Dec-2018", "june of 1992", "май 2017 г.", "в марте 2027 г."
    mo = month_number(m["mon"])
    if mo is None:
        return None
    return _month_hit(m.start(), m.end(), _year_of(m["y"]), mo, ctx)


@pattern(rf"(?<![\d.,])(?P<y>{YEAR})\s*[-/]?\s*" + _mon("mon") + r"(?!\s*\d)", needs="m")
def _year_month(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "2017 april", "2019/aug"
    mo = month_number(m["mon"])
    if mo is None or m["mon"].casefold() in ("may", "mar", "march"):
        return None
    return _month_hit(m.start(), m.end(), int(m["y"]), mo, ctx)


_MONTH_FULL = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|январ[ьяею]|феврал[ьяею]|март[аеу]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]"
    r"|август[аеу]?|сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею]"
)


@pattern(
    rf"{LB}(?:(?P<rel>this|next|last|coming|past|previous)\s+)?(?P<mon>{_MONTH_FULL}){RB}", needs="m",
)
def _month_alone(m: re.Match, ctx: _Ctx) -> _Hit | None:
    mo = month_number(m["mon"])
    if mo is None or not _may_ok(m, "mon", ctx, False, False):
        return None
    if m["mon"].casefold() in ("may", "march") and (m["mon"].islower() or (
            m["mon"].casefold() == "may" and (m.start() == 0 or re.search(r"[.!?]\s+$", ctx.text[max(0, m.start() - 8):m.start()])))):
        # "This may take longer", "May I ask": only "in may", "since May" are months
        before = ctx.text[max(0, m.start() - 12):m.start()]
        if not re.search(r"\b(?:in|since|until|till|from|during|of|by|before|after)\s+$", before, _F):
            return None
    rel = (m["rel"] or "").casefold()
    rel = {"coming": "next", "past": "last", "previous": "last"}.get(rel, rel)
    h = _month_hit(m.start(), m.end(), None, mo, ctx, rel)
    if h is not None and not rel:
        h.maker = lambda y: (dt.date(y, mo, 1), month_end(y, mo))
    return h


@pattern(
    r"(?<![\d.,/$€£¥₽])(?<![$€£¥₽] )(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?=\s+(?:and|&|и)\s+[0-3]?\d(?:st|nd|rd|th)?\s+"
    + _mon("mon") + rf"(?:\s*,?\s*(?P<y>{YEAR})(?!\d))?)", needs="m",
)
def _day_and_day_month(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "on 18 and 19 June": the first day takes the month (and year) of the second
    mo = month_number(m["mon"])
    if mo is None or not _may_ok(m, "mon", ctx, True, bool(m["y"])):
        return None
    return _day_hit(m.start(), m.end(), int(m["y"]) if m["y"] else None, mo, int(m["d"]), ctx)


@pattern(rf"{LB}(?P<mon>Jan|Feb|Apr|Aug|Sept?|Oct|Nov|Dec)(?![^\W\d_])\.?(?!\s*\d)", flags=0, needs="m")
def _month_abbr(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "after Feb", "since Nov.": a capitalised abbreviation alone only after a preposition
    before = ctx.text[max(0, m.start() - 10):m.start()]
    if not re.search(r"\b(?:in|since|until|till|from|during|by|before|after)\s+$", before, _F):
        return None
    mo = month_number(m["mon"])
    return _month_hit(m.start(), m.end(), None, mo, ctx) if mo else None


@pattern(rf"{LB}(?:(?:the\s+)?(?:calendar\s+)?year(?:\s+of)?\s+|cy\s?)(?P<y>{YEAR})(?!\d|[.,]\d)", needs="d")
def _year_word(m: re.Match, ctx: _Ctx) -> _Hit | None:
    return _year_hit(m.start(), m.end(), int(m["y"]))


@pattern(rf"{LB}cy(?P<y>\d\d)(?!\d)", needs="d")
def _cy(m: re.Match, ctx: _Ctx) -> _Hit | None:
    return _year_hit(m.start(), m.end(), 2000 + int(m["y"]))


@pattern(rf"(?<![\d.,/$€£¥₽#№-])(?P<y>{YEAR}){YSUF}", needs="d")
def _year_ru(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "2015 год", "2014 г", "в 2027 г."
    return _year_hit(m.start(), m.end(), int(m["y"]))


@pattern(
    rf"{LB}(?P<fy>FY|fiscal(?:\s+year)?|financial\s+year)\s?'?(?P<y1>\d{{4}}|\d\d)(?:\s?[-/]\s?(?P<y2>\d{{4}}|\d\d))?(?!\d|[.,]\d)", needs="d",
)
def _fiscal(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "FY2029-30", "fiscal 2028", "FY 2025/26". A fiscal year's calendar months differ
    # by country, so the value stays at year precision ("2028", or "2029/2030").
    y1 = _year_of(m["y1"])
    if m["y2"]:
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else (y1 // 100) * 100 + int(m["y2"])
        if y2 < y1:
            y2 += 100
        if y2 - y1 > 1:
            return None
        hit = _Hit(m.start(), m.end(), dt.date(y1, 1, 1), dt.date(y2, 12, 31), "fiscal_year",
                   kind="fiscal", fiscal=True, y=y2, value=f"{y1}/{y2}")
        return hit
    if not 1900 <= y1 <= 2199:
        return None
    return _Hit(m.start(), m.end(), dt.date(y1, 1, 1), dt.date(y1, 12, 31), "fiscal_year",
                kind="fiscal", fiscal=True, y=y1, value=str(y1))


# Words that, capitalised right before a year, do not make it part of a name:
# "In 2030", "By 2030", "Since 2019", "December 2025".
_YEAR_LEADERS = re.compile(
    r"(?:in|by|since|until|till|from|through|to|the|for|of|and|or|before|after|during|early|"
    r"mid|late|end|year|around|about|between|as|at|on|than|fiscal|calendar|spring|summer|"
    r"autumn|fall|winter|q[1-4]|h[12]|о|в|во|к|до|с|со|по|на|за|от|и|или|году|год|года|"
    + MONTH_EN + "|" + MONTH_RU + r")\.?",
    _F,
)
# Counted things after a bare number: "2000 pieces", "2030 kilometres".
_COUNTED = re.compile(
    r"\s*(?:[a-z]{2,}(?<!ss)(?<!is)(?<!us)(?<!as)s\b|km\b|kg\b|mw\b|gw\b|m\b|people|staff|"
    r"руб|долл|евро|чел|км|тонн|штук|единиц|рабоч|сотрудник|мест|человек|метр|"
    r"dollars|roubles|rubles|euros|yuan|yen|points?|units|copies|times|"
    r"million|billion|trillion|thousand|bn\b|mn\b|млн|млрд|трлн|тыс|"
    # clock times in wire copy: "at 1430 GMT", "в 2030 мск"
    r"gmt\b|utc\b|msk\b|мск\b|et\b|est\b|edt\b|cet\b|bst\b|hrs\b|hours\b|local\s+time)",
    _F,
)
_VERB_S = frozenset(
    "marks sees brings begins starts ends saw was has sets looks remains comes follows "
    "promises means makes opens calls shows".split()
)


@pattern(r"(?<![\d.,/$€£¥₽#№])(?<!\d[-/.])(?<!No\. )(?<!No )(?P<y>1[89]\d\d|20\d\d|21\d\d)(?!\d|[.,]\d|\s?%|\s?[-/]\s?\d|:\d)", needs="d")
def _bare_year(m: re.Match, ctx: _Ctx) -> _Hit | None:
    text = ctx.text
    s, e = m.start(), m.end()
    after = text[e:e + 24]
    cm = _COUNTED.match(after)
    if cm:
        word = cm.group(0).strip().casefold()
        if word not in _VERB_S:
            return None
    # A capitalised word right before the year makes it a name: "AI Journey 2025",
    # "Gigachat 2025 edition", "Windows 2000", "Pay ABC 2000".
    before = text[max(0, s - 40):s]
    word = _last_word(before)
    if word:
        # a possessive is not a name: "Russia's 2030 strategy"
        if (word[0].isupper() or word.isupper()) and not _YEAR_LEADERS.fullmatch(word) \
                and not word.endswith("'s"):
            return None
        if word.casefold() in ("no", "no.", "number", "nr", "version", "v", "gpt", "model",
                               "edition", "release", "номер", "версия", "№"):
            return None
    if re.match(r"\s+(?:edition|version|release|model|series)\b", after, _F):
        return None
    if _MONEY_BEFORE.search(before, max(0, len(before) - 6)) or _after_dash(before):
        return None  # "$2030", "32 - 2015"
    return _year_hit(s, e, int(m["y"]))


# What _bare_year reads of the 40 characters before a year. Each was a search anchored at
# the end ("...\s+$"), which re tries from every one of the 40 positions: the year
# check was a tenth of all date time.
_WORDISH = re.compile(r"[\w&'.-]+")
_LETTER = re.compile(r"[^\W\d_]")
_MONEY_BEFORE = re.compile(r"(?:[$€£¥₽]|\b(?:USD|EUR|RUB)\s?)$")  # within 6 characters of the end


def _last_word(before: str) -> str | None:
    r"""The word right before the trailing spaces: what `([^\W\d_][\w&'.-]*)\s+$` finds."""
    stripped = before.rstrip()
    if len(stripped) == len(before):
        return None  # no space before the year
    run = _WORDISH.match(stripped[::-1])
    if run is None:
        return None
    chunk = stripped[len(stripped) - run.end():]
    first = _LETTER.search(chunk)
    return chunk[first.start():] if first else None


def _after_dash(before: str) -> bool:
    r"""`\d\s*[-/]\s*$`: a number and a dash or slash end the text ("32 - 2015")."""
    b = before.rstrip()
    if not b or b[-1] not in "-/":
        return False
    b = b[:-1].rstrip()
    return bool(b) and b[-1].isdecimal()


@pattern(
    rf"(?<![\d.,/$€£#№-])(?P<y1>{YEAR})\s*(?P<sep>[-~/]|to|through|thru|till|until|and|по|до)\s*"
    rf"(?P<y2>{YEAR})(?!\d|[.,]\d|\s?%|[-/]\d){YSUF}?", needs="d",
)
def _year_range(m: re.Match, ctx: _Ctx) -> _Hit | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 <= y1 or y2 - y1 > 100:
        return None
    sep = m["sep"].casefold()
    before = ctx.text[max(0, m.start() - 12):m.start()]
    s = m.start()
    if sep == "and":
        pm = re.search(r"\bbetween\s+$", before, _F)
        if not pm:
            return None
        s = m.start() - len(pm.group(0))
    elif sep in ("по", "до"):
        pm = re.search(rf"{LB}(?:с|со)\s+$", before, _F)
        if not pm:
            return None
        s = m.start() - len(pm.group(0))
    else:
        pm = re.search(r"\b(?:between|from)\s+$", before, _F)
        if pm:
            s = m.start() - len(pm.group(0))
    if sep == "/" and y2 != y1 + 1:
        return None  # "2010/2015" is more likely a ratio than a period
    return _Hit(s, m.end(), dt.date(y1, 1, 1), dt.date(y2, 12, 31), "range", kind="yearrange",
                y=y2)


@pattern(
    r"(?<![\d.,])(?P<the>the\s+|')?(?P<dec>(?:1[0-9]|20|21)?\d0)\s?'?(?:s|-?х|-?е)(?![^\W\d_])"
    r"(?:\s*(?:годы|годов|годах|гг\.?))?", needs="d",
)
def _decade(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "the 1990s", "1990 s", "'90s", "2020-х годов"; a bare "20s" is more often an age
    txt = m["dec"]
    if len(txt) == 2:
        if not (m["the"] or "'" in m.group(0) or re.search(r"[хе]", m.group(0))):
            return None
        y = 1900 + int(txt)
    elif len(txt) == 3:
        return None
    else:
        y = int(txt)
    return _Hit(m.start(), m.end(), dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "range",
                kind="decade")


@pattern(
    rf"{LB}(?:the\s+)?(?P<n>\d{{1,2}})(?:st|nd|rd|th)\s+century{RB}"
    rf"|{LB}(?P<r>XIX|XX|XXI|\d{{2}})(?:-?(?:м|го|й))?\s+(?:век(?:а|е|ом)?|столети[ея]){RB}", needs="du",
)
def _century(m: re.Match, ctx: _Ctx) -> _Hit | None:
    if m["n"]:
        n = int(m["n"])
    else:
        r = m["r"]
        n = int(r) if r.isdigit() else ROMAN.get(r.casefold(), 0)
    if not 1 <= n <= 22:
        return None
    y = (n - 1) * 100
    lo = dt.date(max(y, 1), 1, 1)
    return _Hit(m.start(), m.end(), lo, dt.date(y + 99, 12, 31), "range", kind="century")


def _quarter_hit(s: int, e: int, y: int | None, q: int, ctx: _Ctx, half: bool = False,
                 explicit: bool = True) -> _Hit | None:
    if y is None:
        if ctx.pub is None:
            return _Hit(s, e, None, None, "quarter", relative=True, resolved=False)
        y, explicit = ctx.pub.year, False
    if half:
        lo = dt.date(y, 1 if q == 1 else 7, 1)
        hi = dt.date(y, 6, 30) if q == 1 else dt.date(y, 12, 31)
        return _Hit(s, e, lo, hi, "half", relative=not explicit, y=y)
    lo, hi = quarter_bounds(y, q)
    return _Hit(s, e, lo, hi, "quarter", relative=not explicit, y=y)


@pattern(
    rf"{LB}(?P<q>Q|H)(?P<n>[1-4])(?!\d){RB}(?:\s*(?:of\s+)?[-/']?\s*(?P<y>{YEAR}|(?<=')\d\d)(?!\d))?", needs="d",
)
def _q_first(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "Q3 2019", "q1-2019", "H2 2025", and "q1" alone (this year)
    half = m["q"].casefold() == "h"
    n = int(m["n"])
    if half and n > 2:
        return None
    if half and not m["y"]:
        return None  # "H1" alone is as often a visa or a heading
    y = _year_of(m["y"]) if m["y"] else None
    return _quarter_hit(m.start(), m.end(), y, n, ctx, half, explicit=bool(m["y"]))


@pattern(rf"(?<![\d.,])(?P<y>{YEAR}|\d\d(?=[qQhH]))\s?[-/]?\s?(?P<q>Q|H)(?P<n>[1-4])(?!\d){RB}", needs="d")
def _q_last(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "2019 q1", "2019-Q1", "18q4", "2019 H2"
    half = m["q"].casefold() == "h"
    n = int(m["n"])
    if half and n > 2:
        return None
    return _quarter_hit(m.start(), m.end(), _year_of(m["y"]), n, ctx, half)


_ORD_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
          "4th": 4, "last": 4, "final": 4}
_REL_YEAR_EN = r"(?P<rel>this|next|last|current|previous|past|the\s+current|the\s+next|the\s+previous|the\s+past|the\s+last|the)"


@pattern(
    rf"{LB}(?:(?P<pre>this|next|last)\s+year'?s?\s+|the\s+)?(?P<ord>first|second|third|fourth|last|final|1st|2nd|3rd|4th)\s+"
    rf"(?:fiscal\s+|calendar\s+)?(?P<unit>quarter|qtr|half){RB}"
    rf"(?:\s*(?:of|in)?\s*(?:(?P<y>{YEAR})(?!\d)|{_REL_YEAR_EN}\s+year{RB}|(?P<fy>FY\s?\d{{2,4}})))?", needs="u",
)
def _q_words(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "4th quarter 2018", "the first quarter of the year", "second half of next year"
    half = m["unit"].casefold() == "half"
    n = _ORD_Q[m["ord"].casefold()]
    if half:
        n = 1 if n == 1 else 2 if n in (2, 4) else 0
        if not n:
            return None
    if m["fy"]:
        return None  # fiscal quarters depend on the fiscal calendar
    if m["y"]:
        return _quarter_hit(m.start(), m.end(), int(m["y"]), n, ctx, half)
    if m["pre"] and not m["rel"]:
        if ctx.pub is None:
            return _Hit(m.start(), m.end(), None, None, "quarter", relative=True, resolved=False)
        # "next year's first quarter"
        y = ctx.pub.year + {"next": 1, "last": -1}.get(m["pre"].casefold(), 0)
        return _quarter_hit(m.start(), m.end(), y, n, ctx, half, explicit=False)
    if m["ord"].casefold() in ("last", "final") and not m["rel"]:
        return None  # "last quarter" alone is the previous quarter: relative pattern
    if ctx.pub is None:
        return _Hit(m.start(), m.end(), None, None, "quarter", relative=True, resolved=False)
    rel = re.sub(r"^the\s+", "", (m["rel"] or "").casefold())
    y = ctx.pub.year + {"next": 1, "last": -1, "previous": -1, "past": -1}.get(rel, 0)
    return _quarter_hit(m.start(), m.end(), y, n, ctx, half, explicit=False)


_RU_ORD_Q = r"(?P<ord>перв|втор|трет|четв[её]рт|IV|III|II|I|[1-4])"


@pattern(
    rf"{LB}{_RU_ORD_Q}(?:ый|ой|ий|ом|ем|ьем|ого|ьего|ая|ое|ье|ому|ьему|-?(?:й|м|го|е|ом)|(?=\s))?\s*"
    rf"(?P<unit>квартал|кв\.|полугоди)[а-я]*(?:\s+(?:(?P<y>{YEAR})(?!\d){YSUF}?|(?P<rel>этого|текущего|следующего|прошлого|будущего)\s+года))?", needs="ud",
)
def _q_ru(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "в третьем квартале", "четвёртый квартал 2018", "II полугодие 2025 года"
    o = m["ord"].casefold()
    n = {"перв": 1, "втор": 2, "трет": 3, "четв": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}.get(
        o[:4] if not o.isdigit() else o, None)
    if n is None:
        n = int(o) if o.isdigit() else {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(o)
    half = m["unit"].casefold().startswith("полугод")
    if n is None or (half and n > 2):
        return None
    if m["y"]:
        return _quarter_hit(m.start(), m.end(), int(m["y"]), n, ctx, half)
    if ctx.pub is None:
        return _Hit(m.start(), m.end(), None, None, "quarter", relative=True, resolved=False)
    rel = (m["rel"] or "").casefold()
    y = ctx.pub.year + (1 if rel.startswith(("след", "буд")) else -1 if rel.startswith("прош") else 0)
    return _quarter_hit(m.start(), m.end(), y, n, ctx, half, explicit=False)


# --- parts of a period: "end of 2025", "mid-2027", "в начале 2026 года" -------------
_PART_EN = (
    r"(?:(?:at|in)\s+)?(?:the\s+)?"
    r"(?:(?P<part>beginning|start|end|middle|close|turn)\s+of\s+(?:the\s+)?|(?P<part2>early|mid|late)[\s-]*)"
)
_PART_RU = r"(?:в\s+)?(?P<part>начал[оеау]|середин[аеуы]|кон(?:ец|це|ца|цу))\s+"
_TAIL = (
    rf"(?:(?P<y>{YEAR})(?!\d|[.,]\d){YSUF}?"
    rf"|(?P<mon>{MONTH_EN}|{MONTH_RU}){RB}\.?(?:\s*,?\s*(?P<my>{YEAR})(?!\d){YSUF}?)?"
    r"|(?P<rel>this|next|last|current|coming|past|previous|following|upcoming|(?:the\s+)?(?:current|next|last|following|previous|coming)|around\s+next|that|этого|текущего|следующего|будущего|прошлого|нынешнего)?\s*"
    r"(?P<unit>year|month|week|decade|года|месяца|недели|десятилетия)(?![^\W\d_])"
    r"|(?P<q>(?:the\s+)?(?:first|second|third|fourth)\s+quarter|Q[1-4]))"
)


def _part_bounds(part: str, lo: dt.date, hi: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    """Beginning, middle or end of a year, month, week or decade (Duckling's thirds)."""
    p = part[:3].casefold()
    kind = "start" if p in ("beg", "sta", "ear", "нач") else "mid" if p in ("mid", "сер") else "end"
    if unit == "year":
        y = lo.year
        return {
            "start": (dt.date(y, 1, 1), dt.date(y, 3, 31)),
            "mid": (dt.date(y, 5, 1), dt.date(y, 8, 31)),
            "end": (dt.date(y, 9, 1), dt.date(y, 12, 31)),
        }[kind]
    if unit == "month":
        return {
            "start": (lo, lo.replace(day=10)),
            "mid": (lo.replace(day=11), lo.replace(day=20)),
            "end": (lo.replace(day=21), hi),
        }[kind]
    if unit == "week":
        return {
            "start": (lo, lo + dt.timedelta(days=2)),
            "mid": (lo + dt.timedelta(days=2), lo + dt.timedelta(days=4)),
            "end": (lo + dt.timedelta(days=4), hi),
        }[kind]
    # decade and longer: the first, middle and last three years
    n = hi.year - lo.year + 1
    third = max(n // 3, 1)
    return {
        "start": (lo, dt.date(lo.year + third - 1, 12, 31)),
        "mid": (dt.date(lo.year + third, 1, 1), dt.date(hi.year - third, 12, 31)),
        "end": (dt.date(hi.year - third + 1, 1, 1), hi),
    }[kind]


def _named_month_period(mon: str, year: str | None, pub: dt.date | None) -> tuple[dt.date, dt.date, str, bool] | None:
    """(first day, last day, "month", relative) of a named month, with or without its year."""
    mo = month_number(mon)
    if mo is None:
        return None
    if year:
        y = int(year)
        return dt.date(y, mo, 1), month_end(y, mo), "month", False
    if pub is None:
        return None
    y = _closest_month(mo, pub)
    return dt.date(y, mo, 1), month_end(y, mo), "month", True


def _tail_period(m: re.Match, ctx: _Ctx) -> tuple[dt.date, dt.date, str, bool] | None:
    """(lo, hi, unit, relative) of the period a part phrase is about."""
    p = ctx.pub
    if m["y"]:
        y = int(m["y"])
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", False
    if m["mon"]:
        return _named_month_period(m["mon"], m["my"], p)
    if m["q"]:
        return None
    unit = (m["unit"] or "").casefold()
    if p is None or not unit:
        return None
    rel = re.sub(r"^(?:the|around)\s+", "", (m["rel"] or "").casefold())
    step = _REL_STEP.get(rel, 0) if rel.isascii() else (
        1 if rel in ("следующего", "будущего") else -1 if rel == "прошлого" else 0)
    if unit in ("year", "года"):
        y = p.year + step
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", True
    if unit in ("month", "месяца"):
        first = add_months(p.replace(day=1), step)
        return first, month_end(first.year, first.month), "month", True
    if unit in ("week", "недели"):
        ws = week_start(p) + dt.timedelta(days=7 * step)
        return ws, ws + dt.timedelta(days=6), "week", True
    # "the end of the decade": policy decades run 2021-2030 (EU Digital Decade,
    # national 2030 strategies), so in 2025 its end is 2030; see the module docstring
    y0 = ((p.year - 1) // 10 + step) * 10 + 1
    return dt.date(y0, 1, 1), dt.date(y0 + 9, 12, 31), "decade", True


def _part_handler(m: re.Match, ctx: _Ctx) -> _Hit | None:
    part = m["part"] or m["part2"]
    t = _tail_period(m, ctx)
    if t is None:
        if ctx.pub is None and (m["unit"] or (m["mon"] and not m["my"])):
            return _Hit(m.start(), m.end(), None, None, "range", relative=True, resolved=False)
        return None
    lo, hi, unit, rel = t
    a, b = _part_bounds(part, lo, hi, unit)
    hit = _Hit(m.start(), m.end(), a, b, "range", relative=rel, kind="part:" + part[:3].casefold())
    hit.y = hi.year
    hit.year_explicit = not (m["mon"] and not m["my"])
    if unit == "decade":
        hit.kind = "part:dec:" + part[:3].casefold()
    return hit


pattern(LB + _PART_EN + _TAIL, needs="dmu")(_part_handler)
pattern(LB + _PART_RU + _TAIL, needs="dmu")(_part_handler)


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


_REL_STEP = {
    "this": 0, "current": 0, "same": 0, "last": -1, "past": -1, "previous": -1, "prior": -1,
    "next": 1, "coming": 1, "upcoming": 1, "following": 1,
    "эт": 0, "текущ": 0, "нынешн": 0, "прошл": -1, "предыдущ": -1, "позапрошл": -2,
    "следующ": 1, "будущ": 1, "наступающ": 1,
}


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
    rf"{LB}(?:the\s+)?(?P<rel>this|current|last|past|previous|prior|next|coming|upcoming|following)\s+(?:calendar\s+)?"
    rf"(?P<unit>week(?:end)?|fortnight|month|year|yr|quarter|qtr|decade){RB}(?!\s+(?:of|ago|old)\b)", needs="u",
)
def _rel_period_en(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "last year", "next month", "this quarter", "the following week"
    if ctx.pub is None:
        return _rel_hit(m.start(), m.end(), None, None, "range", ctx)
    step = _REL_STEP[m["rel"].casefold()]
    lo, hi, grain = _period(m["unit"], step, ctx.pub)
    return _rel_hit(m.start(), m.end(), lo, hi, grain, ctx)


@pattern(
    rf"{LB}(?:(?:на|в|во)\s+)?(?P<rel>эт|текущ|нынешн|прошл|предыдущ|позапрошл|следующ|будущ|наступающ)"
    rf"(?:ий|ем|ей|ая|ую|его|ого|ом|ой|ый|от|а|у|им|ее|ое)\s+"
    rf"(?P<unit>недел[яеию]|месяц[еау]?|год[ау]?|квартал[еау]?|десятилети[еия])(?![^\W\d_])", needs="u",
)
def _rel_period_ru(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "в прошлом году", "на следующей неделе", "этот месяц", "в текущем квартале"
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
    rf"(?!\d|\s*(?:of\s+)?(?:{MONTH_EN}|{MONTH_RU}){RB}|\s*[./-]\s*\d|:)", needs="w",
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


@pattern(
    rf"(?<![\d.,/])(?P<y>{YEAR})[-/](?:(?P<mon>{MONTH_EN}){RB}\.?[-/](?P<d>[0-3]?\d)|(?P<d2>[0-3]?\d)[-/](?P<mon2>{MONTH_EN}){RB})(?!\d)"
    rf"|{LB}(?P<mon3>{MONTH_EN})[-/](?P<y3>{YEAR})[-/](?P<d3>[0-3]?\d)(?!\d)"
    rf"|(?<![\d.,/])(?P<d4>[0-3]?\d)[-/](?P<y4>{YEAR})[-/](?P<mon4>{MONTH_EN}){RB}", needs="m",
)
def _ymd_names(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "2019/aug/01", "2020/23/Sep", "September-2020-23", "23-2020-September"
    y = m["y"] or m["y3"] or m["y4"]
    mon = m["mon"] or m["mon2"] or m["mon3"] or m["mon4"]
    d = m["d"] or m["d2"] or m["d3"] or m["d4"]
    mo = month_number(mon)
    if mo is None:
        return None
    return _day_hit(m.start(), m.end(), int(y), mo, int(d), ctx)


@pattern(rf"{LB}(?:in|of|since|by|until|till|from|year)\s+(?P<y>{YEAR_WORDS})", needs="y")
def _year_in_words(m: re.Match, ctx: _Ctx) -> _Hit | None:
    # "in nineteen ninety six", "in two thousand and fifteen"
    v = _year_words_value(m["y"])
    if v is None or not 1000 <= v <= 2199:
        return None
    return _year_hit(m.start("y"), m.end(), v)


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


# ---------------------------------------------------------------------------
# selection, combination, modifiers

_WD_ANY = rf"(?:{WEEKDAY_EN}|{WEEKDAY_EN_ABBR}|{WEEKDAY_RU}|{WEEKDAY_RU_ABBR})"
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


def _value(h: _Hit) -> str:
    if not h.resolved:
        return ""
    if h.open_end == "before":
        return f"../{h.hi.isoformat()}" if h.hi else ""
    if h.open_end == "after":
        return f"{h.lo.isoformat()}/.." if h.lo else ""
    if h.value is not None:
        return h.value
    lo, hi = h.lo, h.hi
    if lo is None or hi is None:
        return ""
    if lo == hi:
        return lo.isoformat()
    if lo.day == 1 and hi == month_end(lo.year, lo.month):
        return f"{lo.year:04d}-{lo.month:02d}"
    if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
        return f"{lo.year:04d}"
    return f"{lo.isoformat()}/{hi.isoformat()}"


def _grain(h: _Hit) -> str:
    if h.open_end or h.grain in ("range", "week", "half"):
        v = _value(h)
        if v and "/" not in v:
            return "day" if len(v) == 10 else "month" if len(v) == 7 else "year"
        return "range" if h.grain != "fiscal_year" else h.grain
    return h.grain


# ---------------------------------------------------------------------------
# public API

# Every pattern needs one of these tokens: a digit (d), a month (m) or weekday (w)
# name, a unit of time (u), a relative day word (r), a business abbreviation (f), a
# holiday name (h) or a year in words (y). A pattern runs only in the windows around
# the tokens of the classes it needs (Pattern.needs), so long stretches of prose cost a split.
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_EXACT_CLASS: dict[str, str] = {}
for _w in ("january february march april may june july august september october november "
           "december jan feb mar apr jun jul aug sep sept oct nov dec").split():
    _EXACT_CLASS[_w] = "m"
for _w in ("май мая мае маю").split():
    _EXACT_CLASS[_w] = "m"
for _w in ("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur "
           "thurs fri sat sun mondays tuesdays wednesdays thursdays fridays saturdays sundays "
           "пн вт ср чт пт сб вс").split():
    _EXACT_CLASS[_w] = "w"
for _w in ("day days week weeks weekend weekends workweek fortnight fortnights month months year years yr yrs "
           "quarter quarters qtr qtrs half decade decades century season seasons spring summer "
           "autumn fall winter").split():
    _EXACT_CLASS[_w] = "u"
for _w in ("today tomorrow tomorrows tmrw yesterday ago hence сегодня вчера завтра позавчера "
           "послезавтра позапозавчера послепослезавтра назад через").split():
    _EXACT_CLASS[_w] = "r"
for _w in "eom bom eoy boy ytd fy fiscal".split():
    _EXACT_CLASS[_w] = "f"
for _w in ("christmas xmas easter thanksgiving halloween valentine valentines patrick patricks "
           "paddy paddys ides vegan juneteenth workers boss bosses koningsdag mlk memorial mother "
           "father orthodox lazarus maundy covenant pentecost whit trinity mardi pancake shrove "
           "lent independence luther king kings fast first победы единства").split():
    _EXACT_CLASS[_w] = "h"
for _w in FEAST_ANCHORS:
    _EXACT_CLASS.setdefault(_w, "h")
for _w in ("eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
           "thousand").split():
    _EXACT_CLASS[_w] = "y"
_PREFIX_CLASS: list[tuple[tuple[str, ...], str]] = [
    (("январ", "янв", "феврал", "фев", "мар", "апрел", "апр", "июн", "июл", "август", "авг",
      "сентябр", "сен", "октябр", "окт", "ноябр", "ноя", "декабр", "дек"), "m"),
    (("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресен"), "w"),
    (("недел", "месяц", "год", "лет", "квартал", "кв", "полугоди", "десятилети", "век", "столети",
      "весн", "осен", "зим", "день", "дня", "дню", "дней", "сут", "течение"), "u"),
    (("пасх", "рождеств"), "h"),
]
_MARGIN = 40  # the longest stretch a pattern reaches past its anchor ("between the ninth and the seventeenth ")


def _token_class(tok: str) -> str:
    if tok[0].isdigit():
        return "d"
    key = tok.casefold()
    c = _EXACT_CLASS.get(key)
    if c:
        return c
    for part in ("mid", "early", "late"):  # "by midyear", "in midMarch": a part written onto its word
        if key.startswith(part) and len(key) > len(part):
            c = _token_class(key[len(part):])
            if c:
                return c
    if "\u0400" <= key[0] <= "\u04ff":
        for prefixes, cls in _PREFIX_CLASS:
            if key.startswith(prefixes):
                return cls
    return ""


def _chunk_anchors(chunk: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, class) within `chunk` of each anchor token: every run of digits, and
    each word of a date class."""
    out = []
    for m in _TOKEN.finditer(chunk):
        cls = _token_class(m.group(0))
        if cls:
            out.append((m.start(), m.end(), cls))
    return tuple(out)


_CHUNK = re.compile(r"\S+")
_LONG_TEXT = 50_000  # characters; above this, anchors come from one walk over the chunks


_CHUNKS = ChunkReadings(_chunk_anchors)  # chunk as written -> its anchor tokens


def _anchors(text: str) -> list[tuple[int, int, str]]:
    """(start, end, class) of every anchor token, in text order.

    A token never spans white space, so the text is cut at white space (str.split, in C)
    and each distinct chunk is read once, then cached: "2025," or "(March" has the same
    anchors wherever it stands. Only chunks with anchors are then found in the text.
    Tokenising every word with a regex cost more than all the date patterns together.
    """
    out: list[tuple[int, int, str]] = []
    n = len(text)
    if n > _LONG_TEXT:
        # a long text holds "5" or "2025" as a substring thousands of times over, so
        # finding each chunk would cost far more than walking the chunks once
        known = _CHUNKS.known
        for m in _CHUNK.finditer(text):
            found = known.get(m.group(0))
            if found is None:
                found = _CHUNKS.get(m.group(0))
            if found:
                i = m.start()
                out.extend((i + s, i + e, c) for s, e, c in found)
        return out
    for chunk, found in _CHUNKS.of(set(text.split())).items():
        size = len(chunk)
        i = text.find(chunk)
        while i >= 0:
            j = i + size
            # a whole chunk only: "2025" inside "12025," is another chunk's business
            if (i == 0 or text[i - 1].isspace()) and (j == n or text[j].isspace()):
                out.extend((i + s, i + e, c) for s, e, c in found)
            i = text.find(chunk, i + 1)
    out.sort()
    return out


_GATES = TokenGates()


@functools.cache
def _needs() -> tuple[list[int], list[tuple[int, ...]]]:
    """Each pattern's mask, and for a pattern that is one long list of alternatives (the
    holidays) the mask of each alternative: any one of them must be covered. "new" and
    "year" are in most windows, but "new" and "year" and "eve" together are not."""
    # all at once, before the first window is masked: a group added later would be
    # missing from the masks of the tokens already cached
    need = [_GATES.need(required_literals(p.rx)) for p in _PATTERNS]
    alts = []
    for p in _PATTERNS:
        each = tuple(_GATES.need(required_literals(re.compile(a, _F), most=3)) for a in p.alternatives)
        alts.append(each if each and all(each) else ())
    return need, alts


@functools.cache
def _searches() -> list[tuple[str, list[tuple[int, re.Pattern, _Handler, int, re.Pattern | None, tuple[int, ...]]]]]:
    """The patterns grouped by the anchor classes they run around, each with its index
    (hits are gathered in pattern order), its handler, its mask, its looser form and
    the masks of its alternatives."""
    need, alts = _needs()
    groups: dict[str, list] = {}
    for i, (rx, h, needs, _) in enumerate(_PATTERNS):
        groups.setdefault(needs, []).append((i, first_char_checked(rx), h, need[i], fast_gate(rx), alts[i]))
    return list(groups.items())


_CANDIDATES: dict[tuple[str, int], list] = {}  # (classes, window mask) -> the patterns it admits


def _candidates(classes: str, members: list, have: int) -> list:
    """The members whose literals a window with mask `have` holds: windows of many texts
    share a handful of masks, so each (classes, mask) is sorted out once."""
    found = _CANDIDATES.get((classes, have))
    if found is None:
        found = [(i, rx, h, pre) for i, rx, h, need, pre, alts in members
                 if have & need == need and (not alts or any(have & a == a for a in alts))]
        if len(_CANDIDATES) >= CACHE_SIZE:
            _CANDIDATES.clear()
        _CANDIDATES[classes, have] = found
    return found


@functools.cache
def _groups_of() -> dict[str, tuple[int, ...]]:
    """For each anchor class, the indices of the _searches groups that run around it."""
    out: dict[str, list[int]] = {}
    for g, (classes, _) in enumerate(_searches()):
        for c in classes:
            out.setdefault(c, []).append(g)
    return {c: tuple(gs) for c, gs in out.items()}


def _windows(anchors: list[tuple[int, int, str]], n: int) -> list[list[list[int]]]:
    """For each _searches group, the spans within `_MARGIN` of the anchors of its
    classes, merged where they touch: one walk over the anchors for all groups."""
    out: list[list[list[int]]] = [[] for _ in _searches()]
    groups = _groups_of()
    for ts, te, cls in anchors:
        s, e = max(0, ts - _MARGIN), min(n, te + _MARGIN)
        for g in groups.get(cls, ()):
            wins = out[g]
            if wins and s <= wins[-1][1]:
                if e > wins[-1][1]:
                    wins[-1][1] = e
            else:
                wins.append([s, e])
    return out


def extract_dates(
    norm: Normalised, published: dt.date | None = None, lang: str | None = None
) -> tuple[list[DateSpan], list[DeadlineSpan]]:
    """Dates and deadlines in `norm.text`, with offsets into `norm.original`.

    `published` anchors relative expressions; `lang` ("en", "ru" or None) only
    decides day-month order in numeric dates ("05/06/2025") and whether "15.02"
    without a year is a date.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    text = norm.text
    if not text:
        return [], []
    ctx = _Ctx(norm, published, (lang or "").casefold()[:2] or None)
    anchors = _anchors(text)
    n = len(text)
    masks: dict[tuple[int, int], int] = {}
    found: dict[int, list[_Hit]] = {}
    for (classes, members), wins in zip(_searches(), _windows(anchors, n)):
        for ws, we in wins:
            have = masks.get((ws, we))
            if have is None:
                have = masks[ws, we] = _GATES.window_mask(text, ws, we)
            for i, rx, handler, pre in _candidates(classes, members, have):
                if pre is not None and pre.search(text, ws, we) is None:
                    continue
                for m in rx.finditer(text, ws, we):
                    try:
                        h = handler(m, ctx)
                    except (ValueError, OverflowError):
                        h = None
                    if h is not None and h.e > h.s:
                        found.setdefault(i, []).append(h)
    hits = [h for i in sorted(found) for h in found[i]]
    kept = _select(hits)
    for h in kept:
        _attach_weekday(h, ctx)
    kept = _select(kept)
    kept = _apply_offsets(kept, ctx)
    _apply_anchors(kept, ctx)
    kept = _combine(kept, ctx)
    deadlines = _apply_modifiers(kept, ctx)

    dates: list[DateSpan] = []
    for h in kept:
        s, e = norm.span(h.s, h.e)
        dates.append(DateSpan(
            text=norm.original[s:e], start=s, end=e, value=_value(h),
            relative=h.relative or not h.resolved, resolved=h.resolved, grain=_grain(h),
        ))
    out_dl: list[DeadlineSpan] = []
    for d in deadlines:
        s, e = norm.span(d.s, d.e)
        out_dl.append(DeadlineSpan(text=norm.original[s:e], start=s, end=e, year=d.year,
                                   date=d.date, precision=d.precision, relation=d.relation))
    return dates, out_dl


_PUB = first_char_checked(re.compile(
    r"(?<![^\W\d_])(?:posted|published|updated|last\s+updated|date|dated|опубликовано|"
    r"дата\s+публикации|обновлено|дата)"
    r"(?:\s+(?:on|by\s+[^\n:]{1,60}?\s+on))?\s*[:\-]?\s*",
    re.IGNORECASE,
))


def find_publication_date(norm: Normalised) -> tuple[dt.date, int, int] | None:
    """A publication date stated in the text ("Posted on November 19, 2025",
    "Published: 19 Nov 2025", "Опубликовано 19.11.2025"), with the original offsets of
    the date itself, for documents whose metadata has none. The first full date that
    directly follows a "posted/published/опубликовано" label wins; "updated" labels
    are used only when no other label is found."""
    text = norm.text
    found: list[tuple[int, dt.date, int, int]] = []
    for m in _PUB.finditer(text):
        window = Normalised(text[m.end():m.end() + 40], text[m.end():m.end() + 40])
        dates, _ = extract_dates(window, None, None)
        for d in dates:
            if d.start > 2 or not d.resolved or len(d.value) != 10:
                continue
            label = m.group(0).casefold()
            # "Posted on" beats a bare "Date:" ("dated 10 October 2019" is often a
            # decree's date), which beats "Last updated"
            rank = 2 if ("updated" in label or "обновлено" in label) else (
                0 if re.search(r"post|publ|опубл|публик", label) else 1)
            s, e = norm.span(m.end() + d.start, m.end() + d.end)
            found.append((rank, dt.date.fromisoformat(d.value), s, e))
            break
    if not found:
        return None
    found.sort(key=lambda t: (t[0], t[2]))
    _, value, s, e = found[0]
    return value, s, e
