"""Issue 17: every wrong input a person types is one clear line on stderr and a non-zero exit,
and never replaces a good database. Real subprocesses, real DuckDB files, real sockets."""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from etl import cli
from etl.filters import Filter, unknown_country
from tests.conftest import ROOT


def aitrack(*args, env=None):
    return subprocess.run([sys.executable, "-m", "etl.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def one_line(p: subprocess.CompletedProcess) -> str:
    """The single stderr line (a test failure shows all of it when there are more)."""
    lines = p.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in p.stderr, p.stderr
    return lines[0]


@pytest.fixture()
def good_db(corpus_db, tmp_path) -> Path:
    """A copy of the demo corpus's database that a bad build must leave as it is."""
    path = tmp_path / "db" / "aitrack.duckdb"
    path.parent.mkdir()
    shutil.copy(corpus_db, path)
    return path


def state(db: Path) -> tuple[bytes, int, int, list[str]]:
    """Bytes, mtime, documents and every file in its folder: what "untouched" means."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()
    return db.read_bytes(), db.stat().st_mtime_ns, n, sorted(p.name for p in db.parent.iterdir())


# ------------------------------------------------------------------ build


def test_a_missing_source_is_one_line_and_the_database_is_untouched(good_db, tmp_path):
    before = state(good_db)
    assert before[2] > 0
    missing = tmp_path / "does-not-exist"
    p = aitrack("build", missing, "--db", good_db)
    assert p.returncode == 2 and p.stdout == ""
    assert one_line(p) == (f"aitrack: error: no such file or folder: {missing}; "
                           "nothing was built, the database is untouched")
    # next to a good source it still stops: a typo must not build a smaller database
    p = aitrack("build", ROOT / "data" / "announcements", missing, "--db", good_db, "--quiet")
    assert p.returncode == 2 and str(missing) in one_line(p)
    # without --db the default database (here through $AITRACK_DB) is the one protected
    p = aitrack("build", missing, env=dict(os.environ, AITRACK_DB=str(good_db)))
    assert p.returncode == 2 and str(missing) in one_line(p)
    assert state(good_db) == before


def test_a_folder_with_no_announcements_is_an_error_not_an_empty_database(good_db, tmp_path):
    before = state(good_db)
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "notes.csv").write_text("not,an,announcement\n", encoding="utf-8")
    p = aitrack("build", nothing, "--db", good_db, "--quiet")
    assert p.returncode == 2
    line = one_line(p)
    assert line.startswith(f"aitrack: error: build: no announcement could be read from {nothing}: "
                           "no announcement files (")
    assert line.endswith("; nothing was built, the database is untouched") and ".txt" in line
    unreadable = tmp_path / "unreadable"
    unreadable.mkdir()
    (unreadable / "empty.txt").write_bytes(b"")
    p = aitrack("build", unreadable, "--db", good_db, "--quiet")
    assert p.returncode == 2
    assert (f"every input was rejected (1; the first, {unreadable / 'empty.txt'}: empty file)"
            in one_line(p))
    assert state(good_db) == before


def test_the_library_may_still_build_an_empty_database(tmp_path):
    from etl.build import build
    from etl.errors import BuildError

    (tmp_path / "in").mkdir()
    assert build([tmp_path / "in"], tmp_path / "a.duckdb", progress=False).loaded == 0
    with pytest.raises(BuildError, match="no announcement could be read"):
        build([tmp_path / "in"], tmp_path / "b.duckdb", progress=False, allow_empty=False)
    assert not (tmp_path / "b.duckdb").exists()


# ------------------------------------------------------------------ countries


@pytest.mark.parametrize(("typed", "suggestion"), [
    ("Russia", "RU (Russia)"),  # a name that means exactly one code is refused all the same
    ("Rusia", "RU (Russia)"),
    ("Россия", "RU (Russia)"),  # forms in every language of countries.csv
    ("UK", "GB (United Kingdom)"),  # not the ISO code
    ("Austria", "AT (Austria)"),  # a bloc member, named in blocs.csv only
])
def test_an_unknown_country_suggests_the_nearest_code(corpus_db, tmp_path, typed, suggestion):
    out = tmp_path / "x.csv"
    p = aitrack("export", "--db", corpus_db, "--country", typed, "-o", out)
    assert p.returncode == 2 and not out.exists()
    assert one_line(p) == (f"aitrack: error: invalid filter: countries: unknown country {typed!r}; "
                           f"did you mean {suggestion}?")


def test_a_code_nothing_knows_lists_the_known_ones(corpus_db):
    p = aitrack("export", "--db", corpus_db, "--country", "XX", "-o", "-")
    assert p.returncode == 2 and p.stdout == ""
    line = one_line(p)
    assert line.startswith("aitrack: error: invalid filter: countries: unknown country 'XX'; use an ISO 3166-1")
    # every ISO 3166-1 code is known (the compiled gazetteer), blocs after them
    assert ", PT, " in line and ", RU, " in line and "(EU-bloc)" in line


def test_known_codes_in_any_case_and_blocs_pass():
    for ok in ("RU", "ru", " de ", "EU", "AT", "eu-bloc"):
        assert unknown_country(ok) is None, ok
    assert unknown_country("XK") and unknown_country("XK", also=["XK"]) is None


def test_a_code_only_the_database_knows_is_valid(good_db):
    con = duckdb.connect(str(good_db))
    try:  # as if built with a gazetteer that had Kosovo (XK: not in ISO 3166-1, so no row of ours)
        doc = con.execute("SELECT min(document_id) FROM v_records").fetchone()[0]
        for table in ("documents", "amounts", "v_records"):  # v_records is materialised at build
            con.execute(f"UPDATE {table} SET country_code = 'XK' WHERE document_id = $d", {"d": doc})
    finally:
        con.close()
    p = aitrack("export", "--db", good_db, "--country", "XK", "-o", "-")
    assert p.returncode == 0 and p.stderr == "", p.stderr
    assert {r["country_code"] for r in csv.DictReader(io.StringIO(p.stdout))} == {"XK"}


def test_the_database_is_asked_only_about_a_code_the_lexicon_lacks():
    asked = []

    def codes():
        asked.append(1)
        return ["XK"]

    args = cli.parser().parse_args(["export", "-o", "-", "--country", "RU", "--country", "EU-bloc"])
    assert Filter.from_cli(args, database_codes=codes).country_codes()[0] == "RU" and not asked
    args = cli.parser().parse_args(["export", "-o", "-", "--country", "xk", "--country", "XK"])
    assert Filter.from_cli(args, database_codes=codes).countries == ("XK", "XK") and asked == [1]


# ------------------------------------------------------------------ empty results


def test_a_filter_that_matches_nothing_writes_the_header_and_warns(corpus_db, tmp_path):
    out = tmp_path / "x.csv"
    p = aitrack("export", "--db", corpus_db, "--country", "RU", "--from", "2100-01-01", "-o", out)
    assert p.returncode == 0  # a valid filter: the empty file is the right answer, said once
    line = one_line(p)
    assert line.startswith("aitrack: warning: the filter matched no records (countries: RU; announced 2100-01-01 to")
    assert line.endswith(f"; wrote {out} (no records, {out.stat().st_size} bytes)")
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith("record_id,")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    out = tmp_path / "x.parquet"
    p = aitrack("export", "--db", corpus_db, "--country", "RU", "--from", "2100-01-01", "--format", "parquet",
                "-o", out)
    assert p.returncode == 0 and one_line(p).startswith("aitrack: warning: the filter matched no records")
    assert pq.read_metadata(out).num_rows == 0


def test_a_filter_that_matches_something_does_not_warn(corpus_db, tmp_path):
    p = aitrack("export", "--db", corpus_db, "--country", "RU", "-o", "-")
    assert p.returncode == 0 and p.stderr == "" and p.stdout.count("\n") > 1
    out = tmp_path / "x.csv"
    p = aitrack("export", "--db", corpus_db, "--country", "RU", "-o", out)
    assert one_line(p) == f"wrote {out} ({out.stat().st_size} bytes)"


def test_an_empty_database_warns_without_a_filter(tmp_path):
    from etl.build import build

    (tmp_path / "in").mkdir()
    build([tmp_path / "in"], tmp_path / "e.duckdb", progress=False)
    p = aitrack("export", "--db", tmp_path / "e.duckdb", "-o", "-")
    assert p.returncode == 0 and one_line(p) == "aitrack: warning: the database has no records"


# ------------------------------------------------------------------ a busy port


@pytest.fixture()
def busy_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


@pytest.mark.parametrize("command", ["serve", "demo"])
def test_a_busy_port_is_one_line_before_the_banner(busy_port, corpus_db, tmp_path, command):
    db = corpus_db if command == "serve" else tmp_path / "demo.duckdb"
    p = aitrack(command, "--db", db, "--port", busy_port)
    assert p.returncode == 2
    line = one_line(p)  # no "aitrack dashboard on http://..." first
    assert line.startswith(f"aitrack: error: port {busy_port} is in use; try --port ")
    assert int(line.rsplit(" ", 1)[1]) > busy_port
    assert command == "serve" or not db.exists()  # demo did not build before finding out


def test_a_port_out_of_range_is_refused():
    p = aitrack("serve", "--port", "70000")
    assert p.returncode == 2 and "not a port number (1-65535): '70000'" in p.stderr


def test_a_free_port_passes_the_check():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert cli._cannot_listen("localhost", port) is None
