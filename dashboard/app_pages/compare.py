"""Compare countries: headline totals and targets of the countries you choose, side by
side, in the currencies they were announced in and in US dollars.

A bloc ("EU bloc": the EU itself and its member states, data/reference/blocs.csv) is one
more column, added up in SQL (sql/queries/bloc_totals.sql) over the same rows a
`--country EU-bloc` export holds.

May import: the standard library, pandas, streamlit, dashboard.*, etl.filters.
"""

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import charts, data, ui
from dashboard.filters import bloc_labels, country_choice, from_choices, share_countries, url_countries
from etl.filters import Filter

st.title("Compare countries")
st.caption("Totals add up each country's latest headline commitments, each once however many sources retell it. "
           "Amounts in different currencies are never added "
           "together as announced; only their USD values are, each at its own day's reference rate.")
st.caption("Counted per commitment: one entry however many sources retell it, latest entries only. The targets "
           "and deadlines below are one row per target as printed in one document.")

src = ui.database_or_stop()
options = ui.run_or_stop(data.filter_options, src)
default = [c for c in ("US", "CN", "EU", "RU") if c in options["countries"]] or options["countries"][:3]
url_countries("compare_countries", [*bloc_labels(), *options["countries"]], default)
chosen = st.multiselect("Countries", [*bloc_labels(), *options["countries"]], key="compare_countries",
                        format_func=country_choice,
                        help="'EU bloc' adds the EU itself and its member states as one more column.")
share_countries(chosen)
if not chosen:
    st.info("Choose at least one country to compare.")
    st.stop()

blocs = [c for c in chosen if c in bloc_labels()]
codes = [c for c in chosen if c not in blocs]
# the countries themselves first (largest first), then one column per bloc, as chosen
frames = [ui.run_or_stop(data.country_totals, src, Filter(countries=codes))] if codes else []
frames += [ui.run_or_stop(data.bloc_totals, src, b, from_choices(countries=[b])) for b in blocs]
frames = [f for f in frames if len(f)]
totals = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
if totals.empty:
    st.info("None of the chosen countries has a headline commitment.")
    st.stop()

st.subheader("Announced totals in US dollars")
st.plotly_chart(charts.compare_totals(totals), key="compare_chart")
st.dataframe(
    totals.assign(usd=charts.usd_short(totals["total_usd"])), key="compare_totals", hide_index=True, placeholder="–",
    column_order=["country", "commitments", "usd", "converted", "not_converted", "no_value", "currencies"],
    column_config={"usd": "total in USD", "converted": "with a USD value",
                   "not_converted": "without a USD value", "no_value": "without a stated figure"},
)

st.subheader("In the currencies announced")
per_currency = ui.run_or_stop(data.country_currency_totals, src, from_choices(countries=chosen).country_codes())
st.dataframe(
    per_currency.assign(announced=charts.money_column(per_currency["total_value"], per_currency["currency"]),
                        usd=charts.usd_short(per_currency["total_usd"])),
    key="compare_currencies", hide_index=True, placeholder="–",
    column_order=["country", "currency", "commitments", "announced", "usd", "converted", "first_on", "last_on"],
    column_config={"announced": "total as announced", "usd": "total in USD",
                   "converted": "with a USD value",
                   "first_on": st.column_config.DateColumn("first", format="YYYY-MM-DD"),
                   "last_on": st.column_config.DateColumn("last", format="YYYY-MM-DD")},
)

st.subheader("Targets and deadlines")
targets = ui.run_or_stop(data.target_list, src, from_choices(countries=chosen).country_codes(), dt.date.today())
if targets.empty:
    st.info("No target or deadline for these countries.")
else:
    if int(targets["filtered_rows"].iloc[0]) > len(targets):
        st.caption(f"Showing the first {len(targets)} of {int(targets['filtered_rows'].iloc[0])}.")
    targets = targets.assign(amount=charts.target_value_column(targets["value"], targets["currency"], targets["unit"]).where(
        targets["value"].notna() | (targets["unit"] == "rank"), None), comparator=charts.words(targets["comparator"]))
    st.dataframe(targets, key="compare_targets", hide_index=True, placeholder="–",
                 column_order=["country", "year", "timing", "source_kind", "what", "comparator", "amount",
                               "quote", "publisher", "published_on"],
                 column_config={"year": st.column_config.NumberColumn("due by", format="%d"),
                                "source_kind": "kind", "quote": "as printed",
                                "published_on": st.column_config.DateColumn("published", format="YYYY-MM-DD")})
ui.footer(src)
