"""Extraction throughput and memory: aitrack's `extract_text` against quantulum3.

Run as a subprocess by bench/run.py (one JSON object on stdout), never imported
by it, so that each measurement gets a fresh interpreter: peak RSS
(VmHWM) then belongs to one library and one job only, and thread pools are
held to one thread by the environment run.py sets (ONE core).

Modes:
  throughput  both libraries in one process, in alternating rounds: the machine is
              shared, so rounds interleave and every round yields its own ratio;
              run.py reports medians. Every round reads documents of its own
              (--corpus distinct, the default: no background sentence recurs, so
              no cache is timed on text it already holds; --corpus templated is
              the older corpus whose background paragraphs recur, for comparison). Each round also
              times aitrack's money stage alone (amounts, rates, conversions,
              percentages): the part of its work that quantulum3 also does.
  memory      one library, after import and warm-up: RSS before and after the
              documents, and the tracemalloc peak of the worst single document.
  big         aitrack on one ~1 MB document: seconds per repetition and memory.
  paths       the ways people run it, end to end: extract_text in process, the
              CLI's per-document work in process, `aitrack extract --jsonl -`
              and `aitrack build` as new processes, each on its own documents.
  profile     aitrack under cProfile: where its time goes, by extractor module and
              by function (to say what to make faster, not as a speed number).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402


def _maxrss_mib() -> float:
    """This process's peak RSS. Read from /proc (VmHWM), not getrusage: ru_maxrss survives
    exec, so a child would report its parent's peak whenever that was larger."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _aitrack():
    from etl.extract import extract_text

    # Metadata as a build passes it: the date and language the header gave, and the title.
    return lambda d: extract_text(d.text, published_on=d.published, language=d.language, title=d.title)


def _quantulum():
    warnings.filterwarnings("ignore")  # quantulum3 warns about its classifier on import
    from quantulum3 import parser

    # The same call the shared eval adapter makes (baselines/quantulum3_adapter.py).
    return lambda d: parser.parse(d.text, lang="en_US")


def _aitrack_amounts():
    from etl.extract.money import extract_money
    from etl.extract.text import normalise

    # Only what quantulum3 reports: amounts, stated rates, conversions and percentages
    # (no dates, deadlines, actors, commitments, targets or funding).
    return lambda d: extract_money(normalise(d.text), d.language, None)


LIBS = {"aitrack": _aitrack, "quantulum3": _quantulum}


def _warm(fn, docs) -> None:
    """First calls, not timed: the first 30 documents and a Russian one, as patterns are
    compiled on first use per mix of scripts (Latin, accented Latin, Cyrillic)."""
    for d in docs[:30]:
        fn(d)
    ru = next((d for d in docs if d.language == "ru"), None)
    if ru is not None:
        fn(ru)


def _timed(fn, docs) -> tuple[float, float]:
    """Wall and CPU seconds for `fn` over `docs`. CPU time counts only time on a core,
    so it is the steadier number on a shared machine; wall is what a user waits."""
    gc.collect()
    w0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        fn(d)
    return time.perf_counter() - w0, time.process_time() - c0


def _bundled() -> list[corpus.Doc]:
    """The bundled announcements (data/announcements) as bench documents."""
    from etl.ingest import RawDocument, read_file

    out = []
    for path in sorted(corpus.DEMO.iterdir()):
        if path.name.upper().startswith(("README", "MANIFEST")):
            continue
        for item in read_file(path):
            if isinstance(item, RawDocument):
                out.append(corpus.Doc(item.origin, item.title or "", item.url or "", item.publisher or "",
                                      item.published_on, item.language or "en", item.text))
    return out


