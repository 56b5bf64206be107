"""Extraction in worker processes (`build(jobs=N)`, `aitrack build --jobs N`) gives the same
database as one process, with the same rejects, duplicates and origins, and the progress bar
shows only on a terminal."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from etl import paths
from etl.build import Progress, build

from .conftest import make_corpus, snapshot, write_txt


@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory):
    src = tmp_path_factory.mktemp("parallel") / "in"
    shutil.copytree(paths.ANNOUNCEMENTS_DIR, src / "corpus")
    make_corpus(src / "generated", 70)  # more than two batches of 32, so batches overtake each other
    write_txt(src, "dup/copy.txt", i=3, title="Copy")  # a duplicate of a generated one
    (src / "bad").mkdir()
    (src / "bad" / "empty.txt").write_text("", encoding="utf-8")  # a reject
    (src / "bad" / "binary.txt").write_bytes(b"\x00\x01\x02" * 40)  # another
    return src


def test_two_workers_build_the_same_database_as_one_process(mixed_inputs, tmp_path):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    s1 = build([mixed_inputs], one, progress=False, jobs=1)
    s2 = build([mixed_inputs], two, progress=False, jobs=2)
    assert (s1.jobs, s2.jobs) == (1, 2)
    assert (s1.inputs, s1.loaded, s1.duplicates, s1.rejected) == (s2.inputs, s2.loaded, s2.duplicates, s2.rejected)
    assert s1.duplicates >= 1 and s1.rejected >= 2 and s1.loaded > 90
    a, b = snapshot(one), snapshot(two)
    assert set(a) == set(b)
    for table in a:
        assert a[table] == b[table], f"{table} differs between one process and two workers"
    assert a["registry"] and a["rejects"] and a["origins"]


def test_the_default_is_one_process_for_a_small_build(mixed_inputs, tmp_path):
    s = build([mixed_inputs], tmp_path / "x.duckdb", progress=False)
    assert s.jobs == 1  # fewer files than PARALLEL_FROM: starting workers would cost more than it saves


def test_progress_is_a_bar_with_rate_on_a_terminal_and_silent_otherwise(capsys):
    quiet = Progress(10, "documents")  # pytest's stderr is not a terminal
    quiet.update(5)
    quiet.close()
    assert capsys.readouterr().err == ""
    bar = Progress(10, "documents", enabled=True)
    for i in range(1, 11):
        bar.update(i)
    bar.close()
    err = capsys.readouterr().err
    assert "documents" in err and "10/10" in err and "files/s" in err


def test_jobs_must_be_a_positive_whole_number():
    for bad in ("0", "two"):
        proc = subprocess.run([sys.executable, "-m", "etl.cli", "build", "--jobs", bad, "--db", "/nonexistent/x.duckdb"],
                              capture_output=True, text=True)
        assert proc.returncode == 2 and "--jobs" in proc.stderr
