"""Commitments: filter the announced amounts, read them in a table, choose one to see
the sentence it stands in, highlighted inside its document, with who published it,
where, when, and the exchange rate behind its dollar value; download exactly what is
filtered (CSV, Parquet, or a documented zip).

May import: streamlit, dashboard.*.
"""

import streamlit as st

from dashboard import charts, data, ui
from dashboard.filters import filter_controls

st.title("Commitments")
st.caption("Every announced amount, as printed, with its USD value at the reference rate of the announcement day, "
           "and whether the money is public or private where the amount's own sentence says so.")

src = ui.database_or_stop()
options = ui.run_or_stop(data.filter_options, src)
filters = filter_controls(options)

table = ui.run_or_stop(data.record_table, src, filters)
coverage = ui.run_or_stop(data.usd_coverage, src, filters)
matched = int(table["filtered_rows"].iloc[0]) if len(table) else 0

a, b, c, d = st.columns(4)
a.metric("Amounts", f"{matched}", help="Announced amounts matching the filter (bracketed equivalents folded in).")
b.metric("Headline commitments", f"{int(coverage['headline_amounts'].sum())}")
c.metric("Headline total in USD", charts.money(coverage["headline_usd"].sum(min_count=1), "USD"),
         help="Headline commitments with a USD value, one per announcement: the other amounts of an "
              "announcement are often parts of its headline ($39 billion of $52.7 billion), so they are not added.")
d.metric("Without a USD value", f"{int((coverage['amounts'] - coverage['with_usd']).sum())}",
         help="Kept in the table and the download with an empty value_usd and a note saying why; not zero.")

st.caption("Filter: " + "; ".join(filters.describe()))

if table.empty:
    st.info("No announced amount matches this filter. Widen it in the sidebar.")
    st.stop()
if matched > len(table):
    st.caption(f"Showing the first {len(table)} of {matched} amounts; the downloads below hold all {matched}.")

shown = table.assign(
    announced=charts.money_column(table["value"], table["currency"]),
    usd=charts.usd_short(table["value_usd"]),
    qualifier=charts.words(table["qualifier"]),
    commitment_kind=charts.words(table["commitment_kind"]),
    check_status=charts.words(table["check_status"]),
)
st.dataframe(
    shown,
    key="commitments_table",
    hide_index=True,
    placeholder="–",
    column_order=["country_code", "published_on", "quote", "announced", "usd", "usd_rate", "rate_on", "rate_source",
                  "qualifier", "commitment_kind", "funding", "deadline_year", "check_status", "publisher", "fx_note",
                  "record_id"],
    column_config={
        "country_code": st.column_config.TextColumn("country"),
        "published_on": st.column_config.DateColumn("announced on", format="YYYY-MM-DD"),
        "quote": st.column_config.TextColumn("as printed"),
        "announced": st.column_config.TextColumn("value as announced"),
        "usd": st.column_config.TextColumn("USD value"),
        "usd_rate": st.column_config.NumberColumn("rate (per USD)", format="%.6g"),
        "rate_on": st.column_config.DateColumn("rate date", format="YYYY-MM-DD"),
        "rate_source": st.column_config.TextColumn("rate source"),
        "commitment_kind": st.column_config.TextColumn("kind"),
        "funding": st.column_config.TextColumn("public/private", help="As the amount's sentence says; unknown "
                                                                       "where it does not say."),
        "deadline_year": st.column_config.NumberColumn("due by", format="%d"),
        "check_status": st.column_config.TextColumn("check"),
        "fx_note": st.column_config.TextColumn("why no USD value"),
        "record_id": st.column_config.TextColumn("record id"),
    },
)

st.subheader("Where the text says so")
labels = (table["country_code"].fillna("??") + " · "
          + charts.iso_dates(table["published_on"]).fillna("undated")
          + " · " + table["quote"].fillna("") + " · " + table["publisher"].fillna("(no publisher)"))
choices = dict(zip(table["record_id"].astype(str), labels.astype(str)))
chosen = st.selectbox("Amount", list(choices), format_func=lambda k: choices.get(k, k), key="commitments_record",
                      help="Choose an amount to read it in its document.")
record = ui.run_or_stop(data.record_source, src, chosen) if chosen else None
if record is None:
    st.info("That amount is no longer in the database (it was rebuilt). Choose another.")
else:
    left, right = st.columns([3, 2])
    with left:
        st.markdown("**Title**")
        st.text(record["title"] or "(no title)")
        ui.show_highlighted(record["document_text"], int(record["start"]), int(record["end"]), record["sentence"])
        st.caption("The amount is in bold yellow, the sentence it stands in in light yellow.")
    with right:
        people = ui.run_or_stop(data.document_facts, src, record["document_id"])
        people = people[people["fact"].isin(["actor: person", "actor: organisation"])]
        st.markdown("**Who and where**")
        ui.fields([
            ("Publisher", record["publisher"]),
            ("Published", record["published_on"] or "undated"),
            ("Named in the text", ", ".join(dict.fromkeys(people["detail"])) or None),
        ])
        ui.show_url(record["url"])
        st.markdown("**Amount**")
        ui.fields([
            ("As printed", record["quote"]),
            ("Value as announced", charts.money(record["value"], record["currency"])),
            ("Qualifier", charts.word(record["qualifier"])),
            ("Commitment kind", charts.word(record["commitment_kind"])),
            ("Public or private", record["funding"]),
            ("Due by", record["deadline_year"]),
            ("Check", charts.word(record["check_status"])),
            ("Record id", record["record_id"]),
        ])
        if record.get("reviewed"):  # corrected or accepted by an analyst: say by whom, when and why
            ui.review_notes(ui.run_or_stop(data.record_corrections, src, record["record_id"]))
        if record["value_usd"] is not None:
            st.markdown("**Conversion**")
            ui.fields([
                ("USD value", charts.money(record["value_usd"], "USD")),
                ("Rate", f"{record['usd_rate']:.6g} {record['currency']} per USD"),
                ("Rate date", record["rate_on"]),
                ("Rate source", record["rate_source"]),
                ("Note", record["fx_note"]),
            ])
        else:
            st.markdown("**No USD value**")
            ui.fields([("Why", record["fx_note"] or charts.word(record["fx_status"]))])
        if record["stated_value"] is not None:
            implied = charts.implied_rate(record["implied_rate"], record["currency"], record["stated_currency"])
            implied = f" ({implied})" if implied else ""
            ui.fields([("The text's own equivalent",
                        charts.money(record["stated_value"], record["stated_currency"]) + implied)])

st.subheader("Download what is filtered")
st.caption("The same bytes as `aitrack export` with the same filter"
           + (f": `{filters.cli_flags()}`" if filters.cli_flags() else " (no flags)") + ".")
x, y, z = st.columns(3)
x.download_button("Download CSV", data=lambda: data.export(src, "csv", filters), file_name="aitrack-records.csv",
                  mime="text/csv", key="download_csv", on_click="ignore")
y.download_button("Download Parquet", data=lambda: data.export(src, "parquet", filters),
                  file_name="aitrack-records.parquet", mime="application/vnd.apache.parquet",
                  key="download_parquet", on_click="ignore")
z.download_button("Download zip (data, dictionary, README, manifest)", data=lambda: data.export(src, "zip", filters),
                  file_name="aitrack-export.zip", mime="application/zip", key="download_zip", on_click="ignore")

ui.footer(src)
