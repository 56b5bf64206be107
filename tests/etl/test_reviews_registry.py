"""Review decisions that regroup the commitment registry (issue 13's review loop): a merge or a
split is made on Splink's clusters before the entries are, so everything made from the grouping
(sources, first and last seen, the figure, supersedes and latest, across_sources checks, the
status ladder, the entries the pages read) is that of the reviewed grouping, never left over
from the one before; and the registry's records that name no amount (a target, a commitment
mention) can be decided on by their own id, from the queue, the CLI and a build.

Every case is a real build of short texts written here into a real DuckDB file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from etl import db, reviews
from etl.build import build
from etl.registry import MATCH_WEIGHT_THRESHOLD

DOCS = {
    # one pledge told twice with different figures, too far apart for Splink: two entries, until merged
    "gb-gov.txt": ("GOV.UK", "2025-06-02",
                   "Keir Starmer said Britain will invest £5 billion in artificial intelligence research by 2028."),
    "gb-wire.txt": ("Reuters", "2025-06-20",
                    "Keir Starmer announced that Britain will spend £5.6 billion on AI research by 2028."),
    # one pledge told twice, dated differently by its sources: one entry and a check, until split
    "us-wire.txt": ("Reuters", "2025-03-03",
                    "Donald Trump announced on Monday that the United States will invest $500 billion in "
                    "artificial intelligence data centres by 2029."),
    "us-news.txt": ("Daily Courier", "2025-03-08",
                    "Donald Trump announced on Friday, March 7, that the United States will invest $500 billion "
                    "in AI data centres by 2029."),
    # commitments that name no amount: merged just above the threshold (7.7), and two left apart
    "ru-wire.txt": ("TASS", "2025-05-01", "Vladimir Putin said Russia will set up a national AI task force."),
    "ru-news.txt": ("Daily Courier", "2025-05-03",
                    "Russia is to create a national AI task force to steer chip projects and data centres, "
                    "Vladimir Putin told reporters in Moscow on Thursday."),
    "fr-gov.txt": ("Elysee", "2025-05-01", "Emmanuel Macron said France will set up a national AI task force."),
    "fr-news.txt": ("Daily Courier", "2025-05-03",
                    "France is to create a national AI task force to steer chip projects and data centres, "
                    "Clara Chappaz told reporters in Paris on Thursday."),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    for name, (publisher, published, text) in DOCS.items():
        (folder / name).write_text(f"Title: t\nPublisher: {publisher}\nPublished: {published}\nLanguage: en\n\n"
                                   f"{text}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def plain(corpus, tmp_path_factory) -> Path:
    """The corpus built without reviews."""
    path = tmp_path_factory.mktemp("plain") / "a.duckdb"
    build([corpus], path, progress=False, jobs=1)
    return path


def _read(path: Path):
    return duckdb.connect(str(path), read_only=True)


def _amount(con, quote: str, file: str = "") -> dict:
    """The one amount of this quote (in the document read from `file`)."""
    cur = con.execute("SELECT * FROM amounts WHERE quote = ? AND document_id IN "
                      "(SELECT document_id FROM origins WHERE origin LIKE ?)", [quote, f"%{file}"])
    (row,) = cur.fetchall()
    return dict(zip([c[0] for c in cur.description], row))


def _entry_of(con, record_id: str) -> dict:
    cur = con.execute("SELECT r.* FROM registry r JOIN registry_links l USING (entry_id) WHERE l.role = 'record' "
                      "AND coalesce(l.amount_id, l.target_id, l.commitment_id) = ?", [record_id])
    (row,) = cur.fetchall()
    return dict(zip([c[0] for c in cur.description], row))


def _registry_checks(con, entry_id: str) -> list[tuple[str, str]]:
    return con.execute("SELECT status, detail FROM checks WHERE \"check\" = 'across_sources' "
                       "AND starts_with(detail, 'registry entry ' || ? || ':') ORDER BY detail", [entry_id]).fetchall()


def _decide(con, quote: str, **kw) -> reviews.Decision:
    a = _amount(con, quote)
    return reviews.decide(reviewer="ana", target_kind="amount", target_id=a["amount_id"], document_id=a["document_id"],
                          quote=a["quote"], **kw)


def _rebuild(corpus: Path, tmp_path: Path, decisions: list[reviews.Decision]) -> Path:
    file = tmp_path / "r.csv"
    reviews.append(file, decisions)
    path = tmp_path / "b.duckdb"
    summary = build([corpus], path, progress=False, jobs=1, reviews_path=file)
    assert summary.reviews.orphaned == 0, summary.reviews
    return path


def test_a_merged_entry_is_made_whole_from_its_sources_with_the_check_where_they_disagree(corpus, plain, tmp_path):
    con = _read(plain)
    gov, wire = _amount(con, "£5 billion"), _amount(con, "£5.6 billion")
    before = _entry_of(con, gov["amount_id"])
    assert before["entry_id"] != _entry_of(con, wire["amount_id"])["entry_id"]
    assert not _registry_checks(con, before["entry_id"])
    decision = _decide(con, "£5.6 billion", action="merge", new=gov["amount_id"], reason="the same research pledge")
    con.close()

    con = _read(_rebuild(corpus, tmp_path, [decision]))
    entry = _entry_of(con, gov["amount_id"])
    assert _entry_of(con, wire["amount_id"])["entry_id"] == entry["entry_id"]
    # the entry as the registry makes one: its figure from the official source, its span of dates, its sources
    assert (entry["value"], entry["currency"], entry["authority"]) == (5e9, "GBP", "official")
    assert (entry["n_sources"], entry["first_seen"], entry["last_seen"]) == (2, dt.date(2025, 6, 2),
                                                                            dt.date(2025, 6, 20))
    assert entry["latest"] and entry["supersedes"] is None and entry["status_on"] == dt.date(2025, 6, 20)
    # the sources disagree on the figure: a check row with the arithmetic, never an average
    ((status, detail),) = _registry_checks(con, entry["entry_id"])
    assert status == "warn"
    assert "5,600,000,000 - 5,000,000,000 = 600,000,000, 12.00% of the entry's figure, beyond" in detail
    # the status ladder has the evidence of both sources, and nothing of an entry that is gone
    assert con.execute("SELECT count(DISTINCT document_id) FROM registry_status WHERE entry_id = ?",
                       [entry["entry_id"]]).fetchone() == (2,)
    assert con.execute("SELECT count(*) FROM registry_status WHERE entry_id NOT IN (SELECT entry_id FROM registry)"
                       ).fetchone() == (0,)
    # the entries the pages read say so too
    assert con.execute("SELECT check_status, across_checks, len(sources) FROM v_entries WHERE entry_id = ?",
                       [entry["entry_id"]]).fetchone() == ("warn", 1, 2)
    link = con.execute("SELECT matched_to, match_weight, reasons FROM registry_links WHERE amount_id = ?",
                       [wire["amount_id"]]).fetchone()
    assert link[0] == gov["amount_id"] and link[1] is None and "the same research pledge" in link[2]
    (note,) = con.execute("SELECT note FROM corrections_applied").fetchone()
    assert note == f"one entry now: {entry['entry_id']} (2 sources)"


def test_a_split_takes_the_disagreement_with_it(corpus, plain, tmp_path):
    con = _read(plain)
    wire, news = _amount(con, "$500 billion", "us-wire.txt"), _amount(con, "$500 billion", "us-news.txt")
    together = _entry_of(con, news["amount_id"])
    assert together["n_sources"] == 2
    ((status, detail),) = _registry_checks(con, together["entry_id"])
    assert status == "warn" and "dates the announcement 2025-03-07" in detail
    decision = reviews.decide(reviewer="ana", target_kind="amount", target_id=news["amount_id"],
                              document_id=news["document_id"], quote=news["quote"], action="split",
                              reason="the paper means a second programme")
    con.close()

    con = _read(_rebuild(corpus, tmp_path, [decision]))
    rest, alone = _entry_of(con, wire["amount_id"]), _entry_of(con, news["amount_id"])
    assert rest["entry_id"] != alone["entry_id"]
    assert (rest["n_sources"], rest["first_seen"], rest["last_seen"]) == (1, dt.date(2025, 3, 3), dt.date(2025, 3, 3))
    assert (alone["n_sources"], alone["first_seen"], alone["last_seen"]) == (1, dt.date(2025, 3, 8),
                                                                            dt.date(2025, 3, 8))
    # one source each: nothing left to disagree about, under either entry's id or the old one
    for entry_id in (rest["entry_id"], alone["entry_id"], together["entry_id"]):
        assert _registry_checks(con, entry_id) == []
    assert con.execute("SELECT across_checks, check_status FROM v_entries WHERE entry_id = ?",
                       [rest["entry_id"]]).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM registry_status WHERE entry_id = ? AND document_id <> ?",
                       [alone["entry_id"], news["document_id"]]).fetchone() == (0,)
    (reasons,) = con.execute("SELECT reasons FROM registry_links WHERE amount_id = ?", [news["amount_id"]]).fetchone()
    assert "split out by review" in reasons and "a second programme" in reasons


def test_a_rejected_entry_takes_its_check_rows_with_it(corpus, plain, tmp_path):
    con = _read(plain)
    entry = _entry_of(con, _amount(con, "$500 billion", "us-wire.txt")["amount_id"])
    assert _registry_checks(con, entry["entry_id"])
    decision = reviews.decide(reviewer="ana", target_kind="entry", target_id=entry["entry_id"],
                              document_id=entry["document_id"], quote=entry["quote"], action="reject",
                              reason="a wish, not a pledge")
    con.close()
    con = _read(_rebuild(corpus, tmp_path, [decision]))
    assert con.execute("SELECT count(*) FROM registry WHERE entry_id = ?", [entry["entry_id"]]).fetchone() == (0,)
    assert _registry_checks(con, entry["entry_id"]) == []


# ---------------------------------------------------------------- records that name no amount

def _near(con) -> list[dict]:
    q = db.run_query(con, "review_queue", {"threshold": MATCH_WEIGHT_THRESHOLD,
                                           "items": ["registry link near the threshold"]})
    return q.astype(object).where(q.notna(), None).to_dict("records")


def test_a_commitment_without_an_amount_is_queued_by_its_own_id(plain):
    con = _read(plain)
    items = _near(con)
    task_force = [i for i in items if i["quote"] == "national AI task force"]
    assert len(task_force) == 2, items
    linked = {r[0] for r in con.execute("SELECT commitment_id FROM registry_links WHERE role = 'record' "
                                        "AND commitment_id IS NOT NULL").fetchall()}
    for i in task_force:
        assert i["target_kind"] == "commitment" and i["target_id"] in linked and i["record_id"] is None
        assert i["document_id"] and "merged with" in i["detail"]
    assert all(i["target_id"] is not None for i in items)
    found = reviews.find_target(con, task_force[0]["target_id"])
    assert (found["target_kind"], found["quote"]) == ("commitment", "national AI task force")


def test_decisions_on_commitments_without_an_amount_apply(corpus, plain, tmp_path):
    con = _read(plain)
    (item, _) = [i for i in _near(con) if i["quote"] == "national AI task force"]
    together = _entry_of(con, item["target_id"])
    assert together["n_sources"] == 2
    fr = [r[0] for r in con.execute("SELECT commitment_id FROM commitments JOIN documents USING (document_id) "
                                    "WHERE commitments.country_code = 'FR' AND kind = 'task_force' ORDER BY published_on"
                                    ).fetchall()]  # the Elysee's first: the merged entry shows it
    assert len(fr) == 2 and _entry_of(con, fr[0])["entry_id"] != _entry_of(con, fr[1])["entry_id"]
    extra = con.execute("SELECT commitment_id, document_id, quote FROM commitments WHERE country_code = 'RU' "
                        "AND kind <> 'task_force'").fetchone()

    def on(kind, record_id, doc, quote, action, new=""):
        return reviews.decide(reviewer="ana", target_kind=kind, target_id=record_id, document_id=doc, quote=quote,
                              action=action, new=new, reason="read both")

    fr_doc = _entry_of(con, fr[0])["document_id"]
    decisions = [on("commitment", item["target_id"], item["document_id"], item["quote"], "split"),
                 on("commitment", fr[0], fr_doc, "national AI task force", "merge", new=fr[1]),
                 on("commitment", *extra, "reject")]
    con.close()

    con = _read(_rebuild(corpus, tmp_path, decisions))
    assert con.execute("SELECT count(*) FROM corrections_applied").fetchone() == (3,)
    apart = _entry_of(con, item["target_id"])
    assert apart["n_sources"] == 1 and apart["entry_id"] != _entry_of(con, item["other_id"])["entry_id"]
    merged = _entry_of(con, fr[0])
    assert merged["entry_id"] == _entry_of(con, fr[1])["entry_id"] and merged["n_sources"] == 2
    assert (merged["first_seen"], merged["last_seen"]) == (dt.date(2025, 5, 1), dt.date(2025, 5, 3))
    assert merged["commitment_id"] == fr[0]
    listed = db.run_query(con, "registry_entries", {"countries": ["FR"], "kinds": ["task_force"]})
    assert listed.set_index("entry_id").loc[merged["entry_id"], "reviewed"]  # the decision on what it shows
    assert con.execute("SELECT count(*) FROM commitments WHERE commitment_id = ?", [extra[0]]).fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM registry_links WHERE commitment_id = ?", [extra[0]]).fetchone() == (0,)


def test_a_split_out_re_announcement_supersedes_the_entry_it_left(tmp_path):
    """Splink merges a fund retold three days later with another figure (the same words and
    speaker outweigh it: 8.0); split out by review, the later figure is a re-announcement of the
    earlier entry, which stops being the latest, and the two no longer disagree."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, publisher, published, figure in (("gov.txt", "GOV.UK", "2025-06-02", "£5 billion"),
                                                ("wire.txt", "Reuters", "2025-06-05", "£5.6 billion")):
        (folder / name).write_text(f"Title: t\nPublisher: {publisher}\nPublished: {published}\nLanguage: en\n\n"
                                   f"Keir Starmer said Britain will create a {figure} fund for AI research by 2028.\n",
                                   encoding="utf-8")
    build([folder], tmp_path / "a.duckdb", progress=False, jobs=1)
    con = _read(tmp_path / "a.duckdb")
    gov, wire = _amount(con, "£5 billion"), _amount(con, "£5.6 billion")
    merged = _entry_of(con, wire["amount_id"])
    assert merged["n_sources"] == 2 and len(_registry_checks(con, merged["entry_id"])) == 1
    decision = _decide(con, "£5.6 billion", action="split", reason="a larger fund, announced again")
    con.close()

    con = _read(_rebuild(folder, tmp_path, [decision]))
    first, later = _entry_of(con, gov["amount_id"]), _entry_of(con, wire["amount_id"])
    assert (later["supersedes"], later["latest"]) == (first["entry_id"], True)
    assert (first["supersedes"], first["latest"]) == (None, False)
    assert _registry_checks(con, first["entry_id"]) == _registry_checks(con, later["entry_id"]) == []
    # the pages' entries: only the re-announcement counts by default (latest only)
    assert con.execute("SELECT entry_id FROM filtered_entries(['GB'], [], [], [], NULL, NULL, NULL, [], NULL)"
                       ).fetchall() == [(later["entry_id"],)]
