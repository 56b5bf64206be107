"""Build the DuckDB file: ingest → extract → validate → convert → check → load.

The database is a build artefact. It is built into a temporary file beside the
target and swapped in with `os.replace` only when every step and every
invariant under `sql/checks` passed, so a failed or killed build leaves the
previous database as it was. One bad document becomes a `rejects` row and the
build goes on (with `strict=True` it fails instead). Every input document ends
up loaded or rejected; the summary counts both. Once the records are in, the
commitment registry is linked on the same connection (etl/registry.py), so its
invariants are checked with the rest. The analysts' review decisions
(data/reviews/corrections.csv or `reviews`) are read before anything else, so a broken
row stops the build with its file:line, and applied around the linking (etl/reviews.py).
Extraction runs in this process, in worker processes (`jobs`), or as Dask tasks whose
Parquet shards are read back in input order (`engine="dask"`, etl/dask_engine.py); every
path hands the same outcomes, in the same order, to the same load step.

May import: the standard library, duckdb, pyarrow, pydantic, etl.*.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
from pydantic import ValidationError

from etl import __version__, cache as extraction_cache, db, paths, releases, reviews
from etl.checks import check_across, check_document
from etl.errors import BuildError
from etl.extract import DocumentExtraction, extract_text
from etl.fx import RateBook, stated_rates
from etl.reference import publisher_dollar
from etl.registry import PairStore, RegistrySummary, link_registry
from etl.ingest import SUFFIXES, RawDocument, RawReject, discover, origin_of, read_file
from etl.models import (
    EXTRACTOR_VERSION,
    TABLE_MODELS,
    Actor,
    Amount,
    Check,
    Commitment,
    Conversion,
    DateMention,
    Deadline,
    Document,
    Origin,
    Percentage,
    Rate,
    Record,
    Reject,
    Target,
    document_id_for,
    make_id,
)


@dataclass
class BuildSummary:
    db_path: Path
    files: int = 0
    inputs: int = 0  # documents offered: one per file, one per JSON object or JSONL line
    loaded: int = 0  # distinct documents in the database
    duplicates: int = 0  # inputs that were the same text as one already loaded
    rejected: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    checks: dict[str, int] = field(default_factory=dict)  # status -> count
    seconds: float = 0.0
    registry: RegistrySummary | None = None
    jobs: int = 1  # extraction processes used
    release: dict[str, str] = field(default_factory=dict)  # build_info's release keys (etl/releases.py)
    cache_dir: Path | None = None  # the extraction cache used (etl/cache.py), None without one
    cached: int = 0  # input documents whose extraction came from the cache
    extracted: int = 0  # input documents extracted by this build
    cache_unreadable: int = 0  # cache entries or shards that could not be read (those documents were extracted)
    cache_write_error: str | None = None  # why this build's new outcomes could not be written to the cache
    stages: dict[str, float] = field(default_factory=dict)  # wall seconds: cache_read, extract, link, write

    def release_line(self) -> str:
        """'release 1921…: replaced release 0c4a… (built …): 2 records changed (3 fields)'."""
        return f"release {self.release.get('release_id')}: {self.release.get('release_note')}"
    reviews: reviews.ReviewSummary | None = None

    def line(self) -> str:
        checks = ", ".join(f"{v} {k}" for k, v in sorted(self.checks.items())) or "none"
        r = self.reviews
        reviewed = (f"; reviews: {r.applied} applied, {r.orphaned} orphaned"
                    + (f", {r.superseded} superseded" if r.superseded else "")) if r and r.decisions else ""
        return (
            f"built {self.db_path}: {self.inputs} inputs from {self.files} files -> {self.loaded} documents loaded, "
            f"{self.duplicates} duplicates merged, {self.rejected} rejected; "
            f"{self.rows.get('amounts', 0)} amounts, {self.rows.get('commitments', 0)} commitments, "
            f"{self.rows.get('targets', 0)} targets; checks: {checks}{reviewed}; {self.cache_line()} "
            f"({self.seconds:.1f}s)"
        )

    def cache_line(self) -> str:
        """'12000 from the cache, 1000 extracted' (and what could not be read, when something could not)."""
        if self.cache_dir is None:
            return f"{self.extracted} extracted, no cache"
        bad = f" ({self.cache_unreadable} unreadable cache entries re-extracted)" if self.cache_unreadable else ""
        unkept = f" (not kept in the cache: {self.cache_write_error})" if self.cache_write_error else ""
        return f"{self.cached} from the cache, {self.extracted} extracted{bad}{unkept}"


class Progress:
    """A progress bar on a terminal (stderr: done/total, rate and time left, by tqdm); silent
    when stderr is not a terminal, so logs and pipes get only the summary line."""

    def __init__(self, total: int, label: str, enabled: bool | None = None):
        self.total, self.label = total, label
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.done = 0
        self.bar = None
        if self.enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=label, unit=" files", file=sys.stderr, mininterval=0.2,
                            dynamic_ncols=True, leave=True)

    def update(self, done: int) -> None:
        if self.bar is not None and done > self.done:
            self.bar.update(done - self.done)
        self.done = max(self.done, done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _evidence(doc_id: str, text: str, start: int, end: int) -> dict:
    return {"document_id": doc_id, "quote": text[start:end], "start": start, "end": end}


def _funding_evidence(ref) -> dict:
    return {} if ref is None else {"funding_quote": ref.text, "funding_start": ref.start, "funding_end": ref.end}


def records_for(doc: Document, ex: DocumentExtraction, book: RateBook) -> dict[str, list[Record]]:
    """Validated records for one document's extraction (raises ValidationError on a bad one)."""
    text, did, f = doc.text, doc.document_id, ex.facts
    out: dict[str, list[Record]] = {m.table: [] for m in TABLE_MODELS}
    amount_ids: list[str] = []
    headline_done = False
    stated = stated_rates(f.rates)  # stand in where no reference rate exists (RUB after the ECB stopped it)
    for i, a in enumerate(f.amounts):
        aid = make_id(did, "amount", a.start, a.end)
        amount_ids.append(aid)
        is_headline = not headline_done and not a.bracketed and a.value is not None and i not in ex.forecasts
        headline_done = headline_done or is_headline
        fx = book.convert_figure(a.value, a.currency, doc.published_on, stated)
        out["amounts"].append(Amount.from_span(
            a, amount_id=aid, document_id=did, is_headline=is_headline, country_code=doc.country_code,
            published_on=doc.published_on, funding=ex.funding_of(i), **_funding_evidence(ex.funding_evidence_of(i)), **fx,
        ))
    for r in f.rates:
        out["rates"].append(Rate.from_span(r, rate_id=make_id(did, "rate", r.start, r.end), document_id=did))
    for c in f.conversions:
        src, tgt = f.amounts[c.source], f.amounts[c.target]
        s, e = (c.start, c.end) if c.end > c.start else (min(src.start, tgt.start), max(src.end, tgt.end))
        out["conversions"].append(Conversion.from_span(
            c, conversion_id=make_id(did, "conversion", s, e), **_evidence(did, text, s, e),
            from_amount_id=amount_ids[c.source], to_amount_id=amount_ids[c.target],
            from_value=src.value or 0.0, from_currency=src.currency, to_value=tgt.value or 0.0,
            to_currency=tgt.currency,
        ))
    for d in f.dates:
        out["dates"].append(DateMention.from_span(d, date_id=make_id(did, "date", d.start, d.end), document_id=did))
    for p in f.percentages:
        out["percentages"].append(Percentage.from_span(p, percentage_id=make_id(did, "pct", p.start, p.end),
                                                       document_id=did))
    target_ids: list[str] = []
    for t in ex.targets:
        ev, q = t.evidence, t.quantity
        # a money target keeps the id it always had; one beyond money is told apart by its phrase
        tid = (make_id(did, "target", ev.start, ev.end, t.amount_index) if t.amount_index is not None or q is None
               else make_id(did, "target", ev.start, ev.end, t.metric, q.start, q.end))
        target_ids.append(tid)
        out["targets"].append(Target.from_span(
            t, target_id=tid, **_evidence(did, text, ev.start, ev.end),
            amount_id=amount_ids[t.amount_index] if t.amount_index is not None else None,
            country_code=doc.country_code,
            **({} if q is None else {"value_quote": q.text, "value_start": q.start, "value_end": q.end}),
        ))
    for a in ex.actors:
        out["actors"].append(Actor.from_span(a, actor_id=make_id(did, "actor", a.start, a.end), document_id=did))
    commitment_ids: list[str] = []
    for c in ex.commitments:
        ev = c.evidence
        start = text.find(c.description, ev.start, ev.end)
        if start < 0:
            start, end = ev.start, ev.end
        else:
            end = start + len(c.description)
        amount_id = next((amount_ids[i] for i, a in enumerate(f.amounts)
                          if not a.bracketed and ev.start <= a.start < ev.end), None)
        commitment_ids.append(make_id(did, "commitment", c.kind, start, end))
        out["commitments"].append(Commitment.from_span(
            c, commitment_id=commitment_ids[-1], **_evidence(did, text, start, end),
            sentence=ev.text, country_code=doc.country_code, amount_id=amount_id,
        ))
    for d in f.deadlines:
        out["deadlines"].append(Deadline.from_span(d, deadline_id=make_id(did, "deadline", d.start, d.end),
                                                   document_id=did, country_code=doc.country_code,
                                                   **_bound(d, ex, amount_ids, target_ids, commitment_ids)))
    for i, c in enumerate(ex.checks):
        out["checks"].append(_check_record(did, i, c))
    return out


