"""Date patterns written out in full or in part: ISO and numeric dates, month names
with days and years, years alone and in ranges, decades, centuries, quarters and
halves, fiscal years, parts of a period ("end of 2025", "в начале 2026 года"), dates
with month names between digits ("2019/aug/01") and years in words.

May import: the standard library and etl.extract.dates.registry / .words.
"""

from __future__ import annotations

import datetime as dt
import re

from etl.extract.dates.registry import (
    _Ctx,
    _Hit,
    _closest_month,
    _day_hit,
    _expand_yy,
    _month_hit,
    _orig_char,
    _year_hit,
    pattern,
)
from etl.extract.dates.words import (
    LB,
    MONTH_EN,
    MONTH_NAMES,
    RB,
    ROMAN,
    WEEKDAY_EN,
    WEEKDAY_EN_ABBR,
    YEAR,
    YEAR_WORDS,
    YSUF,
    _F,
    _REL_STEP,
    _daynum,
    _dayword,
    _mon,
    _year_words_value,
    add_months,
    day_word_value,
    month_end,
    month_number,
    quarter_bounds,
    week_start,
)


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
    + MONTH_NAMES + r")\.?",
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
    rf"|(?P<mon>{MONTH_NAMES}){RB}\.?(?:\s*,?\s*(?P<my>{YEAR})(?!\d){YSUF}?)?"
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
