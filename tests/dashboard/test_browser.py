"""What a person sees: a real `aitrack serve` and the system chromium, every page.

Starts the dashboard as a subprocess on a free port, visits each page, checks no
Streamlit error or exception box is shown, downloads the CSV from the
Commitments page and compares it byte for byte with `aitrack export`, opens a
registry entry to its merged sources, and saves a screenshot of each page under
test-artefacts/screenshots/, in the light theme (PAGE.png) and the dark one (PAGE-dark.png,
the browser asking for dark as a system would). In both, the main text elements must meet
WCAG AA contrast, computed from the browser's computed styles (tests/dashboard/contrast.py);
at the default window size no headline metric is cut off; a link copied from the address bar
opens the same view in a fresh browser. Nothing reaches the
network: the server is local and the browser's background traffic is disabled.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.dashboard import contrast
from tests.dashboard.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "test-artefacts" / "screenshots"
PAGES = {  # url path -> the page's title, which says it has drawn
    "overview": "National AI commitments",
    "commitments": "Commitments",
    "targets": "Targets and deadlines",
    "compare": "Compare countries",
    "checks": "Figure checks",
    "sources": "Sources",
    "export": "Export",
    "releases": "Releases",
    "review": "Review",
}
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
# The text a person reads on every page, by kind (CSS selectors of Streamlit 1.67's DOM).
TEXT = [
    ("heading", "h1, h2, h3"), ("caption", '[data-testid="stCaptionContainer"]'),
    ("markdown", '[data-testid="stMarkdownContainer"] p'), ("text", '[data-testid="stText"]'),
    ("metric value", '[data-testid="stMetricValue"]'), ("metric label", '[data-testid="stMetricLabel"] p'),
    ("widget label", '[data-testid="stWidgetLabel"] p'), ("page link", '[data-testid="stSidebarNav"] a span'),
    ("alert", '[data-testid="stAlertContainer"] p'), ("tab", '[data-testid="stTab"]'), ("button", "button p"),
    ("chart label", ".stPlotlyChart .main-svg :is(.xtick, .ytick, .infolayer, .annotation) text"),
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no system chromium at /usr/bin/chromium"),
]


def _aitrack() -> list[str]:
    script = Path(sys.executable).parent / "aitrack"
    return [str(script)] if script.exists() else [sys.executable, "-m", "etl.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _serving(db: Path, log: Path, env: dict[str, str] | None = None):
    """A real `aitrack serve` on a free port, until the block ends (then it and only its children stop)."""
    port = _free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [*_aitrack(), "serve", "--db", str(db), "--port", str(port), "--host", "127.0.0.1"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT,
            env={**os.environ, **(env or {})},
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the dashboard did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield base
    finally:
        # the server runs in its own session: end it and its children, only them
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


@pytest.fixture(scope="module")
def server(dash_db, tmp_path_factory):
    with _serving(dash_db, tmp_path_factory.mktemp("serve") / "server.log") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        try:
            yield b
        finally:
            b.close()


def _open(page, base: str, path: str) -> None:
    # the default page lives at the root; its url_path is not served on its own
    page.goto(f"{base}/{'' if path == 'overview' else path}", wait_until="domcontentloaded")
    page.get_by_role("heading", name=PAGES[path], exact=True).first.wait_for(timeout=60_000)
    page.get_by_text("Database ").last.wait_for(timeout=60_000)  # every page ends with its footer: the script ran to the end
    page.wait_for_timeout(1200)  # let charts and tables paint before judging and photographing


def _too_faint(page) -> list[str]:
    """Each kind of text drawn below WCAG AA (4.5:1; 3:1 for large text and metric values)."""
    out, seen = [], set()
    for t in page.evaluate(contrast.COLLECT, TEXT):
        ratio = contrast.contrast(t["color"], t["backgrounds"], t["opacity"])
        need = 3.0 if t["name"] == "metric value" else contrast.required(t["size"], t["weight"])
        key = (t["name"], t["color"], tuple(t["backgrounds"]))
        if ratio < need and key not in seen:
            seen.add(key)
            out.append(f"{t['name']} {t['text']!r}: {ratio:.2f}:1 < {need}:1 ({t['color']} on {t['backgrounds']})")
    return out


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_shows_no_error_is_readable_and_is_photographed(path, theme, server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1440, "height": 2200}, color_scheme=theme)
    page = context.new_page()
    try:
        _open(page, server, path)
        assert page.locator(ERRORS).count() == 0, page.locator(ERRORS).first.inner_text()
        assert page.get_by_text("Page not found").count() == 0
        background = page.evaluate("() => getComputedStyle(document.querySelector('.stApp')).backgroundColor")
        assert (contrast.luminance(contrast.parse(background)[:3]) < 0.2) == (theme == "dark"), background
        checked = page.evaluate(contrast.COLLECT, TEXT)
        assert {"heading", "caption", "page link"} <= {t["name"] for t in checked}  # the selectors still match
        assert _too_faint(page) == []
        page.screenshot(path=str(SHOTS / (f"{path}.png" if theme == "light" else f"{path}-{theme}.png")),
                        full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["overview", "commitments", "export", "targets", "review", "releases"])
def test_headline_metrics_fit_at_the_default_window_size(path, server, browser):
    """Issue 17: "the Overview total is cut off (US$1.38 trill…)". Playwright's default window
    (1280 x 720) with the sidebar open: each metric's text fits its box (no ellipsis)."""
    context = browser.new_context()
    page = context.new_page()
    try:
        _open(page, server, path)
        boxes = page.evaluate("""() => [...document.querySelectorAll(
            '[data-testid="stMetricValue"], [data-testid="stMetricValue"] *')].map(e => ({
            text: e.innerText, scroll: e.scrollWidth, client: e.clientWidth}))""")
        assert boxes
        cut = [b for b in boxes if b["client"] and b["scroll"] > b["client"]]
        assert cut == [], cut
    finally:
        context.close()


