"""The pure chart builders: fixed colours, hovers that carry the printed amount and the
rate behind each dollar value, escaped announcement text, and zero kept apart from missing."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard import charts, ui


def _rows(**over) -> pd.DataFrame:
    base = {
        "record_id": ["a", "b", "c"],
        "country_code": ["US", "RU", None],
        "published_on": [dt.date(2025, 1, 22), dt.date(2025, 11, 19), None],
        "publisher": ["India Today", "<b>TASS</b>", None],
        "quote": ["$500 billion", "11 trillion roubles <script>", "€0"],
        "value": [5e11, 1.1e13, 0.0],
        "currency": ["USD", "RUB", "EUR"],
        "value_usd": [5e11, None, 0.0],
        "usd_rate": [1.0, None, 0.92],
        "rate_on": [dt.date(2025, 1, 22), None, dt.date(2025, 1, 1)],
        "rate_source": ["USD (identity)", None, "ECB"],
        "fx_status": ["converted", "no_rate", "converted"],
        "fx_note": [None, "no reference rate for RUB on 2025-11-19", None],
    }
    base.update(over)
    return pd.DataFrame(base)


def test_country_colours_are_fixed_and_stable():
    assert charts.country_colour("US") == charts.COUNTRY_COLOURS["US"]
    assert charts.country_colour("ZZ") == charts.country_colour("ZZ")
    assert charts.country_colour(None) == charts.COUNTRY_COLOURS["??"]


def test_hover_shows_printed_amount_and_rate_or_why_not():
    hover = charts.rate_hover(_rows())
    assert "“$500 billion”" in hover[0] and "rate: 1 USD per USD, of 2025-01-22" in hover[0]
    assert "source: USD (identity)" in hover[0]
    assert "no USD value: no reference rate for RUB" in hover[1]
    assert "&lt;script&gt;" in hover[1] and "<script>" not in hover[1]
    assert "US$0" in hover[2]  # zero is a value


def _largest(rows: pd.DataFrame) -> list[dict]:
    return rows.drop(columns=["record_id", "country_code", "published_on", "publisher", "fx_status", "fx_note"]
                     ).to_dict("records")


def test_bar_chart_hover_and_colours():
    r = _rows()
    totals = pd.DataFrame({
        "country_code": ["US", None, "RU"], "total_usd": [5e11, 0.0, None], "converted": [1, 1, 0],
        "commitments": [1, 1, 1], "largest": [_largest(r.iloc[[0]]), _largest(r.iloc[[2]]), None],
    })
    fig = charts.commitments_by_country(totals, log=True)
    bar = fig.data[0]
    assert list(bar.x) == ["US", "??"] and fig.layout.yaxis.type == "log"  # RU has no USD value: no bar
    assert bar.marker.color[0] == charts.COUNTRY_COLOURS["US"]
    assert "“$500 billion”" in bar.hovertext[0] and "source: USD (identity)" in bar.hovertext[0]
    assert "ECB" in bar.hovertext[1] and "0.92 EUR per USD" in bar.hovertext[1]


def test_charts_write_the_country_name_the_pages_data_carry():
    """dashboard.data adds `country` ("United States (US)") to every frame with a country_code:
    the bars and the targets' rows are labelled with it, coloured by the code."""
    r = _rows()
    totals = pd.DataFrame({
        "country_code": ["US", None], "country": ["United States (US)", None], "total_usd": [5e11, 1e9],
        "converted": [1, 1], "commitments": [1, 1], "largest": [_largest(r.iloc[[0]]), _largest(r.iloc[[2]])],
    })
    bar = charts.commitments_by_country(totals).data[0]
    assert list(bar.x) == ["United States (US)", "??"]
    assert bar.marker.color[0] == charts.COUNTRY_COLOURS["US"]
    assert bar.hovertext[0].startswith("<b>United States (US)</b>")
    timeline = pd.DataFrame({"country_code": ["RU"], "country": ["Russia (RU)"], "year": [2030],
                             "source_kind": ["target"], "timing": ["upcoming"], "n": [1], "examples": [[]]})
    fig = charts.targets_timeline(timeline, dt.date(2026, 1, 1))
    assert fig.data[0].y[0] == "Russia (RU) · targets"


def test_bar_hover_says_how_many_more_than_it_lists():
    r = _rows()
    totals = pd.DataFrame({"country_code": ["US"], "total_usd": [6e11], "converted": [7], "commitments": [9],
                           "largest": [_largest(r.iloc[[0, 0, 0, 0, 0]])]})
    assert "… and 2 more" in charts.commitments_by_country(totals).data[0].hovertext[0]


