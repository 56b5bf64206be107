"""etl.filters.Filter: the one filter of the CLI, the export and the dashboard. Validation
with clear messages, the flags round trip (from_cli <-> cli_flags), bloc expansion from
data/reference/blocs.csv, and the parameters the queries bind."""

from __future__ import annotations

import argparse
import datetime as dt
import shlex

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl import cli, db, reference
from etl.errors import UsageError
from etl.filters import QUERY_KEYS, Filter

EU_27 = ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
         "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")


def _parse(*flags: str) -> argparse.Namespace:
    return cli.parser().parse_args(["export", "-o", "-", *flags])


# ------------------------------------------------------------------ validation

@pytest.mark.parametrize("fields,message", [
    ({"statuses": ["passed"]}, "unknown check status 'passed'; choose from pass, warn, fail, unverifiable, info, none"),
    ({"fundings": ["govt"]}, "unknown funding 'govt'; choose from public, private, mixed, unknown"),
    ({"date_from": "19/11/2025"}, "not an ISO date (YYYY-MM-DD): '19/11/2025'"),
    ({"date_to": "2025-02-30"}, "not an ISO date (YYYY-MM-DD): '2025-02-30'"),
    ({"date_from": 1700000000}, "not an ISO date"),
    ({"date_from": "2025-03-01", "date_to": "2025-02-28"}, "the from-date 2025-03-01 is after the to-date 2025-02-28"),
    ({"countries": ["XX-bloc"]}, "unknown bloc 'XX-bloc'; blocs: EU-bloc"),
    ({"countries": [" "]}, "an empty country code"),
    ({"currencies": [""]}, "an empty currency code"),
    ({"countires": ["US"]}, "Extra inputs are not permitted"),
])
def test_invalid_filters_say_what_is_wrong(fields, message):
    with pytest.raises(ValueError) as e:
        Filter(**fields)
    assert message in str(e.value)
    with pytest.raises(UsageError) as u:
        Filter.checked(**fields)
    line = str(u.value)
    assert line.startswith("invalid filter: ") and message in line and "\n" not in line
    assert "Value error," not in line  # pydantic's prefix is dropped


def test_valid_values_are_normalised():
    f = Filter(countries=["ru", " us ", "eu-BLOC"], currencies=["eur"], date_from="2024-03-01",
               date_to=dt.datetime(2025, 2, 28, 12, 30), headline_only=True)
    assert f.countries == ("RU", "US", "EU-bloc")
    assert f.currencies == ("EUR",)
    assert (f.date_from, f.date_to) == (dt.date(2024, 3, 1), dt.date(2025, 2, 28))
    assert Filter(date_from="2025-01-01", date_to="2025-01-01").date_to == dt.date(2025, 1, 1)  # one day is fine
    assert Filter(countries="US").countries == ("US",)  # one value is a list of one, not of letters


def test_a_filter_is_frozen_and_comparable():
    f = Filter(countries=["US"])
    with pytest.raises(ValueError):
        f.countries = ("RU",)
    assert f == Filter(countries=("US",)) and hash(f) == hash(Filter(countries=["US"]))
    assert Filter().is_empty() and not f.is_empty() and not Filter(headline_only=True).is_empty()


# ------------------------------------------------------------------ the command line

ROUND_TRIPS = [
    (),
    ("--country", "US", "--country", "RU"),
    ("--country", "EU-bloc", "--country", "US"),
    ("--currency", "EUR", "--headline-only"),
    ("--kind", "fund", "--kind", "data_centres", "--status", "pass", "--status", "none"),
    ("--from", "2024-03-01", "--to", "2025-02-28"),
    ("--funding", "private", "--funding", "mixed"),
    ("--kind", "it's a kind; rm -rf /",),
    ("--country", "GB", "--currency", "GBP", "--kind", "fund", "--status", "warn", "--from", "2020-01-01",
     "--to", "2030-12-31", "--headline-only", "--funding", "public"),
]


@pytest.mark.parametrize("flags", ROUND_TRIPS, ids=lambda f: " ".join(f)[:40] or "none")
def test_from_cli_and_cli_flags_round_trip(flags):
    f = Filter.from_cli(_parse(*flags))
    assert shlex.split(f.cli_flags()) == list(flags)
    assert Filter.from_cli(_parse(*shlex.split(f.cli_flags()))) == f


def test_cli_flags_quote_what_a_shell_would_run():
    f = Filter(kinds=["$(reboot)"])
    assert f.cli_flags() == "--kind '$(reboot)'"


