"""Export: what is filtered (the same filter as the Commitments page), at both grains: the
mentions (one row per amount as printed in one document) and the commitment registry (one
row per entry however many sources retell it), each downloadable as CSV, Parquet or an Excel
workbook (data, dictionary and metadata sheets), and a zip holding both with registry_links.csv,
the data dictionary, a README with the citation, and a manifest; the dictionaries are shown in full.

May import: streamlit, dashboard.*.
"""

import streamlit as st

from dashboard import charts, data, ui
from dashboard.filters import filter_controls

st.title("Export")
st.caption("Exactly the filtered records, the same bytes `aitrack export` writes for the same filter. "
           "UTF-8, ISO dates, '.' decimals, empty for missing and 0 only for zero.")
st.caption("Two grains. Mentions: each row is one amount as printed in one document (a pledge retold by five outlets "
           "is five rows). Registry: counted per commitment, one entry however many sources retell it.")

src = ui.database_or_stop()
options = ui.run_or_stop(data.filter_options, src)
filters = filter_controls(options)

table = ui.run_or_stop(data.record_table, src, filters, 1)
matched = int(table["filtered_rows"].iloc[0]) if len(table) else 0
coverage = ui.run_or_stop(data.usd_coverage, src, filters)
entries = ui.run_or_stop(data.entry_table, src, filters, False, None)
latest = entries[entries["latest"]] if len(entries) else entries

st.subheader("What is filtered")
for line in filters.describe():
    st.text("• " + line)
a, b, c, d = st.columns(4)
a.metric("Mentions (rows of records.csv)", matched)
ui.money_metric(b, "Sum of the mentions in USD", coverage["total_usd"].sum(min_count=1),
         help="Every amount as printed, added up: a pledge retold by five outlets counts five times. Use the "
              "registry's sum for what was committed.")
c.metric("Registry entries (rows of registry.csv)", len(entries),
         help=f"{len(latest)} latest; superseded entries are kept with latest = false.")
ui.money_metric(d, "Latest headline entries in USD",
                latest.loc[latest["headline"], "value_usd"].sum(min_count=1) if len(latest) else None,
                help="registry.csv's value_usd summed over rows with latest = true and headline = true: the Overview's "
              "and the Compare page's total for the same filter. "
              f"All latest entries together: {charts.money(latest['value_usd'].sum(min_count=1) if len(latest) else None, 'USD')}.")
no_value = int(latest["value"].isna().sum()) if len(latest) else 0
if no_value:
    st.caption(f"{no_value} latest entr{'y has' if no_value == 1 else 'ies have'} no stated figure: kept with an empty "
               "value, not summed.")
st.code("aitrack export --format csv -o records.csv " + filters.cli_flags() + "\n"
        "aitrack export --table registry --format csv -o registry.csv " + filters.cli_flags(), language="bash")

if matched == 0:
    st.info("No record matches this filter; the files would hold only the header.")

st.markdown("**Mentions** (one row per amount as printed)")
x, y, w, z = st.columns(4)
x.download_button("Download CSV", data=lambda: data.export(src, "csv", filters), file_name="aitrack-records.csv",
                  mime="text/csv", key="export_csv", on_click="ignore")
y.download_button("Download Parquet", data=lambda: data.export(src, "parquet", filters),
                  file_name="aitrack-records.parquet", mime="application/vnd.apache.parquet", key="export_parquet",
                  on_click="ignore")
w.download_button("Download Excel", data=lambda: data.export(src, "xlsx", filters), file_name="aitrack-records.xlsx",
                  mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="export_xlsx",
                  on_click="ignore", help="Sheets: records (numbers as numbers, dates as dates), dictionary, metadata "
                                          "(build, filter, exchange-rate sources, citation).")
z.download_button("Download zip", data=lambda: data.export(src, "zip", filters), file_name="aitrack-export.zip",
                  mime="application/zip", key="export_zip", on_click="ignore",
                  help="records.csv, records.parquet, registry.csv, registry_links.csv, DATA_DICTIONARY.md, README.md "
                       "(how to cite), manifest.json (build, filter, row counts, exchange-rate sources used).")
st.markdown("**Registry** (one row per commitment, superseded entries included with latest = false)")
x, y, w, _ = st.columns(4)
x.download_button("Download registry CSV", data=lambda: data.export(src, "csv", filters, "registry"),
                  file_name="aitrack-registry.csv", mime="text/csv", key="export_registry_csv", on_click="ignore")
y.download_button("Download registry Parquet", data=lambda: data.export(src, "parquet", filters, "registry"),
                  file_name="aitrack-registry.parquet", mime="application/vnd.apache.parquet",
                  key="export_registry_parquet", on_click="ignore")
w.download_button("Download registry Excel", data=lambda: data.export(src, "xlsx", filters, "registry"),
                  file_name="aitrack-registry.xlsx",
                  mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  key="export_registry_xlsx", on_click="ignore")

st.subheader("Data dictionary")
st.caption("Columns in file order; new columns are only ever added at the end.")
for table, title, key in (("records", "records.csv (mentions)", "export_dictionary"),
                          ("registry", "registry.csv (commitments)", "export_dictionary_registry"),
                          ("registry_links", "registry_links.csv (what was merged into each entry, and why)",
                           "export_dictionary_links")):
    st.markdown(f"**{title}**")
    dictionary = data.data_dictionary(table)
    st.dataframe(dictionary, key=key, hide_index=True, height=35 * (len(dictionary) + 1) + 3,
                 column_config={"meaning": st.column_config.TextColumn("meaning", width="large")})
ui.footer(src)
