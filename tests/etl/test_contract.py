"""One fact, one name: the extractor's span, the contract `aitrack extract` prints, the
validated record and its table. The contract is each span's fields; a record takes a
span's fields under the same names, except the few its model declares (`span_names`)."""

from __future__ import annotations

import dataclasses

import pytest

from etl.extract import extract_text, spans
from etl.models import TABLE_MODELS

# Span fields a record stores in another shape: evidence as quote/start/end of the
# sentence, list indices as the ids of the rows they point at.
RESHAPED = {("TargetSpan", "evidence"), ("TargetSpan", "amount_index"), ("TargetSpan", "quantity"),
            ("DeadlineSpan", "bound_index"), ("CommitmentSpan", "evidence"),
            ("ConversionSpan", "source"), ("ConversionSpan", "target")}
WITH_SPAN = [m for m in TABLE_MODELS if m.span]


def test_every_fact_table_names_its_span():
    assert {m.table for m in WITH_SPAN} == {"amounts", "rates", "conversions", "dates", "deadlines", "percentages",
                                            "targets", "actors", "commitments", "checks"}


@pytest.mark.parametrize("model", WITH_SPAN, ids=lambda m: m.table)
def test_every_span_field_lands_in_its_record_under_one_declared_name(model):
    cls = getattr(spans, model.span)
    for f in dataclasses.fields(cls):
        if (model.span, f.name) in RESHAPED:
            continue
        name = model.span_names.get(f.name, f.name)
        assert name in model.model_fields, f"{model.span}.{f.name} has no column in {model.table}"
    for old, new in model.span_names.items():
        assert new in model.model_fields and old in {f.name for f in dataclasses.fields(cls)}, (old, new)


def test_the_contract_is_the_span_fields():
    ex = extract_text("President Vladimir Putin said on November 19, 2025 that AI's contribution to Russia's GDP "
                      "should exceed 11 trillion roubles ($136.57 billion) by 2030 ($1 = 80.5455 roubles). "
                      "A new fund will be set up.")
    ex.checks = [spans.CheckResult("reference_rate", "pass", "the arithmetic", start=40, end=90, implied_rate=80.5)]
    c = ex.to_contract("x")
    expected = {
        "amounts": (*spans.contract_fields(spans.AmountSpan), "funding", "funding_evidence"),
        "rates": spans.contract_fields(spans.RateSpan),
        "conversions": ("from", "to", *spans.contract_fields(spans.ConversionSpan)),
        "dates": spans.contract_fields(spans.DateSpan),
        "deadlines": spans.contract_fields(spans.DeadlineSpan),
        "targets": spans.contract_fields(spans.TargetSpan),
        "actors": spans.contract_fields(spans.ActorSpan),
        "commitments": spans.contract_fields(spans.CommitmentSpan),
        "checks": spans.contract_fields(spans.CheckResult),
    }
    for key, fields in expected.items():
        assert c[key], key
        assert tuple(c[key][0]) == fields, key
    assert c["targets"][0]["evidence"].keys() == {"text", "start", "end"}
    assert "amount_index" not in c["targets"][0] and "source" not in c["conversions"][0]
