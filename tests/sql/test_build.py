"""The build: from announcement files to a DuckDB file, swapped in atomically."""

from __future__ import annotations

import duckdb
import pytest

from etl.build import build
from etl.errors import BuildError

GOOD = "Title: Ruritania fund\nPublished: 2024-06-14\n\nRuritania's president announced a €2 billion AI fund on Friday.\n"


def _write(dir_, name, text):
    p = dir_ / name
    p.write_text(text, encoding="utf-8")
    return p


def test_corpus_builds_with_every_input_accounted_for(corpus_db):
    con = duckdb.connect(str(corpus_db), read_only=True)
    docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    rejects = con.execute("SELECT count(*) FROM rejects").fetchone()[0]
    assert docs >= 30 and rejects == 0
    countries = con.execute("SELECT count(DISTINCT country_code) FROM documents").fetchone()[0]
    currencies = con.execute("SELECT count(DISTINCT currency) FROM amounts WHERE NOT bracketed").fetchone()[0]
    assert countries >= 12 and currencies >= 6


def test_every_fact_row_carries_evidence_and_version(corpus_con):
    for table in ("amounts", "rates", "conversions", "dates", "deadlines", "targets", "actors", "commitments"):
        n_bad = corpus_con.execute(
            f'SELECT count(*) FROM "{table}" WHERE document_id IS NULL OR quote IS NULL OR start IS NULL '
            f'OR "end" IS NULL OR extractor_version IS NULL').fetchone()[0]
        assert n_bad == 0, table


def test_seed_retelling_check_passes_in_the_database(corpus_con):
    rows = corpus_con.execute(
        "SELECT status, detail FROM checks WHERE \"check\" = 'stated_rate_rounding' AND detail LIKE '%136.57%'"
    ).fetchall()
    assert rows and all(s == "pass" for s, _ in rows)


def test_bad_document_is_a_reject_and_the_build_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _write(src, "good.txt", GOOD)
    (src / "empty.txt").write_bytes(b"")
    summary = build([src], tmp_path / "a.duckdb", progress=False)
    assert (summary.loaded, summary.rejected, summary.inputs) == (1, 1, 2)
    con = duckdb.connect(str(tmp_path / "a.duckdb"), read_only=True)
    assert con.execute("SELECT reason FROM rejects").fetchone()[0] == "empty file"


def test_strict_build_fails_and_leaves_the_previous_database(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _write(src, "good.txt", GOOD)
    target = tmp_path / "a.duckdb"
    build([src], target, progress=False)
    before = target.read_bytes()
    (src / "empty.txt").write_bytes(b"")
    _write(src, "second.txt", GOOD.replace("Ruritania", "Freedonia"))
    with pytest.raises(BuildError, match="empty file"):
        build([src], target, strict=True, progress=False)
    assert target.read_bytes() == before
    assert not list(tmp_path.glob(".a.duckdb.*"))


def test_zero_is_not_missing(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _write(src, "zero.txt", "Published: 2024-06-14\n\nThe ministry said it would spend $0 on the chatbot this year.\n")
    build([src], tmp_path / "z.duckdb", progress=False)
    con = duckdb.connect(str(tmp_path / "z.duckdb"), read_only=True)
    value, usd, status = con.execute("SELECT value, value_usd, fx_status FROM amounts").fetchone()
    assert (value, usd, status) == (0.0, 0.0, "converted")


def test_converted_value_has_rate_date_and_source(corpus_con):
    rows = corpus_con.execute(
        "SELECT usd_rate, rate_on, rate_source FROM amounts WHERE fx_status = 'converted'").fetchall()
    assert rows
    assert all(r[0] and r[1] and r[2] for r in rows)


def test_no_rate_is_flagged_not_guessed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _write(src, "rub.txt", "Published: 2025-11-19\n\nThe fund will receive 5 billion roubles.\n")
    build([src], tmp_path / "r.duckdb", progress=False)
    con = duckdb.connect(str(tmp_path / "r.duckdb"), read_only=True)
    usd, status, note = con.execute("SELECT value_usd, fx_status, fx_note FROM amounts").fetchone()
    assert usd is None and status == "no_rate" and "no reference rate for RUB" in note


def test_gdp_forecast_is_a_target_not_a_commitment_to_sum(corpus_con):
    # the same 11-trillion-rouble GDP target is retold by several documents; summing it
    # as money committed would count a forecast as spending, once per retelling
    rows = corpus_con.execute(
        "SELECT is_headline FROM amounts a JOIN targets t USING (amount_id) "
        "WHERE t.metric = 'AI contribution to GDP'").fetchall()
    assert rows and not any(h for (h,) in rows)
    headline_rub = corpus_con.execute(
        "SELECT count(*) FROM v_records WHERE is_headline AND currency = 'RUB' AND value = 11e12").fetchone()[0]
    assert headline_rub == 0


def test_funding_is_judged_per_amount_and_filters_the_records(corpus_con):
    from etl import db

    def recs(**over):
        return db.run_query(corpus_con, "records", {"headline_only": True, **over})

    every = recs()
    public, private = recs(fundings=["public"]), recs(fundings=["private"])
    assert set(every["funding"]) <= {"public", "private", "mixed", "unknown"}
    assert 0 < len(public) < len(every) and 0 < len(private) < len(every)
    assert set(public["funding"]) == {"public"} and set(private["funding"]) == {"private"}
    # the four kinds partition the records, so the filter loses and invents nothing
    parts = sum(len(recs(fundings=[f])) for f in ("public", "private", "mixed", "unknown"))
    assert parts == len(every)
    assert public["value_usd"].sum() != every["value_usd"].sum()
    # what the sentences say: Stargate is a company investing, Germany's is federal funding
    by_quote = dict(zip(every["country_code"] + " " + every["quote"], every["funding"]))
    assert by_quote["US $500 billion"] == "private" and by_quote["DE €5 billion"] == "public"
    assert by_quote["GB £14 billion"] == "private"
    # and a sentence that does not say stays unknown (Macron: France "will receive" investment)
    assert by_quote["FR €109bn"] == "unknown"
