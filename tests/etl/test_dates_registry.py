"""The date pattern registry: a pattern is registered once, with the anchor classes it
needs, and a registration that could not be dispatched fails at import, here, instead of
rejecting every document at build time ("extractor failed")."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from etl.extract.dates import registry as D


def _handler(m, ctx):
    return None


@pytest.fixture
def registry(monkeypatch):
    # registrations made by a test must not reach the real pattern list
    monkeypatch.setattr(D, "_PATTERNS", list(D._PATTERNS))
    return D._PATTERNS


def test_a_pattern_without_needs_fails_when_decorated_naming_it(registry):
    before = len(registry)
    with pytest.raises(D.PatternError, match="_handler.*needs"):
        D.pattern(r"\d+")(_handler)
    with pytest.raises(D.PatternError, match="_handler"):
        D.pattern(r"\d+", needs="")(_handler)
    assert len(registry) == before


def test_an_unknown_anchor_class_fails_when_decorated_naming_it(registry):
    with pytest.raises(D.PatternError, match=r"_handler.*'x'"):
        D.pattern(r"\d+", needs="dx")(_handler)


def test_a_known_registration_is_kept_with_its_needs_and_flags(registry):
    D.pattern(r"abc", needs="dm", flags=0)(_handler)
    rx, handler, needs, alts = registry[-1]
    assert (handler, needs, alts) == (_handler, "dm", ())
    assert rx.flags & re.IGNORECASE == 0


def test_every_registered_pattern_has_known_needs():
    assert len(D._PATTERNS) > 60
    for p in D._PATTERNS:
        assert p.needs and set(p.needs) <= set(D.ANCHOR_CLASSES), p.handler.__name__
    # the holidays are one long alternation, gated branch by branch
    assert {p.handler.__name__ for p in D._PATTERNS if p.alternatives} == {"_holiday", "_feast"}


def test_registration_order_is_the_pattern_order():
    # hits are gathered in registration order; the day ranges come last, as they always did
    names = [p.handler.__name__ for p in D._PATTERNS]
    assert names[:3] == ["_iso", "_compact", "_numeric_dmy"]
    assert names[-3:] == ["_range_named", "_range_named", "_range_numeric"]


def test_the_extractors_import_in_a_fresh_interpreter():
    done = subprocess.run([sys.executable, "-c", "import etl.extract"], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