def _state(page) -> dict:
    """What a person sees of a view: the metrics, the chosen countries, the chosen tab."""
    return page.evaluate("""() => ({
        metrics: [...document.querySelectorAll('[data-testid="stMetric"]')].map(m => m.innerText),
        countries: [...document.querySelectorAll('.st-key-filter_countries [data-rac] [data-tag]')].map(t => t.innerText),
        tab: [...document.querySelectorAll('[data-testid="stTab"][aria-selected="true"]')].map(t => t.innerText)})""")


def test_a_copied_link_opens_the_same_view_in_a_fresh_browser(server, browser):
    """Open a link, change the view with the widgets, copy the address bar, open it in a new
    browser context (a new session): the same metrics, countries and tab. A garbled link shows
    a warning, no error, and the address bar drops what was left out."""
    first = browser.new_context(viewport={"width": 1440, "height": 1400})
    page = first.new_page()
    try:
        _open(page, server, "commitments")
        page.goto(f"{server}/commitments?country=RU&tab=mentions", wait_until="domcontentloaded")
        page.get_by_text("Database ").last.wait_for(timeout=60_000)
        page.wait_for_timeout(1200)
        page.locator(".st-key-filter_headline_only label").click()
        page.wait_for_function("() => location.search.includes('headline=1')", timeout=30_000)
        page.get_by_text("Database ").last.wait_for(timeout=60_000)
        page.wait_for_timeout(1200)
        shared, seen = page.url, _state(page)
        assert len(seen["countries"]) == 1 and "RU" in seen["countries"][0] and seen["tab"] == ["All mentions"]
    finally:
        first.close()
    assert "country=RU" in shared and "tab=mentions" in shared

    second = browser.new_context(viewport={"width": 1440, "height": 1400})
    page = second.new_page()
    try:
        page.goto(shared, wait_until="domcontentloaded")
        page.get_by_role("heading", name="Commitments", exact=True).first.wait_for(timeout=60_000)
        page.get_by_text("Database ").last.wait_for(timeout=60_000)
        page.wait_for_timeout(1200)
        assert page.locator(ERRORS).count() == 0
        assert _state(page) == seen and page.url == shared
        page.screenshot(path=str(SHOTS / "commitments-shared-link.png"), full_page=True)

        page.goto(f"{server}/commitments?country=RU&country=Atlantis&status=<b>x</b>&colour=red",
                  wait_until="domcontentloaded")
        page.get_by_text("Database ").last.wait_for(timeout=60_000)
        page.wait_for_timeout(1200)
        assert page.locator(ERRORS).count() == 0
        warned = " ".join(page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts())
        for left_out in ("country='Atlantis'", "status='<b>x</b>'", "colour: not a setting of this page"):
            assert left_out in warned
        assert page.evaluate("() => location.search") == "?country=RU"
        page.goto(f"{server}/overview", wait_until="domcontentloaded")  # the default page's own address
        page.get_by_role("heading", name=PAGES["overview"], exact=True).first.wait_for(timeout=60_000)
    finally:
        second.close()