def _bound(d, ex: DocumentExtraction, amount_ids: list[str], target_ids: list[str], commitment_ids: list[str]) -> dict:
    """The ids of what deadline `d` binds (etl.extract.targets.bind_deadlines)."""
    j = d.bound_index
    if d.binds == "target":
        t = ex.targets[j]
        return {"target_id": target_ids[j],
                "amount_id": amount_ids[t.amount_index] if t.amount_index is not None else None}
    if d.binds == "amount":
        return {"amount_id": amount_ids[j]}
    if d.binds == "commitment":
        return {"commitment_id": commitment_ids[j]}
    return {}


def _check_record(document_id: str | None, i: int, c) -> Check:
    return Check.from_span(c, check_id=make_id(document_id, "check", c.check, i, c.start, c.detail),
                           document_id=document_id, rate_on=str(c.rate_on) if c.rate_on else None)


def process_document(raw: RawDocument, book: RateBook) -> tuple[Document, DocumentExtraction, dict[str, list[Record]]]:
    """Extract, check and validate one document."""
    ex = extract_text(raw.text, published_on=raw.published_on, language=raw.language, title=raw.title,
                      default_dollar=publisher_dollar(raw.publisher, raw.url))
    inferred = any(a.currency_inferred for a in ex.facts.amounts)
    ex.checks = check_document(ex.facts, ex.published_on, book, dollar_inferred=inferred)
    if "published_unparsed" in raw.meta:
        from etl.extract.spans import CheckResult

        ex.checks.append(CheckResult("metadata", "info",
                                     f"published date {raw.meta['published_unparsed']!r} in the metadata is not a "
                                     "date; taken from the text instead" if ex.published_on else
                                     f"published date {raw.meta['published_unparsed']!r} in the metadata is not a date"))
    doc = Document(
        document_id=document_id_for(raw.text), title=raw.title, url=raw.url, publisher=raw.publisher,
        published_on=ex.published_on, published_from=ex.published_from, undated=ex.published_on is None,
        language=ex.language, country_code=ex.country_code, fact_ref=raw.fact_ref, text=raw.text,
        n_chars=len(raw.text),
    )
    return doc, ex, records_for(doc, ex, book)


