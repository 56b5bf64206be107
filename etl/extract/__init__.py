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
from etl.extract.spans import (
    ActorSpan,
    CheckResult,
    CommitmentSpan,
    Extraction,
    TargetSpan,
)
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

    @property
    def undated(self) -> bool:
        return self.published_on is None

    def funding_of(self, i: int) -> str:
        """Amount i's funding type; "unknown" where it was not judged (an extraction made by hand)."""
        return self.funding[i] if i < len(self.funding) else "unknown"

    def to_contract(self, doc_id: str) -> dict:
        """The stable JSON contract of `aitrack extract` (see README, "Extraction contract")."""
        f = self.facts

        def span(x) -> dict:
            return {"text": x.text, "start": x.start, "end": x.end}

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
            "amounts": [
                {**span(a), "value": a.value, "value_min": a.value_min, "value_max": a.value_max,
                 "currency": a.currency, "qualifier": a.qualifier, "currency_raw": a.currency_raw,
                 "currency_inferred": a.currency_inferred, "scale": a.scale, "bracketed": a.bracketed,
                 "funding": self.funding_of(i)}
                for i, a in enumerate(f.amounts)
            ],
            "rates": [{**span(r), "base": r.base, "quote": r.quote, "rate": r.rate} for r in f.rates],
            "conversions": [
                {"from": money(c.source), "to": money(c.target), "implied_rate": c.implied_rate,
                 "text": c.text, "start": c.start, "end": c.end}
                for c in f.conversions
            ],
            "dates": [
                {**span(d), "value": d.value, "grain": d.grain, "relative": d.relative, "resolved": d.resolved}
                for d in f.dates
            ],
            "deadlines": [
                {**span(d), "year": d.year, "date": d.date, "precision": d.precision, "relation": d.relation}
                for d in f.deadlines
            ],
            "percentages": [{**span(p), "value": p.value} for p in f.percentages],
            "targets": [
                {"metric": t.metric, "comparator": t.comparator, "value": t.value, "currency": t.currency,
                 "year": t.year, "evidence": span(t.evidence)}
                for t in self.targets
            ],
            "actors": [
                {**span(a), "kind": a.kind, "code": a.code, "name": a.name} for a in _unique_actors(self.actors)
            ],
            "commitments": [
                {"kind": c.kind, "description": c.description, "evidence": span(c.evidence)}
                for c in self.commitments
            ],
            "checks": [
                {"check": c.check, "status": c.status, "detail": c.detail, "subject": c.subject}
                for c in self.checks
            ],
        }


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
    amounts, rates, conversions, percentages = extract_money(norm, lang, default_dollar)
    dates, deadlines = extract_dates(norm, published_on, lang)
    facts = Extraction(amounts, rates, conversions, percentages, dates, deadlines)
    actors = extract_actors(norm)
    sents = sentences(norm.text)  # once: commitments, targets and forecasts all work by sentence
    return DocumentExtraction(
        published_on=published_on,
        published_from=published_from,
        language=lang,
        facts=facts,
        actors=actors,
        commitments=extract_commitments(norm, sents),
        targets=extract_targets(norm, amounts, deadlines, sents),
        country_code=main_country(actors, title),
        forecasts=forecast_amounts(norm, amounts, sents),
        funding=extract_funding(norm, amounts, sents),
    )
