"""The filter controls, and the `etl.filters.Filter` they select.

Every page reads the same `Filter` the CLI builds from `aitrack export` flags, so
the dashboard's table, its charts and its downloads agree with the CLI byte for
byte. This module only draws the widgets (explicit keys, so tests can find them),
turns their values into a Filter (a bloc's label, "EU bloc", becomes the Filter's
`EU-bloc`) and remembers them across pages, because Streamlit forgets the state
of widgets a page does not draw.

May import: the standard library, streamlit, pydantic (its ValidationError), etl.filters, etl.reference (country
names). Never duckdb: data.py queries.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from etl.filters import BLOC_SUFFIX, Filter, bloc_names, problems
from etl.reference import country_names


def bloc_labels() -> list[str]:
    """The blocs a country choice offers, as a person reads them ("EU bloc"), in blocs.csv order."""
    return [b[: -len(BLOC_SUFFIX)] + " bloc" for b in bloc_names()]


def country_choice(choice: str) -> str:
    """A country choice's label ("Portugal (PT)"); the value stays the code, in the state and the URL."""
    if choice in bloc_labels():
        return choice
    name = country_names().get(choice)
    return f"{name} ({choice})" if name and name != choice else choice


def _country_value(choice: str) -> str:
    """A country choice as a Filter holds it: "EU bloc" -> "EU-bloc", codes unchanged."""
    return choice[: -len(" bloc")] + BLOC_SUFFIX if choice in bloc_labels() else choice


def from_choices(countries=(), currencies=(), kinds=(), statuses=(), date_from=None, date_to=None,
                 headline_only=False, fundings=()) -> Filter:
    """The Filter of what the widgets hold (the same names as the Filter's fields)."""
    return Filter(countries=[_country_value(c) for c in countries or ()], currencies=currencies or (),
                  kinds=kinds or (), statuses=statuses or (), date_from=date_from, date_to=date_to,
                  headline_only=bool(headline_only), fundings=fundings or ())


KEYS = {
    "countries": "filter_countries",
    "currencies": "filter_currencies",
    "kinds": "filter_kinds",
    "statuses": "filter_statuses",
    "date_from": "filter_date_from",
    "date_to": "filter_date_to",
    "headline_only": "filter_headline_only",
    "fundings": "filter_fundings",
}
_KEPT = "_kept_filters"  # not a widget key, so Streamlit keeps it when a page is left


def _restore(options: dict) -> None:
    """Put remembered values back before the widgets are drawn, dropping ones no longer offered."""
    kept = st.session_state.get(_KEPT, {})
    allowed = {
        "countries": [*bloc_labels(), *options["countries"]],
        "currencies": options["currencies"],
        "kinds": options["kinds"],
        "statuses": options["statuses"],
        "fundings": options["fundings"],
    }
    for name, key in KEYS.items():
        if key in st.session_state:
            continue
        value = kept.get(name)
        if name in allowed:
            value = [v for v in (value or []) if v in allowed[name]]
        elif name == "headline_only":
            value = bool(value)
        st.session_state[key] = value


def filter_controls(options: dict, container=None) -> Filter:
    """The filter widgets (sidebar by default); returns what they select."""
    box = container if container is not None else st.sidebar
    _restore(options)
    box.header("Filter")
    countries = box.multiselect(
        "Country", [*bloc_labels(), *options["countries"]], key=KEYS["countries"], format_func=country_choice,
        help="By name, the ISO 3166 code beside. 'EU bloc' means the EU itself plus its 27 member states.",
        placeholder="All countries",
    )
    currencies = box.multiselect("Currency (as announced)", options["currencies"], key=KEYS["currencies"],
                                 placeholder="All currencies")
    kinds = box.multiselect("Commitment kind", options["kinds"], key=KEYS["kinds"], placeholder="All kinds",
                            help="From the sentence around the amount; 'unspecified' when none was named.")
    statuses = box.multiselect("Check status", options["statuses"], key=KEYS["statuses"], placeholder="Any status",
                               help="Worst figure check on the amount; 'none' when nothing was checked.")
    lo, hi = options.get("first_on"), options.get("last_on")
    date_from = box.date_input("Announced from", key=KEYS["date_from"], min_value=lo, max_value=hi,
                               format="YYYY-MM-DD", help="Empty: no lower bound. Any date bound drops undated amounts.")
    date_to = box.date_input("Announced to", key=KEYS["date_to"], min_value=lo, max_value=hi, format="YYYY-MM-DD",
                             help="Empty: no upper bound.")
    fundings = box.multiselect("Public or private", options["fundings"], key=KEYS["fundings"], placeholder="Any funding",
                               help="Who puts up the money, where the amount's own sentence says so (a budget, "
                                    "ministry or state lender is public; private investors or a company investing "
                                    "private; a public-private partnership mixed). 'unknown' when it does not say.")
    headline_only = box.toggle("Headline amount per document only", key=KEYS["headline_only"])
    chosen = {"countries": countries, "currencies": currencies, "kinds": kinds, "statuses": statuses,
              "date_from": date_from, "date_to": date_to, "headline_only": headline_only, "fundings": fundings}
    st.session_state[_KEPT] = chosen
    try:
        return from_choices(**chosen)
    except ValidationError as e:  # e.g. "Announced from" after "Announced to": say so, not "no rows"
        st.warning(f"This filter cannot be applied: {problems(e)}.")
        st.stop()


def kept_filters() -> Filter:
    """The last filter a person set on any page (no widgets drawn)."""
    try:
        return from_choices(**st.session_state.get(_KEPT, {}))
    except ValidationError:
        return Filter()
