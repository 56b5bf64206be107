"""Extraction on a Dask cluster: `aitrack build --engine dask [--scheduler ADDRESS]`.

The input files are cut into partitions (runs of consecutive files). Each partition is one
Dask task: on a worker it reads its files (etl/ingest.py), runs the same `extract_item` as a
local build with a RateBook loaded once per worker process, and writes its outcome as Parquet
shards: `items.parquet` (one row per input: a document with its outcome, an ingest reject,
or an empty file) and one `<table>.parquet` per table with rows. The driver then reads the
shards with DuckDB (sql/shards/), partition by partition in input order, and hands every
input back to build() exactly as the local path would, so duplicates, rejects, clashes,
the registry's linking and the database are the same as a local build's. Only extraction
moves; the records are loaded, checked and linked here.

With an extraction cache the driver reads the files and looks each document up first:
the hits are passed on as the local path passes them, and only the misses are sent, as
documents, to tasks of their own (`extract_documents`), so a build of unchanged inputs starts
no cluster.

Workers open the input files and write the shards by path, so with a remote scheduler both
must be on a filesystem every worker and the driver see under the same path. Without a
scheduler address, a LocalCluster of worker processes on this machine runs the tasks.

dask and distributed are imported only when this path runs (never by the CLI's start-up or
a local build).

May import: the standard library, duckdb, pyarrow, dask, distributed, etl.*.
"""

from __future__ import annotations

import json
import math
import os
import pickle
import shutil
import uuid
from collections import defaultdict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from etl import paths
from etl.errors import BuildError
from etl.ingest import RawDocument, RawReject, origin_of, read_file

ITEM_FIELDS = ("origin", "format", "file_sha256", "text", "title", "url", "publisher", "published_on",
               "language", "fact_ref")
# Files per task: enough that a task outweighs its scheduling (a few ms), few enough that
# every worker gets several tasks and a lost worker costs little to redo.
MAX_PARTITION = 256
CANCEL_WAIT = 30  # seconds a stopping build waits for the tasks running then
_worker_books: dict[tuple[str, str | None], object] = {}


@dataclass
class DaskRun:
    """Where the extraction ran, for the summary and the tests."""
    scheduler: str = ""
    workers: int = 0
    partitions: int = 0


def _book(reference_dir: str, rates_csv: str | None):
    """The worker process's RateBook, loaded on its first task and kept for the others."""
    key = (reference_dir, rates_csv)
    if key not in _worker_books:
        from etl.fx import RateBook

        _worker_books[key] = RateBook.load(Path(reference_dir), Path(rates_csv) if rates_csv else None)
    return _worker_books[key]


def extract_partition(part_no: int, files: list[tuple[int, str]], out_dir: str, reference_dir: str,
                      rates_csv: str | None) -> str:
    """One task, run on a worker: read and extract `files` ((file number, path) pairs) and
    write the partition's shards under out_dir/part-NNNNNN; returns that folder.

    It is written under a temporary name and renamed when complete, so a task Dask runs
    again (its worker was lost) replaces a partial shard instead of mixing with it.
    """
    def inputs():
        for file_no, path in files:
            read = read_file(Path(path))
            if not read:
                yield file_no, 0, None
            for item_no, item in enumerate(read):
                yield file_no, item_no, item

    return _extract_to_shards(part_no, inputs(), out_dir, reference_dir, rates_csv)


def extract_documents(part_no: int, docs: list[tuple[int, int, RawDocument]], out_dir: str, reference_dir: str,
                      rates_csv: str | None) -> str:
    """One task of a build with an extraction cache: the documents the driver read and did not
    find in the cache ((file number, item number, document)), extracted into the same shards."""
    return _extract_to_shards(part_no, iter(docs), out_dir, reference_dir, rates_csv)


def _extract_to_shards(part_no: int, inputs, out_dir: str, reference_dir: str, rates_csv: str | None) -> str:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from etl.build import extract_item

    book = _book(reference_dir, rates_csv)
    items: list[dict] = []
    tables: dict[str, list[dict]] = defaultdict(list)
    for file_no, item_no, item in inputs:
        if item is None:
            items.append(_item_row(file_no, 0, "empty"))
        elif isinstance(item, RawReject):
            items.append(_item_row(file_no, item_no, "reject", origin=item.origin, reason=item.reason,
                                   file_sha256=item.file_sha256, stage=item.stage))
        else:
            outcome = extract_item(item, book)
            row = _item_row(file_no, item_no, "document", outcome=outcome[0],
                            **{f: getattr(item, f) for f in ITEM_FIELDS}, meta=json.dumps(item.meta))
            if outcome[0] == "ok":
                _, doc_row, rows, targets = outcome
                # The targets go back as they are for check_across (a comparison across
                # documents, made on the driver); they are ours, written by this task.
                row["targets"] = pickle.dumps(targets)
                tables["document_row"].append({**doc_row, **_order(file_no, item_no, 0)})
                for table, rows_ in rows.items():
                    tables[table].extend({**r, **_order(file_no, item_no, k)} for k, r in enumerate(rows_))
            else:
                row["reason"] = outcome[1]
            items.append(row)
    final = Path(out_dir) / f"part-{part_no:06d}"
    tmp = Path(out_dir) / f".part-{part_no:06d}.{uuid.uuid4().hex}"
    tmp.mkdir()  # not its parents: a shard folder the driver removed (it stopped early) stays removed
    pq.write_table(pa.Table.from_pylist(items, schema=_items_schema()), tmp / "items.parquet")
    for table, rows_ in tables.items():
        if rows_:
            pq.write_table(pa.Table.from_pylist(rows_), tmp / f"{table}.parquet")
    shutil.rmtree(final, ignore_errors=True)
    os.replace(tmp, final)
    return str(final)


