"""A bare "$", "dollars" or "pesos" read from the announcing country (etl.extract.money.territory).

Our own texts: a Canadian, a Mexican (in Spanish and in English), an Australian, a US story and
one whose country is unclear. Where the country uses exactly one currency of that name, the
amount takes it, still marked inferred, and the currency_inferred check says which country and
where the text names it; elsewhere nothing changes.
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.build import process_document
from etl.checks import check_document
from etl.extract import extract_text
from etl.extract.money.territory import country_currency
from etl.fx import RateBook
from etl.ingest import RawDocument
from etl import paths

CANADA = ("OTTAWA, April 9 - Canada's federal government will put $1.8 billion into public AI compute "
          "over five years, the minister of innovation told reporters on Tuesday.")
MEXICO_ES = ("CIUDAD DE MÉXICO, 3 de junio - El gobierno de México destinará 7,500 millones de pesos a "
             "centros de datos públicos, y un socio privado invertirá 450 millones de dólares.")
MEXICO_ES_SIGN = ("CIUDAD DE MÉXICO, 3 de junio - La Secretaría de Economía de México anunció un fondo de "
                  "$2,000 millones para startups de inteligencia artificial.")
MEXICO_EN = ("MEXICO CITY, June 3 - Mexico's government will spend 7.5 billion pesos on public data centres, "
             "and a US partner will add $450 million.")
AUSTRALIA = ("CANBERRA, Feb 14 - Australia will commit $620 million to sovereign AI research, and a "
             "further 90 million dollars to skills, the Treasurer said.")
UNITED_STATES = "WASHINGTON, Feb 14 - The United States will commit $620 million to AI research labs."
UNCLEAR = "A venture fund of $75 million for AI start-ups opened on Monday, and 12 million pesos went to grants."


def _amounts(text: str, language: str | None = None, published: dt.date | None = dt.date(2025, 6, 3), **kw):
    ex = extract_text(text, published_on=published, language=language, **kw)
    return ex, [(a.text, a.currency, a.currency_inferred) for a in ex.facts.amounts]


def _inferred_details(ex) -> list[str]:
    checks = check_document(ex.facts, ex.published_on, RateBook.load(paths.REFERENCE_DIR),
                            dollar_inferred=any(a.currency_inferred for a in ex.facts.amounts))
    return [c.detail for c in checks if c.check == "currency_inferred"]


def test_a_bare_dollar_in_a_canadian_story_is_the_canadian_dollar_with_its_evidence():
    ex, found = _amounts(CANADA)
    assert ex.country_code == "CA"
    assert found == [("$1.8 billion", "CAD", True)]
    (detail,) = _inferred_details(ex)
    at = CANADA.index("Canada")
    assert f"announcing country is Canada (CA), named 'Canada' at {at}" in detail
    assert "CAD is the currency written '$' there (CLDR locale en_CA)" in detail


def test_bare_pesos_in_a_mexican_story_are_mexican_pesos_but_dolares_stay_us_dollars():
    ex, found = _amounts(MEXICO_ES, language="es")
    assert ex.country_code == "MX"
    assert found == [("7,500 millones de pesos", "MXN", True), ("450 millones de dólares", "USD", True)]
    details = _inferred_details(ex)
    assert "MXN is its only peso (CLDR territory currencies)" in details[0]
    # the Mexican peso is not a dollar: "dólares" keeps today's reading, with today's words
    assert details[1].endswith("read as USD by inference, not from the text")


def test_the_dollar_sign_is_the_peso_in_spanish_from_mexico_but_not_in_an_english_wire():
    _, found = _amounts(MEXICO_ES_SIGN, language="es")
    assert found == [("$2,000 millones", "MXN", True)]
    # English has no Mexican locale in CLDR: the wires' "$" is the US dollar
    ex, found = _amounts(MEXICO_EN, language="en")
    assert ex.country_code == "MX"
    assert found == [("7.5 billion pesos", "MXN", True), ("$450 million", "USD", True)]


def test_an_australian_story_reads_both_the_sign_and_the_word_as_australian_dollars():
    ex, found = _amounts(AUSTRALIA)
    assert ex.country_code == "AU"
    assert found == [("$620 million", "AUD", True), ("90 million dollars", "AUD", True)]
    assert all("Australia (AU)" in d for d in _inferred_details(ex))


def test_a_us_story_and_a_story_without_a_country_keep_todays_reading():
    ex, found = _amounts(UNITED_STATES)
    assert ex.country_code == "US"
    assert found == [("$620 million", "USD", True)]
    assert _inferred_details(ex) == ["'$620 million' is written with a bare '$'; read as USD by inference, "
                                     "not from the text"]
    ex, found = _amounts(UNCLEAR)
    assert ex.country_code is None
    assert found == [("$75 million", "USD", True), ("12 million pesos", None, False)]


def test_what_the_text_or_the_publisher_says_wins_over_the_country():
    # "US$" named before: the bare "$" after it is the dollar the text named
    _, found = _amounts("OTTAWA, April 9 - Canada's government will add US$300 million, and then $200 million.")
    assert found == [("US$300 million", "USD", False), ("$200 million", "USD", True)]
    # a publisher's dollar (publisher_currencies.csv) is the caller's hint, and stands
    _, found = _amounts(CANADA, default_dollar="SGD")
    assert found == [("$1.8 billion", "SGD", True)]


def test_the_country_currency_is_read_from_cldr_on_the_announcement_day():
    assert country_currency("CA", "dollar", "$", dt.date(2025, 1, 1), "fr")[0] == "CAD"
    assert country_currency("MX", "peso", "pesos", None, "en")[0] == "MXN"
    # Panama's tender is the balboa and the US dollar: its only dollar is the US one
    assert country_currency("PA", "dollar", "dollars", dt.date(2025, 1, 1), "en")[0] == "USD"
    # Zimbabwe: its own dollar until 2024-08-31 beside the US dollar (two dollars: no guess); then one
    assert country_currency("ZW", "dollar", "dollars", dt.date(2020, 1, 1), "en") is None
    assert country_currency("ZW", "dollar", "dollars", dt.date(2025, 1, 1), "en")[0] == "USD"
    assert country_currency("RU", "dollar", "долларов", dt.date(2025, 1, 1), "ru") is None


@pytest.mark.parametrize("published", [dt.date(2024, 4, 9), None])
def test_the_record_is_converted_at_the_countrys_currency_and_says_it_was_inferred(published):
    raw = RawDocument(origin="ca-test.txt", format="txt", file_sha256="", text=CANADA, published_on=published,
                      title="Canada funds AI compute")
    _, ex, records = process_document(raw, RateBook.load(paths.REFERENCE_DIR))
    (amount,) = records["amounts"]
    assert (amount.currency, amount.currency_inferred, amount.currency_raw) == ("CAD", True, "$")
    if published is None:
        assert amount.fx_status == "no_date"
    else:
        assert amount.fx_status == "converted" and "ECB" in amount.rate_source
        assert 1.2 < amount.usd_rate < 1.5  # Canadian dollars per US dollar, not 1.0
    (check,) = [c for c in records["checks"] if c.check == "currency_inferred"]
    assert "Canada (CA)" in check.detail


def test_a_bracketed_conversion_of_pesos_pairs_once_the_country_names_the_peso():
    # the pair waits in extract_money (the peso has no code there) and is completed after
    # the announcing country decides it: 7.5e9 MXN / 440e6 USD, as any other conversion
    text = ("CIUDAD DE MÉXICO, 3 de junio - México invertirá 7.500 millones de pesos (unos 440 millones "
            "de dólares) en centros de datos.")
    ex, amounts = _amounts(text, "es")
    assert amounts == [("7.500 millones de pesos", "MXN", True), ("440 millones de dólares", "USD", True)]
    [conv] = ex.facts.conversions
    assert (conv.source, conv.target) == (0, 1)
    assert conv.implied_rate == pytest.approx(7.5e9 / 440e6)
    assert conv.text == "7.500 millones de pesos (unos 440 millones de dólares)"
    # without a country the pesos stay without a code, and nothing is paired (never a guess)
    ex, amounts = _amounts("Un fondo invertirá 12 millones de pesos (unos 700.000 dólares) en becas.", "es")
    assert amounts[0][1] is None
    assert ex.facts.conversions == []
