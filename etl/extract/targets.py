"""Targets beyond money: people trained, GPUs, computing power, data-centre megawatts, a share
of GDP and a rank among nations, each with its metric, comparator, value, unit, year and
evidence.

"train 20,000 AI specialists by 2030", "1 GW of data-centre capacity by 2028", "AI to add 3% to
GDP by the end of the decade", "among the top 3 AI nations by 2030", "подготовить 15 тысяч
специалистов по ИИ к 2030 году", "войти в число лидеров". The phrases are rows of
lexicon/target_quantities.csv; a phrase is a target where its sentence also has a deadline with a
year, a target cue (target_cues.csv) or a goal cue (goal_cues.csv), so "the cluster has 4,000
GPUs" is no target and neither is "50,000 visitors" (no metric) or "GDP grew 3%" (growth, not a
share). Money targets stay in etl.extract.commitments (`extract_targets`); these never rest on
an amount of money.

May import: the standard library, etl.extract.commitments (sentences, target cues),
etl.extract.gates, etl.extract.lexicon, etl.extract.money.numbers, etl.extract.spans,
etl.extract.text.
"""

from __future__ import annotations

import re

from etl.extract import lexicon
from etl.extract.commitments import has_target_cue, original_sentences, sentence_index, sentences
from etl.extract.gates import CACHE_SIZE, TokenGates, first_char_checked, required_literals, trie_pattern
from etl.extract.lexicon import LexiconError
from etl.extract.lexicon.alternatives import pieces
from etl.extract.money.numbers import (
    DECIMAL_COMMA_LANGS,
    DIGITS_PATTERN,
    NUMBER_WORDS,
    parse_digits,
    scale_forms,
    scale_value,
)
from etl.extract.spans import AmountSpan, CommitmentSpan, DeadlineSpan, TargetSpan, TextRef
from etl.extract.text import Normalised

_I = re.IGNORECASE

# {number}: digits ("20,000", "15 000", "1,5") or a single number word ("three", "десять"), and
# a scale word after it ("15 тысяч", "1.5 million"); its groups are `num` and `scale`.
_WORDS = sorted((w for w, (kind, _) in NUMBER_WORDS.items() if kind == "n" and len(w) > 2), key=len, reverse=True)
_SCALES = sorted(scale_forms(), key=len, reverse=True)
# The words are prefix trees (gates.trie_pattern): a row that opens with {number} tried the 177
# number words one by one at every letter, most of the rows' time. They match what the flat
# lists did, longest first; the word check after the number follows the last, shortest word
# only, as it did in the flat list ("(?:w1|...|wN(?![^\W\d_]))"), so the trees keep that too.
_NUMBER = (
    r"(?P<num>" + DIGITS_PATTERN + "|" + trie_pattern(_WORDS[:-1], loose_spaces=False) + "|"
    + re.escape(_WORDS[-1]) + r"(?![^\W\d_]))"
    r"(?:[\s\u00a0]*(?P<scale>" + trie_pattern(_SCALES, loose_spaces=False) + r")(?![^\W\d_]))?"
)

_TABLE = lexicon.table("target_quantities", ("metric", "unit", "factor", "value", "word", "lang", "pattern"),
                       optional=("value",))
_GOAL_TABLE = lexicon.table("goal_cues", ("word", "lang", "pattern"))
_GOAL = first_char_checked(re.compile("|".join(pieces(_GOAL_TABLE, flags=_I)), _I))


# A sentence's token mask (etl.extract.gates) says which rows' literals it holds: one cached
# lookup per white-space chunk, where a substring test of every row's literals in every sentence
# had cost a third of all extraction.
_GATES = TokenGates()


class _Phrase:
    """One row of target_quantities.csv, compiled, with the literals every match needs."""

    __slots__ = ("metric", "unit", "factor", "value", "rx", "need")

    def __init__(self, row: dict[str, str], pattern: str, gate: str) -> None:
        self.metric, self.unit = row["metric"], row["unit"]
        try:
            self.factor = float(row["factor"])
            self.value = float(row["value"]) if row["value"] else None
        except ValueError as e:
            raise LexiconError(f"{_TABLE.path}: {row['word']!r}: factor and value must be numbers") from e
        if pattern.count("(?P<num>") > 1:
            raise LexiconError(f"{_TABLE.path}: {row['word']!r}: {{number}} stands more than once")
        self.rx = first_char_checked(re.compile(pattern, _I))
        # the literals come from the row with {number} as a NUL: the number piece (digits behind a
        # lookbehind, number words) hides every other literal from the gate, and without a gate
        # every sentence ran every row, a tenth of the speed of all extraction
        # ("top \x00" keeps its "top ")
        groups = [frozenset(max(x.split("\x00"), key=len) for x in g)
                  for g in required_literals(re.compile(gate, _I), most=4, shortest=2)]
        self.need = _GATES.need(tuple(g for g in groups if all(len(x) >= 2 for x in g)))


_PHRASES = [_Phrase(row, p, g) for row, p, g in zip(_TABLE.rows, pieces(_TABLE, flags=_I, number=_NUMBER),
                                                    pieces(_TABLE, flags=_I, number=r"\x00"))]
_ADMITTED: dict[int, list[_Phrase]] = {}  # a sentence's mask -> the rows it admits, in file order


