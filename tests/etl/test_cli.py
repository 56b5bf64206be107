"""The `aitrack` command as a user runs it: a real subprocess, real files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from etl import cli
from tests.conftest import ROOT


def aitrack(*args, input=None, env=None):
    return subprocess.run([sys.executable, "-m", "etl.cli", *args], input=input, capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


def test_extract_jsonl_keeps_order_and_ids():
    lines = [
        {"id": "b", "text": "Putin wants over 11 trillion roubles ($136.57 billion) by 2030.",
         "published": "2025-11-19", "language": "en"},
        {"id": "a", "text": "Nothing here.", "published": None, "language": None},
        {"id": "c", "text": "Минцифры выделит 5 млрд рублей к 2027 году.", "published": "2025-01-10", "language": "ru"},
    ]
    p = aitrack("extract", "--jsonl", "-", input="".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    assert p.returncode == 0, p.stderr
    out = [json.loads(line) for line in p.stdout.splitlines()]
    assert [o["id"] for o in out] == ["b", "a", "c"]
    assert out[0]["conversions"][0]["from"] == {"value": 11e12, "currency": "RUB"}
    assert out[1]["amounts"] == []
    assert out[2]["amounts"][0]["value"] == 5e9 and out[2]["deadlines"][0]["year"] == 2027


def test_extract_contract_keys(shared_dir):
    p = aitrack("extract", str(shared_dir / "seeds" / "001_871ea15bb39c07b9.txt"))
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    for key in ("id", "published", "language", "amounts", "rates", "conversions", "dates", "deadlines",
                "percentages", "targets", "actors", "commitments", "checks"):
        assert key in doc
    a = doc["amounts"][0]
    assert set(a) >= {"text", "start", "end", "value", "value_min", "value_max", "currency", "qualifier", "funding"}
    assert all(x["funding"] in ("public", "private", "mixed", "unknown") for x in doc["amounts"])


def test_funding_and_status_flags_offer_exactly_the_models_values():
    from typing import get_args

    from etl.filters import FUNDINGS, STATUSES, Filter
    from etl.models import CheckStatus, Funding

    assert FUNDINGS == get_args(Funding)
    assert set(STATUSES) == {*get_args(CheckStatus), "none"}  # "none": nothing was checked (v_records)
    args = cli.parser().parse_args(["export", "-o", "-", "--funding", "public", "--funding", "mixed"])
    assert Filter.from_cli(args).fundings == ("public", "mixed")
    p = aitrack("export", "-o", "-", "--funding", "govt")
    assert p.returncode == 2 and "invalid choice" in p.stderr
    p = aitrack("export", "-o", "-", "--status", "passed")
    assert p.returncode == 2 and "invalid choice" in p.stderr


def test_an_invalid_filter_is_one_line_before_the_database_is_opened(tmp_path):
    p = aitrack("export", "--db", str(tmp_path / "missing.duckdb"), "--from", "2025-02-01", "--to", "2025-01-01",
                "-o", "-")
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "Traceback" not in p.stderr
    assert "the from-date 2025-02-01 is after the to-date 2025-01-01" in p.stderr
    p = aitrack("export", "--db", str(tmp_path / "missing.duckdb"), "--country", "XX-bloc", "-o", "-")
    assert p.returncode == 2 and "unknown bloc 'XX-bloc'; blocs: EU-bloc" in p.stderr


def test_errors_are_one_line_without_traceback(tmp_path):
    p = aitrack("check", "--db", str(tmp_path / "missing.duckdb"))
    assert p.returncode == 2
    assert p.stderr.strip().count("\n") == 0 and "Traceback" not in p.stderr
    assert "no database" in p.stderr and "aitrack build" in p.stderr


def test_bad_date_argument_is_a_usage_error(tmp_path):
    p = aitrack("export", "--from", "19/11/2025", "-o", str(tmp_path / "x.csv"))
    assert p.returncode == 2 and "YYYY-MM-DD" in p.stderr


def test_build_then_check_strict(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text("Published: 2025-11-19\n\nRussia: more than 11 trillion roubles "
                                "($136.57 billion) by 2030.\n\n($1 = 80.5455 roubles)\n", encoding="utf-8")
    db = tmp_path / "a.duckdb"
    p = aitrack("build", str(src), "--db", str(db), "--quiet")
    assert p.returncode == 0, p.stderr
    assert "1 documents loaded" in p.stdout and "0 rejected" in p.stdout
    p = aitrack("check", "--db", str(db), "--strict")
    assert p.returncode == 0 and "PASS" in p.stdout and "stated_rate_rounding" in p.stdout
    (src / "slip.txt").write_text("Published: 2024-06-14\n\nThe EU pledged €2 billion ($21.7 billion) for AI.\n",
                                  encoding="utf-8")
    aitrack("build", str(src), "--db", str(db), "--quiet")
    p = aitrack("check", "--db", str(db), "--strict")
    assert p.returncode == 1
    assert "scale_slip" in p.stdout and "slip" in p.stdout


def test_export_matches_library_bytes(corpus_db, tmp_path):
    import duckdb

    from etl.export import export_bytes
    from etl.filters import Filter

    out = tmp_path / "x.csv"
    p = aitrack("export", "--db", str(corpus_db), "--country", "ru", "--from", "2024-01-01", "-o", str(out))
    assert p.returncode == 0, p.stderr
    con = duckdb.connect(str(corpus_db), read_only=True)
    expected = export_bytes(con, "csv", Filter(countries=["RU"], date_from="2024-01-01"))
    assert out.read_bytes() == expected
    assert expected.count(b"\n") > 1


EU_27 = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
         "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}  # written out: the test must not read blocs.csv


def test_export_eu_bloc_is_exactly_the_union_and_its_members(corpus_db, tmp_path):
    import csv
    import io

    import duckdb

    out = tmp_path / "eu.csv"
    p = aitrack("export", "--db", str(corpus_db), "--country", "EU-bloc", "-o", str(out))
    assert p.returncode == 0, p.stderr
    got = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    con = duckdb.connect(str(corpus_db), read_only=True)
    try:
        want = {r[0] for r in con.execute("SELECT record_id FROM v_records WHERE list_contains($c, country_code)",
                                          {"c": ["EU", *EU_27]}).fetchall()}
        others = con.execute("SELECT count(*) FROM v_records WHERE NOT list_contains($c, country_code)",
                             {"c": ["EU", *EU_27]}).fetchone()[0]
    finally:
        con.close()
    assert [r["record_id"] for r in got] and {r["record_id"] for r in got} == want
    assert len(got) == len(want)  # each once
    assert {"EU", "DE", "FR"} <= {r["country_code"] for r in got} <= {"EU", *EU_27}
    assert others > 0  # the corpus has amounts outside the bloc, so the filter did filter
    # the bloc is the sum of its parts: the Union's own rows plus each member's
    p = aitrack("export", "--db", str(corpus_db), "-o", "-", "--country", "EU",
                *[x for c in sorted(EU_27) for x in ("--country", c)])
    assert p.returncode == 0, p.stderr
    assert sorted(p.stdout.splitlines()) == sorted(out.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("fmt", ["parquet", "zip"])
def test_export_other_formats(corpus_db, tmp_path, fmt):
    out = tmp_path / f"x.{fmt}"
    p = aitrack("export", "--db", str(corpus_db), "--format", fmt, "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert out.stat().st_size > 1000
