"""Plotly figures for the dashboard: a DataFrame in, a Figure out.

Pure builders: no streamlit, no database. Every country has one colour on every
chart (a fixed mapping, with a stable hash for codes not listed), and every
converted figure's hover shows the amount as printed and the rate behind the
dollar value (rate, its date, its source), so a number on a chart can be traced
without leaving the chart. Hover strings are built with vectorised pandas
operations, not per-row loops. The data arrive aggregated by their queries (per country,
per country and month, per target year), with the largest or first few rows as structs
for the hover.

May import: the standard library, pandas, numpy, plotly.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import zlib

import numpy as np
import pandas as pd
import plotly.graph_objects as go

# One colour per country, everywhere. Chosen so neighbours on a typical chart differ.
COUNTRY_COLOURS: dict[str, str] = {
    "US": "#1f77b4", "CN": "#d62728", "EU": "#003399", "RU": "#8c564b", "GB": "#9467bd",
    "FR": "#17becf", "DE": "#2ca02c", "JP": "#e377c2", "KR": "#ff7f0e", "IN": "#bcbd22",
    "SA": "#006c35", "AE": "#7f7f7f", "CA": "#c0392b", "BR": "#f1c40f", "SG": "#e84393",
    "ES": "#aa6f73", "IT": "#4daf4a", "KZ": "#00afca", "??": "#b0b0b0",
}
_FALLBACK = ("#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354",
             "#756bb1", "#636363", "#6baed6", "#fd8d3c", "#74c476", "#9e9ac8", "#969696")
STATUS_COLOURS = {"fail": "#d62728", "warn": "#ff7f0e", "unverifiable": "#7f7f7f", "pass": "#2ca02c",
                  "info": "#1f77b4", "none": "#c7c7c7"}
TIMING_COLOURS = {"overdue": "#d62728", "due this year": "#ff7f0e", "upcoming": "#2ca02c"}
UNKNOWN_COUNTRY = "??"
# Bar labels Plotly would shrink to fit a narrow bar are drawn at 12 px at least (issue 17: "bar
# labels are tiny"); an outside label may then overlap its neighbour's, which stays legible.
READABLE = dict(minsize=12, mode="show")


def country_colour(code: str | None) -> str:
    code = code or UNKNOWN_COUNTRY
    if code in COUNTRY_COLOURS:
        return COUNTRY_COLOURS[code]
    return _FALLBACK[zlib.crc32(code.encode()) % len(_FALLBACK)]  # crc32: same colour on every run


def colour_map(codes) -> dict[str, str]:
    return {c: country_colour(c) for c in pd.unique(pd.Series(list(codes), dtype=object).fillna(UNKNOWN_COUNTRY))}


# ---------------------------------------------------------------- words

# The codes records keep (qualifier, comparator, fx_status, check name and status, commitment
# kind) as the words a page shows: one mapping for every page and hover. A code not listed
# reads with spaces for its underscores ("data_centres" -> "data centres").
WORDS: dict[str, str] = {
    "at_least": "at least", "up_to": "up to", "over": "over", "about": "about", "nearly": "nearly",
    "under": "under", "range": "range", "exact": "exactly",
    "converted": "converted", "no_rate": "no reference rate", "no_date": "undated",
    "no_currency": "currency not stated", "no_value": "no single value",
    "none": "not checked", "range_end": "range ending", "fiscal_year": "fiscal year",
    "in_plan": "in a strategy or plan", "in_law": "in law or a budget", "funded": "funded or disbursed",
}


def words(codes: pd.Series) -> pd.Series:
    """Codes as words, vectorised ('at_least' -> 'at least'); missing stays missing."""
    s = codes.astype(object)
    known = s.map(WORDS)
    other = s.where(s.notna(), "").astype(str).str.replace("_", " ")
    out = known.where(known.notna(), other).astype(object)
    out[s.isna()] = None
    return out


def check_words(results: pd.Series) -> pd.Series:
    """check_results ('reference_rate: unverifiable; stated_rate_rounding: pass') as words, every check
    beside the worst ('reference rate unverifiable · stated rate rounding pass'); missing stays missing."""
    s = results.astype(object)
    out = (s.where(s.notna(), "").astype(str).str.replace("_", " ").str.replace(": ", " ", regex=False)
           .str.replace("; ", " · ", regex=False)).astype(object)
    out[s.isna()] = None
    return out


def word(code) -> str | None:
    """One code as words (see WORDS); None stays None."""
    return None if code is None else WORDS.get(code, str(code).replace("_", " "))


# The comparisons of data/reference/registry_model.json in the order a person reads "why merged".
REASON_ORDER = ("value", "currency", "deadline_year", "kind", "published_on", "actors", "words")


def link_reasons(role: str | None, reasons: str | None, weight=None) -> str:
    """Why a source is part of a registry entry, in words, from registry_links.reasons (JSON).

    A record Splink merged: "why merged: same figure within printed rounding, same currency, ...
    (match weight 10.9)"; a record alone: why nothing merged with it; a stated conversion, a
    target or a commitment mention: which figure names it. Reasons it cannot read are shown as
    stored, never dropped."""
    try:
        r = json.loads(reasons) if reasons else {}
    except (TypeError, ValueError):
        return f"reasons (as stored): {reasons}"
    if not isinstance(r, dict):
        return f"reasons (as stored): {reasons}"
    has_weight = weight is not None and not (isinstance(weight, float) and math.isnan(weight))
    if role == "record" and has_weight:
        parts = [str(r[k]) for k in REASON_ORDER if r.get(k)]
        parts += [str(v) for k, v in r.items() if k not in REASON_ORDER and v]
        return f"why merged: {', '.join(parts)} (match weight {float(weight):.1f})"
    if role == "record":
        return "not merged with another source" + (f" ({r['merged']})" if r.get("merged") else "")
    if role == "conversion":
        return f"the figure's stated conversion: {r.get('conversion') or reasons}"
    if role == "target":
        return f"the target the figure stands in: {r.get('target') or reasons}"
    if role == "commitment":
        return f"the commitment the figure stands in: {r.get('commitment') or reasons}"
    return f"{role or 'link'}: " + ", ".join(f"{k} {v}" for k, v in r.items())


# ---------------------------------------------------------------- formatting

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def money(value, currency: str | None = None) -> str:
    """A readable amount: 'US$1.52 trillion', '11 trillion RUB'; '–' when missing (0 stays 0)."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return "–"
    v = float(value)
    text = f"{v:,.0f}"
    for size, word in _SCALES:
        if abs(v) >= size:
            text = f"{v / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
            break
    if currency == "USD":
        return f"US${text}"
    return f"{text} {currency}" if currency else f"{text} (currency not stated)"