def _admitted(have: int) -> list[_Phrase]:
    """The rows whose literals a sentence with mask `have` holds: sentences share a few hundred
    masks, so each is sorted out once."""
    found = _ADMITTED.get(have)
    if found is None:
        if len(_ADMITTED) >= CACHE_SIZE:
            _ADMITTED.clear()
        found = _ADMITTED[have] = [p for p in _PHRASES if have & p.need == p.need]
    return found


# Comparators from the words just before the number: "at least 20,000", "более 10 тысяч".
_HEDGES = lexicon.table("hedges", ("word", "lang", "qualifier", "where"))
_BEFORE = [(re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, r["word"].split())) + r"\s*\Z", _I), r["qualifier"])
           for r in sorted(_HEDGES.where(where="before"), key=lambda r: -len(r["word"]))]


def _comparator(text: str, at: int, unit: str) -> str:
    if unit == "rank":
        return "up_to"  # "top 3": third place or better ("top" is also a hedge of money: "top $5bn")
    before = text[max(0, at - 24):at]
    for rx, qualifier in _BEFORE:
        if rx.search(before):
            return qualifier
    return "exact"


def _value(m: re.Match[str], phrase: _Phrase, lang: str) -> float | None:
    if "num" not in m.re.groupindex or m.group("num") is None:
        return phrase.value
    num = m.group("num")
    if num[0].isdigit() or num[0] == ".":
        value = parse_digits(num, scaled=bool(m.group("scale")), comma_decimal=lang in DECIMAL_COMMA_LANGS)
    else:
        value = NUMBER_WORDS.get(num.lower(), (None, None))[1]
    if value is None:
        return None
    if m.group("scale"):
        scale = scale_value(m.group("scale"), lang)
        if scale is None:
            return None
        value *= scale
    return value * phrase.factor


def extract_quantity_targets(
    norm: Normalised, deadlines: list[DeadlineSpan], lang: str, sents: list[tuple[int, int]] | None = None,
) -> list[TargetSpan]:
    """Every target beyond money, in text order: one per phrase that a goal governs."""
    text = norm.text
    sents = sentences(text) if sents is None else sents
    orig = original_sentences(norm, sents)
    out: list[TargetSpan] = []
    for (ss, se), (os_, oe) in zip(sents, orig):
        phrases = _admitted(_GATES.window_mask(text, ss, se))
        if not phrases:
            continue
        sentence = text[ss:se]
        found = []
        taken: list[tuple[int, int]] = []
        for phrase in phrases:
            for m in phrase.rx.finditer(sentence):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue  # an earlier row already read this phrase
                taken.append(m.span())
                found.append((m, phrase))
        if not found:
            continue
        deadline = next((d for d in deadlines if os_ <= d.start < oe and d.year), None)
        if deadline is None and not has_target_cue(sentence) and not _GOAL.search(sentence):
            continue
        evidence = TextRef(norm.original[os_:oe], os_, oe)
        found.sort(key=lambda x: x[0].start())
        for m, phrase in found:
            at = m.start("num") if "num" in m.re.groupindex and m.group("num") is not None else m.start()
            qs, qe = norm.span(ss + m.start(), ss + m.end())
            out.append(TargetSpan(
                metric=phrase.metric, comparator=_comparator(sentence, at, phrase.unit),
                value=_value(m, phrase, lang), currency=None, year=deadline.year if deadline else None,
                evidence=evidence, unit=phrase.unit, quantity=TextRef(norm.original[qs:qe], qs, qe),
            ))
    return out


def bind_deadlines(
    norm: Normalised, deadlines: list[DeadlineSpan], amounts: list[AmountSpan], forecasts: set[int],
    targets: list[TargetSpan], commitments: list[CommitmentSpan], sents: list[tuple[int, int]] | None = None,
) -> None:
    """Say what each deadline binds, in place (`binds`, `binds_text`, `bound_index`).

    In order: the target whose sentence holds the deadline and whose year it gives (the
    nearest, where a sentence holds several); else the nearest announced amount of its
    sentence that is money committed, not a forecast or a bracketed equivalent ("€2.4bn by
    the end of 2027"); else the commitment its sentence names ("a national AI strategy by
    2030"); else nothing, and `binds` stays None.
    """
    orig = original_sentences(norm, sents)
    for d in deadlines:
        i = sentence_index(orig, d.start)
        if i < 0:
            continue
        s, e = orig[i]

        def gap(start: int, end: int, d: DeadlineSpan = d) -> int:
            return max(start - d.end, d.start - end, 0)

        near_targets = [(gap(*_span(t)), j) for j, t in enumerate(targets)
                        if t.evidence.start == s and (d.year is None or t.year == d.year)]
        if near_targets:
            j = min(near_targets)[1]
            t = targets[j]
            d.binds, d.bound_index = "target", j
            d.binds_text = t.quantity.text if t.quantity is not None else t.metric
            continue
        near_amounts = [(gap(a.start, a.end), j) for j, a in enumerate(amounts)
                        if s <= a.start < e and not a.bracketed and a.value is not None and j not in forecasts]
        if near_amounts:
            j = min(near_amounts)[1]
            d.binds, d.binds_text, d.bound_index = "amount", amounts[j].text, j
            continue
        near_commitments = [(gap(c.evidence.start, c.evidence.end), j) for j, c in enumerate(commitments)
                            if c.evidence.start == s]
        if near_commitments:
            j = min(near_commitments)[1]
            d.binds, d.binds_text, d.bound_index = "commitment", commitments[j].description, j


def _span(t: TargetSpan) -> tuple[int, int]:
    q = t.quantity or t.evidence
    return q.start, q.end
