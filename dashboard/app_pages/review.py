"""Review: what needs a human look (failed, warned or unverifiable checks, inferred currencies,
amounts without a country, registry merges near the threshold), and a form to accept, correct
a field or reject each, with the reviewer's name and a required reason.

Saving appends one row to the review file (data/reviews/corrections.csv, or $AITRACK_REVIEWS)
under a lock; the page never writes the database: the next `aitrack build` applies the file.

May import: streamlit, dashboard.*, etl.reviews, etl.paths.
"""

import pandas as pd
import streamlit as st

from dashboard import charts, data, ui
from etl import paths, reviews

st.title("Review")
st.caption("Each row is one thing the extractors or the registry were unsure of. A decision is saved to the "
           "review file, under version control, and applied by the next build; the database itself is never "
           "edited here.")

src = ui.database_or_stop()
PAGE_ROWS = 500
review_file = paths.reviews_path()
try:
    saved = reviews.load(review_file)
    file_problem = None
except reviews.ReviewError as e:
    saved, file_problem = [], e.message
if file_problem:
    st.warning(f"The review file cannot be read, so the next build will stop on it: {file_problem}")

built = ui.run_or_stop(data.review_decisions, src)
said, corrected = reviews.decided(built, saved)
counts = ui.run_or_stop(data.review_counts, src, tuple(said), tuple(corrected))
orphans = built[built["state"] == "orphaned"]
queued, decided = int(counts["items"].sum()), int(counts["decided"].sum())

a, b, c, d = st.columns(4)
a.metric("Waiting for a decision", queued - decided)
b.metric("Decided", decided)
c.metric("Corrections applied by this build", int((built["state"] == "applied").sum()))
d.metric("Orphaned corrections", len(orphans), help="Decisions whose target this build no longer has; kept "
         "and shown, never dropped.")
# A large build queues ~10^5 items: the list shows one kind at a time or the first PAGE_ROWS of all, in order
# of priority, so the page stays quick (bench/RESULTS.md) and the counts above still cover every item.
kinds = {r.item: f"{r.item} ({r.items - r.decided} waiting of {r.items})" for r in counts.itertuples()}
left, right = st.columns([3, 1])
kind = left.selectbox("Items", ["", *kinds], format_func=lambda k: kinds.get(k, f"every kind ({queued})"),
                      key="review_kind")
waiting_only = right.checkbox("Only those waiting", key="review_waiting")
queue = ui.run_or_stop(data.review_queue, src, (kind,) if kind else (), PAGE_ROWS,
                       (tuple(said), tuple(corrected)) if waiting_only else None)
items = reviews.with_decisions(queue, built, saved)
if len(items) and int(items["queued_rows"].iloc[0]) > len(items):
    st.caption(f"The first {len(items):,} of {int(items['queued_rows'].iloc[0]):,} items, in order of priority; "
               "choose a kind of item, or only those waiting, to narrow the list.")
st.caption(f"Review file: {review_file}")

if items.empty:
    st.success("Nothing needs a human look in this build.")
