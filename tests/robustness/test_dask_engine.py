"""`build(engine="dask")` / `aitrack build --engine dask`: extraction as Dask tasks on a real
LocalCluster of worker processes, read back from their Parquet shards, gives the database a
local build gives, row for row (ids included), with the same rejects, duplicates and
origins; a scheduler that cannot be reached is one clear error and no database replaced."""

from __future__ import annotations

import json
import logging
import shutil
import socket
import subprocess
import sys

import dask
import duckdb
import pytest
from distributed import LocalCluster

from etl import paths
from etl.build import build
from etl.errors import BuildError

from .conftest import json_doc, make_corpus, run_cli, snapshot, write_jsonl, write_txt

pytestmark = pytest.mark.slow  # a cluster of worker processes takes some seconds to start


@pytest.fixture(scope="module")
def cluster():
    c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                     silence_logs=logging.ERROR)
    try:
        yield c
    finally:
        c.close()


@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory):
    src = tmp_path_factory.mktemp("dask") / "in"
    shutil.copytree(paths.ANNOUNCEMENTS_DIR, src / "corpus")
    make_corpus(src / "generated", 60)
    write_txt(src, "dup/copy.txt", i=3, title="Copy")  # a duplicate of a generated one, other metadata
    (src / "bad").mkdir()
    (src / "bad" / "empty.txt").write_text("", encoding="utf-8")  # an ingest reject
    (src / "bad" / "binary.txt").write_bytes(b"\x00\x01\x02" * 40)  # another
    (src / "bad" / "header-only.txt").write_text("Title: Nothing below\n\n", encoding="utf-8")
    write_jsonl(src / "bad", "feed.jsonl", [json_doc(900), "{not json", json_doc(901)])  # a broken line
    return src


def _build_info(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {k: v for k, v in con.execute("SELECT key, value FROM build_info").fetchall() if k != "built_at"}
    finally:
        con.close()


def test_a_dask_build_gives_the_database_a_local_build_gives(cluster, mixed_inputs, tmp_path):
    # one file name in two folders: build_info's release note names the file it replaced
    local, dist, shards = tmp_path / "local" / "a.duckdb", tmp_path / "dask" / "a.duckdb", tmp_path / "shards"
    s1 = build([mixed_inputs], local, progress=False, jobs=1)
    seen: list[int] = []
    s2 = build([mixed_inputs], dist, progress=False, engine="dask", scheduler=cluster.scheduler_address,
               shard_dir=shards, on_document=seen.append)
    assert s2.jobs == 2  # the cluster's workers
    assert (s1.files, s1.inputs, s1.loaded, s1.duplicates, s1.rejected) == \
        (s2.files, s2.inputs, s2.loaded, s2.duplicates, s2.rejected)
    assert s1.duplicates >= 1 and s1.rejected >= 4 and s1.loaded > 90
    assert seen == sorted(seen) and seen[-1] == s2.files  # progress in file order, to the last file
    a, b = snapshot(local), snapshot(dist)
    assert set(a) == set(b)
    for table in a:
        assert a[table] == b[table], f"{table} differs between a local and a Dask build"
    assert a["registry"] and a["rejects"] and a["origins"] and a["checks"]
    # build_info names the same sources, file hashes (in the same order) and release
    assert _build_info(local) == _build_info(dist)
    assert json.loads(_build_info(dist)["source_files"])[0]["sha256"]
    assert list(shards.iterdir()) == []  # the shards are removed once loaded


def test_a_dask_build_reads_the_cache_and_sends_only_the_misses(cluster, mixed_inputs, tmp_path):
    store, shards = tmp_path / "cache", tmp_path / "shards"
    local = tmp_path / "local" / "a.duckdb"
    s0 = build([mixed_inputs], local, progress=False, jobs=1)
    first = build([mixed_inputs], tmp_path / "first" / "a.duckdb", progress=False, engine="dask",
                  scheduler=cluster.scheduler_address, shard_dir=shards, cache=store)
    assert first.cached == 0 and first.extracted > 90 and first.loaded == s0.loaded
    # the second build of the same inputs finds every document in the cache: nothing goes to a worker
    again = build([mixed_inputs], tmp_path / "again" / "a.duckdb", progress=False, engine="dask",
                  scheduler=cluster.scheduler_address, shard_dir=shards, cache=store)
    assert (again.extracted, again.cached) == (0, first.extracted) and again.jobs == 0
    # one new and one edited document: those two go to the workers, the rest comes from the cache
    src = tmp_path / "in"
    shutil.copytree(mixed_inputs, src)
    write_txt(src, "late/new.txt", i=777, title="A late one")
    edited = src / "generated" / "doc-00004.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("will invest 6 billion", "will invest 7 billion"),
                      encoding="utf-8")
    mixed = build([src], tmp_path / "mixed" / "a.duckdb", progress=False, engine="dask",
                  scheduler=cluster.scheduler_address, shard_dir=shards, cache=store)
    assert (mixed.extracted, mixed.cached) == (2, first.extracted - 1) and mixed.jobs == 2
    build([src], tmp_path / "mixed-local" / "a.duckdb", progress=False, jobs=1)
    for one, other in ((local, tmp_path / "again" / "a.duckdb"),
                       (tmp_path / "mixed-local" / "a.duckdb", tmp_path / "mixed" / "a.duckdb")):
        a, b = snapshot(one), snapshot(other)
        assert set(a) == set(b)
        for table in a:
            assert a[table] == b[table], f"{table} differs between a local and a cached Dask build"
        assert _build_info(one) == _build_info(other)
    assert list(shards.iterdir()) == []


