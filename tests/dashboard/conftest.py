"""Fixtures for the dashboard tests: real DuckDB files built by `etl.build.build`
(never mocks) from the bundled corpus, from nothing, and from one hostile
announcement; and a helper that runs one page with AppTest against a database.

May import: the standard library, pytest, streamlit.testing, etl.*, dashboard.*.
"""

from __future__ import annotations

import sys

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "dashboard" / "app_pages").glob("*.py"))

HOSTILE = """Title: <script>alert(1)</script> pledges $5 billion
URL: javascript:alert(1)
Publisher: <img src=x onerror=alert(1)>
Published: 2025-03-01
Language: en

The government of France <script>alert(1)</script> said on Monday it would invest $5 billion in AI data \
centres by 2030. <img src=x onerror=alert(1)> **bold** [link](javascript:alert(1)) $x$
"""

EVIL_SQL = "x'; DROP TABLE amounts; --"
SQL_PUBLISHER = f"""Title: Budget line
Publisher: {EVIL_SQL}
Published: 2025-04-01
Language: en

The ministry of Japan said it will spend ¥1 trillion on AI chips by 2027.
"""


def _build(sources, path: Path) -> Path:
    from etl.build import build

    build(sources, path, progress=False)
    return path


@pytest.fixture(scope="session")
def dash_db(tmp_path_factory) -> Path:
    """The bundled corpus (data/announcements), built once per session."""
    return _build(None, tmp_path_factory.mktemp("dash") / "aitrack.duckdb")


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory) -> Path:
    """A complete database with no announcements in it."""
    folder = tmp_path_factory.mktemp("nothing")
    return _build([folder], tmp_path_factory.mktemp("empty") / "aitrack.duckdb")


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> Path:
    """Announcements whose title, publisher, URL and text try to run script, or SQL."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "evil.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "sql.txt").write_text(SQL_PUBLISHER, encoding="utf-8")
    return _build([folder], tmp_path_factory.mktemp("hostile-db") / "aitrack.duckdb")


@pytest.fixture()
def run_page(monkeypatch):
    """run_page(page_path, db_path) -> the AppTest after its first run, with AITRACK_DB pointing at db_path."""
    from streamlit.testing.v1 import AppTest

    def run(page: Path | str, db: Path | str) -> AppTest:
        monkeypatch.setenv("AITRACK_DB", str(db))
        at = AppTest.from_file(str(page), default_timeout=60)
        return at.run()

    # AppTest runs the page as sys.modules["__main__"] and leaves it there; a later test that starts
    # worker processes (etl.build with jobs > 1) would have them import the page as their main module.
    main = sys.modules["__main__"]
    yield run
    sys.modules["__main__"] = main
