"""Shareable views (issue 17): every page writes its filter and its own choices into the address
bar and draws the same view from a link on a fresh session; what a link names that the page
cannot show is dropped with a warning. Also the totals that fit (compact format, exact help).
AppTest over the real pages and a real database; the browser test opens the links for real."""

from __future__ import annotations

import re

import pytest

from dashboard import charts
from dashboard.filters import PAGE_PARAMS
from tests.dashboard.conftest import PAGES, ROOT


def _page(name: str):
    return ROOT / "dashboard" / "app_pages" / f"{name}.py"


def _run(monkeypatch, name, db, **query):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("AITRACK_DB", str(db))
    at = AppTest.from_file(str(_page(name)), default_timeout=60)
    at.query_params.update(query)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _unescaped(markdown: str) -> str:
    """A warning's text as a person reads it: the backslash escapes of its link values removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _params(at) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}


@pytest.fixture()
def restore_main():
    import sys

    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


def test_a_link_opens_the_view_the_widgets_chose(dash_db, monkeypatch, restore_main):
    """Choose a view with the widgets; the address bar then holds it; that link, opened in a fresh
    session, draws the same numbers and the same widget values."""
    chosen = _run(monkeypatch, "commitments", dash_db)
    chosen.multiselect(key="filter_countries").set_value(["RU", "EU bloc"])
    chosen.toggle(key="filter_headline_only").set_value(True)
    chosen.toggle(key="commitments_superseded").set_value(True).run()
    link = _params(chosen)
    assert link == {"country": ["RU", "EU-bloc"], "headline": ["1"], "superseded": ["1"]}

    opened = _run(monkeypatch, "commitments", dash_db, **link)
    assert not opened.warning, [w.value for w in opened.warning]
    assert _metrics(opened) == _metrics(chosen)
    assert opened.multiselect(key="filter_countries").value == ["RU", "EU bloc"]
    assert opened.toggle(key="commitments_superseded").value is True
    assert _params(opened) == link


@pytest.mark.parametrize("name,query,widget,value", [
    ("overview", {"scale": "log"}, ("radio", "overview_scale"), "log"),
    ("targets", {"as_of": "2031-01-01", "country": ["ru", "EU-bloc"], "show": "overdue"},
     ("multiselect", "targets_countries"), ["RU", "EU bloc"]),
    ("compare", {"country": ["FR", "EU-bloc"]}, ("multiselect", "compare_countries"), ["FR", "EU bloc"]),
    ("checks", {"status": "fail"}, ("multiselect", "checks_status"), ["fail"]),
    ("export", {"status": ["pass"], "from": "2025-01-01"}, ("multiselect", "filter_statuses"), ["pass"]),
], ids=lambda v: v if isinstance(v, str) else None)
def test_each_page_reads_its_link(name, query, widget, value, dash_db, monkeypatch, restore_main):
    at = _run(monkeypatch, name, dash_db, **query)
    assert not at.warning, [w.value for w in at.warning]
    assert getattr(at, widget[0])(key=widget[1]).value == value
    written = _params(at)
    assert set(query) <= set(written) and set(written) <= PAGE_PARAMS[name]


def test_the_targets_link_sets_its_as_of_date(dash_db, monkeypatch, restore_main):
    import datetime as dt

    at = _run(monkeypatch, "targets", dash_db, as_of="2031-01-01")
    assert at.date_input(key="targets_as_of").value == dt.date(2031, 1, 1)
    assert "Due in 2031" in _metrics(at) and _params(at) == {"as_of": ["2031-01-01"]}


def test_a_link_opens_the_all_mentions_tab_and_a_record(dash_db, monkeypatch, restore_main):
    first = _run(monkeypatch, "commitments", dash_db)
    box = first.selectbox(key="commitments_record")
    record = box.options[2]
    box.select_index(2).run()
    chosen_id = first.selectbox(key="commitments_record").value
    assert record and _params(first)["record"] == [chosen_id]
    opened = _run(monkeypatch, "commitments", dash_db, tab="mentions", record=chosen_id)
    assert opened.session_state["commitments_tab"] == "All mentions"
    assert opened.selectbox(key="commitments_record").value == chosen_id
    assert _params(opened) == {"tab": ["mentions"], "record": [chosen_id]}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_a_page_writes_only_parameters_it_reads(page, dash_db, monkeypatch, restore_main):
    """What a page puts in the address bar, app.py must not drop as unknown when the link is opened."""
    at = _run(monkeypatch, page.stem, dash_db)
    assert set(_params(at)) <= PAGE_PARAMS[page.stem]


@pytest.mark.parametrize("name,query,dropped", [
    ("commitments", {"country": ["RU", "XX"], "status": "passed", "tab": "nope", "record": "no-such-id"},
     ["country='XX'", "status='passed'", "tab='nope'", "record='no-such-id'"]),
    ("export", {"from": "2025-06-01", "to": "2025-01-01", "headline": "maybe"},
     ["the from-date is after the to-date", "headline='maybe'"]),
    ("targets", {"as_of": "yesterday", "show": "never", "country": "Atlantis"},
     ["as_of='yesterday'", "show='never'", "country='Atlantis'"]),
    ("sources", {"publisher": "nobody", "document": "x"}, ["publisher='nobody'", "document='x'"]),
    ("overview", {"scale": "cubic"}, ["scale='cubic'"]),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_garbled_link_is_a_warning_and_the_rest_still_applies(name, query, dropped, dash_db, monkeypatch,
                                                                 restore_main):
    at = _run(monkeypatch, name, dash_db, **query)
    warned = _unescaped(" ".join(w.value for w in at.warning))
    assert "This link names something this view cannot show; it was left out" in warned
    for what in dropped:
        assert what in warned, (what, warned)
    left = _params(at)
    assert all(v not in sum(left.values(), []) for v in ("XX", "passed", "nope", "maybe", "cubic", "never"))
    if name == "commitments":
        assert left.get("country") == ["RU"]  # the good value of the same parameter is kept


def test_a_link_cannot_write_markup_into_the_warning(dash_db, monkeypatch, restore_main):
    at = _run(monkeypatch, "overview", dash_db, scale="**bold** [x](javascript:alert(1)) <b>")
    (w,) = at.warning
    assert "\\*\\*bold\\*\\* \\[x\\]\\(javascript\\:alert\\(1\\)\\) \\<b\\>" in w.value


def test_unknown_parameters_are_dropped_by_the_app_with_a_warning(dash_db, monkeypatch, restore_main):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("AITRACK_DB", str(dash_db))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.query_params.update({"scale": "log", "country": "RU", "sclae": "linear"})
    at.run()
    assert not at.exception
    warned = _unescaped(" ".join(w.value for w in at.warning))
    assert "country: not a setting of this page" in warned and "sclae: not a setting" in warned
    assert _params(at) == {"scale": ["log"]}


def test_the_filter_and_its_link_follow_a_page_change(dash_db, monkeypatch, restore_main):
    """Chosen on Commitments, the filter is drawn on Export too, and Export's address holds it."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("AITRACK_DB", str(dash_db))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("app_pages/commitments.py").run()
    at.multiselect(key="filter_countries").set_value(["RU"]).run()
    at.switch_page("app_pages/export.py").run()
    assert not at.exception
    assert at.multiselect(key="filter_countries").value == ["RU"]
    assert "• countries: RU" in [t.value for t in at.text]
    assert _params(at).get("country") == ["RU"]


