"""dashboard.data against real databases: bound parameters, the same rows and bytes as
the export, fresh data after a rebuild swaps the file, plain states for missing files."""

from __future__ import annotations

import datetime as dt
import shutil

import duckdb
import pandas as pd
import pytest

from dashboard import data
from dashboard.filters import from_choices
from etl import cli, db
from etl.export import export_bytes, records, registry
from etl.filters import Filter

EVIL = "x'; DROP TABLE amounts; --"


@pytest.fixture()
def source(dash_db, monkeypatch) -> data.Source:
    monkeypatch.setenv("AITRACK_DB", str(dash_db))
    return data.open_source()


def _cli_filters(*flags: str) -> Filter:
    """The Filter `aitrack export` builds from these flags."""
    return Filter.from_cli(cli.parser().parse_args(["export", "-o", "-", *flags]))


FILTER_CASES = [
    (Filter(), ()),
    (Filter(countries=("US", "RU")), ("--country", "US", "--country", "RU")),
    (Filter(currencies=("EUR",), headline_only=True), ("--currency", "EUR", "--headline-only")),
    (Filter(kinds=("fund",), statuses=("pass", "fail")), ("--kind", "fund", "--status", "pass", "--status", "fail")),
    (Filter(date_from=dt.date(2024, 3, 1), date_to=dt.date(2025, 2, 28)), ("--from", "2024-03-01", "--to", "2025-02-28")),
    (Filter(fundings=("public",)), ("--funding", "public")),
    (Filter(countries=("US", "GB"), headline_only=True, fundings=("private", "mixed")),
     ("--country", "US", "--country", "GB", "--headline-only", "--funding", "private", "--funding", "mixed")),
    (from_choices(countries=["EU bloc"], currencies=["EUR"]), ("--country", "EU-bloc", "--currency", "EUR")),
]


@pytest.mark.parametrize("filters,flags", FILTER_CASES, ids=lambda x: str(x)[:40])
def test_download_is_byte_for_byte_the_cli_export(filters, flags, source, dash_db):
    assert filters == _cli_filters(*flags)
    con = duckdb.connect(str(dash_db), read_only=True)
    try:
        for fmt in ("csv", "parquet", "zip"):
            assert data.export(source, fmt, filters) == export_bytes(con, fmt, _cli_filters(*flags)), fmt
    finally:
        con.close()
    assert filters.cli_flags().split() == list(flags)


@pytest.mark.parametrize("filters,flags", FILTER_CASES, ids=lambda x: str(x)[:40])
def test_the_table_shows_the_rows_the_export_holds_in_its_order(filters, flags, source, dash_db):
    table = data.record_table(source, filters, limit=None)
    con = duckdb.connect(str(dash_db), read_only=True)
    try:
        exported = records(con, filters)
    finally:
        con.close()
    assert list(table["record_id"]) == list(exported["record_id"])
    if len(table):
        assert int(table["filtered_rows"].iloc[0]) == len(exported)
    limited = data.record_table(source, filters, limit=3)
    assert list(limited["record_id"]) == list(exported["record_id"][:3])


