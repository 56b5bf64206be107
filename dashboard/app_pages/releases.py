"""Releases: which release this database is (its content-derived id, the code that built it,
when), the release it replaced, what changed since then field by field, and the history.

May import: streamlit, dashboard.*.
"""

import streamlit as st

from dashboard import data, ui

st.title("Releases")
st.caption("Every build is a release. Its id is derived from what the build read (the source files, the "
           "reference data, the lexicon, the extractor version, the corrections), never from the time, so "
           "the same inputs give the same id. `aitrack diff OLD.duckdb NEW.duckdb` lists the same changes "
           "between any two databases.")
st.caption("Each row is one change since the previous release: a document, a registry entry or an amount "
           "record added, removed, or changed in one field.")

src = ui.database_or_stop()
info = ui.run_or_stop(data.release_info, src)
if info is None:
    st.info("This database was built before releases were recorded. Rebuild it with `aitrack build` to give it "
            "a release id and a changelog.")
    ui.footer(src)
    st.stop()

a, b, c = st.columns([2, 2, 1])  # a release id is 16 characters: its metric needs the width to show whole
a.metric("Release", info["release_id"])
b.metric("Previous release", info.get("previous_release_id") or "none")
c.metric("Changes since then", int(info.get("n_changes") or 0))
st.text(f"Built {info.get('built_at') or '?'} by {info.get('code_version') or '?'} "
        f"(from {info.get('code_version_from') or '?'}), extractor {info.get('extractor_version') or '?'}.")
if info.get("release_note"):
    st.text(info["release_note"][:1].upper() + info["release_note"][1:] + ".")

st.subheader("What changed since the previous release")
changes = ui.run_or_stop(data.release_changes, src)
total = int(changes["filtered_rows"].iloc[0]) if len(changes) else 0
if changes.empty:
    st.success("Nothing changed: every document, registry entry and amount record is as it was."
               if info.get("previous_release_id") else "No previous release to compare with.")
else:
    if total > len(changes):
        st.caption(f"Showing the first {len(changes)} of {total} changes; the export zip's CHANGELOG.md and "
                   "`aitrack diff` list them all.")
    st.dataframe(changes, key="releases_changes", hide_index=True, placeholder="–",
                 column_order=["kind", "change", "row_id", "field", "old_value", "new_value"],
                 column_config={"kind": "row", "row_id": "id", "old_value": "old", "new_value": "new"})

st.subheader("History")
history = ui.run_or_stop(data.release_history, src)
st.dataframe(history, key="releases_history", hide_index=True, placeholder="–",
             column_config={"seq": "#", "n_changes": "changes", "previous_release_id": "previous"})
ui.footer(src)
