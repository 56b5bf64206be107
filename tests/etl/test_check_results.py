"""A figure's checks are shown side by side, not only the worst (issue 15): a stated conversion whose
rounding agrees with the printed rate, for a currency with no reference rate on that day, is
"rounding pass" and "reference unverifiable" in the records and registry exports, not only
"unverifiable"."""

from __future__ import annotations

import csv
import io

import duckdb

from etl.build import build
from etl.export import export_bytes
from tests.conftest import write_docs

TEXT = ("Vladimir Putin said on Wednesday that AI should add more than 11 trillion roubles ($136.57 billion) to "
        "Russia's economy by 2030. ($1 = 80.5455 roubles)")


def test_a_passed_rounding_check_shows_beside_an_unverifiable_reference(tmp_path):
    folder = write_docs(tmp_path / "docs", {"ru.txt": ("Wire", "2025-11-19", "en", TEXT)})
    db = tmp_path / "a.duckdb"
    build([folder], db, progress=False)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = list(csv.DictReader(io.StringIO(export_bytes(con, "csv").decode())))
        (rec,) = [r for r in rows if r["quote"] == "11 trillion roubles"]
        assert rec["check_status"] == "unverifiable"  # the worst, as before
        results = dict(part.split(": ") for part in rec["check_results"].split("; "))
        assert results["stated_rate_rounding"] == "pass"
        assert "unverifiable" in results.values()
        columns = list(rows[0])  # added after the columns that were there before it
        assert columns.index("check_results") > columns.index("corrected_fields")

        (entry,) = con.execute("SELECT check_status, check_results FROM v_entries WHERE amount_id = ?",
                               [rec["record_id"]]).fetchall()
        assert entry[0] == "unverifiable" and "stated_rate_rounding: pass" in entry[1]
    finally:
        con.close()
