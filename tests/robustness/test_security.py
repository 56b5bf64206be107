"""Security: filter values reach SQL only as bound parameters, exported cells a
spreadsheet would run are neutralised, and a build touches no network.

The injection tests run on a *writable* connection to a copy of a real database,
so a value that were pasted into SQL text could really drop a table; the proof
is that hostile values behave exactly like any value that matches nothing.
"""

from __future__ import annotations

import csv
import io
import shutil
import socket
import zipfile

import duckdb
import pandas as pd
import pytest

from etl import db
from etl.build import build
from etl.export import export_bytes
from etl.filters import Filter

from .conftest import announcement, assert_nothing_lost, make_corpus, snapshot, write_txt

HOSTILE = [
    "'; DROP TABLE documents; --",
    "FR' OR '1'='1",
    '" OR 1=1 --',
    "x'); DELETE FROM amounts; SELECT ('",
    "' UNION SELECT document_id, text FROM documents --",
    "Robert'); DROP TABLE rejects;--",
    "$countries",
    "%",
    "NULL",
    "*/ SELECT 1; /*",
    "\\'; ATTACH ':memory:' AS x; --",
]
NOTHING = "zz-matches-nothing"
LISTS = {"countries", "currencies", "kinds", "statuses", "checks", "fundings", "entry_ids", "items", "decided",
         "corrected"}
# Queries the dashboard runs only when another step's table exists (dashboard/data.py checks first).
OPTIONAL_TABLES = {"entry_status": "registry_status"}
TYPED = {"date_from", "date_to", "as_of", "limit", "headline_only", "latest_only", "threshold", "waiting_only"}  # not text: a hostile value is refused


@pytest.fixture(scope="module")
def db_copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("sec")
    make_corpus(root / "in", 12)
    write_txt(root / "in", "formula.txt", "=1+2 " + announcement(40), i=40,
              title='=HYPERLINK("http://evil.example/","click")', publisher="@SUM(A1:A9)",
              url="+cmd|' /C calc'!A0")
    write_txt(root / "in", "minus.txt", announcement(41), title="-2+3 budget", publisher="\tTabbed Wire")
    original = root / "original.duckdb"
    build([root / "in"], original, progress=False)
    copy = root / "writable.duckdb"
    shutil.copy(original, copy)
    return original, copy


def _value(param: str, v: str):
    return [v] if param in LISTS else v


def _queries_with_text_params() -> list[tuple[str, list[str]]]:
    out = []
    for p in db.sql_files("queries"):
        params = sorted(db.query_params(p.stem) - TYPED)
        if params:
            out.append((p.stem, params))
    return out


@pytest.mark.parametrize("name,params", _queries_with_text_params(), ids=lambda x: x if isinstance(x, str) else "")
def test_hostile_filter_values_are_bound_parameters(db_copy, name, params):
    original, copy = db_copy
    con = duckdb.connect(str(copy))  # writable on purpose: an injection would really do harm
    try:
        if name in OPTIONAL_TABLES and not con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [OPTIONAL_TABLES[name]]
        ).fetchone()[0]:
            pytest.skip(f"{name} reads {OPTIONAL_TABLES[name]}, which this build does not make (dashboard/data.py "
                        "asks before running it)")
        for param in params:
            baseline = db.run_query(con, name, {param: _value(param, NOTHING)})
            for bad in HOSTILE:
                got = db.run_query(con, name, {param: _value(param, bad)})
                pd.testing.assert_frame_equal(got, baseline, check_dtype=False, obj=f"{name} with ${param}={bad!r}")
    finally:
        con.close()
    assert snapshot(copy, exclude=()) == snapshot(original, exclude=())


@pytest.mark.parametrize("param", sorted(TYPED))
def test_hostile_values_for_typed_parameters_are_refused_not_run(db_copy, param):
    original, copy = db_copy
    name = next(p.stem for p in db.sql_files("queries") if param in db.query_params(p.stem))
    con = duckdb.connect(str(copy))
    try:
        for bad in HOSTILE:
            try:
                db.run_query(con, name, {param: bad})
            except (duckdb.ConversionException, duckdb.InvalidInputException, duckdb.BinderException) as e:
                assert "Conversion" in type(e).__name__ or "convert" in str(e).lower() or "cast" in str(e).lower()
    finally:
        con.close()
    assert snapshot(copy, exclude=()) == snapshot(original, exclude=())


