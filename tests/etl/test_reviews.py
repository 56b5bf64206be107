"""Analysts' corrections (issue 14): a plain review file under version control, appended under a
lock, applied by every build, found again when ids change, audited, and never dropped.

Every case is a real build of short texts written here into a real DuckDB file.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl import reviews
from etl.build import build
from etl.errors import BuildError
from etl.export import export_bytes

ROOT = Path(__file__).resolve().parents[2]

DOCS = {
    "fr.txt": ("Elysee", "2025-02-10", "en",
               "Emmanuel Macron said France will invest €109 billion in AI data centres by 2030."),
    # the same pledge twice: one registry entry of two sources
    "us-wire.txt": ("Reuters", "2025-03-03", "en",
                    "Donald Trump announced on Monday that the United States will invest $500 billion in "
                    "artificial intelligence data centres by 2029. The money will come from private partners."),
    "us-digest.txt": ("Tech digest", "2025-03-04", "en",
                      "The United States will put US$500bn into AI data centres by 2029, Donald Trump announced "
                      "this week."),
    "gb.txt": ("GOV.UK", "2024-05-01", "en", "Keir Starmer said Britain will create a £2 billion fund for AI compute."),
}


def _doc(publisher, published, lang, text, before: str = "") -> str:
    return f"Title: t\nPublisher: {publisher}\nPublished: {published}\nLanguage: {lang}\n\n{before}{text}\n"


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, spec in DOCS.items():
        (folder / name).write_text(_doc(*spec), encoding="utf-8")
    return folder


def _build(folder: Path, db: Path, review_file: Path | None) -> duckdb.DuckDBPyConnection:
    summary = build([folder], db, progress=False, reviews_path=review_file)
    assert summary.loaded == len(list(folder.glob("*.txt")))
    return duckdb.connect(str(db), read_only=True)


def _amount(con, quote_part: str) -> dict:
    cur = con.execute("SELECT * FROM amounts WHERE quote LIKE ? AND NOT bracketed", [f"%{quote_part}%"])
    cols = [c[0] for c in cur.description]
    rows = cur.fetchall()
    assert len(rows) == 1, rows
    return dict(zip(cols, rows[0]))


def _decide(con, quote_part: str, **kw) -> reviews.Decision:
    a = _amount(con, quote_part)
    return reviews.decide(reviewer=kw.pop("reviewer", "ana"), target_kind="amount", target_id=a["amount_id"],
                          document_id=a["document_id"], quote=a["quote"], reason=kw.pop("reason", "checked the source"),
                          **kw)


def _export_rows(con) -> dict[str, dict]:
    rows = list(csv.DictReader(io.StringIO(export_bytes(con, "csv").decode())))
    return {r["record_id"]: r for r in rows}


# ---------------------------------------------------------------- the file


def test_the_repository_file_is_a_header_only_and_loads(tmp_path):
    path = ROOT / "data" / "reviews" / "corrections.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and "Columns:" in "\n".join(lines)
    assert lines[-1] == ",".join(reviews.COLUMNS)
    assert reviews.load(path) == []
    new = tmp_path / "new.csv"
    reviews.append(new, [])  # a file the page or the CLI creates opens the same way
    assert new.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_appended_decisions_load_back_with_their_lines(tmp_path):
    path = tmp_path / "r.csv"
    d1 = reviews.decide(reviewer="ana", target_kind="amount", target_id="0123456789abcdef", action="correct",
                        field="value", old="5000000000", new="6000000000", reason='the text says "6", see p. 2')
    d2 = reviews.decide(reviewer="bo", target_kind="check", target_id="fedcba9876543210", action="reject",
                        field="reference_rate", reason="a line,\nwith a break")
    reviews.append(path, [d1])
    reviews.append(path, [d2, d2])  # the same decision twice (a double click) is one decision
    got = reviews.load(path)
    assert [(d.review_id, d.reason) for d in got] == [(d1.review_id, d1.reason), (d2.review_id, d2.reason)]
    assert got[0].line == 4 and got[1].line == 5  # two comment lines, the header, then the rows


@pytest.mark.parametrize("row, message", [
    ("x,2026-12-03T10:00:00Z,ana,amount,0123456789abcdef,d,q,correct,value,1,2,", "reason is empty"),
    ("x,2026-12-03T10:00:00Z,,amount,0123456789abcdef,d,q,accept,,,,ok", "reviewer is empty"),
    ("x,yesterday,ana,amount,0123456789abcdef,d,q,accept,,,,ok", "not an ISO time"),
    ("x,2026-12-03T10:00:00Z,ana,amount,0123456789abcdef,d,q,correct,value,1,11 trillion,ok", "not a number"),
    ("x,2026-12-03T10:00:00Z,ana,amount,0123456789abcdef,d,q,correct,colour,1,2,ok", "cannot be corrected"),
    ("x,2026-12-03T10:00:00Z,ana,amount,0123456789abcdef,d,q,correct,country_code,,Russia,ok", "ISO 3166"),
    ("x,2026-12-03T10:00:00Z,ana,amount,0123456789abcdef,d,q,correct,country_code,,XK,ok", "unknown country"),
    ("x,2026-12-03T10:00:00Z,ana,amount,nope,d,q,accept,,,,ok", "is not an id"),
    ("x,2026-12-03T10:00:00Z,ana,check,0123456789abcdef,d,q,correct,value,,1,ok", "cannot be taken on a check"),
    ("x,2026-12-03T10:00:00Z,ana,amount,0123456789abcdef,d,q,accept,,,ok", "11 cells"),
])
def test_a_broken_row_is_an_error_with_its_file_and_line(tmp_path, row, message):
    path = tmp_path / "r.csv"
    path.write_text("# comment\n" + ",".join(reviews.COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(reviews.ReviewError) as e:
        reviews.load(path)
    assert f"{path}:3: " in str(e.value) and message in str(e.value)


def test_a_broken_review_file_stops_the_build_before_anything_is_written(corpus, tmp_path):
    db = tmp_path / "a.duckdb"
    build([corpus], db, progress=False)
    before = db.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(reviews.COLUMNS) + "\nx,2026-12-03T10:00:00Z,ana,amount,0123456789abcdef,d,q,"
                   "accept,,,,\n", encoding="utf-8")
    with pytest.raises(BuildError, match=rf"{bad}:2: reason is empty: every decision says why; nothing was built"):
        build([corpus], db, progress=False, reviews_path=bad)
    with pytest.raises(BuildError, match="no review file at"):
        build([corpus], db, progress=False, reviews_path=tmp_path / "typo.csv")
    assert db.read_bytes() == before


APPENDER = """
import sys
from etl import reviews
path, who, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(n):
    reviews.append(path, [reviews.decide(reviewer=who, target_kind="amount", target_id="0123456789abcdef",
                                         action="accept", reason=f"{who} number {i}, " + "x" * 3000)])