def extract_item(raw: RawDocument, book: RateBook) -> tuple:
    """One input document's outcome as plain data (it may cross a process boundary):
    ("ok", document row, rows by table, targets), or ("invalid" | "clash", reason), or
    ("failed", "Type: message") when an extractor raised."""
    try:
        doc, ex, recs = process_document(raw, book)
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err.get("loc", ()))
        return ("invalid", f"invalid record{(' ' + where) if where else ''}: {err.get('msg')}")
    except Exception as e:  # noqa: BLE001 - an extractor bug rejects this document only
        return ("failed", f"{type(e).__name__}: {e}")
    rows, clash = _unique_rows(recs)
    if clash:
        return ("clash", clash)
    # only money targets are compared across documents: "People trained in AI, 2030" in two
    # countries' strategies is two targets, not one with two values
    return ("ok", doc.model_dump(), rows, [t for t in ex.targets if t.amount_index is not None])


# Builds of this many files or more extract in one process per core by default: below it,
# starting the workers (each imports the extractors, ~1 s) costs more than it saves.
PARALLEL_FROM = 400
_BATCH = 32  # documents per task sent to a worker
_worker_book: RateBook | None = None


def _jobs_for(jobs: int | None, n_files: int) -> int:
    if jobs is not None:
        return max(1, jobs)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores if n_files >= PARALLEL_FROM else 1


def _worker_init(reference_dir: str | None, rates_csv: str | None) -> None:
    global _worker_book
    _worker_book = RateBook.load(Path(reference_dir) if reference_dir else paths.REFERENCE_DIR,
                                 Path(rates_csv) if rates_csv else None)
    _warm_up(_worker_book)


def _warm_up(book: RateBook) -> None:
    """Extract the bundled announcements once and drop the results, so that the patterns each
    mix of languages compiles on first use (0.4-0.5 s for the first English document, as much for
    the first Russian one) are compiled while the pool starts, not when the first documents arrive:
    in an incremental build the workers are started as reading begins and the new documents come
    after the cached ones, so this moves about 1.2 s per worker off the build's path. What it
    extracts is never used; the extractors' caches hold pure functions of their input, so the
    output is the same with or without it (the golden and cache tests build both ways)."""
    folder = paths.ANNOUNCEMENTS_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir())[:40]:
        try:
            for item in read_file(path):
                if isinstance(item, RawDocument):
                    extract_item(item, book)
        except Exception:  # noqa: BLE001 - a warm-up never fails a build
            continue


def _worker_batch(items: list[RawDocument]) -> list[tuple]:
    return [extract_item(item, _worker_book) for item in items]


