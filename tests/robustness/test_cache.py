"""The extraction cache (etl/cache.py): a rebuild takes unchanged documents from it and gives
the same database as a full build; whatever an outcome depends on (the document's text and
metadata, the extractor version, the reference rates) is in its key; a damaged cache is
re-extracted, never a crash, never read back wrong."""

from __future__ import annotations

import os
import pickle
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from etl import cache, models, paths, registry
from etl.build import build

from .conftest import connect_ro, make_corpus, run_cli, snapshot, write_txt


def full_snapshot(db_path):
    """Every table's rows, ids included; of build_info and release_history all but the build time."""
    snap = snapshot(db_path)
    con = connect_ro(db_path)
    try:
        snap["build_info"] = con.execute("SELECT key, value FROM build_info WHERE key <> 'built_at' "
                                         "ORDER BY key").fetchall()
        snap["release_history"] = con.execute("SELECT * EXCLUDE (built_at) FROM release_history ORDER BY seq").fetchall()
    finally:
        con.close()
    return snap


def assert_same_database(a, b):
    """`a` and `b` are databases of the same file name (the release note names it), each its first release."""
    sa, sb = full_snapshot(a), full_snapshot(b)
    assert set(sa) == set(sb) and len(sa) >= 16
    for table in sa:
        assert sa[table] == sb[table], f"{table} differs between the cached and the full build"


@pytest.fixture
def sources(tmp_path):
    """The bundled corpus (targets, conversions, checks across documents) and generated announcements
    in every format, with one duplicate whose metadata differs."""
    src = tmp_path / "in"
    shutil.copytree(paths.ANNOUNCEMENTS_DIR, src / "corpus")
    make_corpus(src / "generated", 12)
    write_txt(src, "dup/copy.txt", i=3, title="Copy")
    return src


def test_a_build_from_the_cache_is_identical_to_a_full_build(sources, tmp_path):
    store = tmp_path / "cache"
    first = build([sources], tmp_path / "first.duckdb", progress=False, cache=store)
    assert first.cached == 0 and first.extracted == first.inputs - first.rejected > 40
    # the second build takes everything from the cache, through the parallel path's pass-through too
    cached = build([sources], tmp_path / "cached" / "a.duckdb", progress=False, cache=store, jobs=2)
    assert (cached.cached, cached.extracted, cached.cache_unreadable) == (first.extracted, 0, 0)
    assert "from the cache, 0 extracted" in cached.line()
    full = build([sources], tmp_path / "full" / "a.duckdb", progress=False)
    assert full.cache_dir is None and full.cached == 0 and "no cache" in full.line()
    assert_same_database(tmp_path / "cached" / "a.duckdb", tmp_path / "full" / "a.duckdb")
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["a.duckdb"]  # no cache folder


def _workers_left(timeout: float = 20.0) -> list:
    """Extraction workers (children of this process's children: the forkserver's) still alive
    after `timeout` seconds."""
    import time

    import psutil

    deadline = time.monotonic() + timeout
    while True:
        left = [g for c in psutil.Process().children() for g in c.children(recursive=True) if g.is_running()]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def test_hits_and_misses_in_the_worker_pool_give_the_full_build_and_leave_no_workers(sources, tmp_path):
    """Cached batches bypass the workers, misses go to them (started in a thread as the build began),
    in input order; a build that needed no worker stops the pool it started."""
    store = tmp_path / "cache"
    build([sources / "corpus"], tmp_path / "half.duckdb", progress=False, cache=store, jobs=2)
    mixed = build([sources], tmp_path / "mixed" / "a.duckdb", progress=False, cache=store, jobs=2)
    assert mixed.cached > 20 and mixed.extracted > 10 and mixed.jobs == 2
    full = build([sources], tmp_path / "full" / "a.duckdb", progress=False, jobs=1)
    assert_same_database(tmp_path / "mixed" / "a.duckdb", tmp_path / "full" / "a.duckdb")
    hits = build([sources], tmp_path / "hits" / "a.duckdb", progress=False, cache=store, jobs=2)
    assert (hits.cached, hits.extracted) == (full.loaded + full.duplicates, 0)
    assert _workers_left() == []


