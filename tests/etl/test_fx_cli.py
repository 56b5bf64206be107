"""Issue 4 end to end: an RUB amount dated 2025-11-19 has no reference rate until the
Bank of Russia's rates are fetched (from a local server standing in for the service),
then converts with that rate, its date and its source."""

from __future__ import annotations

import shutil

import duckdb

from etl import paths
from tests.etl.test_cli import aitrack
from tests.etl.test_fx import cbr_server  # noqa: F401 - the local stand-in for cbr.ru


def test_rub_converts_only_after_fetch(tmp_path, cbr_server):  # noqa: F811
    ref = tmp_path / "reference"
    shutil.copytree(paths.REFERENCE_DIR, ref, ignore=shutil.ignore_patterns("cbr_*.csv"))
    src = tmp_path / "in"
    src.mkdir()
    (src / "rub.txt").write_text("Published: 2025-11-19\n\nThe programme will get 5 billion roubles.\n",
                                 encoding="utf-8")
    db = tmp_path / "a.duckdb"

    def amount():
        p = aitrack("build", str(src), "--db", str(db), "--reference", str(ref), "--quiet")
        assert p.returncode == 0, p.stderr
        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.execute("SELECT value_usd, usd_rate, rate_on, rate_source, fx_status, fx_note "
                               "FROM amounts").fetchone()
        finally:
            con.close()

    usd, rate, rate_on, source, status, note = amount()
    assert (usd, status) == (None, "no_rate") and "no reference rate for RUB" in note

    p = aitrack("fx", "fetch", "cbr", "--from", "2025-11-10", "--to", "2025-11-21", "--out", str(ref / "fx"),
                "--base-url", cbr_server + "/")
    assert p.returncode == 0, p.stderr
    assert list((ref / "fx").glob("cbr_*.csv"))

    usd, rate, rate_on, source, status, note = amount()
    assert status == "converted" and "Bank of Russia" in source
    assert rate_on.isoformat() <= "2025-11-19" and usd == 5e9 / rate


def test_fetch_failure_is_one_line(tmp_path):
    p = aitrack("fx", "fetch", "cbr", "--from", "2025-11-10", "--to", "2025-11-21", "--out", str(tmp_path),
                "--base-url", "http://127.0.0.1:9/")
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "Traceback" not in p.stderr
