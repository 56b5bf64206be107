"""The registry's status ladder (announced -> in_plan -> in_law -> funded -> achieved/missed)
and its evidence, and the dates its sources give: a deadline or an announcement day two
sources of one entry disagree on is an across_sources check row with the arithmetic (issue 13).

Every case is a real build of short texts written here, one entry per document: the
sentence around the figure carries the cue (or the cue that must not count).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import write_docs

from etl import paths
from etl.build import build
from etl.registry import status_cue_rows, status_patterns

# file name -> (publisher, published, language, text)
DOCS = {
    "plan.txt": ("GOV.UK", "2025-01-13", "en",
                 "Keir Starmer said Britain's National AI Strategy sets aside £1 billion for AI skills."),
    "law.txt": ("Reuters", "2022-08-10", "en",
                "Joe Biden on Tuesday signed the Chips for AI Act into law, releasing $40 billion for chip plants in the "
                "United States."),
    "budget-ru.txt": ("ТАСС", "2025-03-05", "ru",
                      "Михаил Мишустин сообщил, что в федеральном бюджете России на развитие ИИ заложено 30 млрд рублей."),
    "funded.txt": ("Reuters", "2025-06-11", "en",
                   "Rachel Reeves has allocated around £2bn to data centres in Britain."),
    "funded-ru.txt": ("ТАСС", "2025-07-01", "ru",
                      "На создание суперкомпьютеров в России уже выделено 12 млрд рублей, сообщил Дмитрий Чернышенко."),
    "achieved.txt": ("Reuters", "2026-02-01", "en",
                     "Kazakhstan reached its target of $3 billion of AI investment by 2025, Olzhas Bektenov said."),
    "missed.txt": ("Reuters", "2026-02-02", "en",
                   "Brazil missed its target of R$5 billion for AI start-ups by 2024, Lula da Silva said."),
    # "fell short" before the deadline: an interim shortfall, not a missed deadline
    "early.txt": ("Reuters", "2025-02-03", "en",
                  "Mexico fell short of its goal of $7 billion for AI compute by 2028, Claudia Sheinbaum said."),
    # the future and the negated are not yet
    "future.txt": ("Reuters", "2025-04-01", "en",
                   "Mark Carney said C$9 billion for AI research in Canada will be included in the federal budget."),
    "negated.txt": ("Reuters", "2025-04-02", "en",
                    "Anthony Albanese said the A$4 billion for AI chips in Australia has not been allocated."),
    "future-ru.txt": ("ТАСС", "2025-04-03", "ru",
                      "Алексей Оверчук сообщил, что на ИИ в сельском хозяйстве России будет выделено 8 млрд рублей."),
    # a cue in another sentence of the document, about something else
    "other.txt": ("Reuters", "2025-05-05", "en",
                  "The budget allocates money to housing. Pedro Sanchez said Spain will invest €6 billion in AI."),
    # two sources of one pledge that disagree on the deadline year (the figure agrees)
    "it-news.txt": ("Corriere della Sera", "2025-03-10", "en",
                   "Giorgia Meloni said Italy will spend €3 billion on AI supercomputers by 2029."),
    "it-wire.txt": ("Reuters", "2025-03-10", "en",
                    "Giorgia Meloni said Italy will spend €3 billion on AI supercomputers by 2030."),
    # ... on the deadline's month within one year
    "de-wire.txt": ("Reuters", "2025-03-11", "en",
                    "Friedrich Merz said Germany will spend €5 billion on AI factories by March 2028."),
    "de-news.txt": ("Handelsblatt", "2025-03-11", "en",
                    "Friedrich Merz said Germany will spend €5 billion on AI factories by the end of June 2028."),
    # ... on the day of the announcement ("on Monday" in a Tuesday story, "on Tuesday" in a
    # Wednesday one): 2025-03-03 against 2025-03-04
    "nl-wire.txt": ("Reuters", "2025-03-04", "en",
                    "Dick Schoof said on Monday that the Netherlands will invest €2.5 billion in AI chips."),
    "nl-news.txt": ("NOS", "2025-03-05", "en",
                    "Dick Schoof said on Tuesday that the Netherlands will invest €2.5 billion in AI chips."),
    # two sources of one pledge that disagree on its outcome
    "ae-achieved.txt": ("Reuters", "2026-01-10", "en",
                        "Mohamed bin Zayed said the UAE reached its target of $20 billion of AI investment by 2025."),
    "ae-missed.txt": ("Bloomberg", "2026-01-12", "en",
                      "Mohamed bin Zayed said the UAE missed its target of $20 billion of AI investment by 2025."),
    # a passed deadline with no outcome: flagged, never made "missed"
    "overdue.txt": ("Reuters", "2024-05-06", "en",
                    "Recep Erdogan said Turkey will spend $1.5 billion on AI by 2025."),
}


def _write(folder: Path) -> Path:
    return write_docs(folder, DOCS)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("status")
    path = root / "s.duckdb"
    build([_write(root / "docs")], path, progress=False)
    return path


@pytest.fixture(scope="module")
def con(db_path):
    c = duckdb.connect(str(db_path), read_only=True)
    yield c
    c.close()


def _entry_of(con, name: str) -> dict:
    cur = con.execute("""SELECT r.* FROM registry r JOIN origins o USING (document_id)
                         WHERE o.origin LIKE '%/' || ?""", [name])
    rows = cur.fetchall()
    assert len(rows) == 1, name
    return dict(zip([d[0] for d in cur.description], rows[0]))


def _evidence(con, entry_id: str) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in con.execute(
        "SELECT rung, quote, rank, published_on, cue FROM registry_status WHERE entry_id = ?", [entry_id]).fetchall()}


@pytest.mark.parametrize("name, status, quote", [
    ("plan.txt", "in_plan", "National AI Strategy"),
    ("law.txt", "in_law", "signed the Chips for AI Act into law"),
    ("budget-ru.txt", "in_law", "в федеральном бюджете"),
    ("funded.txt", "funded", "has allocated"),
    ("funded-ru.txt", "funded", "уже выделено"),
    ("achieved.txt", "achieved", "reached its target"),
    ("missed.txt", "missed", "missed its target"),
])
def test_each_rung_is_reached_from_its_cue_with_the_cue_as_evidence(con, name, status, quote):
    entry = _entry_of(con, name)
    assert entry["status"] == status
    evidence = _evidence(con, entry["entry_id"])
    assert set(evidence) == {"announced", status}  # announced is every entry's first rung
    assert evidence[status][0] == quote
    assert evidence["announced"][0] == entry["quote"]  # the figure itself
    assert entry["status_on"] == evidence[status][2]  # as of the source that says so
    assert evidence[status][3].startswith("status_cues.csv:")


def test_the_rank_orders_the_ladder(con):
    ranks = dict(con.execute("SELECT DISTINCT rung, rank FROM registry_status").fetchall())
    assert ranks == {"announced": 1, "in_plan": 2, "in_law": 3, "funded": 4, "achieved": 5, "missed": 5}


@pytest.mark.parametrize("name, rung", [("future.txt", "in_law"), ("negated.txt", "funded"),
                                        ("future-ru.txt", "funded"), ("other.txt", "in_law"), ("early.txt", "missed")])
def test_a_future_negated_elsewhere_or_early_cue_does_not_count(con, name, rung):
    entry = _entry_of(con, name)
    assert entry["status"] == "announced"
    assert set(_evidence(con, entry["entry_id"])) == {"announced"}
    # the cue is there, in the document's text: it is the rule that keeps it out
    lang, text = DOCS[name][2], DOCS[name][3]
    pattern = status_patterns(status_cue_rows(), lang)[rung]
    assert duckdb.connect().execute("SELECT regexp_matches(?, ?)", [text, pattern]).fetchone() == (True,)


def test_every_evidence_row_quotes_the_document_at_its_offsets(con):
    rows = con.execute("""SELECT s.quote, substring(d.text, s.start + 1, s."end" - s.start), s.rung
                          FROM registry_status s JOIN documents d USING (document_id)""").fetchall()
    assert len(rows) >= len(DOCS) + 7
    for quote, text, rung in rows:
        assert quote == text, rung
    # the seven rung texts and the UAE pair's two outcomes, and nothing from the texts that must not count
    assert con.execute("SELECT count(*) FROM registry_status WHERE rung <> 'announced'").fetchone()[0] == 9


def test_a_passed_deadline_without_an_outcome_is_flagged_not_missed(con):
    entry = _entry_of(con, "overdue.txt")
    assert entry["status"] == "announced" and entry["deadline_year"] == 2025
    rows = con.execute("""SELECT status, detail FROM checks WHERE "check" = 'deadline_passed'
                          AND document_id = ?""", [entry["document_id"]]).fetchall()
    assert len(rows) == 1 and rows[0][0] == "info"
    assert "2025 is before 2026" in rows[0][1] and "no source says it was achieved or missed" in rows[0][1]
    # an entry with an outcome, or with a deadline still ahead, is not flagged
    for name in ("achieved.txt", "missed.txt", "early.txt"):
        doc = _entry_of(con, name)["document_id"]
        assert con.execute("""SELECT count(*) FROM checks WHERE "check" = 'deadline_passed'
                              AND document_id = ?""", [doc]).fetchone()[0] == 0


def test_the_cues_file_is_checked_line_by_line(tmp_path):
    bad = tmp_path / "cues.csv"
    bad.write_text("# a comment\nrole,rung,lang,pattern,note\ncue,in_plan,en,strategy,ok\ncue,funded_twice,en,x,no\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match=r"cues.csv:4: rung is one of"):
        status_cue_rows(bad)
    from etl.registry import _check_patterns

    with pytest.raises(ValueError, match=r"cues.csv:9: pattern '\(budget' is not a regular expression"):
        _check_patterns(duckdb.connect(), [{"pattern": "(budget", "line": 9}], bad)


def test_a_language_without_cues_for_a_rung_matches_nothing():
    params = status_patterns([{"role": "cue", "rung": "in_law", "lang": "xx", "pattern": "lex", "note": "",
                               "line": 2}], "xx")
    con = duckdb.connect()
    assert con.execute("SELECT regexp_extract('a lex b', ?, ['before', 'cue']).cue", [params["in_law"]]).fetchone() \
        == ("lex",)
    assert con.execute("SELECT regexp_matches('a lex b', ?)", [params["funded"]]).fetchone() == (False,)
    assert con.execute("SELECT regexp_matches('relex', ?)", [params["in_law"]]).fetchone() == (False,)  # whole words


def _entry_id_of(con, *names: str) -> str:
    ids = {r[0] for r in con.execute(
        """SELECT DISTINCT l.entry_id FROM registry_links l JOIN origins o USING (document_id)
           WHERE l.role = 'record' AND list_contains(?, regexp_extract(o.origin, '[^/]+$'))""",
        [list(names)]).fetchall()}
    assert len(ids) == 1, (names, ids)  # the two sources are one entry
    return ids.pop()


def _across(con, entry_id: str) -> list[tuple[str, str]]:
    return con.execute("""SELECT status, detail FROM checks WHERE "check" = 'across_sources'
                          AND detail LIKE 'registry entry ' || ? || ':%' ORDER BY detail""", [entry_id]).fetchall()


def test_sources_that_disagree_on_the_deadline_year_give_a_check_row_in_years(con):
    entry_id = _entry_id_of(con, "it-news.txt", "it-wire.txt")
    entry = con.execute("SELECT deadline_year, authority FROM registry WHERE entry_id = ?", [entry_id]).fetchone()
    assert entry == (2030, "wire")  # the wire's year, not an average
    rows = _across(con, entry_id)
    assert len(rows) == 1 and rows[0][0] == "warn"
    assert ('Corriere della Sera gives the deadline 2029 ("by 2029") but the entry\'s Reuters (wire) gives 2030 '
            '("by 2030"): 1 year apart') in rows[0][1]
    start, end = con.execute("""SELECT start, "end" FROM checks WHERE "check" = 'across_sources'
                                AND detail LIKE 'registry entry ' || ? || ':%'""", [entry_id]).fetchone()
    assert DOCS["it-news.txt"][3][start:end] == "by 2029"


def test_sources_that_disagree_on_the_deadline_month_give_a_check_row_in_days(con):
    entry_id = _entry_id_of(con, "de-wire.txt", "de-news.txt")
    rows = _across(con, entry_id)
    assert len(rows) == 1 and rows[0][0] == "warn"
    assert '2028-06-30 ("by the end of June 2028")' in rows[0][1] and '2028-03-31 ("by March 2028")' in rows[0][1]
    assert "91 days apart" in rows[0][1]


def test_sources_that_date_the_announcement_differently_give_a_check_row_in_days(con):
    entry_id = _entry_id_of(con, "nl-wire.txt", "nl-news.txt")
    rows = _across(con, entry_id)
    assert len(rows) == 1 and rows[0][0] == "warn"
    assert 'NOS dates the announcement 2025-03-04 ("Tuesday")' in rows[0][1]
    assert 'Reuters (wire) dates it 2025-03-03 ("Monday"): 1 day apart' in rows[0][1]
    # the row points at the date it doubts, in the doubting source's text
    start, end, subject = con.execute("""SELECT start, "end", subject FROM checks WHERE "check" = 'across_sources'
                                         AND detail LIKE 'registry entry ' || ? || ':%'""", [entry_id]).fetchone()
    assert DOCS["nl-news.txt"][3][start:end] == subject == "Tuesday"


def test_cli_prints_status_status_on_and_the_evidence(db_path, con):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "etl.cli", "registry", "--db", str(db_path), *args],
                              capture_output=True, text=True, check=True, cwd=paths.ROOT).stdout

    lines = {x["quote"]: x for x in map(json.loads, run("--country", "GB").splitlines())}
    funded = lines["£2bn"]
    assert (funded["status"], funded["status_on"], funded["as_of"]) == ("funded", "2025-06-11", "2025-06-11")
    doc = _entry_of(con, "funded.txt")["document_id"]
    assert funded["status_evidence"] == [{"rung": "funded", "document_id": doc, "quote": "has allocated"},
                                         {"rung": "announced", "document_id": doc, "quote": "£2bn"}]
    for key in ("id", "country", "kind", "value", "currency", "value_usd", "deadline_year", "sources", "supersedes"):
        assert key in funded
    rows = list(csv.DictReader(io.StringIO(run("--format", "csv", "--country", "RU"))))
    ru = {r["quote"]: r for r in rows}["12 млрд рублей"]
    assert ru["status"] == "funded" and ru["status_on"] == "2025-07-01"
    assert [e["quote"] for e in json.loads(ru["status_evidence"])] == ["уже выделено", "12 млрд рублей"]


def test_sources_that_disagree_on_the_outcome_show_the_latest_and_warn(con):
    entry_id = _entry_id_of(con, "ae-achieved.txt", "ae-missed.txt")
    status, status_on = con.execute("SELECT status, status_on FROM registry WHERE entry_id = ?", [entry_id]).fetchone()
    assert (status, status_on.isoformat()) == ("missed", "2026-01-12")  # the later source
    assert set(_evidence(con, entry_id)) == {"announced", "achieved", "missed"}
    rows = con.execute("""SELECT status, detail FROM checks WHERE "check" = 'status_conflict'
                          AND detail LIKE 'registry entry ' || ? || ':%'""", [entry_id]).fetchall()
    assert len(rows) == 1 and rows[0][0] == "warn"
    assert '"reached its target"' in rows[0][1] and '"missed its target"' in rows[0][1]


def test_the_quote_invariant_covers_the_status_evidence(db_path, tmp_path):
    import shutil

    from etl import db

    copy = tmp_path / "broken.duckdb"
    shutil.copy(db_path, copy)
    with duckdb.connect(str(copy)) as c:
        assert db.run_checks(c)["010_quotes_match_text"] == 0
        c.execute("""UPDATE registry_status SET start = start + 1
                     WHERE status_id = (SELECT min(status_id) FROM registry_status WHERE rung = 'in_law')""")
        assert db.run_checks(c)["010_quotes_match_text"] == 1


def test_one_row_of_status_cues_csv_teaches_a_cue(tmp_path, monkeypatch):
    from etl import registry

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "blueprint.txt").write_text("Title: b\nPublisher: Reuters\nPublished: 2025-05-01\nLanguage: en\n\n"
                                        "Britain's AI blueprint sets aside £3 billion for compute.\n", encoding="utf-8")

    def status_of(cues: Path) -> str:
        monkeypatch.setattr(registry, "STATUS_CUES_PATH", cues)
        path = tmp_path / f"{cues.stem}.duckdb"
        build([docs], path, progress=False)
        with duckdb.connect(str(path), read_only=True) as c:
            return c.execute("SELECT status FROM registry").fetchone()[0]

    copy = tmp_path / "cues.csv"
    copy.write_text(paths.REFERENCE_DIR.joinpath("status_cues.csv").read_text(encoding="utf-8")
                    + 'cue,in_plan,en,blueprint,"""Britain\'s AI blueprint"""\n', encoding="utf-8")
    assert status_of(paths.REFERENCE_DIR / "status_cues.csv") == "announced"
    assert status_of(copy) == "in_plan"
