"""What a person has filtered, and the controls that set it.

`Filters` is the one description of a filter: the dashboard's table, its charts
and its downloads all read the same object, and `export_filters()` is exactly
the dict `aitrack export` builds from its flags, so a download and the CLI
agree byte for byte. `filter_controls` draws the widgets (explicit keys, so
tests can find them) and remembers their values across pages, because
Streamlit forgets the state of widgets a page does not draw.

May import: the standard library, streamlit. Never duckdb: data.py queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

EU_BLOC = "EU bloc"
# The Union itself plus its 27 member states (ISO 3166-1 alpha-2), so "EU bloc"
# finds the Commission's InvestAI and Macron's €109bn alike.
EU_MEMBERS = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
)
EU_BLOC_CODES = ("EU", *EU_MEMBERS)

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


@dataclass(frozen=True)
class Filters:
    countries: tuple[str, ...] = ()
    currencies: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    headline_only: bool = False
    fundings: tuple[str, ...] = ()  # public, private, mixed, unknown

    @classmethod
    def from_choices(cls, countries=(), currencies=(), kinds=(), statuses=(), date_from=None, date_to=None,
                     headline_only=False, fundings=()) -> Filters:
        """From what the widgets hold: 'EU bloc' becomes the Union and its members."""
        codes: list[str] = []
        for c in countries or ():
            for code in (EU_BLOC_CODES if c == EU_BLOC else (c,)):
                if code not in codes:
                    codes.append(code)
        return cls(tuple(codes), tuple(currencies or ()), tuple(kinds or ()), tuple(statuses or ()),
                   date_from, date_to, bool(headline_only), tuple(fundings or ()))

    def export_filters(self) -> dict:
        """The dict `aitrack export` passes to export_bytes (etl.cli.filters_from_args)."""
        return {
            "countries": list(self.countries),
            "currencies": list(self.currencies),
            "kinds": list(self.kinds),
            "statuses": list(self.statuses),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "headline_only": self.headline_only,
            "fundings": list(self.fundings),
        }

    def params(self) -> dict:
        """Bound query parameters ($countries, ...): lists and ISO dates."""
        p = self.export_filters()
        for k in ("date_from", "date_to"):
            p[k] = p[k].isoformat() if p[k] else None
        return p

    def is_empty(self) -> bool:
        return self == Filters()

    def cli_flags(self) -> str:
        """The same filter as `aitrack export` flags, so a person can reproduce a download."""
        parts = [f"--country {c}" for c in self.countries]
        parts += [f"--currency {c}" for c in self.currencies]
        parts += [f"--kind {k}" for k in self.kinds]
        parts += [f"--status {s}" for s in self.statuses]
        if self.date_from:
            parts.append(f"--from {self.date_from.isoformat()}")
        if self.date_to:
            parts.append(f"--to {self.date_to.isoformat()}")
        if self.headline_only:
            parts.append("--headline-only")
        parts += [f"--funding {f}" for f in self.fundings]
        return " ".join(parts)

    def describe(self) -> list[str]:
        """One line per active filter, in words."""
        lines = []
        if self.countries:
            lines.append("countries: " + ", ".join(self.countries))
        if self.currencies:
            lines.append("currencies: " + ", ".join(self.currencies))
        if self.kinds:
            lines.append("commitment kinds: " + ", ".join(self.kinds))
        if self.statuses:
            lines.append("check status: " + ", ".join(self.statuses))
        if self.date_from or self.date_to:
            lines.append(f"announced {self.date_from or '…'} to {self.date_to or '…'} (undated amounts excluded)")
        if self.headline_only:
            lines.append("headline amount of each document only")
        if self.fundings:
            lines.append("funding (as the sentence says): " + ", ".join(self.fundings))
        return lines or ["no filter: every announced amount"]


def _restore(options: dict) -> None:
    """Put remembered values back before the widgets are drawn, dropping ones no longer offered."""
    kept = st.session_state.get(_KEPT, {})
    allowed = {
        "countries": [EU_BLOC, *options["countries"]],
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


def filter_controls(options: dict, container=None) -> Filters:
    """The filter widgets (sidebar by default); returns what they select."""
    box = container if container is not None else st.sidebar
    _restore(options)
    box.header("Filter")
    countries = box.multiselect(
        "Country", [EU_BLOC, *options["countries"]], key=KEYS["countries"],
        help="ISO 3166 codes. 'EU bloc' means the EU itself plus its 27 member states.",
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
    return Filters.from_choices(**chosen)


def kept_filters() -> Filters:
    """The last filter a person set on any page (no widgets drawn)."""
    return Filters.from_choices(**st.session_state.get(_KEPT, {}))
