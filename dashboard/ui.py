"""Small pieces every page uses: open the database or say why not, show untrusted
announcement text safely, and a footer naming the data behind the page.

Announcement text (titles, publishers, quotes, whole documents) is untrusted: it
is shown with st.text / st.dataframe, or, where a highlight is needed, as
html.escape()d text in st.html with only our own <mark> around the span. It never
goes through Markdown, which would turn `[x](javascript:...)` or `**` into markup.

May import: the standard library, streamlit, dashboard.data, dashboard.charts.
"""

from __future__ import annotations

import html

import streamlit as st

from dashboard import charts, data

SAFE_SCHEMES = ("http://", "https://")


def database_or_stop() -> data.Source:
    """The current database; otherwise a plain message and the page stops there."""
    try:
        return data.open_source()
    except data.DataUnavailable as e:
        (st.warning if e.level == "warning" else st.info)(e.message)
        st.stop()


def run_or_stop(fn, *args, **kwargs):
    """A data call whose failure is an expected state (the file changed under us): message, stop."""
    try:
        return fn(*args, **kwargs)
    except data.DataUnavailable as e:
        (st.warning if e.level == "warning" else st.info)(e.message)
        st.stop()


_SENTENCE_ENDS = (". ", "! ", "? ", "\n", "。")


def sentence_span(text: str, start: int, end: int, sentence: str | None = None) -> tuple[int, int]:
    """Where the sentence holding text[start:end] lies: the commitment's own sentence when it is
    found around the span, else the text between the nearest sentence ends."""
    if sentence:
        lo = max(0, start - len(sentence))
        i = text.find(sentence, lo, end + len(sentence))
        while i != -1:
            if i <= start and end <= i + len(sentence):
                return i, i + len(sentence)
            i = text.find(sentence, i + 1, end + len(sentence))
    lo = max((text.rfind(p, 0, start) + len(p) for p in _SENTENCE_ENDS if text.rfind(p, 0, start) >= 0), default=0)
    ends = [text.find(p, end) for p in _SENTENCE_ENDS]
    hi = min((e + 1 for e in ends if e >= 0), default=len(text))
    return lo, max(hi, end)


def highlighted_text(text: str, start: int, end: int, sentence: str | None = None, context: int = 700) -> str:
    """HTML of the text around [start, end), escaped; its sentence marked light, the span itself strong."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    s_lo, s_hi = sentence_span(text, start, end, sentence)
    lo = max(0, min(s_lo, start - context))
    hi = min(len(text), max(s_hi, end + context))
    # widen to whole lines so the excerpt does not begin mid-word
    nl = text.rfind("\n", 0, lo)
    lo = 0 if lo == 0 else (nl + 1 if nl >= 0 and lo - nl < 200 else lo)
    nl = text.find("\n", hi)
    hi = len(text) if hi == len(text) else (nl if 0 <= nl - hi < 200 else hi)
    e = html.escape
    return (
        '<div style="white-space: pre-wrap; font-family: inherit; line-height: 1.5; border-left: 3px solid #ddd; '
        'padding: 0.25rem 0.75rem; max-height: 28rem; overflow-y: auto">'
        + ("… " if lo > 0 else "")
        + e(text[lo:s_lo])
        + '<mark style="background: #fff3bf; padding: 0">' + e(text[s_lo:start])
        + '<mark style="background: #ffd43b; font-weight: 600; padding: 0 2px">' + e(text[start:end]) + "</mark>"
        + e(text[end:s_hi]) + "</mark>"
        + e(text[s_hi:hi])
        + (" …" if hi < len(text) else "")
        + "</div>"
    )


def show_highlighted(text: str, start: int, end: int, sentence: str | None = None) -> None:
    st.html(highlighted_text(text, start, end, sentence))


def show_evidence(text: str, start: int, end: int, sentence: str | None = None) -> None:
    """Only the sentence holding text[start:end], escaped, the span itself strong: a source's evidence."""
    lo, hi = sentence_span(text, start, end, sentence)
    st.html(highlighted_text(text[lo:hi], start - lo, end - lo, None, context=0))


def iso_day(value) -> str:
    """A date, timestamp or ISO string as YYYY-MM-DD; '–' when missing."""
    if value is None or value != value:  # None, NaN, NaT
        return "–"
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    return value.isoformat() if hasattr(value, "isoformat") else str(value)[:10]


def show_url(url: str | None) -> None:
    """A link only for http(s) addresses; anything else (javascript:, data:) stays plain text."""
    if not url:
        st.text("URL: (none given)")
    elif url.lower().startswith(SAFE_SCHEMES):
        st.link_button("Open the source", url)
        st.text(url)
    else:
        st.text(f"URL (not a web address, not linked): {url}")


def field(label: str, value) -> None:
    """A label and an untrusted value, the value as plain text."""
    if hasattr(value, "date") and callable(value.date):  # timestamps and datetimes read as ISO days
        value = value.date().isoformat()
    st.text(f"{label}: {'–' if value is None or value == '' else value}")


def fields(pairs: list[tuple[str, object]]) -> None:
    """Several label/value lines as one plain-text block; empty values are left out."""
    lines = []
    for label, value in pairs:
        if hasattr(value, "date") and callable(value.date):
            value = value.date().isoformat()
        if value is None or value == "":
            continue
        lines.append(f"{label}: {value}")
    if lines:
        st.text("\n".join(lines))


def money_metric(box, label: str, value, help: str) -> None:
    """A headline money total as a metric that fits its column ('US$1.38 tn'); the exact figure
    is in its help, so nothing is lost to the rounding."""
    box.metric(label, charts.money_short(value),
               help=help + ("" if charts.money_exact(value) == "–" else f" Exactly {charts.money_exact(value)}."))


def footer(src: data.Source) -> None:
    d = data.describe(src)
    st.caption(
        f"Database {src.path} · built {d.get('built_at') or '?'} · {d.get('extractor_version') or ''} · "
        f"{d.get('documents', 0)} documents"
    )


def review_notes(corrections) -> None:
    """What analysts decided on a record (data.record_corrections), as plain text: the extracted
    value beside the reviewed one, who, when and why."""
    lines = []
    for r in corrections.astype(object).where(corrections.notna(), None).itertuples():
        what = (f"{r.field}: {r.old or '(none)'} extracted, {r.new or '(none)'} reviewed"
                if r.action == "correct" else f"{r.action}ed".replace("eed", "ed"))
        later = " (replaced by a later decision)" if r.superseded_by else ""
        lines.append(f"{what}{later} · {r.reviewer} · {r.at} · {r.reason}")
    if lines:
        st.markdown("**Reviewed**")
        st.text("\n".join(lines))