_SHORT = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def money_short(value, currency: str | None = "USD") -> str:
    """A headline total that fits a metric: 'US$1.38 tn', '11 tn RUB', 'US$950,000'; '–' when missing.
    Three significant digits at most; `money_exact` is the figure to put beside it (its help)."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "–"
    v = float(value)
    text = f"{v:,.0f}"
    for size, suffix in _SHORT:
        if abs(v) >= size * 0.9995:  # 999.6 bn rounds to 1 tn, not to "1e+03 bn"
            text = f"{v / size:.3g} {suffix}" if abs(v) < size * 999.5 else f"{v / size:,.0f} {suffix}"
            break
    return f"US${text}" if currency == "USD" else f"{text} {currency or '(currency not stated)'}"


def money_exact(value, currency: str | None = "USD") -> str:
    """The whole figure, to the unit: 'US$1,377,123,456,789'; '–' when missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "–"
    text = f"{float(value):,.0f}"
    return f"US${text}" if currency == "USD" else f"{text} {currency or '(currency not stated)'}"


def money_column(values: pd.Series, currencies: pd.Series) -> pd.Series:
    """money() for a whole column, vectorised: '11 trillion RUB', 'US$500 billion'; '–' when missing."""
    v = values.astype(float)
    text = pd.Series("–", index=values.index, dtype=object)
    done = v.isna()
    for size, word in (*_SCALES, (1.0, "")):
        m = ~done & (v.abs() >= size) if word else ~done
        if m.any():
            num = (v[m] / size).map("{:,.2f}".format).astype(str).str.rstrip("0").str.rstrip(".")
            text[m] = num + (" " + word if word else "")
        done = done | m
    cur = currencies.astype(object)
    is_usd = (cur == "USD") & v.notna()
    out = text.where(~is_usd, "US$" + text)
    other = v.notna() & ~is_usd
    if other.any():
        out[other] = text[other] + " " + cur[other].where(cur[other].notna(), "(currency not stated)").astype(str)
    return out


