"""Find commitments (task forces, funds, data centres, plans, strategies...) and
quantified targets, each with the sentence that says so.

Commitments are found by kind-specific phrases in English and Russian
(lexicon/commitment_kinds.csv); the description is the phrase as written, the
evidence its whole sentence. Targets join an amount, a deadline and a target cue
in one sentence (target_cues.csv, target_metrics.csv):
"AI's contribution to GDP should exceed 11 trillion roubles by 2030". The
sentence splitter is grammar (punctuation and line shapes), so it stays here.

May import: the standard library, etl.extract.gates, etl.extract.lexicon, etl.extract.spans,
etl.extract.text.
"""

from __future__ import annotations

import re

from etl.extract import lexicon
from etl.extract.gates import TokenGates, first_char_checked, holds, required_literals
from etl.extract.lexicon import LexiconError
from etl.extract.lexicon.alternatives import pieces
from etl.extract.spans import AmountSpan, CommitmentSpan, DeadlineSpan, TargetSpan, TextRef
from etl.extract.text import Normalised

# Every kind's phrases, the target and forecast cues and the metrics are rows in
# etl/extract/lexicon (commitment_kinds.csv, function_words.csv, target_cues.csv,
# target_metrics.csv, forecast_cues.csv): a new phrase or language is a new row.
_KIND_TABLE = lexicon.table("commitment_kinds", ("kind", "word", "lang", "pattern"))

# {gap}: a few words in between ("national AI implementation plan"), but not function words,
# or "called for development of a national AI plan" would quote "of a national ...".
# Possessive: a word never ends short of its spaces, so giving characters back cannot
# help, and tried at every word of a sentence that backtracking cost a fifth of these kinds' time.
_FUNCTION_WORDS = lexicon.table("function_words", ("word", "lang")).column("word")
_A = r"(?:(?!(?:" + "|".join(map(re.escape, _FUNCTION_WORDS)) + r")\b)[\w'-]++\s++){0,4}?"

# Capitalised names of funds ("Big Fund", not "fund" in "refund them") and laws ("the AI
# Act" against "act on"): these kinds match case as their phrases are written.
_CASED = ("fund", "law")
if missing := set(_CASED) - set(_KIND_TABLE.column("kind")):
    raise LexiconError(f"{_KIND_TABLE.path}: no rows for kinds {sorted(missing)}, which match case (_CASED)")

# (kind, pattern): each kind is its rows' phrases as alternatives, in file order; every
# kind is searched.
_KINDS: list[tuple[str, str]] = [
    (kind, "|".join(pieces(_KIND_TABLE, _KIND_TABLE.where(kind=kind), re.IGNORECASE, gap=_A)))
    for kind in dict.fromkeys(_KIND_TABLE.column("kind"))
]
_KIND_RE = [(k, re.compile(p, re.IGNORECASE if k not in _CASED else 0)) for k, p in _KINDS]

# A sentence ends after . ! ? … and any closing quotes or brackets, before white space; at
# a blank line; or at a line that starts a list item or a capitalised line. Written to
# start by consuming that one character, not with a lookbehind, so that re skips straight
# to the candidates (the lookbehind form was tried at every position).
_SENTENCE_END = re.compile(r"[.!?…\n](?:(?<=[.!?…])(?P<close>[\"'”»)]*)\s+|(?<=\n)\s*\n|(?<=\n)(?=\s*[-•*·]|\s*[A-ZА-Я]))")

_TARGET_CUES = lexicon.table("target_cues", ("word", "lang", "pattern"))
_TARGET_VERB = first_char_checked(re.compile("|".join(pieces(_TARGET_CUES, flags=re.IGNORECASE)), re.IGNORECASE))
# Searched in every target sentence, so each skips ahead to its first letters; the first
# metric (in file order) named in the sentence is the target's.
_METRIC_TABLE = lexicon.table("target_metrics", ("metric", "word", "lang", "pattern"))
_METRICS: list[tuple[str, re.Pattern[str]]] = [
    (name, first_char_checked(re.compile(
        "|".join(pieces(_METRIC_TABLE, _METRIC_TABLE.where(metric=name), re.IGNORECASE)), re.IGNORECASE)))
    for name in dict.fromkeys(_METRIC_TABLE.column("metric"))
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


def has_target_cue(sentence: str) -> bool:
    """Whether `sentence` holds a target cue (lexicon/target_cues.csv)."""
    return _TARGET_VERB.search(sentence) is not None


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
                unit=a.currency,
                quantity=TextRef(a.text, a.start, a.end),
            )
        )
    return out


# Amounts that measure an outcome, not money committed: "AI should add 11 trillion roubles
# to GDP", "the AI services market should reach RUB 60bn a year". Summing them with funds
# would count a forecast as spending (and the same forecast once per retelling).
_FORECAST_CUES = lexicon.table("forecast_cues", ("word", "lang", "pattern"))
_FORECAST = re.compile("|".join(pieces(_FORECAST_CUES, flags=re.IGNORECASE)), re.IGNORECASE)


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
