"""The dashboard's one door to the database: every page asks here, nothing else queries.

Each function runs one named query from `sql/queries/` through `etl.db.run_query`,
so filter values are always bound parameters, never SQL text. Results are cached
with `st.cache_data`, keyed by the database path *and* its file stamp
(modification time, size, inode): `aitrack build` swaps a new file in with
`os.replace`, the stamp changes, and the next rerun reads the new data without a
restart. The connection is read-only and each query gets its own cursor, so
concurrent sessions do not share a cursor.

Expected states (no database yet, an empty one, a file that is not an aitrack
database) raise `DataUnavailable` with a one-line message the pages show as
st.info / st.warning; they are never tracebacks.

May import: the standard library, duckdb, pandas, streamlit (caching only), etl.db,
etl.paths, etl.export, etl.filters, etl.reference (country names), etl.registry (its threshold). Never imported by etl.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from etl import db, paths, reference
from etl.export import LINK_COLUMNS, RECORD_COLUMNS, REGISTRY_COLUMNS, data_dictionary_markdown, export_bytes
from etl.filters import Filter

# Rows a table sends to the browser; the download always has every filtered row.
TABLE_LIMIT = 2000


class DataUnavailable(Exception):
    """An expected state the page shows as a plain message, not a failure."""

    def __init__(self, message: str, level: str = "info"):
        super().__init__(message)
        self.message = message
        self.level = level  # "info" (nothing built yet) or "warning" (something is wrong with the file)


@dataclass(frozen=True)
class Source:
    """One version of one database file: the cache key of every query."""

    path: str
    stamp: tuple[int, int, int]  # st_mtime_ns, st_size, st_ino

    @property
    def name(self) -> str:
        return Path(self.path).name


def database_path() -> Path:
    """Read at call time (never at import) so tests and `aitrack serve` can point elsewhere."""
    return Path(os.environ.get("AITRACK_DB") or paths.default_db_path())


def _stamp(path: Path) -> tuple[int, int, int]:
    s = path.stat()
    return (s.st_mtime_ns, s.st_size, s.st_ino)


# DuckDB keeps one database instance per path in a process: connecting again to a
# path whose file was swapped would hand back the *old* file while any connection
# to it is open. So we hold exactly one connection per path and close it before
# opening the new version.
_lock = threading.Lock()
_connections: dict[str, tuple[tuple[int, int, int], duckdb.DuckDBPyConnection]] = {}


def _connection(src: Source) -> duckdb.DuckDBPyConnection:
    with _lock:
        held = _connections.get(src.path)
        if held and held[0] == src.stamp:
            return held[1]
        if held:
            try:
                held[1].close()
            except duckdb.Error:
                pass
            del _connections[src.path]
        con = duckdb.connect(src.path, read_only=True)
        _connections[src.path] = (src.stamp, con)
        return con


def _forget(src: Source) -> None:
    with _lock:
        held = _connections.pop(src.path, None)
    if held:
        try:
            held[1].close()
        except duckdb.Error:
            pass


def _with_cursor(src: Source, fn):
    """fn(cursor) on a cursor of its own; one retry if another session just replaced the connection."""
    for attempt in (0, 1):
        cur = _connection(src).cursor()
        try:
            return fn(cur)
        except duckdb.ConnectionException:
            if attempt:
                raise
            _forget(src)
        finally:
            try:
                cur.close()
            except duckdb.Error:
                pass
    raise AssertionError("unreachable")


def _query(src: Source, name: str, params: dict | None = None) -> pd.DataFrame:
    return _with_cursor(src, lambda cur: db.run_query(cur, name, params or {}))


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(path: str, stamp: tuple[int, int, int], name: str, params: dict) -> pd.DataFrame:
    return _query(Source(path, stamp), name, params)


def run(src: Source, name: str, params: dict | None = None) -> pd.DataFrame:
    """A named query's rows for this version of the database (cached)."""
    try:
        return _named(_cached(src.path, src.stamp, name, dict(params or {})))
    except duckdb.Error as e:
        first = str(e).splitlines()[0]
        raise DataUnavailable(f"The database at {src.path} could not answer ({name}): {first}", "warning") from e


def _named(df: pd.DataFrame) -> pd.DataFrame:
    """Rows with a country_code get a `country` column, the label a page shows ("Portugal (PT)")."""
    if "country_code" not in df.columns or "country" in df.columns:
        return df
    return df.assign(country=df["country_code"].map(country_label))