def target_value_column(values: pd.Series, currencies: pd.Series, units: pd.Series) -> pd.Series:
    """A target's value for people: money as money_column; beyond money with its unit ('20,000 people',
    '1,000 MW', '3% of GDP', 'top 3', 'among the leaders' for a rank without a number); '–' when missing."""
    out = list(money_column(values, currencies).where(values.notna(), "–"))
    for i, (v, cur, unit) in enumerate(zip(values.astype(float), currencies, units)):
        if (cur is not None and not pd.isna(cur)) or unit is None or pd.isna(unit):
            continue
        number = "" if pd.isna(v) else f"{v:,.2f}".rstrip("0").rstrip(".")
        if unit == "rank":
            out[i] = f"top {number}" if number else "among the leaders"
        elif number:
            out[i] = number + ("% of GDP" if unit == "% of GDP" else f" {unit}")
    return pd.Series(out, index=values.index, dtype=object)


def fact_details(facts: pd.DataFrame) -> pd.Series:
    """What each fact of document_facts.sql says, in words: its metric, comparator or qualifier,
    amount (and what it converts to) via money_column, then the query's own detail
    ('AI contribution to GDP over 11 trillion RUB by 2030', '1 trillion CNY = US$138.01 billion')."""
    has = facts["value"].notna()
    amount = money_column(facts["value"], facts["currency"]).where(has, "")
    to = money_column(facts["to_value"], facts["to_currency"])
    amount = amount.where(facts["to_value"].isna(), amount + " = " + to)
    # the query's detail may carry codes too (deadline relation 'range_end', date grain 'fiscal_year')
    detail = facts["detail"].fillna("").astype(str).str.replace(r"\b[a-z]+(?:_[a-z]+)+\b",
                                                                  lambda m: word(m.group()), regex=True)
    text = facts["what"].fillna("").astype(str) + " " + words(facts["code"]).fillna("") + " " + amount + " " + detail
    return text.str.replace(r"\s+", " ", regex=True).str.strip()


def implied_rate(rate, currency: str | None, stated_currency: str | None) -> str:
    """'implies 80.5448 RUB per USD': units of the amount's currency per one unit of the
    currency of the text's own equivalent (value / stated_value); '' without a rate."""
    if rate is None or (isinstance(rate, float) and np.isnan(rate)):
        return ""
    return f"implies {float(rate):.6g} {currency or '(currency not stated)'} per {stated_currency or '?'}"


def rate_units(detail: pd.Series) -> pd.Series:
    """The unit of a check's rates, from the detail etl/checks.py writes ('implied 1.3559 CAD/USD ...'),
    as words: 'CAD per USD'; missing where the check compares no rate."""
    pair = detail.astype(object).where(detail.notna(), "").astype(str).str.extract(r"\b([A-Z]{3})/([A-Z]{3})\b")
    return (pair[0] + " per " + pair[1]).astype(object).where(pair[0].notna(), None)


def iso_dates(s: pd.Series) -> pd.Series:
    """Dates as 'YYYY-MM-DD' strings; missing stays missing (for fillna with a word)."""
    return pd.to_datetime(s).dt.strftime("%Y-%m-%d").astype(object).where(s.notna(), None)


def _num_series(s: pd.Series, scale: float, digits: int) -> pd.Series:
    return (s.astype(float) / scale).round(digits).astype(str).str.replace(r"\.0$", "", regex=True)


def usd_short(s: pd.Series) -> pd.Series:
    """US$ values as 'US$12.3bn' strings, vectorised; missing stays missing."""
    v = s.astype(float)
    out = pd.Series(pd.NA, index=s.index, dtype=object)
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (0, "")):
        m = out.isna() & v.notna() & (v.abs() >= size)
        if size:
            out[m] = "US$" + _num_series(v[m], size, 2) + suffix
        else:
            out[m] = "US$" + v[m].round(2).astype(str)
    return out


def _esc(s: pd.Series) -> pd.Series:
    """Hover labels are HTML in Plotly: announcement text must be escaped to stay text."""
    return s.astype(object).where(s.notna(), "").astype(str).map(html.escape)


def rate_hover(df: pd.DataFrame) -> pd.Series:
    """Per row: the amount as printed, then its USD value and the rate behind it (or why there is none)."""
    quote = "“" + _esc(df["quote"]) + "”"
    cur = df["currency"].astype(object).where(df["currency"].notna(), "?").astype(str)
    rate = df["usd_rate"].astype(float).map(lambda r: f"{r:,.6g}") if len(df) else pd.Series(dtype=str)
    rate_on = pd.to_datetime(df["rate_on"]).dt.strftime("%Y-%m-%d")
    source = _esc(df["rate_source"])
    converted = df["value_usd"].notna()
    with_rate = (quote + " = " + usd_short(df["value_usd"]).fillna("") + "<br>rate: " + rate + " " + cur
                 + " per USD, of " + rate_on.fillna("?") + "<br>source: " + source)
    note = _esc(df["fx_note"]) if "fx_note" in df else pd.Series("", index=df.index)
    without = quote + "<br>no USD value: " + note.where(note != "", words(df["fx_status"]).fillna("?"))
    return with_rate.where(converted, without)