def test_every_field_has_a_flag():
    """A field added to Filter without a flag would be a filter the CLI cannot reproduce."""
    f = Filter(countries=["US"], currencies=["USD"], kinds=["fund"], statuses=["pass"], date_from="2024-01-01",
               date_to="2024-12-31", headline_only=True, fundings=["public"])
    assert all(getattr(f, name) != getattr(Filter(), name) for name in Filter.model_fields)
    assert Filter.from_cli(_parse(*shlex.split(f.cli_flags()))) == f


def test_from_cli_turns_a_bad_filter_into_a_usage_error():
    with pytest.raises(UsageError, match="the from-date 2025-02-01 is after the to-date 2025-01-01"):
        Filter.from_cli(_parse("--from", "2025-02-01", "--to", "2025-01-01"))
    with pytest.raises(SystemExit):  # argparse refuses a status it does not offer, as for --funding
        _parse("--status", "bogus")


# ------------------------------------------------------------------ blocs

def test_the_eu_bloc_is_the_union_and_its_27_members():
    assert reference.blocs()["EU"] == ("EU", *EU_27)


def test_a_bloc_expands_in_order_once_each():
    f = Filter(countries=["US", "EU-bloc", "DE", "US"])
    assert f.country_codes() == ("US", "EU", *EU_27)
    assert Filter(countries=["DE", "EU-bloc"]).country_codes() == ("DE", "EU", *(c for c in EU_27 if c != "DE"))
    assert Filter(countries=["EU"]).country_codes() == ("EU",)  # the Union alone is not the bloc
    assert f.countries == ("US", "EU-bloc", "DE", "US")  # the filter keeps what was asked, for its flags


def test_describe_names_the_bloc_once():
    lines = Filter(countries=["EU-bloc", "US"], date_from="2025-01-01").describe()
    assert lines[0] == "countries: EU-bloc (EU itself and its 27 members), US"
    assert lines[1] == "announced 2025-01-01 to … (undated amounts excluded)"
    assert Filter().describe() == ["no filter: every announced amount"]


def test_adding_a_bloc_is_adding_its_rows(tmp_path, monkeypatch):
    """docs/extending.md: a G7 bloc is seven rows of blocs.csv, and no code."""
    from etl import paths
    g7 = ("CA", "FR", "DE", "IT", "JP", "GB", "US")
    with pytest.raises(ValueError, match="unknown bloc 'G7-bloc'"):
        Filter(countries=["G7-bloc"])
    text = (paths.REFERENCE_DIR / "blocs.csv").read_text(encoding="utf-8")
    (tmp_path / "blocs.csv").write_text(text + "".join(f"G7,{c},{c} name\n" for c in g7), encoding="utf-8")
    monkeypatch.setattr(paths, "REFERENCE_DIR", tmp_path)
    f = Filter(countries=["G7-bloc"])
    assert f.country_codes() == g7
    assert f.describe()[0] == "countries: G7-bloc (its 7 members)"
    assert Filter(countries=["EU-bloc"]).country_codes() == ("EU", *EU_27)  # the others are untouched


def test_blocs_csv_errors_name_the_file_and_line(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "blocs.csv").write_text("# a comment\nbloc,code,name\nXB,AT,Austria\nXB,at,Austria\n")
    with pytest.raises(reference.BlocError, match=r"blocs.csv:4: .*'at'"):
        reference.blocs(folder)
    (folder / "blocs.csv").write_text("bloc,code,name\nXB,AT,Austria\n\n# later\nXB,AT,Austria again\n")
    with pytest.raises(reference.BlocError, match=r"blocs.csv:5: AT is listed twice in bloc XB"):
        reference.blocs(tmp_path / "a")
    other = tmp_path / "b"
    other.mkdir()
    (other / "blocs.csv").write_text("bloc,member\nXB,AT\n")
    with pytest.raises(reference.BlocError, match="columns must be bloc,code,name"):
        reference.blocs(other)


# ------------------------------------------------------------------ parameters

def test_params_are_what_the_filtered_queries_bind():
    f = Filter(countries=["EU-bloc"], currencies=["EUR"], date_from=dt.date(2022, 1, 1), fundings=["public"])
    p = f.params()
    assert list(p) == ["countries", "currencies", "kinds", "statuses", "date_from", "date_to", "headline_only",
                       "fundings"]  # the export manifest's "filters", in this order
    assert p == {"countries": ["EU", *EU_27], "currencies": ["EUR"], "kinds": [], "statuses": [],
                 "date_from": "2022-01-01", "date_to": None, "headline_only": False, "fundings": ["public"]}
    for name in ("records", "record_table", "usd_coverage", "country_totals", "announcement_months", "bloc_totals"):
        assert db.query_params(name) - {"limit"} <= set(p), name


