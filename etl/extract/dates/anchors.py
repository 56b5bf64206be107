"""Where each pattern runs: the anchor tokens of a text (digits, month and weekday
names, units of time, relative day words, business abbreviations, holiday names, years
in words), the windows around them for each group of patterns, and the token gates
that skip a pattern in a window lacking its literals. This is the speed code: a long
stretch of prose costs a split and a cached lookup per chunk.

May import: the standard library, etl.extract.gates, etl.extract.lexicon and
etl.extract.dates.registry / .words / .feasts / .holidays.
"""

from __future__ import annotations

import functools
import re

from etl.extract import lexicon
from etl.extract.dates.feasts import ANCHORS as FEAST_ANCHORS
from etl.extract.dates.holidays import LITERALS as HOLIDAY_LITERALS
from etl.extract.dates.registry import _Handler, _PATTERNS
from etl.extract.dates.words import _F, MONTHS, WEEKDAYS, _check
from etl.extract.gates import (
    CACHE_SIZE,
    ChunkReadings,
    TokenGates,
    fast_gate,
    first_char_checked,
    required_literals,
)


# Every pattern needs one of these tokens: a digit (d), a month (m) or weekday (w)
# name, a unit of time (u), a relative day word (r), a business abbreviation (f), a
# holiday name (h) or a year in words (y). A pattern runs only in the windows around
# the tokens of the classes it needs (Pattern.needs), so long stretches of prose cost a split.
# The words of each class are lexicon rows (_anchor_classes), never kept here by hand.
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
DATE_WORDS = lexicon.table("date_words", ("word", "lang", "class", "match"))
NUMBER_WORDS = lexicon.table("number_words", ("word", "lang", "kind", "value"))
_check(DATE_WORDS, "class", {"u", "r", "f", "h"})  # months, weekdays and years have their own files
_check(DATE_WORDS, "match", {"word", "prefix"})


def _cyrillic(word: str) -> bool:
    return "\u0400" <= word[:1] <= "\u04ff"


def _stems(rows: list[dict[str, str]], column: str) -> list[str]:
    """The Cyrillic forms of three letters or more that begin another form of the same
    month or day ("мар" of "марта", "вторник" of "вторника"): declined and derived words
    ("в мартовском") start with them, so they anchor any word they begin. "май" begins no
    other form of May, so "маяк" stays prose; "вт" begins "вторник" but also "второй"."""
    forms: dict[str, list[str]] = {}
    for r in rows:
        forms.setdefault(r[column], []).append(r["word"].casefold())
    return [w for ws in forms.values() for w in ws
            if len(w) >= 3 and _cyrillic(w) and any(o != w and o.startswith(w) for o in ws)]


def _anchor_classes() -> tuple[dict[str, str], list[tuple[tuple[str, ...], str]]]:
    """Each anchor word's class, and the Cyrillic prefixes of each class, from the lexicon:
    months.csv (m), weekdays.csv (w), date_words.csv (u, r, f, h), the words of the
    lunar feasts (h), the literal names of holidays.csv (h) and number_words.csv for the words a year in words turns on (y:
    "nineteen", "twenty", "thousand"; the 11-20 rows also bring "dozen", which only
    opens a window)."""
    exact: dict[str, str] = {}
    for r in MONTHS.rows:
        exact[r["word"].casefold()] = "m"
    for r in WEEKDAYS.rows:
        exact[r["word"].casefold()] = "w"
    prefix: dict[str, list[str]] = {"m": _stems(list(MONTHS.rows), "month"),
                                    "w": _stems(list(WEEKDAYS.rows), "weekday")}
    for r in DATE_WORDS.rows:
        if r["match"] == "prefix":
            prefix.setdefault(r["class"], []).append(r["word"].casefold())
        else:
            exact[r["word"].casefold()] = r["class"]
    for w in FEAST_ANCHORS:
        exact.setdefault(w, "h")
    for r in NUMBER_WORDS.where(lang="en"):
        value = float(r["value"])
        if (r["kind"] == "n" and 11 <= value <= 20) or (r["kind"] == "s" and value == 1000):
            exact[r["word"].casefold()] = "y"
    # A literal holiday name ("Weihnachten", a row of holidays.csv) opens its own window
    # by its first word, unless another of its words already opens one for its pattern:
    # "the ides of march" has "ides", "good friday" "friday", so "the" and "good" stay prose.
    for name, needs in HOLIDAY_LITERALS:
        words = _TOKEN.findall(name.casefold())
        if words and not any(_class_of(w, exact, prefix) in needs for w in words):
            exact.setdefault(words[0], "h")
    return exact, [(tuple(ps), cls) for cls, ps in prefix.items() if ps]


def _class_of(word: str, exact: dict[str, str], prefix: dict[str, list[str]]) -> str:
    """The class `word` anchors while the classes are being made ("-" for none)."""
    if word in exact:
        return exact[word]
    return next((cls for cls, ps in prefix.items() if _cyrillic(word) and word.startswith(tuple(ps))), "-")


_EXACT_CLASS, _PREFIX_CLASS = _anchor_classes()
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