# ---------------------------------------------------------------- overview
#
# The Overview and Targets charts draw what their queries aggregated in SQL (one row
# per country, per country and month, per country, year and kind): a page never
# moves every amount into pandas to draw a hundred markers.

def _structs(col: pd.Series) -> pd.DataFrame:
    """A column of query structs (dicts, or None) as a frame with the same index."""
    rows = [v if isinstance(v, dict) else {} for v in col]
    return pd.DataFrame(rows, index=col.index)


def _exploded(frame: pd.DataFrame, col: str) -> pd.DataFrame:
    """One row per element of a list-of-structs column, indexed by the row it came from."""
    items = frame[col].map(lambda v: list(v) if isinstance(v, (list, tuple, np.ndarray)) else [])  # NULL: none
    flat = items.explode().dropna()
    return _structs(flat)


def _country_labels(df: pd.DataFrame) -> pd.Series:
    """What a chart writes for each row's country: the `country` column dashboard.data adds
    ("Portugal (PT)"), else the code; UNKNOWN_COUNTRY where there is none."""
    code = df["country_code"].fillna(UNKNOWN_COUNTRY)
    return df["country"].fillna(code) if "country" in df.columns else code


def commitments_by_country(totals: pd.DataFrame, log: bool = False) -> go.Figure:
    """Headline commitments summed in USD per country (country_totals.sql); the hover lists the
    largest with the amount as printed and the rate behind each dollar value."""
    t = totals[totals["total_usd"].notna()].copy()
    fig = go.Figure()
    if t.empty:
        return _empty(fig, "No commitment has a USD value for this selection.")
    t["label"] = _country_labels(t)
    t["country_code"] = t["country_code"].fillna(UNKNOWN_COUNTRY)
    t = t.sort_values("total_usd", ascending=False)
    largest = _exploded(t, "largest")
    lines = pd.Series("", index=t.index, dtype=object)
    if len(largest):
        largest["fx_status"] = "converted"  # the query keeps only amounts with a USD value
        lines = rate_hover(largest).groupby(level=0).agg("<br><br>".join).reindex(t.index, fill_value="")
    shown = largest.groupby(level=0).size().reindex(t.index, fill_value=0) if len(largest) else 0
    more = (t["converted"] - shown).clip(lower=0)
    hover = ("<b>" + t["label"] + "</b>: " + usd_short(t["total_usd"]) + " in "
             + t["converted"].astype(str) + " commitment(s) with a USD value<br><br>" + lines
             + np.where(more > 0, "<br>… and " + more.astype(str) + " more", ""))
    fig.add_bar(
        x=t["label"], y=t["total_usd"], marker_color=[country_colour(c) for c in t["country_code"]],
        hovertext=hover, hoverinfo="text", text=usd_short(t["total_usd"]), textposition="outside",
        cliponaxis=False, textfont_size=13,
    )
    fig.update_layout(
        yaxis_title="announced, US$ (reference rate of announcement day)", xaxis_title=None,
        yaxis_type="log" if log else "linear", showlegend=False, margin=dict(t=30, b=10),
        hoverlabel=dict(align="left"), uniformtext=READABLE,
    )
    return fig


