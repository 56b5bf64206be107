"""The two seed articles in ../shared/seeds must come out right (issue 2, section 5).

These read the real articles when ../shared is beside the repository; the same
phenomena are covered by our own texts in test_phenomena.py, which always run.
"""

from __future__ import annotations

import pytest

from etl.checks import check_document
from etl.extract import extract_text
from etl.fx import RateBook
from etl import paths


@pytest.fixture(scope="module")
def reuters(shared_dir):
    text = (shared_dir / "seeds" / "001_871ea15bb39c07b9.txt").read_text(encoding="utf-8")
    ex = extract_text(text)
    ex.checks = check_document(ex.facts, ex.published_on, RateBook.load(paths.REFERENCE_DIR),
                               dollar_inferred=True)
    return text, ex


@pytest.fixture(scope="module")
def undated(shared_dir):
    text = (shared_dir / "seeds" / "000_1a5e9bc880f069e1.txt").read_text(encoding="utf-8")
    return text, extract_text(text)


def test_reuters_publication_date_comes_from_the_text(reuters):
    _, ex = reuters
    assert ex.published_on.isoformat() == "2025-11-19"
    assert ex.published_from == "text"


def test_reuters_actors(reuters):
    _, ex = reuters
    names = {(a.kind, a.name, a.code) for a in ex.actors}
    assert ("country", "Russia", "RU") in names
    assert ("person", "Vladimir Putin", None) in names
    for org in ("Sberbank", "Yandex"):
        assert ("organisation", org, None) in names
    for prog in ("GigaChat", "Yandex GPT"):
        assert ("programme", prog, None) in names
    assert ex.country_code == "RU"


def test_reuters_amounts_and_conversion(reuters):
    text, ex = reuters
    amounts = ex.facts.amounts
    rub = next(a for a in amounts if a.currency == "RUB")
    usd = next(a for a in amounts if a.currency == "USD")
    assert (rub.value, rub.qualifier) == (11e12, "over")
    assert usd.value == pytest.approx(136.57e9)
    assert usd.bracketed and usd.value > 0  # a conversion, never a negative
    for a in amounts:
        assert text[a.start:a.end] == a.text
    conv = ex.facts.conversions[0]
    assert amounts[conv.source] is rub and amounts[conv.target] is usd
    assert conv.implied_rate == pytest.approx(80.5448, abs=1e-4)


def test_reuters_stated_rate(reuters):
    _, ex = reuters
    [rate] = ex.facts.rates
    assert (rate.base, rate.quote, rate.rate) == ("USD", "RUB", 80.5455)


def test_reuters_deadline_and_target(reuters):
    _, ex = reuters
    assert any(d.year == 2030 and d.text == "by 2030" for d in ex.facts.deadlines)
    t = ex.targets[0]
    assert (t.metric, t.comparator, t.value, t.currency, t.year) == (
        "AI contribution to GDP", "over", 11e12, "RUB", 2030)
    assert "gross domestic product" in t.evidence.text


def test_reuters_commitments(reuters):
    _, ex = reuters
    found = {(c.kind, c.description.lower()) for c in ex.commitments}
    kinds = {k for k, _ in found}
    assert {"task_force", "data_centres", "energy", "plan"} <= kinds
    descriptions = " | ".join(d for _, d in found)
    for phrase in ("task force", "data centres", "small-scale nuclear power stations",
                   "national ai implementation plan"):
        assert phrase in descriptions


def test_reuters_rounding_check_passes_with_its_explanation(reuters):
    _, ex = reuters
    [check] = [c for c in ex.checks if c.check == "stated_rate_rounding"]
    assert check.status == "pass"
    assert "80.5448" in check.detail and "80.5455" in check.detail and "136.57 billion" in check.detail


def test_undated_seed_same_target_flagged_undated(undated):
    text, ex = undated
    assert ex.published_on is None and ex.undated
    t = ex.targets[0]
    assert (t.comparator, t.value, t.currency, t.year) == ("over", 11e12, "RUB", 2030)


def test_undated_seed_distance_is_not_money(undated):
    text, ex = undated
    assert "100 kilometers" in text
    assert all("kilomet" not in a.text for a in ex.facts.amounts)
    assert [a.value for a in ex.facts.amounts] == [11e12]
