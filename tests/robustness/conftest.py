"""Builders for the robustness tests: valid announcement files by default, and
helpers that read a built database back as plain rows.

Every builder makes something the build loads without complaint unless told
otherwise, so each test only spells out the one thing it breaks.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl import paths

COUNTRIES = [
    ("France", "euros", "Paris"),
    ("Germany", "euros", "Berlin"),
    ("Japan", "yen", "Tokyo"),
    ("Canada", "Canadian dollars", "Ottawa"),
    ("India", "rupees", "New Delhi"),
    ("Brazil", "reais", "Brasilia"),
    ("the United Kingdom", "pounds", "London"),
    ("South Korea", "won", "Seoul"),
]
KINDS = ["a national AI task force", "new data centres", "a sovereign AI fund", "a national AI strategy"]


def announcement(i: int = 0, *, country: str | None = None, amount: str | None = None, year: int = 2030) -> str:
    """A short realistic announcement; distinct text for every `i`."""
    c, cur, city = COUNTRIES[i % len(COUNTRIES)]
    country = country or c
    amount = amount or f"{(i % 97) + 2} billion {cur}"
    kind = KINDS[i % len(KINDS)]
    return (
        f"{country} will invest {amount} in artificial intelligence by {year}, the government said "
        f"in {city} on Tuesday.\n\n"
        f"The programme funds {kind} and aims to raise the share of AI in the economy to {i % 40 + 1}% "
        f"by the end of the decade. Officials said the first tranche would be paid next year.\n\n"
        f"Announcement reference {i:05d}."
    )


def header(title: str | None = "AI investment announced", published: str | None = "2025-03-04",
           publisher: str | None = "Example Wire", url: str | None = None, language: str | None = "en") -> str:
    lines = [f"{k}: {v}" for k, v in (("Title", title), ("URL", url), ("Publisher", publisher),
                                        ("Published", published), ("Language", language)) if v is not None]
    return "\n".join(lines) + "\n\n" if lines else ""


def write_txt(folder: Path, name: str, text: str | None = None, *, i: int = 0, **meta) -> Path:
    """A .txt announcement with a `Key: value` header."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header(**meta) + (announcement(i) if text is None else text), encoding="utf-8")
    return path


def json_doc(i: int = 0, text: str | None = None, **meta) -> dict:
    doc = {"title": f"AI plan {i}", "publisher": "Example Feed", "published": "2025-03-04", "language": "en",
           "text": announcement(i) if text is None else text}
    doc.update(meta)
    return doc


def write_jsonl(folder: Path, name: str, docs: list[dict | str]) -> Path:
    """A JSONL feed; a str item is written as the line itself (for broken lines)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [d if isinstance(d, str) else json.dumps(d, ensure_ascii=False) for d in docs]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def html_page(text: str, title: str = "AI investment announced", published: str = "2025-03-04") -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title><meta property=\"article:published_time\" content=\"{published}\">"
        "<script>var budget = '$999 billion'; window.track('nav');</script>"
        "<style>p { color: red }</style></head><body>"
        "<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav></header>"
        f"<article><h1>{title}</h1>\n{paras}</article>"
        "<aside><p>Most read: Stocks fall by 3%</p></aside>"
        "<footer><p>Copyright 2025 Example Media. All rights reserved.</p></footer>"
        "<script>document.write('Subscribe for $1 a month');</script></body></html>"
    )


def make_corpus(folder: Path, n: int, *, start: int = 0) -> list[Path]:
    """`n` distinct valid announcements spread over txt, md, html and JSONL files."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    feed: list[dict] = []
    for i in range(start, start + n):
        kind = i % 4
        if kind == 0:
            files.append(write_txt(folder, f"doc-{i:05d}.txt", i=i, title=f"AI plan {i}"))
        elif kind == 1:
            p = folder / f"doc-{i:05d}.md"
            p.write_text(f"---\ntitle: AI plan {i}\npublished: 2025-03-04\npublisher: Example Post\n---\n"
                         + announcement(i), encoding="utf-8")
            files.append(p)
        elif kind == 2:
            p = folder / f"doc-{i:05d}.html"
            p.write_text(html_page(announcement(i), title=f"AI plan {i}"), encoding="utf-8")
            files.append(p)
        else:
            feed.append(json_doc(i))
    if feed:
        files.append(write_jsonl(folder, f"feed-{start:05d}.jsonl", feed))
    return files


# ---- reading a database back -------------------------------------------------------------

def connect_ro(db_path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(db_path), read_only=True)


def primary_keys(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    rows = con.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    return {t: list(cols) for t, cols in rows}


def snapshot(db_path: Path, exclude: tuple[str, ...] = ("build_info", "release_history")) -> dict[str, list[tuple]]:
    """Every table except `exclude`, rows ordered by primary key (by every column when none).
    build_info and release_history say when each build ran, so they differ by design; what
    changed since the last release (release_changes) is compared with the rest."""
    con = connect_ro(db_path)
    try:
        pks = primary_keys(con)
        tables = [t for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall() if t not in exclude]
        out = {}
        for t in tables:
            cols = [c for (c,) in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [t]).fetchall()]
            order = ", ".join(f'"{c}"' for c in (pks.get(t) or cols))
            out[t] = con.execute(f'SELECT * FROM "{t}" ORDER BY {order}').fetchall()
        return out
    finally:
        con.close()


def row_counts(db_path: Path) -> dict[str, int]:
    return {t: len(rows) for t, rows in snapshot(db_path, exclude=()).items()}


def content_hash(db_path: Path) -> str:
    """A hash of every row of every table (build_info included: it names the build)."""
    snap = snapshot(db_path, exclude=())
    return hashlib.sha256(repr(sorted(snap.items())).encode("utf-8")).hexdigest()


def assert_nothing_lost(summary, db_path: Path) -> None:
    """Every input is loaded, a duplicate, or rejected, and the tables say the same."""
    assert summary.inputs == summary.loaded + summary.duplicates + summary.rejected, summary
    n = row_counts(db_path)
    assert n["documents"] == summary.loaded
    assert n["rejects"] == summary.rejected
    assert n["origins"] == summary.loaded + summary.duplicates


# ---- running the CLI -----------------------------------------------------------------------

def aitrack_cmd() -> list[str]:
    """The installed `aitrack` script of this environment, else the module."""
    script = Path(sys.executable).parent / "aitrack"
    if script.exists():
        return [str(script)]
    found = shutil.which("aitrack")
    return [found] if found else [sys.executable, "-m", "etl.cli"]


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("AITRACK_DB", None)
    env["PYTHONPATH"] = str(paths.ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_cli(*args: str | Path, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*aitrack_cmd(), *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env=cli_env(), cwd=paths.ROOT, **kwargs)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small valid corpus: 12 documents in txt, md, html and JSONL."""
    make_corpus(tmp_path / "in", 12)
    return tmp_path / "in"