"""


def test_processes_appending_at_once_lose_nothing(tmp_path):
    """Four real processes append 40 decisions each, one row at a time (rows of 3 KB, longer
    than one write of the pipe-sized buffers that would interleave without the lock)."""
    path = tmp_path / "r.csv"
    procs = [subprocess.Popen([sys.executable, "-c", APPENDER, str(path), f"p{k}", "40"], cwd=ROOT)
             for k in range(4)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    got = reviews.load(path)
    assert len(got) == 160
    assert {(d.reviewer, d.reason.split(",")[0]) for d in got} == {
        (f"p{k}", f"p{k} number {i}") for k in range(4) for i in range(40)}
    assert path.read_text(encoding="utf-8").count(",".join(reviews.COLUMNS)) == 1  # one header


def test_an_append_waits_for_another_writer_holding_the_lock(tmp_path):
    """The lock is real: while this process holds it, another process's append waits, then lands."""
    import fcntl
    import time

    path = tmp_path / "r.csv"
    reviews.append(path, [])
    with open(path, "rb+") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        proc = subprocess.Popen([sys.executable, "-c", APPENDER, str(path), "late", "1"], cwd=ROOT)
        time.sleep(3)  # long enough for the child to start and reach the lock
        waiting = proc.poll() is None
        size = path.stat().st_size
        fcntl.flock(held.fileno(), fcntl.LOCK_UN)
    assert proc.wait(timeout=60) == 0
    assert waiting and size == len(reviews.HEADER) + len(",".join(reviews.COLUMNS)) + 1
    assert [d.reviewer for d in reviews.load(path)] == ["late"]