def test_strict_stops_a_dask_build_on_the_first_reject_as_a_local_one(cluster, mixed_inputs, tmp_path):
    errors = []
    for engine in ("local", "dask"):
        with pytest.raises(BuildError) as e:
            build([mixed_inputs], tmp_path / f"{engine}.duckdb", progress=False, strict=True, engine=engine,
                  scheduler=cluster.scheduler_address if engine == "dask" else None)
        errors.append(str(e.value))
    assert errors[0] == errors[1] and "--strict" in errors[0]
    assert not list(tmp_path.glob("*.duckdb")) and not list(tmp_path.glob("aitrack-shards-*"))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # free once closed: nothing listens there


def test_an_unreachable_scheduler_is_one_clear_error_and_the_database_stays(corpus, tmp_path, monkeypatch):
    db = tmp_path / "aitrack.duckdb"
    build([corpus], db, progress=False)
    before = db.read_bytes()
    address = f"tcp://127.0.0.1:{_closed_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        with pytest.raises(BuildError, match=f"cannot reach the Dask scheduler at {address}"):
            build([corpus], db, progress=False, engine="dask", scheduler=address)
    assert db.read_bytes() == before
    monkeypatch.setenv("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", "2s")  # dask's own setting, as documented
    proc = run_cli("build", corpus, "--db", db, "--engine", "dask", "--scheduler", address, "--quiet")
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and f"cannot reach the Dask scheduler at {address}" in lines[0], proc.stderr
    assert "untouched" in lines[0]
    assert db.read_bytes() == before and not list(tmp_path.glob(".*.tmp*"))


def test_the_cli_builds_on_a_local_cluster_by_default(corpus, tmp_path):
    local, dist = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    build([corpus], local, progress=False)
    # a cluster of its own to start: on a loaded machine that alone can take a minute
    proc = run_cli("build", corpus, "--db", dist, "--engine", "dask", "--workers", "2", "--quiet", timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"built {dist}")
    assert snapshot(local) == snapshot(dist)


@pytest.mark.parametrize("args, said", [
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
    (["--workers", "2"], "--workers needs --engine dask"),
    (["--engine", "dask", "--jobs", "2"], "--jobs is for --engine local"),
    (["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "--workers starts a local"),
])
def test_options_of_the_other_engine_are_refused(args, said, tmp_path):
    proc = run_cli("build", "--db", tmp_path / "x.duckdb", *args)
    assert proc.returncode != 0 and said in proc.stderr
    assert not (tmp_path / "x.duckdb").exists()


def test_the_cli_and_a_local_build_never_import_dask(corpus, tmp_path):
    code = ("import sys\n"
            "from etl import cli\n"
            "from etl.build import build\n"
            f"build([{str(corpus)!r}], {str(tmp_path / 'x.duckdb')!r}, progress=False, jobs=1)\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed'))\n"
            "assert not loaded, loaded\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
