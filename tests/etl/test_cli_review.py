"""`aitrack review list` and `aitrack review add`: the review loop without the dashboard, as a
person runs it (real subprocesses, a real database, a real review file)."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb

from etl import reviews
from tests.conftest import ROOT

TEXT = ("Title: t\nPublisher: The Straits Times\nPublished: 2024-02-19\nLanguage: en\n\n"
        "Singapore will invest more than $1 billion over five years in AI compute, talent and industry "
        "development, Lawrence Wong said.\n")


def aitrack(*args, reviews_file=None):
    env = dict(os.environ)
    env.pop("AITRACK_REVIEWS", None)
    if reviews_file:
        env["AITRACK_REVIEWS"] = str(reviews_file)
    return subprocess.run([sys.executable, "-m", "etl.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=180)


def test_list_add_and_rebuild(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "sg.txt").write_text(TEXT, encoding="utf-8")
    db, file = tmp_path / "a.duckdb", tmp_path / "r.csv"
    p = aitrack("build", str(tmp_path / "docs"), "--db", str(db), "--quiet")
    assert p.returncode == 0, p.stderr
    p = aitrack("review", "list", "--db", str(db), reviews_file=file)
    assert p.returncode == 0, p.stderr
    line = next(x for x in p.stdout.splitlines() if x.startswith("currency inferred"))
    amount_id = line.split()[3]
    assert "'$1 billion'" in line and "read as SGD" in line
    assert p.stdout.splitlines()[-1].startswith("review: ") and " 0 decided" in p.stdout

    p = aitrack("review", "add", "--db", str(db), "--target", amount_id, "--field", "value", "--new", "1500000000",
                "--reviewer", "ana", "--reason", "the budget statement says 1.5", reviews_file=file)
    assert p.returncode == 0, p.stderr
    assert "saved review" in p.stdout and "value: 1000000000 -> 1500000000" in p.stdout and "rebuild" in p.stdout
    (d,) = reviews.load(file)
    assert (d.target_id, d.old, d.new, d.quote) == (amount_id, "1000000000", "1500000000", "$1 billion")
    p = aitrack("review", "list", "--db", str(db), "--all", reviews_file=file)
    assert "value set to 1500000000 by ana" in p.stdout and "saved; rebuild to apply" in p.stdout

    p = aitrack("review", "add", "--db", str(db), "--target", "0" * 16, "--action", "accept", "--reviewer", "ana",
                "--reason", "x", reviews_file=file)
    assert p.returncode == 2 and "no amount, check, registry entry, target or commitment has the id" in p.stderr
    p = aitrack("review", "add", "--db", str(db), "--target", amount_id, "--field", "value", "--new", "1.5 bn",
                "--reviewer", "ana", "--reason", "x", reviews_file=file)
    assert p.returncode == 2 and "is not a number" in p.stderr
    assert len(reviews.load(file)) == 1  # refused decisions are not written

    p = aitrack("build", str(tmp_path / "docs"), "--db", str(tmp_path / "b.duckdb"), "--quiet", "--reviews", str(file))
    assert p.returncode == 0, p.stderr
    assert "reviews: 1 applied, 0 orphaned" in p.stdout
    con = duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True)
    assert con.execute("SELECT value FROM amounts WHERE amount_id = ?", [amount_id]).fetchone() == (1.5e9,)
    con.close()
    p = aitrack("build", str(tmp_path / "docs"), "--db", str(tmp_path / "c.duckdb"), "--reviews", str(tmp_path / "no"))
    assert p.returncode == 2 and "no review file at" in p.stderr
