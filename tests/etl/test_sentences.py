"""Sentence spans: the fast boundary pattern cuts exactly where the plain lookbehind form does."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.commitments import sentences, trimmed

# the boundary as first written: after . ! ? … (and closing quotes) before white space,
# a blank line, or a new line that starts a list item or a capitalised line
_REFERENCE = re.compile(r"(?<=[.!?…])(?P<close>[\"'”»)]*)\s+|\n\s*\n|\n(?=\s*[-•*·]|\s*[A-ZА-Я])")


def _reference_sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _REFERENCE.finditer(text):
        out.append((pos, m.end("close") if m.group("close") is not None else m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return trimmed(text, out)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(".!?…\n \t\"'”»)-•aAбБZ1")), max_size=30))
def test_sentences_cut_where_the_reference_does(text):
    assert sentences(text) == _reference_sentences(text)


def test_sentences_of_a_short_text():
    text = 'He said: "We will invest." Then?! Next line\n\n- a list item\nAnother line'
    got = [text[s:e] for s, e in sentences(text)]
    # the closing quote stays with its sentence, so a quoted sentence is quoted whole
    assert got == ['He said: "We will invest."', "Then?!", "Next line", "- a list item", "Another line"]
