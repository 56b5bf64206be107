"""Every page, run with AppTest: on the corpus, on a missing and on an empty database,
and on hostile text; plus the behaviour a person relies on (filters change numbers,
'EU bloc', the as-of date, choosing a record shows its text)."""

from __future__ import annotations

import pytest

from tests.dashboard.conftest import EVIL_SQL, PAGES, ROOT


def _page(name: str):
    return ROOT / "dashboard" / "app_pages" / f"{name}.py"


def _clean(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _frame(at, *columns: str):
    """The first table showing all these columns (AppTest finds dataframes by position, not key)."""
    for df in at.dataframe:
        if set(columns) <= set(df.value.columns):
            return df.value
    raise AssertionError(f"no table with columns {columns}")


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_every_page_is_tested():
    assert {p.stem for p in PAGES} == {"overview", "commitments", "targets", "compare", "checks", "sources", "export",
                                           "releases", "review"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_page_runs_on_the_corpus(page, dash_db, run_page):
    at = run_page(page, dash_db)
    _clean(at)
    assert not at.warning, [w.value for w in at.warning]


def test_app_entry_point_opens_the_overview(dash_db, run_page):
    at = run_page(ROOT / "dashboard" / "app.py", dash_db)
    _clean(at)
    assert at.title[0].value == "National AI commitments"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_missing_database_is_a_plain_message(page, tmp_path, run_page):
    at = run_page(page, tmp_path / "not-built-yet.duckdb")
    _clean(at)
    assert any("No database at" in i.value and "aitrack build" in i.value for i in at.info)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_empty_database_is_a_plain_message(page, empty_db, run_page):
    at = run_page(page, empty_db)
    _clean(at)
    assert any("no announcements yet" in i.value for i in at.info)


@pytest.mark.parametrize("content", [b"this is not a database\n" * 100, None], ids=["garbage", "foreign"])
def test_a_file_that_is_not_an_aitrack_database_is_a_warning(content, tmp_path, run_page):
    path = tmp_path / "other.duckdb"
    if content is None:
        import duckdb

        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE something_else (x INT)")
        con.close()
    else:
        path.write_bytes(content)
    at = run_page(_page("overview"), path)
    _clean(at)
    assert at.warning and str(path) in at.warning[0].value


def test_country_filter_changes_the_numbers(dash_db, run_page):
    at = run_page(_page("commitments"), dash_db)
    before = _metrics(at)
    at.multiselect(key="filter_countries").set_value(["US"]).run()
    _clean(at)
    after = _metrics(at)
    assert after["Amounts"] == "4" and before["Amounts"] != after["Amounts"]
    assert before["Headline total in USD"] != after["Headline total in USD"]
    # the table and the record chooser follow the filter too, and name the country
    assert set(at.selectbox(key="commitments_record").options) and all(
        o.startswith("United States (US) ·") for o in at.selectbox(key="commitments_record").options
    )
    # the filter's value stays the code (in the state and the URL); its label is the name
    assert at.multiselect(key="filter_countries").value == ["US"]


def test_public_private_filter_changes_the_numbers_and_the_flags(dash_db, run_page):
    at = run_page(_page("commitments"), dash_db)
    before = _metrics(at)
    assert set(at.multiselect(key="filter_fundings").options) >= {"public", "private", "unknown"}
    at.multiselect(key="filter_fundings").set_value(["private"]).run()
    _clean(at)
    after = _metrics(at)
    assert 0 < int(after["Amounts"]) < int(before["Amounts"])
    assert after["Headline total in USD"] != before["Headline total in USD"]
    table = _frame(at, "record_id", "funding")
    assert set(table["funding"]) == {"private"}
    # the Stargate company and the tech firms' £14bn are private money; Germany's federal funding is not
    options = at.selectbox(key="commitments_record").options
    assert any("$500 billion" in o for o in options) and any("£14 billion" in o for o in options)
    assert not any(o.startswith("DE ·") for o in options)
    assert any("--funding private" in c.value for c in at.caption)
    # the Export page draws the same remembered filter
    assert at.session_state["_kept_filters"]["fundings"] == ["private"]


def test_eu_bloc_means_the_union_and_its_members(dash_db, run_page):
    at = run_page(_page("commitments"), dash_db)
    at.multiselect(key="filter_countries").set_value(["EU bloc"]).run()
    _clean(at)
    # each option opens with the country's label, "France (FR) · ..."
    countries = {o.split(" · ")[0].rsplit("(", 1)[-1].rstrip(")") for o in at.selectbox(key="commitments_record").options}
    assert {"EU", "DE", "FR", "ES", "IT"} <= countries and not countries & {"US", "CN", "RU", "GB"}


def test_other_filters_and_an_empty_result(dash_db, run_page):
    at = run_page(_page("commitments"), dash_db)
    at.multiselect(key="filter_currencies").set_value(["RUB"]).run()
    _clean(at)
    # RUB has no ECB rate since 2022: those amounts are counted as missing, never as zero
    assert int(_metrics(at)["Without a USD value"]) > 0
    at.toggle(key="filter_headline_only").set_value(True).run()
    at.multiselect(key="filter_statuses").set_value(["fail"]).run()
    _clean(at)
    assert any("No announced amount matches" in i.value for i in at.info)


def test_date_bounds_filter_and_survive_a_page_change(dash_db, run_page):
    import datetime as dt

    at = run_page(_page("commitments"), dash_db)
    at.date_input(key="filter_date_from").set_value(dt.date(2025, 1, 1)).run()
    _clean(at)
    dated = int(_metrics(at)["Amounts"])
    assert 0 < dated < 46
    # the Export page draws the same filter from what was kept
    kept = at.session_state["_kept_filters"]
    assert kept["date_from"] == dt.date(2025, 1, 1)


def test_a_from_date_after_the_to_date_says_so(dash_db, run_page):
    import datetime as dt

    at = run_page(_page("commitments"), dash_db)
    at.date_input(key="filter_date_from").set_value(dt.date(2025, 6, 1))
    at.date_input(key="filter_date_to").set_value(dt.date(2025, 1, 1)).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "This filter cannot be applied: the from-date 2025-06-01 is after the to-date 2025-01-01."]


def test_choosing_a_record_shows_its_text_and_rate(dash_db, run_page):
    at = run_page(_page("commitments"), dash_db)
    box = at.selectbox(key="commitments_record")
    target = next(o for o in box.options if "₹10,371.92 crore" in o)
    # AppTest lists a selectbox's formatted labels, so choose by position
    at.selectbox(key="commitments_record").select_index(box.options.index(target)).run()
    _clean(at)
    body = at.get("html")[-1].proto.body  # the mentions tab's document comes after the entries' evidence
    assert "<mark" in body and "₹10,371.92 crore</mark>" in body
    texts = " | ".join(t.value for t in at.text)
    assert "Rate: 82.7264 INR per USD" in texts
    assert "Rate date: 2024-03-08" in texts
    assert "Rate source: ECB" in texts
    assert "Publisher: Business Standard (PTI)" in texts


def test_a_record_without_usd_says_why(dash_db, run_page):
    at = run_page(_page("commitments"), dash_db)
    box = at.selectbox(key="commitments_record")
    i = next(i for i, o in enumerate(box.options) if "450 billion roubles" in o)
    box.select_index(i).run()
    texts = " | ".join(t.value for t in at.text)
    assert "Why: undated document" in texts


def test_hostile_text_is_shown_as_text(hostile_db, run_page):
    at = run_page(_page("commitments"), hostile_db)
    _clean(at)
    bodies = [h.proto.body for h in at.get("html")]
    assert len(bodies) > 1  # the entries' evidence sentences and the chosen mention's document
    assert not any("<script" in b or "<img" in b for b in bodies)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in b for b in bodies[:-1])  # an entry's evidence, escaped
    body = bodies[-1]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    # titles and publishers go through st.text, never Markdown or HTML
    texts = [t.value for t in at.text]
    assert "<script>alert(1)</script> pledges $5 billion" in texts
    assert any("Publisher: <img src=x onerror=alert(1)>" in t for t in texts)
    assert any("not a web address, not linked" in t for t in texts)
    for md in at.markdown:
        assert "<script" not in md.value and "onerror" not in md.value
    # the same on the other pages that show titles or quotes
    for name in ("overview", "sources", "targets", "checks", "compare", "export"):
        other = run_page(_page(name), hostile_db)
        _clean(other)
        for md in other.markdown:
            assert "<script" not in md.value and "onerror" not in md.value


