"""Commitments: the commitment registry's entries (one per commitment, however many
documents retell it), each expandable to its sources: who published it, when, the quoted
sentence, the match weight and why it was merged, and the checks where sources disagree.
Beside them, "All mentions": every announced amount as printed in one document, chosen one
at a time to read in its document; downloads of exactly what is filtered (CSV, Parquet,
or a documented zip holding both grains).

May import: pandas, streamlit, dashboard.*.
"""

import pandas as pd
import streamlit as st

from dashboard import charts, data, ui
from dashboard.filters import filter_controls, share, url_choice

# Entries whose sources are drawn as expanders; the table above them lists every filtered entry.
EXPANDED = 100


def _by_entry(frame: pd.DataFrame) -> dict[str, list[dict]]:
    """The rows of `frame` as dicts (None where missing) by entry_id, in their order."""
    out: dict[str, list[dict]] = {}
    for row in frame.astype(object).where(frame.notna(), None).to_dict("records"):
        out.setdefault(row["entry_id"], []).append(row)
    return out

st.title("Commitments")
st.caption("What governments and companies announced for AI, as printed, with its USD value at the reference rate "
           "of the announcement day.")

src = ui.database_or_stop()
options = ui.run_or_stop(data.filter_options, src)
filters = filter_controls(options)
st.caption("Filter: " + "; ".join(filters.describe()))

TABS = {"entries": "Commitments (one per commitment)", "mentions": "All mentions"}  # ?tab=mentions
url_choice("commitments_tab", "tab", default=TABS["entries"], parse=TABS.__getitem__)
by_entry, by_mention = st.tabs(list(TABS.values()), key="commitments_tab", on_change="rerun")
share({"tab": {label: name for name, label in TABS.items()}.get(st.session_state["commitments_tab"])
       if st.session_state["commitments_tab"] != TABS["entries"] else None})

