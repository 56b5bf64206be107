"""The filter controls, and the `etl.filters.Filter` they select.

Every page reads the same `Filter` the CLI builds from `aitrack export` flags, so
the dashboard's table, its charts and its downloads agree with the CLI byte for
byte. This module only draws the widgets (explicit keys, so tests can find them),
turns their values into a Filter (a bloc's label, "EU bloc", becomes the Filter's
`EU-bloc`) and remembers them across pages, because Streamlit forgets the state
of widgets a page does not draw.

Every view is shareable: each page writes its filter and its own choices (a tab, a
selected record, a scale) into the address bar (`share`, `Filter.to_query`), and a link
opened in a fresh session draws the same view (`filter_controls`, `url_choice`,
`url_countries`). A value in the link that the page cannot offer is dropped with a
visible warning, never a crash and never silently (`warn_dropped`).

May import: the standard library, streamlit, pydantic (its ValidationError), etl.filters, etl.reference (country
names). Never duckdb: data.py queries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence

import streamlit as st
from pydantic import ValidationError

from etl.filters import BLOC_SUFFIX, QUERY_KEYS, Filter, bloc_names, problems
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


# The query parameters each page reads (by its url_path), beside the filter's QUERY_KEYS where it
# draws filter_controls; app.py drops any other with a warning. A test runs every page and checks
# what it wrote into the address bar is listed here.
PAGE_PARAMS: dict[str, frozenset[str]] = {
    "overview": frozenset({"scale"}),
    "commitments": frozenset({*QUERY_KEYS.values(), "tab", "superseded", "record"}),
    "targets": frozenset({"as_of", "country", "show"}),
    "compare": frozenset({"country"}),
    "checks": frozenset({"status", "check"}),
    "sources": frozenset({"publisher", "document"}),
    "export": frozenset(QUERY_KEYS.values()),
    "releases": frozenset(),
    "review": frozenset(),
}


_PAGE, _SWITCHED = "_page", "_page_switched"  # not widget keys: kept across pages


def enter_page(page: str) -> None:
    """app.py, before running `page` (its url_path): note whether the person just came from another
    page (the filter widgets are then drawn anew from what was kept, `_restore`) and remove, with a
    warning, the link's parameters `page` does not read (a typo, another page's)."""
    st.session_state[_SWITCHED] = st.session_state.get(_PAGE) != page
    st.session_state[_PAGE] = page
    unknown = [k for k in st.query_params if k not in PAGE_PARAMS.get(page, ())]
    for k in unknown:
        del st.query_params[k]
    warn_dropped([f"{k}: not a setting of this page" for k in unknown])


def _url_query() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def warn_dropped(dropped: Sequence[str]) -> None:
    """Say which values of the link were left out, and why (one warning for the lot)."""
    if dropped:  # the values come from the link: escaped, so they read as typed and never become markup
        st.warning("This link names something this view cannot show; it was left out: "
                   + _MARKDOWN.sub(r"\\\g<0>", "; ".join(dropped)) + ".")


_MARKDOWN = re.compile(r"[!-/:-@\[-`{-~]")  # ASCII punctuation: CommonMark lets a backslash escape each


def _allowed(options: dict) -> dict:
    return {"countries": [*bloc_labels(), *options["countries"]], "currencies": options["currencies"],
            "kinds": options["kinds"], "statuses": options["statuses"], "fundings": options["fundings"]}


def _from_url(options: dict) -> None:
    """On a page's first draw in a session (no filter widget drawn yet), the filter the link names."""
    query = _url_query()
    if st.session_state.get(_KEPT) is not None or not any(k in query for k in QUERY_KEYS.values()):
        return
    allowed = _allowed(options)
    allowed["countries"] = [_country_value(c) for c in allowed["countries"]]
    f, dropped = Filter.from_query(query, allowed)
    lo, hi = options.get("first_on"), options.get("last_on")
    for name, day in (("date_from", f.date_from), ("date_to", f.date_to)):
        if day and ((lo and day < lo) or (hi and day > hi)):  # the date widgets refuse a day outside the data
            dropped.append(f"{QUERY_KEYS[name]}={day.isoformat()}: outside the announcements' dates ({lo} to {hi})")
            f = f.model_copy(update={name: None})
    warn_dropped(dropped)
    st.session_state[_KEPT] = {"countries": [_country_label(c) for c in f.countries], "currencies": list(f.currencies),
                               "kinds": list(f.kinds), "statuses": list(f.statuses), "date_from": f.date_from,
                               "date_to": f.date_to, "headline_only": f.headline_only, "fundings": list(f.fundings)}


