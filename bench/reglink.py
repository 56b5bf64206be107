"""Time the registry linking alone on the bench's replicated database (issue 13: < 60 s at 100,000).

    python bench/reglink.py [--base 1000] [--copies 100] [--runs 1] [--work bench/out/reglink] [--keep FILE]
    python bench/reglink.py --incremental 1000   # a full link keeping its pairs, then 1,000 documents added

Builds the base corpus once (corpus.generate_distinct with the seed of `make bench`,
as bench/run.py stage_database does), replicates it with
bench/bigdb.py without linking, then for each run copies that file and times
`etl.registry.link_registry` on the copy: wall and CPU seconds (CPU counts every
DuckDB thread of this process, so it is the steadier number when the machine is
shared), candidates, pairs, entries and `RegistrySummary.stage_seconds`. Prints one
JSON object; `make bench` (bench/run.py) reports the same numbers from bigdb.replicate.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import bigdb  # noqa: E402
import corpus  # noqa: E402

SEED = 20261123  # bench/run.py's


def prepare(work: Path, base: int, copies: int) -> Path:
    """The replicated database without a registry (made once per base x copies)."""
    from etl.build import build

    work.mkdir(parents=True, exist_ok=True)
    base_db = work / f"base{base}-distinct.duckdb"
    if not base_db.exists():
        src = work / f"announcements{base}"
        shutil.rmtree(src, ignore_errors=True)
        corpus.write_files(corpus.generate_distinct(base, seed=SEED), src)
        build([src], base_db)
    big = work / f"big{base}x{copies}-distinct.duckdb"
    if not big.exists():
        tmp = work / "big.tmp.duckdb"
        bigdb.replicate(base_db, tmp, copies, link=False)
        os.replace(tmp, big)
    return big


def time_link(big: Path, work: Path, keep: Path | None = None, pair_store=None) -> dict:
    import duckdb

    from etl import paths
    from etl.registry import link_registry

    run_db = work / "run.duckdb"
    shutil.copyfile(big, run_db)
    con = duckdb.connect(str(run_db))
    try:
        con.execute("SET enable_progress_bar = false")
        # the registry tables as this tree defines them (the copy may predate a schema change)
        con.execute("DROP TABLE IF EXISTS registry_status; DROP TABLE IF EXISTS registry_links; "
                    "DROP TABLE IF EXISTS registry")
        con.execute((paths.SQL_DIR / "schema" / "030_registry.sql").read_text(encoding="utf-8"))
        w0, c0 = time.perf_counter(), time.process_time()
        s = link_registry(con, pair_store=pair_store)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    finally:
        con.close()
        if keep is not None:
            os.replace(run_db, keep)
        run_db.unlink(missing_ok=True)
    return {"wall_s": wall, "cpu_s": cpu, "candidates": s.candidates, "pairs": s.pairs, "pairs_scored": s.pairs_scored, "known": s.known, "kept_pairs": s.kept_pairs, "entries": s.entries,
            "links": s.links, "across_sources": s.across_sources,
            "stage_seconds": {k: round(v, 2) for k, v in s.stage_seconds.items()}, "load": os.getloadavg()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=int, default=1000)
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--work", type=Path, default=BENCH / "out" / "reglink")
    ap.add_argument("--keep", type=Path, help="keep the last run's linked database here (to compare two trees' "
                    "registries, bench/registrydiff.py)")
    ap.add_argument("--incremental", type=int, metavar="N",
                    help="time a full link keeping its pairs, then the link of N documents added (see time_incremental)")
    a = ap.parse_args()
    big = prepare(a.work, a.base, a.copies)
    if a.incremental:
        print(json.dumps({"base": a.base, "copies": a.copies, **time_incremental(big, a.work, a.incremental)},
                         indent=1))
        return
    runs = [time_link(big, a.work, a.keep if i == a.runs - 1 else None) for i in range(a.runs)]
    print(json.dumps({"base": a.base, "copies": a.copies, "runs": runs}, indent=1))


def time_incremental(big: Path, work: Path, new: int) -> dict:
    """The linking of `new` documents added to the others: a full link that keeps its scored pairs
    (etl.registry.PairStore), then the `new` documents' candidates and pairs taken out of what it
    kept, as if the previous build had not had them, and the linking timed again on a fresh copy.
    The registries of the two links are compared (they must be the same)."""
    import duckdb
    import pyarrow.parquet as pq

    from etl.registry import PairStore

    store_dir = work / "pairs"
    shutil.rmtree(store_dir, ignore_errors=True)
    keep_full, keep_inc = work / "full-linked.duckdb", work / "inc-linked.duckdb"
    full = time_link(big, work, keep_full, PairStore(store_dir))
    store = PairStore(store_dir)
    candidates, pairs = store.read()
    con = duckdb.connect(str(keep_full), read_only=True)
    try:
        gone = {u for (u,) in con.execute(
            "WITH d AS (SELECT document_id FROM documents ORDER BY hash(document_id) LIMIT $n) "
            "SELECT amount_id FROM amounts WHERE document_id IN (SELECT * FROM d) UNION ALL "
            "SELECT commitment_id FROM commitments WHERE document_id IN (SELECT * FROM d) UNION ALL "
            "SELECT target_id FROM targets WHERE document_id IN (SELECT * FROM d)", {"n": new}).fetchall()}
    finally:
        con.close()
    c, p = pq.read_table(candidates), pq.read_table(pairs)
    c = c.filter([u not in gone for u in c.column("unique_id").to_pylist()])
    keep = [lft not in gone and rgt not in gone
            for lft, rgt in zip(p.column("unique_id_l").to_pylist(), p.column("unique_id_r").to_pylist())]
    pq.write_table(c, candidates)
    pq.write_table(p.filter(keep), pairs)
    inc = time_link(big, work, keep_inc, PairStore(store_dir))
    same = {}
    a, b = duckdb.connect(str(keep_full), read_only=True), duckdb.connect(str(keep_inc), read_only=True)
    try:
        for t in ("registry", "registry_links", "registry_status"):
            q = f"SELECT count(*), sum(hash(COLUMNS(*))) FROM {t}"
            same[t] = a.execute(q).fetchall() == b.execute(q).fetchall()
    finally:
        a.close()
        b.close()
    keep_full.unlink(missing_ok=True)
    keep_inc.unlink(missing_ok=True)
    return {"new_documents": new, "full": full, "incremental": inc, "same_registry": same}


if __name__ == "__main__":
    main()
