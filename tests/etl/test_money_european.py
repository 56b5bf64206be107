"""Amounts in French, German, Spanish, Portuguese and Italian news: hedges, ranges,
restatements, thousands dots before a scale word and named currencies. Sentences
written for these tests, in the style of the wires and official releases."""

from __future__ import annotations

import pytest

from etl.extract.money import extract_money
from etl.extract.text import normalise


def amounts(text: str, lang: str):
    return extract_money(normalise(text), lang)[0]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("La inversión superará los 2.000 millones de euros hasta 2030.", "es", 2e9),
        ("La empresa comprará 50.000 GPU por 3.000 millones de dólares.", "es", 3e9),
        ("Das Land zahlt 1.500 Millionen Euro.", "de", 1.5e9),
        ("O fundo terá 1.200 milhões de euros.", "pt", 1.2e9),
    ],
)
def test_a_thousands_dot_before_a_decimal_comma_scale_word_groups(text, lang, value) -> None:
    assert [a.value for a in amounts(text, lang)] == [value]


def test_a_dot_before_an_english_scale_word_stays_decimal_whatever_the_language() -> None:
    assert [a.value for a in amounts("Die Firma nennt $1.234 billion.", "de")] == [1.234e9]


@pytest.mark.parametrize(
    ("text", "lang", "qualifier"),
    [
        ("Plus de 1,5 milliard d'euros seront mobilisés.", "fr", "over"),
        ("L'enveloppe atteindra jusqu'à 400 millions d'euros.", "fr", "up_to"),
        ("Der Bund stellt rund 5 Milliarden Euro bereit.", "de", "about"),
        ("Die Förderung beträgt bis zu 200 Mio. Euro.", "de", "up_to"),
        ("Mehr als 500 Millionen Euro fließen in Rechenzentren.", "de", "over"),
        ("La empresa pagará cerca de 3.000 millones de dólares.", "es", "about"),
        ("Chile invertirá hasta 10 millones de dólares.", "es", "up_to"),
        ("Mais de R$ 4 bilhões serão destinados a supercomputadores.", "pt", "over"),
        ("Il fondo raccoglierà fino a 150 milioni di euro.", "it", "up_to"),
        ("Oltre 500 milioni di euro andranno ai supercalcolatori.", "it", "over"),
        ("Il piano vale circa 3,5 miliardi di euro.", "it", "about"),
    ],
)
def test_hedges_in_five_languages(text, lang, qualifier) -> None:
    (a,) = amounts(text, lang)
    assert a.qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "lang", "low", "high", "currency"),
    [
        ("Le fonds sera doté de 500 millions à 1 milliard d'euros.", "fr", 5e8, 1e9, "EUR"),
        ("Le plan coûtera entre 2 et 3 milliards d'euros.", "fr", 2e9, 3e9, "EUR"),
        ("Das Programm kostet zwischen 2 und 3 Milliarden Euro.", "de", 2e9, 3e9, "EUR"),
        ("Colombia aportará entre 100.000 y 150.000 millones de pesos colombianos.", "es", 1e11, 1.5e11, "COP"),
        ("O programa terá entre R$ 100 milhões e R$ 150 milhões por ano.", "pt", 1e8, 1.5e8, "BRL"),
        ("L'investimento sarà compreso tra 200 e 250 milioni di euro.", "it", 2e8, 2.5e8, "EUR"),
    ],
)
def test_ranges_in_five_languages(text, lang, low, high, currency) -> None:
    (a,) = amounts(text, lang)
    assert (a.qualifier, a.value_min, a.value_max, a.currency) == ("range", low, high, currency)


def test_soit_restates_the_figure_in_another_currency_after_a_short_noun() -> None:
    found, _rates, convs, _ = extract_money(
        normalise("Le plan prévoit 109 milliards d'euros d'investissements privés, soit environ 113 milliards de dollars."),
        "fr",
    )
    assert [(a.currency, a.qualifier) for a in found] == [("EUR", "exact"), ("USD", "about")]
    assert [(c.source, c.target) for c in convs] == [(0, 1)]


@pytest.mark.parametrize(
    ("text", "lang", "currency"),
    [
        ("Québec investira 100 millions de dollars canadiens dans Mila.", "fr", "CAD"),
        ("Il Cantone destina 5 milioni di franchi svizzeri alla ricerca.", "it", "CHF"),
        ("México invertirá 1.500 millones de pesos mexicanos.", "es", "MXN"),
        ("Argentina destinará 900 millones de pesos argentinos.", "es", "ARS"),
    ],
)
def test_currency_names_with_their_country_adjective(text, lang, currency) -> None:
    (a,) = amounts(text, lang)
    assert a.currency == currency


def test_bare_pesos_stay_without_a_code_and_so_without_a_conversion() -> None:
    # which peso the text means is the country's to say (never a guess)
    found, _r, convs, _p = extract_money(normalise("Invertirá 1.500 millones de pesos (unos 88 millones de dólares)."), "es")
    assert [a.currency for a in found] == [None, "USD"]
    assert convs == []