def _months() -> pd.DataFrame:
    r = _rows()
    return pd.DataFrame({
        "country_code": ["US", "RU", "??"], "month": [dt.date(2025, 1, 1), dt.date(2025, 11, 1), None],
        "commitments": [3, 1, 1], "converted": [2, 0, 1], "total_usd": [6e11, None, 0.0],
        "largest": r.to_dict("records"),
    })


def test_timeline_marks_missing_usd_hollow_and_skips_undated():
    fig = charts.announcements_over_time(_months())
    names = {t.name: t for t in fig.data}
    assert names["RU (no USD value)"].marker.symbol == "circle-open"
    assert sum(len(t.x) for t in fig.data) == 2  # one marker per dated country and month
    us = names["US"].hovertext[0]
    assert "2025-01: 3 commitment(s), 2 with a USD value" in us
    assert "“$500 billion”" in us and "rate: 1 USD per USD, of 2025-01-22" in us  # the largest, with its rate
    assert "no USD value: no reference rate for RUB" in names["RU (no USD value)"].hovertext[0]
    for t in fig.data:
        for h in t.hovertext:
            assert "<script>" not in h and "<b>TASS</b>" not in h


def test_money_keeps_zero_apart_from_missing():
    assert charts.money(0, "USD") == "US$0"
    assert charts.money(None, "USD") == "–"
    assert charts.money(1.1e13, "RUB") == "11 trillion RUB"
    col = charts.money_column(pd.Series([0.0, None, 5e11, 2.5e6]), pd.Series(["EUR", "USD", "USD", None]))
    assert list(col) == ["0 EUR", "–", "US$500 billion", "2.5 million (currency not stated)"]


def test_highlight_escapes_everything_but_the_mark():
    text = "Before <script>alert(1)</script> the $5 billion <img src=x onerror=alert(1)> after"
    start = text.index("$5 billion")
    out = ui.highlighted_text(text, start, start + len("$5 billion"))
    assert '$5 billion</mark>' in out and "<script" not in out and "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out


def test_targets_are_counted_per_country_year_and_kind():
    ex = {"what": "AI contribution to GDP", "comparator": "over", "value": 1.1e13, "currency": "RUB",
          "quote": "к 2030 году <b>", "publisher": "TASS", "published_on": dt.date(2024, 2, 16)}
    dl = {**ex, "what": "deadline", "comparator": None, "value": None, "currency": None, "quote": "by 2024"}
    timeline = pd.DataFrame({
        "country_code": ["RU", "US"], "year": [2030, 2024], "source_kind": ["target", "deadline"],
        "timing": ["upcoming", "overdue"], "n": [5000, 1], "examples": [[ex, ex, ex], [dl]],
    })
    fig = charts.targets_timeline(timeline, dt.date(2026, 1, 1))
    assert sum(len(t.x) for t in fig.data) == 2
    up = next(t for t in fig.data if t.name == "upcoming")
    assert up.marker.symbol[0] == "diamond" and up.x[0] == 2030 and up.y[0] == "RU · targets"
    hover = up.hovertext[0]
    assert "5000 target(s)" in hover and "… and 4997 more" in hover
    assert "over 11 trillion RUB" in hover and "TASS, 2024-02-16" in hover
    assert "&lt;b&gt;" in hover and "<b>”" not in hover
    late = next(t for t in fig.data if t.name == "overdue")
    assert late.marker.symbol[0] == "circle" and "more" not in late.hovertext[0]


def test_the_sentence_is_marked_around_the_amount():
    text = "First sentence here. Then France said it would invest $5 billion in AI. Last one."
    start = text.index("$5 billion")
    out = ui.highlighted_text(text, start, start + 10)
    light = out.index('<mark style="background: #fff3bf')
    assert out[light:].split(">", 1)[1].startswith("Then France said")
    assert out.index("in AI.") < out.rindex("</mark>") < out.index("Last one.")
    given = "Then France said it would invest $5 billion in AI."
    assert ui.sentence_span(text, start, start + 10, given) == (text.index(given), text.index(given) + len(given))