def test_hostile_filter_values_are_bound_not_run(source, dash_db):
    # statuses and fundings are closed lists: a hostile one is refused before any SQL runs
    with pytest.raises(ValueError, match="unknown check status"):
        Filter(statuses=('" OR 1=1 --',))
    evil = Filter(countries=(EVIL,), currencies=(EVIL,), kinds=("'; SELECT 1; --",))
    assert data.record_table(source, evil).empty
    assert data.usd_coverage(source, evil).empty
    assert data.country_totals(source, Filter(countries=(EVIL,))).empty
    assert data.bloc_totals(source, EVIL, Filter(countries=(EVIL,))).empty
    assert data.target_timeline(source, (EVIL,)).empty
    assert data.target_list(source, (EVIL,), timing=EVIL).empty
    assert data.announcement_months(source, evil).empty
    assert data.check_list(source, (EVIL,)).empty
    assert data.record_source(source, EVIL) is None
    assert data.document_facts(source, EVIL).empty
    assert data.document_list(source, EVIL).empty
    csv = data.export(source, "csv", evil).decode()
    assert csv.count("\n") == 1  # the header only
    # and nothing was dropped
    con = duckdb.connect(str(dash_db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM amounts").fetchone()[0] > 0
    finally:
        con.close()
    assert len(data.record_table(source, Filter(), limit=None)) == 46


def test_eu_bloc_expands_to_the_union_and_members():
    f = from_choices(countries=["US", "EU bloc", "DE"])
    assert f.countries == ("US", "EU-bloc", "DE") and f == _cli_filters("--country", "US", "--country", "EU-bloc",
                                                                       "--country", "DE")
    codes = f.country_codes()
    assert codes[:2] == ("US", "EU") and "DE" in codes and "FR" in codes
    assert len(codes) == 1 + 28 and len(set(codes)) == len(codes)


def test_bloc_totals_add_up_exactly_the_rows_the_bloc_exports(source, dash_db):
    """The Compare page's "EU bloc" column is summed in SQL over the latest registry entries
    `--table registry --country EU-bloc --headline-only` exports: the Union's own and every
    member's, each commitment once."""
    bloc = data.bloc_totals(source, "EU bloc", from_choices(countries=["EU bloc"]))
    con = duckdb.connect(str(dash_db), read_only=True)
    try:
        rows = registry(con, _cli_filters("--country", "EU-bloc", "--headline-only"))
    finally:
        con.close()
    rows = rows[rows["latest"]]
    assert {"EU", "DE", "FR"} <= set(rows["country_code"])
    assert bloc.to_dict("records") == [{
        "country_code": "EU bloc", "commitments": len(rows), "total_usd": pytest.approx(rows["value_usd"].sum()),
        "converted": rows["value_usd"].notna().sum(), "not_converted": rows["value_usd"].isna().sum(),
        "no_value": rows["value"].isna().sum(), "currencies": ", ".join(sorted(set(rows["currency"].dropna()))),
    }]
    per_country = data.country_totals(source, from_choices(countries=["EU bloc"]))
    assert int(per_country["commitments"].sum()) == len(rows) and len(per_country) > 1  # several countries, one row
    assert data.bloc_totals(source, "none", Filter(countries=["ZZ"])).empty  # no row, not a row of zeros


def test_a_rebuild_is_seen_without_restart(tmp_path, monkeypatch, dash_db):
    from etl.build import build

    path = tmp_path / "live.duckdb"
    shutil.copy(dash_db, path)
    monkeypatch.setenv("AITRACK_DB", str(path))
    first = data.open_source()
    assert data.filter_options(first)["records"] == 46
    # `aitrack build` swaps a new file in with os.replace while the dashboard holds a connection
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(data.paths.ANNOUNCEMENTS_DIR / "us-01_stargate-project.txt", folder)
    build([folder], path, progress=False)
    second = data.open_source()
    assert second.stamp != first.stamp
    assert data.filter_options(second)["records"] == 2
    assert data.filter_options(second)["countries"] == ["US"]


def test_missing_and_empty_databases_are_expected_states(tmp_path, monkeypatch, empty_db):
    monkeypatch.setenv("AITRACK_DB", str(tmp_path / "nope.duckdb"))
    with pytest.raises(data.DataUnavailable, match="No database at") as e:
        data.open_source()
    assert e.value.level == "info"
    monkeypatch.setenv("AITRACK_DB", str(empty_db))
    with pytest.raises(data.DataUnavailable, match="no announcements yet"):
        data.open_source()
    monkeypatch.setenv("AITRACK_DB", str(tmp_path))
    with pytest.raises(data.DataUnavailable, match="is a folder") as e:
        data.open_source()
    assert e.value.level == "warning"


def test_a_chosen_record_brings_its_document_text(source):
    table = data.record_table(source, Filter(countries=("IN",)))
    rec = data.record_source(source, table["record_id"].iloc[0])
    assert rec["document_text"][rec["start"]:rec["end"]] == rec["quote"] == "₹10,371.92 crore"
    assert rec["usd_rate"] and rec["rate_on"] is not None and rec["rate_source"]
    # the table itself never carries document text
    assert "document_text" not in table.columns and "sentence" not in table.columns


def test_usd_coverage_separates_missing_from_zero(source, dash_db):
    import duckdb

    cov = data.usd_coverage(source, Filter(headline_only=True))
    assert set(cov["fx_status"]) == {"converted", "no_rate", "no_date"}
    with duckdb.connect(str(dash_db), read_only=True) as con:
        headline = con.execute("SELECT count(*) FROM amounts WHERE is_headline").fetchone()[0]
    assert int(cov["headline_amounts"].sum()) == headline > 20
    assert int(cov.loc[cov["fx_status"] != "converted", "with_usd"].sum()) == 0
    assert int(cov["zero_usd"].sum()) == 0


def test_every_dashboard_query_has_a_header_and_ends_in_final():
    from etl import paths

    mine = ["record_table", "usd_coverage", "filter_options", "record_source", "document_facts",
            "country_currency_totals", "publishers", "document_list", "document_origins"]
    for name in mine:
        text = (paths.SQL_DIR / "queries" / f"{name}.sql").read_text()
        head = text.splitlines()[:4]
        assert head[0] == f"-- name: {name}"
        assert any(h.startswith("-- grain:") for h in text.splitlines()[:6])
        assert "-- params:" in text and "-- used-by:" in text
        assert "select * from final" in text.lower()


def test_the_overview_aggregates_mean_what_the_rows_say(source):
    """country_totals and announcement_months draw the Overview in SQL: their counts, sums and
    'largest' examples must be those of the latest headline registry entries themselves."""
    rows = data.entry_table(source, Filter(headline_only=True), latest_only=True, limit=None)
    months = data.announcement_months(source, Filter())
    assert int(months["commitments"].sum()) == len(rows)
    assert int(months["converted"].sum()) == int(rows["value_usd"].notna().sum())
    assert months["total_usd"].sum() == pytest.approx(rows["value_usd"].sum())
    assert int(months.loc[months["month"].isna(), "commitments"].sum()) == int(rows["first_seen"].isna().sum())
    rows = rows.assign(country_code=rows["country_code"].fillna("??"),
                       month=pd.to_datetime(rows["first_seen"]).dt.to_period("M"))
    for m in months.itertuples():
        big = m.largest
        mine = rows[rows["entry_id"] == big["entry_id"]].iloc[0]
        assert mine["country_code"] == m.country_code and mine["quote"] == big["quote"]
        same = rows[(rows["country_code"] == m.country_code) & (
            rows["month"].isna() if pd.isna(m.month) else rows["month"] == pd.Period(m.month, "M"))]
        assert len(same) == m.commitments
        if m.converted:
            assert big["value_usd"] == same["value_usd"].max() and big["usd_rate"] and big["rate_source"]
    totals = data.country_totals(source, Filter())
    for t in totals.itertuples():
        mine = rows[(rows["country_code"] == t.country_code) & rows["value_usd"].notna()]
        largest = [] if t.largest is None or t.largest is pd.NA else list(t.largest)
        assert len(largest) == min(5, len(mine))
        usd = [x["value_usd"] for x in largest]
        assert usd == sorted(usd, reverse=True) and usd == sorted(mine["value_usd"], reverse=True)[:5]
        assert all(x["usd_rate"] and x["rate_source"] and x["rate_on"] for x in largest)


def test_the_targets_timeline_counts_the_listed_targets(source):
    for as_of in (dt.date(2020, 1, 1), dt.date(2026, 6, 1), dt.date(2040, 1, 1)):
        timeline = data.target_timeline(source, (), as_of)
        listed = data.target_list(source, (), as_of, limit=None)
        assert int(timeline["n"].sum()) == len(listed) > 10
        for timing in ("overdue", "due this year", "upcoming"):
            n = int(timeline.loc[timeline["timing"] == timing, "n"].sum())
            part = data.target_list(source, (), as_of, timing, limit=None)
            assert len(part) == n and set(part["timing"]) <= {timing}
            assert (part["year"] < as_of.year).all() if timing == "overdue" else True
        # the hover's examples are the group's first rows, at most three
        for g in timeline.itertuples():
            ex = list(g.examples)
            assert 1 <= len(ex) <= 3 and len(ex) == min(3, g.n)
            rows = listed[(listed["country_code"].fillna("??") == g.country_code) & (listed["year"] == g.year)
                          & (listed["source_kind"] == g.source_kind)]
            assert ex[0]["quote"] == rows.iloc[0]["quote"]
    assert set(data.target_timeline(source, ("RU",))["country_code"]) == {"RU"}
    limited = data.target_list(source, (), limit=3)
    assert len(limited) == 3 and int(limited["filtered_rows"].iloc[0]) > 3


def test_document_facts_read_as_people_write_them(source):
    """No raw float on the Sources page: '52700000000.0 USD' reads 'US$52.7 billion' (issue 17)."""
    from dashboard import charts

    docs = data.document_list(source, None)
    details = pd.concat([charts.fact_details(data.document_facts(source, d)) for d in docs["document_id"]])
    raw = details[details.str.contains(r"\d{4,}\.\d|\d\.0\b|_", regex=True)]
    assert raw.empty, list(raw[:5])
    assert "1 trillion CNY = US$138.01 billion" in set(details)
    assert any(d.startswith("AI contribution to GDP over 11 trillion RUB by 2030") for d in details)


# ---------------------------------------------------------------- commitment grain (issue 13)

def test_the_totals_agree_between_pages_at_commitment_grain(source, dash_db):
    """The Overview's headline total, the Compare page's total over every country (and as one bloc
    of them all), and the registry export's value_usd summed over its latest headline rows (read
    back from the CSV an analyst downloads) are one number; the mention table's sum is not it."""
    import io

    overview = data.overview(source)["total_usd"]
    everyone = Filter(countries=data.filter_options(source)["countries"])
    compare = data.country_totals(source, everyone)["total_usd"].sum()
    as_one = data.bloc_totals(source, "all", everyone)["total_usd"].iloc[0]
    con = duckdb.connect(str(dash_db), read_only=True)
    try:
        csv = pd.read_csv(io.BytesIO(export_bytes(con, "csv", Filter(), table="registry")), dtype={"latest": str,
                                                                                                 "headline": str})
        mentions = records(con, Filter())
        headline_mentions = records(con, Filter(headline_only=True))
    finally:
        con.close()
    exported = csv.loc[(csv["latest"] == "true") & (csv["headline"] == "true"), "value_usd"].sum()
    assert overview > 1e12
    assert compare == pytest.approx(overview, rel=1e-12) and as_one == pytest.approx(overview, rel=1e-12)
    assert exported == pytest.approx(overview, rel=1e-12)
    assert mentions["value_usd"].sum() > 1.3 * overview  # the mention grain counts parts and retellings again
    # one pledge retold by three sources is one entry, three mentions
    gdp = csv[(csv["country_code"] == "RU") & (csv["value"] == 11e12)]
    assert len(gdp) == 1 and gdp.iloc[0]["n_sources"] == 3
    assert int((mentions["value"] == 11e12).sum()) == 3
    assert data.overview(source)["commitments"] == len(csv[(csv["latest"] == "true") & (csv["headline"] == "true")])
    # entries with a figure are never more than the headline mentions they come from; the entries
    # without one (task forces, laws: commitments that name no amount) are counted besides
    with_figure = csv[(csv["latest"] == "true") & (csv["headline"] == "true") & csv["value"].notna()]
    assert 0 < len(with_figure) <= len(headline_mentions) < data.overview(source)["commitments"]


def test_entries_are_filtered_as_the_mentions_are(source):
    """The Filter reads on an entry: its country, its currency, some source inside the date range
    (an undated entry is dropped by any date bound), headline, and latest only by default."""
    every = data.entry_table(source, Filter(), latest_only=False, limit=None)
    assert len(every) == int(every["filtered_rows"].iloc[0]) > 20
    ru = data.entry_table(source, Filter(countries=["RU"]), limit=None)
    assert len(ru) and set(ru["country_code"]) == {"RU"}
    rub = data.entry_table(source, Filter(currencies=["RUB"]), limit=None)
    assert set(rub["currency"]) == {"RUB"} and set(rub["entry_id"]) <= set(ru["entry_id"])
    dated = data.entry_table(source, Filter(date_from="2025-01-01"), limit=None)
    assert len(dated) and (dated["last_seen"] >= pd.Timestamp("2025-01-01")).all()
    assert every["first_seen"].isna().any() and not dated["first_seen"].isna().any()
    headline = data.entry_table(source, Filter(headline_only=True), limit=None)
    assert 0 < len(headline) < len(every) and headline["headline"].all()
    assert data.entry_table(source, Filter(countries=["ZZ"])).empty
    limited = data.entry_table(source, Filter(), limit=3)
    assert len(limited) == 3 and int(limited["filtered_rows"].iloc[0]) == len(data.entry_table(source, Filter(),
                                                                                                limit=None))


def test_an_entry_without_a_figure_is_counted_not_summed_as_zero(dash_db, tmp_path, monkeypatch):
    """Entries for commitments with no amount (value, quote, amount_id empty; a commitment or target
    linked instead) are listed and counted, never added as zero; a superseded entry is not counted."""
    path = tmp_path / "aitrack.duckdb"
    shutil.copy(dash_db, path)
    con = duckdb.connect(str(path))
    try:
        for col in ("value", "quote", "amount_id", "document_id"):
            con.execute(f"ALTER TABLE registry ALTER COLUMN {col} DROP NOT NULL")
        doc = con.execute("SELECT document_id FROM registry WHERE country_code = 'US' LIMIT 1").fetchone()[0]
        con.execute("""INSERT INTO registry (entry_id, country_code, kind, quote, value, currency, status, latest,
                                             n_sources, first_seen, last_seen, amount_id, document_id, authority)
                       VALUES ('nofigure00000001', 'US', 'plan', NULL, NULL, NULL, 'announced', true, 1,
                               DATE '2025-01-01', DATE '2025-01-01', NULL, ?, 'official')""", [doc])
        con.execute("""INSERT INTO registry_links (link_id, entry_id, role, commitment_id, document_id, reasons)
                       SELECT 'nofigurelink0001', 'nofigure00000001', 'commitment', commitment_id, document_id,
                              '{"commitment": "plan: a national AI plan"}'
                       FROM commitments WHERE document_id = ? LIMIT 1""", [doc])
        # and one superseded pledge: the same figure as an existing entry, latest = false
        con.execute("""INSERT INTO registry SELECT * REPLACE ('superseded000001' AS entry_id, false AS latest)
                       FROM registry WHERE country_code = 'US' AND value = 5e11""")
        db.apply_sql(con, ("refresh",))  # as a build makes v_entries from what it wrote
    finally:
        con.close()
    before = duckdb.connect(str(dash_db), read_only=True)
    try:
        old = db.run_query(before, "country_totals", Filter(countries=["RU", "US"]).params())
    finally:
        before.close()
    src = data.Source(str(path), data._stamp(path))
    new = data.country_totals(src, Filter(countries=["RU", "US"]))
    us_old, us_new = (t.set_index("country_code").loc["US"] for t in (old, new))
    assert us_new["commitments"] == us_old["commitments"] + 1  # the superseded one: not
    assert us_new["no_value"] == us_old["no_value"] + 1
    assert us_new["not_converted"] == us_old["not_converted"] + 1
    assert us_new["total_usd"] == pytest.approx(us_old["total_usd"]) and us_old["total_usd"] > 0  # no zero added
    assert new.set_index("country_code").loc["RU", "commitments"] == old.set_index("country_code").loc["RU",
                                                                                                      "commitments"]
    cov = data.entry_coverage(src, Filter(headline_only=True))
    cov_old = data.entry_coverage(data.Source(str(dash_db), data._stamp(dash_db)), Filter(headline_only=True))
    assert (int(cov.loc[cov["fx_status"] == "no_value", "entries"].sum())
            == int(cov_old.loc[cov_old["fx_status"] == "no_value", "entries"].sum()) + 1)
    listed = data.entry_table(src, Filter(countries=["US"]), limit=None)
    row = listed[listed["entry_id"] == "nofigure00000001"].iloc[0]
    assert pd.isna(row["value"]) and pd.isna(row["value_usd"]) and row["headline"]
    assert "superseded000001" in set(data.entry_table(src, Filter(), latest_only=False, limit=None)["entry_id"])
    assert "superseded000001" not in set(data.entry_table(src, Filter(), limit=None)["entry_id"])
    links = data.entry_sources(src, ("nofigure00000001",))
    assert list(links["role"]) == ["commitment"] and links["quote"].notna().all()


def test_the_status_ladder_is_shown_only_where_the_database_has_it(dash_db, tmp_path, run_page):
    """registry_status is the registry's evidence table: the entry shows each rung's evidence (the
    cue as quoted, its source and date) in words; a database without the table (built before it
    existed) shows no ladder and no error."""
    from tests.dashboard.conftest import ROOT

    source = data.Source(str(dash_db), data._stamp(dash_db))
    con = duckdb.connect(str(dash_db), read_only=True)
    try:
        entry, quote, label = con.execute(
            "SELECT s.entry_id, s.quote, r.quote FROM registry_status s JOIN registry r USING (entry_id) "
            "WHERE s.rung = 'in_plan' AND r.quote IS NOT NULL ORDER BY s.entry_id LIMIT 1").fetchone()
    finally:
        con.close()
    rungs = data.entry_status(source, (entry,))
    assert "in_plan" in set(rungs["rung"]) and rungs["publisher"].notna().all()
    at = run_page(ROOT / "dashboard" / "app_pages" / "commitments.py", dash_db)
    assert not at.exception
    box = next((e for e in at.expander if label in e.label), None)
    if box is not None:  # the page opens the first entries only
        assert any(t.value.startswith("in a strategy or plan · ") and t.value.endswith(f": {quote}")
                   for t in box.text)

    path = tmp_path / "aitrack.duckdb"
    shutil.copy(dash_db, path)
    con = duckdb.connect(str(path))
    try:
        con.execute("DROP TABLE registry_status")
    finally:
        con.close()
    assert data.entry_status(data.Source(str(path), data._stamp(path)), (entry,)) is None
    at = run_page(ROOT / "dashboard" / "app_pages" / "commitments.py", path)
    assert not at.exception and not any("Status ladder" in m.value for m in at.markdown)


def test_sources_that_disagree_mark_their_entry(dash_db, tmp_path, run_page):
    """An across_sources check (a source of the entry gives another figure) is the entry's check:
    it sets its check_status, is counted in across_checks, is listed with its arithmetic, and the
    status filter finds the entry by it."""
    path = tmp_path / "aitrack.duckdb"
    shutil.copy(dash_db, path)
    con = duckdb.connect(str(path))
    try:
        entry, doc = con.execute("SELECT entry_id, document_id FROM registry WHERE quote = '11 trillion roubles'"
                                 ).fetchone()
        con.execute("""INSERT INTO checks (check_id, document_id, "check", status, detail, subject, extractor_version)
                       VALUES ('across0000000001', ?, 'across_sources', 'warn',
                               'registry entry ' || ? || ': X gives 12 trillion roubles; 12 - 11 = 1 trillion',
                               '12 trillion roubles', 'test')""", [doc, entry])
        db.apply_sql(con, ("refresh",))
    finally:
        con.close()
    src = data.Source(str(path), data._stamp(path))
    ru = data.entry_table(src, Filter(countries=["RU"]), limit=None).set_index("entry_id")
    assert ru.loc[entry, "check_status"] == "warn" and ru.loc[entry, "across_checks"] == 1
    assert (ru.drop(index=entry)["across_checks"] == 0).all()
    listed = data.entry_checks(src, (entry,))
    assert list(listed["check_id"]) == ["across0000000001"] and listed["detail"].iloc[0].endswith("= 1 trillion")
    assert data.entry_checks(src, ("someotherentry",)).empty
    warned = data.entry_table(src, Filter(statuses=["warn"]), limit=None)
    assert entry in set(warned["entry_id"]) and set(warned["check_status"]) == {"warn"}
    from tests.dashboard.conftest import ROOT

    at = run_page(ROOT / "dashboard" / "app_pages" / "commitments.py", path)
    assert not at.exception
    box = next(e for e in at.expander if "11 trillion roubles" in e.label)
    assert any(t.value.startswith("warn: registry entry ") and t.value.endswith("= 1 trillion") for t in box.text)