def test_targets_as_of_moves_deadlines_from_upcoming_to_overdue(dash_db, run_page):
    import datetime as dt

    at = run_page(_page("targets"), dash_db)
    at.date_input(key="targets_as_of").set_value(dt.date(2020, 1, 1)).run()
    _clean(at)
    assert _metrics(at)["Overdue"] == "0"
    at.date_input(key="targets_as_of").set_value(dt.date(2040, 1, 1)).run()
    _clean(at)
    assert _metrics(at)["Upcoming"] == "0" and int(_metrics(at)["Overdue"]) > 0


def test_compare_shows_chosen_countries_in_both_currencies(dash_db, run_page):
    at = run_page(_page("compare"), dash_db)
    at.multiselect(key="compare_countries").set_value(["RU", "EU bloc"]).run()
    _clean(at)
    totals = _frame(at, "country_code", "total_usd", "not_converted")
    assert set(totals["country_code"]) == {"RU", "EU bloc"}
    per_currency = _frame(at, "country_code", "currency", "total_value")
    assert "RUB" in set(per_currency["currency"]) and "EUR" in set(per_currency["currency"])


def test_checks_filter_by_status(dash_db, run_page):
    at = run_page(_page("checks"), dash_db)
    at.multiselect(key="checks_status").set_value(["fail"]).run()
    _clean(at)
    table = _frame(at, "status", "check", "detail")
    assert len(table) >= 1 and set(table["status"]) == {"fail"}
    assert all(d for d in table["detail"])


