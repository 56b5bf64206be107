"""Gates (etl.extract.gates) may only ever skip searches that would find nothing.

Each date pattern's necessary literals, token mask and fast gate are checked against
every match the pattern itself finds in generated date-heavy text: a gate that would
have skipped a real match fails here, whatever the corpus happens to contain.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.dates import anchors as A
from etl.extract.dates import registry as R
from etl.extract import gates
from etl.extract.gates import ChunkReadings, TokenGates, fast_gate, first_char_checked, required_literals

WORDS = [
    "2025", "2030", "1990", "19", "20", "05", "12", "3", "31", "15", "0", "/", "-", ".", ",", "'", " ", " ", " ",
    "Jan", "January", "may", "Sept", "March", "июля", "мая", "марте", "январь", "the", "of", "in", "on", "by",
    "next", "last", "this", "year", "years", "month", "week", "days", "day", "ago", "hence", "from", "now",
    "later", "earlier", "within", "назад", "через", "года", "году", "лет", "г.", "гг.", "Q3", "H1", "q1", "FY",
    "fiscal", "s", "х", "е", "-х", "century", "век", "XXI", "квартале", "третьем", "first", "second", "quarter",
    "half", "end", "beginning", "mid", "early", "late", "конце", "начале", "Monday", "friday", "Fridays",
    "среду", "четверг", "christmas", "Easter", "thanksgiving", "new", "Пасха", "Рождество", "today",
    "tomorrow", "вчера", "spring", "fall", "winter", "зимой", "EOM", "YTD", "year-to-date", "decade",
    "twenty", "nineteen", "eighty", "between", "and", "to", "through", "до", "по", "с", "No", "$", "€",
    "\n", "\u00a0", "%", "th", "st", "nd", "of the", "week 12", "ides", "mother's day", "boss's day",
]
WORDS += ["two", "five", "a", "couple of", "пять", "три", "течение", "ближайшие", "последние", "after", "calendar",
          "cy", "20s", "tuesday", "second", "thursday", "11/19/2025", "19.11.2025", "2025-11-19", "aug", "Q4 2025"]
SEPS = [" "] * 12 + ["", ", ", "-", "/", ".", " - "]
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPS)), min_size=1, max_size=40).map(
    lambda parts: "".join(w + s for w, s in parts))

_GATES = TokenGates()
_ALTS = {p.handler.__name__: a for p, a in zip(R._PATTERNS, A._needs()[1]) if a}
_PLAN = [(rx, h.__name__, required_literals(rx), _GATES.need(required_literals(rx)), fast_gate(rx))
         for rx, h, *_ in R._PATTERNS]


@settings(max_examples=800, deadline=None)
@given(TEXTS)
def test_no_gate_hides_a_match(text):
    for rx, name, groups, need, pre in _PLAN:
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            folded = m.group(0).casefold()
            for g in groups:
                assert any(s in folded for s in g), (name, m.group(0), sorted(g)[:10])
            assert _GATES.window_mask(text, m.start(), m.end()) & need == need, (name, m.group(0))
            if pre is not None:
                assert pre.search(text, m.start(), m.end()) is not None, (name, m.group(0), pre.pattern)
            if _ALTS.get(name):
                have = A._GATES.window_mask(text, m.start(), m.end())
                assert any(have & a == a for a in _ALTS[name]), (name, m.group(0))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_every_match_lies_in_a_window_of_its_anchor_classes(text):
    """Each date pattern runs only within `_MARGIN` of the anchors of its classes
    (`Pattern.needs`): every match of the pattern in the whole text must lie inside one of those
    windows and be found by the search there."""
    windows = A._windows(A._anchors(text), len(text))
    for (classes, members), wins in zip(A._searches(), windows):
        for i, *_ in members:
            rx, h, needs, _ = R._PATTERNS[i]
            assert classes == needs
            found = {m.span() for ws, we in wins for m in rx.finditer(text, ws, we)}
            for m in rx.finditer(text):
                if m.end() > m.start():
                    assert any(s <= m.start() and m.end() <= e for s, e in wins), (h.__name__, m.group(0))
                    assert m.span() in found, (h.__name__, m.group(0))


def test_required_literals_reads_sequences_branches_and_options():
    groups = required_literals(re.compile(r"(?<!x)foo\s+(?:bar|baz)(?:qux)?", re.IGNORECASE))
    assert frozenset({"foo"}) in groups and frozenset({"bar", "baz"}) in groups
    assert all("qux" not in g for g in groups)  # optional: a match may lack it
    assert required_literals(re.compile(r"\d+\s*(?:[a-z]+)?")) == ()  # nothing is certain


def test_required_literals_fold_case():
    assert required_literals(re.compile(r"(\d+\s+)?(?:ДНЕЙ|дня)\s+Назад", re.IGNORECASE))[0] == frozenset({"назад"})


def test_fast_gate_drops_lookbehinds_and_is_looser():
    rx = re.compile(r"(?<![\d.,/])(?<!\d-)(?P<y>\d{4})-(?P<m>\d\d)")
    gate = fast_gate(rx)
    assert gate is not None and gate.pattern is None  # compiled from the parse tree
    assert rx.search("1.2025-11") is None and gate.search("1.2025-11") is not None
    assert gate.search("no dates here, only 12 words") is None
    # a pattern that re already scans fast needs no gate
    assert fast_gate(re.compile(r"\d{4}")) is None or fast_gate(re.compile(r"\d{4}")).search("x1999")


def test_fast_gate_keeps_groups_a_backreference_needs():
    rx = re.compile(r"(?<!\d)(?P<a>\d\d)(?P<sep>[-/])(?P<b>\d\d)(?P=sep)\d\d")
    gate = fast_gate(rx)
    assert gate is not None
    assert gate.search("10-11-12") and not gate.search("10-11/12")


def test_token_mask_needs_every_group():
    gates = TokenGates()
    need = gates.need((frozenset({"ago", "back"}), frozenset({"days", "years"})))
    assert gates.window_mask("three days ago", 0, 14) & need == need
    assert gates.window_mask("three days later", 0, 16) & need != need
    assert gates.window_mask("ДНЕЙ НАЗАД", 0, 10) == 0  # other words entirely


def test_no_gate_hides_a_match_in_our_texts():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    paths = [p for d in ("data/announcements", "tests/fixtures/texts") for p in (root / d).rglob("*") if p.is_file()]
    seen = 0
    for p in paths:
        text = p.read_text(encoding="utf-8", errors="replace")
        for rx, name, _groups, need, pre in _PLAN:
            for m in rx.finditer(text):
                if m.end() == m.start():
                    continue
                seen += 1
                assert _GATES.window_mask(text, m.start(), m.end()) & need == need, (p.name, name, m.group(0))
                assert pre is None or pre.search(text, m.start(), m.end()), (p.name, name, m.group(0))
    assert seen > 150  # the texts do exercise the patterns (186 matches when written)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_first_char_check_finds_the_same_matches(text):
    for rx, name, *_ in _PLAN:
        checked = first_char_checked(rx)
        got = [(m.span(), m.groupdict()) for m in checked.finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in rx.finditer(text)], name


def test_first_char_check_applies_and_declines():
    months = first_char_checked(re.compile(r"(?<![^\W\d_])(?:jan|feb)\s+\d+", re.IGNORECASE))
    assert months.pattern is None and months.search("x FEB 12").group(0) == "FEB 12"
    anything = re.compile(r"(?:the\s+)?.+")
    assert first_char_checked(anything) is anything  # any character may start it
    empty = re.compile(r"\d*")
    assert first_char_checked(empty) is empty  # an empty match has no first character
    for written in (r"foo\d+", r"\d\d*\s+years", r"(?:by|to)\s+2030"):
        rx = re.compile(written)
        assert first_char_checked(rx) is rx  # re skips ahead to its literal or set already


def test_holiday_alternatives_gate_only_windows_without_them():
    need, alts = A._needs()
    by_name = {h.__name__: (rx, a) for (rx, h, *_), a in zip(R._PATTERNS, alts)}
    rx, holiday = by_name["_holiday"]
    assert holiday, "the holidays are gated alternative by alternative"
    texts = ["on Christmas Eve", "new year's eve 2025", "Thanksgiving", "Пасха 2026", "the ides of march",
             "Mother's Day", "Black Friday sales", "День народного единства"]
    for text in texts:
        m = rx.search(text)
        assert m, text
        have = A._GATES.window_mask(text, m.start(), m.end())
        assert any(have & a == a for a in holiday), text
    have = A._GATES.window_mask("a new plan for next year", 0, 24)
    assert not any(have & a == a for a in holiday)


def test_skip_ahead_sets_hold_every_case_equal_character():
    """The first characters a search skips ahead to must include every character that
    `re` under IGNORECASE takes for one of them: all 1.1M code points are tried."""
    import sys

    from re import _compiler, _constants, _parser

    from etl.extract import commitments, funding  # noqa: F401 - their patterns are the cases
    from etl.extract.gates import _case_equals, _first

    every = "".join(map(chr, range(0x110000)))
    patterns = [p.rx for p in R._PATTERNS] + [rx for _, rx in commitments._KIND_RE]
    sets = {tuple(dict.fromkeys(_first(_parser.parse(rx.pattern, rx.flags).data)[0])) for rx in patterns
            if _first(_parser.parse(rx.pattern, rx.flags).data)}
    sets.add(((_constants.LITERAL, ord("k")), (_constants.LITERAL, ord("s")), (_constants.RANGE, (0x430, 0x44F))))
    assert len(sets) > 20

    def accepted(chars, flags):
        rx = _compiler.compile(_parser.SubPattern(_parser.State(), [(_constants.IN, chars)]), flags)
        return {m.group() for m in rx.finditer(every, 0, sys.maxsize)}

    for chars in sets:
        chars = list(chars)
        written = accepted(chars, re.UNICODE)
        assert accepted(chars, re.IGNORECASE | re.UNICODE) == written | set(_case_equals(chars, re.IGNORECASE | re.UNICODE))


def test_first_char_check_skips_ahead_to_case_equal_characters():
    rx = re.compile(r"(?<![^\W\d_])(?:kelvin|sept)\s+\d+", re.IGNORECASE)
    checked = first_char_checked(rx)
    assert checked is not rx
    for text in ["at \u212aELVIN 5", "on ſept 12", "SEPT 3, Kelvin 4", "x-kelvin 9"]:
        assert [m.span() for m in checked.finditer(text)] == [m.span() for m in rx.finditer(text)], text
        assert checked.search(text), text


def test_first_char_check_leaves_local_case_rules_alone():
    rx = re.compile(r"(?i:x)yz")
    assert first_char_checked(rx) is rx  # a look-ahead under the pattern's own rule would miss "Xyz"
    assert rx.search("Xyz")


def test_chunk_readings_read_each_chunk_once_and_stay_bounded(monkeypatch):
    reads = []

    def digits(chunk: str) -> str:
        reads.append(chunk)
        return "".join(c for c in chunk if c.isdigit())

    cache = ChunkReadings(digits)
    assert cache.of({"in", "2025,", "(5"}) == {"2025,": "2025", "(5": "5"}  # empty readings left out
    assert cache.of({"2025,", "in", "May"}) == {"2025,": "2025"}
    assert sorted(reads) == ["(5", "2025,", "May", "in"]  # each chunk read once
    monkeypatch.setattr(gates, "CACHE_SIZE", 4)
    assert cache.get("7") == "7"  # a fifth chunk: the cache starts afresh instead of growing
    assert set(cache.known) == {"7"}
    assert cache.of({"2025,", "7"}) == {"2025,": "2025", "7": "7"}
    assert reads.count("2025,") == 2
