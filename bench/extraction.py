"""Extraction throughput and memory: aitrack's `extract_text` against quantulum3.

Run as a subprocess by bench/run.py (one JSON object on stdout), never imported
by it, so that each measurement gets a fresh interpreter: peak RSS
(VmHWM) then belongs to one library and one job only, and thread pools are
held to one thread by the environment run.py sets (ONE core).

Modes:
  throughput  both libraries in one process, in alternating rounds on the same
              documents: the machine is shared, so rounds interleave and every
              round yields its own ratio; run.py reports medians. Each round also
              times aitrack's money stage alone (amounts, rates, conversions,
              percentages): the part of its work that quantulum3 also does.
  memory      one library, after import and warm-up: RSS before and after the
              documents, and the tracemalloc peak of the worst single document.
  big         aitrack on one ~1 MB document: seconds per repetition and memory.
  profile     aitrack under cProfile: where its time goes, by extractor module and
              by function (to say what to make faster, not as a speed number).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
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


def throughput(n_aitrack: int, n_quantulum: int, rounds: int, seed: int) -> dict:
    docs = corpus.generate(max(n_aitrack, n_quantulum), seed=seed)
    out: dict = {"docs_aitrack": n_aitrack, "docs_quantulum3": n_quantulum, "rounds": []}
    fns = {}
    for name, make in LIBS.items():
        t0 = time.perf_counter()
        fns[name] = make()
        _warm(fns[name], docs)  # first calls: lazy loading, regex compilation, quantulum3's classifier
        out[f"{name}_startup_s"] = time.perf_counter() - t0
    amounts = _aitrack_amounts()
    _warm(amounts, docs)
    for r in range(rounds):
        # Each round takes a different slice of the corpus for quantulum3 (it is slow),
        # and the same documents for aitrack's first n_quantulum so a per-document
        # comparison on identical texts is also available.
        q_docs = docs[(r * n_quantulum) % len(docs):][:n_quantulum] or docs[:n_quantulum]
        a_wall, a_cpu = _timed(fns["aitrack"], docs[:n_aitrack])
        q_wall, q_cpu = _timed(fns["quantulum3"], q_docs)
        s_wall, s_cpu = _timed(fns["aitrack"], q_docs)  # aitrack on quantulum3's very documents
        m_wall, m_cpu = _timed(amounts, docs[:n_aitrack])  # aitrack doing quantulum3's job only
        out["rounds"].append({
            "aitrack_docs_s_wall": n_aitrack / a_wall, "aitrack_docs_s_cpu": n_aitrack / a_cpu,
            "quantulum3_docs_s_wall": len(q_docs) / q_wall, "quantulum3_docs_s_cpu": len(q_docs) / q_cpu,
            "aitrack_same_docs_s_wall": len(q_docs) / s_wall, "aitrack_same_docs_s_cpu": len(q_docs) / s_cpu,
            "amounts_only_docs_s_wall": n_aitrack / m_wall, "amounts_only_docs_s_cpu": n_aitrack / m_cpu,
        })
    out["mean_doc_bytes"] = sum(len(d.text.encode("utf-8")) for d in docs[:n_aitrack]) / n_aitrack
    out["ru_share"] = sum(d.language == "ru" for d in docs[:n_aitrack]) / n_aitrack
    return out


def memory(lib: str, n: int, seed: int) -> dict:
    docs = corpus.generate(n, seed=seed)
    fn = LIBS[lib]()
    _warm(fn, docs)
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

    text = corpus.big_document(corpus.generate(size // 1000 + 50, seed=seed), size)
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

    docs = corpus.generate(n, seed=seed)
    fn = _aitrack()
    _warm(fn, docs)
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
    ap.add_argument("mode", choices=("throughput", "memory", "big", "profile"))
    ap.add_argument("--lib", choices=tuple(LIBS), default="aitrack")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--nq", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20261123)
    a = ap.parse_args()
    if a.mode == "throughput":
        res = throughput(a.n, a.nq, a.rounds, a.seed)
    elif a.mode == "memory":
        res = memory(a.lib, a.n, a.seed)
    elif a.mode == "profile":
        res = profile(a.n, a.seed)
    else:
        res = big(a.size, a.reps, a.seed)
    json.dump(res, sys.stdout)


if __name__ == "__main__":
    main()