def _records(data: bytes, fmt: str) -> bytes:
    """The rows of an export (a zip's manifest names its filters, so it differs by design)."""
    if fmt != "zip":
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("records.csv") + z.read("records.parquet")


@pytest.mark.parametrize("fmt", ["csv", "parquet", "zip"])
def test_export_with_hostile_filters_is_empty_and_harmless(db_copy, fmt):
    original, copy = db_copy
    con = duckdb.connect(str(copy))
    try:
        # statuses and fundings are closed lists, refused by Filter (test_filters.py); the rest is free text
        text_keys = ["countries", "currencies", "kinds"]
        assert set(Filter.model_fields) == {*text_keys, "statuses", "fundings", *TYPED} - {"as_of", "limit", "latest_only", "threshold", "waiting_only"}
        empty = _records(export_bytes(con, fmt, Filter(**{k: [NOTHING] for k in text_keys})), fmt)
        for bad in HOSTILE:
            assert _records(export_bytes(con, fmt, Filter(**{k: [bad] for k in text_keys})), fmt) == empty
            for closed in ("statuses", "fundings"):
                with pytest.raises(ValueError, match="unknown"):
                    Filter(**{closed: [bad]})
        if fmt == "csv":
            assert empty.decode().count("\n") == 1  # the header alone
    finally:
        con.close()
    assert snapshot(copy, exclude=()) == snapshot(original, exclude=())


def _csv_cells(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_export_neutralises_cells_a_spreadsheet_would_run(db_copy):
    original, _ = db_copy
    con = duckdb.connect(str(original), read_only=True)
    try:
        rows = _csv_cells(export_bytes(con, "csv"))
    finally:
        con.close()
    titles = {r["title"] for r in rows}
    assert "'=HYPERLINK(\"http://evil.example/\",\"click\")" in titles
    assert "'-2+3 budget" in titles
    assert "'@SUM(A1:A9)" in {r["publisher"] for r in rows}
    assert "'\tTabbed Wire" not in {r["publisher"] for r in rows}  # the header strips the tab; nothing runs
    assert "'+cmd|' /C calc'!A0" in {r["url"] for r in rows}
    for r in rows:
        for col, cell in r.items():
            assert not cell.startswith(("=", "+", "@")), (col, cell)
            if cell.startswith("-"):
                float(cell)  # only a plain negative number may start with '-'


def test_parquet_export_neutralises_cells_too(db_copy):
    original, _ = db_copy
    con = duckdb.connect(str(original), read_only=True)
    try:
        parquet = pd.read_parquet(io.BytesIO(export_bytes(con, "parquet")))
    finally:
        con.close()
    assert "'=HYPERLINK(\"http://evil.example/\",\"click\")" in set(parquet["title"])
    assert not parquet["title"].str.startswith(("=", "+", "-", "@")).any()


def test_build_makes_no_network_connection(tmp_path, monkeypatch):
    attempts: list[object] = []

    def refuse(self, address, *a, **k):
        attempts.append(address)
        raise OSError("network disabled by test_build_makes_no_network_connection")

    def refuse_lookup(host, *a, **k):
        attempts.append(host)
        raise socket.gaierror("network disabled by test_build_makes_no_network_connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse_lookup)
    make_corpus(tmp_path / "in", 8)
    s = build([tmp_path / "in"], tmp_path / "db.duckdb", progress=False)
    assert s.loaded == 8
    assert_nothing_lost(s, tmp_path / "db.duckdb")
    s = build(None, tmp_path / "corpus.duckdb", progress=False)  # the bundled corpus and reference rates too
    assert s.loaded > 20
    assert attempts == [], f"the build tried to reach {attempts}"