def _extracted(inputs, jobs: int, reference_dir, rates_csv, book: RateBook):
    """(file number, item, outcome) for every input, in input order, extracted here (jobs=1) or
    by `jobs` worker processes, at most 2 x jobs batches ahead of what has been taken, so memory
    stays bounded however many documents there are. A RawReject, an empty file's None and a
    cache Hit pass through with outcome None, without a trip to a worker."""
    if jobs <= 1:
        for i, item in inputs:
            yield i, item, (extract_item(item, book) if isinstance(item, RawDocument) else None)
        return
    from collections import deque

    pending: deque = deque()  # (batch, future or None when the batch holds nothing to extract)
    batch: list[tuple[int, object]] = []
    pool = _WarmPool(jobs, reference_dir, rates_csv)

    def submit(batch):
        docs_ = [item for _, item in batch if isinstance(item, RawDocument)]
        pending.append((batch, pool.get().submit(_worker_batch, docs_) if docs_ else None))

    def drain_one():
        b, fut = pending.popleft()
        outcomes = iter(fut.result() if fut is not None else ())
        for i, item in b:
            yield i, item, (next(outcomes) if isinstance(item, RawDocument) else None)

    try:
        for pair in inputs:
            batch.append(pair)
            if len(batch) >= _BATCH:
                submit(batch)
                batch = []
                while len(pending) > 2 * jobs:
                    yield from drain_one()
        if batch:
            submit(batch)
        while pending:
            yield from drain_one()
    finally:
        for _, fut in pending:
            if fut is not None:
                fut.cancel()
        pool.close()


class _WarmPool:
    """The worker processes, started in a thread as the build begins so that reading the files and
    looking them up in the cache go on meanwhile: starting them (a forkserver that imports the
    extractors, then a fork per worker) kept the build waiting 1.3 s at its first batch. A build
    whose every document is a cache hit never waits for them at all."""

    def __init__(self, jobs: int, reference_dir, rates_csv):
        import threading

        self._pool = None
        self._error: BaseException | None = None
        self._lock = threading.Lock()
        self._used = self._started = self._abandoned = False
        self._args = (jobs, None if reference_dir is None else str(reference_dir),
                      None if rates_csv is None else str(rates_csv))
        self._thread = threading.Thread(target=self._start, name="aitrack-workers", daemon=True)
        self._thread.start()

    def _start(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        jobs, ref, rates = self._args
        try:
            # forkserver: workers start from a clean process that has imported the extractors once,
            # never from a copy of this one (which may hold DuckDB connections and their threads).
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["etl.build"])
            self._pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_worker_init, initargs=(ref, rates))
            for f in [self._pool.submit(int) for _ in range(jobs)]:  # every worker spawned and initialised
                f.result()
        except BaseException as e:  # raised where the pool is first wanted, in the build's thread
            self._error = e
        with self._lock:
            self._started = True
            abandoned = self._abandoned
        if abandoned and self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def get(self):
        self._used = True
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._pool

    def close(self) -> None:
        with self._lock:
            if not self._used and not self._started:  # never wanted: the thread stops the pool once it is up
                self._abandoned = True
                return
        self._thread.join()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def _unique_rows(recs: dict[str, list[Record]]) -> tuple[dict[str, list[dict]], str | None]:
    """One document's rows with exact repeats dropped, or why its ids clash.

    An extractor that reports the same fact twice would otherwise break the table's
    primary key at insert time and fail the whole build instead of this document.
    """
    out: dict[str, list[dict]] = {}
    for table, recs_ in recs.items():
        rows = [r.model_dump() for r in recs_]
        if not rows:
            out[table] = rows
            continue
        key = next(k for k in rows[0] if k.endswith("_id") and k != "document_id")
        seen: dict[str, dict] = {}
        kept = []
        for row in rows:
            prior = seen.get(row[key])
            if prior is None:
                seen[row[key]] = row
                kept.append(row)
            elif prior != row:
                return {}, (f"two different {table} rows share the id {row[key]} "
                            f"(at {row.get('start')}-{row.get('end')}: {str(row.get('quote', ''))[:60]!r})")
        out[table] = kept
    return out, None


def _metadata_conflict(kept: RawDocument, other: RawDocument):
    """An info check when a duplicate's metadata differs from the kept one's, so it is said, not lost."""
    from etl.extract.spans import CheckResult

    diffs = []
    for name, attr in (("title", "title"), ("published", "published_on"), ("publisher", "publisher"), ("url", "url")):
        a, b = getattr(kept, attr), getattr(other, attr)
        if b is not None and a != b:
            diffs.append(f"{name} {str(b)!r} (kept {str(a) if a is not None else 'none'!r})")
    if not diffs:
        return None
    return CheckResult("duplicate_metadata", "info",
                       f"{other.origin} has the same text as {kept.origin} with different metadata: "
                       + "; ".join(diffs), subject=other.origin)


def _cleanup_stale_temps(target: Path) -> None:
    """Remove temporary files left by killed builds (their process is gone)."""
    prefix = f".{target.name}."
    for p in target.parent.glob(f"{glob.escape(prefix)}*.tmp*"):
        # ".<name>.<pid>.tmp" and its ".wal": the pid is the first part after the prefix
        # (reading it from the end skipped every .wal, so they piled up after kills)
        pid_part, _, rest = p.name[len(prefix):].partition(".")
        if not pid_part.isdigit() or not rest.startswith("tmp"):
            continue
        pid = int(pid_part)
        if pid == os.getpid():  # a reused pid: what is there is not ours yet, so it is stale
            _remove(p)
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            _remove(p)
        except PermissionError:
            pass


