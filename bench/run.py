"""`make bench`: extraction throughput (issue 3) and the dashboard at 100,000 announcements (issue 5).

Writes bench/RESULTS.md (and the raw numbers to bench/out/results.json); all
generated data goes under bench/out/ (git-ignored). Every measurement that
needs its own memory or its own caches runs in a fresh subprocess
(bench/extraction.py, bench/queries.py, bench/pages.py) with thread pools held
to one thread, so "one core" holds for the extractors; DuckDB keeps its
default threads, as the dashboard does.

    uv run --group bench python bench/run.py            # the whole run, ~10 minutes on 2 cores
    uv run --group bench python bench/run.py --quick    # smaller numbers, ~3 minutes: a smoke run

Goals are checked here and reported, never asserted: a missed goal is a row
that says "no" with its number, and the run still writes RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))

import bigdb  # noqa: E402
import corpus  # noqa: E402

GOAL_RATIO = 100  # aitrack docs/s over quantulum3 docs/s
GOAL_QUERY_P95_MS = 100
GOAL_EXPORT_S = 5.0
GOAL_PAGE_WARM_S = 1.5
GOAL_CLI_RATIO = 1.3  # issue 16: `aitrack extract --jsonl -` within 1.3x of extract_text in process
GOAL_REGISTRY_S = 60.0  # linking the registry of BIG_DOCS announcements (issue 13)
GOAL_INCREMENTAL_S = 15.0  # issue 16: 1,000 new announcements added to a built store, with the extraction cache
GOAL_MILLION_DOCS, GOAL_MILLION_MIN, GOAL_MILLION_GIB = 1_000_000, 10.0, 4.0  # issue 16: from scratch
BIG_DOCS = 100_000
REAL_BUILD_BUDGET_S = 180  # "fits in a few minutes": above this the big database is replicated

# One thread for numpy/scikit-learn (quantulum3's classifier) and friends: the extractors
# are measured on ONE core.
ONE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
            "NUMEXPR_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}


def log(msg: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


def loadavg() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def child(script: str, *args: str, env: dict | None = None, quiet: bool = False) -> dict:
    """Run bench/<script> in a fresh interpreter; its stdout is one JSON object."""
    e = {**os.environ, **ONE_CORE, **(env or {})}
    p = subprocess.run([sys.executable, str(BENCH / script), *args], cwd=ROOT, env=e, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE if quiet else None)
    if p.returncode != 0:
        tail = (p.stderr or "")[-2000:] if quiet else ""
        raise RuntimeError(f"{script} {' '.join(args)} failed ({p.returncode}) {tail}")
    return json.loads(p.stdout)


def med(xs) -> float:
    return statistics.median(xs)


# ---------------------------------------------------------------- machine

def machine() -> dict:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import duckdb
    import pandas
    import streamlit
    try:
        from importlib.metadata import version
        q3 = version("quantulum3")
    except Exception:  # noqa: BLE001 - reported as missing, the run goes on
        q3 = "not installed"

    def git(*a: str) -> str:
        try:
            return subprocess.run(["git", *a], cwd=ROOT, text=True, capture_output=True).stdout.rstrip("\n")
        except OSError:
            return ""

    dirty = [line[3:] for line in git("status", "--porcelain", "--", "etl", "sql", "dashboard").splitlines()]
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": model, "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
        "python": platform.python_version(), "duckdb": duckdb.__version__, "pandas": pandas.__version__,
        "streamlit": streamlit.__version__, "quantulum3": q3, "os": platform.platform(),
        "git_head": git("rev-parse", "--short", "HEAD").strip(), "dirty": dirty,
    }


# ---------------------------------------------------------------- stages

def stage_extraction(cfg: dict) -> dict:
    log(f"extraction throughput: aitrack {cfg['n']} docs x {cfg['rounds']} rounds, quantulum3 {cfg['nq']} docs "
        f"per round (load {loadavg()})")
    res = {"load_before": loadavg()}
    res["throughput"] = child("extraction.py", "throughput", "--n", str(cfg["n"]), "--nq", str(cfg["nq"]),
                              "--rounds", str(cfg["rounds"]), quiet=True)
    log("the same on the older templated corpus (recurring background paragraphs), for comparison")
    res["throughput_templated"] = child("extraction.py", "throughput", "--corpus", "templated", "--n", str(cfg["n"]),
                                        "--nq", str(cfg["nq"]), "--rounds", "1", quiet=True)
    log(f"end to end: extract_text, the CLI's work in process, `aitrack extract --jsonl -`, `aitrack build` "
        f"({cfg['paths_n']} documents each)")
    res["paths"] = child("extraction.py", "paths", "--n", str(cfg["paths_n"]), quiet=True)
    log("extraction memory (one process per library)")
    res["memory"] = [child("extraction.py", "memory", "--lib", "aitrack", "--n", str(cfg["mem_n"]), quiet=True),
                     child("extraction.py", "memory", "--lib", "quantulum3", "--n", str(cfg["mem_nq"]), quiet=True)]
    log("one 1 MB document")
    res["big"] = child("extraction.py", "big", "--size", "1000000", "--reps", str(cfg["big_reps"]), quiet=True)
    log("profile")
    res["profile"] = child("extraction.py", "profile", "--n", str(cfg["prof_n"]), quiet=True)
    res["load_after"] = loadavg()
    return res


def stage_database(cfg: dict) -> dict:
    """The real build on the base corpus, then the big database (real build or replicas)."""
    from etl.build import build

    res: dict = {"load_before": loadavg()}
    work = OUT / "db"
    shutil.rmtree(work, ignore_errors=True)
    src = work / "announcements"
    base = cfg["base"]
    log(f"real build of {base} generated announcements")
    docs = corpus.generate_distinct(base, seed=cfg["seed"])
    corpus.write_files(docs, src)
    base_db = work / "base.duckdb"
    w0, c0 = time.perf_counter(), time.process_time()
    summary = build([src], base_db)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    res["base_build"] = {"docs": base, "loaded": summary.loaded, "rejected": summary.rejected, "wall_s": wall,
                         "cpu_s": cpu, "rows": summary.rows, "checks": summary.checks}
    per_doc = wall / base
    res["extrapolated_100k_s"] = per_doc * BIG_DOCS
    big_db = OUT / "big.duckdb"
    target = cfg["big_docs"]
    if per_doc * target <= REAL_BUILD_BUDGET_S:
        log(f"real build of {target} announcements (extrapolated {per_doc * target:.0f} s)")
        big_src = work / "big_announcements"
        corpus.write_files(corpus.generate_distinct(target, seed=cfg["seed"]), big_src)
        t0 = time.perf_counter()
        s = build([big_src], big_db)
        res["method"] = "real build"
        res["big"] = {"seconds": time.perf_counter() - t0, "rows": s.rows, "bytes": big_db.stat().st_size}
    else:
        copies = -(-target // base)
        log(f"replicating {base} built announcements x {copies} into {big_db} "
            f"(a real build would take ~{per_doc * target / 60:.0f} min)")
        res["method"] = "replicated"
        res["copies"] = copies
        res["big"] = bigdb.replicate(base_db, big_db, copies)
    res["big_db"] = str(big_db)
    res["load_after"] = loadavg()
    return res


def stage_queries(db_path: str, cfg: dict, label: str = "queries", prototype_csv: bool = False) -> dict:
    log(f"{label}: every named query, {cfg['runs']} runs per case (load {loadavg()})")
    res = child("queries.py", db_path, "--runs", str(cfg["runs"]), "--export-reps", str(cfg["export_reps"]),
                "--budget", str(cfg["case_budget_s"]), *(["--prototype-csv"] if prototype_csv else []))
    res["load"] = loadavg()
    return res


def stage_pages(db_path: str, cfg: dict) -> dict:
    pages = sorted((ROOT / "dashboard" / "app_pages").glob("*.py"))
    if not pages:
        return {"skipped": "no dashboard/app_pages/*.py"}
    out = []
    for p in pages:
        if p.name.startswith("_"):
            continue
        log(f"page {p.stem} (cold + {cfg['warm']} warm)")
        try:
            out.append(child("pages.py", str(p), "--warm", str(cfg["warm"]), env={"AITRACK_DB": db_path}, quiet=True))
        except RuntimeError as e:
            out.append({"page": p.stem, "errors": [str(e)[-500:]], "cold_s": None, "warm_s": [],
                        "warm_median_s": None})
    return {"pages": out, "load": loadavg()}


def stage_whatif(big_db: str, cfg: dict) -> dict | None:
    """The proposed SQL change, tried on a copy (sql/ is not ours to edit): v_records as a table."""
    import duckdb

    with duckdb.connect(big_db, read_only=True) as probe:
        kind = probe.execute("SELECT table_type FROM information_schema.tables WHERE table_name = 'v_records'").fetchone()
    if kind and kind[0] == "BASE TABLE":
        log("what-if skipped: the build already materialises v_records")
        return None
    path = OUT / "whatif.duckdb"
    shutil.copyfile(big_db, path)
    con = duckdb.connect(str(path))
    t0 = time.perf_counter()
    con.execute("SET enable_progress_bar = false")
    con.execute("CREATE TABLE v_records_table AS SELECT * FROM v_records "
                "ORDER BY published_on NULLS LAST, country_code NULLS LAST, document_id, start")
    con.execute("DROP VIEW v_records")
    con.execute("ALTER TABLE v_records_table RENAME TO v_records")
    con.execute("CHECKPOINT")
    seconds = time.perf_counter() - t0
    con.close()
    res = stage_queries(str(path), {**cfg, "runs": cfg["whatif_runs"]}, "what-if", prototype_csv=True)
    res["materialize_s"] = seconds
    if cfg.get("whatif_pages"):
        res["pages"] = stage_pages(str(path), {"warm": cfg["warm"]})
    return res


# ---------------------------------------------------------------- report

def yes(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**yes**" if ok else "**no**")


def is_dashboard(x: dict, used: dict[str, str]) -> bool:
    """A case the 100 ms goal is for: a query dashboard/data.py runs for a page. `records` is the
    export's (its goal is the export's 5 s); `checks` is the `aitrack check` CLI's."""
    return x["query"] != "records" and "dashboard" in used.get(x["query"], "")