def announcements_over_time(months: pd.DataFrame) -> go.Figure:
    """Headline commitments per country and month (announcement_months.sql), marker area the USD sum,
    hollow where none has a USD value; the hover names the largest, as printed, with its rate."""
    df = months[months["month"].notna()].copy()
    fig = go.Figure()
    if df.empty:
        return _empty(fig, "No dated announcement in this selection.")
    df["label"] = _country_labels(df)
    df["country_code"] = df["country_code"].fillna(UNKNOWN_COUNTRY)
    df["month"] = pd.to_datetime(df["month"])
    big = _structs(df["largest"])
    big["fx_status"] = big["fx_status"].fillna("?") if "fx_status" in big else "?"
    on = pd.to_datetime(big["published_on"]).dt.strftime("%Y-%m-%d")
    df["hover"] = ("<b>" + df["label"] + "</b> · " + df["month"].dt.strftime("%Y-%m") + ": "
                   + df["commitments"].astype(str) + " commitment(s), " + df["converted"].astype(str)
                   + " with a USD value, together " + usd_short(df["total_usd"]).fillna("–")
                   + "<br>largest: " + on.fillna("undated") + " · " + _esc(big["publisher"]) + "<br>"
                   + rate_hover(big))
    biggest = df["total_usd"].max()
    sizeref = 2.0 * (biggest if biggest and biggest > 0 else 1.0) / 40**2  # largest marker ~40px across
    for code, g in df.groupby("country_code", sort=True):
        conv = g[g["converted"] > 0]
        none = g[g["converted"] == 0]
        colour = country_colour(code)
        if len(conv):
            fig.add_scatter(
                x=conv["month"], y=conv["label"], mode="markers", name=code, legendgroup=code,
                marker=dict(size=conv["total_usd"].clip(lower=0), sizemode="area", sizeref=sizeref, sizemin=5,
                            color=colour, line=dict(width=1, color="white")),
                hovertext=conv["hover"], hoverinfo="text",
            )
        if len(none):
            fig.add_scatter(
                x=none["month"], y=none["label"], mode="markers", name=f"{code} (no USD value)",
                legendgroup=code, showlegend=False,
                marker=dict(size=9, symbol="circle-open", color=colour, line=dict(width=2)),
                hovertext=none["hover"], hoverinfo="text",
            )
    fig.update_layout(xaxis_title="announced in (month)", yaxis_title=None, showlegend=False,
                      margin=dict(t=30, b=10), hoverlabel=dict(align="left"),
                      height=max(320, 28 * df["country_code"].nunique() + 120))
    return fig


def currency_mix(per_currency: pd.DataFrame) -> go.Figure:
    """How many headline commitments were announced in each currency, and their USD sum
    (country_currency_totals.sql rows, added up over countries)."""
    fig = go.Figure()
    if per_currency.empty:
        return _empty(fig, "No commitment in this selection.")
    cur = per_currency["currency"].where(~per_currency["currency"].isin(["?"]) & per_currency["currency"].notna(),
                                         "not stated")
    g = (per_currency.assign(currency=cur).groupby("currency")
         .agg(n=("commitments", "sum"), usd=("total_usd", lambda s: s.sum(min_count=1)), converted=("converted", "sum"))
         .sort_values("n", ascending=True))
    g["hover"] = ("<b>" + g.index + "</b>: " + g["n"].astype(str) + " commitment(s); "
                  + g["converted"].astype(str) + " converted, together " + usd_short(g["usd"]).fillna("–"))
    fig.add_bar(x=g["n"], y=g.index, orientation="h", hovertext=g["hover"], hoverinfo="text",
                marker_color="#4c78a8", text=g["n"], textposition="outside", cliponaxis=False, textfont_size=13)
    fig.update_layout(xaxis_title="headline commitments", yaxis_title=None, margin=dict(t=30, b=10), uniformtext=READABLE,
                      height=max(260, 26 * len(g) + 100))
    return fig


# ---------------------------------------------------------------- targets

