"""`aitrack build --memory-limit SIZE` bounds what DuckDB holds while the database is written and
linked (rows stream into it as they are taken, so DuckDB is where a big build's rows are): past the
limit DuckDB spills to `.<db>.<pid>.tmp.spill/` beside the database. The database is the same as
without a limit, nothing of the spill folder is left, and a size DuckDB does not read is one line
and a non-zero exit that leaves the previous database as it was."""

from __future__ import annotations

import subprocess

from etl.build import build

from .conftest import aitrack_cmd, cli_env, make_corpus, run_cli, snapshot


def test_a_tight_limit_spills_and_gives_the_same_database(tmp_path):
    src = tmp_path / "in"
    make_corpus(src, 30)
    build([src], tmp_path / "free" / "a.duckdb", progress=False)
    # far below what DuckDB would take unbounded (80% of RAM); near the least a build works in
    build([src], tmp_path / "tight" / "a.duckdb", progress=False, memory_limit="256MB")
    assert snapshot(tmp_path / "tight" / "a.duckdb") == snapshot(tmp_path / "free" / "a.duckdb")
    assert sorted(p.name for p in (tmp_path / "tight").iterdir()) == ["a.duckdb"]


def test_the_environment_sets_it_and_a_bad_size_is_one_clear_line(tmp_path):
    src = tmp_path / "in"
    make_corpus(src, 5)
    db = tmp_path / "out" / "aitrack.duckdb"
    assert run_cli("build", src, "--db", db, "--quiet", "--no-cache").returncode == 0
    before = db.read_bytes()
    r = run_cli("build", src, "--db", db, "--quiet", "--no-cache", "--memory-limit", "lots")
    assert r.returncode != 0
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "memory limit 'lots'" in lines[0] and "untouched" in lines[0], r.stderr
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["aitrack.duckdb"]
    env_built = subprocess.run([*aitrack_cmd(), "build", str(src), "--db", str(db), "--quiet", "--no-cache"],
                               capture_output=True, text=True, timeout=120,
                               env={**cli_env(), "AITRACK_MEMORY_LIMIT": "lots"})
    assert env_built.returncode != 0 and "memory limit 'lots'" in env_built.stderr
