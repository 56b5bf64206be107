"""Figure checks: every test the build ran on the printed figures (stated rates against
reference rates, rounding, scale slips, targets across documents), with its arithmetic.

May import: streamlit, dashboard.*.
"""

import streamlit as st

from dashboard import charts, data, ui
from dashboard.filters import share, url_choice

st.title("Figure checks")
st.caption("Each check redoes the arithmetic a reader would: does the printed dollar equivalent match the "
           "reference rate of the day, or the rate the text states, within the rounding of the printed digits?")

st.caption("Each row is one check of one figure as printed in one document; an across_sources row compares the "
           "sources of one commitment with the figure its entry shows.")

src = ui.database_or_stop()
summary = ui.run_or_stop(data.check_summary, src)
if summary.empty:
    st.info("The build ran no figure checks on these announcements.")
    st.stop()

counts = summary.groupby("status")["n"].sum()
order = [s for s in ("fail", "warn", "unverifiable", "pass", "info") if s in counts.index]
for col, status in zip(st.columns(len(order)), order):
    col.metric(status, int(counts.get(status, 0)))

url_choice("checks_status", "status", order, many=True)
statuses = st.multiselect("Status", order, key="checks_status", placeholder="Every status")
share({"status": statuses})
chosen_summary = summary[summary["status"].isin(statuses)] if statuses else summary
st.plotly_chart(charts.checks_by_status(chosen_summary), key="checks_chart")
shown = ui.run_or_stop(data.check_list, src, tuple(statuses))
shown = shown.assign(check=charts.words(shown["check"]), rate_unit=charts.rate_units(shown["detail"]))
matched = int(shown["filtered_rows"].iloc[0]) if len(shown) else 0
if matched > len(shown):
    st.caption(f"Showing the first {len(shown)} of {matched} checks (failures first); `aitrack check` lists all.")
st.dataframe(
    shown, key="checks_table", hide_index=True, placeholder="–",
    column_order=["status", "check", "detail", "subject", "publisher", "published_on", "country",
                  "implied_rate", "reference_rate", "rate_unit", "difference_pct", "rate_on", "rate_source", "title", "document_id"],
    column_config={
        "detail": st.column_config.TextColumn("arithmetic", width="large"),
        "subject": "as printed",
        "published_on": st.column_config.DateColumn("published", format="YYYY-MM-DD"),
        "implied_rate": st.column_config.NumberColumn("implied rate", format="%.6g"),
        "reference_rate": st.column_config.NumberColumn("reference rate", format="%.6g"),
        "rate_unit": st.column_config.TextColumn("rates in", help="Both rates are units of the first currency "
                                                                  "per one unit of the second."),
        "difference_pct": st.column_config.NumberColumn("difference %", format="%+.2f"),
    },
)
st.caption("Rates are units of the first currency per one unit of the second (e.g. RUB/USD = roubles per dollar).")

st.subheader("One check in full")
labels = (shown["status"].str.upper() + " · " + shown["check"] + " · " + shown["subject"].fillna("")
          + " · " + shown["publisher"].fillna("cross-document"))
choices = dict(zip(shown["check_id"].astype(str), labels.astype(str)))
first = next(iter(choices), None)
url_choice("checks_chosen", "check", list(choices), default=first)
chosen = st.selectbox("Check", list(choices), format_func=lambda k: choices.get(k, k), key="checks_chosen")
share({"check": chosen if chosen != first else None})
if chosen:
    row = shown[shown["check_id"] == chosen].iloc[0]
    st.text(row["detail"])
    ui.field("Document", row["title"] if isinstance(row["title"], str) else "(across documents)")
    ui.field("Rate source", row["rate_source"] if isinstance(row["rate_source"], str) else None)
ui.footer(src)