def test_editing_one_file_re_extracts_exactly_that_document(tmp_path):
    src = tmp_path / "in"
    make_corpus(src, 8)
    store = tmp_path / "cache"
    build([src], tmp_path / "a.duckdb", progress=False, cache=store)
    edited = src / "doc-00004.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("will invest 6 billion", "will invest 7 billion"),
                      encoding="utf-8")
    s = build([src], tmp_path / "a.duckdb", progress=False, cache=store)
    assert (s.cached, s.extracted) == (7, 1)
    # metadata extraction reads is in the key too: a new published date is a new outcome
    moved = src / "doc-00000.txt"
    moved.write_text(moved.read_text(encoding="utf-8").replace("Published: 2025-03-04", "Published: 2025-06-30"),
                     encoding="utf-8")
    s = build([src], tmp_path / "a.duckdb", progress=False, cache=store)
    assert (s.cached, s.extracted) == (7, 1)
    build([src], tmp_path / "full.duckdb", progress=False)
    # the in-place database has a release history of three builds; its tables match the full build's
    assert snapshot(tmp_path / "a.duckdb", exclude=("build_info", "release_history", "release_changes")) == \
        snapshot(tmp_path / "full.duckdb", exclude=("build_info", "release_history", "release_changes"))


def test_a_new_extractor_version_or_reference_rate_re_extracts_everything(tmp_path, monkeypatch):
    src = tmp_path / "in"
    make_corpus(src, 6)
    store = tmp_path / "cache"
    assert build([src], tmp_path / "a.duckdb", progress=False, cache=store).extracted == 6
    assert build([src], tmp_path / "a.duckdb", progress=False, cache=store).cached == 6
    monkeypatch.setattr(models, "EXTRACTOR_VERSION", "aitrack-next")
    s = build([src], tmp_path / "a.duckdb", progress=False, cache=store)
    assert (s.cached, s.extracted) == (0, 6)
    monkeypatch.undo()
    ref = tmp_path / "reference"
    shutil.copytree(paths.REFERENCE_DIR, ref)
    assert build([src], tmp_path / "a.duckdb", progress=False, cache=store, reference_dir=ref).cached == 6
    with (ref / "pegs.csv").open("a", encoding="utf-8") as f:
        f.write('XCD,2.7,1976-07-07,,"Peg: Eastern Caribbean Central Bank, 2.70 XCD/USD"\n')
    s = build([src], tmp_path / "a.duckdb", progress=False, cache=store, reference_dir=ref)
    assert (s.cached, s.extracted) == (0, 6)
    rates = tmp_path / "rates.csv"
    rates.write_text("date,currency,per_usd,source\n2025-03-03,JPY,150.1,my desk\n", encoding="utf-8")
    s = build([src], tmp_path / "a.duckdb", progress=False, cache=store, reference_dir=ref, rates_csv=rates)
    assert (s.cached, s.extracted) == (0, 6)


def _shards(store):
    return sorted(store.glob(f"{cache.LAYOUT}/*/shard-*.parquet"))


def cached_corpus(tmp_path, n: int):
    """`n` announcements built once into full/a.duckdb with a cache: (sources, cache folder, its one shard)."""
    src, store = tmp_path / "in", tmp_path / "cache"
    make_corpus(src, n)
    build([src], tmp_path / "full" / "a.duckdb", progress=False, cache=store)
    [shard] = _shards(store)
    return src, store, shard