else:
    shown = items.assign(
        figure=charts.money_column(items["value"], items["currency"]),
        decision=items["decision"].fillna("waiting"),
    )
    st.dataframe(shown, key="review_table", hide_index=True, placeholder="–",
                 column_order=["item", "decision", "quote", "figure", "country", "detail", "publisher",
                               "published_on", "target_kind", "target_id"],
                 column_config={"quote": "as printed",
                                "detail": st.column_config.TextColumn("why", width="large"),
                                "published_on": st.column_config.DateColumn("published", format="YYYY-MM-DD"),
                                "target_id": "id"})

    st.subheader("Decide")
    keys = [f"{r.item}|{r.target_id}" for r in items.itertuples()]
    labels = {k: f"{r.item} · {r.quote if isinstance(r.quote, str) else '(no figure quoted)'} · "  # not "nan"
                 f"{r.publisher or r.document_id} · {'decided' if isinstance(r.decision, str) else 'waiting'}"
              for k, r in zip(keys, items.itertuples())}
    chosen = st.selectbox("Item", keys, format_func=lambda k: labels.get(k, k), key="review_item")
    item = items.iloc[keys.index(chosen)].to_dict()
    item = {k: (None if not isinstance(v, (list, tuple)) and pd.isna(v) else v) for k, v in item.items()}
    st.text(item["detail"] or "")
    ui.fields([("Document", item["title"]), ("Publisher", item["publisher"]),
               ("Record", item["record_quote"]), ("Decision", item["decision"])])

    actions = {"accept": "accept"}
    if item["record_id"]:
        actions["correct"] = "correct a field"
    actions["reject"] = {"check": "reject the check (dismiss it)", "target": "reject the target",
                         "commitment": "reject the commitment mention"}.get(item["target_kind"], "reject the amount")
    if item["item"].startswith("registry") and item["match_weight"] is not None and item["other_id"]:
        if "merged with" in (item["detail"] or ""):
            actions["split"] = "split it out of its entry"
        else:
            actions["merge"] = "merge it with its nearest record"
    action = st.radio("Decision", list(actions), format_func=actions.get, key="review_action", horizontal=True)
    field, new, old = "", "", ""
    if action == "correct":
        field = st.selectbox("Field", list(reviews.AMOUNT_FIELDS), key="review_field")
        old = reviews.as_text(item.get(field))
        st.text(f"Now: {old or '(none)'}")
        new = st.text_input("New value (empty: none; numbers in full units, 11000000000000 for 11 trillion)",
                            key="review_new")
    elif action == "merge":
        new = item["other_id"]
    reviewer = st.text_input("Reviewer", key="review_reviewer")
    reason = st.text_area("Reason (required)", key="review_reason")
    if st.button("Save decision", key="review_save"):  # not "primary": white on the dark theme's light accent is 3.1:1
        # a decision on a figure names its amount; one on a check, a target or a commitment mention
        # (a registry record that names no amount) names that
        on_record = bool(item["record_id"]) and (action in ("correct", "merge", "split")
                                                 or item["target_kind"] == "amount")
        kind = "amount" if on_record else item["target_kind"]
        try:
            decision = reviews.decide(
                reviewer=reviewer, reason=reason, action=action, field=field or (
                    item["check_name"] if kind == "check" else ""),
                target_kind=kind, target_id=item["record_id"] if on_record else item["target_id"],
                document_id=item["document_id"], quote=item["record_quote"] if on_record else item["quote"],
                old=old, new=new)
            reviews.append(review_file, [decision])
        except reviews.ReviewError as e:
            st.warning(f"Not saved: {e.message}")
        except OSError as e:
            st.warning(f"Not saved: the review file {review_file} cannot be written ({e.strerror or e})")
        else:  # run the page again so the table and the counts show the decision too
            st.session_state["review_saved"] = (f"saved; rebuild to apply (`aitrack build`): review "
                                                f"{decision.review_id} in {review_file}")
            st.rerun()
    if st.session_state.get("review_saved"):
        st.success(st.session_state.pop("review_saved"))

st.subheader("Orphaned corrections")
if orphans.empty:
    st.caption("None: every decision in the review file found its target in this build.")
else:
    st.warning(f"{len(orphans)} decision(s) name something this build no longer has; each says why.")
    st.dataframe(orphans, key="review_orphans", hide_index=True, placeholder="–",
                 column_order=["why", "action", "field", "new", "quote", "reviewer", "at", "reason", "target_id"])

st.subheader("Corrections applied")
applied = built[built["state"] == "applied"]
if applied.empty:
    st.caption("This build applied no review decision.")
else:
    st.dataframe(applied, key="review_applied", hide_index=True, placeholder="–",
                 column_order=["action", "field", "old", "new", "quote", "reviewer", "at", "reason", "matched_by",
                               "note", "superseded_by", "applied_to"],
                 column_config={"old": "extracted", "new": "reviewed"})
ui.footer(src)
