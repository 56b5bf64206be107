"""Publisher hints: a bare "$" follows the publisher's home currency, still marked inferred."""

from __future__ import annotations

from etl.extract import extract_text
from etl.reference import publisher_dollar


def test_publisher_hint_by_name_and_url():
    assert publisher_dollar("The Straits Times", None) == "SGD"
    assert publisher_dollar(None, "https://www.theglobeandmail.com/x") == "CAD"
    assert publisher_dollar("Reuters", "https://reuters.com/x") is None
    assert publisher_dollar(None, None) is None


def test_bare_dollar_follows_the_hint_and_stays_inferred():
    text = "The government will set aside $1 billion for AI compute."
    [a] = extract_text(text, default_dollar=publisher_dollar("The Straits Times", None)).facts.amounts
    assert (a.currency, a.currency_inferred) == ("SGD", True)
    [b] = extract_text(text).facts.amounts
    assert (b.currency, b.currency_inferred) == ("USD", True)