def test_sources_lists_documents_facts_and_rejects(dash_db, run_page):
    at = run_page(_page("sources"), dash_db)
    _clean(at)
    assert len(_frame(at, "document_id", "title", "n_chars")) == 32
    facts = _frame(at, "fact", "quote", "detail")
    assert {"fact", "quote", "start", "end"} <= set(facts.columns) and len(facts)
    assert any("No input was rejected" in s.value for s in at.success)


def test_a_publisher_named_like_sql_is_only_a_value(hostile_db, run_page):
    at = run_page(_page("sources"), hostile_db)
    at.selectbox(key="sources_publisher").set_value(EVIL_SQL).run()
    _clean(at)
    docs = _frame(at, "document_id", "title", "n_chars")
    assert list(docs["publisher"]) == [EVIL_SQL]
    # every page still finds its tables afterwards
    for page in PAGES:
        _clean(run_page(page, hostile_db))
    import duckdb

    con = duckdb.connect(str(hostile_db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM amounts").fetchone()[0] >= 2
    finally:
        con.close()


def test_codes_are_shown_as_words(dash_db, run_page):
    import re

    code = re.compile(r"^[a-z]+_[a-z_]+$")  # at_least, up_to, no_rate, data_centres
    at = run_page(_page("targets"), dash_db)
    _clean(at)
    targets = _frame(at, "comparator", "amount")
    assert "at least" in set(targets["comparator"]) and not any(code.match(str(c)) for c in targets["comparator"])
    at = run_page(_page("commitments"), dash_db)
    table = _frame(at, "qualifier", "commitment_kind", "check_status")
    for col in ("qualifier", "commitment_kind", "check_status"):
        assert not any(code.match(str(v)) for v in table[col]), col
    assert "up to" in set(table["qualifier"])
    checks = _frame(run_page(_page("checks"), dash_db), "status", "check", "detail")
    assert "stated vs reference" in set(checks["check"]) or "reference rate" in set(checks["check"])


def test_the_implied_rate_names_its_currency(dash_db, run_page):
    at = run_page(_page("commitments"), dash_db)
    box = at.selectbox(key="commitments_record")
    box.select_index(next(i for i, o in enumerate(box.options) if "11 trillion roubles" in o)).run()
    _clean(at)
    texts = " | ".join(t.value for t in at.text)
    assert "(implies 80.5448 RUB per USD)" in texts
    checks = _frame(run_page(_page("checks"), dash_db), "implied_rate", "rate_unit")
    assert "CAD per USD" in set(checks["rate_unit"])


# ---------------------------------------------------------------- commitment grain (issue 13)

GRAIN = ("Counted per commitment", "Each row is one")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_page_says_which_grain_it_shows(page, dash_db, run_page):
    at = run_page(page, dash_db)
    _clean(at)
    assert any(c.value.startswith(GRAIN) or ". Mentions: each row is one" in c.value for c in at.caption), page.stem


def test_the_headline_totals_agree_between_pages(dash_db, run_page):
    """Overview, the Commitments list and the Export page show one dollar total for the same data:
    the latest headline registry entries (issue 13: US$1.38 trillion against US$2.23 trillion)."""
    overview = _metrics(_clean_run(run_page, "overview", dash_db))["Announced total (USD)"]
    commitments = _metrics(_clean_run(run_page, "commitments", dash_db))
    export = _metrics(_clean_run(run_page, "export", dash_db))
    assert overview.startswith("US$") and overview == commitments["Latest headline total in USD"]
    assert overview == export["Latest headline entries in USD"]
    assert export["Sum of the mentions in USD"] != overview  # the mention grain, shown as such
    assert int(commitments["Entries"]) > 0 and int(commitments["Amounts"]) > 0


def _clean_run(run_page, name, db):
    at = run_page(_page(name), db)
    _clean(at)
    return at


def test_commitments_lists_entries_expandable_to_their_sources(dash_db, run_page):
    """Russia's 11 trillion roubles GDP target, retold by Reuters, a Russian channel and an undated
    digest, is one entry; opened, it shows each source's publisher, its sentence, and why it was merged."""
    at = _clean_run(run_page, "commitments", dash_db)
    entries = _frame(at, "quote", "n_sources", "first_seen", "latest", "supersedes")
    gdp = entries[entries["quote"] == "11 trillion roubles"]
    assert len(gdp) == 1 and int(gdp.iloc[0]["n_sources"]) == 3 and gdp.iloc[0]["country"] == "Russia (RU)"
    box = next(e for e in at.expander if "11 trillion roubles" in e.label)
    assert "3 sources" in box.label
    texts = " | ".join(t.value for t in box.text)
    for publisher in ("Reuters (retold)", "Cyber news digest (retold)", "5-tv.ru (Channel Five, Russia)"):
        assert f"Publisher: {publisher}" in texts
    assert "Published: undated" in texts
    assert texts.count("why merged: same figure within printed rounding, same currency, same deadline year") == 3
    assert "match weight" in texts and "an actor in common" in texts
    evidence = [h.proto.body for h in box.get("html")]
    assert any("11 trillion roubles</mark>" in b for b in evidence) and any("11 трлн рублей</mark>" in b for b in evidence)
    assert any("Across sources" in c.value for c in box.caption)
    # the mention table is still there, one row per amount as printed
    assert (_frame(at, "record_id", "quote")["quote"] == "11 trillion roubles").sum() == 2


def test_the_releases_page_shows_the_release_and_what_changed(tmp_path, run_page):
    from etl.build import build

    texts = tmp_path / "texts"
    texts.mkdir()
    doc = ("Title: Japan AI chips\nPublisher: METI\nPublished: 2025-04-01\nLanguage: en\n\n"
           "The ministry of Japan said it will spend ¥1 trillion on AI chips by 2027.\n")
    (texts / "jp.txt").write_text(doc, encoding="utf-8")
    db = tmp_path / "aitrack.duckdb"
    build([texts], db, progress=False)
    at = run_page(_page("releases"), db)
    _clean(at)
    first = _metrics(at)["Release"]
    assert len(first) == 16 and _metrics(at)["Previous release"] == "none"
    assert any("No previous release" in s.value for s in at.success)
    (texts / "jp.txt").write_text(doc.replace("2025-04-01", "2025-05-02"), encoding="utf-8")
    build([texts], db, progress=False)
    at = run_page(_page("releases"), db)
    _clean(at)
    m = _metrics(at)
    assert m["Previous release"] == first and m["Release"] != first and int(m["Changes since then"]) > 0
    changes = _frame(at, "kind", "change", "row_id", "field", "old_value", "new_value")
    row = changes[(changes["kind"] == "document") & (changes["field"] == "published_on")].iloc[0]
    assert (row["old_value"], row["new_value"]) == ("2025-04-01", "2025-05-02")
    history = _frame(at, "seq", "release_id", "note")
    assert list(history["release_id"]) == [m["Release"], first]  # newest first


def test_roubles_without_a_rate_are_counted_with_the_command_that_fetches_their_rates(dash_db, tmp_path, run_page):
    """No Bank of Russia rates ship, so the corpus's dated Russian figures without a stated rate have no USD
    value: the Overview says how many and which `aitrack fx fetch cbr` covers their days; with the rates
    given (here as a user CSV) the same corpus has no such warning."""
    from dashboard import data
    from etl.build import build
    from etl.filters import Filter

    gaps = data.rate_gaps(data.Source(str(dash_db), data._stamp(dash_db)), Filter(headline_only=True))
    rub = gaps.set_index("currency").loc["RUB"]
    assert rub["entries"] >= 1
    at = run_page(_page("overview"), dash_db)
    _clean(at)
    (warning,) = [w.value for w in at.info if "roubles" in w.value]
    n = int(rub["entries"])
    assert warning.startswith(f"{n} headline commitment{' in roubles has' if n == 1 else 's in roubles have'} no USD")
    assert f"`aitrack fx fetch cbr --from {rub['first_on']:%Y-%m-%d} --to {rub['last_on']:%Y-%m-%d}`" in warning

    import duckdb

    with duckdb.connect(str(dash_db), read_only=True) as con:
        days = [d for (d,) in con.execute("SELECT DISTINCT published_on FROM amounts WHERE currency = 'RUB' "
                                          "AND fx_status = 'no_rate' ORDER BY 1").fetchall()]
    assert days
    rates = tmp_path / "rub.csv"
    rates.write_text("date,currency,per_usd,source\n" + "".join(f"{d},RUB,90.0,test rate\n" for d in days),
                     encoding="utf-8")
    converted = tmp_path / "with_rates.duckdb"
    build(None, converted, rates_csv=rates, progress=False)
    gaps = data.rate_gaps(data.Source(str(converted), data._stamp(converted)), Filter(headline_only=True))
    assert "RUB" not in set(gaps["currency"])
    at = run_page(_page("overview"), converted)
    _clean(at)
    assert not [w for w in at.info if "roubles" in w.value]
