"""Find commitments (task forces, funds, data centres, plans, strategies...) and
quantified targets, each with the sentence that says so.

Commitments are found by kind-specific phrase patterns in English and Russian;
the description is the phrase as written, the evidence its whole sentence.
Targets join an amount, a deadline and a target verb in one sentence:
"AI's contribution to GDP should exceed 11 trillion roubles by 2030".

May import: the standard library, etl.extract.gates, etl.extract.spans, etl.extract.text.
"""

from __future__ import annotations

import re

from etl.extract.gates import TokenGates, first_char_checked, holds, required_literals
from etl.extract.spans import AmountSpan, CommitmentSpan, DeadlineSpan, TargetSpan, TextRef
from etl.extract.text import Normalised

# a few words in between ("national AI implementation plan"), but not function words,
# or "called for development of a national AI plan" would quote "of a national ...".
# Possessive: a word never ends short of its spaces, so giving characters back cannot
# help, and tried at every word of a sentence that backtracking cost a fifth of these kinds' time.
_A = r"(?:(?!(?:of|a|an|the|for|to|and|in|on|with|its|their)\b)[\w'-]++\s++){0,4}?"

# (kind, pattern). Order matters only for readability; every kind is searched.
_KINDS: list[tuple[str, str]] = [
    ("task_force", r"\b(?:national\s+)?(?:AI\s+|artificial intelligence\s+)?task\s*force\b"
                   r"|\b(?:национальн\w+\s+)?(?:рабоч\w+\s+групп\w+|штаб\w*|оперативн\w+\s+групп\w+)"),
    ("data_centres", r"\b(?:hyperscale\s+|AI\s+)?data[\s-]+cent(?:re|er)s?\b|\b(?:AI\s+)?gigafactor(?:y|ies)\b"
                     r"|\bcampus(?:es)?\b(?=[^.]{0,40}\b(?:AI|compute|data)\b)"
                     r"|\bцентр\w*\s+обработки\s+данных\b|\bЦОД\w*"),
    ("energy", r"\bsmall(?:-scale)?\s+(?:modular\s+)?nuclear\s+(?:power\s+)?(?:stations?|plants?|reactors?)"
               r"|\b(?:energy|power)\s+(?:sources?|supply|capacity)\b|\bАЭС\s+малой\s+мощности|\bмалых\s+АЭС"),
    ("plan", r"\b(?:national\s+)?" + _A + r"(?:implementation|action)\s+plan\b"
             r"|\bнациональн\w+\s+план\w*(?:\s+\w+){0,3}"),
    ("fund", r"\b(?:[A-Z][\w-]*\s+){0,3}(?:investment\s+|venture\s+|guidance\s+|sovereign\s+)?fund\b"
             r"|\bфонд\w*"),
    ("strategy", r"\b(?:national\s+)?" + _A + r"(?:AI|artificial intelligence)\s+strategy\b"
                 r"|\bстратеги\w+\s+развития\s+искусственного\s+интеллекта|\bнациональн\w+\s+стратеги\w+"),
    ("national_project", r"\bnational\s+project\b|\bнацпроект\w*|\bнациональн\w+\s+проект\w*"),
    ("law", r"\b(?:decree|act|law|bill)\s+(?:No\.?\s*\d+)?|\bуказ\w*(?:\s+№\s*\d+)?|\bзакон\w*"),
    ("compute", r"\bsupercomput\w+|\b(?:GPUs?|AI\s+chips?|compute\s+capacity|computing\s+capacity)\b"
                r"|\bсуперкомпьютер\w*"),
    ("investment", r"\binvest(?:ment|ing)?\s+(?:plan|programme|program|package)\b|\bинвестиц\w+\s+программ\w+"),
    ("skills", r"\b(?:AI\s+)?(?:skills|training|talent)\s+(?:programme|program|plan|scheme)\b"),
]
_KIND_RE = [(k, re.compile(p, re.IGNORECASE if k not in ("fund", "law") else 0)) for k, p in _KINDS]

