"""Golden cases for number parsing: digit groupings, number words, scale words."""

from __future__ import annotations

import pytest

from etl.extract.money.numbers import NUMBER_WORDS, parse_digits, scale_value, words_value


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1,234.5", 1234.5),
        ("1 234,5", 1234.5),
        ("1.234,5", 1234.5),
        ("1.234.567", 1234567),
        ("12,34,567", 1234567),  # Indian lakh grouping
        ("12,34,567.89", 1234567.89),
        ("1'049,95", 1049.95),  # Swiss
        ("2 200 000", 2200000),
        ("80.5455", 80.5455),
        ("1,0875", 1.0875),
        ("2,2", 2.2),
        ("0,125", 0.125),
        ("20.000", 20000),
        ("73,460", 73460),
    ],
)
def test_digit_groupings_read_as_one_number(written: str, value: float) -> None:
    assert parse_digits(written) == pytest.approx(value)


def test_three_digits_after_a_dot_are_decimals_before_a_scale_word() -> None:
    # "$1.234 billion": nobody writes 1,234 thousand million with a dot
    assert parse_digits("1.234", scaled=True) == pytest.approx(1.234)
    # "€1.234" on its own is a price in thousands
    assert parse_digits("1.234") == 1234


def test_three_digits_after_a_comma_depend_on_the_language() -> None:
    # English "£1,500 million" is 1,500 million; Russian "1,234 млрд" is 1.234 billion
    assert parse_digits("1,500", scaled=True) == 1500
    assert parse_digits("1,234", scaled=True, comma_decimal=True) == pytest.approx(1.234)


def _words(text: str) -> float | None:
    # the joiners "and" and "of" are dropped by the caller (money.lex) before valuing
    return words_value([NUMBER_WORDS[w] for w in text.split() if w not in ("and", "of")])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two billion", 2e9),
        ("one hundred five", 105),
        ("three quarters a billion", 7.5e8),
        ("half a billion", 5e8),
        ("a half", 0.5),
        ("twenty two", 22),
        ("одиннадцать триллионов", 11e12),
        ("полтора миллиарда", 1.5e9),
        ("восемьсот восемьдесят одна тысяча девятьсот тринадцать", 881913),
        ("двести тысяч", 200000),
        ("five lakh", 5e5),
        ("one and a half billion", 1.5e9),
        ("two and a half million", 2.5e6),
        ("a quarter million", 2.5e5),
        ("half million", 5e5),
        ("three quarters billion", 7.5e8),
    ],
)
def test_number_words_in_english_and_russian(text: str, value: float) -> None:
    assert _words(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("form", "mult"),
    [
        ("bn", 1e9), ("B", 1e9), ("mn", 1e6), ("M", 1e6), ("k", 1e3), ("tn", 1e12), ("T", 1e12),
        ("lakh", 1e5), ("crore", 1e7), ("млрд", 1e9), ("млн.", 1e6), ("тыс.", 1e3),
        ("миллиардов", 1e9), ("триллиона", 1e12), ("Milliarden", 1e9), ("milliards", 1e9),
        ("mil millones", 1e9), ("bilhões", 1e9), ("miliardi", 1e9), ("Mrd.", 1e9), ("Mio.", 1e6),
    ],
)
def test_scale_words_in_every_language_we_read(form: str, mult: float) -> None:
    assert scale_value(form) == mult


def test_title_case_billion_stays_english() -> None:
    # headlines write "$80 Billion"; only the German plural "Billionen" is 10^12
    assert scale_value("Billion") == 1e9
    assert scale_value("Billionen") == 1e12