def _remove(p: Path) -> None:
    """A stale temporary file, or DuckDB's spill folder (`.tmp.spill`)."""
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p, ignore_errors=True)
    else:
        p.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    """Make the swap itself durable (the file's own data DuckDB's checkpoint has synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict], types: dict | None = None) -> None:
    if not rows:
        return
    arrow = _arrow_rows(con, table, rows, types)  # noqa: F841 - scanned by name below
    con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM arrow')


def _table_types(con: duckdb.DuckDBPyConnection, table: str) -> dict:
    return {f.name: f.type for f in con.sql(f'SELECT * FROM "{table}" LIMIT 0').to_arrow_table().schema}


def _arrow_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict], types: dict | None = None) -> pa.Table:
    """The rows as Arrow columns of the table's own types, instead of from_pylist inferring each
    column's type from its values first: 1.72 -> 1.54 s for the rows of 13,000 documents (the
    conversion of row dicts is most of a cached build's insert time). A value the type does not
    take falls back to from_pylist's inference, whose column DuckDB then casts on insert as before."""
    types = types if types is not None else _table_types(con, table)
    names = list(rows[0])
    if any(n not in types for n in names):
        return pa.Table.from_pylist(rows)
    try:
        return pa.Table.from_arrays([pa.array([r.get(n) for r in rows], type=types[n]) for n in names], names=names)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
        return pa.Table.from_pylist(rows)


