"""Targets beyond money (etl.extract.targets), what deadlines bind, and the targets and deadlines
tables as exported. Sentences written for these tests; one phenomenon per case."""

from __future__ import annotations

import datetime as dt
import io

import duckdb
import pandas as pd
import pytest

from etl.extract import extract_text

ON = dt.date(2026, 3, 2)

# (language, sentence, metric, comparator, value, unit, year)
CASES = [
    ("en", "The ministry plans to train 20,000 AI specialists by 2030.", "People trained in AI", "exact", 20000, "people", 2030),
    ("en", "By 2029, at least 8,000 data scientists will be trained in regional universities.",
     "People trained in AI", "at_least", 8000, "people", 2029),
    ("en", "AI is expected to add 3% to GDP by the end of the decade.", "AI share of GDP", "exact", 3, "% of GDP", 2030),
    ("en", "The country will deploy 50,000 GPUs in a national cloud.", "GPUs", "exact", 50000, "GPUs", None),
    ("en", "The operator wants 1 GW of data-centre capacity by 2028.", "Data-centre capacity", "exact", 1000, "MW", 2028),
    ("en", "Our new supercomputer should reach 2 exaflops by 2027.", "Compute capacity", "exact", 2000, "PFLOPS", 2027),
    ("en", "The strategy aims to put the country among the top 3 AI nations by 2030.",
     "Rank among AI nations", "up_to", 3, "rank", 2030),
    ("ru", "Правительство намерено подготовить 15 тысяч специалистов по ИИ к 2030 году.",
     "People trained in AI", "exact", 15000, "people", 2030),
    ("ru", "Россия должна войти в число лидеров в области искусственного интеллекта к 2030 году.",
     "Rank among AI nations", "up_to", None, "rank", 2030),
    ("ru", "Доля ИИ в ВВП страны должна достичь 5% к 2030 году.", "AI share of GDP", "exact", 5, "% of GDP", 2030),
    ("ru", "К 2028 году в стране развернут 10 тысяч графических процессоров.", "GPUs", "exact", 10000, "GPUs", 2028),
    ("ru", "Мощность новых ЦОД составит 300 МВт к 2027 году.", "Data-centre capacity", "exact", 300, "MW", 2027),
    ("fr", "La France veut former 10 000 spécialistes de l'IA dans ses universités.",
     "People trained in AI", "exact", 10000, "people", None),
    ("fr", "Le plan prévoit 500 MW de centres de données pour l'IA.", "Data-centre capacity", "exact", 500, "MW", None),
    ("de", "Deutschland will 5.000 GPUs für die Forschung bereitstellen.", "GPUs", "exact", 5000, "GPUs", None),
]


@pytest.mark.parametrize("lang,text,metric,comparator,value,unit,year", CASES,
                         ids=[f"{c[0]}:{c[2]}:{c[1][:25]}" for c in CASES])
def test_a_target_beyond_money_has_metric_comparator_value_unit_year_and_evidence(
        lang, text, metric, comparator, value, unit, year):
    ex = extract_text(text, ON, lang)
    got = [t for t in ex.targets if t.metric == metric]
    assert len(got) == 1, [(t.metric, t.value) for t in ex.targets]
    t = got[0]
    assert (t.comparator, t.value, t.unit, t.currency, t.year) == (comparator, value, unit, None, year)
    # every number traceable: the sentence and the words the value was read from, at their offsets
    assert text[t.evidence.start:t.evidence.end] == t.evidence.text == text
    q = t.quantity
    assert q is not None and text[q.start:q.end] == q.text and q.text in text


NOT_TARGETS = [
    ("en", "The fair drew 50,000 visitors by 2025."),  # visitors are no GPUs
    ("en", "GDP grew 3% last year, and the economy will grow 2% by 2027."),  # growth, not a share of GDP
    ("en", "GDP growth of 3% is expected by 2028."),
    ("en", "The cluster has 4,000 GPUs."),  # a fact: no deadline, no goal
    ("en", "A 500 MW gas plant will open by 2027."),  # megawatts, but not for data centres
    ("en", "The company employs 20,000 engineers."),  # people, but nobody is trained
    ("ru", "ВВП вырос на 3% в прошлом году."),
    ("ru", "Выставку посетили 50 тысяч человек."),
]


