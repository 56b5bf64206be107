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