# ---------------------------------------------------------------- the database itself

@st.cache_data(max_entries=16, show_spinner=False)
def _describe(path: str, stamp: tuple[int, int, int]) -> dict:
    src = Source(path, stamp)

    def look(cur) -> dict:
        tables = {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if not {"documents", "v_records", "build_info"} <= tables:
            return {"state": "foreign"}
        documents = cur.execute("SELECT count(*) FROM documents").fetchone()[0]
        rejects = cur.execute("SELECT count(*) FROM rejects").fetchone()[0] if "rejects" in tables else 0
        info = dict(cur.execute("SELECT key, value FROM build_info").fetchall())
        return {"state": "ok" if documents else "empty", "documents": documents, "rejects": rejects,
                "built_at": info.get("built_at"), "extractor_version": info.get("extractor_version"),
                "releases": "release_changes" in tables}

    return _with_cursor(src, look)  # an error is raised, not cached: the next rerun tries again


def open_source() -> Source:
    """The current database, or DataUnavailable saying plainly why there is nothing to show."""
    path = database_path()
    if not path.exists():
        raise DataUnavailable(
            f"No database at {path} yet. Build one with `aitrack build` (or `make demo`), then reload this page."
        )
    if path.is_dir():
        raise DataUnavailable(f"{path} is a folder, not a database file. Point AITRACK_DB at a .duckdb file.", "warning")
    src = Source(str(path.resolve()), _stamp(path))
    try:
        d = _describe(src.path, src.stamp)
    except duckdb.Error as e:
        _forget(src)
        first = str(e).splitlines()[0]
        raise DataUnavailable(f"The file at {path} could not be opened as a database: {first}", "warning") from e
    if d["state"] == "foreign":
        raise DataUnavailable(
            f"The file at {path} is not an aitrack database (no documents or v_records). Rebuild it with `aitrack build`.",
            "warning",
        )
    if d["state"] == "empty":
        extra = f" {d['rejects']} input(s) were rejected; see `aitrack build` output." if d["rejects"] else ""
        raise DataUnavailable(
            f"The database at {path} has no announcements yet. Add files under data/announcements "
            f"and run `aitrack build`.{extra}"
        )
    return src


def describe(src: Source) -> dict:
    """What open_source found (documents, build time); empty if the file just became unreadable."""
    try:
        return _describe(src.path, src.stamp)
    except duckdb.Error:
        return {}


# ---------------------------------------------------------------- named queries

def filter_options(src: Source) -> dict:
    row = run(src, "filter_options").iloc[0]

    def values(col: str) -> list[str]:
        v = row[col]
        return [x for x in (list(v) if v is not None else []) if x is not None]

    return {
        "countries": values("countries"),
        "currencies": values("currencies"),
        "kinds": values("kinds"),
        "statuses": values("statuses"),
        "fundings": values("fundings"),
        "first_on": _as_date(row["first_on"]),
        "last_on": _as_date(row["last_on"]),
        "records": int(row["records"]),
    }


def country_names() -> dict[str, str]:
    """ISO code -> the country's English short name, from the gazetteer the extractor reads
    (etl/extract/lexicon/countries.csv and gazetteer.csv)."""
    return reference.country_names()


def country_label(code: str | None) -> str | None:
    """How a page shows a country: its name, the code beside ("Portugal (PT)"); a bloc's label
    ("EU bloc") and a code no list knows as they are."""
    if not code:
        return None
    name = reference.country_names().get(code)
    return f"{name} ({code})" if name and name != code else code


def _as_date(v) -> dt.date | None:
    if v is None or v is pd.NaT or (isinstance(v, float) and pd.isna(v)):
        return None
    try:
        return pd.Timestamp(v).date()
    except (ValueError, TypeError):
        return None


def record_table(src: Source, filters: Filter, limit: int | None = TABLE_LIMIT) -> pd.DataFrame:
    """The filtered records without long text columns; `filtered_rows` says how many matched."""
    return run(src, "record_table", {**filters.params(), "limit": limit})


def usd_coverage(src: Source, filters: Filter) -> pd.DataFrame:
    return run(src, "usd_coverage", filters.params())


# ---------------------------------------------------------------- the registry (commitment grain)

def entry_table(src: Source, filters: Filter, latest_only: bool = True, limit: int | None = TABLE_LIMIT) -> pd.DataFrame:
    """Registry entries the filter keeps (one per commitment, however many sources retell it);
    `filtered_rows` says how many matched before the limit."""
    return run(src, "registry_entries", {**filters.params(), "latest_only": latest_only, "limit": limit})


def entry_coverage(src: Source, filters: Filter) -> pd.DataFrame:
    """Latest entries per reason they have (or lack) a USD value: no value is not zero."""
    return run(src, "entry_coverage", filters.params())


def rate_gaps(src: Source, filters: Filter) -> pd.DataFrame:
    """Per currency, the latest entries without a reference rate for their day, and the days they span."""
    return run(src, "rate_gaps", filters.params())


def entry_sources(src: Source, entry_ids: tuple[str, ...]) -> pd.DataFrame:
    """Every link of these entries with its publisher, date, quote, an excerpt around it, weight and reasons."""
    return run(src, "entry_sources", {"entry_ids": list(entry_ids)})


# The status ladder's evidence (entry_id, rung, document_id, quote, start, end, on) is another step's
# table; a database built before it, or with other columns, simply has no ladder to show.
_STATUS_COLUMNS = {"entry_id", "rung", "rank", "document_id", "quote", "published_on"}


@st.cache_data(max_entries=16, show_spinner=False)
def _has_status(path: str, stamp: tuple[int, int, int]) -> bool:
    cols = _with_cursor(Source(path, stamp), lambda cur: {r[0] for r in cur.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'registry_status'").fetchall()})
    return _STATUS_COLUMNS <= cols


def entry_status(src: Source, entry_ids: tuple[str, ...]) -> pd.DataFrame | None:
    """The status ladder's evidence of these entries, or None when the database has no registry_status table."""
    if not _has_status(src.path, src.stamp):
        return None
    return run(src, "entry_status", {"entry_ids": list(entry_ids)})


def entry_checks(src: Source, entry_ids: tuple[str, ...]) -> pd.DataFrame:
    """The across_sources checks of these entries: a source that disagrees with the entry's figure."""
    return run(src, "entry_checks", {"entry_ids": list(entry_ids)})


def record_source(src: Source, record_id: str) -> dict | None:
    """One record with its document's whole text: loaded only for the record a person chose."""
    df = run(src, "record_source", {"record_id": record_id})
    if df.empty:
        return None
    row = df.iloc[0].to_dict()
    return {k: (None if _is_missing(v) else v) for k, v in row.items()}


def _is_missing(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False  # lists and arrays are values


def document_facts(src: Source, document_id: str) -> pd.DataFrame:
    return run(src, "document_facts", {"document_id": document_id})


def document_origins(src: Source, document_id: str) -> pd.DataFrame:
    return run(src, "document_origins", {"document_id": document_id})


def overview(src: Source, as_of: dt.date | None = None) -> dict:
    df = run(src, "overview", {"as_of": _on(as_of)})
    return {k: (None if _is_missing(v) else v) for k, v in df.iloc[0].to_dict().items()}


def country_totals(src: Source, filters: Filter) -> pd.DataFrame:
    """Headline commitments per country, with the five largest (as structs) for a chart's hover."""
    return run(src, "country_totals", filters.params())


def bloc_totals(src: Source, label: str, filters: Filter) -> pd.DataFrame:
    """The headline commitments of every country `filters` names, added up as one row called `label`
    (no row when there are none); the columns of country_totals without `largest`. The label is put
    on here, not bound into the query, so no filter value ever comes back as a query's output."""
    totals = run(src, "bloc_totals", filters.params())  # a copy: st.cache_data never hands out its own
    totals.insert(0, "country_code", pd.Series([label] * len(totals), index=totals.index, dtype="str"))
    return totals


def announcement_months(src: Source, filters: Filter) -> pd.DataFrame:
    """Headline commitments per country and month (month empty: undated), with the largest of each."""
    return run(src, "announcement_months", filters.params())


def country_currency_totals(src: Source, countries: tuple[str, ...] = ()) -> pd.DataFrame:
    return run(src, "country_currency_totals", {"countries": list(countries)})


def _on(as_of: dt.date | None) -> str | None:
    return as_of.isoformat() if as_of else None


def target_timeline(src: Source, countries: tuple[str, ...] = (), as_of: dt.date | None = None) -> pd.DataFrame:
    """Targets and deadlines counted per country, year, kind and timing as seen on `as_of` (None: today)."""
    return run(src, "target_timeline", {"countries": list(countries), "as_of": _on(as_of)})


def target_list(src: Source, countries: tuple[str, ...] = (), as_of: dt.date | None = None,
                timing: str | None = None, limit: int | None = TABLE_LIMIT) -> pd.DataFrame:
    """The targets and deadlines themselves, in timeline order; `filtered_rows` says how many matched."""
    return run(src, "target_list", {"countries": list(countries), "as_of": _on(as_of), "timing": timing,
                                    "limit": limit})


def check_summary(src: Source) -> pd.DataFrame:
    return run(src, "check_summary")


def check_list(src: Source, statuses: tuple[str, ...] = (), limit: int | None = TABLE_LIMIT) -> pd.DataFrame:
    return run(src, "check_list", {"statuses": list(statuses), "limit": limit})


def publishers(src: Source) -> pd.DataFrame:
    return run(src, "publishers")


def document_list(src: Source, publisher: str | None = None, limit: int | None = TABLE_LIMIT) -> pd.DataFrame:
    return run(src, "document_list", {"publisher": publisher, "limit": limit})


def rejects(src: Source) -> pd.DataFrame:
    return run(src, "rejects")


def release_info(src: Source) -> dict | None:
    """This database's release (id, code version, built_at, previous release, note); None for a
    database built before releases were recorded."""
    if not describe(src).get("releases"):
        return None
    row = run(src, "release_info")
    info = {k: (None if _is_missing(v) else v) for k, v in row.iloc[0].to_dict().items()} if len(row) else {}
    return info if info.get("release_id") else None


def release_changes(src: Source, limit: int | None = TABLE_LIMIT) -> pd.DataFrame:
    """What changed since the previous release; `filtered_rows` says how many in all."""
    return run(src, "release_changes", {"limit": limit})


def release_history(src: Source) -> pd.DataFrame:
    return run(src, "release_history")


def review_queue(src: Source, items: tuple[str, ...] = (), limit: int | None = None,
                 waiting: tuple[tuple[str, ...], tuple[str, ...]] | None = None) -> pd.DataFrame:
    """What needs a human look (sql/queries/review_queue.sql), each with the record it concerns:
    the first `limit` items of the kinds `items` (empty: all), in order of priority; with `waiting`
    (decided target ids, corrected record ids: etl.reviews.decided), only those still waiting."""
    from etl.registry import MATCH_WEIGHT_THRESHOLD

    decided, corrected = waiting or ((), ())
    return run(src, "review_queue", {"threshold": MATCH_WEIGHT_THRESHOLD, "items": list(items), "limit": limit,
                                     "waiting_only": waiting is not None, "decided": sorted(decided),
                                     "corrected": sorted(corrected)})


def review_counts(src: Source, decided: tuple[str, ...] = (), corrected: tuple[str, ...] = ()) -> pd.DataFrame:
    """How many review items of each kind there are, and how many of them are decided
    (sql/queries/review_counts.sql; `decided` and `corrected` from etl.reviews.decided)."""
    from etl.registry import MATCH_WEIGHT_THRESHOLD

    return run(src, "review_counts", {"threshold": MATCH_WEIGHT_THRESHOLD, "decided": sorted(decided),
                                      "corrected": sorted(corrected)})


def record_corrections(src: Source, record_id: str) -> pd.DataFrame:
    """The review decisions applied to one record: who changed which field from what, when and why."""
    return run(src, "record_corrections", {"record_id": record_id})


def review_decisions(src: Source) -> pd.DataFrame:
    """The review decisions this database's build applied or found orphaned."""
    return run(src, "review_decisions")


# ---------------------------------------------------------------- exports

@st.cache_data(max_entries=32, show_spinner=False)
def _export(path: str, stamp: tuple[int, int, int], fmt: str, filters: Filter, table: str) -> bytes:
    return _with_cursor(Source(path, stamp), lambda cur: export_bytes(cur, fmt, filters, table))


def export(src: Source, fmt: str, filters: Filter, table: str = "records") -> bytes:
    """Exactly what `aitrack export --format fmt --table table` gives for the same filters (same function, same query)."""
    return _export(src.path, src.stamp, fmt, filters, table)


_DICTIONARIES = {"records": RECORD_COLUMNS, "registry": REGISTRY_COLUMNS, "registry_links": LINK_COLUMNS}


def data_dictionary(table: str = "records") -> pd.DataFrame:
    """The columns of records.csv, registry.csv or registry_links.csv, in file order, with their meaning."""
    columns = _DICTIONARIES[table]
    return pd.DataFrame({"column": list(columns), "meaning": list(columns.values())})


def data_dictionary_text() -> str:
    return data_dictionary_markdown()
