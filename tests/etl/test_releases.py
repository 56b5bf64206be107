"""Releases and `aitrack diff`: every build is a release with a content-derived id; a build that
replaces a database records what changed; nothing changes silently.

Real builds into real DuckDB files, from the bundled corpus and from short texts written here."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from etl import paths
from etl.build import build
from etl.export import export_bytes
from etl.releases import diff_databases

FRANCE = ("Title: France funds AI compute\nPublisher: Élysée\nPublished: 2025-06-02\nLanguage: en\n\n"
          "The government of France said on Monday it would invest EUR 3 billion in AI compute by 2030.\n")
JAPAN = ("Title: Japan AI chips\nPublisher: Ministry of Economy, Trade and Industry\nPublished: 2025-04-01\n"
         "Language: en\n\nThe ministry of Japan said it will spend ¥1 trillion on AI chips by 2027.\n")
CANADA = ("Title: Canada AI package\nPublisher: Reuters\nPublished: 2024-04-07\nLanguage: en\n\n"
          "Prime Minister Justin Trudeau said on Sunday that Canada's federal budget will include C$2.4 billion "
          "to build up the country's artificial intelligence capacity.\n")


def _aitrack(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl.cli", *args], capture_output=True, text=True,
                          cwd=paths.ROOT, timeout=300)


def _info(path: Path) -> dict[str, str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return dict(con.execute("SELECT key, value FROM build_info").fetchall())
    finally:
        con.close()


def _rows(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "fr.txt").write_text(FRANCE, encoding="utf-8")
    (folder / "jp.txt").write_text(JAPAN, encoding="utf-8")
    return folder


def _rebuild(corpus: Path, db: Path) -> tuple[Path, Path]:
    """Build `corpus` into `db`, keep a copy of what it replaced beside it: (old copy, new)."""
    old = db.with_name("old.duckdb")
    shutil.copy(db, old)
    build([corpus], db, progress=False)
    return old, db


def _changes(old: Path, new: Path) -> list[tuple]:
    df = diff_databases(old, new).changes
    return [tuple(None if v != v else v for v in r) for r in df.itertuples(index=False)]  # NaN -> None


# ---------------------------------------------------------------- the same inputs, the same release

def test_a_rebuild_of_the_demo_corpus_is_the_same_release_with_an_empty_diff(corpus_db, tmp_path):
    again = tmp_path / "again.duckdb"
    build(None, again, progress=False)
    first, second = _info(corpus_db), _info(again)
    assert first["release_id"] == second["release_id"] and len(first["release_id"]) == 16
    assert first["built_at"] <= second["built_at"]  # the time is recorded, and is not part of the id
    assert diff_databases(corpus_db, again).changes.empty
    r = _aitrack("diff", str(corpus_db), str(again), "--exit-code")
    assert r.returncode == 0 and r.stdout == "", r.stderr
    assert "no changes" in r.stderr and first["release_id"] in r.stderr
    # and built into the same path, the release it replaced is itself, with nothing changed
    build(None, again, progress=False)
    info = _info(again)
    assert info["previous_release_id"] == info["release_id"] == first["release_id"]
    assert info["release_note"].endswith("no changes")
    assert _rows(again, "SELECT count(*) FROM release_changes") == [(0,)]
    assert _rows(again, "SELECT seq, release_id, n_changes FROM release_history ORDER BY seq") == [
        (1, first["release_id"], None), (2, first["release_id"], 0)]


def test_the_code_version_says_where_it_comes_from(corpus_db):
    info = _info(corpus_db)
    assert info["code_version_from"] in ("git", "package")
    if info["code_version_from"] == "git":
        assert info["code_version"].startswith("git ") and len(info["code_version"].split()[1]) == 40
    else:
        assert info["code_version"].startswith("aitrack ")
    inputs = json.loads(info["release_inputs"])
    assert inputs["extractor_version"] == info["extractor_version"]
    assert len(inputs["source_files"]) == len(json.loads(info["source_files"]))
    assert any(f["path"] == "pegs.csv" for f in inputs["reference"])


def test_the_release_id_follows_reference_data_and_corrections_not_the_folder(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("AITRACK_REVIEWS", str(paths.REVIEWS_PATH))  # the repository's, header only
    build([corpus], tmp_path / "a.duckdb", progress=False)
    base = _info(tmp_path / "a.duckdb")["release_id"]
    moved = tmp_path / "elsewhere" / "texts"
    shutil.copytree(corpus, moved)
    build([moved], tmp_path / "b.duckdb", progress=False)
    assert _info(tmp_path / "b.duckdb")["release_id"] == base  # the same files read from another folder
    reference = tmp_path / "reference"
    shutil.copytree(paths.REFERENCE_DIR, reference)
    build([corpus], tmp_path / "c.duckdb", reference_dir=reference, progress=False)
    assert _info(tmp_path / "c.duckdb")["release_id"] == base  # an identical copy of the reference data
    with open(reference / "fx" / "README.md", "a", encoding="utf-8") as f:
        f.write("\nOne more line: the folder is not the same.\n")
    build([corpus], tmp_path / "d.duckdb", reference_dir=reference, progress=False)
    assert _info(tmp_path / "d.duckdb")["release_id"] != base
    corrections = tmp_path / "corrections.csv"
    corrections.write_text("# one more note: another file\n" + paths.REVIEWS_PATH.read_text(encoding="utf-8"),
                           encoding="utf-8")
    monkeypatch.setenv("AITRACK_REVIEWS", str(corrections))
    build([corpus], tmp_path / "e.duckdb", progress=False)
    with_corrections = _info(tmp_path / "e.duckdb")
    assert with_corrections["release_id"] != base
    assert json.loads(with_corrections["release_inputs"])["corrections"] is not None


# ---------------------------------------------------------------- each kind of change

def test_a_first_build_is_the_first_release(corpus, tmp_path):
    db = tmp_path / "aitrack.duckdb"
    build([corpus], db, progress=False)
    info = _info(db)
    assert "previous_release_id" not in info and info["release_note"].startswith("first release")
    assert _rows(db, "SELECT seq, release_id, previous_release_id, note FROM release_history") == [
        (1, info["release_id"], None, info["release_note"])]
    con = duckdb.connect(str(db), read_only=True)
    z = zipfile.ZipFile(io.BytesIO(export_bytes(con, "zip")))
    con.close()
    assert json.loads(z.read("manifest.json"))["release_id"] == info["release_id"]
    log = z.read("CHANGELOG.md").decode()
    assert f"release: `{info['release_id']}`" in log and "first release" in log.lower()
    assert "| row |" not in log


def test_adding_a_document_lists_it_its_entry_and_its_record(corpus, tmp_path):
    db = tmp_path / "aitrack.duckdb"
    build([corpus], db, progress=False)
    (corpus / "ca.txt").write_text(CANADA, encoding="utf-8")
    old, new = _rebuild(corpus, db)
    changes = _changes(old, new)
    assert {(k, c) for k, c, *_ in changes} == {("document", "added"), ("entry", "added"), ("record", "added")}
    record = next(c for c in changes if c[0] == "record")
    assert record[3] is None and record[4] is None and 'CA' in record[5] and '"C$2.4 billion"' in record[5]
    doc = next(c for c in changes if c[0] == "document")
    assert "Canada AI package" in doc[5] and "Reuters" in doc[5]
    # the build stored exactly this diff, and the release it replaced
    stored = _rows(new, "SELECT kind, change, row_id, field, old_value, new_value FROM release_changes")
    assert sorted(stored) == sorted(changes)
    assert _info(new)["previous_release_id"] == _info(old)["release_id"] != _info(new)["release_id"]
    assert _rows(new, "SELECT seq, release_id, n_changes FROM release_history ORDER BY seq") == [
        (1, _info(old)["release_id"], None), (2, _info(new)["release_id"], 3)]


def test_removing_a_document_lists_what_went(corpus, tmp_path):
    db = tmp_path / "aitrack.duckdb"
    build([corpus], db, progress=False)
    (corpus / "jp.txt").unlink()
    old, new = _rebuild(corpus, db)
    changes = _changes(old, new)
    assert {(k, c) for k, c, *_ in changes} == {("document", "removed"), ("entry", "removed"),
                                               ("record", "removed")}
    assert all(c[5] is None and c[4] for c in changes)  # what was there is named; nothing new
    assert any("¥1 trillion" in c[4] for c in changes if c[0] == "record")


def test_changing_a_printed_figure_is_the_old_record_removed_and_the_new_one_added(corpus, tmp_path):
    """Ids are content-derived: a text with another figure is another document, so its figure
    is a new record; the diff shows both quotes, never a silent swap."""
    db = tmp_path / "aitrack.duckdb"
    build([corpus], db, progress=False)
    (corpus / "fr.txt").write_text(FRANCE.replace("EUR 3 billion", "EUR 4 billion"), encoding="utf-8")
    old, new = _rebuild(corpus, db)
    records = [c for c in _changes(old, new) if c[0] == "record"]
    assert sorted((c[1], c[4] or c[5]) for c in records) == [
        ("added", 'FR unspecified "EUR 4 billion"'), ("removed", 'FR unspecified "EUR 3 billion"')]


def test_a_changed_date_is_listed_field_by_field_old_to_new(corpus, tmp_path):
    """The same text with another publication date: the same ids, so the diff is per field."""
    db = tmp_path / "aitrack.duckdb"
    build([corpus], db, progress=False)
    (corpus / "fr.txt").write_text(FRANCE.replace("2025-06-02", "2025-07-01"), encoding="utf-8")
    old, new = _rebuild(corpus, db)
    changes = _changes(old, new)
    assert all(c[1] == "changed" for c in changes)
    fields = {(c[0], c[3]): (c[4], c[5]) for c in changes}
    assert fields[("document", "published_on")] == ("2025-06-02", "2025-07-01")
    assert fields[("record", "published_on")] == ("2025-06-02", "2025-07-01")
    assert fields[("entry", "first_seen")] == ("2025-06-02", "2025-07-01")
    old_usd, new_usd = fields[("record", "value_usd")]  # another day, another rate
    assert old_usd != new_usd and float(old_usd) > 3e9 and float(new_usd) > 3e9
    assert fields[("entry", "value_usd")] == (old_usd, new_usd)
    # the human table: one line per change, kind, id, field, old -> new
    r = _aitrack("diff", str(old), str(new))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == len(changes)
    assert any(line.split()[:2] == ["document", "changed"] and line.endswith("2025-06-02 -> 2025-07-01")
               and "published_on" in line for line in lines)
    assert _aitrack("diff", str(old), str(new), "--exit-code").returncode == 1
    # jsonl and csv carry the same rows
    jsonl = [json.loads(x) for x in _aitrack("diff", str(old), str(new), "--format", "jsonl").stdout.splitlines()]
    assert [tuple(x.values()) for x in jsonl] == changes
    rows = list(csv.DictReader(io.StringIO(_aitrack("diff", str(old), str(new), "--format", "csv").stdout)))
    assert [r["field"] for r in rows] == [c[3] for c in changes]
    assert list(rows[0]) == ["kind", "change", "row_id", "field", "old_value", "new_value"]
    # the zip's changelog renders the stored diff
    con = duckdb.connect(str(new), read_only=True)
    log = zipfile.ZipFile(io.BytesIO(export_bytes(con, "zip"))).read("CHANGELOG.md").decode()
    con.close()
    assert f"previous release: `{_info(old)['release_id']}`" in log
    assert "| document | changed |" in log and "| published_on | 2025-06-02 | 2025-07-01 |" in log
    assert log.count("\n| ") == len(changes) + 1  # the header, then one row per change


# ---------------------------------------------------------------- what is replaced may be anything

def test_replacing_a_file_that_is_not_a_database_is_a_first_release_that_says_so(corpus, tmp_path):
    db = tmp_path / "aitrack.duckdb"
    db.write_bytes(b"not a database\n" * 100)
    build([corpus], db, progress=False)
    info = _info(db)
    assert "previous_release_id" not in info
    assert info["release_note"].startswith("first release here: the file it replaced could not be read")
    assert str(tmp_path) not in info["release_note"]


def test_replacing_a_database_built_before_releases_keeps_it_in_the_history(corpus, tmp_path):
    db = tmp_path / "aitrack.duckdb"
    build([corpus], db, progress=False)
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE release_history; DROP TABLE release_changes")
    con.execute("DELETE FROM build_info WHERE key LIKE '%release%' OR key LIKE 'code_version%' "
                "OR key = 'previous_built_at'")
    old_built = dict(con.execute("SELECT key, value FROM build_info").fetchall())["built_at"]
    con.close()
    build([corpus], db, progress=False)
    info = _info(db)
    assert "previous_release_id" not in info and info["previous_built_at"] == old_built
    assert info["release_note"].startswith("replaced a database built before releases had ids")
    assert info["release_note"].endswith("no changes")
    assert _rows(db, "SELECT seq, release_id, built_at, note FROM release_history ORDER BY seq") == [
        (1, None, old_built, "built before releases had ids"), (2, info["release_id"], info["built_at"],
                                                                 info["release_note"])]


def test_diff_refuses_what_it_cannot_compare_in_one_line(corpus_db, tmp_path):
    r = _aitrack("diff", str(tmp_path / "missing.duckdb"), str(corpus_db))
    assert r.returncode == 2 and r.stderr.strip() == f"aitrack: error: no database at {tmp_path / 'missing.duckdb'}"
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    r = _aitrack("diff", str(corpus_db), str(other))
    assert r.returncode == 2 and "is not an aitrack database" in r.stderr and len(r.stderr.splitlines()) == 1


def test_aitrack_build_says_which_release_it_made_and_what_it_replaced(corpus, tmp_path):
    db = tmp_path / "aitrack.duckdb"
    first = _aitrack("build", str(corpus), "--db", str(db), "--quiet")
    assert first.returncode == 0, first.stderr
    rid = _info(db)["release_id"]
    assert first.stdout.splitlines()[1] == f"release {rid}: first release: there was no database at aitrack.duckdb " \
                                           "to compare with"
    (corpus / "jp.txt").unlink()
    second = _aitrack("build", str(corpus), "--db", str(db), "--quiet")
    line = second.stdout.splitlines()[1]
    assert line.startswith(f"release {_info(db)['release_id']}: replaced release {rid} (built ")
    assert line.endswith("): 1 document removed, 1 entry removed, 1 record removed")