def used_by(name: str, used: dict[str, str]) -> str:
    """Who runs a query, saying plainly when that is not a dashboard page."""
    who = used.get(name, "")
    if not who:
        return "nothing in aitrack (not a dashboard query)"
    return who if name == "records" or "dashboard" in who else f"{who} (not a dashboard query)"


def goals_of(r: dict) -> list[tuple[str, str, bool]]:
    """(goal, measured, met) for each goal the run measured."""
    goals = []
    ex, q, pg = r.get("extraction"), r.get("queries"), r.get("pages", {})
    scale = f"{r['config']['big_docs']:,} announcements"
    if ex:
        rounds = ex["throughput"]["rounds"]
        ratio_cpu = med([x["aitrack_docs_s_cpu"] / x["quantulum3_docs_s_cpu"] for x in rounds])
        goals.append(("aitrack ≥ 100× quantulum3 docs/s (issue 3)", f"{ratio_cpu:.1f}× (CPU time)",
                      ratio_cpu >= GOAL_RATIO))
        if "paths" in ex:
            ratio = _cli_ratio(ex["paths"])
            goals.append(("`aitrack extract --jsonl -` within 1.3× of extract_text in process (issue 16)",
                          f"{ratio:.2f}× (wall, {ex['paths']['docs']:,} documents, start-up included)",
                          ratio <= GOAL_CLI_RATIO))
    if q:
        # The goal is the dashboard's: cases of queries dashboard/data.py runs (records is the export's).
        used = q.get("users", {})
        dash = [x for x in q["queries"] if is_dashboard(x, used)]
        worst = max(dash, key=lambda x: x["p95_ms"])
        n_ok = sum(x["p95_ms"] < GOAL_QUERY_P95_MS for x in dash)
        goals.append((f"every dashboard query < 100 ms p95 (issue 5, {scale})",
                      f"{n_ok}/{len(dash)} cases; worst {worst['query']} [{worst['filter']}] "
                      f"{worst['p95_ms']:.0f} ms", n_ok == len(dash)))
        e = med(q["export"]["seconds"])
        goals.append((f"full CSV export < 5 s (issue 5, {scale})", f"{e:.1f} s", e < GOAL_EXPORT_S))
    big = (r.get("database") or {}).get("big", {})
    if "registry_seconds" in big:
        goals.append((f"registry link of {scale} < 60 s (issue 13)",
                      f"{big['registry_seconds']:.1f} s wall, {big['registry_cpu_seconds']:.1f} s CPU",
                      big["registry_seconds"] < GOAL_REGISTRY_S))
    inc = r.get("incremental")
    if inc:
        x = inc["incremental"]
        goals.append((f"{inc['new']:,} new announcements added incrementally < 15 s (issue 16, to a store of "
                      f"{inc['n']:,}; the issue's 1,000,000 is not feasible here)",
                      f"{x['wall_s']:.1f} s wall ({x['extracted']:,} extracted, {x['cached']:,} from the cache)",
                      x["wall_s"] < GOAL_INCREMENTAL_S))
        f = inc["full"]
        if "rss_peak_mib" in f:
            # Extrapolated, not run: the build's process holds every row until it writes the database,
            # so its growth is scaled linearly from the first build; the workers' part (bounded batches)
            # is taken as it was. The time is scaled linearly too.
            minutes = GOAL_MILLION_DOCS / (f["inputs"] / f["wall_s"]) / 60
            growth = (f["rss_main_peak_mib"] - f["rss_main_start_mib"]) * GOAL_MILLION_DOCS / f["inputs"]
            peak_gib = (f["rss_peak_mib"] - f["rss_main_peak_mib"] + f["rss_main_start_mib"] + growth) / 1024
            goals.append((f"{GOAL_MILLION_DOCS:,} announcements from scratch < {GOAL_MILLION_MIN:.0f} min, peak memory "
                          f"< {GOAL_MILLION_GIB:.0f} GiB (issue 16; extrapolated linearly from the first build of "
                          f"{f['inputs']:,})",
                          f"{minutes:.1f} min, {peak_gib:.1f} GiB (measured: {f['inputs'] / f['wall_s']:.0f} docs/s wall on "
                          f"{f['jobs']} processes; peak {f['rss_peak_mib']:.0f} MiB for the process tree, of which the build's "
                          f"process grew {f['rss_main_peak_mib'] - f['rss_main_start_mib']:.0f} MiB)",
                          minutes < GOAL_MILLION_MIN and peak_gib < GOAL_MILLION_GIB))
    if pg.get("pages"):
        warm = [(p["page"], p["warm_median_s"]) for p in pg["pages"]]
        bad = [w for w in warm if w[1] is None or w[1] >= GOAL_PAGE_WARM_S]
        worst = max(warm, key=lambda w: w[1] if w[1] is not None else 1e9)
        goals.append((f"every page < 1.5 s warm (issue 5, {scale})",
                      f"{len(warm) - len(bad)}/{len(warm)} pages; slowest {worst[0]} "
                      f"{'error' if worst[1] is None else f'{worst[1]:.2f} s'}", not bad))
    return goals


