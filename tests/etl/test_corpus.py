"""The bundled demo corpus: coverage the demo promises, and every figure of the
fact sheet (data/announcements/MANIFEST.csv) read back exactly from its document."""

from __future__ import annotations

import csv

import pytest

from etl import paths

MANIFEST = list(csv.DictReader((paths.ANNOUNCEMENTS_DIR / "MANIFEST.csv").open(encoding="utf-8")))


def test_corpus_coverage():
    assert len({r["file"] for r in MANIFEST}) >= 20
    assert len({r["country_iso2"] for r in MANIFEST}) >= 12
    assert len({r["currency"] for r in MANIFEST if r["currency"]}) >= 6
    assert sum(1 for r in MANIFEST if r["language"] == "ru") >= 3


def _amounts_by_fact(corpus_con):
    rows = corpus_con.execute(
        "SELECT d.fact_ref, a.value, a.value_min, a.value_max, a.currency, a.qualifier, a.bracketed "
        "FROM amounts a JOIN documents d USING (document_id)").fetchall()
    out: dict[str, list[tuple]] = {}
    for fact, *rest in rows:
        out.setdefault(fact, []).append(tuple(rest))
    return out


@pytest.mark.parametrize("row", [r for r in MANIFEST if r["currency"] and (r["amount"] or r["amount_max"])],
                         ids=lambda r: r["fact_id"])
def test_fact_figure_is_extracted(row, corpus_con):
    found = _amounts_by_fact(corpus_con).get(row["fact_id"], [])
    want = float(row["amount"] or row["amount_max"])
    hits = [a for a in found if a[3] == row["currency"] and want in (a[0], a[1], a[2])]
    assert hits, f"{row['fact_id']}: {want} {row['currency']} not among {found}"
    if row["usd_value_as_reported"] and row["currency"] != "USD":
        usd = float(row["usd_value_as_reported"])
        assert any(a[3] == "USD" and a[0] == pytest.approx(usd) and a[5] for a in found)


@pytest.mark.parametrize("row", [r for r in MANIFEST if r["deadline_year"]], ids=lambda r: r["fact_id"])
def test_fact_deadline_is_extracted(row, corpus_con):
    years = {y for (y,) in corpus_con.execute(
        "SELECT dl.year FROM deadlines dl JOIN documents d USING (document_id) WHERE d.fact_ref = ?",
        [row["fact_id"]]).fetchall()}
    assert int(row["deadline_year"]) in years


@pytest.mark.parametrize("row", MANIFEST, ids=lambda r: r["fact_id"])
def test_fact_dates_and_country(row, corpus_con):
    got = corpus_con.execute("SELECT published_on, undated, country_code FROM documents WHERE fact_ref = ?",
                             [row["fact_id"]]).fetchall()
    assert got, row["fact_id"]
    published, undated, country = got[0]
    if row["published"]:
        assert published.isoformat() == row["published"]
    else:
        assert undated
    if not row["fact_id"].startswith("SEED"):
        assert country == row["country_iso2"]