def build(
    sources: Sequence[Path] | None = None,
    db_path: Path | None = None,
    *,
    strict: bool = False,
    rates_csv: Path | None = None,
    reference_dir: Path | None = None,
    progress: bool | None = None,
    on_document: Callable[[int], None] | None = None,
    allow_empty: bool = True,
    jobs: int | None = None,
    reviews_path: Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    shard_dir: Path | None = None,
    cache: Path | bool = False,
    memory_limit: str | None = None,
) -> BuildSummary:
    """Build the database from `sources` (default: the bundled corpus) and swap it in.

    With `allow_empty=False` (what `aitrack build` asks) sources that yield no document are a
    BuildError and nothing is written; a library caller may want an empty but complete database.
    `jobs`: extraction processes (None: one per core for builds of PARALLEL_FROM files or more,
    else this process alone); the output is the same for any number.
    `reviews_path` (default $AITRACK_REVIEWS, else data/reviews/corrections.csv, which may be
    absent) is the review file applied; one that was named must exist.
    `engine="dask"` extracts on a Dask cluster instead (etl/dask_engine.py): the scheduler at
    `scheduler`, else a LocalCluster of `workers` processes; its Parquet shards go under
    `shard_dir` (default: beside the database). The database is the same as a local build's.
    `cache`: a folder of extraction outcomes (etl/cache.py) to take unchanged documents from and
    add new ones to; True for the default folder (`<db>.cache`, or $AITRACK_CACHE); False (the
    default for a library caller) extracts everything. The database is the same either way.
    `memory_limit` (default $AITRACK_MEMORY_LIMIT, else DuckDB's own, 80% of RAM): what DuckDB may
    hold while it loads and links, e.g. "2GB"; past it, it spills to `<db>.spill/` (removed after).
    Rows go to DuckDB as they come, so with it the build's memory is bounded: linking 100,000
    announcements peaks at 4.8 GB RSS unbounded, 2.2 GB at "2GB" (45 s instead of 34).
    """
    t0 = time.monotonic()
    db_path = Path(db_path or paths.default_db_path())
    sources = [Path(s) for s in (sources or [paths.ANNOUNCEMENTS_DIR])]
    summary = BuildSummary(db_path)
    review_file = paths.reviews_path(reviews_path)
    try:
        decisions = reviews.load(review_file, missing_ok=review_file == paths.REVIEWS_PATH)
    except reviews.ReviewError as e:
        raise BuildError(f"{e.message}; nothing was built, the database is untouched") from e
    try:
        book = RateBook.load(reference_dir or paths.REFERENCE_DIR, rates_csv)
    except (OSError, ValueError) as e:
        raise BuildError(f"cannot load reference rates: {e}") from e

    store = None
    if cache:
        t_fp = time.perf_counter()
        summary.cache_dir = extraction_cache.default_dir(db_path) if cache is True else Path(cache)
        store = extraction_cache.Store(summary.cache_dir, extraction_cache.fingerprint(reference_dir, rates_csv))
        store.read_seconds += time.perf_counter() - t_fp  # the fingerprint is part of reading the cache

    files, rejects = discover(sources)
    summary.files = len(files)
    # Rows go to the new database file as they come (a few batches held at a time), not into
    # lists of every row of the build: its memory no longer grows with the corpus by ~29 KB a
    # document (380 MB for 13,000), and the file is swapped in only when all is done.
    sink = _Sink(db_path, memory_limit if memory_limit is not None else os.environ.get("AITRACK_MEMORY_LIMIT"))
    try:
        loaded: set[str] = set()  # ids of the documents taken
        first_seen: dict[str, _Kept] = {}  # the metadata of the input each loaded document was taken from
        seen_origins: set[tuple[str, str]] = set()  # one origins row per (document, origin)
        targets_for_across: list = []
        reject_rows: list[Reject] = []

        def reject(origin: str, reason: str, sha: str | None, stage: str) -> None:
            if strict:
                raise BuildError(f"{origin}: {reason} (--strict)")
            reject_rows.append(Reject(reject_id=make_id("reject", origin, stage, reason), origin=origin, stage=stage,
                                      reason=reason, file_sha256=sha))

        def origin(did: str, item: RawDocument) -> None:
            if (did, item.origin) not in seen_origins:  # the same file listed twice is one origin
                seen_origins.add((did, item.origin))
                sink.add("origins", [Origin(document_id=did, origin=item.origin, file_sha256=item.file_sha256,
                                            format=item.format).model_dump()])

        def _take(item: RawDocument, result: tuple) -> None:
            """One input's extraction (from this process or a worker), taken in input order."""
            # an ok outcome's documents row has the id (process_document: document_id_for(raw.text)), so
            # a cached document's text is not normalised and hashed again (0.3 s for 13,000)
            did = result[1]["document_id"] if result[0] == "ok" else document_id_for(item.text)
            if did in loaded:
                origin(did, item)
                summary.duplicates += 1
                conflict = _metadata_conflict(first_seen[did], item)
                if conflict:
                    sink.add("checks", [_check_record(did, 0, conflict).model_dump()])
                return
            outcome = result[0]
            if outcome != "ok":
                if outcome == "failed":  # an extractor bug: this document is rejected, the build goes on
                    extractor_failures.append(result[1])
                    reject(item.origin, f"extractor failed: {result[1]}", item.file_sha256, "extract")
                else:  # "invalid" (a record failed validation) or "clash" (ids that would break a key)
                    reject(item.origin, result[1], item.file_sha256, "validate")
                return
            origin(did, item)
            _, doc_row, rows, targets = result
            loaded.add(did)
            first_seen[did] = _Kept(item.origin, item.title, item.published_on, item.publisher, item.url)
            sink.add("documents", [doc_row])
            for table, rows_ in rows.items():
                sink.add(table, rows_)
            for t in targets:
                targets_for_across.append((did, doc_row["publisher"] or doc_row["url"] or did, t))

        for r in rejects:
            summary.inputs += 1
            reject(r.origin, r.reason, r.file_sha256, r.stage)
        bar = Progress(len(files), "documents", progress)
        file_shas: dict[str, str | None] = {}  # what build_info lists, hashed once while reading
        extractor_failures: list[str] = []  # "Type: message" of each document the extractors raised on

        def inputs():  # (file number, item), read in file order in this process
            for i, path in enumerate(files, 1):
                items = read_file(path)
                file_shas[origin_of(path)] = next((x.file_sha256 for x in items if x.file_sha256), None)
                if not items:
                    yield i, None
                for item in items:
                    # A document the cache knows passes extraction as a Hit (not a RawDocument) with its outcome.
                    yield i, (store.lookup(item) if store is not None and isinstance(item, RawDocument) else item)

        done_file = 0
        t_loop, read_before = time.perf_counter(), store.read_seconds if store is not None else 0.0
        if engine == "dask":
            from etl import dask_engine

            run = dask_engine.DaskRun()
            extracted = dask_engine.extracted(files, file_shas, scheduler=scheduler, workers=workers,
                                              shard_dir=Path(shard_dir or db_path.parent), reference_dir=reference_dir,
                                              rates_csv=rates_csv, run=run, store=store)
        else:
            summary.jobs = _jobs_for(jobs, len(files))
            extracted = _extracted(inputs(), summary.jobs, reference_dir, rates_csv, book)
        try:
            for i, item, result in extracted:
                if item is not None:
                    summary.inputs += 1
                    if isinstance(item, RawReject):
                        reject(item.origin, item.reason, item.file_sha256, item.stage)
                    elif isinstance(item, extraction_cache.Hit):
                        summary.cached += 1
                        _take(item.raw, item.outcome)
                    else:
                        summary.extracted += 1
                        if store is not None:
                            store.put(item, result)
                        _take(item, result)
                if i != done_file:
                    done_file = i
                    bar.update(i)
                    if on_document:
                        on_document(i)
        finally:
            # closed also when the loop stops early (a --strict reject), so a cluster and its shards go at once
            extracted.close()
            if store is not None:
                store.flush()  # what was extracted so far is kept, even when the build stops here
        bar.close()
        if engine == "dask":
            summary.jobs = run.workers
        if store is not None:
            summary.cache_unreadable, summary.cache_write_error = store.unreadable, store.write_error
            summary.stages["cache_read"] = store.read_seconds
            summary.stages["cache_write"] = store.write_seconds
        # reading the files, extracting, taking the rows: the loop's time but for the cache's lookups and writes
        summary.stages["extract"] = (time.perf_counter() - t_loop - (summary.stages.get("cache_read", 0.0) - read_before)
                                     - summary.stages.get("cache_write", 0.0))
        if extractor_failures and not loaded:
            # One document an extractor trips on is a reject; every document is a broken
            # extractor (a pattern registered wrongly, a lexicon it cannot read), which must
            # fail the build loudly rather than replace a good database with an empty one.
            raise BuildError(f"the extractors failed on all {len(extractor_failures)} documents, so nothing was "
                             f"built (first: {extractor_failures[0]}); the previous database is untouched")
        if not loaded and not allow_empty:
            raise BuildError(_nothing_read(sources, summary, reject_rows))
        for did, check in check_across(targets_for_across):
            sink.add("checks", [_check_record(did, 0, check).model_dump()])
        sink.add("rejects", [r.model_dump() for r in reject_rows])
        summary.loaded = len(loaded)
        summary.rejected = len(reject_rows)

        summary.release = releases.release_info(file_shas, reference_dir, rates_csv, review_file)
        pair_store = PairStore(summary.cache_dir) if store is not None else None
        registry, summary.reviews = _write_database(sink, book, sources, file_shas, decisions,
                                                    review_file, summary.release, summary.stages, pair_store)
    except BaseException:  # a --strict reject, nothing read, Ctrl-C: the new file goes, the old database stays
        sink.discard()
        raise
    if pair_store is not None and pair_store.write_error and not summary.cache_write_error:
        summary.cache_write_error = pair_store.write_error  # the registry's pairs were not kept: said the same way
    summary.rows = {m.table: sink.counts.get(m.table, 0) for m in TABLE_MODELS}
    summary.rows.update(registry=registry.entries, registry_links=registry.links)
    summary.registry = registry
    for status, n in sink.check_statuses.items():
        summary.checks[status] = summary.checks.get(status, 0) + n
    for status, n in registry.check_statuses.items():
        summary.checks[status] = summary.checks.get(status, 0) + n
    summary.seconds = time.monotonic() - t0
    return summary


