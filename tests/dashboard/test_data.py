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
from etl import cli
from etl.export import export_bytes, records
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
    """The Compare page's "EU bloc" column is summed in SQL over the rows `--country EU-bloc
    --headline-only` exports: the Union's own and every member's, each once."""
    bloc = data.bloc_totals(source, "EU bloc", from_choices(countries=["EU bloc"]))
    con = duckdb.connect(str(dash_db), read_only=True)
    try:
        rows = records(con, _cli_filters("--country", "EU-bloc", "--headline-only"))
    finally:
        con.close()
    assert {"EU", "DE", "FR"} <= set(rows["country_code"])
    assert bloc.to_dict("records") == [{
        "country_code": "EU bloc", "commitments": len(rows), "total_usd": pytest.approx(rows["value_usd"].sum()),
        "converted": rows["value_usd"].notna().sum(), "not_converted": rows["value_usd"].isna().sum(),
        "currencies": ", ".join(sorted(set(rows["currency"].dropna()))),
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
    'largest' examples must be those of the headline rows themselves."""
    rows = data.record_table(source, Filter(headline_only=True), limit=None)
    months = data.announcement_months(source, Filter())
    assert int(months["commitments"].sum()) == len(rows)
    assert int(months["converted"].sum()) == int(rows["value_usd"].notna().sum())
    assert months["total_usd"].sum() == pytest.approx(rows["value_usd"].sum())
    assert int(months.loc[months["month"].isna(), "commitments"].sum()) == int(rows["published_on"].isna().sum())
    rows = rows.assign(country_code=rows["country_code"].fillna("??"),
                       month=pd.to_datetime(rows["published_on"]).dt.to_period("M"))
    for m in months.itertuples():
        big = m.largest
        mine = rows[rows["record_id"] == big["record_id"]].iloc[0]
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
