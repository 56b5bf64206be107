"""Idempotence: the same inputs give the same tables, and the same announcement
from two paths or two feeds is stored once with every origin kept."""

from __future__ import annotations

import shutil

from etl import paths
from etl.build import build, document_id_for

from .conftest import announcement, assert_nothing_lost, connect_ro, json_doc, make_corpus, snapshot, write_jsonl, write_txt


def test_building_twice_gives_identical_tables(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(paths.ANNOUNCEMENTS_DIR, src / "corpus")
    make_corpus(src / "generated", 24)
    write_txt(src, "dup/copy.txt", i=3, title="Copy")  # a duplicate, so origins has a many-to-one row
    first, second = tmp_path / "first.duckdb", tmp_path / "second.duckdb"
    s1 = build([src], first, progress=False)
    s2 = build([src], second, progress=False)
    assert (s1.inputs, s1.loaded, s1.duplicates, s1.rejected) == (s2.inputs, s2.loaded, s2.duplicates, s2.rejected)
    a, b = snapshot(first), snapshot(second)
    assert set(a) == set(b) and len(a) >= 14
    for table in a:
        assert a[table] == b[table], f"{table} differs between two builds of the same inputs"
    assert len(a["documents"]) == s1.loaded > 40 and len(a["amounts"]) > 50


def test_rebuilding_in_place_gives_identical_tables(tmp_path):
    src = make_corpus(tmp_path / "in", 8)[0].parent
    db_path = tmp_path / "aitrack.duckdb"
    build([src], db_path, progress=False)
    before = snapshot(db_path)
    build([src], db_path, progress=False)
    assert snapshot(db_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aitrack.duckdb", "in"]  # no temp left behind


def test_same_announcement_from_a_txt_and_a_jsonl_line_is_stored_once(tmp_path):
    text = announcement(7)
    src = tmp_path / "in"
    txt = write_txt(src, "a/announcement.txt", text, title="From the website")
    # the same text in a feed, with Windows line ends and trailing blanks: still the same announcement
    feed = write_jsonl(src, "b/feed.jsonl", [json_doc(1), json_doc(7, text=text.replace("\n", "\r\n") + "  \n")])
    again = write_txt(src, "c/mirror/announcement.txt", text, title="From the website")
    db_path = tmp_path / "db.duckdb"
    s = build([src], db_path, progress=False)
    assert (s.inputs, s.loaded, s.duplicates, s.rejected) == (4, 2, 2, 0)
    assert_nothing_lost(s, db_path)
    did = document_id_for(text)
    con = connect_ro(db_path)
    try:
        assert con.execute("SELECT count(*) FROM documents WHERE document_id = ?", [did]).fetchone()[0] == 1
        origins = con.execute("SELECT origin, format FROM origins WHERE document_id = ? ORDER BY origin",
                              [did]).fetchall()
        assert origins == [(str(txt), "txt"), (f"{feed}:2", "jsonl"), (str(again), "txt")]
        # facts are stored once too, not once per origin
        n_amounts = con.execute("SELECT count(*) FROM amounts WHERE document_id = ?", [did]).fetchone()[0]
        assert n_amounts == 1
    finally:
        con.close()


def test_the_same_file_named_twice_is_read_once(tmp_path):
    f = write_txt(tmp_path / "in", "one.txt", i=1)
    s = build([f, tmp_path / "in", tmp_path / "in" / "." / "one.txt"], tmp_path / "db.duckdb", progress=False)
    assert (s.inputs, s.loaded, s.duplicates) == (1, 1, 0)
