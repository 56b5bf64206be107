"""Faults: a build killed at any moment, a full disk, or a directory it may not
write leave the previous database intact and readable, say so in one line, and
the next build succeeds without stale temporary files piling up.

Kills are real SIGKILLs of a real `aitrack build` process at seeded random
moments; the full disk is RLIMIT_FSIZE (writes past the limit fail with EFBIG);
the permission error is a read-only directory, with root's override dropped
from the child's capabilities when the tests run as root.
"""

from __future__ import annotations

import ctypes
import os
import random
import resource
import signal
import subprocess
import time
from pathlib import Path

import pytest

from etl import db

from .conftest import aitrack_cmd, cli_env, connect_ro, make_corpus, row_counts, run_cli, snapshot, write_txt

SEED = 20251123
KILLS = 22


# What a build says about itself and about the file it replaced, not what it read.
BUILD_TABLES = ("build_info", "release_history", "release_changes")


def _content_counts(db_path: Path) -> dict[str, int]:
    return {t: n for t, n in row_counts(db_path).items() if t not in BUILD_TABLES}


def _digest(db_path: Path) -> str:
    """Content without build_info (which names the build time) and the release tables (which say
    what the file replaced: B built over A lists A's rows as removed, B built afresh lists
    nothing), after checking it opens and holds."""
    import hashlib

    snap = snapshot(db_path, exclude=BUILD_TABLES)
    con = connect_ro(db_path)
    try:
        assert {k for (k,) in con.execute("SELECT key FROM build_info").fetchall()} >= {"built_at", "source_files"}
        assert not any(db.run_checks(con).values())
    finally:
        con.close()
    return hashlib.sha256(repr(sorted(snap.items())).encode()).hexdigest()


def _temps(folder: Path) -> list[str]:
    # aitrack build keeps its extraction cache beside the database on purpose: not a temporary file
    return sorted(p.name for p in folder.iterdir() if p.name not in ("aitrack.duckdb", "aitrack.duckdb.cache"))