def targets_timeline(timeline: pd.DataFrame, as_of: dt.date) -> go.Figure:
    """Targets and deadlines by the year they fall due (target_timeline.sql): one marker per country,
    year and kind, its area how many, coloured by timing as seen on `as_of`; the hover quotes the
    first three with what they say, the amount as announced, publisher and date."""
    fig = go.Figure()
    g = timeline[timeline["year"].notna()].copy()
    if g.empty:
        return _empty(fig, "No target or deadline in this selection.")
    g["label"] = _country_labels(g)
    g["country_code"] = g["country_code"].fillna(UNKNOWN_COUNTRY)
    ex = _exploded(g, "examples")
    lines = pd.Series("", index=g.index, dtype=object)
    if len(ex):
        value = ex["value"].astype(float)
        unit = ex["unit"] if "unit" in ex else pd.Series(None, index=ex.index, dtype=object)
        shown_value = target_value_column(value, ex["currency"], unit)
        amount = pd.Series(np.where(value.notna() | (unit == "rank"), " " + shown_value, ""), index=ex.index)
        said = (_esc(ex["what"]) + " " + words(ex["comparator"]).fillna("") + amount).str.replace(r"\s+", " ", regex=True)
        line = ("• “" + _esc(ex["quote"]) + "”: " + said.str.strip() + " (" + _esc(ex["publisher"]) + ", "
                + pd.to_datetime(ex["published_on"]).dt.strftime("%Y-%m-%d").fillna("undated") + ")")
        lines = line.groupby(level=0).agg("<br>".join).reindex(g.index, fill_value="")
        shown = ex.groupby(level=0).size().reindex(g.index, fill_value=0)
    else:
        shown = pd.Series(0, index=g.index)
    more = (g["n"] - shown).clip(lower=0)
    g["hover"] = ("<b>" + g["label"] + " · " + g["year"].astype("Int64").astype(str) + "</b> ("
                  + g["timing"] + "): " + g["n"].astype(str) + " " + g["source_kind"] + "(s)<br>" + lines
                  + np.where(more > 0, "<br>… and " + more.astype(str) + " more", ""))
    # Every marker sits exactly on its year; a country's targets and deadlines get a row each
    # ("Russia (RU) · targets", "Russia (RU) · deadlines"), so the two kinds due in one year never
    # cover each other.
    g["row"] = g["label"] + " · " + g["source_kind"] + "s"
    for label, colour in TIMING_COLOURS.items():
        part = g[g["timing"] == label]
        if part.empty:
            continue
        fig.add_scatter(
            x=part["year"].astype(int), y=part["row"], mode="markers", name=label, hovertext=part["hover"], hoverinfo="text",
            marker=dict(size=part["n"], sizemode="area", sizemin=8, sizeref=2.0 * g["n"].max() / 30**2, color=colour,
                        symbol=np.where(part["source_kind"] == "target", "diamond", "circle"),
                        line=dict(width=1, color="white")),
        )
    fig.add_vline(x=as_of.year + (as_of.timetuple().tm_yday - 1) / 365.25, line_dash="dash", line_color="#555",
                  annotation_text=f"as of {as_of.isoformat()}", annotation_position="top")
    rows = sorted(g["row"].unique(), reverse=True)  # first country at the top
    fig.update_layout(xaxis=dict(title="due by (year); marker area = how many", dtick=1),
                      yaxis=dict(title=None, categoryorder="array", categoryarray=rows),
                      margin=dict(t=40, b=10), hoverlabel=dict(align="left"),
                      # "constant": the legend shows each timing's colour at one size, not the smallest marker's
                      legend=dict(orientation="h", y=1.12, itemsizing="constant"),
                      height=max(300, 30 * len(rows) + 140))
    return fig


# ---------------------------------------------------------------- compare and checks

def compare_totals(totals: pd.DataFrame) -> go.Figure:
    """Headline USD totals of the chosen countries side by side."""
    fig = go.Figure()
    if totals.empty:
        return _empty(fig, "Choose countries to compare.")
    t = totals.copy()
    t["hover"] = ("<b>" + t["country_code"] + "</b>: " + usd_short(t["total_usd"]).fillna("–") + "<br>"
                  + t["converted"].astype(str) + " of " + t["commitments"].astype(str)
                  + " headline commitments converted; currencies: " + t["currencies"].fillna("–"))
    fig.add_bar(x=t["country_code"], y=t["total_usd"].fillna(0), hovertext=t["hover"], hoverinfo="text",
                marker_color=[country_colour(c) for c in t["country_code"]],
                text=usd_short(t["total_usd"]).fillna("no USD value"), textposition="outside", cliponaxis=False,
                textfont_size=13)
    fig.update_layout(yaxis_title="announced, US$", xaxis_title=None, showlegend=False, margin=dict(t=30, b=10),
                      uniformtext=READABLE)
    return fig


def checks_by_status(summary: pd.DataFrame) -> go.Figure:
    """How many checks of each kind ended in each status (rows: check, status, n)."""
    fig = go.Figure()
    if summary.empty:
        return _empty(fig, "No check for this selection.")
    g = summary.groupby(["check", "status"], as_index=False)["n"].sum()
    for status, colour in STATUS_COLOURS.items():
        part = g[g["status"] == status]
        if len(part):
            fig.add_bar(y=words(part["check"]), x=part["n"], name=status, orientation="h", marker_color=colour)
    fig.update_layout(barmode="stack", xaxis_title="checks", yaxis_title=None, margin=dict(t=30, b=10),
                      legend=dict(orientation="h", y=1.15), height=max(240, 30 * g["check"].nunique() + 120))
    return fig


def _empty(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(xaxis_visible=False, yaxis_visible=False, height=200, margin=dict(t=10, b=10))
    return fig
