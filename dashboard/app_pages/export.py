"""Export: what is filtered (the same filter as the Commitments page), downloadable as
CSV, Parquet, an Excel workbook (records, dictionary and metadata sheets) or a zip with the
data dictionary, a README with the citation, and a manifest; the data dictionary is shown in full.

May import: streamlit, dashboard.*.
"""

import streamlit as st

from dashboard import charts, data, ui
from dashboard.filters import filter_controls

st.title("Export")
st.caption("Exactly the filtered records, the same bytes `aitrack export` writes for the same filter. "
           "UTF-8, ISO dates, '.' decimals, empty for missing and 0 only for zero.")

src = ui.database_or_stop()
options = ui.run_or_stop(data.filter_options, src)
filters = filter_controls(options)

table = ui.run_or_stop(data.record_table, src, filters, 1)
matched = int(table["filtered_rows"].iloc[0]) if len(table) else 0
coverage = ui.run_or_stop(data.usd_coverage, src, filters)

st.subheader("What is filtered")
for line in filters.describe():
    st.text("• " + line)
a, b = st.columns(2)
a.metric("Rows", matched)
b.metric("Sum in USD", charts.money(coverage["total_usd"].sum(min_count=1), "USD"))
st.code("aitrack export --format csv -o records.csv " + filters.cli_flags(), language="bash")

if matched == 0:
    st.info("No record matches this filter; the files would hold only the header.")

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
                  help="records.csv, records.parquet, DATA_DICTIONARY.md, README.md (how to cite), manifest.json "
                       "(build, filter, exchange-rate sources used).")

st.subheader("Data dictionary")
st.caption("Columns in file order; new columns are only ever added at the end.")
dictionary = data.data_dictionary()
st.dataframe(dictionary, key="export_dictionary", hide_index=True, height=35 * (len(dictionary) + 1) + 3,
             column_config={"meaning": st.column_config.TextColumn("meaning", width="large")})
ui.footer(src)