def _start_build(src: Path, db_path: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen([*aitrack_cmd(), "build", str(src), "--db", str(db_path), "--quiet"], env=cli_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _timed_build(src: Path, db_path: Path) -> tuple[float, float]:
    """Run one build to the end; return (seconds in all, seconds the temporary database existed)."""
    tmp_seen = tmp_gone = None
    t0 = time.monotonic()
    p = _start_build(src, db_path)
    while p.poll() is None:
        there = any(x.endswith(".tmp") for x in _temps(db_path.parent))
        if tmp_seen is None and there:
            tmp_seen = time.monotonic() - t0
        elif tmp_seen is not None and tmp_gone is None and not there:
            tmp_gone = time.monotonic() - t0
        time.sleep(0.002)
    out, err = p.communicate()
    assert p.returncode == 0, err
    total = time.monotonic() - t0
    tmp_seen = total * 0.7 if tmp_seen is None else tmp_seen
    return total, max(0.05, (tmp_gone or total) - tmp_seen)


@pytest.mark.slow
def test_sigkill_at_random_moments_never_harms_the_previous_database(tmp_path):
    # Two corpora: A is the previous database, B what the killed builds try to make.
    # After any kill the file is exactly A, or exactly B if the kill came after the swap.
    make_corpus(tmp_path / "a", 200)
    make_corpus(tmp_path / "b", 200)
    write_txt(tmp_path / "b", "extra.txt", i=999, title="Only in B")
    out = tmp_path / "out"
    out.mkdir()
    db_path = out / "aitrack.duckdb"
    run_b = tmp_path / "b.duckdb"
    assert run_cli("build", tmp_path / "b", "--db", run_b, "--quiet").returncode == 0
    digest_b = _digest(run_b)
    duration, writing_for = _timed_build(tmp_path / "a", db_path)
    digest_a = _digest(db_path)
    assert digest_a != digest_b
    counts = {digest_a: _content_counts(db_path), digest_b: _content_counts(run_b)}

    rng = random.Random(SEED)
    kills = attempts = full_builds = while_writing = 0
    while kills < KILLS and attempts < 3 * KILLS:
        attempts += 1
        # half the moments anywhere in the build; half while the database is being written,
        # timed from the moment this build's temporary file appears (so a slow machine
        # does not move them into the reading phase)
        p = _start_build(tmp_path / "b", db_path)
        if attempts % 2:
            delay = rng.uniform(0, duration)
            time.sleep(delay)
        else:
            delay = rng.uniform(0, writing_for)
            give_up = time.monotonic() + 4 * duration
            while p.poll() is None and time.monotonic() < give_up and not any(
                    x.endswith(".tmp") and f".{p.pid}." in x for x in _temps(out)):
                time.sleep(0.002)
            time.sleep(delay)
        if p.poll() is None:
            writing = any(x.endswith(".tmp") and f".{p.pid}." in x for x in _temps(out))
            p.send_signal(signal.SIGKILL)
            kills += 1
            while_writing += writing
        p.communicate()
        now = _digest(db_path)  # intact, readable, invariants hold
        assert now in (digest_a, digest_b), f"kill {kills} at {delay:.2f}s left a database that is neither A nor B"
        assert _content_counts(db_path) == counts[now]
        assert len(_temps(out)) <= 2, f"stale temporary files pile up: {_temps(out)}"
        if kills % 11 == 0 and p.returncode == -signal.SIGKILL:
            # the next build after a kill succeeds and clears what the killed one left
            r = run_cli("build", tmp_path / "b", "--db", db_path, "--quiet")
            assert r.returncode == 0, r.stderr
            assert _digest(db_path) == digest_b and _temps(out) == []
            full_builds += 1
    assert kills >= 20, f"only {kills} kills landed in {attempts} attempts"
    assert while_writing >= KILLS // 3, f"only {while_writing} kills landed while the database was being written"
    r = run_cli("build", tmp_path / "a", "--db", db_path, "--quiet")
    assert r.returncode == 0, r.stderr
    assert _digest(db_path) == digest_a and _temps(out) == []
    print(f"\nsurvived {kills} SIGKILLs ({while_writing} while writing the database) in {attempts} builds, "
          f"{full_builds} full rebuilds between")


def test_a_build_clears_what_killed_builds_left(tmp_path):
    src, db_path, _ = _previous_db(tmp_path)
    dead = _dead_pid()
    stale = [db_path.parent / f".aitrack.duckdb.{dead}.tmp", db_path.parent / f".aitrack.duckdb.{dead}.tmp.wal"]
    for p in stale:
        p.write_bytes(b"left by a killed build")
    live = db_path.parent / f".aitrack.duckdb.{os.getpid()}.tmp.wal"  # a build still running: not touched
    notes = db_path.parent / ".aitrack.duckdb.notes.tmp"  # not a build's: no pid
    for p in (live, notes):
        p.write_text("x")
    r = run_cli("build", src, "--db", db_path, "--quiet")
    assert r.returncode == 0, r.stderr
    assert _temps(db_path.parent) == sorted([live.name, notes.name])


def _dead_pid() -> int:
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def _previous_db(tmp_path: Path) -> tuple[Path, Path, str]:
    src = make_corpus(tmp_path / "in", 12)[0].parent
    db_path = tmp_path / "out" / "aitrack.duckdb"
    r = run_cli("build", src, "--db", db_path, "--quiet")
    assert r.returncode == 0, r.stderr
    return src, db_path, _digest(db_path)


def _one_clear_line(r: subprocess.CompletedProcess, *words: str) -> str:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr and lines[0].startswith("aitrack: error: build: cannot ")
    for w in words:
        assert w.lower() in lines[0].lower(), lines[0]
    return lines[0]


def _disk_full(limit: int):
    def pre() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, not a signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return pre


def test_disk_full_is_one_line_and_keeps_the_previous_database(tmp_path):
    src, db_path, before = _previous_db(tmp_path)
    for extra in range(5):
        write_txt(src, f"more-{extra}.txt", i=500 + extra)
    limit = db_path.stat().st_size // 3
    r = subprocess.run([*aitrack_cmd(), "build", str(src), "--db", str(db_path), "--quiet"], env=cli_env(),
                       capture_output=True, text=True, timeout=120, preexec_fn=_disk_full(limit))
    _one_clear_line(r, str(db_path), "too large")
    assert _digest(db_path) == before
    assert _temps(db_path.parent) == []
    assert run_cli("build", src, "--db", db_path, "--quiet").returncode == 0  # with room again, it works


def _drop_root_override() -> None:
    """In the child: root loses CAP_DAC_OVERRIDE/READ_SEARCH for good, so file modes apply."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            os._exit(99)


def _as_ordinary_user() -> dict:
    if os.geteuid() != 0:
        return {}
    probe = subprocess.run(["true"], preexec_fn=_drop_root_override, check=False)
    if probe.returncode == 99:
        pytest.skip("running as root without CAP_SETPCAP: cannot drop root's permission override")
    return {"preexec_fn": _drop_root_override}


def test_read_only_directory_is_one_line_and_keeps_the_previous_database(tmp_path):
    src, db_path, before = _previous_db(tmp_path)
    kw = _as_ordinary_user()
    db_path.parent.chmod(0o555)
    try:
        r = subprocess.run([*aitrack_cmd(), "build", str(src), "--db", str(db_path), "--quiet"], env=cli_env(),
                           capture_output=True, text=True, timeout=120, **kw)
        _one_clear_line(r, "permission denied")
        assert _digest(db_path) == before and _temps(db_path.parent) == []
    finally:
        db_path.parent.chmod(0o755)


def test_unreadable_input_is_a_reject_and_the_build_goes_on(tmp_path):
    src, db_path, _ = _previous_db(tmp_path)
    secret = write_txt(src, "secret.txt", i=77)
    secret.chmod(0)
    kw = _as_ordinary_user()
    r = subprocess.run([*aitrack_cmd(), "build", str(src), "--db", str(db_path), "--quiet"], env=cli_env(),
                       capture_output=True, text=True, timeout=120, **kw)
    assert r.returncode == 0, r.stderr
    assert "1 rejected" in r.stdout
    con = connect_ro(db_path)
    try:
        assert con.execute("SELECT reason FROM rejects WHERE origin = ?", [str(secret)]).fetchone()[0] == (
            "cannot read: Permission denied")
    finally:
        con.close()


def test_database_path_under_a_regular_file_is_one_line(tmp_path):
    src, db_path, before = _previous_db(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("I am a file")
    r = run_cli("build", src, "--db", blocker / "sub" / "aitrack.duckdb", "--quiet")
    _one_clear_line(r, "not a directory")
    assert blocker.read_text() == "I am a file" and _digest(db_path) == before


def test_database_path_that_is_a_folder_is_one_line(tmp_path):
    src, db_path, before = _previous_db(tmp_path)
    folder = tmp_path / "taken"
    (folder / "inside").mkdir(parents=True)
    r = run_cli("build", src, "--db", folder, "--quiet")
    _one_clear_line(r)
    assert (folder / "inside").is_dir() and [p.name for p in folder.iterdir()] == ["inside"]


def test_an_unexpected_error_while_writing_leaves_no_temp_and_the_previous_database(tmp_path, monkeypatch):
    # Not DuckDB that fails here: the rows handed to it (as a value Arrow cannot convert would).
    from etl import build as build_module
    from etl.errors import BuildError

    src, db_path, before = _previous_db(tmp_path)
    real_insert = build_module._insert

    def failing_insert(con, table, rows, types=None):
        if table == "amounts":
            raise ValueError("cannot convert this row\nsecond line")
        real_insert(con, table, rows, types)

    monkeypatch.setattr(build_module, "_insert", failing_insert)
    with pytest.raises(BuildError, match=r"cannot write .*ValueError: cannot convert this row$"):
        build_module.build([src], db_path, progress=False)
    assert _digest(db_path) == before and _temps(db_path.parent) == []


def test_an_extractor_repeating_a_fact_cannot_fail_the_build(tmp_path, monkeypatch):
    # The extractor (not DuckDB) is made to misbehave: the same amount twice, then a clashing one.
    from etl import build as build_module

    src = make_corpus(tmp_path / "in", 4)[0].parent
    real = build_module.records_for
    mode = {"clash": False}

    def repeating(doc, ex, book):
        out = real(doc, ex, book)
        if out["amounts"]:
            twin = out["amounts"][0].model_copy(update={"fx_note": "differs"} if mode["clash"] else {})
            out["amounts"].append(twin)
        return out

    monkeypatch.setattr(build_module, "records_for", repeating)
    s = build_module.build([src], tmp_path / "a.duckdb", progress=False)
    assert (s.loaded, s.rejected) == (4, 0)  # exact repeats are dropped
    assert row_counts(tmp_path / "a.duckdb")["amounts"] == 4
    mode["clash"] = True
    s = build_module.build([src], tmp_path / "b.duckdb", progress=False)
    assert (s.loaded, s.rejected) == (0, 4)  # a clash rejects the document, not the build
    con = connect_ro(tmp_path / "b.duckdb")
    try:
        reasons = {r for (r,) in con.execute("SELECT reason FROM rejects").fetchall()}
    finally:
        con.close()
    assert all(r.startswith("two different amounts rows share the id") for r in reasons)


def test_an_extractor_failing_on_every_document_fails_the_build(tmp_path, monkeypatch):
    # A broken extractor (as a pattern missing its registration once was) raises on every
    # document: that is one clear error and the previous database, not a build of rejects.
    from etl import build as build_module
    from etl.errors import BuildError

    src, db_path, before = _previous_db(tmp_path)

    def broken(*args, **kwargs):
        raise KeyError("_new_pattern")

    monkeypatch.setattr(build_module, "extract_text", broken)
    with pytest.raises(BuildError, match=r"the extractors failed on all \d+ documents, .*KeyError: '_new_pattern'"):
        build_module.build([src], db_path, progress=False)
    assert _digest(db_path) == before and _temps(db_path.parent) == []


def test_an_extractor_failing_on_one_document_rejects_only_it(tmp_path, monkeypatch):
    from etl import build as build_module

    src = make_corpus(tmp_path / "in", 4)[0].parent
    real = build_module.extract_text
    calls = {"n": 0}

    def once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("a pattern tripped")
        return real(*args, **kwargs)

    monkeypatch.setattr(build_module, "extract_text", once)
    s = build_module.build([src], tmp_path / "a.duckdb", progress=False)
    assert (s.loaded, s.rejected) == (3, 1)
