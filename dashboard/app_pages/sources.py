"""Sources: the documents read, their publishers, the facts each yielded (with the text
span of each), and the inputs that were rejected, with the reason.

May import: streamlit, dashboard.*.
"""

import streamlit as st

from dashboard import charts, data, ui
from dashboard.filters import share, url_choice

st.title("Sources")
st.caption("Every number on this dashboard comes from one of these documents; each fact keeps the exact "
           "characters it was read from.")

st.caption("Each row is one document as loaded; one document can hold several amounts, one amount can be one of "
           "several sources of a commitment.")

src = ui.database_or_stop()

st.subheader("Publishers")
publishers = ui.run_or_stop(data.publishers, src)
st.dataframe(publishers, key="sources_publishers", hide_index=True, placeholder="–",
             column_config={"first_on": st.column_config.DateColumn("first", format="YYYY-MM-DD"),
                            "last_on": st.column_config.DateColumn("last", format="YYYY-MM-DD")})

st.subheader("Documents")
named = ["(all)", *publishers["publisher"].astype(str)]
url_choice("sources_publisher", "publisher", named, default="(all)")
publisher = st.selectbox("Publisher", named, key="sources_publisher")
share({"publisher": publisher if publisher != "(all)" else None})
docs = ui.run_or_stop(data.document_list, src, None if publisher == "(all)" else publisher)
total = int(docs["filtered_rows"].iloc[0]) if len(docs) else 0
if total > len(docs):
    st.caption(f"Showing the first {len(docs)} of {total} documents; choose a publisher to narrow the list.")
st.dataframe(docs, key="sources_documents", hide_index=True, placeholder="–",
             column_order=["published_on", "country", "title", "publisher", "language", "amounts", "url",
                           "undated", "n_chars", "document_id"],
             column_config={"published_on": st.column_config.DateColumn("published", format="YYYY-MM-DD"),
                            "n_chars": "characters"})

if len(docs):
    labels = (docs["published_on"].astype(object).where(docs["published_on"].notna(), "undated").astype(str).str[:10]
              + " · " + docs["title"].fillna("(no title)") + " · " + docs["publisher"].fillna("(no publisher)"))
    choices = dict(zip(docs["document_id"].astype(str), labels.astype(str)))
    first = next(iter(choices), None)
    url_choice("sources_document", "document", list(choices), default=first)
    chosen = st.selectbox("What this document yielded", list(choices), format_func=lambda k: choices.get(k, k),
                          key="sources_document")
    share({"document": chosen if chosen != first else None})
    if chosen:
        facts = ui.run_or_stop(data.document_facts, src, chosen)
        origins = ui.run_or_stop(data.document_origins, src, chosen)
        kinds = facts["fact"].str.split(":").str[0].value_counts()
        st.text("Facts: " + ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in kinds.items()) if len(kinds)
                else "Facts: none")
        st.dataframe(facts.assign(detail=charts.fact_details(facts)), key="sources_facts", hide_index=True,
                     placeholder="–", column_order=["fact", "quote", "detail", "start", "end"],
                     column_config={"quote": "as printed", "start": "from char", "end": "to char"})
        st.dataframe(origins, key="sources_origins", hide_index=True)

st.subheader("Rejected inputs")
rejects = ui.run_or_stop(data.rejects, src)
if rejects.empty:
    st.success("No input was rejected: every file became a document.")
else:
    st.warning(f"{len(rejects)} input(s) could not be loaded; each is listed with the reason.")
    st.dataframe(rejects, key="sources_rejects", hide_index=True)
ui.footer(src)
