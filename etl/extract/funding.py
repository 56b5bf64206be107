"""Public or private money: who puts up each announced amount, where its sentence says so.

`extract_funding` judges every amount from the one sentence it stands in, and
answers "public", "private", "mixed" or "unknown", with the cue's span as evidence.
Where a sentence holds several amounts, each cue counts for the amount it governs,
the nearest in its own clause: "€900m from the state budget and €1.5bn from private
investors" is public, then private, not mixed twice. It is conservative on
purpose: a sentence that names no source of money leaves the amount "unknown",
even where the reader can guess (a minister announcing a plan, a state-owned
bank the text does not call state-owned). Only cues about who pays count: "the
government said" is attribution, not funding, so the bare word "government" is
no cue; "government funding" or "the government will invest" are.

Order of judgement, per sentence: a mixed phrase ("public-private
partnership", "ГЧП") decides at once; otherwise public cues ("federal budget",
"state lender", "бюджет") and private cues ("private investors", "a company
... intends to invest", "частные инвестиции") are collected, a private cue
inside a public one ("a company owned by the state's sovereign fund") is
dropped, and both kinds together make "mixed". The cues are rows of
etl/extract/lexicon/funding_cues.csv and state_nouns.csv; the order of judgement
is the rule, and stays here.

May import: the standard library, etl.extract.commitments (sentence spans), etl.extract.gates,
etl.extract.lexicon, etl.extract.spans, etl.extract.text.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re

from etl.extract import lexicon
from etl.extract.commitments import original_sentences, sentence_index, sentences
from etl.extract.gates import TokenGates, first_char_checked, required_literals
from etl.extract.lexicon import LexiconError
from etl.extract.lexicon.alternatives import alternation, pieces
from etl.extract.spans import AmountSpan, TextRef
from etl.extract.text import Normalised

_I = re.IGNORECASE

# Most sentences with an amount name no source of money, and trying every alternative of
# the three cue patterns at every letter cost more than reading the amounts themselves:
# each cue runs only the alternatives whose literals stand in the sentence
# (etl.extract.gates), with a first-character check.
_GATES = TokenGates()


class _Cue:
    """A cue pattern, written as its top-level alternatives.

    An alternative whose literals a sentence lacks matches nowhere in it, so every way
    through it fails and dropping it changes no match: at each position `re` still takes
    the first alternative, in the order written, that matches there. A sentence naming
    a "federal budget" runs two of the public cue's 34 alternatives.
    """

    def __init__(self, *alternatives: str) -> None:
        self.pattern = re.compile("|".join(alternatives), _I)  # the cue as written
        self._needs = tuple((a, _GATES.need(required_literals(re.compile(a, _I)))) for a in alternatives)
        self._bits = functools.reduce(operator.or_, (need for _, need in self._needs))
        # per the bits of a sentence's mask that the alternatives test (a few hundred kinds
        # of sentence): picking the alternatives anew for every sentence cost a fifth of
        # the judgement
        self._searcher = functools.lru_cache(maxsize=256)(self._passing)

    def _passing(self, have: int) -> re.Pattern[str] | None:
        passing = tuple(a for a, need in self._needs if have & need == need)
        return _union(passing) if passing else None

    def finditer(self, sentence: str, have: int):
        """The matches of `pattern` in `sentence`, whose token mask is `have`."""
        rx = self._searcher(have & self._bits)
        return () if rx is None else rx.finditer(sentence)


@functools.lru_cache(maxsize=256)  # several masks pick the same alternatives: compile them once
def _union(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    return first_char_checked(re.compile("|".join(alternatives), _I))


# The cues are rows of lexicon/funding_cues.csv (funding,word,lang,pattern), each one
# alternative of its funding's cue in file order; {state_noun} is any word of state_nouns.csv.
_CUE_TABLE = lexicon.table("funding_cues", ("funding", "word", "lang", "pattern"))
_STATE_NOUN = alternation(lexicon.table("state_nouns", ("word", "lang")).column("word"))

# The answers, in the contract's order (etl.models.Funding, tested equal): the labels the cue
# file gives, in file order, then "unknown" where no cue stands. The judgement below weighs
# exactly these three, so a file that names another, or lacks one, fails at import.
FUNDING: tuple[str, ...] = (*dict.fromkeys(_CUE_TABLE.column("funding")), "unknown")
if sorted(FUNDING) != ["mixed", "private", "public", "unknown"]:
    raise LexiconError(f"{_CUE_TABLE.path}: funding labels {FUNDING[:-1]}, expected public, private and mixed")


def _cue(funding: str) -> _Cue:
    return _Cue(*pieces(_CUE_TABLE, _CUE_TABLE.where(funding=funding), _I, state_noun=_STATE_NOUN))


_MIXED = _cue("mixed")
_PUBLIC = _cue("public")
_PRIVATE = _cue("private")


def sentence_cues(sentence: str) -> list[tuple[str, int, int]]:
    """(funding, start, end) of every cue in `sentence`, in text order; a private cue inside a
    public one ("a company owned by the state's sovereign fund") is dropped, and so is a public
    or private cue inside a mixed one ("both public and private investors")."""
    have = _GATES.window_mask(sentence, 0, len(sentence))
    mixed = [("mixed", *m.span()) for m in _MIXED.finditer(sentence, have)]

    def outside(m, spans) -> bool:
        return not any(s < m.end() and m.start() < e for _, s, e in spans)

    public = [("public", *m.span()) for m in _PUBLIC.finditer(sentence, have) if outside(m, mixed)]
    private = [("private", *m.span()) for m in _PRIVATE.finditer(sentence, have) if outside(m, public + mixed)]
    return sorted(mixed + public + private, key=lambda c: (c[1], c[2]))


def judged(cues) -> str:
    """The judgement of a set of cues: a mixed cue decides at once; public and private together
    make mixed; one kind alone is that kind; none is unknown."""
    kinds = {c[0] for c in cues}
    if "mixed" in kinds or {"public", "private"} <= kinds:
        return "mixed"
    return "public" if "public" in kinds else "private" if "private" in kinds else "unknown"


def funding_of(sentence: str) -> str:
    """public, private, mixed or unknown, as one sentence states who puts up the money."""
    return judged(sentence_cues(sentence))


# Where one clause ends and the next begins, inside a sentence: "€900m from the state budget
# and €1.5bn from private investors" is two clauses, each with its own amount and its own cue.
# A comma only before a space (not "1,500"); "and"/"и" only as words.
_CLAUSE_BREAK = re.compile(
    r"[;:]\s|,\s|\s[-–—]\s|\s(?:and|while|whereas|but|plus)\s"
    r"|\s(?:и|а|но|плюс|ещё|еще|остальн\w*)\s|\s(?:et|tandis\s+que|mais|und|während|aber|sowie)\s", _I)


def _clause_of(breaks: list[int], pos: int) -> int:
    """How many clause breaks stand before `pos`: the clause number of that place."""
    return bisect.bisect_right(breaks, pos)


# Words that make an amount the earlier or other figure of the amount before it: "lifted federal
# funding to €5 billion, up from the €3 billion set out in 2018" is the same federal money.
_RESTATES = re.compile(
    r"\b(?:up|down)\s+from\b|\bcompared\s+(?:with|to)\b|\bversus\b|\bvs\.?\s|\bthan\b|\brather\s+than\b"
    r"|\binstead\s+of\b|(?<!\w)(?:против|вместо|по\s+сравнению\s+с|чем)(?!\w)", _I)


def _assign(sentence: str, amounts: list[tuple[int, int]], cues: list[tuple[str, int, int]]) -> list[list]:
    """Each cue's amount, for a sentence with several: the nearest amount in the cue's own clause
    ("X from the state budget", "the state budget will provide X"). A cue in a clause with no
    amount ("Private investors, analysts said, will put in ...") goes to every amount that has
    no cue of its own, as the sentence-wide judgement did; an amount still without one that restates
    the amount before it ("up from", "compared with") takes that amount's. Offsets are within
    `sentence`."""
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    clause = [_clause_of(breaks, s) for s, _ in amounts]
    own: list[list] = [[] for _ in amounts]
    loose = []
    for c in cues:
        _, cs, ce = c
        k = _clause_of(breaks, cs)
        near = [(max(s - ce, cs - e, 0), i) for i, (s, e) in enumerate(amounts) if clause[i] == k]
        if near:
            own[min(near)[1]].append(c)
        else:
            loose.append(c)
    out = [o if o else list(loose) for o in own]
    for i in range(1, len(amounts)):
        if not out[i] and out[i - 1] and _RESTATES.search(sentence, amounts[i - 1][1], amounts[i][0]):
            out[i] = out[i - 1]
    return out


def extract_funding(
    norm: Normalised, amounts: list[AmountSpan], sents: list[tuple[int, int]] | None = None
) -> list[tuple[str, TextRef | None]]:
    """One judgement per amount (same order), with the cue it rests on: (funding, evidence).

    A sentence with one announced amount is judged whole, as before. In a sentence with
    several, each cue belongs to the amount it governs (`_assign`): "€900m from the state
    budget and €1.5bn from private investors" gives public, then private; an amount stays
    mixed only where its own cues are of both kinds or a mixed phrase ("public-private
    partnership"). A bracketed equivalent ("($136.57 billion)") takes the judgement of the
    amount it restates. The evidence spans the amount's cues (from the first to the last),
    in original offsets; None where the judgement is unknown.

    `sents` are `sentences(norm.text)` (normalised offsets); amounts carry original
    offsets, so each sentence is matched on its normalised text and found by its
    original span.
    """
    sents = sentences(norm.text) if sents is None else sents
    original = original_sentences(norm, sents)
    by_sentence: dict[int, list[int]] = {}
    for j, a in enumerate(amounts):
        i = sentence_index(original, a.start)
        if i >= 0:
            by_sentence.setdefault(i, []).append(j)
    out: list[tuple[str, TextRef | None]] = [("unknown", None)] * len(amounts)
    for i, members in by_sentence.items():
        s, e = sents[i]
        sentence = norm.text[s:e]
        cues = sentence_cues(sentence)
        if not cues:
            continue
        announced = [j for j in members if not amounts[j].bracketed]
        if len(announced) <= 1:
            got = {j: cues for j in members}
        else:
            # amounts in the normalised sentence's offsets: the nearest-amount rule measures there
            pos = _normalised_spans(norm, s, e, [amounts[j] for j in announced])
            got = dict(zip(announced, _assign(sentence, pos, cues)))
            last = None
            for j in members:  # a bracketed equivalent restates the amount before it
                if j in got:
                    last = j
                elif last is not None:
                    got[j] = got[last]
        for j, own in got.items():
            verdict = judged(own)
            if verdict != "unknown":
                out[j] = (verdict, _evidence(norm, s, own))
    return out


def _normalised_spans(norm: Normalised, s: int, e: int, amounts: list[AmountSpan]) -> list[tuple[int, int]]:
    """The amounts' (start, end) within normalised sentence text[s:e]."""
    if norm.starts is None:
        return [(a.start - s, a.end - s) for a in amounts]
    starts = norm.starts
    out = []
    for a in amounts:
        i = bisect.bisect_left(starts, a.start, s, e)
        j = bisect.bisect_left(starts, a.end, i, e)
        out.append((i - s, j - s))
    return out


def _evidence(norm: Normalised, s: int, cues) -> TextRef:
    os_, oe = norm.span(s + min(c[1] for c in cues), s + max(c[2] for c in cues))
    return TextRef(norm.original[os_:oe], os_, oe)
