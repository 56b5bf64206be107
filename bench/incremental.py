"""Incremental builds (issue 16): N announcements built with the extraction cache, then 1,000 new
ones added and the database built again, timed (wall) and split into cache read, extraction,
link and write (BuildSummary.stages).

    python bench/incremental.py --n 12000 [--new 1000] [--check]

Prints one JSON object (bench/run.py reads it). The corpus is corpus.generate_distinct's (no
repeated paragraphs), N + new documents generated together so the new ones are as distinct as
the rest; the cache and databases go under bench/out/incremental/. `--check` also builds the
same N + new files without the cache and says whether the two databases have the same rows
(every table but the build's time), which costs one more full build.
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
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

OUT = BENCH / "out" / "incremental"


class PeakRSS:
    """The largest resident memory of this process and all its descendants together (the
    forkserver and the extraction workers), and of this process alone (which holds the rows until
    it writes the database, so it is the part that grows with the corpus; a worker holds at most a
    few batches), sampled every 0.1 s in a thread while a build runs."""

    def __init__(self, interval: float = 0.1):
        import threading

        import psutil

        self._me, self._interval, self._stop = psutil.Process(), interval, threading.Event()
        self.peak = self.peak_main = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> int:
        import psutil

        total = main = self._me.memory_info().rss
        self.peak_main = max(self.peak_main, main)
        for p in self._me.children(recursive=True):
            try:
                total += p.memory_info().rss
            except psutil.Error:  # a worker that has just exited
                pass
        return total

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.peak = max(self.peak, self.sample())

    def __enter__(self) -> PeakRSS:
        self.start = self.peak = self.sample()
        self.start_main = self.peak_main
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _timed_build(sources, db_path, **kw) -> dict:
    from etl.build import build

    w0, c0 = time.perf_counter(), time.process_time()
    with PeakRSS() as mem:
        s = build(sources, db_path, progress=False, **kw)
    return {"wall_s": time.perf_counter() - w0, "cpu_s_main": time.process_time() - c0, "inputs": s.inputs,
            "rss_start_mib": mem.start / 2**20, "rss_peak_mib": mem.peak / 2**20,
            "rss_main_start_mib": mem.start_main / 2**20, "rss_main_peak_mib": mem.peak_main / 2**20,
            "loaded": s.loaded, "cached": s.cached, "extracted": s.extracted, "jobs": s.jobs,
            "cache_unreadable": s.cache_unreadable, "stages": s.stages, "rows": s.rows,
            "registry_pairs": s.registry.pairs if s.registry else None}


def _rows(db_path: Path) -> dict[str, int]:
    """Every table's row count and a hash of its rows, build times left out."""
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        out = {}
        for (t,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall():
            drop = {"build_info": "WHERE key <> 'built_at'", "release_history": ""}.get(t, "")
            cols = "* EXCLUDE (built_at)" if t == "release_history" else "*"
            out[t] = con.execute(f'SELECT count(*), sum(hash(COLUMNS(*))) FROM (SELECT {cols} FROM "{t}" {drop})'
                                 ).fetchall()[0]
        return {t: list(map(str, v)) for t, v in out.items()}
    finally:
        con.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=12000, help="announcements in the store before the addition")
    ap.add_argument("--new", type=int, default=1000, help="new announcements added")
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("--check", action="store_true", help="also a full build without the cache, compared")
    a = ap.parse_args()
    shutil.rmtree(OUT, ignore_errors=True)
    docs = corpus.generate_distinct(a.n + a.new, seed=a.seed)
    base, new = OUT / "base", OUT / "new"
    corpus.write_files(docs[: a.n], base)
    corpus.write_files(docs[a.n:], new)
    del docs
    store = OUT / "cache"
    db_path = OUT / "store" / "aitrack.duckdb"
    res: dict = {"n": a.n, "new": a.new, "load_before": os.getloadavg()}
    print(f"full build of {a.n} with the cache", file=sys.stderr)
    res["full"] = _timed_build([base], db_path, cache=store)
    print(f"adding {a.new}: incremental build of {a.n + a.new}", file=sys.stderr)
    res["incremental"] = _timed_build([base, new], db_path, cache=store)
    print("the same again, nothing new", file=sys.stderr)
    res["unchanged"] = _timed_build([base, new], db_path, cache=store)
    res["cache_bytes"] = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
    if a.check:
        print(f"full build of {a.n + a.new} without the cache, to compare", file=sys.stderr)
        fresh_cached, fresh_full = OUT / "cached" / "aitrack.duckdb", OUT / "full" / "aitrack.duckdb"
        res["check_cached"] = _timed_build([base, new], fresh_cached, cache=store)
        res["check_full"] = _timed_build([base, new], fresh_full)
        res["identical"] = _rows(fresh_cached) == _rows(fresh_full)
    res["load_after"] = os.getloadavg()
    print(json.dumps(res, indent=1, default=str))


if __name__ == "__main__":
    main()