def test_commitments_csv_download_equals_the_cli_export(server, browser, dash_db, tmp_path):
    expected = tmp_path / "cli.csv"
    subprocess.run([*_aitrack(), "export", "--db", str(dash_db), "--format", "csv", "-o", str(expected)],
                   check=True, capture_output=True, cwd=ROOT, timeout=120)
    context = browser.new_context(viewport={"width": 1440, "height": 2200}, accept_downloads=True)
    page = context.new_page()
    try:
        _open(page, server, "commitments")
        button = page.locator(".st-key-download_csv button")
        button.scroll_into_view_if_needed()
        with page.expect_download(timeout=60_000) as info:
            button.click()
        got = Path(info.value.path()).read_bytes()
        assert page.locator(ERRORS).count() == 0
    finally:
        context.close()
    assert got == expected.read_bytes()
    assert got.startswith(b"record_id,document_id,country_code,")


def _russia_gdp_entry(page):
    """The Commitments page's expander of Russia's 11 trillion roubles entry (three sources)."""
    return page.locator('[data-testid="stExpander"]').filter(has_text="11 trillion roubles").filter(has_text="3 sources")


def test_commitments_entry_opens_to_its_merged_sources(server, browser):
    """Issue 13: Russia's 11 trillion roubles GDP target, told by Reuters and by an undated rewrite
    (and a Russian channel), is one entry; opened, a person reads both sources' sentences and why
    they were merged."""
    context = browser.new_context(viewport={"width": 1440, "height": 2200})
    page = context.new_page()
    try:
        _open(page, server, "commitments")
        entry = _russia_gdp_entry(page)
        assert entry.count() == 1
        entry.locator("summary").click()
        body = entry.locator('[data-testid="stExpanderDetails"]')
        body.get_by_text("Publisher: Reuters (retold)", exact=False).wait_for(timeout=30_000)
        for publisher in ("Reuters (retold)", "Cyber news digest (retold)"):
            assert body.get_by_text(f"Publisher: {publisher}", exact=False).is_visible()
        assert body.get_by_text("Published: undated", exact=False).is_visible()
        # each source's sentence, its figure marked
        marks = body.locator("mark mark")
        quotes = [marks.nth(i).inner_text() for i in range(marks.count())]
        assert quotes.count("11 trillion roubles") >= 2 and "11 трлн рублей" in quotes
        why = body.get_by_text("why merged: same figure within printed rounding", exact=False)
        assert why.count() == 3 and why.first.is_visible()
        assert page.locator(ERRORS).count() == 0
        entry.screenshot(path=str(SHOTS / "commitments-entry.png"))
    finally:
        context.close()


def test_pages_name_the_countries_with_the_code_beside(server, browser):
    """Issue 17: country names, not codes: a commitment's label, the Compare page's chosen
    countries (the filter's value stays the code) and the Overview chart's axis."""
    context = browser.new_context(viewport={"width": 1440, "height": 2200})
    page = context.new_page()
    try:
        _open(page, server, "commitments")
        entry = _russia_gdp_entry(page)
        # the label's last line: the expander's arrow icon is drawn as its ligature text before it
        assert entry.locator("summary").inner_text().strip().splitlines()[-1].startswith("Russia (RU) ·")
        _open(page, server, "compare")
        chosen = page.locator(".st-key-compare_countries")
        for label in ("United States (US)", "China (CN)", "Russia (RU)"):
            assert chosen.get_by_text(label, exact=True).count() == 1, label
        _open(page, server, "overview")
        assert page.locator(".xtick text", has_text="United States (US)").count() >= 1
        assert page.locator(ERRORS).count() == 0
    finally:
        context.close()


