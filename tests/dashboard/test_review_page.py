"""The Review page with AppTest on a real database: it lists what needs a human, a decision
needs a reason, saving appends to the review file (never the database) and says to rebuild,
and a decided item shows its decision, before and after the rebuild."""

from __future__ import annotations

import pytest

from etl import reviews
from tests.dashboard.conftest import ROOT

PAGE = ROOT / "dashboard" / "app_pages" / "review.py"


@pytest.fixture()
def review_file(tmp_path, monkeypatch):
    path = tmp_path / "corrections.csv"
    monkeypatch.setenv("AITRACK_REVIEWS", str(path))
    return path


def _table(at):
    return next(df.value for df in at.dataframe if "item" in df.value.columns)


def _pick(at, item: str) -> dict:
    """Choose the first queue item of this kind; its row."""
    row = _table(at)[lambda t: t["item"] == item].iloc[0].to_dict()
    at.selectbox(key="review_item").set_value(f"{item}|{row['target_id']}").run()
    return row


def test_the_queue_lists_every_kind_of_item(dash_db, review_file, run_page):
    at = run_page(PAGE, dash_db)
    assert not at.exception and not at.error
    table = _table(at)
    assert {"check unverifiable", "currency inferred"} <= set(table["item"])
    assert (table["decision"] == "waiting").all()
    assert {m.label: m.value for m in at.metric}["Orphaned corrections"] == "0"


def test_saving_needs_a_reason_and_appends_to_the_review_file_only(dash_db, review_file, run_page):
    before = dash_db.stat().st_mtime_ns
    at = run_page(PAGE, dash_db)
    row = _pick(at, "currency inferred")
    at.radio(key="review_action").set_value("correct").run()
    at.selectbox(key="review_field").set_value("currency").run()
    at.text_input(key="review_new").set_value("SGD").run()
    at.text_input(key="review_reviewer").set_value("ana").run()
    at.button(key="review_save").click().run()
    assert any("reason is empty" in w.value for w in at.warning) and not review_file.exists()
    at.text_area(key="review_reason").set_value("the paper is Singaporean").run()
    at.button(key="review_save").click().run()
    assert any(s.value.startswith("saved; rebuild to apply") for s in at.success)
    (d,) = reviews.load(review_file)
    assert (d.action, d.field, d.new, d.reviewer, d.reason) == ("correct", "currency", "SGD", "ana",
                                                                 "the paper is Singaporean")
    assert (d.target_kind, d.target_id, d.document_id, d.quote) == ("amount", row["record_id"], row["document_id"],
                                                                    row["record_quote"])
    assert dash_db.stat().st_mtime_ns == before  # the database was not written
    at.run()
    table = _table(at)
    decided = table[table["target_id"] == d.target_id]
    assert decided["decision"].str.contains("currency set to SGD by ana").all()
    assert decided["decision"].str.contains("saved; rebuild to apply").all()


def test_a_check_can_be_dismissed_with_its_name_kept(dash_db, review_file, run_page):
    at = run_page(PAGE, dash_db)
    row = _pick(at, "check unverifiable")
    at.radio(key="review_action").set_value("reject").run()
    at.text_input(key="review_reviewer").set_value("bo").run()
    at.text_area(key="review_reason").set_value("RUB has no reference rate here; fine").run()
    at.button(key="review_save").click().run()
    (d,) = reviews.load(review_file)
    assert (d.target_kind, d.target_id, d.action, d.field) == ("check", row["target_id"], "reject", row["check_name"])
    assert d.quote == row["quote"]  # the check's subject: how it is found again when its id changes


