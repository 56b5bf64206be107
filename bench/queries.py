"""Named queries (sql/queries/*.sql) and the full CSV export against the big database.

Each query runs the way the dashboard runs it: `etl.db.run_query` on a fresh
cursor of one read-only connection, result fetched into a DataFrame (what a
page pays before Streamlit's cache holds it). One untimed warm-up run, then
`runs` timed runs; p50/p95 by nearest rank. DuckDB keeps no result cache, so
repeated runs do the whole work each time.

Run by bench/run.py in its own process (JSON on stdout) so the query process
holds only the database.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from pathlib import Path

import duckdb

from etl import db
from etl.export import export_bytes, records, to_csv_bytes
from etl.filters import Filter

TABLE_LIMIT = 2000  # dashboard.data.TABLE_LIMIT: rows a page table asks for
EU_BLOC = list(Filter(countries=["EU-bloc"]).country_codes())  # the 28 codes of data/reference/blocs.csv

# Filters as etl.filters.Filter.params() binds them (lists, ISO dates, a bool).
NO_FILTER = {"countries": [], "currencies": [], "kinds": [], "statuses": [], "date_from": None, "date_to": None,
             "headline_only": False, "fundings": []}
FILTERS = {
    "no filter": {},
    "one country (RU)": {"countries": ["RU"]},
    "EU bloc (28) + EUR + 2022..2025": {"countries": EU_BLOC, "currencies": ["EUR"], "date_from": "2022-01-01",
                                        "date_to": "2025-12-31"},
    "status fail+warn": {"statuses": ["fail", "warn"]},
    "public funding": {"fundings": ["public"]},
}
COUNTRY_SETS = {"no filter": [], "one country (RU)": ["RU"], "EU bloc (28)": EU_BLOC}
AS_OF = "2026-11-23"  # the "as of" date the Targets and Overview pages pass (today, when the bench was written)


def cases(con: duckdb.DuckDBPyConnection, rng: random.Random) -> list[tuple[str, str, object]]:
    """(query, filter label, params or a function giving each run's params) for every named query."""
    out: list[tuple[str, str, object]] = []
    for label, f in FILTERS.items():
        p = {**NO_FILTER, **f}
        out.append(("record_table", label + ", limit 2000", {**p, "limit": TABLE_LIMIT}))
        out.append(("usd_coverage", label, p))
        out.append(("country_totals", label, {**p, "headline_only": True}))
        out.append(("announcement_months", label, p))
        out.append(("records", label, p))
        out.append(("registry_entries", label + ", limit 2000", {**p, "latest_only": True, "limit": TABLE_LIMIT}))
        out.append(("entry_coverage", label, {**p, "headline_only": True}))
    # The Targets page as a person uses it: today's view, then the "as of" date moved (a new
    # cache key, so a real query), then one timing chosen for the table.
    for label, cs in COUNTRY_SETS.items():
        out.append(("country_currency_totals", label, {"countries": cs}))
        out.append(("target_timeline", label + ", as of today", {"countries": cs, "as_of": AS_OF}))
        out.append(("target_timeline", label + ", as of 2031-06-30", {"countries": cs, "as_of": "2031-06-30"}))
        out.append(("target_list", label + ", limit 2000", {"countries": cs, "as_of": AS_OF, "timing": None,
                                                            "limit": TABLE_LIMIT}))
        out.append(("target_list", label + ", overdue, limit 2000", {"countries": cs, "as_of": AS_OF,
                                                                     "timing": "overdue", "limit": TABLE_LIMIT}))
    for label, st in (("no filter", []), ("status fail", ["fail"]), ("status fail+warn", ["fail", "warn"])):
        out.append(("check_list", label + ", limit 2000", {"statuses": st, "limit": TABLE_LIMIT}))
        out.append(("checks", label, {"statuses": st, "checks": []}))
    publisher = con.execute("SELECT publisher FROM documents WHERE publisher IS NOT NULL LIMIT 1").fetchone()[0]
    out.append(("document_list", "all, limit 2000", {"publisher": None, "limit": TABLE_LIMIT}))
    out.append(("document_list", "one publisher, limit 2000", {"publisher": publisher, "limit": TABLE_LIMIT}))
    for name in ("overview", "filter_options", "check_summary", "publishers", "rejects"):
        out.append((name, "-", {"as_of": AS_OF} if name == "overview" else {}))
    # One document or record a person chose: a different one each run.
    doc_ids = [r[0] for r in con.execute("SELECT document_id FROM documents USING SAMPLE 200 ROWS").fetchall()]
    rec_ids = [r[0] for r in con.execute("SELECT amount_id FROM amounts WHERE NOT bracketed USING SAMPLE 200 ROWS")
               .fetchall()]
    out.append(("document_facts", "one document", lambda: {"document_id": rng.choice(doc_ids)}))
    out.append(("document_origins", "one document", lambda: {"document_id": rng.choice(doc_ids)}))
    out.append(("record_source", "one record", lambda: {"record_id": rng.choice(rec_ids)}))
    # The Commitments page opens the sources of the first 100 entries it lists at once.
    entry_ids = [r[0] for r in con.execute("SELECT entry_id FROM registry ORDER BY country_code, first_seen, entry_id "
                                           "LIMIT 100").fetchall()]
    out.append(("entry_sources", "100 entries", {"entry_ids": entry_ids}))
    out.append(("entry_checks", "100 entries", {"entry_ids": entry_ids}))
    return out


def pct(xs: list[float], q: float) -> float:
    """Nearest-rank percentile: with 20 runs, p95 is the 19th fastest."""
    s = sorted(xs)
    return s[max(0, math.ceil(q * len(s)) - 1)]


def time_query(con, name: str, params, runs: int, budget_s: float = 1e9) -> dict:
    """`runs` timed runs after one warm-up, or fewer (never under 5) once `budget_s` of
    runs is spent: a case that slow is far past the goal and more runs only cost minutes."""
    def once() -> tuple[float, int]:
        p = params() if callable(params) else params
        t0 = time.perf_counter()
        cur = con.cursor()
        try:
            df = db.run_query(cur, name, p)
        finally:
            cur.close()
        return time.perf_counter() - t0, len(df)

    first, n_rows = once()
    times: list[float] = []
    while len(times) < runs and (len(times) < 5 or sum(times) < budget_s):
        times.append(once()[0])
    return {"first_ms": first * 1000, "p50_ms": pct(times, 0.5) * 1000, "p95_ms": pct(times, 0.95) * 1000,
            "max_ms": max(times) * 1000, "runs": len(times), "rows": n_rows}


def time_export(con, reps: int, prototype: bool = False) -> dict:
    """export_bytes(con, "csv") with no filter; the query and the CSV formatting timed apart too.
    With `prototype`, bench/fastcsv.py's formatting is timed on the same rows and its bytes compared."""
    walls, size, data = [], 0, b""
    for _ in range(reps):
        t0 = time.perf_counter()
        data = export_bytes(con, "csv", None)
        walls.append(time.perf_counter() - t0)
        size = len(data)
    t0 = time.perf_counter()
    df = records(con, None)
    q = time.perf_counter() - t0
    t0 = time.perf_counter()
    to_csv_bytes(df)
    fmt = time.perf_counter() - t0
    out = {"seconds": walls, "bytes": size, "rows": len(df), "query_s": q, "format_s": fmt}
    if prototype:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import fastcsv

        fast = []
        for _ in range(reps):
            t0 = time.perf_counter()
            fast_bytes = fastcsv.to_csv_bytes(records(con, None))
            fast.append(time.perf_counter() - t0)
        out["prototype_seconds"] = fast
        out["prototype_identical"] = fast_bytes == data
    return out


def view_parts(con, runs: int = 5) -> list[dict]:
    """Each CTE of v_records timed on its own (with the CTEs it reads), so a slow view says which
    part is slow. Read from sql/views at run time: the view changes, this follows."""
    path = next(p for p in db.sql_files("views") if "v_records" in p.name)
    text = "\n".join(line.split("--", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())
    body = text[text.upper().index("WITH", text.upper().index("CREATE")) + 4:]
    ctes: list[tuple[str, str]] = []
    i = 0
    while True:
        m = re.compile(r"\s*,?\s*([A-Za-z_][A-Za-z0-9_]*)\s+AS\s*\(", re.S).match(body, i)
        if not m:
            break
        depth, j = 1, m.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(body[j], 0)
            j += 1
        ctes.append((m.group(1), body[m.start(1):j]))
        i = j
    out = []
    for k, (name, _) in enumerate(ctes):
        # max() of every column: the whole CTE is computed (count(*) alone lets DuckDB skip columns).
        sql = "WITH " + ", ".join(c for _, c in ctes[: k + 1]) + f" SELECT count(*), max(COLUMNS(*)) FROM {name}"
        times = []
        for _ in range(runs + 1):
            t0 = time.perf_counter()
            n = con.execute(sql).fetchone()[0]
            times.append(time.perf_counter() - t0)
        out.append({"cte": name, "rows": n, "p50_ms": pct(times[1:], 0.5) * 1000})
    return out


def users() -> dict[str, str]:
    """Who runs each named query, read from the code (so the table stays right as pages change)."""
    root = Path(__file__).resolve().parents[1]
    found: dict[str, list[str]] = {}
    for where, path in (("dashboard", root / "dashboard" / "data.py"), ("aitrack check", root / "etl" / "cli.py"),
                        ("export (CLI, dashboard downloads)", root / "etl" / "export.py")):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        for name in re.findall(r'run(?:_query)?\(\s*\w+\s*,\s*"(\w+)"', text):
            if where not in found.get(name, []):
                found.setdefault(name, []).append(where)
    return {k: ", ".join(v) for k, v in found.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--export-reps", type=int, default=3)
    ap.add_argument("--prototype-csv", action="store_true", help="also time bench/fastcsv.py's CSV formatting")
    ap.add_argument("--budget", type=float, default=10.0, help="seconds of timed runs per case before stopping early")
    a = ap.parse_args()
    con = duckdb.connect(a.db, read_only=True)
    con.execute("SET enable_progress_bar = false")
    rng = random.Random(7)
    results = []
    for name, label, params in cases(con, rng):
        r = time_query(con, name, params, a.runs, a.budget)
        results.append({"query": name, "filter": label, **r})
        print(f"  {name} [{label}]: p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms", file=sys.stderr, flush=True)
    export = time_export(con, a.export_reps, a.prototype_csv)
    try:
        parts = view_parts(con)
    except Exception as e:  # noqa: BLE001 - a view this parser cannot read is reported, not fatal
        parts = [{"cte": f"(could not split the view: {type(e).__name__}: {e})", "rows": 0, "p50_ms": 0}]
    covered = {r["query"] for r in results}
    missing = sorted(p.stem for p in db.sql_files("queries") if p.stem not in covered)
    reads_view = sorted(p.stem for p in db.sql_files("queries") if "v_records" in db.query_text(p.stem))
    json.dump({"view_parts": parts, "reads_v_records": reads_view, "queries": results, "export": export, "not_covered": missing, "users": users(),
               "threads": con.execute("SELECT current_setting('threads')").fetchone()[0]}, sys.stdout)


if __name__ == "__main__":
    main()
