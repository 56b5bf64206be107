"""Concurrent use: while a real Streamlit server serves the dashboard, the
database is rebuilt several times in another process; a client asking for pages
and running read-only queries meanwhile sees no error, and afterwards sees the
new data. Loopback only; every process the test starts, it stops.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from etl import db
from etl.build import build

from .conftest import aitrack_cmd, cli_env, connect_ro, make_corpus

REBUILDS = 4
MIN_REQUESTS = 200
HAS_DASHBOARD_DATA = importlib.util.find_spec("dashboard.data") is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=15) as r:
        return r.status, r.read().decode("utf-8", "replace")


def _stop(p: subprocess.Popen) -> None:
    """Stop a process started with start_new_session=True, and its children (its own group)."""
    if p.poll() is None:
        try:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait(timeout=10)


def _count_fresh(db_path: Path) -> int:
    """A fresh read-only connection per request, closed after: never an old file's instance."""
    con = connect_ro(db_path)
    try:
        return len(db.run_query(con, "document_list", {"publisher": None, "limit": None}))
    finally:
        con.close()


def _count_dashboard(db_path: Path) -> int:
    """The dashboard's own door to the data (dashboard.data), as the pages call it."""
    from dashboard import data
    from etl.filters import Filter

    src = data.open_source()
    n = data.describe(src)["documents"]
    assert len(data.document_list(src, limit=None)) == n
    data.record_table(src, Filter(), limit=50)
    return n


@pytest.mark.slow
def test_rebuilds_while_serving_and_querying(tmp_path, monkeypatch):
    n0 = 30
    src = tmp_path / "in"
    make_corpus(src, n0)
    db_path = tmp_path / "build" / "aitrack.duckdb"
    build([src], db_path, progress=False)
    monkeypatch.setenv("AITRACK_DB", str(db_path))  # read by dashboard.data at call time

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*aitrack_cmd(), "serve", "--db", str(db_path), "--port", str(port),
                               "--host", "127.0.0.1"], env=cli_env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, start_new_session=True)
    # each rebuild adds one announcement, so every version is told apart by its count
    script = textwrap.dedent(f"""
        import subprocess, sys
        from pathlib import Path
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from robustness.conftest import write_txt
        for k in range(1, {REBUILDS} + 1):
            write_txt(Path({str(src)!r}) / "extra", f"extra-{{k}}.txt", i=1000 + k, title=f"Extra {{k}}")
            r = subprocess.run({aitrack_cmd()!r} + ["build", {str(src)!r}, "--db", {str(db_path)!r}, "--quiet"])
            if r.returncode:
                sys.exit(r.returncode)
    """)
    rebuilder = None
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            try:
                if _get(f"{base}/_stcore/health") == (200, "ok"):
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the dashboard server did not come up within 90 s"
            time.sleep(0.25)

        allowed = set(range(n0, n0 + REBUILDS + 1))
        rebuilder = subprocess.Popen([sys.executable, "-c", script], env=cli_env(), start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        during = pages = queries = 0
        seen: list[int] = []
        stop_at = time.monotonic() + 180
        i = 0
        while (rebuilder.poll() is None or during < MIN_REQUESTS) and time.monotonic() < stop_at:
            running = rebuilder.poll() is None
            kind = i % 4
            if kind == 0:
                status, body = _get(f"{base}/")
                assert status == 200 and "<html" in body.lower()
                pages += 1
            elif kind == 1:
                assert _get(f"{base}/_stcore/health") == (200, "ok")
                pages += 1
            elif kind == 2:
                seen.append(_count_fresh(db_path))
                queries += 1
            else:
                seen.append(_count_dashboard(db_path) if HAS_DASHBOARD_DATA else _count_fresh(db_path))
                queries += 1
            assert seen == [] or seen[-1] in allowed, seen[-1]
            during += running
            i += 1
        _, err = rebuilder.communicate(timeout=120)
        assert rebuilder.returncode == 0, err.decode()[-2000:]
        assert during >= MIN_REQUESTS, f"only {during} requests while rebuilding"
        assert len(set(seen)) >= 2, "the rebuilds never showed while the client was reading"
        assert seen == sorted(seen), "a reader went back to an older database"
        # afterwards: fresh queries, the dashboard's door and the server all see the new data
        assert _count_fresh(db_path) == n0 + REBUILDS
        if HAS_DASHBOARD_DATA:
            assert _count_dashboard(db_path) == n0 + REBUILDS
        assert _get(f"{base}/_stcore/health") == (200, "ok")
        assert server.poll() is None
        # nothing but the database and the extraction cache the CLI keeps beside it (etl/cache.py)
        assert sorted(p.name for p in db_path.parent.iterdir()) == ["aitrack.duckdb", "aitrack.duckdb.cache"]
        print(f"\n{during} requests during {REBUILDS} rebuilds ({pages} pages, {queries} queries in all), "
              f"counts seen {sorted(set(seen))}")
    finally:
        if rebuilder is not None:
            _stop(rebuilder)
        _stop(server)
        if HAS_DASHBOARD_DATA:  # let go of the module's held connection, if it keeps one
            from dashboard import data

            forget, held = getattr(data, "_forget", None), getattr(data, "_connections", {})
            for path in list(held) if forget else []:
                forget(data.Source(path, (0, 0, 0)))