with by_entry:
    st.caption("Counted per commitment: one entry however many sources retell it.")
    url_choice("commitments_superseded", "superseded", [True, False], default=False)
    superseded = st.toggle("Include superseded entries", key="commitments_superseded",
                           help="A re-announcement with a new figure or deadline supersedes the earlier entry; "
                                "by default only the latest is listed, so a pledge is not counted twice.")
    share({"superseded": superseded})
    entries = ui.run_or_stop(data.entry_table, src, filters, not superseded)
    n_entries = int(entries["filtered_rows"].iloc[0]) if len(entries) else 0
    latest = entries[entries["latest"]] if len(entries) else entries
    no_value = int(latest["value"].isna().sum())
    a, b, c, d = st.columns(4)
    a.metric("Entries", f"{n_entries}", help="Registry entries matching the filter" + (
        ", superseded ones included." if superseded else ", latest only."))
    ui.money_metric(b, "Latest headline total in USD", latest.loc[latest["headline"], "value_usd"].sum(min_count=1),
             help="Latest entries some source gives as its headline amount, with a USD value: a part of a larger "
                  "figure ($39 billion of $52.7 billion) or a target that is not money is listed but not added.")
    c.metric("Entries without a USD value", f"{int(latest['value_usd'].isna().sum())}",
             help="Listed with an empty USD value and a note saying why; not zero.")
    d.metric("Merged from several sources", f"{int((entries['n_sources'] > 1).sum()) if len(entries) else 0}")
    if no_value:
        st.caption(f"{no_value} entr{'y has' if no_value == 1 else 'ies have'} no stated figure: listed, not summed.")

    if entries.empty:
        st.info("No commitment matches this filter. Widen it in the sidebar.")
    else:
        if n_entries > len(entries):
            st.caption(f"Showing the first {len(entries)} of {n_entries} entries; the downloads below hold all.")
        shown = entries.assign(
            announced=charts.money_column(entries["value"], entries["currency"]).where(entries["value"].notna(), None),
            usd=charts.usd_short(entries["value_usd"]),
            kind_words=charts.words(entries["kind"]),
            status_words=charts.words(entries["status"]),
            check=charts.words(entries["check_status"]),
            checks=charts.check_words(entries["check_results"]),
            why_no_usd=entries["fx_note"].where(entries["value_usd"].isna(), None),
        )
        st.dataframe(
            shown, key="commitments_entries", hide_index=True, placeholder="–",
            column_order=["country", "kind_words", "quote", "announced", "usd", "deadline_year", "status_words",
                          "n_sources", "first_seen", "last_seen", "latest", "supersedes", "headline", "check", "checks",
                          "figure_publisher", "authority", "why_no_usd", "reviewed", "corrected_fields", "entry_id"],
            column_config={
                "kind_words": st.column_config.TextColumn("kind"),
                "quote": st.column_config.TextColumn("as stated", help="The figure as printed by the source the "
                                                                        "entry's figure comes from."),
                "announced": st.column_config.TextColumn("value as stated"),
                "usd": st.column_config.TextColumn("USD value"),
                "deadline_year": st.column_config.NumberColumn("due by", format="%d"),
                "status_words": st.column_config.TextColumn("status", help="The highest step of announced, in a "
                                                            "strategy or plan, in law or a budget, funded, achieved "
                                                            "or missed that a source gives evidence for."),
                "n_sources": st.column_config.NumberColumn("sources", help="Documents merged into the entry."),
                "first_seen": st.column_config.DateColumn("first seen", format="YYYY-MM-DD"),
                "last_seen": st.column_config.DateColumn("last seen", format="YYYY-MM-DD"),
                "latest": st.column_config.CheckboxColumn("latest", help="False: a re-announcement supersedes it."),
                "supersedes": st.column_config.TextColumn("supersedes", help="The earlier entry this one re-states."),
                "headline": st.column_config.CheckboxColumn("headline", help="Added into the headline totals."),
                "check": st.column_config.TextColumn("check", help="The worst check of the entry; 'checks' "
                                                                 "lists every one beside it."),
                "checks": st.column_config.TextColumn("checks", help="Every check of the figure record and across "
                                                                     "sources, e.g. a passed rounding check beside "
                                                                     "an unverifiable reference rate."),
                "figure_publisher": st.column_config.TextColumn("figure from"),
                "authority": st.column_config.TextColumn("publisher tier"),
                "why_no_usd": st.column_config.TextColumn("why no USD value"),
                "reviewed": st.column_config.CheckboxColumn("reviewed", help="An analyst decided on this entry or "
                                                            "its figure (see the Review page)."),
                "corrected_fields": st.column_config.TextColumn("corrected", help="Fields an analyst corrected."),
                "entry_id": st.column_config.TextColumn("entry id"),
            },
        )

        st.subheader("Sources of each entry")
        st.caption("Open an entry to read every source merged into it: who published it and when, the sentence "
                   "it was read from, and why it was merged (the match weight and each field's agreement).")
        first = entries.head(EXPANDED)
        ids = tuple(first["entry_id"].astype(str))
        sources = ui.run_or_stop(data.entry_sources, src, ids)
        checks = ui.run_or_stop(data.entry_checks, src, ids)
        ladder = ui.run_or_stop(data.entry_status, src, ids)  # None: this database has no status evidence
        if len(entries) > EXPANDED:
            st.caption(f"Sources are shown for the first {EXPANDED} entries; narrow the filter to reach the others.")
        # rows as plain dicts, split once by entry (then by document): a boolean filter and an itertuples per
        # entry over these frames cost ~5 s for 100 entries of the bench's 100,000 announcements (bench/RESULTS.md)
        by_entry = _by_entry(sources)
        rungs_of = {} if ladder is None else _by_entry(ladder)
        checks_of = _by_entry(checks)
        for e in first.itertuples():
            mine = by_entry.get(e.entry_id, [])
            figure = e.quote if isinstance(e.quote, str) else "no figure stated"
            usd = charts.money(e.value_usd, "USD") if pd.notna(e.value_usd) else "no USD value"
            label = (f"{e.country or 'no country'} · {figure} · {usd} · {e.n_sources} source{'s' if e.n_sources != 1 else ''}"
                     + ("" if e.latest else " · superseded"))
            with st.expander(label, key=f"entry_{e.entry_id}"):
                ui.fields([
                    ("Country", e.country),
                    ("Kind", charts.word(e.kind) if isinstance(e.kind, str) else "unspecified"),
                    ("Figure as stated", figure),
                    ("Value as stated", charts.money(e.value, e.currency) if pd.notna(e.value) else None),
                    ("USD value", charts.money(e.value_usd, "USD") if pd.notna(e.value_usd) else
                     (e.fx_note or "none") ),
                    ("Rate", f"{e.usd_rate:.6g} {e.currency} per USD, {ui.iso_day(e.rate_on)}, {e.rate_source}"
                     if pd.notna(e.usd_rate) else None),
                    ("Due by", int(e.deadline_year) if pd.notna(e.deadline_year) else None),
                    ("Status", f"{charts.word(e.status)} (as of {ui.iso_day(e.status_on)})" if pd.notna(e.status_on)
                     else charts.word(e.status)),
                    ("Figure from", f"{e.figure_publisher or e.document_id} ({e.authority})"),
                    ("Supersedes", e.supersedes),
                    ("Latest", "yes" if e.latest else "no: a later re-announcement supersedes it"),
                    ("Entry id", e.entry_id),
                ])
                # one block per source document (its amount first), then each row it gave the entry
                docs_of: dict[str, list[dict]] = {}
                for row in mine:
                    docs_of.setdefault(row["document_id"], []).append(row)
                for i, (doc, rows) in enumerate(docs_of.items(), start=1):
                    top = rows[0]  # None where missing: a missing publisher or title reads as missing, not "nan"
                    when = ui.iso_day(top["published_on"]) if top["published_on"] is not None else "undated"
                    st.markdown(f"**Source {i} of {len(docs_of)}**")
                    ui.fields([("Publisher", top["publisher"] or "(no publisher)"), ("Published", when),
                               ("Title", top["title"]), ("Document", doc)])
                    amount_shown = any(r["role"] in ("record", "commitment") for r in rows)
                    for r in rows:
                        # a stated conversion or a target lies in the sentence its amount showed just above
                        shown_above = r["role"] in ("conversion", "target") and amount_shown
                        if not shown_above and isinstance(r["excerpt"], str) and r["excerpt_start"] is not None:
                            start = int(r["excerpt_start"])
                            ui.show_evidence(r["excerpt"], start, start + len(r["quote"] or ""), r["sentence"])
                        st.text(f"{charts.word(r['role'])}: "
                                + charts.link_reasons(r["role"], r["reasons"], r["match_weight"]))
                rungs = rungs_of.get(e.entry_id)
                if rungs:
                    st.markdown("**Status ladder: the evidence for each step**")
                    for r in rungs:
                        st.text(f"{charts.word(r['rung'])} · {ui.iso_day(r['seen_on'])} · "
                                f"{r['publisher'] or r['document_id']}: {r['quote']}")
                disagree = checks_of.get(e.entry_id)
                if not disagree:
                    st.caption("Across sources: no source disagrees with the entry's figure, currency or deadline.")
                else:
                    st.markdown("**Where sources disagree (across_sources checks)**")
                    for ch in disagree:
                        st.text(f"{charts.word(ch['status'])}: {ch['detail']}")