def test_a_corrupt_shard_is_re_extracted_and_set_aside(tmp_path):
    src, store, shard = cached_corpus(tmp_path, 6)
    shard.write_bytes(shard.read_bytes()[: len(shard.read_bytes()) // 2])  # a torn file
    s = build([src], tmp_path / "a.duckdb", progress=False, cache=store)
    assert (s.cached, s.extracted, s.cache_unreadable) == (0, 6, 1)
    assert "1 unreadable cache entries re-extracted" in s.line()
    assert shard.with_suffix(".corrupt").exists() and not shard.exists()
    assert_same_database(tmp_path / "a.duckdb", tmp_path / "full" / "a.duckdb")
    again = build([src], tmp_path / "a.duckdb", progress=False, cache=store)  # the re-extracted outcomes were kept
    assert (again.cached, again.cache_unreadable) == (6, 0)


class _Planted:
    """A pickle that makes a folder when it is loaded by a plain unpickler."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (os.mkdir, (self.path,))


def test_a_bad_entry_is_re_extracted_and_never_runs_code(tmp_path):
    src, store, shard = cached_corpus(tmp_path, 4)
    planted = tmp_path / "planted"
    pickle.loads(pickle.dumps(_Planted(planted)))
    assert planted.is_dir()  # what the cache must refuse to do
    planted.rmdir()
    t = pq.read_table(shard)
    keys, blobs = t.column("key").to_pylist(), t.column("outcome").to_pylist()
    blobs[0] = b"not a pickle"
    blobs[1] = pickle.dumps(("ok", _Planted(planted), {}, []))
    pq.write_table(pa.table({"key": keys, "outcome": blobs}), shard)
    s = build([src], tmp_path / "a.duckdb", progress=False, cache=store)
    assert (s.cached, s.extracted, s.cache_unreadable) == (2, 2, 2)
    assert not planted.exists()


def test_a_killed_builds_temporary_shard_is_never_read(tmp_path):
    src, store, shard = cached_corpus(tmp_path, 4)
    dead = shard.parent / f".999999999.{shard.name}.tmp"  # no such pid: a build killed mid-write
    shutil.move(shard, dead)
    s = build([src], tmp_path / "a.duckdb", progress=False, cache=store)
    assert (s.cached, s.extracted, s.cache_unreadable) == (0, 4, 0)
    assert not dead.exists() and len(_shards(store)) == 1


def test_failures_are_not_cached(tmp_path, monkeypatch):
    import etl.build as b

    src = tmp_path / "in"
    make_corpus(src, 4)
    real = b.extract_text

    def flaky(text, **kw):
        if "reference 00002" in text:
            raise RuntimeError("transient")
        return real(text, **kw)

    monkeypatch.setattr(b, "extract_text", flaky)
    store = tmp_path / "cache"
    s = build([src], tmp_path / "a.duckdb", progress=False, cache=store, jobs=1)
    assert s.rejected == 1 and s.extracted == 4
    monkeypatch.setattr(b, "extract_text", real)
    s = build([src], tmp_path / "a.duckdb", progress=False, cache=store, jobs=1)
    assert (s.cached, s.extracted, s.rejected) == (3, 1, 0)


def test_the_cli_caches_beside_the_database_unless_told_otherwise(tmp_path):
    src = tmp_path / "in"
    make_corpus(src, 4)
    db_path = tmp_path / "a.duckdb"
    r = run_cli("build", src, "--db", db_path, "--quiet")
    assert r.returncode == 0, r.stderr
    assert "0 from the cache, 4 extracted" in r.stdout and _shards(tmp_path / "a.duckdb.cache")
    r = run_cli("build", src, "--db", db_path, "--quiet")
    assert "4 from the cache, 0 extracted" in r.stdout
    r = run_cli("build", src, "--db", tmp_path / "b.duckdb", "--quiet", "--no-cache")
    assert r.returncode == 0 and "4 extracted, no cache" in r.stdout
    assert not (tmp_path / "b.duckdb.cache").exists()
    r = run_cli("build", src, "--db", tmp_path / "b.duckdb", "--quiet", "--cache", tmp_path / "a.duckdb.cache")
    assert "4 from the cache, 0 extracted" in r.stdout


def test_a_cache_that_cannot_be_written_is_said_and_the_build_goes_on(tmp_path):
    src = tmp_path / "in"
    make_corpus(src, 4)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    s = build([src], tmp_path / "a.duckdb", progress=False, cache=blocked)
    assert (s.loaded, s.cached, s.extracted) == (4, 0, 4)
    assert "not kept in the cache: " in s.line() and str(blocked) in s.line()


# ---- the registry's scored pairs (etl/registry.py PairStore) ------------------------------

RETOLD = [  # (country, figure, what): each told by three outlets in their own words, days apart
    ("Canada", "C$2.4 billion", "AI compute for universities"),
    ("Japan", "¥1 trillion", "a sovereign AI fund"),
    ("Germany", "€5 billion", "new data centres for AI"),
    ("India", "₹10,000 crore", "a national AI mission"),
]
WORDINGS = [
    "{country} will put {figure} into {what} by 2029, the prime minister said on Monday. "
    "The finance ministry will pay the first part next year.",
    "The prime minister said on Monday that {country} would put {figure} into {what} by 2029, "
    "with the finance ministry paying the first part next year.",
    "{country} pledges {figure} for {what} by 2029: the prime minister announced the plan, and the "
    "finance ministry will pay the first part next year.",
]


def write_retellings(folder, outlets=(0, 1, 2)):
    """Each commitment of RETOLD as told by `outlets` (indices into WORDINGS), one file each."""
    for k, (country, figure, what) in enumerate(RETOLD):
        for j in outlets:
            write_txt(folder, f"retold-{k}-{j}.txt", WORDINGS[j].format(country=country, figure=figure, what=what),
                      title=f"{country}: AI money", publisher=f"Outlet {j}", published=f"2025-05-0{j + 1}")


def same_tables(a, b):
    skip = ("build_info", "release_history", "release_changes")  # when each was built, and what it replaced
    sa, sb = snapshot(a, exclude=skip), snapshot(b, exclude=skip)
    assert set(sa) == set(sb) and {"registry", "registry_links", "registry_status", "checks"} <= set(sa)
    for table in sa:
        assert sa[table] == sb[table], f"{table} differs between the incremental and the full build"
    return sa


def test_adding_documents_scores_only_their_pairs_and_links_as_a_full_build(tmp_path):
    base, later, store = tmp_path / "base", tmp_path / "later", tmp_path / "cache"
    shutil.copytree(paths.ANNOUNCEMENTS_DIR, base / "corpus")
    make_corpus(base / "generated", 12)
    write_retellings(base, outlets=(0, 1))
    write_retellings(later, outlets=(2,))  # a third outlet joins each entry
    make_corpus(later / "generated", 6, start=100)
    inc = tmp_path / "inc" / "a.duckdb"
    first = build([base], inc, progress=False, cache=store).registry
    assert first.known == 0 and first.pairs_scored == first.pairs > 0
    added = build([base, later], inc, progress=False, cache=store).registry
    # every candidate of the first build is known; only pairs with a new side were scored
    assert added.known == first.candidates < added.candidates
    assert added.pairs_scored == added.pairs - first.pairs > 0
    build([base, later], tmp_path / "full" / "a.duckdb", progress=False)
    same_tables(inc, tmp_path / "full" / "a.duckdb")
    con = connect_ro(inc)
    try:
        n_sources = con.execute("SELECT max(n_sources) FROM registry").fetchall()[0][0]
    finally:
        con.close()
    assert n_sources == len(WORDINGS)  # the third outlet's telling joined its entry

    # an edited document (a new figure: a new text, so new records) and a deleted one
    edited = later / "retold-0-2.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("C$2.4 billion", "C$3.1 billion"), encoding="utf-8")
    (base / "retold-1-0.txt").unlink()
    (base / "generated" / "doc-00005.md").unlink()
    again = build([base, later], inc, progress=False, cache=store).registry
    assert 0 < again.known < again.candidates and again.pairs_scored < again.pairs
    build([base, later], tmp_path / "full2" / "a.duckdb", progress=False)
    same_tables(inc, tmp_path / "full2" / "a.duckdb")

    # nothing new: no pair is scored, the tables are the same again
    unchanged = build([base, later], inc, progress=False, cache=store).registry
    assert (unchanged.known, unchanged.pairs_scored) == (unchanged.candidates, 0)
    same_tables(inc, tmp_path / "full2" / "a.duckdb")


def test_a_damaged_or_foreign_pair_store_is_scored_again(tmp_path):
    src, store = tmp_path / "in", tmp_path / "cache"
    write_retellings(src)
    make_corpus(src / "generated", 4)
    first = build([src], tmp_path / "a.duckdb", progress=False, cache=store).registry
    [folder] = (store / "registry").iterdir()
    (folder / "current").write_text("0123abcd", encoding="utf-8")  # names files that are not there
    s = build([src], tmp_path / "a.duckdb", progress=False, cache=store).registry
    assert (s.known, s.pairs_scored) == (0, first.pairs)
    [pairs] = folder.glob("pairs-*.parquet")
    pairs.write_bytes(b"not parquet")  # a torn file
    s = build([src], tmp_path / "a.duckdb", progress=False, cache=store).registry
    assert (s.known, s.pairs_scored) == (0, first.pairs)
    build([src], tmp_path / "full.duckdb", progress=False)
    same_tables(tmp_path / "a.duckdb", tmp_path / "full.duckdb")
    # another model is another fingerprint: the pairs of this one are never read for it
    assert registry.pairs_fingerprint() == folder.name
    model = tmp_path / "model.json"
    model.write_text(registry.MODEL_PATH.read_text(encoding="utf-8").replace('"probability_two_random_records_match": 0.05',
                                                                             '"probability_two_random_records_match": 0.04'),
                     encoding="utf-8")
    assert registry.pairs_fingerprint(model) != folder.name