@pytest.mark.parametrize("lang,text", NOT_TARGETS, ids=[t[:30] for _, t in NOT_TARGETS])
def test_counts_that_are_no_target_give_none(lang, text):
    assert extract_text(text, ON, lang).targets == []


def test_money_targets_stay_as_they_were_with_their_currency_as_unit():
    text = "AI's contribution to GDP should exceed 11 trillion roubles by 2030, and 10,000 engineers will be trained."
    ex = extract_text(text, ON, "en")
    money = [t for t in ex.targets if t.amount_index is not None]
    assert [(t.metric, t.value, t.currency, t.unit, t.year) for t in money] == [
        ("AI contribution to GDP", 11e12, "RUB", "RUB", 2030)]
    assert money[0].quantity.text == "11 trillion roubles"
    assert [t.metric for t in ex.targets] == ["AI contribution to GDP", "People trained in AI"]


def test_a_deadline_says_what_it_binds():
    text = ("Portugal will build an AI gigafactory in Sines worth €2.4bn by the end of 2027. "
            "The plan aims to train 20,000 AI specialists by 2030. "
            "A national AI strategy will be adopted by 2026. "
            "Officials met in Lisbon on Monday, and more talks are due by 2029.")
    ex = extract_text(text, ON, "en")
    got = [(d.text, d.year, d.binds, d.binds_text) for d in ex.facts.deadlines]
    assert got == [
        ("by the end of 2027", 2027, "amount", "€2.4bn"),
        ("by 2030", 2030, "target", "train 20,000 AI specialists"),
        ("by 2026", 2026, "commitment", "national AI strategy"),
        ("by 2029", 2029, None, None),
    ]
    assert ex.to_contract("x")["deadlines"][0]["binds"] == "amount"


def test_a_forecast_is_never_what_a_deadline_binds():
    # "the AI market should reach" is an outcome: the deadline binds the target, not the amount as money
    ex = extract_text("The AI services market should reach RUB 60bn a year by 2030.", ON, "en")
    assert [(d.binds, d.bound_index) for d in ex.facts.deadlines] == [("target", 0)]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from etl.build import build
    from tests.conftest import write_docs

    folder = write_docs(tmp_path_factory.mktemp("docs"), {
        "pt.txt": ("Lusa", "2026-03-02", "en",
                   "Portugal will build an AI gigafactory in Sines worth €2.4bn by the end of 2027. It gets €900m "
                   "from the state budget and €1.5bn from private investors. The plan aims to train 20,000 AI "
                   "specialists by 2030 and to be among the top 3 AI nations by 2030."),
        "ru.txt": ("ТАСС", "2026-03-03", "ru",
                   "Правительство России намерено подготовить 15 тысяч специалистов по ИИ к 2030 году. "
                   "Мощность новых ЦОД составит 300 МВт к 2027 году."),
    })
    db = tmp_path_factory.mktemp("db") / "t.duckdb"
    build([folder], db, progress=False)
    return db


