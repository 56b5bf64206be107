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
        "announced_on": [dt.date(2025, 1, 22), dt.date(2025, 11, 19), None],
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


def test_bar_chart_hover_and_colours():
    fig = charts.commitments_by_country(_rows(), log=True)
    bar = fig.data[0]
    assert list(bar.x) == ["US", "??"] and fig.layout.yaxis.type == "log"
    assert bar.marker.color[0] == charts.COUNTRY_COLOURS["US"]
    assert "ECB" in bar.hovertext[1] and "0.92 EUR per USD" in bar.hovertext[1]


def test_timeline_marks_missing_usd_hollow_and_skips_undated():
    fig = charts.announcements_over_time(_rows())
    names = {t.name: t for t in fig.data}
    assert names["RU (no USD value)"].marker.symbol == "circle-open"
    assert sum(len(t.x) for t in fig.data) == 2
    for t in fig.data:
        for h in t.hovertext:
            assert "<script>" not in h and "<b>TASS</b>" not in h


def test_large_timelines_are_drawn_per_month():
    n = charts.TIMELINE_MAX_POINTS + 1
    rows = pd.DataFrame({
        "record_id": [str(i) for i in range(n)], "country_code": ["US"] * n,
        "announced_on": pd.date_range("2020-01-01", periods=n, freq="D"), "publisher": ["p"] * n,
        "quote": ["$1"] * n, "value": [1.0] * n, "currency": ["USD"] * n, "value_usd": [1.0] * n,
        "usd_rate": [1.0] * n, "rate_on": pd.date_range("2020-01-01", periods=n, freq="D"),
        "rate_source": ["x"] * n, "fx_status": ["converted"] * n, "fx_note": [None] * n,
    })
    fig = charts.announcements_over_time(rows)
    assert sum(len(t.x) for t in fig.data) < 200


def test_money_keeps_zero_apart_from_missing():
    assert charts.money(0, "USD") == "US$0"
    assert charts.money(None, "USD") == "–"
    assert charts.money(1.1e13, "RUB") == "11 trillion RUB"
    col = charts.money_column(pd.Series([0.0, None, 5e11, 2.5e6]), pd.Series(["EUR", "USD", "USD", None]))
    assert list(col) == ["0 EUR", "–", "US$500 billion", "2.5 million (currency not stated)"]


def test_timing_as_of():
    t = charts.timing(pd.Series([2024, 2025, 2030]), dt.date(2025, 6, 1))
    assert list(t) == ["overdue", "due this year", "upcoming"]


def test_highlight_escapes_everything_but_the_mark():
    text = "Before <script>alert(1)</script> the $5 billion <img src=x onerror=alert(1)> after"
    start = text.index("$5 billion")
    out = ui.highlighted_text(text, start, start + len("$5 billion"))
    assert '$5 billion</mark>' in out and "<script" not in out and "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out


def test_many_targets_are_counted_not_drawn_one_by_one():
    n = charts.TIMELINE_MAX_POINTS + 10
    d = pd.DataFrame({"year": [2030] * n, "country_code": ["RU"] * n, "source_kind": ["deadline"] * n,
                      "quote": ["к 2030 году"] * n, "what": ["deadline"] * n, "comparator": [None] * n,
                      "value": [None] * n, "currency": [None] * n, "publisher": ["TASS"] * n,
                      "published_on": [dt.date(2024, 2, 16)] * n})
    fig = charts.targets_timeline(d, dt.date(2026, 1, 1))
    assert sum(len(t.x) for t in fig.data) == 1 and f"{n} deadline(s)" in fig.data[0].hovertext[0]


def test_the_sentence_is_marked_around_the_amount():
    text = "First sentence here. Then France said it would invest $5 billion in AI. Last one."
    start = text.index("$5 billion")
    out = ui.highlighted_text(text, start, start + 10)
    light = out.index('<mark style="background: #fff3bf')
    assert out[light:].split(">", 1)[1].startswith("Then France said")
    assert out.index("in AI.") < out.rindex("</mark>") < out.index("Last one.")
    given = "Then France said it would invest $5 billion in AI."
    assert ui.sentence_span(text, start, start + 10, given) == (text.index(given), text.index(given) + len(given))