def _order(file_no: int, item_no: int, row_no: int) -> dict[str, int]:
    return {"_file_no": file_no, "_item_no": item_no, "_row_no": row_no}


def _item_row(file_no: int, item_no: int, kind: str, **fields) -> dict:
    return {"_file_no": file_no, "_item_no": item_no, "kind": kind, **fields}


def _items_schema():
    import pyarrow as pa

    text = pa.string()
    return pa.schema([("_file_no", pa.int64()), ("_item_no", pa.int64()), ("kind", text), ("outcome", text),
                      ("reason", text), ("stage", text), *((f, text) for f in ITEM_FIELDS if f != "published_on"),
                      ("published_on", pa.date32()), ("meta", text), ("targets", pa.binary())])


def extracted(files: Sequence[Path], file_shas: dict[str, str | None], *, scheduler: str | None,
              workers: int | None, shard_dir: Path, reference_dir: Path | None, rates_csv: Path | None,
              run: DaskRun | None = None, store=None) -> Iterator[tuple[int, object, tuple | None]]:
    """(file number, item, outcome) for every input, in input order, as build()'s local path
    yields them, extracted by Dask tasks and read back from their Parquet shards. Fills
    `file_shas` (origin -> the file's SHA-256) as the local path's reading does. The shards
    live in a folder of their own under shard_dir, removed when done.

    With an extraction cache (`store`, etl/cache.py) the driver reads the files itself, as a
    local build does, and looks every document up first: a hit passes as `Hit` (its outcome
    from the cache), and only the misses go to the workers, as documents, in partitions of their
    own; the outcomes come back in input order all the same."""
    import duckdb

    run = run if run is not None else DaskRun()
    plan: list[tuple[int, object]] = []  # with a cache: (file number, item) in input order, misses among them
    misses: list[tuple[int, int, RawDocument]] = []
    if store is not None:
        for i, path in enumerate(files, 1):
            items = read_file(path)
            file_shas[origin_of(path)] = next((x.file_sha256 for x in items if x.file_sha256), None)
            if not items:
                plan.append((i, None))
            for item_no, item in enumerate(items):
                found = store.lookup(item) if isinstance(item, RawDocument) else item
                plan.append((i, found))
                if isinstance(found, RawDocument):
                    misses.append((i, item_no, found))
        if not misses:  # everything was in the cache: no cluster is started
            yield from ((i, item, None) for i, item in plan)
            return
    client, cluster = _connect(scheduler, workers, run)
    out = Path(shard_dir) / f"aitrack-shards-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        try:
            out.mkdir(parents=True)
        except OSError as e:
            raise BuildError(f"cannot create the shard folder {out}: {e.strerror or e}") from e
        if store is None:
            work = [(i, str(path)) for i, path in enumerate(files, 1)]
        else:
            work = misses
        size = max(1, min(MAX_PARTITION, math.ceil(len(work) / max(1, 4 * run.workers))))
        chunks = [work[k:k + size] for k in range(0, len(work), size)]
        if store is None:
            task, parts = extract_partition, chunks
        else:  # a partition's files, for _read_partition: file number -> path
            task = extract_documents
            parts = [sorted({(i, str(files[i - 1])) for i, _, _ in chunk}) for chunk in chunks]
        run.partitions = len(chunks)
        ref = str(Path(reference_dir or paths.REFERENCE_DIR).resolve())
        rates = str(Path(rates_csv).resolve()) if rates_csv else None
        con = duckdb.connect()
        pending: deque = deque()  # (partition number, future), at most `ahead` in flight
        ahead = 2 * run.workers + 2  # bounds the shards on disk and the driver's memory

        def outcomes():
            for n, chunk in enumerate(chunks):
                pending.append((n, client.submit(task, n, chunk, str(out.resolve()), ref, rates, pure=False)))
                if len(pending) >= ahead:
                    yield from _take_one(con, pending, parts, file_shas)
            while pending:
                yield from _take_one(con, pending, parts, file_shas)

        try:
            if store is None:
                yield from outcomes()
            else:
                extracted_misses = outcomes()
                for i, item in plan:
                    if isinstance(item, RawDocument):  # the next miss in input order is this one
                        yield next(extracted_misses)
                    else:
                        yield i, item, None
        finally:
            con.close()
            _let_run_out([fut for _, fut in pending])
    finally:
        shutil.rmtree(out, ignore_errors=True)
        client.close()
        if cluster is not None:
            cluster.close()