def _pool(kind: str, n: int, seed: int) -> list[corpus.Doc]:
    """`n` documents. "distinct": generated ones whose background sentences never repeat, with the
    bundled announcements spread among them; "templated": the older corpus padded with the
    demo's background paragraphs (they recur, so the extractors' caches remember them)."""
    if kind == "templated":
        return corpus.generate(n, seed=seed)
    docs = corpus.generate_distinct(n, seed=seed)
    bundled = _bundled()
    step = max(1, len(docs) // (len(bundled) + 1))
    for j, b in enumerate(bundled):
        docs[(j + 1) * step % len(docs)] = b
    return docs


def throughput(n_aitrack: int, n_quantulum: int, rounds: int, seed: int, kind: str = "distinct") -> dict:
    # Every slice below is its own documents: no round reads what an earlier round read, so
    # nothing is timed on text the caches already hold (except, in the templated corpus, the
    # recurring background paragraphs: that corpus is kept for comparison).
    warm_n = 40
    per_round = 2 * n_aitrack + n_quantulum
    docs = _pool(kind, warm_n + rounds * per_round, seed)
    warm, rest = docs[:warm_n], docs[warm_n:]
    out: dict = {"corpus": kind, "docs_aitrack": n_aitrack, "docs_quantulum3": n_quantulum, "rounds": [],
                 "repeated_paragraph_share": corpus.repeated_paragraph_share(docs),
                 "bundled": sum(not d.doc_id.startswith("bench-") for d in docs)}
    fns = {}
    for name, make in LIBS.items():
        t0 = time.perf_counter()
        fns[name] = make()
        _warm(fns[name], warm)  # first calls: lazy loading, regex compilation, quantulum3's classifier
        out[f"{name}_startup_s"] = time.perf_counter() - t0
    amounts = _aitrack_amounts()
    _warm(amounts, warm)
    timed_docs = []
    for r in range(rounds):
        chunk = rest[r * per_round:(r + 1) * per_round]
        a_docs, q_docs, m_docs = chunk[:n_aitrack], chunk[n_aitrack:n_aitrack + n_quantulum], chunk[-n_aitrack:]
        timed_docs += a_docs
        q_wall, q_cpu = _timed(fns["quantulum3"], q_docs)
        s_wall, s_cpu = _timed(fns["aitrack"], q_docs)  # aitrack on quantulum3's very documents
        a_wall, a_cpu = _timed(fns["aitrack"], a_docs)
        m_wall, m_cpu = _timed(amounts, m_docs)  # aitrack doing quantulum3's job only
        out["rounds"].append({
            "aitrack_docs_s_wall": n_aitrack / a_wall, "aitrack_docs_s_cpu": n_aitrack / a_cpu,
            "quantulum3_docs_s_wall": len(q_docs) / q_wall, "quantulum3_docs_s_cpu": len(q_docs) / q_cpu,
            "aitrack_same_docs_s_wall": len(q_docs) / s_wall, "aitrack_same_docs_s_cpu": len(q_docs) / s_cpu,
            "amounts_only_docs_s_wall": n_aitrack / m_wall, "amounts_only_docs_s_cpu": n_aitrack / m_cpu,
        })
    out["mean_doc_bytes"] = sum(len(d.text.encode("utf-8")) for d in timed_docs) / len(timed_docs)
    out["ru_share"] = sum(d.language == "ru" for d in timed_docs) / len(timed_docs)
    return out


def _jsonl(docs: list[corpus.Doc]) -> bytes:
    return "".join(json.dumps({"id": d.doc_id, "text": d.text, "language": d.language,
                               "published": d.published.isoformat() if d.published else None},
                              ensure_ascii=False) + "\n" for d in docs).encode("utf-8")


def _aitrack_command() -> list[str]:
    script = Path(sys.executable).parent / "aitrack"
    return [str(script)] if script.exists() else [sys.executable, "-m", "etl.cli"]


def _run_child(args: list[str], stdin: bytes = b"") -> tuple[float, float]:
    """Wall seconds of a child process and the CPU seconds it (and its children) used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    proc = subprocess.run(args, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - w0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paths(n: int, seed: int) -> dict:
    """The same kind of documents through the four ways people run aitrack, each on documents
    of its own (distinct corpus, so no path reads text another one cached): extract_text in
    this process; the CLI's per-document work in this process (extract, check, contract, JSON);
    `aitrack extract --jsonl -` end to end (a new process: start-up, reading, writing); and
    `aitrack build` end to end on the same number of files (ingest, extraction, load, checks,
    registry)."""
    import tempfile

    from etl import cli
    from etl.fx import RateBook
    from etl import paths as etl_paths

    docs = corpus.generate_distinct(40 + 4 * n, seed=seed)
    warm, rest = docs[:40], docs[40:]
    a_docs, b_docs, c_docs, d_docs = (rest[i * n:(i + 1) * n] for i in range(4))
    fn = _aitrack()
    _warm(fn, warm)
    a_wall, a_cpu = _timed(fn, a_docs)
    book = RateBook.load(etl_paths.REFERENCE_DIR)

    def cli_path(d):
        return json.dumps(cli._extract_one(d.text, d.doc_id, d.published, d.language, book), ensure_ascii=False)

    _warm(cli_path, warm)
    b_wall, b_cpu = _timed(cli_path, b_docs)
    cmd = _aitrack_command()
    start_wall, start_cpu = _run_child([*cmd, "extract", "--jsonl", "-"], b"")
    c_wall, c_cpu = _run_child([*cmd, "extract", "--jsonl", "-"], _jsonl(c_docs))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "announcements"
        corpus.write_files(d_docs, folder)
        d_wall, d_cpu = _run_child([*cmd, "build", "--quiet", "--db", str(Path(tmp) / "b.duckdb"), str(folder)])
    return {"docs": n, "mean_doc_bytes": sum(len(d.text.encode()) for d in rest) / len(rest),
            "extract_text": {"wall_s": a_wall, "cpu_s": a_cpu},
            "cli_work_in_process": {"wall_s": b_wall, "cpu_s": b_cpu},
            "cli_startup": {"wall_s": start_wall, "cpu_s": start_cpu},
            "cli_extract_jsonl": {"wall_s": c_wall, "cpu_s": c_cpu},
            "cli_build": {"wall_s": d_wall, "cpu_s": d_cpu}}


def memory(lib: str, n: int, seed: int) -> dict:
    docs = _pool("distinct", n + 40, seed)
    fn = LIBS[lib]()
    _warm(fn, docs[:40])
    docs = docs[40:]
    gc.collect()
    rss_ready = _maxrss_mib()
    wall, cpu = _timed(fn, docs)
    rss_after = _maxrss_mib()
    # tracemalloc makes Python allocation slow, so it runs on its own pass: the
    # largest peak any single document needed above what was already held.
    tracemalloc.start()
    worst = 0
    for d in docs[: min(n, 100)]:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        fn(d)
        worst = max(worst, tracemalloc.get_traced_memory()[1] - base)
    tracemalloc.stop()
    return {"lib": lib, "docs": n, "rss_ready_mib": rss_ready, "rss_peak_mib": rss_after,
            "rss_growth_mib": rss_after - rss_ready, "tracemalloc_peak_per_doc_kib": worst / 1024,
            "docs_s_wall": n / wall, "docs_s_cpu": n / cpu}


def big(size: int, reps: int, seed: int) -> dict:
    from etl.extract import extract_text

    text = corpus.big_document(corpus.generate_distinct(size // 1000 + 50, seed=seed), size)
    extract_text(text[:2000])
    gc.collect()
    rss_ready = _maxrss_mib()
    walls, cpus, amounts = [], [], 0
    for _ in range(reps):
        gc.collect()
        w0, c0 = time.perf_counter(), time.process_time()
        ex = extract_text(text)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
        amounts = len(ex.facts.amounts)
    return {"chars": len(text), "bytes": len(text.encode("utf-8")), "wall_s": walls, "cpu_s": cpus,
            "amounts": amounts, "rss_ready_mib": rss_ready, "rss_peak_mib": _maxrss_mib()}


def profile(n: int, seed: int) -> dict:
    import cProfile
    import pstats

    docs = _pool("distinct", n + 40, seed)
    fn = _aitrack()
    _warm(fn, docs[:40])
    docs = docs[40:]
    prof = cProfile.Profile()
    prof.enable()
    for d in docs:
        fn(d)
    prof.disable()
    stats = pstats.Stats(prof).stats  # (file, line, func) -> (cc, nc, tottime, cumtime, callers)
    total = sum(v[2] for v in stats.values())
    by_module: dict[str, float] = {}
    funcs = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.items():
        mod = file.split("/etl/", 1)[1] if "/etl/" in file else ("(regex engine and builtins)" if file == "~" else
                                                                   "(other Python)")
        by_module[mod] = by_module.get(mod, 0.0) + tt
        if "/etl/" in file:
            funcs.append({"function": f"{mod}:{line} {func}", "calls": nc, "tottime_s": tt, "cumtime_s": ct})
    funcs.sort(key=lambda f: -f["cumtime_s"])
    return {"docs": n, "total_s": total,
            "by_module": dict(sorted(by_module.items(), key=lambda kv: -kv[1])),
            "top_functions": funcs[:12]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=("throughput", "memory", "big", "profile", "paths"))
    ap.add_argument("--corpus", choices=("distinct", "templated"), default="distinct")
    ap.add_argument("--lib", choices=tuple(LIBS), default="aitrack")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--nq", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20261123)
    a = ap.parse_args()
    if a.mode == "throughput":
        res = throughput(a.n, a.nq, a.rounds, a.seed, a.corpus)
    elif a.mode == "memory":
        res = memory(a.lib, a.n, a.seed)
    elif a.mode == "profile":
        res = profile(a.n, a.seed)
    elif a.mode == "paths":
        res = paths(a.n, a.seed)
    else:
        res = big(a.size, a.reps, a.seed)
    json.dump(res, sys.stdout)


if __name__ == "__main__":
    main()
