"""A dashboard-sized database: facts of 100,000 announcements.

Running the real `etl.build.build` on 100,000 generated files takes far longer
than the benchmark's ten minutes on this machine (run.py measures the build's
rate on the base corpus and prints the extrapolation in RESULTS.md). So the
big database is made in two honest steps:

1. `build` — the real pipeline (ingest, extract, validate, convert, check,
   load) — on `base` generated announcements (bench/corpus.py);
2. every row of that database copied `copies` times with SQL into a fresh
   database created from sql/schema and sql/views: new ids of the same shape
   (16 hex), each copy's documents moved to another country and shifted in
   time, so filters by country and date select realistic shares. Text, quotes
   and offsets are kept, so the build's invariants (sql/checks) still hold and
   are run on the result.

What a replica cannot show: a more varied text mix than the base. The query
plans and row counts, which is what the dashboard pays for, are those of
100,000 announcements.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from etl import db, reviews
from etl.registry import REGISTRY_CHECKS, link_registry

# Tables copied once per replica; the others (rejects, build_info, fx_sources) once.
FACT_TABLES = ("documents", "origins", "amounts", "rates", "conversions", "dates", "deadlines", "percentages",
               "targets", "actors", "commitments", "checks")
# Countries replicas are moved to: the generator's 20, the rest of the EU (so the
# "EU bloc" filter has its 28 codes to match) and a few more that announce AI money.
REPLICA_COUNTRIES = (
    "US", "CN", "GB", "FR", "DE", "JP", "KR", "IN", "CA", "BR", "SG", "IT", "ES", "SA", "AE", "KZ", "RU", "SE", "CH",
    "AU", "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "GR", "HU", "IE", "LV", "LT", "LU", "MT", "NL", "PL",
    "PT", "RO", "SK", "SI", "EU", "IL", "TR", "MX", "ID", "VN", "NG", "ZA",
)
# Date columns shifted with their document (a DATE in these tables).
SHIFTED_DATES = {"documents": ("published_on",), "amounts": ("published_on", "rate_on")}


def _expr(table: str, col: str) -> str:
    if col.endswith("_id") and col != "fact_ref":
        return f"rid(x.{col}, r.k) AS {col}"
    if col == "country_code":
        return "CASE WHEN x.country_code IS NULL OR r.k = 0 THEN x.country_code ELSE m.country END AS country_code"
    if col in SHIFTED_DATES.get(table, ()):
        return f"CAST(x.{col} + to_days(CAST(coalesce(m.shift, 0) AS INTEGER)) AS DATE) AS {col}"
    if table == "origins" and col == "origin":
        return "CASE WHEN r.k = 0 THEN x.origin ELSE x.origin || '#' || r.k END AS origin"
    return f'x."{col}"'


def replicate(base_db: Path, out_db: Path, copies: int, link: bool = True) -> dict:
    """`out_db` holding every row of `base_db` `copies` times (copy 0 is the original).

    link=False leaves the registry empty and skips the checks (bench/reglink.py then
    times the linking alone on copies of that file)."""
    out_db.unlink(missing_ok=True)
    Path(str(out_db) + ".wal").unlink(missing_ok=True)
    t0 = time.perf_counter()
    con = duckdb.connect(str(out_db))
    try:
        con.execute("SET enable_progress_bar = false")  # it would draw on the benchmark's terminal
        db.apply_sql(con, ("schema",))
        con.execute(f"ATTACH '{base_db}' AS base (READ_ONLY)")
        # Same shape as etl.models.make_id (16 hex), distinct per copy; copy 0 keeps the original.
        con.execute("CREATE TEMP MACRO rid(id, k) AS CASE WHEN id IS NULL OR k = 0 THEN id "
                    "ELSE substr(md5(id || ':' || CAST(k AS VARCHAR)), 1, 16) END")
        countries = "[" + ", ".join(f"'{c}'" for c in REPLICA_COUNTRIES) + "]"
        # One row per (base document, copy): its new country and its shift in days (±2 years).
        con.execute(f"""
            CREATE TEMP TABLE docmap AS
            SELECT d.document_id, r.k,
                   {countries}[1 + CAST(hash(d.document_id || ':' || r.k) % {len(REPLICA_COUNTRIES)} AS INTEGER)]
                       AS country,
                   CASE WHEN r.k = 0 THEN 0
                        ELSE CAST(hash(r.k || ':' || d.document_id) % 1461 AS INTEGER) - 730 END AS shift
            FROM base.documents d CROSS JOIN range({copies}) r(k)
        """)
        rows = {}
        for table in FACT_TABLES:
            cols = [c for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_catalog = 'base' AND table_name = ? "
                "ORDER BY ordinal_position", [table]).fetchall()]
            select = ", ".join(_expr(table, c) for c in cols)
            con.execute(f"""
                INSERT INTO main.{table}
                SELECT {select}
                FROM base.{table} x CROSS JOIN range({copies}) r(k)
                LEFT JOIN docmap m ON m.document_id = x.document_id AND m.k = r.k
            """)
            rows[table] = con.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]
        for table in ("rejects", "build_info", "fx_sources"):
            con.execute(f"INSERT INTO main.{table} SELECT * FROM base.{table}")
        con.execute("DETACH base")
        db.apply_sql(con, ("views",))
        reviews.Applier(con, []).apply_views()  # as a build does: v_records gains reviewed, corrected_fields
        seconds = time.perf_counter() - t0
        if not link:
            con.execute("DELETE FROM checks WHERE list_contains(?, \"check\")", [list(REGISTRY_CHECKS)])
            db.apply_sql(con, ("refresh",))  # v_entries and its macro exist, empty as the registry is
            con.execute("CHECKPOINT")
            return {"rows": rows, "seconds": seconds, "bytes": out_db.stat().st_size}
        # The registry is linked afresh on the copies, as a build links it (issue 13's
        # speed goal: linking 100,000 announcements' records in under 60 s).
        con.execute("DELETE FROM checks WHERE list_contains(?, \"check\")", [list(REGISTRY_CHECKS)])  # made anew
        t2, c2 = time.perf_counter(), time.process_time()
        registry = link_registry(con)
        registry_s, registry_cpu_s = time.perf_counter() - t2, time.process_time() - c2
        db.apply_sql(con, ("refresh",))  # the entries the pages read, from the registry just linked
        con.execute("CHECKPOINT")
        t1 = time.perf_counter()
        broken = {k: v for k, v in db.run_checks(con).items() if v}
        checks_s = time.perf_counter() - t1
    finally:
        con.close()
    if broken:
        raise RuntimeError(f"replicated database breaks invariants: {broken}")
    rows.update(registry=registry.entries, registry_links=registry.links)
    return {"rows": rows, "seconds": seconds, "checks_seconds": checks_s, "registry_seconds": registry_s,
            "registry_cpu_seconds": registry_cpu_s, "registry_candidates": registry.candidates,
            "registry_pairs": registry.pairs, "registry_kept_pairs": registry.kept_pairs,
            "registry_entries": registry.entries, "registry_stage_seconds": dict(registry.stage_seconds),
            "bytes": out_db.stat().st_size}