with by_mention:
    st.caption("Each row is one amount as printed in one document: a pledge retold by five outlets is five rows.")
    table = ui.run_or_stop(data.record_table, src, filters)
    coverage = ui.run_or_stop(data.usd_coverage, src, filters)
    matched = int(table["filtered_rows"].iloc[0]) if len(table) else 0

    a, b, c, d = st.columns(4)
    a.metric("Amounts", f"{matched}", help="Announced amounts matching the filter (bracketed equivalents folded in).")
    b.metric("Headline commitments", f"{int(coverage['headline_amounts'].sum())}")
    ui.money_metric(c, "Headline total in USD", coverage["headline_usd"].sum(min_count=1),
             help="Headline commitments with a USD value, one per announcement: the other amounts of an "
                  "announcement are often parts of its headline ($39 billion of $52.7 billion), so they are not added.")
    d.metric("Without a USD value", f"{int((coverage['amounts'] - coverage['with_usd']).sum())}",
             help="Kept in the table and the download with an empty value_usd and a note saying why; not zero.")

    if table.empty:
        st.info("No announced amount matches this filter. Widen it in the sidebar.")
    elif matched > len(table):
        st.caption(f"Showing the first {len(table)} of {matched} amounts; the downloads below hold all {matched}.")

    if len(table):
        shown = table.assign(
            announced=charts.money_column(table["value"], table["currency"]),
            usd=charts.usd_short(table["value_usd"]),
            qualifier=charts.words(table["qualifier"]),
            commitment_kind=charts.words(table["commitment_kind"]),
            check_status=charts.words(table["check_status"]),
            check_results=charts.check_words(table["check_results"]),
        )
        st.dataframe(
            shown,
            key="commitments_table",
            hide_index=True,
            placeholder="–",
            column_order=["country", "published_on", "quote", "announced", "usd", "usd_rate", "rate_on", "rate_source",
                          "qualifier", "commitment_kind", "funding", "deadline_year", "check_status", "check_results",
                          "publisher", "fx_note",
                          "record_id"],
            column_config={
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
                "check_status": st.column_config.TextColumn("check", help="The worst check on the amount."),
                "check_results": st.column_config.TextColumn("checks", help="Every check on the amount."),
                "fx_note": st.column_config.TextColumn("why no USD value"),
                "record_id": st.column_config.TextColumn("record id"),
            },
        )

        st.subheader("Where the text says so")
        labels = (table["country"].fillna("no country") + " · "
                  + charts.iso_dates(table["published_on"]).fillna("undated")
                  + " · " + table["quote"].fillna("") + " · " + table["publisher"].fillna("(no publisher)"))
        choices = dict(zip(table["record_id"].astype(str), labels.astype(str)))
        first = next(iter(choices), None)
        url_choice("commitments_record", "record", list(choices), default=first)
        chosen = st.selectbox("Amount", list(choices), format_func=lambda k: choices.get(k, k), key="commitments_record",
                              help="Choose an amount to read it in its document.")
        share({"record": chosen if chosen != first else None})
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
                    ("Every check", None if record["check_results"] is None else
                     charts.check_words(pd.Series([record["check_results"]])).iloc[0]),
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
st.caption("The CSV and Parquet hold the mentions (one row per amount as printed); the registry CSV one row per "
           "commitment (`--table registry`); the zip holds both, with registry_links.csv, each documented.")
st.caption("The same bytes as `aitrack export` with the same filter"
           + (f": `{filters.cli_flags()}`" if filters.cli_flags() else " (no flags)") + ".")
x, y, w, z = st.columns(4)
x.download_button("Download CSV", data=lambda: data.export(src, "csv", filters), file_name="aitrack-records.csv",
                  mime="text/csv", key="download_csv", on_click="ignore")
y.download_button("Download Parquet", data=lambda: data.export(src, "parquet", filters),
                  file_name="aitrack-records.parquet", mime="application/vnd.apache.parquet",
                  key="download_parquet", on_click="ignore")
w.download_button("Download registry CSV", data=lambda: data.export(src, "csv", filters, "registry"),
                  file_name="aitrack-registry.csv", mime="text/csv", key="download_registry_csv", on_click="ignore")
z.download_button("Download zip (data, dictionary, README, manifest)", data=lambda: data.export(src, "zip", filters),
                  file_name="aitrack-export.zip", mime="application/zip", key="download_zip", on_click="ignore")

ui.footer(src)
