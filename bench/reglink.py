"""Time the registry linking alone on the bench's replicated database (issue 13: < 60 s at 100,000).

    python bench/reglink.py [--base 1000] [--copies 100] [--runs 1] [--work bench/out/reglink] [--keep FILE]

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


def time_link(big: Path, work: Path, keep: Path | None = None) -> dict:
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
        s = link_registry(con)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    finally:
        con.close()
        if keep is not None:
            os.replace(run_db, keep)
        run_db.unlink(missing_ok=True)
    return {"wall_s": wall, "cpu_s": cpu, "candidates": s.candidates, "pairs": s.pairs, "kept_pairs": s.kept_pairs, "entries": s.entries,
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
    a = ap.parse_args()
    big = prepare(a.work, a.base, a.copies)
    runs = [time_link(big, a.work, a.keep if i == a.runs - 1 else None) for i in range(a.runs)]
    print(json.dumps({"base": a.base, "copies": a.copies, "runs": runs}, indent=1))


if __name__ == "__main__":
    main()