def _cli_ratio(pt: dict) -> float:
    return pt["cli_extract_jsonl"]["wall_s"] / pt["extract_text"]["wall_s"]


def _paths_section(add, pt: dict, templated: dict | None) -> None:
    n = pt["docs"]

    def rate(x: dict) -> str:
        return f"{n / x['wall_s']:,.0f}"

    add(f"End to end, as people run it: {n:,} documents of {pt['mean_doc_bytes']:.0f} bytes each way, each way on "
        "documents of its own (the distinct corpus), after the same warm-up for the two in-process rows:")
    add("")
    add("| path | wall s | CPU s | docs/s (wall) | × extract_text |\n|---|---|---|---|---|")
    base = pt["extract_text"]["wall_s"]
    for key, label in (("extract_text", "`extract_text` in process"),
                       ("cli_work_in_process", "the CLI's work per document in process (extract, check, contract, JSON)"),
                       ("cli_extract_jsonl", "`aitrack extract --jsonl -` (new process, start-up included)"),
                       ("cli_build", "`aitrack build --quiet` on as many files (ingest, load, checks, registry)")):
        x = pt[key]
        add(f"| {label} | {x['wall_s']:.2f} | {x['cpu_s']:.2f} | {rate(x)} | {x['wall_s'] / base:.2f}× |")
    add("")
    add(f"Of the CLI's time, {pt['cli_startup']['wall_s']:.2f} s is start-up (the same command with empty input: "
        "interpreter, imports, reference rates).")
    if templated:
        tr = templated["rounds"][0]
        add(f"For comparison, on the older templated corpus whose background paragraphs recur "
            f"({templated['repeated_paragraph_share']:.0%} of its paragraphs occur more than once, so the "
            f"caches remember them) `extract_text` reads {tr['aitrack_docs_s_cpu']:,.0f} docs/s (CPU) and "
            f"quantulum3 {tr['quantulum3_docs_s_cpu']:,.1f}: those were the bench's figures before issue 16.")
    add("")