# ---------------------------------------------------------------- totals that fit

@pytest.mark.parametrize("value,short", [
    (1_377_123_456_789.0, "US$1.38 tn"), (52.7e9, "US$52.7 bn"), (999.6e9, "US$1 tn"), (999.4e9, "US$999 bn"),
    (12_500_000, "US$12.5 m"), (950_000, "US$950,000"), (0, "US$0"), (2.5e15, "US$2,500 tn"),
    (None, "–"), (float("nan"), "–"),
])
def test_money_short_fits_a_metric(value, short):
    assert charts.money_short(value) == short
    assert len(short) <= 12


def test_money_exact_is_the_whole_figure():
    assert charts.money_exact(1_377_123_456_789.4) == "US$1,377,123,456,789"
    assert charts.money_exact(11e12, "RUB") == "11,000,000,000,000 RUB" and charts.money_short(11e12, "RUB") == "11 tn RUB"


def test_the_overview_total_is_short_with_the_exact_figure_in_its_help(dash_db, monkeypatch, restore_main):
    at = _run(monkeypatch, "overview", dash_db)
    (total,) = [m for m in at.metric if m.label == "Announced total (USD)"]
    assert total.value.startswith("US$") and total.value.endswith((" tn", " bn")) and len(total.value) <= 12
    exact = total.proto.help.rsplit("Exactly ", 1)[1].rstrip(".")
    assert charts.money_short(float(exact.removeprefix("US$").replace(",", ""))) == total.value


def test_no_code_or_nan_in_the_overview_reasons(dash_db, monkeypatch, restore_main):
    at = _run(monkeypatch, "overview", dash_db)
    shown = " ".join(i.value for i in at.info)
    assert "(nan)" not in shown and "no_value" not in shown
