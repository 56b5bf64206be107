"""Targets and deadlines: every target or deadline the announcements set, placed on the
year it falls due, marked overdue or upcoming as seen on an "as of" date you choose.

May import: the standard library, streamlit, dashboard.*.
"""

import datetime as dt

import streamlit as st

from dashboard import charts, data, ui
from dashboard.filters import bloc_labels, country_choice, from_choices, share, share_countries, url_choice, url_countries

st.title("Targets and deadlines")
st.caption("A target names what is to be reached by when (\"AI's contribution to GDP over 11 trillion roubles by "
           "2030\"); a deadline is a year a commitment is due by. Both are read from the text.")

st.caption("Each row is one target or deadline as printed in one document: a target three outlets retell is "
           "three rows (the Commitments page counts it once).")

SHOW = ["all", "overdue", "due this year", "upcoming"]


def _day(text: str) -> dt.date:
    day = dt.date.fromisoformat(text)
    if not dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31):
        raise ValueError(text)
    return day


src = ui.database_or_stop()
options = ui.run_or_stop(data.filter_options, src)

left, right = st.columns([1, 2])
url_choice("targets_as_of", "as_of", default=dt.date.today(), parse=_day)
as_of = left.date_input("As of", min_value=dt.date(2000, 1, 1),
                        max_value=dt.date(2100, 12, 31), key="targets_as_of", format="YYYY-MM-DD",
                        help="Deadlines before this year are overdue; this year's are due now.")
choices = [*bloc_labels(), *options["countries"]]
url_countries("targets_countries", choices)
chosen = right.multiselect("Countries", choices, key="targets_countries", format_func=country_choice,
                           placeholder="All countries")
share_countries(chosen)
share({"as_of": as_of if as_of and as_of != dt.date.today() else None})
countries = from_choices(countries=chosen).country_codes()
as_of = as_of or dt.date.today()

timeline = ui.run_or_stop(data.target_timeline, src, countries, as_of)
if timeline.empty:
    st.info("No target or deadline for this choice of countries.")
    st.stop()
counts = timeline.groupby("timing")["n"].sum()

a, b, c = st.columns(3)
a.metric("Overdue", int(counts.get("overdue", 0)))
b.metric(f"Due in {as_of.year}", int(counts.get("due this year", 0)))
c.metric("Upcoming", int(counts.get("upcoming", 0)))

st.plotly_chart(charts.targets_timeline(timeline, as_of), key="targets_timeline")
st.caption("Diamonds are targets, circles deadlines, each kind in its own row; a marker sits on the year it falls "
           "due and its area is how many fall due that year. "
           "Hover a marker for the first of them, quoted, with their source.")

url_choice("targets_show", "show", SHOW, default="all")
timing_filter = st.segmented_control("Show", SHOW, key="targets_show")
share({"show": timing_filter if timing_filter not in (None, "all") else None})
shown = ui.run_or_stop(data.target_list, src, countries, as_of, None if timing_filter in (None, "all") else timing_filter)
matched = int(shown["filtered_rows"].iloc[0]) if len(shown) else 0
if matched > len(shown):
    st.caption(f"Showing the first {len(shown)} of {matched}; choose countries to narrow the list.")
amount = charts.target_value_column(shown["value"], shown["currency"], shown["unit"])
amount = amount.where(shown["value"].notna() | (shown["unit"] == "rank"), None)
shown = shown.assign(amount=amount, comparator=charts.words(shown["comparator"]))
st.dataframe(
    shown, key="targets_table", hide_index=True, placeholder="–",
    column_order=["year", "timing", "country", "source_kind", "what", "comparator", "amount", "binds",
                  "quote", "publisher", "published_on", "title", "url"],
    column_config={
        "year": st.column_config.NumberColumn("due by", format="%d"),
        "source_kind": "kind",
        "binds": "due",
        "quote": "as printed",
        "published_on": st.column_config.DateColumn("published", format="YYYY-MM-DD"),
    },
)
ui.footer(src)