def test_params_select_the_rows(corpus_con):
    everything = db.run_query(corpus_con, "records", Filter().params())
    bloc = db.run_query(corpus_con, "records", Filter(countries=["EU-bloc"]).params())
    assert 0 < len(bloc) < len(everything)
    assert set(bloc["country_code"]) <= {"EU", *EU_27} and "EU" in set(bloc["country_code"])
    dated = db.run_query(corpus_con, "records", Filter(date_from="2025-01-01").params())
    assert len(dated) and (dated["published_on"] >= "2025-01-01").all()


# ------------------------------------------------------------------ the address bar

@pytest.mark.parametrize("flags", ROUND_TRIPS, ids=lambda f: " ".join(f)[:40] or "none")
def test_a_filter_survives_the_query_string(flags):
    """Every filter the CLI can say, a link can say: to_query -> a real query string -> from_query."""
    from urllib.parse import parse_qs, urlencode

    f = Filter.from_cli(_parse(*flags))
    url = urlencode(f.to_query(), doseq=True)
    assert Filter.from_query(parse_qs(url, keep_blank_values=True)) == (f, [])


def test_the_query_uses_the_flag_names():
    f = Filter(countries=["ru", "EU-bloc"], date_from="2025-01-01", headline_only=True, fundings=["public"])
    assert f.to_query() == {"country": ["RU", "EU-bloc"], "from": ["2025-01-01"], "headline": ["1"],
                            "funding": ["public"]}
    assert Filter().to_query() == {}
    assert set(QUERY_KEYS) == set(Filter.model_fields)  # a new field needs its parameter


def test_a_garbled_link_drops_each_bad_value_and_says_why():
    f, dropped = Filter.from_query({
        "country": ["us", "Russia", "ZZ-bloc", "eu-BLOC", "US"], "status": ["pass", "passed"],
        "from": "2025-13-01", "to": ["2024-12-31"], "headline": "maybe", "funding": "public", "other": "x"})
    assert f == Filter(countries=["US", "EU-bloc"], statuses=["pass"], date_to="2024-12-31", fundings=["public"])
    assert dropped == [
        "country='Russia': unknown country 'Russia'; did you mean RU (Russia)?",
        "country='ZZ-bloc': unknown bloc 'ZZ-bloc'; blocs: EU-bloc (data/reference/blocs.csv)",
        "status='passed': unknown check status 'passed'; choose from pass, warn, fail, unverifiable, info, none",
        "from='2025-13-01': not an ISO date (YYYY-MM-DD): '2025-13-01'",
        "headline='maybe': not yes or no (1 or 0)",
    ]


def test_dates_out_of_order_in_a_link_drop_both():
    f, dropped = Filter.from_query({"from": "2025-06-01", "to": "2025-01-01", "country": "FR"})
    assert f == Filter(countries=["FR"])
    assert dropped == ["from=2025-06-01 and to=2025-01-01: the from-date is after the to-date"]


def test_a_link_keeps_only_what_the_page_offers():
    f, dropped = Filter.from_query({"country": ["RU", "JP"], "currency": ["rub", "XXX"], "kind": ["fund"]},
                                   allowed={"countries": ["RU"], "currencies": ["RUB"]})
    assert f == Filter(countries=["RU"], currencies=["RUB"], kinds=["fund"])
    assert dropped == ["country='JP': not a choice in this database", "currency='XXX': not a choice in this database"]


@pytest.mark.parametrize("value,expected", [("1", True), ("true", True), ("YES", True), ("0", False), ("", False)])
def test_headline_reads_yes_and_no(value, expected):
    assert Filter.from_query({"headline": [value]}) == (Filter(headline_only=expected), [])


@given(st.dictionaries(st.sampled_from([*QUERY_KEYS.values(), "x"]),
                       st.lists(st.text(max_size=12), max_size=3), max_size=6))
def test_any_query_gives_a_filter_never_an_error(query):
    f, dropped = Filter.from_query(query)
    assert isinstance(f, Filter) and all(isinstance(d, str) for d in dropped)
    assert Filter.from_query(f.to_query()) == (f, [])  # what survives is itself a clean link
