"""The normaliser: matching text changes, offsets into the original never do."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from etl.extract.text import normalise

SPECIALS = st.sampled_from(["\u00a0", "\u202f", "\u00ad", "\u200b", "&amp;", "&#8364;", "&nbsp;", "&bogus;",
                            "\uff08", "\u2013", "o", "р", "Р", "1", " ", "R&D"])


def test_identity_for_plain_text():
    n = normalise("Russia will invest $1 billion.")
    assert n.text == n.original and n.starts is None


def test_soft_hyphen_entity_and_nbsp():
    raw = "1\u00a0500 млрд руб&shy;лей &amp; &#8364;5"
    n = normalise(raw)
    assert n.text == "1 500 млрд рублей & €5"
    i = n.text.index("рублей")
    s, e = n.span(i, i + len("рублей"))
    assert raw[s:e] == "руб&shy;лей"
    j = n.text.index("€5")
    assert raw[slice(*n.span(j, j + 2))] == "&#8364;5"


def test_latin_lookalikes_inside_cyrillic_words_only():
    n = normalise("Рoссия и Roscosmos")  # Latin 'o' inside a Cyrillic word
    assert n.text == "Россия и Roscosmos"


@given(st.lists(st.one_of(SPECIALS, st.text(max_size=3)), max_size=40).map("".join))
def test_every_normalised_span_maps_inside_the_original(raw):
    n = normalise(raw)
    last_end = 0
    for i in range(len(n.text)):
        s, e = n.span(i, i + 1)
        assert 0 <= s < e <= len(raw)
        assert s >= last_end - 8  # monotone but for entity characters sharing a span
        last_end = e
    s, e = n.span(0, len(n.text))
    assert 0 <= s <= e <= len(raw)
