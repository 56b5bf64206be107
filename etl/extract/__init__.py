"""Extraction: one document's text in, every fact with its evidence span out.

`extract_text` runs the extractors over one text (money, rates, conversions,
percentages, dates, deadlines, actors, commitments, targets, the funding type of
each amount) and returns a
`DocumentExtraction`; `DocumentExtraction.to_contract` renders the stable JSON
contract that `aitrack extract` prints (documented in the README).

May import: the standard library, etl.extract.*.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from etl.extract.actors import extract_actors, main_country
from etl.extract.commitments import extract_commitments, extract_targets, forecast_amounts, sentences
from etl.extract.dates import extract_dates, find_publication_date
from etl.extract.funding import extract_funding
from etl.extract.lang import detect_language
from etl.extract.money import extract_money
from etl.extract.money.territory import complete_conversions, resolve_by_country
from etl.extract.spans import (
    ActorSpan,
    CheckResult,
    CommitmentSpan,
    Extraction,
    TargetSpan,
    TextRef,
    contract_fields,
)
from etl.extract.targets import bind_deadlines, extract_quantity_targets
from etl.extract.text import normalise


@dataclass(slots=True)
class DocumentExtraction:
    published_on: dt.date | None
    published_from: str | None  # "metadata", "text" or None
    language: str
    facts: Extraction
    actors: list[ActorSpan] = field(default_factory=list)
    commitments: list[CommitmentSpan] = field(default_factory=list)
    targets: list[TargetSpan] = field(default_factory=list)
    checks: list[CheckResult] = field(default_factory=list)
    country_code: str | None = None
    forecasts: set[int] = field(default_factory=set)  # amount indices that are outcomes, not money committed
    funding: list[str] = field(default_factory=list)  # per amount: public, private, mixed or unknown
    funding_evidence: list[TextRef | None] = field(default_factory=list)  # per amount: the cues judged on

    @property
    def undated(self) -> bool:
        return self.published_on is None

    def funding_of(self, i: int) -> str:
        """Amount i's funding type; "unknown" where it was not judged (an extraction made by hand)."""
        return self.funding[i] if i < len(self.funding) else "unknown"

    def funding_evidence_of(self, i: int) -> TextRef | None:
        """The span of amount i's funding cues (first to last), or None where none was judged."""
        return self.funding_evidence[i] if i < len(self.funding_evidence) else None

    def to_contract(self, doc_id: str) -> dict:
        """The stable JSON contract of `aitrack extract` (see README, "Extraction contract"):
        each list prints its span class's fields in declaration order (`spans.contract_fields`),
        so a field added to a span is in the contract, and in the test that the README
        documents every key, at once."""
        f = self.facts

        def money(i: int) -> dict:
            a = f.amounts[i]
            return {"value": a.value, "currency": a.currency}

        return {
            "id": doc_id,
            "published": self.published_on.isoformat() if self.published_on else None,
            "published_from": self.published_from,
            "undated": self.undated,
            "language": self.language,
            "country": self.country_code,
            "amounts": [{**_row(a), "funding": self.funding_of(i), "funding_evidence": _ref(self.funding_evidence_of(i))}
                        for i, a in enumerate(f.amounts)],
            "rates": [_row(r) for r in f.rates],
            "conversions": [{"from": money(c.source), "to": money(c.target), **_row(c)} for c in f.conversions],
            "dates": [_row(d) for d in f.dates],
            "deadlines": [_row(d) for d in f.deadlines],
            "percentages": [_row(p) for p in f.percentages],
            "targets": [_row(t) for t in self.targets],
            "actors": [_row(a) for a in _unique_actors(self.actors)],
            "commitments": [_row(c) for c in self.commitments],
            "checks": [_row(c) for c in self.checks],
        }


_CONTRACT: dict[type, tuple[str, ...]] = {}


def _row(span) -> dict:
    """One span as its contract object; evidence (a TextRef) as {text, start, end}."""
    names = _CONTRACT.get(type(span))
    if names is None:
        names = _CONTRACT[type(span)] = contract_fields(type(span))
    out = {}
    for name in names:
        v = getattr(span, name)
        out[name] = {"text": v.text, "start": v.start, "end": v.end} if isinstance(v, TextRef) else v
    return out


def _in_text_order(targets: list[TargetSpan]) -> list[TargetSpan]:
    """Money and other targets in the order their sentences stand (stable within one)."""
    return sorted(targets, key=lambda t: t.evidence.start)


def _ref(ref: TextRef | None) -> dict | None:
    return None if ref is None else {"text": ref.text, "start": ref.start, "end": ref.end}


def _unique_actors(actors: list[ActorSpan]) -> list[ActorSpan]:
    """First mention of each actor, for the contract's summary list (the database keeps all)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for a in actors:
        key = (a.kind, a.name)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def extract_text(
    text: str,
    published_on: dt.date | None = None,
    language: str | None = None,
    title: str | None = None,
    default_dollar: str | None = None,
) -> DocumentExtraction:
    """Run every extractor over `text`. Offsets in the result index `text` as given."""
    norm = normalise(text)
    published_from = "metadata" if published_on else None
    if published_on is None:
        found = find_publication_date(norm)
        if found is not None:
            published_on, published_from = found[0], "text"
    lang = language or detect_language(norm.text)
    open_families: dict[int, str] = {}
    pending: list = []
    amounts, rates, conversions, percentages = extract_money(norm, lang, default_dollar, open_families, pending)
    dates, deadlines = extract_dates(norm, published_on, lang)
    facts = Extraction(amounts, rates, conversions, percentages, dates, deadlines)
    actors = extract_actors(norm)
    country = main_country(actors, title, text, [a.start for a in amounts])
    # before targets and funding read the amounts: "$2.4 billion" in a Canadian story is CAD there too
    facts.currency_bases = resolve_by_country(amounts, open_families, country, published_on, lang, actors, title)
    if pending:
        complete_conversions(amounts, pending, facts.conversions)
    sents = sentences(norm.text)  # once: commitments, targets and forecasts all work by sentence
    funding = extract_funding(norm, amounts, sents)
    commitments = extract_commitments(norm, sents)
    targets = _in_text_order(extract_targets(norm, amounts, deadlines, sents)
                             + extract_quantity_targets(norm, deadlines, lang, sents))
    forecasts = forecast_amounts(norm, amounts, sents)
    bind_deadlines(norm, deadlines, amounts, forecasts, targets, commitments, sents)
    return DocumentExtraction(
        published_on=published_on,
        published_from=published_from,
        language=lang,
        facts=facts,
        actors=actors,
        commitments=commitments,
        targets=targets,
        country_code=country,
        forecasts=forecasts,
        funding=[f for f, _ in funding],
        funding_evidence=[ev for _, ev in funding],
    )
