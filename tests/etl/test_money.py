"""Golden cases for extract_money, one phenomenon per test, English and Russian.

The sentences are written for these tests in the style of the news we read;
the first one paraphrases the Reuters seed article (seeds/001).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract.money import extract_money
from etl.extract.text import normalise


def money(text: str, **kw):
    return extract_money(normalise(text), **kw)


def amounts(text: str, **kw):
    return money(text, **kw)[0]


def one(text: str, **kw):
    found = amounts(text, **kw)
    assert len(found) == 1, found
    return found[0]


# --- the seed article ---------------------------------------------------------


def test_seed_amount_with_bracketed_dollar_equivalent_and_footnote_rate() -> None:
    text = (
        "Putin said AI's contribution to GDP should exceed 11 trillion roubles "
        "($136.57 billion) by 2030.\n\n($1 = 80.5455 roubles)"
    )
    found, rates, convs, _ = money(text)
    assert [(a.text, a.value, a.currency) for a in found] == [
        ("11 trillion roubles", 11e12, "RUB"),
        ("$136.57 billion", 136.57e9, "USD"),
    ]
    assert found[0].qualifier == "over" and found[1].bracketed
    assert [(r.base, r.quote, r.rate, r.text) for r in rates] == [
        ("USD", "RUB", 80.5455, "$1 = 80.5455 roubles")
    ]
    assert len(convs) == 1 and (convs[0].source, convs[0].target) == (0, 1)
    assert convs[0].implied_rate == pytest.approx(11e12 / 136.57e9)


def test_spans_quote_the_original_text_through_normalisation() -> None:
    text = "a budget of\u00a0€1\u202f500 million and &#36;2\u00adbn"
    for a in amounts(text):
        assert text[a.start : a.end] == a.text
    assert [a.value for a in amounts(text)] == [1.5e9, 2e9]


# --- symbols, codes and names -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("£1bn", 1e9, "GBP"),
        ("€109 billion", 109e9, "EUR"),
        ("¥1 trillion", 1e12, "JPY"),
        ("₹10,372 crore", 10372e7, "INR"),
        ("US$1.3bn", 1.3e9, "USD"),
        ("HK$1.2 billion", 1.2e9, "HKD"),
        ("NT$3 billion", 3e9, "TWD"),
        ("R$ 10 bilhões", 10e9, "BRL"),
        ("USD 5bn", 5e9, "USD"),
        ("5bn USD", 5e9, "USD"),
        ("CHF 1'049,95", 1049.95, "CHF"),
        ("120 MEUR", 120e6, "EUR"),
        ("1 599 zł", 1599, "PLN"),
        ("49 Kč", 49, "CZK"),
    ],
)
def test_currency_symbols_and_codes_before_or_after(text: str, value: float, currency: str) -> None:
    a = one(text)
    assert (a.value, a.currency) == (pytest.approx(value), currency)


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("30 billion yuan", 30e9, "CNY"),
        ("1.2 trillion won", 1.2e12, "KRW"),
        ("125 million australian dollars", 125e6, "AUD"),
        ("10,000 swiss francs", 10000, "CHF"),
        ("3 milliards d'euros", 3e9, "EUR"),
        ("1,5 Milliarden Euro", 1.5e9, "EUR"),
        ("5 mil millones de dólares", 5e9, "USD"),
        ("2 miliardi di euro", 2e9, "EUR"),
    ],
)
def test_currency_names_in_english_and_european_languages(text, value, currency) -> None:
    a = one(text)
    assert (a.value, a.currency) == (pytest.approx(value), currency)


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("20 млн руб", 20e6, "RUB"),
        ("2,2 млн.руб.", 2.2e6, "RUB"),
        ("145 миллиардов рублей", 145e9, "RUB"),
        ("300 млн долларов США", 300e6, "USD"),
        ("10 млрд долл.", 10e9, "USD"),
        ("5 млрд. руб.", 5e9, "RUB"),
        ("20 тыс. руб.", 20e3, "RUB"),
        ("2 134 472,44 рубля", 2134472.44, "RUB"),
        ("3.04 грн", 3.04, "UAH"),
        ("20 евро", 20, "EUR"),
        ("500 млн юаней", 500e6, "CNY"),
    ],
)
def test_russian_currency_names_abbreviations_and_cases(text, value, currency) -> None:
    a = one(text)
    assert (a.value, a.currency) == (pytest.approx(value), currency)


def test_number_words_with_scales_in_english() -> None:
    found = amounts("three quarters of a billion dollars, half a billion euros and a billion pounds")
    assert [(a.value, a.currency) for a in found] == [(7.5e8, "USD"), (5e8, "EUR"), (1e9, "GBP")]


def test_number_words_with_scales_in_russian() -> None:
    found = amounts("полтора миллиарда долларов, одиннадцать триллионов рублей и миллиард рублей")
    assert [(a.value, a.currency) for a in found] == [(1.5e9, "USD"), (11e12, "RUB"), (1e9, "RUB")]


def test_a_dollar_is_one_dollar_only_when_the_name_ends_the_phrase() -> None:
    assert one("it costs a dollar a day").value == 1
    assert amounts("a dollar-denominated bond in a euro zone country") == []


def test_plural_scale_without_a_number_is_not_a_figure() -> None:
    # "billions of dollars", "сотни миллиардов рублей" name no amount
    assert amounts("billions of dollars and сотни миллиардов рублей") == []


def test_russian_compound_figure_in_falling_scales() -> None:
    # "2 млрд 500 млн рублей" is 2.5 billion, not 500 million
    assert one("2 млрд 500 млн рублей").value == 2.5e9
    assert one("1 млн 250 тыс. руб.").value == 1.25e6


def test_indian_lakh_crore_stack() -> None:
    a = one("Rs 1.5 lakh crore")
    assert (a.value, a.currency) == (1.5e12, "INR")


def test_legal_style_amount_with_words_in_brackets() -> None:
    a = one("100 000 (сто тысяч) рублей")
    assert (a.value, a.currency, a.text) == (100000, "RUB", "100 000 (сто тысяч) рублей")


# --- decimal and thousands separators ------------------------------------------------


def test_dot_before_a_scale_is_decimal_but_alone_is_thousands() -> None:
    found = amounts("It raised $1.234 billion; tickets cost €1.234")
    assert [a.value for a in found] == [pytest.approx(1.234e9), 1234]


def test_comma_before_an_english_scale_groups_thousands() -> None:
    assert one("£1,500 million").value == 1.5e9


def test_comma_before_a_russian_scale_is_decimal() -> None:
    assert one("1,234 млрд рублей").value == pytest.approx(1.234e9)


# --- dollars ---------------------------------------------------------------------------


def test_bare_dollar_is_us_dollar_marked_inferred() -> None:
    a = one("a $5 billion fund")
    assert (a.currency, a.currency_inferred) == ("USD", True)


def test_bare_dollar_follows_the_dollar_the_text_named() -> None:
    found = amounts("The fund of A$1 billion, and another $2 billion")
    assert [(a.currency, a.currency_inferred) for a in found] == [("AUD", False), ("AUD", True)]


def test_bracketed_bare_dollar_after_another_dollar_is_the_us_conversion() -> None:
    # Reuters: "C$2.4 billion ($1.77 billion)" converts into US dollars; a
    # later bare "$" outside brackets is still Canadian
    found = amounts("a C$2.4 billion ($1.77 billion) package, with $400 million for firms")
    assert [(a.currency, a.bracketed) for a in found] == [("CAD", False), ("USD", True), ("CAD", False)]


@pytest.mark.parametrize(
    ("text", "currencies"),
    [
        ("Pakistan approved PKR 5 billion, and Rs 2 billion more", ["PKR", "PKR"]),
        ("Egypt set EGP 10bn; another 5 billion pounds follow", ["EGP", "EGP"]),
        ("a Swiss franc 10 million loan and 5 million francs more", ["CHF", "CHF"]),
        ("Rs 500 crore and 10 pounds", ["INR", "GBP"]),
        ("3 francs", [None]),
    ],
)
def test_shared_currency_names_follow_the_one_the_text_named(text, currencies) -> None:
    assert [a.currency for a in amounts(text)] == currencies


def test_bare_dollar_uses_the_callers_default() -> None:
    assert one("a $5 billion fund", default_dollar="CAD").currency == "CAD"


def test_explicit_code_wins_over_bare_dollar_next_to_it() -> None:
    assert one("$1,190.00 AUD").currency == "AUD"
    assert one("NZD $100.70").currency == "NZD"


# --- qualifiers ---------------------------------------------------------------------------


def test_bounds_follow_the_hedge() -> None:
    floor, cap, about, exact = amounts("over $5bn, up to $6bn, about $7bn and $8bn")
    assert (floor.value_min, floor.value_max) == (5e9, None)
    assert (cap.value_min, cap.value_max) == (None, 6e9)
    assert (about.value_min, about.value_max) == (None, None)
    assert (exact.value_min, exact.value_max) == (8e9, 8e9)


def test_rate_written_the_other_way_round_is_stated_per_unit() -> None:
    rates = money("(80.5 roubles = $1)")[1]
    assert [(r.base, r.quote, r.rate) for r in rates] == [("USD", "RUB", 80.5)]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("should exceed $5 billion", "over"),
        ("more than $5 billion", "over"),
        ("at least $5 billion", "at_least"),
        ("no less than $5 billion", "at_least"),
        ("up to $5 billion", "up_to"),
        ("as much as $5 billion", "up_to"),
        ("about $5 billion", "about"),
        ("roughly $5 billion", "about"),
        ("nearly $5 billion", "nearly"),
        ("close to $5 billion", "nearly"),
        ("less than $5 billion", "under"),
        ("no more than $5 billion", "up_to"),
        ("just over $5 billion", "over"),
        ("a $100bn-plus fund", "at_least"),
        ("$5 billion", "exact"),
    ],
)
def test_english_hedges_become_qualifiers_outside_the_span(text: str, qualifier: str) -> None:
    a = one(text)
    assert a.qualifier == qualifier
    assert a.text.startswith("$")


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("превысит 11 трлн рублей", "over"),
        ("более 11 млрд рублей", "over"),
        ("свыше 11 млрд рублей", "over"),
        ("не менее 3 млрд рублей", "at_least"),
        ("до 5 млрд рублей", "up_to"),
        ("около 2,5 млрд руб.", "about"),
        ("порядка 2,5 млрд руб.", "about"),
        ("примерно 2,5 млрд руб.", "about"),
        ("почти 2 трлн руб.", "nearly"),
        ("более чем 2 трлн руб.", "over"),
        ("не более 2 трлн руб.", "up_to"),
        ("по меньшей мере 2 трлн руб.", "at_least"),
    ],
)
def test_russian_hedges_become_qualifiers(text: str, qualifier: str) -> None:
    assert one(text).qualifier == qualifier


# --- ranges ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "currency"),
    [
        ("$5-10 billion", 5e9, 10e9, "USD"),
        ("$3–4bn", 3e9, 4e9, "USD"),
        ("between €20 billion and €25 billion", 20e9, 25e9, "EUR"),
        ("between 20 and 25 million euros", 20e6, 25e6, "EUR"),
        ("30 to 50 billion dollars", 30e9, 50e9, "USD"),
        ("$5 million-$10 million", 5e6, 10e6, "USD"),
        ("€20bn-25bn", 20e9, 25e9, "EUR"),
        ("between $20 and $25 billion", 20e9, 25e9, "USD"),
        ("two to three billion dollars", 2e9, 3e9, "USD"),
        ("в диапазоне 5–7 млрд руб.", 5e9, 7e9, "RUB"),
        ("от 1,5 до 3 трлн руб.", 1.5e12, 3e12, "RUB"),
        ("от 80 тысяч до 2 миллионов рублей", 80e3, 2e6, "RUB"),
    ],
)
def test_ranges_are_one_amount_with_bounds(text, low, high, currency) -> None:
    a = one(text)
    assert (a.qualifier, a.currency) == ("range", currency)
    assert (a.value, a.value_min, a.value_max) == (pytest.approx(low), pytest.approx(low), pytest.approx(high))


def test_from_to_is_a_change_not_a_range() -> None:
    found = amounts("Spending rose from $5 billion to $7 billion")
    assert [(a.value, a.qualifier) for a in found] == [(5e9, "exact"), (7e9, "exact")]


def test_from_bare_number_borrows_the_unit_of_the_second() -> None:
    found = amounts("output grew from 5 to 7 billion yuan")
    assert [(a.value, a.currency) for a in found] == [(5e9, "CNY"), (7e9, "CNY")]


# --- brackets and conversions ----------------------------------------------------------------


def test_bracketed_equivalent_in_another_currency_is_a_conversion() -> None:
    found, _, convs, _ = money("Japan will spend 10 trillion yen ($65 billion) on chips")
    assert [a.bracketed for a in found] == [False, True]
    assert convs[0].implied_rate == pytest.approx(10e12 / 65e9)


def test_a_short_noun_may_sit_between_an_amount_and_its_equivalent() -> None:
    found, _, convs, _ = money("The Chancellor's £500m pot (about $630m) will be spent by 2027")
    assert found[1].bracketed and found[1].qualifier == "about"
    assert convs[0].implied_rate == pytest.approx(500 / 630)


def test_bracketed_amount_is_never_negative() -> None:
    # accounting negatives do not occur in our news: "($99.99)" is an amount
    a = one("revenue of ($99.99)")
    assert a.value == 99.99


def test_hedge_inside_the_bracket_qualifies_the_equivalent() -> None:
    found, _, convs, _ = money("бюджет 1,2 млрд рублей (около $15 млн)")
    assert found[1].qualifier == "about" and found[1].bracketed
    assert convs[0].implied_rate == pytest.approx(80)


# --- stated exchange rates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "base", "quote", "rate"),
    [
        ("($1 = 80.5455 roubles)", "USD", "RUB", 80.5455),
        ("(1 EUR = 1,0875 USD)", "EUR", "USD", 1.0875),
        ("($1 = 5.4321 reais)", "USD", "BRL", 5.4321),
        ("at an exchange rate of 90 roubles to the dollar", "USD", "RUB", 90),
        ("at 7.1 yuan per dollar", "USD", "CNY", 7.1),
        ("по курсу 80,5 рубля за доллар", "USD", "RUB", 80.5),
    ],
)
def test_stated_rates_are_rates_not_amounts(text, base, quote, rate) -> None:
    found, rates, _, _ = money(text)
    assert found == []
    assert [(r.base, r.quote, r.rate) for r in rates] == [(base, quote, pytest.approx(rate))]


def test_rate_with_a_slash_and_a_russian_kurs_phrase() -> None:
    rates = money("при курсе 90 руб./долл.; курс доллара составил 92,5 рубля")[1]
    assert [(r.base, r.quote, r.rate) for r in rates] == [("USD", "RUB", 90), ("USD", "RUB", 92.5)]


def test_bracketed_conversion_with_a_remark_before_the_bracket_closes() -> None:
    found, _, convs, _ = money("1 trillion yen ($6.7bn at current rates)")
    assert found[1].bracketed and convs[0].implied_rate == pytest.approx(1e12 / 6.7e9)


def test_range_in_words_shares_the_scale() -> None:
    a = one("two to three billion dollars")
    assert (a.value_min, a.value_max) == (2e9, 3e9)


# --- not money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The plan covers 100 kilometers and 10kg by 2030.",
        "GPT-4 was released on 14.03.2023 with 1,000 staff.",
        "Labour won 300 seats; the TOP 10 list; try 5 times; ALL 5 solutions.",
        "The dollar 10 years ago; the euro 2020 final.",
        "Sales of 1.5 million units and 3.5m users at 40 MW.",
        "billions of dollars",
        "DeepSeek-R1 and R2 beat Llama 3 70B on H100 and B200 GPUs in Q4 2024.",
    ],
)
def test_plain_numbers_years_units_and_words_are_not_money(text: str) -> None:
    assert amounts(text) == []


def test_numbers_inside_urls_are_ignored() -> None:
    assert money("see https://example.com/report?q=30%25&x=%245") == ([], [], [], [])


# --- sub-units and mixed amounts ------------------------------------------------------------------


def test_cents_and_pence_are_read_in_major_units() -> None:
    assert [(a.value, a.currency) for a in amounts("50 cents and 470 pence")] == [
        (0.5, "USD"), (4.7, "GBP"),
    ]


def test_major_and_minor_units_together() -> None:
    assert one("124 451 рубль 50 копеек").value == pytest.approx(124451.5)
    assert one("20 dollars 43 cents").value == pytest.approx(20.43)


# --- percentages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("growth of 5%", [5]),
        ("a 12.5 per cent increase", [12.5]),
        ("40 percent of firms", [40]),
        ("рост на 5,5%", [5.5]),
        ("пять процентов ВВП", [5]),
        ("15 процентов", [15]),
        ("rates of 6%-7%", [6, 7]),
        ("рост на 5-7%", [5, 7]),
        ("minus five percent", [-5]),
    ],
)
def test_percentages_in_points(text: str, values: list[float]) -> None:
    assert [p.value for p in money(text)[3]] == values


def test_percent_is_not_read_as_money() -> None:
    found, _, _, pcts = money("a 10% stake for $1bn")
    assert [a.value for a in found] == [1e9] and [p.value for p in pcts] == [10]


# --- news house styles ------------------------------------------------------------------------------


def test_or_about_restates_an_amount_as_a_conversion() -> None:
    found, _, convs, _ = money("10 trillion yen, or about $65 billion, for chips")
    assert [a.bracketed for a in found] == [False, False]
    assert found[1].qualifier == "about"
    assert convs[0].implied_rate == pytest.approx(10e12 / 65e9)


def test_two_choices_in_one_currency_are_not_a_conversion() -> None:
    _, _, convs, _ = money("a budget of $5bn, or $6bn with reserves")
    assert convs == []


def test_yen_sign_in_a_text_that_counts_in_yuan_is_the_yuan() -> None:
    found = amounts("China's ¥1 trillion fund (about 1 trillion yuan)")
    assert [(a.currency, a.currency_inferred) for a in found] == [("CNY", True), ("CNY", False)]
    assert one("Tokyo's ¥1 trillion package").currency == "JPY"


def test_financial_times_style_codes_glued_to_the_number() -> None:
    assert [(a.value, a.currency) for a in amounts("Rmb100bn and Rs500cr")] == [
        (1e11, "CNY"), (5e9, "INR"),
    ]


def test_a_sentence_break_does_not_join_a_scale_to_the_next_currency() -> None:
    found = amounts("It cost $6bn. Rmb100bn came later.")
    assert [(a.text, a.currency) for a in found] == [("$6bn", "USD"), ("Rmb100bn", "CNY")]


def test_british_pc_for_per_cent_only_when_glued() -> None:
    assert [p.value for p in money("shares rose 5pc after it bought 5 PCs")[3]] == [5]


def test_pounds_of_weight_are_not_sterling() -> None:
    assert amounts("a 300-pound robot lifting 10 pounds of copper") == []
    assert one("5 billion pounds").currency == "GBP"


# --- the shared golden texts (tests/fixtures/texts, see EXPECTED.md there) ---------------------------

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "texts"


def fixture_body(name: str) -> str:
    """The body of a golden text: everything after the `Key: value` header."""
    raw = (FIXTURES / name).read_text(encoding="utf-8")
    return raw.split("\n\n", 1)[1]


def test_fixture_footnote_rate_and_conversion() -> None:
    found, rates, convs, _ = money(fixture_body("conversion_with_footnote_rate.txt"))
    assert [(a.value, a.currency, a.bracketed) for a in found] == [
        (250e9, "RUB", False), (3.1e9, "USD", True),
    ]
    assert [(r.base, r.quote, r.rate) for r in rates] == [("USD", "RUB", 80.5455)]
    assert len(convs) == 1


def test_fixture_scale_slip_is_still_read_as_written() -> None:
    # the check layer flags the 10x slip; extraction must report what is printed
    found, _, convs, _ = money(fixture_body("conversion_scale_slip.txt"))
    assert [(a.value, a.currency) for a in found] == [(2e9, "EUR"), (21.7e9, "USD")]
    assert convs[0].implied_rate == pytest.approx(2 / 21.7)


def test_fixture_distances_are_not_money() -> None:
    assert money(fixture_body("distance_not_money.txt"))[0] == []


def test_fixture_canadian_context_makes_bare_dollar_canadian() -> None:
    found = amounts(fixture_body("bare_dollar_canadian_context.txt"))
    assert [(a.value, a.currency, a.currency_inferred) for a in found] == [
        (1.2e9, "CAD", False), (400e6, "CAD", True),
    ]


def test_fixture_html_entities_keep_original_offsets() -> None:
    body = fixture_body("html_entities.txt")
    a = one(body)
    assert (a.value, a.currency) == (1.2e9, "EUR")
    assert body[a.start : a.end] == a.text == "&#8364;1.2&nbsp;billion"


def test_fixture_russian_range_with_scale_on_the_upper_bound() -> None:
    a = one(fixture_body("russian_range.txt"))
    assert (a.value_min, a.value_max, a.currency, a.qualifier) == (1.5e12, 3e12, "RUB", "range")


def test_fixture_lookalike_letters_and_no_break_spaces() -> None:
    body = fixture_body("ru_lookalike_letters.txt")
    a = one(body)
    assert (a.value, a.currency) == (1.5e12, "RUB")
    assert body[a.start : a.end] == a.text


def test_fixture_year_in_a_product_name_is_not_money() -> None:
    assert [(a.value, a.currency) for a in amounts(fixture_body("year_is_a_name.txt"))] == [(5e9, "RUB")]