# A sentence ends after . ! ? … and any closing quotes or brackets, before white space; at
# a blank line; or at a line that starts a list item or a capitalised line. Written to
# start by consuming that one character, not with a lookbehind, so that re skips straight
# to the candidates (the lookbehind form was tried at every position).
_SENTENCE_END = re.compile(r"[.!?…\n](?:(?<=[.!?…])(?P<close>[\"'”»)]*)\s+|(?<=\n)\s*\n|(?<=\n)(?=\s*[-•*·]|\s*[A-ZА-Я]))")

_TARGET_VERB = first_char_checked(re.compile(
    # "should be"/"will be" but not a bare "to be": "the €600 million to be deployed" is money, not a goal
    r"\b(?:should|must|would|will|to)\s+(?:exceed|reach|top|surpass|hit|grow\s+to|rise\s+to|amount\s+to)\b"
    r"|\b(?:should|must|will)\s+be\b"
    r"|\b(?:target|goal|aim|aims|ambition|forecast|expected\s+to|projected\s+to|set\s+to)\b"
    r"|\bдолж\w+|\bпревыс\w+|\bдостич\w+|\bдостигн\w+|\bсостав\w+|\bцел\w+|\bпрогноз\w*",
    re.IGNORECASE,
))
# Searched in every target sentence, so each skips ahead to its first letters.
_METRICS: list[tuple[str, re.Pattern[str]]] = [
    (name, first_char_checked(re.compile(pattern, re.IGNORECASE))) for name, pattern in (
        ("AI contribution to GDP", r"\bGDP\b|gross\s+domestic\s+product|\bВВП\b|валов\w+\s+внутренн\w+\s+продукт"),
        ("AI market size", r"\bmarket\b|\bрын\w+"),
        ("Economic effect of AI", r"economic\s+effect|экономическ\w+\s+эффект"),
        ("Investment in AI", r"\binvest\w*|\bинвестиц\w+"),
    )
]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) over `text`, trimmed of surrounding spaces."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        # the closing quote or bracket belongs to its sentence: '"We will invest."'
        out.append((pos, m.start() if text[m.start()] == "\n" else m.end("close")))
        pos = m.end()
    out.append((pos, len(text)))
    return trimmed(text, out)


