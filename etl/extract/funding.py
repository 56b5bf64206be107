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
dropped, and both kinds together make "mixed".

May import: the standard library, etl.extract.commitments (sentence spans), etl.extract.gates,
etl.extract.spans, etl.extract.text.
"""

from __future__ import annotations

import functools
import operator
import re

from etl.extract.commitments import original_sentences, sentence_index, sentences
from etl.extract.gates import TokenGates, first_char_checked, required_literals
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


_MIXED = _Cue(
    r"\bpublic[- ]private\s+partnerships?\b", r"\bPPPs?\b",
    # "both public and private money", "state and private investment"
    r"\b(?:both\s+)?(?:public|state|government|sovereign)\s+and\s+private\s+(?:\w+\s+){0,2}?"
    r"(?:funding|funds?|investment|investors|money|capital|sources|sectors?|partners|financing|backers)\b",
    r"\b(?:both\s+)?private\s+and\s+(?:public|state|government)\s+(?:\w+\s+){0,2}?"
    r"(?:funding|funds?|investment|investors|money|capital|sources|sectors?|partners|financing|backers)\b",
    r"\bГЧП\b", r"\bМЧП\b",
    r"\b(?:государственно|муниципально|частно)-(?:частн|государственн)\w*\s+партн[её]рств\w*",
)

_STATE_NOUN = r"(?:compan(?:y|ies)|firms?|banks?|lenders?|corporations?|enterprises?|groups?|giants?|funds?|investors?)"
_PUBLIC = _Cue(
    # EN: money named as public ("public funding", "federal funds", "government capital")
    r"\b(?:public|government|federal|state|central\s+government|taxpayer|treasury)[- ]"
    r"(?:funding|funds?|money|spending|capital|grants?|financing|subsid\w+|support|investment|resources|purse)\b",
    r"\bpublic\s+(?:finances|sector)\b", r"\bpublicly[- ]funded\b", r"\btaxpayers?\b",
    # budgets and appropriations of a state
    r"\b(?:federal|state|national|government|public|central|regional|provincial|municipal|city)\s+budgets?\b",
    r"\bBudget\s+\d{4}\b", r"\bspending\s+review\b", r"\bappropriations?\b", r"\bChancellor\s+of\s+the\s+Exchequer\b",
    r"\bminist(?:ry|ries)\b", r"\bcabinet\b[^.;]{0,60}?\b(?:approved|allocated|signed\s+off)\b",
    r"\bsigned\b[^.;]{0,80}?\binto\s+law\b",
    # the state's own funds, banks and companies ("Italy's state lender", "state-owned banks")
    r"\bsovereign(?:\s+wealth)?\s+funds?\b", r"\bnational\s+(?:[\w-]+\s+){0,5}?fund\b",
    r"\bPublic\s+Investment\s+Fund\b",
    rf"\bstate[- ](?:owned|backed|run|controlled|funded)(?:\s+(?:[\w-]+\s+){{0,2}}?{_STATE_NOUN})?",
    rf"\bgovernment[- ](?:owned|backed|run|controlled|funded)(?:\s+(?:[\w-]+\s+){{0,2}}?{_STATE_NOUN})?",
    rf"\bstate\s+(?:{_STATE_NOUN}|planner)",
    # "HUMAIN, the AI company owned by Saudi Arabia's Public Investment Fund": a state company
    rf"\b{_STATE_NOUN}\s+(?:wholly\s+|majority[- ]|partly\s+)?owned\s+by\b[^.;,]{{0,60}}?"
    r"\b(?:state|government|sovereign|Public\s+Investment\s+Fund|wealth\s+fund|treasury)\b",
    # the government as the one paying ("the government will invest", "the Government's plan to spend")
    r"\bgovernment(?:'s|’s)?\s+(?:will|would|is\s+to|plans\s+to|has|pledged\s+to|plan\s+to|intends\s+to)\s+"
    r"(?:\w+\s+)?(?:invest|spend|provide|allocate|fund|commit|earmark|inject)\w*",
    # RU: the budget, the state, state corporations, the ministries, the sovereign fund
    r"(?<!\w)(?:гос)?бюджет\w*", r"(?<!\w)бюджетн\w*", r"(?<!\w)государственн\w*", r"(?<!\w)государств[оау]\b",
    r"(?<!\w)госкорпораци\w*", r"(?<!\w)госсредств\w*", r"(?<!\w)госкомпани\w*", r"(?<!\w)госбанк\w*",
    r"(?<!\w)министерств\w*", r"(?<!\w)минфин\w*", r"(?<!\w)казн[аеуы]\w*",
    r"(?<!\w)Фонд\w*\s+национального\s+благосостояния", r"(?<!\w)ФНБ\b",
    r"(?<!\w)правительств\w*\s+(?:\w+\s+)?(?:выдел|направ|инвестир|вложи|профинансир)\w*",
)

_PRIVATE = _Cue(
    r"\bprivate(?:ly)?[- ](?:sector|investors?|investments?|capital|compan(?:y|ies)|firms?|funding|funds?|money|"
    r"equity|financing|partners?|backers|businesses|industry|players|sources)\b",
    r"\bprivately[- ](?:funded|financed|held)\b",
    r"\bventure[- ]capital\s+(?:firms?|investors?|funds?)\b",
    # a company or investors as the ones paying: "technology companies committed", "a new company ... to invest"
    r"\b(?:compan(?:y|ies)|firms?|corporations?|conglomerates?|start-?ups?|tech(?:nology)?\s+giants?|investors|"
    r"businesses|chipmakers?|industry)\b[^.;:]{0,60}?"
    r"\b(?:invest(?:s|ed|ing)?|spend(?:s|ing)?|spent|commit(?:s|ted)?|pour(?:s|ed)?|pledg(?:e|es|ed)|put\s+in)\b",
    # RU: private investment, companies, business and capital
    r"(?<!\w)частн\w*\s+(?:\w+\s+)?(?:инвестиц\w*|инвестор\w*|компани\w*|капитал\w*|средств\w*|бизнес\w*|сектор\w*|"
    r"вложени\w*|финансирован\w*)",
    r"(?<!\w)(?:компани[ияй]\w*|бизнес\w*|инвестор\w*)\s+(?:\w+\s+){0,3}?"
    r"(?:инвестиру\w*|вложи\w*|вкладыва\w*|потрат\w*|направ\w*)",
)


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