def test_the_commitments_page_says_who_corrected_a_record_when_and_why(tmp_path, run_page):
    """After a rebuild with a correction, choosing that record shows the extracted and the
    reviewed value, the reviewer, the time and the reason."""
    from etl.build import build

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "fr.txt").write_text("Title: t\nPublisher: Elysee\nPublished: 2025-02-10\nLanguage: en\n\n"
                                   "Emmanuel Macron said France will invest €109 billion in AI data centres by 2030.\n",
                                   encoding="utf-8")
    db = tmp_path / "a.duckdb"
    build([folder], db, progress=False)
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    amount_id, did, quote = con.execute("SELECT amount_id, document_id, quote FROM amounts").fetchone()
    con.close()
    file = tmp_path / "r.csv"
    reviews.append(file, [reviews.decide(reviewer="ana", target_kind="amount", target_id=amount_id, document_id=did,
                                         quote=quote, action="correct", field="value", old="109000000000",
                                         new="110000000000", reason="the decree says 110",
                                         at="2026-12-03T10:00:00Z")])
    build([folder], db, progress=False, reviews_path=file)
    at = run_page(ROOT / "dashboard" / "app_pages" / "commitments.py", db)
    assert not at.exception
    texts = [t.value for t in at.text]
    assert ("value: 109000000000 extracted, 110000000000 reviewed · ana · 2026-12-03T10:00:00Z · the decree says 110"
            in texts)


def test_the_list_narrows_to_one_kind_or_to_what_waits_and_the_counts_cover_every_item(dash_db, review_file,
                                                                                      run_page):
    at = run_page(PAGE, dash_db)
    everything = _table(at)
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Waiting for a decision"]) == len(everything) and metrics["Decided"] == "0"
    at.selectbox(key="review_kind").set_value("currency inferred").run()
    assert set(_table(at)["item"]) == {"currency inferred"}
    assert len(_table(at)) == (everything["item"] == "currency inferred").sum()

    at.selectbox(key="review_kind").set_value("").run()
    row = _pick(at, "currency inferred")
    at.radio(key="review_action").set_value("accept").run()
    at.text_input(key="review_reviewer").set_value("ana").run()
    at.text_area(key="review_reason").set_value("read the source").run()
    at.button(key="review_save").click().run()
    at.run()
    metrics = {m.label: m.value for m in at.metric}
    decided = int((everything["target_id"] == row["target_id"]).sum())
    assert metrics["Decided"] == str(decided)
    assert int(metrics["Waiting for a decision"]) == len(everything) - decided
    at.checkbox(key="review_waiting").check().run()
    assert row["target_id"] not in set(_table(at)["target_id"])
    assert len(_table(at)) == len(everything) - decided


def _two_sources_apart(tmp_path):
    """Two retellings of one pledge with different figures, too far apart for Splink: two entries."""
    from etl.build import build

    folder = tmp_path / "docs"
    folder.mkdir()
    for name, publisher, published, text in (
            ("gov.txt", "GOV.UK", "2025-06-02",
             "Keir Starmer said Britain will invest £5 billion in artificial intelligence research by 2028."),
            ("wire.txt", "Reuters", "2025-06-20",
             "Keir Starmer announced that Britain will spend £5.6 billion on AI research by 2028.")):
        (folder / name).write_text(f"Title: t\nPublisher: {publisher}\nPublished: {published}\nLanguage: en\n\n"
                                   f"{text}\n", encoding="utf-8")
    db = tmp_path / "a.duckdb"
    build([folder], db, progress=False, jobs=1)
    return folder, db


