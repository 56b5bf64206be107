"""Amount F1 in ten languages on a test set of our own (issue 15, "Amounts").

tests/fixtures/amounts10/<lang>.jsonl holds short texts written for this test in the
style of wire stories, regional outlets and official releases: decimal commas,
"R$ 23,03 bilhões", "$50-million", full-width brackets, crore and lakh, 兆/億/조/억,
"C$2.4 billion", "NT$", hedges, ranges, photo captions, duplicated ledes, and
distractors (years, percentages, phone numbers, "50,000 GPUs"). Each line is
{lang, text, amounts: [{quote, value, currency, qualifier, value_max?}],
conversions: [[quote, quote]]}; a quote that occurs twice is the next occurrence.

An extracted amount is a true positive when its span overlaps a gold quote's span and
its value and currency (and, for a range, its upper bound) are the gold ones. A gold
conversion is paired when the two amounts found at its quotes are joined by one
extracted conversion, in either direction ("$208 billion (€200B)" pairs too).
The text goes through `extract_text` as the CLI sends it: no language given.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import pytest

from etl.extract import extract_text

FIXTURES = Path(__file__).parents[1] / "fixtures" / "amounts10"
LANGS = ("en", "ru", "fr", "de", "es", "pt", "it", "ja", "ko", "zh")
F1_FLOOR = 0.95  # per language and overall; raise it when the extractor gets better, never lower it
# every printed conversion paired with its amount ("1.500 millones de pesos (unos 88 millones de
# dólares)" too: the Mexican dateline names the peso, money.territory.complete_conversions);
# a language may be let off here only with the reason written beside it
UNPAIRED_ALLOWED: dict[str, int] = {}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    pairs: int = 0
    paired: int = 0
    wrong_qualifier: int = 0

    def add(self, other: Score) -> None:
        for name in ("tp", "fp", "fn", "pairs", "paired", "wrong_qualifier"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def pairing(self) -> float:
        return self.paired / self.pairs if self.pairs else 1.0


def load(lang: str) -> list[dict]:
    with open(FIXTURES / f"{lang}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _spans(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    """Each quote's (start, end); a repeated quote takes its next occurrence."""
    after: dict[str, int] = {}
    out = []
    for q in quotes:
        i = text.index(q, after.get(q, 0))
        after[q] = i + len(q)
        out.append((i, i + len(q)))
    return out


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9)


def score_case(case: dict, misses: list[str] | None = None) -> Score:
    """Precision/recall counts of one text's amounts, and its conversions paired."""
    text = case["text"]
    doc = extract_text(text)
    found = doc.facts.amounts
    gold = case["amounts"]
    spans = _spans(text, [g["quote"] for g in gold])
    s = Score()
    taken: set[int] = set()
    at: dict[int, int] = {}  # gold index -> index of the amount found at its span
    for gi, (g, (gs, ge)) in enumerate(zip(gold, spans, strict=True)):
        for fi, a in enumerate(found):
            if fi in taken or a.start >= ge or a.end <= gs:
                continue
            at.setdefault(gi, fi)
            upper_ok = "value_max" not in g or _same(a.value_max, g["value_max"])
            if _same(a.value, g["value"]) and a.currency == g["currency"] and upper_ok:
                taken.add(fi)
                at[gi] = fi
                s.tp += 1
                s.wrong_qualifier += a.qualifier != g["qualifier"]
                break
        else:
            s.fn += 1
            if misses is not None:
                near = [(a.text, a.value, a.currency) for a in found if a.start < ge and a.end > gs]
                misses.append(f"miss {g['quote']!r} {g['value']} {g['currency']} got {near}")
    for fi, a in enumerate(found):
        if fi not in taken and not any(a.start < ge and a.end > gs for gs, ge in spans):
            s.fp += 1
            if misses is not None:
                misses.append(f"false {a.text!r} {a.value} {a.currency} in {text[:50]!r}")
    linked = {frozenset((c.source, c.target)) for c in doc.facts.conversions}
    quote_index = {}
    for gi, g in enumerate(gold):
        quote_index.setdefault(g["quote"], gi)
    for q1, q2 in case["conversions"]:
        s.pairs += 1
        i, j = at.get(quote_index[q1]), at.get(quote_index[q2])
        if i is not None and j is not None and frozenset((i, j)) in linked:
            s.paired += 1
        elif misses is not None:
            misses.append(f"unpaired {q1!r} / {q2!r}")
    return s


def score_language(lang: str, misses: list[str] | None = None) -> Score:
    total = Score()
    for case in load(lang):
        total.add(score_case(case, misses))
    return total


def table() -> tuple[dict[str, Score], Score]:
    per = {lang: score_language(lang) for lang in LANGS}
    overall = Score()
    for s in per.values():
        overall.add(s)
    return per, overall


def format_table(per: dict[str, Score], overall: Score) -> str:
    rows = ["lang  P      R      F1     pairs  qual-diff"]
    for name, s in [*per.items(), ("all", overall)]:
        rows.append(
            f"{name:<5} {s.precision:.3f}  {s.recall:.3f}  {s.f1:.3f}  "
            f"{s.paired}/{s.pairs:<4} {s.wrong_qualifier}"
        )
    return "\n".join(rows)


# --- the scorer itself: it must be able to fail -------------------------------


def test_scorer_counts_wrong_value_as_miss_and_extra_amount_as_false_positive() -> None:
    case = {
        "text": "The plan has $5 billion for AI and $2 billion for chips.",
        "amounts": [{"quote": "$5 billion", "value": 6e9, "currency": "USD", "qualifier": "exact"}],
        "conversions": [],
    }
    s = score_case(case)
    assert (s.tp, s.fn, s.fp) == (0, 1, 1)


def test_scorer_pairs_a_conversion_in_either_order() -> None:
    case = {
        "text": "Officials pledged 10 billion roubles ($110 million) for the programme.",
        "amounts": [
            {"quote": "10 billion roubles", "value": 1e10, "currency": "RUB", "qualifier": "exact"},
            {"quote": "$110 million", "value": 1.1e8, "currency": "USD", "qualifier": "exact"},
        ],
        "conversions": [["$110 million", "10 billion roubles"]],
    }
    s = score_case(case)
    assert (s.tp, s.fp, s.fn, s.paired, s.pairs) == (2, 0, 0, 1, 1)


def test_fixture_quotes_are_in_their_texts_and_every_language_has_cases() -> None:
    for lang in LANGS:
        cases = load(lang)
        assert len(cases) >= 8, lang
        for case in cases:
            assert case["lang"] == lang
            _spans(case["text"], [g["quote"] for g in case["amounts"]])


# --- the floor ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_amount_f1_floor_per_language(lang: str) -> None:
    misses: list[str] = []
    s = score_language(lang, misses)
    assert s.f1 >= F1_FLOOR, f"{lang} F1 {s.f1:.3f}\n" + "\n".join(misses)
    assert s.pairs - s.paired <= UNPAIRED_ALLOWED.get(lang, 0), f"{lang} pairing {s.paired}/{s.pairs}\n" + "\n".join(misses)


def test_amount_f1_table(capsys: pytest.CaptureFixture[str]) -> None:
    per, overall = table()
    with capsys.disabled():
        print("\n" + format_table(per, overall))
    assert overall.f1 >= F1_FLOOR


if __name__ == "__main__":
    for lang in LANGS:
        m: list[str] = []
        score_language(lang, m)
        for line in m:
            print(lang, line)
    print(format_table(*table()))