# ---------------------------------------------------------------- applying them


def test_a_corrected_value_and_currency_replace_the_extracted_ones_and_are_audited(corpus, tmp_path):
    con = _build(corpus, tmp_path / "a.duckdb", None)
    a = _amount(con, "109 billion")
    assert (a["value"], a["currency"]) == (109e9, "EUR")
    file = tmp_path / "r.csv"
    reviews.append(file, [_decide(con, "109 billion", action="correct", field="value", old="109000000000",
                                  new="110000000000", reason="the decree says 110"),
                          _decide(con, "109 billion", action="correct", field="currency", old="EUR", new="USD",
                                  reviewer="bo", reason="the speech is in dollars")])
    con.close()
    con = _build(corpus, tmp_path / "b.duckdb", file)
    b = _amount(con, "109 billion")
    assert (b["amount_id"], b["value"], b["currency"]) == (a["amount_id"], 110e9, "USD")
    assert b["value_usd"] == 110e9 and b["usd_rate"] == 1.0 and b["fx_status"] == "converted"  # converted again
    audit = con.execute("SELECT field, old, new, reviewer, reason, matched_by FROM corrections_applied "
                        "ORDER BY field").fetchall()
    assert audit == [("currency", "EUR", "USD", "bo", "the speech is in dollars", "id"),
                     ("value", "109000000000", "110000000000", "ana", "the decree says 110", "id")]
    row = _export_rows(con)[a["amount_id"]]
    assert (row["value"], row["currency"], row["reviewed"], row["corrected_fields"]) == (
        "110000000000", "USD", "true", "currency;value")
    others = [r for k, r in _export_rows(con).items() if k != a["amount_id"]]
    assert others and all(r["reviewed"] == "false" and r["corrected_fields"] == "" for r in others)
    entry = con.execute("SELECT value, currency FROM registry WHERE amount_id = ?", [a["amount_id"]]).fetchone()
    assert entry == (110e9, "USD")  # the registry was linked on the corrected figure
    from etl.export import registry as registry_export

    entries = registry_export(con)
    mine = entries[entries["amount_id"] == a["amount_id"]].iloc[0]
    assert bool(mine["reviewed"]) and mine["corrected_fields"] == "currency;value"  # the commitment grain says so too
    assert not entries.loc[entries["amount_id"] != a["amount_id"], "reviewed"].any()


def test_a_correction_survives_offsets_moving_under_an_unchanged_quote(corpus, tmp_path):
    """The same text with a blank paragraph before the sentence: the document id is the same
    (it ignores whitespace), the amount's offsets and so its id are not; the correction finds
    its amount again by document and quote, and says so."""
    con = _build(corpus, tmp_path / "a.duckdb", None)
    before = _amount(con, "£2 billion")
    file = tmp_path / "r.csv"
    reviews.append(file, [_decide(con, "£2 billion", action="correct", field="funding", old="unknown", new="public",
                                  reason="the Treasury pays")])
    con.close()
    (corpus / "gb.txt").write_text(_doc(*DOCS["gb.txt"], before="\n\n      \n\n"), encoding="utf-8")
    con = _build(corpus, tmp_path / "b.duckdb", file)
    after = _amount(con, "£2 billion")
    assert after["document_id"] == before["document_id"] and after["start"] > before["start"]
    assert after["amount_id"] != before["amount_id"]
    assert after["funding"] == "public"
    assert con.execute("SELECT target_id, applied_to, matched_by FROM corrections_applied").fetchall() == [
        (before["amount_id"], after["amount_id"], "document and quote")]
    assert con.execute("SELECT count(*) FROM review_orphans").fetchone()[0] == 0