def _let_run_out(futures: list) -> None:
    """When the build stops early (a --strict reject, an error), wait a little for the tasks
    in flight before the shard folder is removed: a cancelled future does not stop a task
    already running on a worker, which would write its shard into the folder being removed."""
    from distributed import wait

    try:
        wait(futures, timeout=CANCEL_WAIT)
    except Exception:  # noqa: BLE001 - a timeout or a lost scheduler: the build is failing anyway
        pass
    for fut in futures:
        fut.cancel()


def _take_one(con, pending: deque, parts: list[list[tuple[int, str]]], file_shas: dict[str, str | None]):
    """The oldest partition's inputs, once its task is done; then its shards are removed."""
    n, fut = pending.popleft()
    try:
        folder = Path(fut.result())
    except Exception as e:  # a worker lost for good, or a task that raised
        first, last = parts[n][0][1], parts[n][-1][1]
        raise BuildError(f"the Dask task for {first} .. {last} failed: {type(e).__name__}: "
                         f"{(str(e).splitlines() or [''])[0]}; nothing was built, the database is untouched") from e
    yield from _read_partition(con, folder, parts[n], file_shas)
    fut.release()
    shutil.rmtree(folder, ignore_errors=True)


def _connect(scheduler: str | None, workers: int | None, run: DaskRun):
    """A client of the scheduler at `scheduler`, or of a new LocalCluster of `workers`
    processes (default: one per core); one clear BuildError when it cannot be had."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        timeout = dask.config.get("distributed.comm.timeouts.connect")
        try:
            client = Client(scheduler, timeout=timeout)
        except Exception as e:  # refused, timed out, a malformed address: all one line for the CLI
            why = (str(e).splitlines() or [type(e).__name__])[0]
            raise BuildError(f"cannot reach the Dask scheduler at {scheduler}: {why}; nothing was built, the "
                             "database is untouched") from e
        run.scheduler = scheduler
        run.workers = len(client.scheduler_info().get("workers", {}))
        if not run.workers:
            client.close()
            raise BuildError(f"the Dask scheduler at {scheduler} has no workers; start some with "
                             f"`dask worker {scheduler}`; nothing was built, the database is untouched")
        return client, None
    n = workers or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
    # One thread per process: extraction is pure Python, so threads would share one core.
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.ERROR)
    run.scheduler, run.workers = cluster.scheduler_address, n
    return Client(cluster), cluster


def _rows(con, name: str, path: Path) -> list[dict]:
    query = (paths.SQL_DIR / "shards" / f"{name}.sql").read_text(encoding="utf-8")
    cur = con.execute(query, {"path": str(path)})
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _read_partition(con, folder: Path, part: list[tuple[int, str]], file_shas: dict[str, str | None]):
    """One partition's inputs rebuilt from its shards: RawDocument / RawReject / None (an
    empty file) and the outcome extract_item gave, exactly as the local path passes them on."""
    from etl.models import TABLE_MODELS

    by_item: dict[str, dict[tuple[int, int], list[dict]]] = {}
    for shard in sorted(folder.glob("*.parquet")):
        if shard.stem == "items":
            continue
        grouped: dict[tuple[int, int], list[dict]] = defaultdict(list)
        for r in _rows(con, "rows", shard):
            key = (r.pop("_file_no"), r.pop("_item_no"))
            del r["_row_no"]
            grouped[key].append(r)
        by_item[shard.stem] = grouped
    names = dict(part)
    seen_files: set[int] = set()
    for r in _rows(con, "items", folder / "items.parquet"):
        i, key = r["_file_no"], (r["_file_no"], r["_item_no"])
        origin = origin_of(names[i])
        if i not in seen_files or file_shas[origin] is None:  # as the local path: the first hash read
            seen_files.add(i)
            file_shas[origin] = r["file_sha256"]
        if r["kind"] == "empty":
            yield i, None, None
        elif r["kind"] == "reject":
            yield i, RawReject(r["origin"], r["reason"], r["file_sha256"], r["stage"]), None
        else:
            item = RawDocument(**{f: r[f] for f in ITEM_FIELDS}, meta=json.loads(r["meta"]))
            if r["outcome"] != "ok":
                yield i, item, (r["outcome"], r["reason"])
                continue
            rows = {m.table: by_item.get(m.table, {}).get(key, []) for m in TABLE_MODELS}
            doc_row = by_item["document_row"][key][0]
            yield i, item, ("ok", doc_row, rows, pickle.loads(r["targets"]))