def report(r: dict) -> str:
    m, cfg = r["machine"], r["config"]
    L: list[str] = []
    add = L.append
    add("# Benchmarks")
    add("")
    add(f"Generated by `bench/run.py{' --quick' if cfg['quick'] else ''}` on {m['date']} "
        f"(total {r['total_s'] / 60:.1f} min). Regenerate with `make bench`; raw numbers in bench/out/results.json (results-quick.json for --quick).")
    add("")
    add("## Machine")
    add("")
    add("| | |\n|---|---|")
    add(f"| CPU | {m['cpu']} |")
    add(f"| cores | {m['cores']} ({m['usable_cores']} usable), shared with other engineers' jobs |")
    add(f"| load average (1/5/15 min) | start {r['load_start']}, end {r['load_end']} |")
    add(f"| OS | {m['os']} |")
    add(f"| Python | {m['python']} |")
    add(f"| duckdb / pandas / streamlit / quantulum3 | {m['duckdb']} / {m['pandas']} / {m['streamlit']} / "
        f"{m['quantulum3']} |")
    dirty = f"; uncommitted changes by others in: {', '.join(m['dirty'])}" if m["dirty"] else ""
    add(f"| code | git {m['git_head']}{dirty} |")
    add("")
    loads = [float(x.split()[0]) for x in (r["load_start"], r["load_end"]) if x != "?"]
    busy = loads and max(loads) > (m["cores"] or 1)
    add("**Noise.** The two cores are shared with other people's builds and tests: the 1-minute load average "
        + (f"was {loads[0]:.1f} at the start of this run and {loads[-1]:.1f} at its end" if loads else "is unknown")
        + (" (more work than cores)" if busy else "") + ", and it changes from minute to minute, so wall-clock "
        "numbers include time spent waiting for a core. Every figure below is a median over repeated rounds or "
        "runs; extraction is also reported in CPU seconds (time actually on a core), the steadier number.")
    prev = r.get("previous")
    if prev and prev.get("queries") and r.get("queries"):
        before = {(x["query"], x["filter"]): x["p95_ms"] for x in prev["queries"]["queries"]}
        f = sorted(max(x["p95_ms"], b) / max(min(x["p95_ms"], b), 1e-3) for x in r["queries"]["queries"]
                   if (b := before.get((x["query"], x["filter"]))))
        flips = [x for x in r["queries"]["queries"] if (b := before.get((x["query"], x["filter"]))) is not None
                 and (b < GOAL_QUERY_P95_MS) != (x["p95_ms"] < GOAL_QUERY_P95_MS)]
        if f:
            add(f"Measured: between this run and the previous one ({prev['machine']['date']}) the same query "
                f"cases' p95 differed by a factor of {med(f):.1f} at the median and up to {f[-1]:.1f}, so treat "
                f"differences under about 2× as noise; {len(flips)} of {len(f)} cases changed their < 100 ms verdict "
                "between the two runs" + (" (" + ", ".join(f"{x['query']} [{x['filter']}]" for x in flips[:6])
                                            + ")" if flips else "") + ".")
    add("")

    # ---- goals
    ex = r.get("extraction")
    q = r.get("queries")
    pg = r.get("pages", {})
    goals = goals_of(r)
    prev = r.get("previous")
    before = {g: (v, ok) for g, v, ok in goals_of(prev)} if prev else {}
    add("## Goals")
    add("")
    if before:
        # The previous full run on the same machine: how far the noise moves the same numbers.
        add(f"| goal | measured | met | previous run ({prev['machine']['date']}) |\n|---|---|---|---|")
        for g, v, ok in goals:
            pv = before.get(g)
            add(f"| {g} | {v} | {yes(ok)} | {pv[0] + ' (' + yes(pv[1]) + ')' if pv else '–'} |")
    else:
        add("| goal | measured | met |\n|---|---|---|")
        for g, v, ok in goals:
            add(f"| {g} | {v} | {yes(ok)} |")
    add("")

    if ex:
        t = ex["throughput"]
        add("## 1. Extraction throughput (issue 3)")
        add("")
        add(f"Corpus: `bench/corpus.py` `generate_distinct`, seeded: {t['docs_aitrack']} announcements per round "
            f"of {t['mean_doc_bytes']:.0f} bytes on average ({t['ru_share']:.0%} Russian), with the "
            f"{t.get('bundled', 0)} bundled announcements spread among them. Lead sentences come from templates (20 countries, amounts "
            "in symbol/code/word forms, ranges, spelled-out numbers, qualifiers, bracketed USD equivalents, rate "
            "lines, weekday/absolute dates, deadlines); the background paragraphs are composed sentence by sentence "
            "from slots (who, what, where, how many, when) and no sentence occurs twice in the corpus "
            f"({t.get('repeated_paragraph_share', 0):.2%} of its paragraphs recur). Every round, and every column "
            "below, reads documents of its own, so nothing is timed on text the per-chunk caches already hold "
            "(they still learn the vocabulary, as a long build learns a feed's). "
            "One process, one thread. aitrack: `extract_text(text, published, language, title)` as the build calls "
            "it; quantulum3: `parser.parse(text, lang='en_US')` as the shared eval adapter calls it. Both run in "
            "the same process in alternating rounds (so the machine's load hits both alike); quantulum3 gets "
            f"{t['docs_quantulum3']} documents per round, and aitrack reads those same documents separately "
            "(the last column).")
        add("")
        add("| round | aitrack docs/s (wall) | aitrack docs/s (CPU) | quantulum3 docs/s (wall) | quantulum3 docs/s "
            "(CPU) | ratio (CPU) | ratio (wall) | ratio on identical docs (CPU) |")
        add("|---|---|---|---|---|---|---|---|")
        cols = ("aitrack_docs_s_wall", "aitrack_docs_s_cpu", "quantulum3_docs_s_wall", "quantulum3_docs_s_cpu")
        rows = []
        for i, x in enumerate(t["rounds"], 1):
            rc = x["aitrack_docs_s_cpu"] / x["quantulum3_docs_s_cpu"]
            rw = x["aitrack_docs_s_wall"] / x["quantulum3_docs_s_wall"]
            rs = x["aitrack_same_docs_s_cpu"] / x["quantulum3_docs_s_cpu"]
            rows.append([*(x[c] for c in cols), rc, rw, rs])
            add(f"| {i} | " + " | ".join(f"{v:.1f}" for v in rows[-1][:4]) + f" | {rc:.1f}× | {rw:.1f}× | {rs:.1f}× |")
        mid = [med([row[j] for row in rows]) for j in range(7)]
        add("| **median** | " + " | ".join(f"**{v:.1f}**" for v in mid[:4])
            + "".join(f" | **{v:.1f}×**" for v in mid[4:]) + " |")
        add("")
        if all("amounts_only_docs_s_cpu" in x for x in t["rounds"]):
            only = med([x["amounts_only_docs_s_cpu"] for x in t["rounds"]])
            only_ratio = med([x["amounts_only_docs_s_cpu"] / x["quantulum3_docs_s_cpu"] for x in t["rounds"]])
            add(f"The same job as quantulum3, for comparison only: aitrack's money stage alone (`extract_money` on "
                "the normalised text: amounts, stated rates, conversions and percentages; no dates, deadlines, "
                f"actors, commitments, targets or funding) runs at **{only:,.0f} docs/s** (CPU, median of the "
                f"rounds), **{only_ratio:.0f}×** quantulum3. The goal is counted on the whole extraction above, "
                "not on this.")
            add("")
        add(f"Start-up, not in the rates: aitrack import + first 31 documents (English and Russian: "
            f"patterns compile per mix of scripts) {t['aitrack_startup_s']:.1f} s; quantulum3 import + the same "
            f"{t['quantulum3_startup_s']:.1f} s (it loads its unit "
            "classifier). Goal ≥ 100×: " + yes(mid[4] >= GOAL_RATIO) + f" ({mid[4]:.1f}× in CPU time).")
        add("")
        if "paths" in ex:
            _paths_section(add, ex["paths"], ex.get("throughput_templated"))
        add("Memory (one fresh process per library; RSS is the whole process, tracemalloc counts Python "
            "allocations of one document above what was already held):")
        add("")
        add("| library | docs | RSS after import + warm-up | peak RSS after the docs | growth | "
            "tracemalloc peak of the worst document |")
        add("|---|---|---|---|---|---|")
        for x in ex["memory"]:
            add(f"| {x['lib']} | {x['docs']} | {x['rss_ready_mib']:.0f} MiB | {x['rss_peak_mib']:.0f} MiB | "
                f"{x['rss_growth_mib']:.1f} MiB | {x['tracemalloc_peak_per_doc_kib']:.0f} KiB |")
        add("")
        b = ex["big"]
        add(f"One 1 MB document ({b['chars']:,} characters, {b['bytes']:,} bytes: generated announcements one after "
            f"another), {len(b['wall_s'])} repetitions: **{med(b['wall_s']):.2f} s** wall median "
            f"({', '.join(f'{x:.2f}' for x in b['wall_s'])}), {med(b['cpu_s']):.2f} s CPU; {b['amounts']:,} amounts "
            f"found; peak RSS {b['rss_peak_mib']:.0f} MiB (from {b['rss_ready_mib']:.0f} MiB before it).")
        add("")
        p = ex["profile"]
        add(f"Where aitrack's time goes (cProfile over {p['docs']} documents, own time by module; regex matching "
            "done inside a loop counts to the function that loops):")
        add("")
        add("| module | share |\n|---|---|")
        for mod, s in list(p["by_module"].items())[:8]:
            add(f"| {mod} | {s / p['total_s']:.0%} |")
        add("")
        add("| function | calls | own s | cumulative s |\n|---|---|---|---|")
        for f in p["top_functions"][:8]:
            add(f"| `{f['function']}` | {f['calls']} | {f['tottime_s']:.2f} | {f['cumtime_s']:.2f} |")
        add("")

    d = r.get("database")
    if d:
        bb = d["base_build"]
        add(f"## 2. Dashboard data at {cfg['big_docs']:,} announcements (issue 5)")
        add("")
        add(f"Real `etl.build.build` on {bb['docs']:,} generated announcements (files with headers): "
            f"{bb['wall_s']:.1f} s wall, {bb['cpu_s']:.1f} s CPU ({bb['docs'] / bb['wall_s']:.0f} docs/s wall); "
            f"{bb['loaded']:,} loaded, {bb['rejected']} rejected; checks {bb['checks']}. "
            f"At that rate 100,000 announcements take ~{d['extrapolated_100k_s'] / 60:.0f} min; above "
            f"{REAL_BUILD_BUDGET_S // 60} min for the run's {cfg['big_docs']:,} the database is replicated instead.")
        add("")
        big = d["big"]
        if d["method"] == "replicated":
            add(f"**Method: replicated.** A real build of {cfg['big_docs']:,} would not fit the run, so the big database holds "
                f"the {bb['docs']:,} really built announcements × {d['copies']} copies made with SQL "
                "(`bench/bigdb.py`): new 16-hex ids, each copy's documents moved to one of 50 countries (the EU "
                "members included) and shifted by up to ±2 years; texts, quotes and offsets kept, so sql/checks still "
                f"hold (checked: {big['checks_seconds']:.1f} s). Replication took {big['seconds']:.0f} s.")
        else:
            add(f"**Method: real build** of all announcements ({big['seconds']:.0f} s).")
        add("")
        add("| table | rows |\n|---|---|")
        for k, v in big["rows"].items():
            add(f"| {k} | {v:,} |")
        add(f"| *(file size)* | {big['bytes'] / 2**20:.0f} MiB |")
        add("")
        if "registry_seconds" in big:
            add("### Registry linking (issue 13)")
            add("")
            add(f"`etl.registry.link_registry` on the big database, as a build links it (Splink, DuckDB backend, "
                f"on the same connection): **{big['registry_seconds']:.1f} s** wall, "
                f"{big['registry_cpu_seconds']:.1f} s CPU (both DuckDB threads counted); "
                f"{big['registry_candidates']:,} candidates (amount records, and commitments and targets without "
                f"an amount), {big['registry_pairs']:,} pairs scored, {big['registry_kept_pairs']:,} of them kept "
                f"for the reasons and supersedes, {big['registry_entries']:,} entries. One run; "
                "`python bench/reglink.py --runs N` repeats the linking alone on copies of the same database.")
            add("")
            add("| stage | seconds (wall) |\n|---|---|")
            for k, v in big["registry_stage_seconds"].items():
                add(f"| {k} | {v:.1f} |")
            add("")
    if q:
        add(f"### Named queries (`etl.db.run_query` on a fresh cursor, result as a DataFrame; DuckDB threads: "
            f"{q['threads']})")
        add("")
        add(f"One untimed warm-up ('first' is that run), then up to {cfg['runs']} timed runs; a case stops early "
            f"after {cfg['case_budget_s']:.0f} s of runs (at least 5), which only happens far above the goal. "
            "The 100 ms goal is for the queries pages run: `records` is the export's query (its goal is the "
            "export's 5 s), and a query a page does not run (`checks`: the `aitrack check` CLI) is listed with "
            "its time but no verdict.")
        add("")
        add("| query | used by | filter | rows | first ms | p50 ms | p95 ms | runs | < 100 ms p95 |")
        add("|---|---|---|---|---|---|---|---|---|")
        used = q.get("users", {})
        for x in q["queries"]:
            ok = x["p95_ms"] < GOAL_QUERY_P95_MS if is_dashboard(x, used) else None
            add(f"| {x['query']} | {used_by(x['query'], used)} | {x['filter']} | {x['rows']:,} | {x['first_ms']:.0f} | "
                f"{x['p50_ms']:.0f} | {x['p95_ms']:.0f} | {x['runs']} | {yes(ok)} |")
        if q["not_covered"]:
            add("")
            add("Not covered (new query files since this benchmark was written): " + ", ".join(q["not_covered"]))
        add("")
        e = q["export"]
        add("### Full CSV export")
        add("")
        add(f"`export_bytes(con, 'csv', None)`, {len(e['seconds'])} runs: **{med(e['seconds']):.1f} s** median "
            f"({', '.join(f'{s:.1f}' for s in e['seconds'])}); {e['rows']:,} rows, {e['bytes'] / 2**20:.0f} MiB. "
            f"Split (one run): the `records` query into a DataFrame {e['query_s']:.1f} s, formatting to CSV "
            f"{e['format_s']:.1f} s. Goal < 5 s: {yes(med(e['seconds']) < GOAL_EXPORT_S)}.")
        add("")
    if pg.get("pages"):
        add("### Dashboard pages (`streamlit.testing.v1.AppTest.from_file`, AITRACK_DB = the big database)")
        add("")
        add("Cold: the first run in a fresh process (empty Streamlit caches, no DuckDB connection; Python modules "
            "already imported, as in a running server). Warm: median of further reruns of the same session.")
        add("")
        add("| page | cold s | warm s (median) | warm runs | < 1.5 s warm | errors |\n|---|---|---|---|---|---|")
        for p in pg["pages"]:
            w, c = p["warm_median_s"], p["cold_s"]
            add(f"| {p['page']} | {'–' if c is None else f'{c:.2f}'} | "
                f"{'–' if w is None else f'{w:.2f}'} | {', '.join(f'{x:.2f}' for x in p['warm_s'])} | "
                f"{yes(None if w is None else w < GOAL_PAGE_WARM_S)} | {'; '.join(p['errors']) or 'none'} |")
        add("")
    elif pg.get("skipped"):
        add(f"Dashboard pages: skipped ({pg['skipped']}).")
        add("")
    if q:
        add("### What is slow (derived from the numbers above)")
        add("")
        used = q.get("users", {})
        views = set(q.get("reads_v_records", []))
        slow = [x for x in q["queries"] if is_dashboard(x, used) and x["p95_ms"] >= GOAL_QUERY_P95_MS]
        on_view = [x for x in slow if x["query"] in views]
        if not slow:
            add("- Every dashboard query case meets 100 ms p95: the pages' charts read queries that aggregate in "
                "SQL (per country, per country and month, per target year), and their tables ask for at most "
                "2,000 rows (dashboard.data.TABLE_LIMIT).")
        else:
            add(f"- {len(slow)} dashboard query cases miss 100 ms p95 ("
                + ", ".join(f"{x['query']} [{x['filter']}] {x['p95_ms']:.0f} ms" for x in slow) + f"); "
                f"{len(on_view)} of them read `v_records`.")
        rest = sorted({x["query"] for x in slow if x["query"] not in views})
        if rest:
            add(f"- The others ({', '.join(rest)}) read other tables; see their rows above.")
        other = [x for x in q["queries"] if not is_dashboard(x, used) and x["query"] != "records"
                 and x["p95_ms"] >= GOAL_QUERY_P95_MS]
        if other:
            add("- Not dashboard queries, so not held to the goal: " + ", ".join(
                f"{x['query']} [{x['filter']}] {x['p95_ms']:.0f} ms ({x['rows']:,} rows for {used_by(x['query'], used)})"
                for x in other) + ".")
        w = r.get("whatif")
        if w:
            after = {(x["query"], x["filter"]): x for x in w["queries"]}
            fixed = [x for x in on_view if after.get((x["query"], x["filter"]), {}).get("p95_ms", 1e9)
                     < GOAL_QUERY_P95_MS]
            add(f"- With `v_records` as a table (below), {len(fixed)} of those {len(on_view)} cases meet the goal.")
        parts = q.get("view_parts")
        if parts:
            final = parts[-1]
            add("- Inside `v_records` no single part dominates: each CTE computed on its own (every column, p50 of "
                "5) costs " + ", ".join(f"{p['cte']} {p['p50_ms']:.0f} ms" for p in parts[:-1])
                + "; the whole view with its left joins and the join to documents "
                f"{final['p50_ms']:.0f} ms. Every filtered query pays that whole sum, because the filters sit above "
                "the aggregates: the view cannot be made cheap by tuning one join, only by computing it once.")
        e = q["export"]
        add(f"- The CSV export spends {e['format_s']:.1f} s formatting and joining the cells "
            f"(`etl.export.to_csv_bytes`) and {e['query_s']:.1f} s in the `records` query.")
        if ex:
            top = list(ex["profile"]["by_module"].items())[:3]
            tot = ex["profile"]["total_s"]
            add("- Extraction: " + ", ".join(f"{m} {v / tot:.0%}" for m, v in top) + " of the time; see the "
                "profile in section 1.")
        add("")
    w = r.get("whatif")
    if w and q:
        add("### What if v_records were a table (proposal, tried on a copy)")
        add("")
        add(f"`CREATE TABLE` from the view, sorted like records.sql, swapped in under the same name: "
            f"{w['materialize_s']:.1f} s more build time at {cfg['big_docs']:,} announcements. Same cases, "
            f"{cfg['whatif_runs']} runs each:")
        add("")
        add("| query | filter | p95 ms now | p95 ms with the table |\n|---|---|---|---|")
        after = {(x["query"], x["filter"]): x for x in w["queries"]}
        for x in q["queries"]:
            y = after.get((x["query"], x["filter"]))
            if y:
                add(f"| {x['query']} | {x['filter']} | {x['p95_ms']:.0f} | {y['p95_ms']:.0f} |")
        add("")
        we = w["export"]
        add(f"Full CSV export with the table: {med(we['seconds']):.1f} s "
            f"(query {we['query_s']:.1f} s, formatting {we['format_s']:.1f} s).")
        if "prototype_seconds" in we:
            add(f"With the table **and** column-wise CSV formatting (prototype `bench/fastcsv.py`, output "
                f"{'byte-identical' if we['prototype_identical'] else 'NOT identical'} to `export_bytes`): "
                f"**{med(we['prototype_seconds']):.1f} s** ({', '.join(f'{x:.1f}' for x in we['prototype_seconds'])}).")
        wp = w.get("pages", {}).get("pages")
        if wp:
            add("")
            add("| page | cold s | warm s with the table |\n|---|---|---|")
            for p in wp:
                w, c = p["warm_median_s"], p["cold_s"]
                add(f"| {p['page']} | {'–' if c is None else f'{c:.2f}'} | {'–' if w is None else f'{w:.2f}'} |")
        add("")
    if r.get("incremental"):
        _incremental_section(add, r["incremental"])
    return "\n".join(L) + "\n"