def _country_label(value: str) -> str:
    """A Filter's country as the widget offers it: "EU-bloc" -> "EU bloc", codes unchanged."""
    return value[: -len(BLOC_SUFFIX)] + " bloc" if value.endswith(BLOC_SUFFIX) else value


def _text(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def share(params: Mapping[str, object]) -> None:
    """Write a page's choices into the address bar: each given parameter set (a list repeats it),
    removed when empty (None, False, [] or ""), so a copied link opens the same view."""
    for key, value in params.items():
        values = [_text(v) for v in value] if isinstance(value, (list, tuple)) else (
            [] if value is None or value is False or value == "" else [_text(value)])
        if values:
            if st.query_params.get_all(key) != values:
                st.query_params[key] = values
        elif key in st.query_params:
            del st.query_params[key]


def url_choice(key: str, param: str, options: Sequence | None = None, default=None, many: bool = False,
               parse: Callable[[str], object] | None = None) -> None:
    """Before widget `key` is first drawn in a session: its value from the link's `param` (one of
    `options`, matched by its text, or what `parse` makes of it), else `default`; a value that is
    neither is dropped with a warning. Pass no default to the widget itself: this sets it."""
    if key in st.session_state:
        return
    good, dropped = [], []
    by_text = {_text(o): o for o in options or ()}
    for raw in st.query_params.get_all(param):
        try:
            value = parse(raw) if parse else by_text[raw]
        except (KeyError, ValueError):
            dropped.append(f"{param}={raw!r}: not a choice here")
            continue
        if parse and options is not None and value not in options:
            dropped.append(f"{param}={raw!r}: not a choice here")
        elif value not in good:
            good.append(value)
    warn_dropped(dropped)
    if many:
        st.session_state[key] = good if good else list(default or [])
    else:
        st.session_state[key] = good[-1] if good else default


def url_countries(key: str, choices: Sequence[str], default: Sequence[str] = ()) -> None:
    """url_choice for a page's own country list (Targets, Compare): the link's `country` values read
    as a Filter reads them (codes in any case, EU-bloc), kept when the page offers them."""
    if key in st.session_state:
        return
    raw = st.query_params.get_all("country")
    if not raw:
        st.session_state[key] = list(default)
        return
    f, dropped = Filter.from_query({"country": raw}, {"countries": [_country_value(c) for c in choices]})
    warn_dropped(dropped)
    st.session_state[key] = [_country_label(c) for c in f.countries] or list(default)


def share_countries(chosen: Sequence[str]) -> None:
    """A page's own country choice into the address bar, as a Filter spells it (EU-bloc)."""
    share({"country": [_country_value(c) for c in chosen]})


def _restore(options: dict) -> None:
    """Put remembered values back before the widgets are drawn, dropping ones no longer offered."""
    kept = st.session_state.get(_KEPT, {})
    allowed = _allowed(options)
    # On the first run after a page change the keys still hold the last page's widgets, which
    # Streamlit does not carry over: draw them from what was kept (AppTest runs one page: no change).
    switched = st.session_state.get(_SWITCHED, False)
    for name, key in KEYS.items():
        if key in st.session_state and not switched:
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
    _from_url(options)
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
        f = from_choices(**chosen)
    except ValidationError as e:  # e.g. "Announced from" after "Announced to": say so, not "no rows"
        st.warning(f"This filter cannot be applied: {problems(e)}.")
        st.stop()
    share({key: f.to_query().get(key) for key in QUERY_KEYS.values()})
    return f


def kept_filters() -> Filter:
    """The last filter a person set on any page (no widgets drawn)."""
    try:
        return from_choices(**st.session_state.get(_KEPT, {}))
    except ValidationError:
        return Filter()
