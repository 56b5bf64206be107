"""An optional bench piece (not in `make bench`'s default run: it takes minutes): `aitrack
build` on N generated announcements whose sentences are all distinct (corpus.generate_distinct),
built in one process, in one process per core (the local default from 400 files up), and on a
Dask LocalCluster of one worker process per core (`--engine dask`), each timed end to end
(ingest to the swapped-in database, registry linking included; the Dask one includes starting
its cluster). The three databases must be the same; the run says so.

    uv run --group bench python bench/dask_build.py --n 2000     # prints JSON; also bench/out/dask.json

May import: the standard library, duckdb, etl.*, bench/corpus.py.
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
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402


def _differing_tables(a: Path, b: Path) -> list[str]:
    """Tables whose rows differ between two databases (build_info and release_history say when
    each build ran, so they differ by design)."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{a}' AS a (READ_ONLY)")
        con.execute(f"ATTACH '{b}' AS b (READ_ONLY)")
        tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'a' "
                                            "ORDER BY 1").fetchall() if t not in ("build_info", "release_history")]
        return [t for t in tables if con.execute(
            f'SELECT count(*) FROM ((SELECT * FROM a."{t}" EXCEPT ALL SELECT * FROM b."{t}") UNION ALL '
            f'(SELECT * FROM b."{t}" EXCEPT ALL SELECT * FROM a."{t}"))').fetchone()[0]]
    finally:
        con.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    a = ap.parse_args()
    from etl.build import build

    work = OUT / "dask"
    shutil.rmtree(work, ignore_errors=True)
    corpus.write_files(corpus.generate_distinct(a.n, seed=a.seed), work / "in")
    runs = {"local, 1 process": {"jobs": 1}, f"local, {a.workers} processes": {"jobs": a.workers},
            f"dask, LocalCluster of {a.workers} workers": {"engine": "dask", "workers": a.workers}}
    out = {"n": a.n, "load_before": os.getloadavg()[0], "runs": {}}
    first = None
    for k, (label, kw) in enumerate(runs.items()):
        db = work / f"run{k}" / "aitrack.duckdb"  # one name: build_info's release note names the file
        t = time.monotonic()
        s = build([work / "in"], db, progress=False, **kw)
        secs = time.monotonic() - t
        out["runs"][label] = {"seconds": round(secs, 1), "docs_per_s": round(s.loaded / secs, 1), "loaded": s.loaded,
                              "same_as_first": True if first is None else not _differing_tables(first, db)}
        first = first or db
        print(f"{label}: {secs:.1f} s, {s.loaded / secs:.0f} docs/s", file=sys.stderr)
    out["load_after"] = os.getloadavg()[0]
    (OUT / "dask.json").write_text(json.dumps(out, indent=2), encoding="utf-8")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
