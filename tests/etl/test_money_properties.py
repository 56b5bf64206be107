"""Properties of extract_money that hold for any input, checked with hypothesis.

Whatever the text, extraction never raises, every span quotes the original
text exactly, and every figure is finite and non-negative with its bounds in
order. Inputs mix arbitrary unicode with the characters money text is made of
(digits, separators, symbols, brackets, scale and currency words), so the
search spends its time where the parser branches.
"""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.extract.money import extract_money
from etl.extract.text import normalise

PIECES = [
    "$", "US$", "C$", "€", "£", "¥", "₹", "₽", "руб.", "рублей", "долларов", "млрд", "трлн",
    "тыс.", "млн", "billion", "bn", "m", "k", "lakh", "crore", "dollars", "euros", "roubles",
    "yen", "cents", "pence", "%", " percent", "процентов", "(", ")", "[", "]", "=", "-", "–",
    " to ", " and ", " between ", " from ", " от ", " до ", " more than ", " about ", " up to ",
    "one", "two", "a", "half", "quarter", "three quarters of a", "полтора", "одиннадцать",
    "миллиард", "per", " to the dollar", " за доллар", "minus ", "1", "0", "5", "12", "1,234",
    "1.234", "1 234", "1'049,95", "12,34,567", ",", ".", " ", "\u00a0", "\u2009", "\u00ad",
    "&nbsp;", "&#36;", "\uff08", "\uff09", "\uff15", "USD", "EUR", "RUB", "MUSD", "https://x.io/5%20",
]

money_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=30
).map("".join)
any_text = st.one_of(st.text(max_size=200), money_text)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str) -> None:
    norm = normalise(text)
    amounts, rates, conversions, percents = extract_money(norm)
    for a in amounts:
        assert text[a.start : a.end] == a.text
        assert a.value is not None and math.isfinite(a.value) and a.value >= 0
        for v in (a.value_min, a.value_max):
            assert v is None or (math.isfinite(v) and v >= 0)
        assert a.value_min is None or a.value_min <= a.value
        assert a.value_max is None or a.value <= a.value_max
        assert a.qualifier in ("exact", "about", "over", "at_least", "under", "up_to", "nearly", "range")
    for r in rates:
        assert text[r.start : r.end] == r.text
        assert math.isfinite(r.rate) and r.rate > 0
        assert r.base != r.quote
    for c in conversions:
        assert 0 <= c.source < len(amounts) and 0 <= c.target < len(amounts)
        assert math.isfinite(c.implied_rate) and c.implied_rate > 0
        assert text[c.start : c.end] == c.text
    for p in percents:
        assert text[p.start : p.end] == p.text
        assert math.isfinite(p.value)
        # a percentage is negative only when the word says so
        if p.value < 0:
            assert "minus" in p.text.lower() or "минус" in p.text.lower()


@SETTINGS
@given(any_text)
def test_any_text_gives_quoted_finite_non_negative_figures(text: str) -> None:
    _check(text)


@SETTINGS
@given(st.sampled_from(["en", "ru", "de", None]), st.sampled_from(["AUD", "CAD", None]), money_text)
def test_language_and_default_dollar_never_break_the_invariants(lang, dollar, text) -> None:
    norm = normalise(text)
    amounts, _rates, _convs, _pcts = extract_money(norm, lang=lang, default_dollar=dollar)
    for a in amounts:
        assert text[a.start : a.end] == a.text
        assert a.value is not None and a.value >= 0 and math.isfinite(a.value)
