"""Properties of etl.extract.dates on arbitrary input: it never raises, every span
quotes the original text exactly, and every value is a well-formed ISO date, month,
year or interval. Example counts stay moderate: CI has two cores.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.extract.dates import extract_dates, find_publication_date
from etl.extract.text import normalise

_POINT = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _check_point(v: str) -> None:
    assert _POINT.match(v), v
    if len(v) == 10:
        dt.date.fromisoformat(v)
    elif len(v) == 7:
        dt.date.fromisoformat(v + "-01")


def check_value(v: str) -> None:
    if v == "":
        return
    if "/" in v:
        a, b = v.split("/")
        assert not (a == ".." and b == ".."), v
        for part in (a, b):
            if part != "..":
                _check_point(part)
        if a != ".." and b != ".." and len(a) == len(b) == 10:
            assert a <= b, v
    else:
        _check_point(v)


# Text that looks like the things the extractor hunts for, mixed with noise.
_WORDS = st.sampled_from([
    "by", "until", "к", "до", "с", "по", "in", "on", "the", "end", "of", "mid-", "early",
    "next", "last", "this", "week", "month", "year", "quarter", "Q3", "H2", "FY", "fiscal",
    "November", "Nov.", "ноября", "марте", "May", "may", "Wednesday", "в среду", "вчера",
    "yesterday", "today", "ago", "назад", "через", "within", "five", "три", "года", "году",
    "2025", "2030", "2025-2030", "2025\u201330", "19.11.2025", "19", "1990s", "-", "/", ",",
    "$", "%", "No.", "GPT-4", "AI Journey", "\u00a0", "&amp;", "\u00ad", "Easter", "summer",
])
_TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(_WORDS, max_size=25).map(" ".join),
    st.lists(st.one_of(_WORDS, st.text(max_size=5)), max_size=25).map("".join),
)
_PUBS = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS, published=_PUBS, lang=st.sampled_from([None, "en", "ru"]))
def test_never_raises_and_spans_quote_the_original(text: str, published, lang) -> None:
    norm = normalise(text)
    dates, deadlines = extract_dates(norm, published, lang)
    for span in [*dates, *deadlines]:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start:span.end] == span.text
    for d in dates:
        check_value(d.value)
        if not d.resolved:
            assert d.value == "" and d.relative
    for dl in deadlines:
        if dl.date is not None:
            dt.date.fromisoformat(dl.date)


@settings(max_examples=100, deadline=None)
@given(text=_TEXTS)
def test_publication_date_offsets_quote_the_original(text: str) -> None:
    found = find_publication_date(normalise("Posted on " + text))
    if found is not None:
        value, s, e = found
        assert isinstance(value, dt.date)
        assert 0 <= s <= e <= len("Posted on " + text)


_BEFORE = st.lists(st.sampled_from(list("ab Z9.-&'_/$€ \n\t\u00a0éд²٣") + ["USD", "EUR", "RUB"]), max_size=20).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_BEFORE)
def test_bare_year_context_reads_as_its_regexes_did(before):
    # _bare_year's readers replaced end-anchored searches; they must agree with them exactly
    from etl.extract.dates import absolute as D

    m = re.search(r"([^\W\d_][\w&'.-]*)\s+$", before)
    assert D._last_word(before) == (m.group(1) if m else None)
    money = bool(re.search(r"(?:[$€£¥₽]|\b(?:USD|EUR|RUB)\s?)$", before))
    assert bool(D._MONEY_BEFORE.search(before, max(0, len(before) - 6))) == money
    assert D._after_dash(before) == bool(re.search(r"\d\s*[-/]\s*$", before))
