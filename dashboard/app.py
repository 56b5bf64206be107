"""Entry point of the dashboard (`aitrack serve` runs `streamlit run dashboard/app.py`).

Only page set-up and navigation live here; each screen is a file under
dashboard/app_pages/ (the legacy pages/ folder is not used).

May import: the standard library, streamlit, dashboard.filters (page changes, a link's unknown parameters).
"""

from pathlib import Path

import streamlit as st

from dashboard.filters import enter_page

PAGES = Path(__file__).resolve().parent / "app_pages"

st.set_page_config(page_title="aitrack: national AI commitments", page_icon="📈", layout="wide")
page = st.navigation([
    st.Page(PAGES / "overview.py", title="Overview", url_path="overview", default=True),
    st.Page(PAGES / "commitments.py", title="Commitments", url_path="commitments"),
    st.Page(PAGES / "targets.py", title="Targets and deadlines", url_path="targets"),
    st.Page(PAGES / "compare.py", title="Compare countries", url_path="compare"),
    st.Page(PAGES / "checks.py", title="Figure checks", url_path="checks"),
    st.Page(PAGES / "sources.py", title="Sources", url_path="sources"),
    st.Page(PAGES / "export.py", title="Export", url_path="export"),
    st.Page(PAGES / "releases.py", title="Releases", url_path="releases"),
    st.Page(PAGES / "review.py", title="Review", url_path="review"),
])
enter_page(page.url_path or "overview")
# Plotly's axis and legend labels: the theme's text colour, not Streamlit's fixed light grey
# (#808495 on white is 3.7:1, under WCAG's 4.5:1); hover labels keep their own colours.
st.html("<style>.stPlotlyChart .main-svg .infolayer text, .stPlotlyChart .main-svg .xtick text, "
        ".stPlotlyChart .main-svg .ytick text, .stPlotlyChart .main-svg .legendtext, "
        ".stPlotlyChart .main-svg .bartext, .stPlotlyChart .main-svg .annotation-text "
        "{fill: currentColor !important}</style>")
page.run()
