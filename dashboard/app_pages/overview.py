"""Overview: the headline numbers, commitments by country, announcements over time,
and the currency mix, counted per commitment (registry entries: one however many sources
retell it, latest only), with a plain count of entries that have no USD value and why.

May import: streamlit, dashboard.*, etl.filters.
"""

import datetime as dt

import streamlit as st

from dashboard import charts, data, ui
from dashboard.filters import share, url_choice
from etl.filters import Filter

st.title("National AI commitments")
st.caption("What governments and companies announced for AI, in the currency they announced it, "
           "converted to US dollars at the reference rate of the announcement day.")
st.caption("Counted per commitment: one entry however many sources retell it. Only the latest of a re-announced "
           "pledge is counted; the Commitments page lists every entry with its sources.")

src = ui.database_or_stop()
today = dt.date.today()
everything = Filter()
headline = Filter(headline_only=True)

numbers = ui.run_or_stop(data.overview, src, today)
timeline = ui.run_or_stop(data.target_timeline, src, (), today)
upcoming = int(timeline.loc[timeline["timing"] != "overdue", "n"].sum())

a, b, c, d = st.columns(4)
a.metric("Countries", f"{int(numbers['countries'] or 0)}", help="Countries (and the EU) with at least one commitment.")
b.metric("Commitments", f"{int(numbers['commitments'] or 0)}",
         help=f"Latest headline registry entries: one per commitment, from {int(numbers['mentions'] or 0)} amounts "
              f"as printed in {int(numbers['documents'] or 0)} documents. {int(numbers['entries'] or 0)} entries in "
              "all; the others are parts of a larger figure or targets that are not money.")
ui.money_metric(c, "Announced total (USD)", numbers["total_usd"],
         help="Sum of the latest headline commitments that have a USD value, each counted once however many "
              "sources retell it. It is a sum of announcements, not of money spent.")
d.metric("Upcoming deadlines", f"{upcoming}",
         help=f"Targets and deadlines due in {today.year} or later (see Targets and deadlines).")
if numbers["superseded"]:
    st.caption(f"{int(numbers['superseded'])} superseded entr{'y is' if numbers['superseded'] == 1 else 'ies are'} "
               "not counted: a later re-announcement replaced the figure or deadline.")

# Say plainly which commitments are left out of the dollar total, and why: a missing
# rate is not a zero, and a zero is not missing.
coverage = ui.run_or_stop(data.entry_coverage, src, headline)
missing = coverage[coverage["fx_status"] != "converted"]
zeros = int(coverage["zero_usd"].sum())
if missing.empty:
    st.success("Every headline commitment has a USD value.")
else:
    reasons = {"no_rate": "no reference rate for that currency on that day",
               "no_date": "the announcement is undated, so there is no day to take a rate from",
               "no_currency": "the text does not say which currency",
               "no_value": "no single figure is stated"}
    lines = [f"- {int(r.entries)} × {reasons.get(r.fx_status, r.fx_status)} ({r.currencies if isinstance(r.currencies, str) and r.currencies else 'no currency'})"
             for r in missing.itertuples()]
    st.info(f"{int(missing['entries'].sum())} of {int(numbers['commitments'] or 0)} headline commitments have no USD "
            "value and are left out of the dollar total (not counted as zero):\n" + "\n".join(lines))
    # A missing rate has a remedy: say which command brings it, for the days these entries need.
    gaps = ui.run_or_stop(data.rate_gaps, src, headline)
    for g in gaps.itertuples():
        span = f"--from {g.first_on:%Y-%m-%d} --to {g.last_on:%Y-%m-%d}"
        if g.currency == "RUB":
            n = int(g.entries)
            st.info(f"{n} headline commitment{' in roubles has' if n == 1 else 's in roubles have'} no USD value: "
                    "the Bank of Russia's official rates do not ship with aitrack (the ECB stopped publishing the "
                    "rouble in March 2022, and no package carries the Bank of Russia's rates), and "
                    f"{'its document states' if n == 1 else 'their documents state'} no rate of its own. On a "
                    f"machine that reaches cbr.ru, `aitrack fx fetch cbr {span}` fetches them into "
                    "data/reference/fx/; the next `aitrack build` converts at the official rate of each day.")
        else:
            st.caption(f"{int(g.entries)} commitment(s) in {g.currency} have no reference rate between "
                       f"{g.first_on:%Y-%m-%d} and {g.last_on:%Y-%m-%d}: add the rates to your own CSV "
                       "(`aitrack build --rates FILE`, see data/reference/fx/README.md).")
if zeros:
    st.caption(f"{zeros} commitment(s) are exactly zero dollars and are counted as zero.")

st.subheader("Commitments by country")
url_choice("overview_scale", "scale", ["linear", "log"], default="linear")
scale = st.radio("Scale", ["linear", "log"], horizontal=True, key="overview_scale",
                 help="A log scale keeps small commitments visible next to the largest.")
share({"scale": scale if scale != "linear" else None})
by_country = ui.run_or_stop(data.country_totals, src, headline)
st.plotly_chart(charts.commitments_by_country(by_country, log=scale == "log"), key="overview_by_country")
st.caption("Hover a bar for its largest commitments: the amount as printed, its US$ value, and the rate "
           "used (units per USD, the rate's date and its source).")

st.subheader("Announcements over time")
months = ui.run_or_stop(data.announcement_months, src, headline)
st.plotly_chart(charts.announcements_over_time(months), key="overview_timeline")
undated = int(months.loc[months["month"].isna(), "commitments"].sum())
st.caption("One marker per country and the month a commitment was first reported; its area is proportional to that month's USD total, and hollow "
           "markers have no USD value. Hover a marker for its largest commitment, as printed, with its rate."
           + (f" {undated} undated commitment(s) cannot be placed on the time axis." if undated else ""))

st.subheader("Currency mix")
st.plotly_chart(charts.currency_mix(ui.run_or_stop(data.country_currency_totals, src)), key="overview_currencies")

ui.footer(src)
