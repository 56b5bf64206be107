"""A shared currency name read from the announcing country: a bare "$" in a Canadian story.

`resolve_by_country` runs after the announcing country is decided (actors.main_country). An
amount whose shared name the text and the publisher leave open ("$", "dollars", "pesos", "Rs";
`money.amounts.resolve_families` marks them, `extract_money` hands them over as `open_families`) takes the one
currency of that name the country uses on the announcement day: "$2.4 billion" in a story from
Ottawa is CAD, "5,000 millones de pesos" from Mexico City MXN, "$1 billion" from Canberra AUD.

Which currencies a country uses is data, not a list of ours: the territory currencies of the
Unicode CLDR, as babel ships them (legal tender only, on the publication date; for an undated
document those the data has not ended). A currency is "of that name" when it is in the family
(`currencies.FAMILIES`, the table the resolver already uses: "$" is also the Mexican peso's
sign) and, for a written word ("dollars", "dólares", "pesos"), its English name carries the
word: "dólares" in a Mexican story stays the US dollar, since the Mexican peso is not a dollar.
Only where exactly one currency qualifies is the amount resolved, still marked
`currency_inferred`; `Extraction.currency_bases` keeps which country and where the text names it,
and the currency_inferred check says so.
The US, a country with none or two of that name (Panama: the balboa and the US dollar, only one
of them a dollar, so USD as before), and an unknown country change nothing.

May import: the standard library, babel, etl.extract.spans and money.currencies.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import cache

from babel import UnknownLocaleError
from babel.numbers import get_currency_name, get_currency_symbol, get_territory_currencies

from etl.extract.money.currencies import FAMILIES
from etl.extract.spans import ActorSpan, AmountSpan, ConversionSpan

# The English word of a family's name, where it is not the family's own name ("Omani Rial",
# "Danish Krone", "Icelandic Króna").
_NAME_WORDS = {"riyal": ("riyal", "rial"), "krona": ("kron",)}


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


@cache
def _english_name(code: str) -> str:
    return _fold(get_currency_name(code, locale="en"))


@cache
def territory_currencies(country: str, on: dt.date | None) -> tuple[str, ...]:
    """The legal tender of `country` on `on` (CLDR via babel); undated, the ones still in use."""
    if on is not None:
        return tuple(get_territory_currencies(country, start_date=on))
    rows = get_territory_currencies(country, start_date=dt.date(1, 1, 1), end_date=dt.date(9999, 12, 31),
                                    include_details=True)
    return tuple(r["currency"] for r in rows if r["to"] is None and r["tender"])


@cache
def _symbol_in(code: str, locale: str) -> str | None:
    try:
        return get_currency_symbol(code, locale=locale)
    except (UnknownLocaleError, ValueError):
        return None


def country_currency(country: str, family: str, raw: str | None, on: dt.date | None,
                     lang: str | None) -> tuple[str, str] | None:
    """The one currency of that name `country` uses on `on`, with why, or None.

    A sign ("$") is read the way CLDR writes the country's currencies in the document's language
    there: "$" is the Mexican peso in es_MX, the Canadian dollar in en_CA and fr_CA; English has
    no Mexican locale, so "$" in an English story from Mexico stays the US dollar (the wires'
    use). A word ("dollars", "pesos") is a currency of its family whose English name carries it."""
    tender = territory_currencies(country, on)
    if raw and not any(ch.isalpha() for ch in raw):
        if not lang:
            return None
        locale = f"{lang}_{country}"
        found = [c for c in tender if _symbol_in(c, locale) == raw]
        why = f"the currency written {raw!r} there (CLDR locale {locale})"
    else:
        members = FAMILIES.get(family, (None, frozenset()))[1]
        words = _NAME_WORDS.get(family, (family,))
        found = [c for c in tender if c in members and any(w in _english_name(c) for w in words)]
        why = f"its only {family} (CLDR territory currencies)"
    return (found[0], why) if len(found) == 1 else None


def resolve_by_country(amounts: list[AmountSpan], open_families: dict[int, str], country: str | None,
                       on: dt.date | None, lang: str | None, actors: list[ActorSpan],
                       title: str | None = None) -> dict[int, str]:
    """Give each open shared name (`open_families`: amount index -> family) the announcing country's
    currency of that name, in place; returns amount index -> why, for the currency_inferred check."""
    bases: dict[int, str] = {}
    if not country:
        return bases
    for i, family in open_families.items():
        a = amounts[i]
        found = country_currency(country, family, a.currency_raw, on, lang)
        if found is None or found[0] == a.currency:
            continue
        a.currency, a.currency_inferred = found[0], True
        bases[i] = f"the announcing country is {_evidence(country, actors, title)}, and {found[0]} is {found[1]}"
    return bases


def complete_conversions(amounts: list[AmountSpan], pending: list[tuple[int, int, str, int, int]],
                         conversions: list[ConversionSpan]) -> None:
    """The bracketed conversions `extract_money` left open because one side's shared name had no
    code yet ("1.500 millones de pesos (unos 88 millones de dólares)"): once `resolve_by_country`
    has named it (MXN from a Mexican story), the pair is a conversion like any other, in place
    and in text order. A side still without a code, or two sides of one currency, stay unpaired."""
    added = False
    for i, j, text, start, end in pending:
        x, y = amounts[i], amounts[j]
        if x.currency and y.currency and x.currency != y.currency:
            conversions.append(ConversionSpan(i, j, x.value / y.value, text, start, end))
            added = True
    if added:
        conversions.sort(key=lambda c: (c.start, c.source))


def _evidence(country: str, actors: list[ActorSpan], title: str | None) -> str:
    """The country and where the text names it: its first mention, else the headline."""
    first = next((x for x in actors if x.kind == "country" and x.code == country), None)
    if first is not None:
        return f"{first.name or country} ({country}), named {first.text!r} at {first.start}"
    return f"{country}, from the headline {title!r}" if title else country