def trimmed(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces of `text` without their surrounding spaces; empty ones dropped."""
    spans = []
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def sentence_index(sents: list[tuple[int, int]], pos: int) -> int:
    """The index of the span in `sents` (sorted, disjoint) that holds `pos`, or -1."""
    lo, hi = 0, len(sents) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = sents[mid]
        if pos < s:
            hi = mid - 1
        elif pos >= e:
            lo = mid + 1
        else:
            return mid
    return -1


def _sentence_of(sents: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    i = sentence_index(sents, pos)
    return sents[i] if i >= 0 else (pos, pos)


# Each kind's pattern runs only over the sentences that hold the literals every one of its
# matches needs (etl.extract.gates): most of an announcement names no fund or data centre,
# and a full scan per kind was a quarter of all extraction time.
_GATES = TokenGates()
_KIND_SEARCH = [(kind, first_char_checked(rx), _GATES.need(required_literals(rx, most=3))) for kind, rx in _KIND_RE]
_REACH = 160  # how far past its sentence a match that starts inside it may run


def _matches(rx: re.Pattern[str], need: int, text: str, sents: list[tuple[int, int]], masks: list[int]):
    """(match, sentence start, sentence end) for each match of `rx` that starts in a sentence
    whose mask covers `need`; it may run up to `_REACH` past that sentence."""
    for (ss, se), have in zip(sents, masks):
        if have & need == need:
            for m in rx.finditer(text, ss, min(len(text), se + _REACH)):
                if m.start() >= se:
                    break  # matches come in order: the rest start past the sentence too
                yield m, ss, se


def extract_commitments(norm: Normalised, sents: list[tuple[int, int]] | None = None) -> list[CommitmentSpan]:
    """One commitment per kind and phrase, first mention kept, in text order.

    `sents` are `sentences(norm.text)`, passed in when the caller already has them.
    """
    text = norm.text
    sents = sentences(text) if sents is None else sents
    masks = [_GATES.window_mask(text, ss, se) for ss, se in sents]
    out: list[tuple[int, CommitmentSpan]] = []
    seen: set[tuple[str, str]] = set()
    for kind, rx, need in _KIND_SEARCH:
        for m, ss, se in _matches(rx, need, text, sents, masks):
            phrase = " ".join(m.group(0).split())
            if len(phrase) < 3:
                continue
            key = (kind, phrase.casefold())
            # "task force" after "national AI task force" is the same commitment again
            if key in seen or any(k == kind and key[1] in p for k, p in seen):
                continue
            seen.add(key)
            os_, oe = norm.span(ss, se)
            ps, pe = norm.span(m.start(), m.end())
            ev = TextRef(norm.original[os_:oe], os_, oe)
            out.append((ps, CommitmentSpan(kind, norm.original[ps:pe], ev)))
    out.sort(key=lambda x: x[0])
    return [c for _, c in out]


def original_sentences(norm: Normalised, sents: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """Sentence spans in original offsets, where amounts and deadlines live."""
    return [norm.span(s, e) for s, e in (sentences(norm.text) if sents is None else sents)]


def extract_targets(
    norm: Normalised, amounts: list[AmountSpan], deadlines: list[DeadlineSpan],
    sents: list[tuple[int, int]] | None = None,
) -> list[TargetSpan]:
    """A target is a non-bracketed amount with a deadline and a target verb in its sentence."""
    out: list[TargetSpan] = []
    orig_sents = original_sentences(norm, sents)
    for i, a in enumerate(amounts):
        if a.bracketed or a.value is None:
            continue
        s, e = _sentence_of(orig_sents, a.start)  # binary search: a 1 MB text has thousands of both
        if e <= s:
            continue
        sentence = norm.original[s:e]
        deadline = next((d for d in deadlines if s <= d.start < e and d.year), None)
        if deadline is None or not _TARGET_VERB.search(sentence):
            continue
        metric = next((name for name, rx in _METRICS if rx.search(sentence)), "Spending commitment")
        out.append(
            TargetSpan(
                metric=metric,
                comparator=a.qualifier,
                value=a.value,
                currency=a.currency,
                year=deadline.year,
                evidence=TextRef(sentence, s, e),
                amount_index=i,
            )
        )
    return out


# Amounts that measure an outcome, not money committed: "AI should add 11 trillion roubles
# to GDP", "the AI services market should reach RUB 60bn a year". Summing them with funds
# would count a forecast as spending (and the same forecast once per retelling).
_FORECAST = re.compile(
    r"\bGDP\b|gross\s+domestic\s+product|\bВВП\b|валов\w+\s+внутренн\w+\s+продукт"
    r"|economic\s+(?:effect|impact|output|value)|экономическ\w+\s+эффект"
    r"|market\s+(?:size|volume|value|should|will|is\s+expected)|\bобъ[её]м\w*\s+рынк\w+|\bрын\w+\s+\w+\s+должен",
    re.IGNORECASE,
)


_FORECAST_LITERALS = required_literals(_FORECAST)
_FORECAST_SEARCH = first_char_checked(_FORECAST)


def forecast_amounts(
    norm: Normalised, amounts: list[AmountSpan], sents: list[tuple[int, int]] | None = None
) -> set[int]:
    """Indices of amounts whose sentence states an economic outcome rather than money committed."""
    orig_sents = original_sentences(norm, sents)
    out = set()
    said: dict[tuple[int, int], bool] = {}  # a sentence with five amounts is read once
    for i, a in enumerate(amounts):
        s, e = _sentence_of(orig_sents, a.start)
        if e <= s:
            continue
        if (s, e) not in said:
            sentence = norm.original[s:e]
            said[s, e] = holds(_FORECAST_LITERALS, sentence.casefold()) and bool(_FORECAST_SEARCH.search(sentence))
        if said[s, e]:
            out.add(i)
    return out
