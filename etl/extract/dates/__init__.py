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

The package, by job:

* `registry`  - `@pattern(regex, needs=...)`, the hit (`_Hit`) and the helpers making one;
* `absolute`  - dates written out: ISO, numeric, month names, years, quarters, fiscal, decades;
* `relative`  - read against publication: today, ago, in N, within, weekdays, nth of, seasons;
* `holidays`  - holiday patterns; `feasts` the lunar and lunisolar feast tables;
* `combine`   - selection, attached weekdays, offsets, ranges ("from X to Y"), day ranges;
* `deadlines` - prefixes and suffixes ("by", "until", "к", "до") and the deadlines they make;
* `anchors`   - the anchor tokens (classes made from the lexicon rows: months, weekdays,
  date_words, number_words), windows and gates that decide where each pattern runs;
* `words`     - month and weekday names (rows of etl/extract/lexicon/months.csv, weekdays.csv),
  number and ordinal words, shared regex pieces and calendar arithmetic.

The handler modules are imported below in registration order (absolute, relative,
holidays, then combine, whose day ranges come last): it is the order hits are gathered
in, which breaks ties between equally long hits.

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

May import: the standard library, etl.extract.gates, etl.extract.spans, etl.extract.text
and its own modules (feasts imports the `holidays` package only when a lunar feast is
named).
"""

from __future__ import annotations

import datetime as dt
import re

# registration order: see the module docstring
from etl.extract.dates import absolute, relative, holidays, combine  # noqa: F401  isort: skip
from etl.extract.dates.anchors import _GATES, _anchors, _candidates, _searches, _windows
from etl.extract.dates.combine import _apply_anchors, _apply_offsets, _attach_weekday, _combine, _select
from etl.extract.dates.deadlines import _apply_modifiers
from etl.extract.dates.registry import _Ctx, _Hit
from etl.extract.dates.words import month_end
from etl.extract.gates import first_char_checked
from etl.extract.spans import DateSpan, DeadlineSpan
from etl.extract.text import Normalised

__all__ = ["extract_dates", "find_publication_date"]


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