def _incremental_section(add, inc: dict) -> None:
    add("## 3. Incremental builds (issue 16)")
    add("")
    add(f"`bench/incremental.py`: {inc['n']:,} distinct announcements (`generate_distinct`) built with the extraction "
        f"cache (etl/cache.py), then {inc['new']:,} new ones added and the store built again, then built once more "
        "with nothing new. Wall seconds by stage (BuildSummary.stages): cache read (the fingerprint, the shards' "
        "keys, the lookups), extraction (reading the files, extracting the misses, taking the rows), cache write, "
        "registry link, database write (tables, reviews, views, checks, release diff, swap). Load average "
        f"{' '.join(f'{v:.1f}' for v in inc['load_before'])} before, {' '.join(f'{v:.1f}' for v in inc['load_after'])} after.")
    add("")
    stages = ("cache_read", "extract", "cache_write", "link", "write")
    add("| build | documents | from the cache | extracted | processes | wall s | CPU s (main process) | peak RSS MiB | "
        + " | ".join(stages) + " |")
    add("|---|---|---|---|---|---|---|---|" + "---|" * len(stages))
    labels = {"full": "first build", "incremental": f"{inc['new']:,} added", "unchanged": "nothing new",
              "check_cached": "fresh database, all cached", "check_full": "fresh database, no cache"}
    for k, label in labels.items():
        x = inc.get(k)
        if x:
            add(f"| {label} | {x['inputs']:,} | {x['cached']:,} | {x['extracted']:,} | {x['jobs']} | {x['wall_s']:.1f} | "
                f"{x['cpu_s_main']:.1f} | {x.get('rss_peak_mib', float('nan')):.0f} | " + " | ".join(f"{x['stages'][st]:.1f}" if st in x["stages"] else "–" for st in stages) + " |")
    add("")
    add(f"Cache size: {inc['cache_bytes'] / 2**20:.1f} MiB for {inc['n'] + inc['new']:,} documents."
        + ({True: " The cached and the uncached fresh builds have the same rows in every table (build time aside).",
            False: " **The cached and the uncached fresh builds differ.**"}.get(inc.get("identical"), "")))
    add("")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller numbers: a smoke run of every stage")
    ap.add_argument("--skip", action="append", default=[],
                    choices=("extraction", "database", "pages", "whatif", "incremental"),
                    help="leave a stage out (repeatable)")
    ap.add_argument("--out", default=str(BENCH / "RESULTS.md"))
    ap.add_argument("--report-only", action="store_true",
                    help="only write the report again from the last run's bench/out/results*.json")
    a = ap.parse_args()
    if a.report_only:
        r = json.loads((OUT / ("results-quick.json" if a.quick else "results.json")).read_text())
        Path(a.out).write_text(report(r), encoding="utf-8")
        return
    if a.quick:
        cfg = dict(n=200, nq=15, rounds=2, paths_n=200, mem_n=100, mem_nq=10, big_reps=1, prof_n=60, base=250, big_docs=10_000,
                   runs=5, export_reps=1, case_budget_s=5.0, warm=1, whatif_runs=3, whatif_pages=False, inc_n=500,
                   inc_new=100)
    else:
        cfg = dict(n=600, nq=70, rounds=3, paths_n=3000, mem_n=300, mem_nq=30, big_reps=3, prof_n=200, base=1000,
                   big_docs=BIG_DOCS, runs=20, export_reps=3, case_budget_s=10.0, warm=3, whatif_runs=10,
                   whatif_pages=True, inc_n=12_000, inc_new=1000)
    cfg.update(quick=a.quick, seed=20261123)
    OUT.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    r: dict = {"config": cfg, "machine": machine(), "load_start": loadavg()}
    log(f"aitrack bench{' --quick' if a.quick else ''}: load {r['load_start']}")
    if "extraction" not in a.skip:
        r["extraction"] = stage_extraction(cfg)
    if "database" not in a.skip:
        r["database"] = stage_database(cfg)
        big_db = r["database"]["big_db"]
        r["queries"] = stage_queries(big_db, cfg)
        if "pages" not in a.skip:
            r["pages"] = stage_pages(big_db, cfg)
        if "whatif" not in a.skip:
            whatif = stage_whatif(big_db, cfg)
            if whatif:
                r["whatif"] = whatif
    if "incremental" not in a.skip:
        log(f"incremental build: {cfg['inc_n']} announcements with the cache, then {cfg['inc_new']} added")
        r["incremental"] = child("incremental.py", "--n", str(cfg["inc_n"]), "--new", str(cfg["inc_new"]), quiet=True)
    r["load_end"] = loadavg()
    r["total_s"] = time.perf_counter() - t0
    raw = OUT / ("results-quick.json" if a.quick else "results.json")
    try:
        prev = json.loads(raw.read_text())
        prev.pop("previous", None)
        if prev.get("config", {}).get("quick") == a.quick:
            r["previous"] = prev
    except (OSError, ValueError):
        pass
    raw.write_text(json.dumps(r, indent=1, default=str))
    Path(a.out).write_text(report(r), encoding="utf-8")
    log(f"wrote {a.out} ({r['total_s'] / 60:.1f} min)")


if __name__ == "__main__":
    main()