def _nothing_read(sources: Sequence[Path], summary: BuildSummary, rejects: list[Reject]) -> str:
    where = ", ".join(str(s) for s in sources)
    if not summary.inputs:
        why = "no announcement files (" + " ".join(sorted(set(SUFFIXES))) + ") in it"
    else:
        why = f"every input was rejected ({summary.inputs}; the first, {rejects[0].origin}: {rejects[0].reason})"
    return f"no announcement could be read from {where}: {why}; nothing was built, the database is untouched"


@dataclass(slots=True)
class _Kept:
    """What a duplicate's metadata is compared with (_metadata_conflict): not the whole input."""

    origin: str
    title: str | None
    published_on: dt.date | None
    publisher: str | None
    url: str | None


class _Sink:
    """The new database file while a build runs (`.<name>.<pid>.tmp` beside the database): rows
    are buffered per table and inserted every FLUSH_ROWS rows, in the order they were added, so
    each table's rows are in the order a build holding them all would have inserted them. Any
    failure discards the file; only _write_database swaps it in."""

    FLUSH_ROWS = 100_000  # ~130 MB of row dicts

    def __init__(self, db_path: Path, memory_limit: str | None = None):
        self.db_path = db_path
        self.spill = db_path.parent / f".{db_path.name}.{os.getpid()}.tmp.spill"  # a killed build's goes as its .tmp
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise BuildError(f"cannot create {db_path.parent}: {e.strerror or e}") from e
        _cleanup_stale_temps(db_path)
        self.tmp = db_path.parent / f".{db_path.name}.{os.getpid()}.tmp"
        self.con: duckdb.DuckDBPyConnection | None = None
        self.discard()  # a stale log would be replayed into the new file
        self.buffers: dict[str, list[dict]] = {}
        self.buffered = 0
        self.counts: dict[str, int] = {}
        self.check_statuses: dict[str, int] = {}
        self.insert_seconds = 0.0
        self.types: dict[str, dict] = {}  # each table's Arrow types, asked once
        try:
            self.con = duckdb.connect(str(self.tmp))
        except (OSError, duckdb.Error) as e:
            self.discard()
            raise BuildError(f"cannot write {db_path}: {getattr(e, 'strerror', None) or str(e).splitlines()[0]}") from e
        if memory_limit:
            try:
                self.con.execute("SET memory_limit = ?", [memory_limit])
                self.con.execute("SET temp_directory = ?", [str(self.spill)])
            except duckdb.Error as e:
                self.discard()
                raise BuildError(f"memory limit {memory_limit!r}: {str(e).splitlines()[0]} (a size such as 2GB or "
                                 "500MB); nothing was built, the database is untouched") from e
        try:
            db.apply_sql(self.con, ("schema",))
        except (OSError, duckdb.Error) as e:
            self.discard()
            raise BuildError(f"cannot write {db_path}: {getattr(e, 'strerror', None) or str(e).splitlines()[0]}") from e

    def add(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        self.buffers.setdefault(table, []).extend(rows)
        self.counts[table] = self.counts.get(table, 0) + len(rows)
        if table == "checks":
            for r in rows:
                self.check_statuses[r["status"]] = self.check_statuses.get(r["status"], 0) + 1
        self.buffered += len(rows)
        if self.buffered >= self.FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        t0 = time.perf_counter()
        try:
            for table, rows in self.buffers.items():
                if table not in self.types:
                    self.types[table] = _table_types(self.con, table)
                _insert(self.con, table, rows, self.types[table])
        except Exception as e:  # e.g. a value Arrow cannot convert: no half-written file left behind
            self.discard()
            first = (str(e).splitlines() or [""])[0]
            raise BuildError(f"cannot write {self.db_path}: {type(e).__name__}: {first}") from e
        self.buffers, self.buffered = {}, 0
        self.insert_seconds += time.perf_counter() - t0

    def discard(self) -> None:
        if self.con is not None:
            try:
                self.con.close()
            except duckdb.Error:
                pass
            self.con = None
        self.tmp.unlink(missing_ok=True)
        Path(str(self.tmp) + ".wal").unlink(missing_ok=True)
        shutil.rmtree(self.spill, ignore_errors=True)


def _write_database(sink: _Sink, book: RateBook, sources,
                    file_shas: dict[str, str | None], decisions: Sequence[reviews.Decision] = (),
                    review_file: Path | None = None, release: dict[str, str] | None = None,
                    stages: dict[str, float] | None = None, pair_store: PairStore | None = None,
                    ) -> tuple[RegistrySummary, reviews.ReviewSummary]:
    """Write the rows still buffered, link, check and swap in the database; `stages` gets the wall
    seconds of the registry's linking ("link") and of everything else here ("write"; of its pieces,
    "write.insert_all" counts every insert of the build, those made while extracting too)."""
    t0 = time.perf_counter()
    parts: dict[str, float] = {}  # write's pieces, as "write.<piece>" in `stages`
    lap = [t0]

    def mark(piece: str) -> None:
        now = time.perf_counter()
        parts[f"write.{piece}"] = now - lap[0]
        lap[0] = now

    db_path, tmp, con = sink.db_path, sink.tmp, sink.con
    try:
        try:
            sink.flush()
            info = {
                "aitrack_version": __version__,
                "extractor_version": EXTRACTOR_VERSION,
                "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "sources": json.dumps([str(s) for s in sources]),
                # Hashes taken while reading: a file that could not be read (or was too large
                # to read) is listed with no hash instead of failing the build here.
                "source_files": json.dumps([{"path": f, "sha256": sha} for f, sha in file_shas.items()]),
                **(release or {}),  # release_id, release_inputs, code_version (etl/releases.py)
                **reviews.file_info(review_file, len(decisions)),
            }
            _insert(con, "build_info", [{"key": k, "value": v} for k, v in info.items()])
            _insert(con, "fx_sources", [
                {**r, "first_on": r["first_on"], "last_on": r["last_on"]} for r in book.sources()
            ])
            mark("insert")
            parts["write.insert_all"] = sink.insert_seconds  # the inserts made while extracting too
            applier = reviews.Applier(con, list(decisions))
            applier.apply_records(book)  # before linking: corrected figures and countries are what is linked
            mark("reviews")
            t_link = time.perf_counter()
            registry = link_registry(con, pair_store=pair_store,
                                     regroup=applier.regroup)  # merges and splits before entries are made
            link_s = time.perf_counter() - t_link
            lap[0] = time.perf_counter()
            applier.apply_entries()
            mark("review_entries")
            db.apply_sql(con, ("views",))
            mark("views")
            applier.apply_views()
            db.apply_sql(con, ("refresh",))  # tables made from v_records, after the reviews changed it
            mark("refresh")
            broken = {k: v for k, v in db.run_checks(con).items() if v}
            if broken:
                raise BuildError("invariants failed: " + ", ".join(f"{k} ({v} rows)" for k, v in broken.items()))
            mark("checks")
            con.execute("CHECKPOINT")
            mark("checkpoint")
        finally:
            con.close()
            sink.con = None
        # Every build is a release: compared with the database it replaces, which is only read.
        recorded = releases.record_release(tmp, db_path)
        if release is not None:
            release.update(recorded)
        mark("release")
        os.replace(tmp, db_path)
        _fsync_dir(db_path.parent)
        shutil.rmtree(sink.spill, ignore_errors=True)
        if stages is not None:
            stages["link"] = link_s
            stages["write"] = time.perf_counter() - t0 - link_s
            stages.update(parts)
            stages.update({f"link.{k}": v for k, v in registry.stage_seconds.items()})
        return registry, applier.summary
    except BuildError:
        sink.discard()
        raise
    except (OSError, duckdb.Error) as e:
        sink.discard()
        msg = getattr(e, "strerror", None) or str(e).splitlines()[0]
        raise BuildError(f"cannot write {db_path}: {msg}") from e
    except Exception as e:  # e.g. a value Arrow cannot convert: still no half-written file left behind
        sink.discard()
        first = (str(e).splitlines() or [""])[0]
        raise BuildError(f"cannot write {db_path}: {type(e).__name__}: {first}") from e
    finally:
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