def test_a_correction_whose_target_is_gone_is_an_orphan_not_dropped(corpus, tmp_path):
    con = _build(corpus, tmp_path / "a.duckdb", None)
    file = tmp_path / "r.csv"
    reviews.append(file, [_decide(con, "£2 billion", action="correct", field="value", new="3000000000",
                                  reason="typo in the release")])
    con.close()
    text = _doc(*DOCS["gb.txt"]).replace("£2 billion", "£2.5 billion")  # another text: another document
    (corpus / "gb.txt").write_text(text, encoding="utf-8")
    con = _build(corpus, tmp_path / "b.duckdb", file)
    assert con.execute("SELECT count(*) FROM corrections_applied").fetchone()[0] == 0
    (why,) = con.execute("SELECT why FROM review_orphans").fetchone()
    assert "is not in this build" in why
    assert _amount(con, "£2.5 billion")["value"] == 2.5e9  # nothing guessed onto the new figure


def test_an_ambiguous_quote_is_an_orphan_with_its_count(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    text = "Britain will spend £1 billion on AI chips and £1 billion on AI skills, Keir Starmer said."
    (folder / "gb.txt").write_text(_doc("GOV.UK", "2024-05-01", "en", text), encoding="utf-8")
    con = _build(folder, tmp_path / "a.duckdb", None)
    first = con.execute("SELECT amount_id, document_id, quote FROM amounts ORDER BY start").fetchone()
    file = tmp_path / "r.csv"
    reviews.append(file, [reviews.decide(reviewer="ana", target_kind="amount", target_id=first[0],
                                         document_id=first[1], quote=first[2], action="correct",
                                         field="funding", new="public", reason="budget line")])
    con.close()
    (folder / "gb.txt").write_text(_doc("GOV.UK", "2024-05-01", "en", text, before="\n\n"), encoding="utf-8")
    con = _build(folder, tmp_path / "b.duckdb", file)
    (why,) = con.execute("SELECT why FROM review_orphans").fetchone()
    assert "is 2 amounts of document" in why and "not guessed" in why
    assert con.execute("SELECT count(*) FROM amounts WHERE funding = 'public'").fetchone()[0] == 0


def test_a_later_decision_on_the_same_field_wins_and_the_earlier_says_so(corpus, tmp_path):
    con = _build(corpus, tmp_path / "a.duckdb", None)
    file = tmp_path / "r.csv"
    first = _decide(con, "£2 billion", action="correct", field="value", new="3000000000", reason="first look",
                    at="2026-12-01T10:00:00Z")
    second = _decide(con, "£2 billion", action="correct", field="value", new="2000000000", reason="second look",
                     at="2026-12-02T10:00:00Z")
    reviews.append(file, [second, first])  # file order is not decision order
    con.close()
    con = _build(corpus, tmp_path / "b.duckdb", file)
    assert _amount(con, "£2 billion")["value"] == 2e9
    assert con.execute("SELECT review_id, superseded_by FROM corrections_applied ORDER BY \"at\"").fetchall() == [
        (first.review_id, second.review_id), (second.review_id, None)]


def test_a_rejected_amount_leaves_the_facts_and_the_registry_but_not_the_audit(corpus, tmp_path):
    con = _build(corpus, tmp_path / "a.duckdb", None)
    a = _amount(con, "109 billion")
    file = tmp_path / "r.csv"
    fix = _decide(con, "109 billion", action="correct", field="value", new="1", reason="r", at="2026-12-01T10:00:00Z")
    reject = _decide(con, "109 billion", action="reject", reason="a forecast, not a commitment")
    reviews.append(file, [fix, reject])
    con.close()
    con = _build(corpus, tmp_path / "b.duckdb", file)
    for sql in ("SELECT count(*) FROM amounts WHERE amount_id = ?", "SELECT count(*) FROM v_records WHERE record_id = ?",
                "SELECT count(*) FROM registry_links WHERE amount_id = ?"):
        assert con.execute(sql, [a["amount_id"]]).fetchone()[0] == 0
    (old,) = con.execute("SELECT old FROM corrections_applied WHERE action = 'reject'").fetchone()
    assert "109 billion" in old and "EUR" in old
    assert con.execute("SELECT superseded_by FROM corrections_applied WHERE review_id = ?",
                       [fix.review_id]).fetchone() == (reject.review_id,)


def test_a_dismissed_check_becomes_information_saying_who_and_why(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    text = ("China will set up a fund of 1 trillion yuan ($138.01 billion) ($1 = 7.2437 yuan) for AI, "
            "Xi Jinping said.")
    (folder / "cn.txt").write_text(_doc("Xinhua", "2025-03-05", "en", text), encoding="utf-8")
    con = _build(folder, tmp_path / "a.duckdb", None)
    check_id, did, subject, name = con.execute(
        "SELECT check_id, document_id, subject, \"check\" FROM checks WHERE status = 'fail'").fetchone()
    file = tmp_path / "r.csv"
    reviews.append(file, [reviews.decide(reviewer="ana", target_kind="check", target_id=check_id, document_id=did,
                                         quote=subject, field=name, action="reject",
                                         reason="the agency rounds its dollar figures")])
    con.close()
    con = _build(folder, tmp_path / "b.duckdb", file)
    status, detail = con.execute("SELECT status, detail FROM checks WHERE check_id = ?", [check_id]).fetchone()
    assert status == "info" and detail.startswith("Dismissed by review") and "ana" in detail
    assert "the agency rounds" in detail and "the check said fail" in detail


def test_kind_and_deadline_are_corrected_on_the_record_and_its_entry(corpus, tmp_path):
    con = _build(corpus, tmp_path / "a.duckdb", None)
    a = _amount(con, "£2 billion")
    old_kind = con.execute("SELECT commitment_kind FROM v_records WHERE record_id = ?", [a["amount_id"]]).fetchone()[0]
    file = tmp_path / "r.csv"
    reviews.append(file, [_decide(con, "£2 billion", action="correct", field="kind", new="compute", reason="r"),
                          _decide(con, "£2 billion", action="correct", field="deadline_year", new="2027", reason="r")])
    con.close()
    con = _build(corpus, tmp_path / "b.duckdb", file)
    assert con.execute("SELECT commitment_kind, deadline_year, corrected_fields FROM v_records WHERE record_id = ?",
                       [a["amount_id"]]).fetchone() == ("compute", 2027, "deadline_year;kind")
    assert con.execute("SELECT kind, deadline_year FROM registry WHERE amount_id = ?",
                       [a["amount_id"]]).fetchone() == ("compute", 2027)
    assert con.execute("SELECT old FROM corrections_applied WHERE field = 'kind'").fetchone() == (old_kind,)
    # the entries the pages filter (v_entries, made once per build) read the corrected record, not the
    # extracted one: a kind filter on the corrected kind finds the entry
    assert con.execute("SELECT figure_kind FROM v_entries WHERE amount_id = ?", [a["amount_id"]]).fetchone() == ("compute",)
    assert con.execute("SELECT count(*) FROM filtered_entries([], [], ['compute'], [], NULL, NULL, NULL, [], NULL) "
                       "WHERE amount_id = ?", [a["amount_id"]]).fetchone() == (1,)


def _entries(con) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for entry_id, amount_id in con.execute("SELECT entry_id, amount_id FROM registry_links WHERE role = 'record'"
                                           ).fetchall():
        out.setdefault(entry_id, set()).add(amount_id)
    return out


def test_split_and_merge_move_records_between_entries_and_keep_the_registry_whole(corpus, tmp_path):
    con = _build(corpus, tmp_path / "a.duckdb", None)
    wire, digest = _amount(con, "$500 billion"), _amount(con, "US$500bn")
    fr, gb = _amount(con, "109 billion"), _amount(con, "£2 billion")
    together = _entries(con)
    assert {wire["amount_id"], digest["amount_id"]} in together.values()
    file = tmp_path / "r.csv"
    reviews.append(file, [_decide(con, "US$500bn", action="split", reason="the digest means another fund"),
                          _decide(con, "109 billion", action="merge", new=gb["amount_id"], reason="test merge")])
    con.close()
    con = _build(corpus, tmp_path / "b.duckdb", file)  # the build's invariants (sql/checks) held
    got = _entries(con)
    assert {wire["amount_id"]} in got.values() and {digest["amount_id"]} in got.values()
    assert {fr["amount_id"], gb["amount_id"]} in got.values()
    n, = con.execute("SELECT n_sources FROM registry WHERE amount_id IN (?, ?)", [fr["amount_id"], gb["amount_id"]]
                     ).fetchone()
    assert n == 2 and len(got) == len(together)  # one entry more from the split, one fewer from the merge
    reasons = con.execute("SELECT reasons FROM registry_links WHERE amount_id = ?", [digest["amount_id"]]).fetchone()[0]
    assert "split out by review" in reasons and "the digest means another fund" in reasons
    # an entry's id is still the hash of its earliest record, as the registry makes it
    from etl.models import make_id
    for entry_id, members in got.items():
        rows = con.execute("SELECT document_id, quote, start, \"end\", published_on FROM amounts WHERE amount_id IN "
                           "(SELECT unnest(?))", [sorted(members)]).fetchall()
        first = min(rows, key=lambda r: (r[4], r[0], r[2]))
        assert entry_id == make_id("entry", first[0], first[1], first[2], first[3])


def test_a_rejected_entry_takes_its_records_with_it(corpus, tmp_path):
    con = _build(corpus, tmp_path / "a.duckdb", None)
    wire = _amount(con, "$500 billion")
    entry_id, quote, did = con.execute("SELECT entry_id, quote, document_id FROM registry WHERE entry_id IN "
                                       "(SELECT entry_id FROM registry_links WHERE amount_id = ?)",
                                       [wire["amount_id"]]).fetchone()
    n_before = con.execute("SELECT count(*) FROM registry").fetchone()[0]
    file = tmp_path / "r.csv"
    reviews.append(file, [reviews.decide(reviewer="ana", target_kind="entry", target_id=entry_id, document_id=did,
                                         quote=quote, action="reject", reason="a plan, never a pledge")])
    con.close()
    con = _build(corpus, tmp_path / "b.duckdb", file)
    assert con.execute("SELECT count(*) FROM registry").fetchone()[0] == n_before - 1
    assert con.execute("SELECT count(*) FROM v_records WHERE quote LIKE '%500%'").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM corrections_applied WHERE target_kind = 'entry'").fetchone()[0] == 1


def test_the_same_inputs_and_reviews_give_the_same_tables(corpus, tmp_path):
    con = _build(corpus, tmp_path / "a.duckdb", None)
    file = tmp_path / "r.csv"
    reviews.append(file, [_decide(con, "US$500bn", action="split", reason="r"),
                          _decide(con, "£2 billion", action="correct", field="value", new="2500000000", reason="r")])
    con.close()
    tables = ("registry", "registry_links", "amounts", "corrections_applied", "v_records")
    dumps = []
    for name in ("b", "c"):
        con = _build(corpus, tmp_path / f"{name}.duckdb", file)
        dumps.append({t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables})
        con.close()
    assert dumps[0] == dumps[1]


def test_a_correction_survives_an_extractor_upgrade_that_reads_more_of_the_same_text(corpus, tmp_path):
    """An upgrade of the extractors (here: a lexicon with one more currency, in a new process, as a
    new release would run) finds a figure the old one missed in the same sentence; the amount the
    analyst corrected keeps its span, so its id, and the correction applies to it, found by id."""
    import os
    import shutil

    from etl.extract import lexicon

    (corpus / "gb.txt").write_text(_doc("GOV.UK", "2024-05-01", "en", "Keir Starmer said Britain will create a "
                                        "£2 billion fund for AI compute, and 300 testcoins for a pilot."),
                                   encoding="utf-8")
    old_db, new_db = tmp_path / "old.duckdb", tmp_path / "new.duckdb"
    con = _build(corpus, old_db, None)
    assert con.execute("SELECT count(*) FROM amounts WHERE quote LIKE '%testcoin%'").fetchone() == (0,)
    file = tmp_path / "r.csv"
    reviews.append(file, [_decide(con, "£2 billion", action="correct", field="value", old="2000000000",
                                  new="2500000000", reason="the budget line says 2.5")])
    before = _amount(con, "£2 billion")
    con.close()
    upgraded = tmp_path / "lexicon"
    shutil.copytree(Path(lexicon.__file__).parent, upgraded, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    with (upgraded / "currencies.csv").open("a", encoding="utf-8") as f:
        f.write('XTS,*,"testcoin:,s",,,\n')
    env = {**os.environ, "AITRACK_LEXICON_DIR": str(upgraded)}
    p = subprocess.run([sys.executable, "-m", "etl.cli", "build", "--quiet", "--db", str(new_db), "--reviews",
                        str(file), str(corpus)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    assert "reviews: 1 applied, 0 orphaned" in p.stdout
    con = duckdb.connect(str(new_db), read_only=True)
    try:
        assert con.execute("SELECT currency FROM amounts WHERE quote LIKE '%testcoin%'").fetchone() == ("XTS",)
        after = _amount(con, "£2 billion")
        assert (after["amount_id"], after["value"]) == (before["amount_id"], 2.5e9)
        assert con.execute("SELECT applied_to, matched_by, old FROM corrections_applied").fetchall() == [
            (before["amount_id"], "id", "2000000000")]
    finally:
        con.close()


def test_the_queue_a_page_at_a_time_counts_what_is_decided_and_can_leave_it_out(corpus, tmp_path):
    from etl import db
    from etl.registry import MATCH_WEIGHT_THRESHOLD as T

    # a conversion that disagrees with the rate printed beside it: a failed check, another kind of item
    (corpus / "ru.txt").write_text(_doc("Wire", "2025-11-19", "en",
                                        "Vladimir Putin said Russia will spend 11 trillion roubles ($200 billion) "
                                        "on AI by 2030. ($1 = 80.5455 roubles)"), encoding="utf-8")
    con = _build(corpus, tmp_path / "a.duckdb", None)
    full = db.run_query(con, "review_queue", {"threshold": T})
    assert full["item"].nunique() >= 2, full["item"].tolist()
    assert len(full) >= 2 and (full["queued_rows"] == len(full)).all()
    first = db.run_query(con, "review_queue", {"threshold": T, "limit": 1})
    assert len(first) == 1 and first["queued_rows"].iloc[0] == len(full)
    assert first["target_id"].iloc[0] == full["target_id"].iloc[0]  # the same order, cut
    kind = full["item"].iloc[-1]
    one_kind = db.run_query(con, "review_queue", {"threshold": T, "items": [kind]})
    assert set(one_kind["item"]) == {kind} and len(one_kind) == (full["item"] == kind).sum()

    target = full["target_id"].iloc[0]
    counts = db.run_query(con, "review_counts", {"threshold": T, "decided": [target], "corrected": []})
    same = int((full["target_id"] == target).sum())  # a check spanning two records is one item per record
    assert counts["items"].sum() == len(full) and counts["decided"].sum() == same
    assert dict(zip(counts["item"], counts["items"])) == full["item"].value_counts().to_dict()
    waiting = db.run_query(con, "review_queue", {"threshold": T, "waiting_only": True, "decided": [target],
                                                  "corrected": []})
    assert target not in set(waiting["target_id"]) and len(waiting) == len(full) - same
