"""Public or private money: who puts up each announced amount, where its sentence says so.

`extract_funding` judges every amount from the one sentence it stands in, and
answers "public", "private", "mixed" or "unknown". It is conservative on
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

import functools
import operator
import re

from etl.extract import lexicon
from etl.extract.commitments import original_sentences, sentence_index, sentences
from etl.extract.gates import TokenGates, first_char_checked, required_literals
from etl.extract.lexicon import LexiconError
from etl.extract.lexicon.alternatives import alternation, pieces
from etl.extract.spans import AmountSpan
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


def funding_of(sentence: str) -> str:
    """public, private, mixed or unknown, as one sentence states who puts up the money."""
    have = _GATES.window_mask(sentence, 0, len(sentence))
    if any(True for _ in _MIXED.finditer(sentence, have)):
        return "mixed"
    public = [m.span() for m in _PUBLIC.finditer(sentence, have)]
    private = [
        m.span() for m in _PRIVATE.finditer(sentence, have)
        if not any(s < m.end() and m.start() < e for s, e in public)
    ]
    if public and private:
        return "mixed"
    return "public" if public else "private" if private else "unknown"


def extract_funding(
    norm: Normalised, amounts: list[AmountSpan], sents: list[tuple[int, int]] | None = None
) -> list[str]:
    """One judgement per amount (same order), from the sentence the amount stands in.

    `sents` are `sentences(norm.text)` (normalised offsets); amounts carry original
    offsets, so each sentence is matched on its normalised text and found by its
    original span.
    """
    sents = sentences(norm.text) if sents is None else sents
    original = original_sentences(norm, sents)
    judged: dict[int, str] = {}
    out = []
    for a in amounts:
        i = sentence_index(original, a.start)
        if i < 0:
            out.append("unknown")
            continue
        if i not in judged:
            s, e = sents[i]
            judged[i] = funding_of(norm.text[s:e])
        out.append(judged[i])
    return out