def test_codes_read_as_words_on_charts():
    assert list(charts.words(pd.Series(["at_least", "up_to", "exact", "no_rate", "data_centres", None]))) == [
        "at least", "up to", "exactly", "no reference rate", "data centres", None]
    assert charts.word("at_least") == "at least" and charts.word(None) is None
    ex = {"what": "compute", "comparator": "at_least", "value": 1e9, "currency": "USD",
          "quote": "at least $1 billion", "publisher": "WH", "published_on": dt.date(2025, 1, 1)}
    timeline = pd.DataFrame({"country_code": ["US"], "year": [2030], "source_kind": ["target"],
                             "timing": ["upcoming"], "n": [1], "examples": [[ex]]})
    hover = charts.targets_timeline(timeline, dt.date(2026, 1, 1)).data[0].hovertext[0]
    assert "compute at least US$1 billion" in hover and "at_least" not in hover
    no_rate = charts.rate_hover(_rows(fx_note=[None, None, None]))
    assert "no USD value: no reference rate" in no_rate[1]
    fig = charts.checks_by_status(pd.DataFrame({"check": ["stated_vs_reference"], "status": ["fail"], "n": [1]}))
    assert list(fig.data[0].y) == ["stated vs reference"]


def test_fact_details_word_the_amounts():
    facts = pd.DataFrame({
        "fact": ["amount", "conversion", "target", "rate"], "detail": ["(headline)", "", "by 2030", "1 USD = 90 RUB"],
        "what": [None, None, "AI contribution to GDP", None], "code": ["at_least", None, "over", None],
        "value": [5.27e10, 1.1e13, 1.1e13, None], "currency": ["USD", "RUB", "RUB", None],
        "to_value": [None, 1.3657e11, None, None], "to_currency": [None, "USD", None, None],
    })
    assert list(charts.fact_details(facts)) == [
        "at least US$52.7 billion (headline)", "11 trillion RUB = US$136.57 billion",
        "AI contribution to GDP over 11 trillion RUB by 2030", "1 USD = 90 RUB"]


def test_targets_and_deadlines_of_one_year_sit_on_the_year_in_their_own_rows():
    ex = {"what": "deadline", "comparator": None, "value": None, "currency": None, "quote": "by 2030",
          "publisher": "TASS", "published_on": dt.date(2024, 2, 16)}
    timeline = pd.DataFrame({
        "country_code": ["RU", "RU", "US"], "year": [2030, 2030, 2030], "source_kind": ["target", "deadline", "target"],
        "timing": ["upcoming", "upcoming", "upcoming"], "n": [2, 1, 1], "examples": [[ex], [ex], [ex]],
    })
    fig = charts.targets_timeline(timeline, dt.date(2026, 1, 1))
    points = [(x, y) for t in fig.data for x, y in zip(t.x, t.y)]
    assert {x for x, _ in points} == {2030}  # on the year, not ±0.2 off it
    assert len(set(points)) == 3  # none covers another
    assert list(fig.layout.yaxis.categoryarray) == ["US · targets", "RU · targets", "RU · deadlines"]


def test_an_implied_rate_names_both_currencies():
    assert charts.implied_rate(80.54477557296624, "RUB", "USD") == "implies 80.5448 RUB per USD"
    assert charts.implied_rate(None, "RUB", "USD") == ""
    units = charts.rate_units(pd.Series(["implied 1.3559 CAD/USD (2.4 billion CAD / 1.77 billion USD) is ...",
                                         "'$1.77 billion' is written with a bare '$'", None]))
    assert list(units) == ["CAD per USD", None, None]


def test_link_reasons_say_why_a_source_is_part_of_an_entry():
    """registry_links.reasons in words: every comparison of a merged pair, in reading order, with
    its weight; a lone record, a stated conversion and a target say what they are; JSON that
    cannot be read is shown as stored, never dropped."""
    from dashboard.charts import link_reasons

    merged = ('{"words": "sentences differ", "value": "same figure within printed rounding", "currency": '
              '"same currency", "deadline_year": "same deadline year", "kind": "kind unknown", '
              '"published_on": "undated", "actors": "an actor in common"}')
    assert link_reasons("record", merged, 9.0638) == (
        "why merged: same figure within printed rounding, same currency, same deadline year, kind unknown, "
        "undated, an actor in common, sentences differ (match weight 9.1)")
    alone = '{"merged":"no: no other record scored at or above the threshold","nearest":null}'
    assert link_reasons("record", alone, float("nan")) == (
        "not merged with another source (no: no other record scored at or above the threshold)")
    assert link_reasons("conversion", '{"conversion":"stated as the conversion of C$2.4 billion ($1.77 billion)"}',
                        None).endswith("C$2.4 billion ($1.77 billion)")
    assert link_reasons("target", '{"target":"AI contribution to GDP over by 2030","names_amount":"x"}', None) == (
        "the target the figure stands in: AI contribution to GDP over by 2030")
    assert link_reasons("record", "not json", 3.0) == "reasons (as stored): not json"
    assert link_reasons("record", '{"value": "same figure", "new_field": "something new"}', 2.0) == (
        "why merged: same figure, something new (match weight 2.0)")