def test_the_database_keeps_units_bindings_and_funding_evidence(built):
    con = duckdb.connect(str(built), read_only=True)
    try:
        targets = con.execute("SELECT metric, value, unit, year, value_quote FROM targets ORDER BY value_start").fetchall()
        assert ("People trained in AI", 20000.0, "people", 2030, "train 20,000 AI specialists") in targets
        assert ("Rank among AI nations", 3.0, "rank", 2030, "among the top 3") in targets
        assert ("Data-centre capacity", 300.0, "MW", 2027, "ЦОД составит 300 МВт") in targets
        # the headline amount is due by 2027: its deadline binds it and its record says so
        bound = con.execute("SELECT d.binds, a.quote, r.deadline_year FROM deadlines d JOIN amounts a USING (amount_id) "
                            "JOIN v_records r ON r.record_id = a.amount_id WHERE d.quote = 'by the end of 2027'").fetchall()
        assert bound == [("amount", "€2.4bn", 2027)]
        funding = con.execute("SELECT quote, funding, funding_quote FROM amounts ORDER BY start").fetchall()
        assert ("€900m", "public", "state budget") in funding and ("€1.5bn", "private", "private investors") in funding
        timeline = con.execute("SELECT what, unit FROM v_targets WHERE source_kind = 'target'").fetchall()
        assert ("People trained in AI", "people") in timeline
    finally:
        con.close()


def test_targets_and_deadlines_export_as_tables_and_in_the_zip(built, tmp_path):
    import zipfile

    from etl import cli
    from etl.errors import UsageError
    from etl.export import DEADLINE_COLUMNS, TARGET_COLUMNS, data_dictionary_markdown, export_bytes
    from etl.filters import Filter

    con = duckdb.connect(str(built), read_only=True)
    try:
        targets = pd.read_csv(io.BytesIO(export_bytes(con, "csv", Filter(countries=["RU"]), table="targets")),
                              dtype=str, keep_default_na=False)
        assert list(targets.columns) == list(TARGET_COLUMNS)
        assert sorted(zip(targets["metric"], targets["unit"], targets["value"])) == [
            ("Data-centre capacity", "MW", "300"), ("People trained in AI", "people", "15000")]
        deadlines = pd.read_csv(io.BytesIO(export_bytes(con, "csv", None, table="deadlines")), dtype=str,
                                keep_default_na=False)
        assert list(deadlines.columns) == list(DEADLINE_COLUMNS)
        assert set(deadlines["binds"]) <= {"amount", "target", "commitment", ""} and (deadlines["binds"] != "").all()
        z = zipfile.ZipFile(io.BytesIO(export_bytes(con, "zip", None)))
        assert z.read("targets.csv") == export_bytes(con, "csv", None, table="targets")
        assert z.read("deadlines.csv") == export_bytes(con, "csv", None, table="deadlines")
        # a filter about amounts does not narrow targets: refused, not silently ignored
        with pytest.raises(UsageError, match="--funding"):
            export_bytes(con, "csv", Filter(fundings=["public"]), table="targets")
    finally:
        con.close()
    out = tmp_path / "t.csv"
    with pytest.raises(SystemExit) as done:
        cli.main(["export", "--db", str(built), "--table", "targets", "-o", str(out)])
    assert done.value.code == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(TARGET_COLUMNS)
    # the data dictionary in docs/ is the one the zip ships
    from etl import paths

    assert (paths.ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8") == data_dictionary_markdown()


def test_no_row_gate_hides_a_phrase():
    """A row runs only in sentences whose token mask covers its literals (etl.extract.gates): every
    phrase a row's own pattern finds, in the cases above and in our texts, must be in a sentence
    that admits the row, or a target would silently go missing."""
    from pathlib import Path

    from etl.extract import targets as T
    from etl.extract.commitments import sentences
    from etl.extract.text import normalise

    root = Path(__file__).resolve().parents[2]
    texts = [c[1] for c in CASES] + [t for _, t in NOT_TARGETS]
    texts += [p.read_text(encoding="utf-8", errors="replace") for d in ("data/announcements", "tests/fixtures")
              for p in sorted((root / d).rglob("*")) if p.is_file()]
    seen = 0
    for raw in texts:
        text = normalise(raw).text
        for ss, se in sentences(text):
            admitted = T._admitted(T._GATES.window_mask(text, ss, se))
            for row in T._PHRASES:
                if row.rx.search(text[ss:se]):
                    seen += 1
                    assert row in admitted, (row.metric, text[ss:se][:80])
    assert seen >= 30  # the texts do exercise the rows (44 phrases when written)