def test_after_a_merge_the_pages_show_the_entry_the_rebuild_made(tmp_path, review_file, run_page):
    """A merge saved on the Review page and applied by the rebuild: the Commitments page shows one
    entry of two sources with the check where they disagree (its arithmetic), the Review page queues
    that check and lists the merge among the corrections applied."""
    import duckdb

    from etl.build import build

    reviews.append(review_file, [])  # the file the page writes to, empty (a header) for the first build
    folder, db = _two_sources_apart(tmp_path)
    con = duckdb.connect(str(db), read_only=True)
    (gov, did, quote), (wire, _, _) = con.execute("SELECT amount_id, document_id, quote FROM amounts "
                                                  "ORDER BY value").fetchall()
    con.close()
    at = run_page(ROOT / "dashboard" / "app_pages" / "commitments.py", db)
    entries = next(df.value for df in at.dataframe if "entry_id" in df.value.columns)
    assert len(entries) == 2 and (entries["n_sources"] == 1).all() and (entries["across_checks"] == 0).all()

    reviews.append(review_file, [reviews.decide(reviewer="ana", target_kind="amount", target_id=gov, document_id=did,
                                                quote=quote, action="merge", new=wire,
                                                reason="one research pledge, retold")])
    db = tmp_path / "b.duckdb"  # another file: this process may still hold the first one open
    build([folder], db, progress=False, jobs=1, reviews_path=review_file)
    at = run_page(ROOT / "dashboard" / "app_pages" / "commitments.py", db)
    assert not at.exception
    entries = next(df.value for df in at.dataframe if "entry_id" in df.value.columns)
    (entry,) = entries.to_dict("records")
    assert (entry["n_sources"], entry["across_checks"], entry["check_status"], entry["value"]) == (2, 1, "warn", 5e9)
    assert str(entry["first_seen"])[:10] == "2025-06-02" and str(entry["last_seen"])[:10] == "2025-06-20"
    assert any("· 2 sources" in e.label for e in at.expander)
    assert any("600,000,000, 12.00% of the entry's figure" in t.value for t in at.text)

    at = run_page(PAGE, db)
    assert not at.exception
    queued = _table(at)
    assert queued["detail"].str.contains("5,600,000,000 - 5,000,000,000 = 600,000,000", regex=False).any()
    applied = next(df.value for df in at.dataframe if "applied_to" in df.value.columns)
    assert applied["note"].str.startswith("one entry now: ").tolist() == [True]


def test_a_commitment_without_an_amount_is_decided_by_its_own_id(tmp_path, review_file, run_page):
    """A registry link near the threshold between two mentions that name no amount: the Review page
    offers to split it and saves the decision on the mention's own id, which the rebuild applies."""
    from etl.build import build

    folder = tmp_path / "docs"
    folder.mkdir()
    for name, publisher, text in (
            ("a.txt", "TASS", "Vladimir Putin said Russia will set up a national AI task force."),
            ("b.txt", "Daily Courier", "Russia is to create a national AI task force to steer chip projects and "
                                       "data centres, Vladimir Putin told reporters in Moscow on Thursday.")):
        (folder / name).write_text(f"Title: t\nPublisher: {publisher}\nPublished: 2025-05-0{3 if name == 'b.txt' else 1}"
                                   f"\nLanguage: en\n\n{text}\n", encoding="utf-8")
    db = tmp_path / "a.duckdb"
    reviews.append(review_file, [])
    build([folder], db, progress=False, jobs=1)
    at = run_page(PAGE, db)
    row = _pick(at, "registry link near the threshold")
    assert row["target_kind"] == "commitment" and not isinstance(row["record_id"], str)
    at.radio(key="review_action").set_value("split").run()
    at.text_input(key="review_reviewer").set_value("ana").run()
    at.text_area(key="review_reason").set_value("two different task forces").run()
    at.button(key="review_save").click().run()
    assert not at.warning, [w.value for w in at.warning]
    (d,) = reviews.load(review_file)
    assert (d.target_kind, d.target_id, d.action, d.quote) == ("commitment", row["target_id"], "split",
                                                              "national AI task force")
    rebuilt = tmp_path / "b.duckdb"  # another file: this process may still hold the first one open
    summary = build([folder], rebuilt, progress=False, jobs=1, reviews_path=review_file)
    assert (summary.reviews.applied, summary.reviews.orphaned) == (1, 0)
    import duckdb

    con = duckdb.connect(str(rebuilt), read_only=True)
    assert con.execute("SELECT n_sources FROM registry WHERE commitment_id IS NOT NULL AND kind = 'task_force'"
                       ).fetchall() == [(1,), (1,)]
    con.close()