def test_a_value_corrected_on_the_review_page_is_applied_and_audited_by_the_next_build(browser, dash_db, tmp_path):
    """A person corrects a figure on the Review page; the page writes only the review file (a
    copy, through $AITRACK_REVIEWS); `aitrack build` applies it: the corrected value is in the
    database, the extracted one in corrections_applied, and the export row says reviewed."""
    import duckdb

    from etl import reviews

    review_file = tmp_path / "corrections.csv"
    shutil.copy(ROOT / "data" / "reviews" / "corrections.csv", review_file)
    served_before = dash_db.stat().st_mtime_ns
    with _serving(dash_db, tmp_path / "server.log", {"AITRACK_REVIEWS": str(review_file)}) as base:
        context = browser.new_context(viewport={"width": 1440, "height": 2200})
        page = context.new_page()
        try:
            _open(page, base, "review")
            item = page.locator(".st-key-review_item")
            item.click()
            page.keyboard.type("currency inferred")
            page.keyboard.press("Enter")
            page.wait_for_timeout(800)
            page.locator(".st-key-review_action").get_by_text("correct a field").click()
            page.locator(".st-key-review_new input").wait_for(timeout=30_000)
            for key, value in (("review_new input", "123000000000"), ("review_reviewer input", "Ana Analyst")):
                page.locator(f".st-key-{key}").fill(value)
                page.locator(f".st-key-{key}").press("Enter")
                page.wait_for_timeout(600)
            reason = page.locator(".st-key-review_reason textarea")
            reason.fill("the ministry's own release says 123 billion")
            reason.press("Control+Enter")
            page.wait_for_timeout(600)
            page.locator(".st-key-review_save button").click()
            page.get_by_text("saved; rebuild to apply").first.wait_for(timeout=30_000)
            assert page.locator(ERRORS).count() == 0
            page.screenshot(path=str(SHOTS / "review-saved.png"), full_page=True)
        finally:
            context.close()
    assert dash_db.stat().st_mtime_ns == served_before  # the served database was never written
    (d,) = reviews.load(review_file)
    assert (d.action, d.field, d.new, d.reviewer) == ("correct", "value", "123000000000", "Ana Analyst")

    rebuilt = tmp_path / "rebuilt.duckdb"
    env = {**os.environ, "AITRACK_REVIEWS": str(review_file)}
    p = subprocess.run([*_aitrack(), "build", "--db", str(rebuilt), "--quiet"], capture_output=True, text=True,
                       cwd=ROOT, env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    assert "reviews: 1 applied, 0 orphaned" in p.stdout
    con = duckdb.connect(str(rebuilt), read_only=True)
    try:
        assert con.execute("SELECT value FROM amounts WHERE amount_id = ?", [d.target_id]).fetchone() == (123e9,)
        audit = con.execute("SELECT old, new, reviewer, reason FROM corrections_applied").fetchall()
        assert audit == [(d.old, "123000000000", "Ana Analyst", "the ministry's own release says 123 billion")]
        assert d.old and float(d.old) != 123e9  # the extracted value, kept
    finally:
        con.close()
    out = tmp_path / "records.csv"
    p = subprocess.run([*_aitrack(), "export", "--db", str(rebuilt), "-o", str(out)], capture_output=True, cwd=ROOT,
                       timeout=120)
    assert p.returncode == 0, p.stderr
    rows = {r["record_id"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    assert (rows[d.target_id]["value"], rows[d.target_id]["reviewed"], rows[d.target_id]["corrected_fields"]) == (
        "123000000000", "true", "value")
    assert sum(r["reviewed"] == "true" for r in rows.values()) == 1
