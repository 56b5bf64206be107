"""Read announcement files into raw documents, or into rejects with a reason.

Formats: plain text with an optional header of `Key: value` lines or YAML front
matter (.txt, .md), HTML (.html, .htm: article text, boilerplate dropped) and
JSON/JSONL objects with title, url, publisher, published, text. Bytes are
decoded as UTF-8 (BOM allowed) or, failing that, by detection (Windows-1251
Russian text is common in scraped feeds). Nothing is dropped silently: every
file or JSONL line yields documents or rejects.

May import: the standard library, yaml, bs4, charset_normalizer, etl.errors.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from etl.errors import IngestError

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
MAX_BYTES = 20 * 1024 * 1024  # a larger file is almost surely not one announcement
HEADER_KEYS = {"title", "url", "publisher", "published", "date", "language", "lang", "fact", "source"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,30}):[ \t]*(.*?)\s*$")


@dataclass(slots=True)
class RawDocument:
    origin: str
    format: str
    file_sha256: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published_on: dt.date | None = None
    language: str | None = None
    fact_ref: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class RawReject:
    origin: str
    reason: str
    file_sha256: str | None = None
    stage: str = "ingest"


def origin_of(path: Path | str) -> str:
    """A path as storable text: the bytes of a name that is not UTF-8 are shown as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def discover(sources: Iterable[Path]) -> tuple[list[Path], list[RawReject]]:
    """Files to read under the sources, sorted; a missing source is a reject, not a crash."""
    found: list[tuple[Path, str]] = []  # (path, the real file it is, for the same file named twice)
    rejects: list[RawReject] = []
    missing: set[str] = set()
    for src in sources:
        if src.is_dir():
            found.extend(sorted(_walk(src), key=lambda pk: pk[0]))
        elif src.is_file():
            found.append((src, os.path.realpath(src)))
        elif origin_of(src) not in missing:  # the same missing source named twice is one reject
            missing.add(origin_of(src))
            rejects.append(RawReject(origin_of(src), "no such file or folder"))
    seen: set[str] = set()
    unique = []
    for f, key in found:
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, rejects


def _walk(src: Path) -> Iterator[tuple[Path, str]]:
    """The announcement files under a folder with their real paths, as `sorted(src.rglob("*"))`
    filtered would give them but one directory read per folder and no stat or realpath per plain
    file (1.1 s -> 0.2 s for 13,000 files): a folder's real path is taken once and its plain files
    are that path plus their names. Symlinked folders are not entered (as rglob); a symlink to a
    file is read, and one to nowhere goes on to read_file and becomes a reject instead of vanishing.
    README/MANIFEST files describe a folder of announcements; they are not announcements."""
    stack = [(src, os.path.realpath(src))]
    while stack:
        folder, real = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except PermissionError:
            continue
        for e in entries:
            name = e.name
            try:
                if e.is_dir(follow_symlinks=False):
                    stack.append((folder / name, os.path.join(real, name)))
                    continue
            except OSError:
                continue
            if name.startswith(".") or name.upper().startswith(("README", "MANIFEST")):
                continue
            if os.path.splitext(name)[1].lower() not in SUFFIXES:
                continue
            path = folder / name
            if not e.is_symlink():
                if e.is_file():
                    yield path, os.path.join(real, name)
            elif e.is_file() or not os.path.exists(path):  # to a file, or to nowhere
                yield path, os.path.realpath(path)


def decode(data: bytes, origin: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else the detected charset."""
    if not data.strip():
        raise IngestError("empty file", origin=origin)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("binary file (contains NUL bytes), not text", origin=origin)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # A damaged UTF-16 file (a lone surrogate, an odd byte at the end) raised
        # UnicodeDecodeError out of read_file and stopped the build; now it is read
        # with replacement characters if only a few bytes are bad, else rejected.
        text = data.decode("utf-16", errors="replace")
        if text.count("\ufffd") > max(10, len(text) // 100):
            raise IngestError("undecodable text (damaged UTF-16)", origin=origin)
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=["cp1251", "koi8_r", "cp1252", "latin_1", "utf_8"]).best()
    if best is None:
        raise IngestError("not text in any known encoding", origin=origin)
    text = data.decode(best.encoding, errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 100):
        raise IngestError(f"undecodable text (tried {best.encoding})", origin=origin)
    return text


def parse_date(value: object) -> dt.date | None:
    """A metadata date: ISO date or datetime; anything else is None (never a guess)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _from_meta(meta: dict[str, object], text: str, origin: str, fmt: str, sha: str) -> RawDocument:
    low = {str(k).strip().lower(): v for k, v in meta.items()}

    def get(*keys: str) -> str | None:
        for k in keys:
            v = low.get(k)
            if v is not None and str(v).strip():
                return str(v).strip()
        return None

    published_raw = low.get("published") or low.get("date") or low.get("published_on")
    published = parse_date(published_raw)
    doc = RawDocument(
        origin=origin,
        format=fmt,
        file_sha256=sha,
        text=text,
        title=get("title", "headline"),
        url=get("url", "link", "source_url"),
        publisher=get("publisher", "source", "outlet"),
        published_on=published,
        language=(get("language", "lang") or "").lower()[:2] or None,
        fact_ref=get("fact", "fact_id"),
        meta={k: str(v) for k, v in low.items() if k != "text"},
    )
    for name in ("title", "url", "publisher", "language", "fact_ref"):
        v = getattr(doc, name)
        if v is not None and _SURROGATE.search(v):
            setattr(doc, name, _SURROGATE.sub("\ufffd", v))
    if published_raw not in (None, "") and published is None:
        doc.meta["published_unparsed"] = str(published_raw)
    doc.meta = {_SURROGATE.sub("\ufffd", k): _SURROGATE.sub("\ufffd", v) for k, v in doc.meta.items()}
    return doc


def split_header(text: str) -> tuple[dict[str, object], str]:
    """Split YAML front matter or a `Key: value` header from the body."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            import yaml

            try:
                meta = yaml.safe_load(text[3:end]) or {}
            except yaml.YAMLError:
                meta = None
            except ValueError:
                # Well-formed YAML with a value it cannot construct ("published: 2025-02-30"):
                # read every value as a string, so the date is reported as unparsed, not the file lost.
                meta = yaml.load(text[3:end], Loader=yaml.BaseLoader) or {}
            if isinstance(meta, dict):
                body_start = text.find("\n", end + 4)
                return meta, text[body_start + 1 :] if body_start != -1 else ""
    meta: dict[str, object] = {}
    pos = 0
    while True:
        nl = text.find("\n", pos)
        line = text[pos:] if nl == -1 else text[pos:nl]
        if not line.strip():
            if meta:
                pos = len(text) if nl == -1 else nl + 1
            break
        m = _HEADER_LINE.match(line)
        if not m or m[1].strip().lower() not in HEADER_KEYS:
            break
        meta[m[1].strip().lower()] = m[2]
        if nl == -1:
            pos = len(text)
            break
        pos = nl + 1
    if not meta:
        return {}, text
    return meta, text[pos:]


def read_html(html: str) -> tuple[dict[str, object], str]:
    """Article text and metadata from an HTML page; scripts, navigation and footers dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    meta: dict[str, object] = {}
    if soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or "").lower()
        content = tag.get("content")
        if not content:
            continue
        if key in ("article:published_time", "date", "pubdate", "dc.date", "publish-date"):
            meta.setdefault("published", content)
        elif key in ("og:title",):
            meta["title"] = content
        elif key in ("og:url",):
            meta["url"] = content
        elif key in ("og:site_name", "publisher"):
            meta["publisher"] = content
        elif key.startswith("aitrack:"):  # our own annotations, e.g. aitrack:fact
            meta[key.split(":", 1)[1]] = content
    if soup.html and soup.html.get("lang"):
        meta["language"] = soup.html.get("lang")
    canonical = soup.find("link", rel="canonical")
    if canonical and canonical.get("href"):
        meta.setdefault("url", canonical["href"])
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
                     "button", "template"]):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    blocks: list[str] = []
    for el in root.find_all(["h1", "h2", "h3", "p", "li", "blockquote", "pre", "td"]):
        if el.find(["p", "li", "blockquote"]):
            continue  # the inner blocks are taken on their own
        t = " ".join(el.get_text(" ", strip=True).split())
        if t:
            blocks.append(t)
    if not blocks:
        blocks = [" ".join(root.get_text(" ", strip=True).split())]
    return meta, "\n\n".join(b for b in blocks if b)


def _read_objects(objs: list[object], origin: str, fmt: str, sha: str) -> Iterator[RawDocument | RawReject]:
    for i, obj in enumerate(objs):
        where = f"{origin}:{i + 1}" if len(objs) > 1 or fmt == "jsonl" else origin
        if not isinstance(obj, dict):
            yield RawReject(where, "JSON value is not an object", sha)
            continue
        text = obj.get("text") or obj.get("body") or obj.get("content")
        if not isinstance(text, str) or not text.strip():
            yield RawReject(where, "JSON object has no 'text'", sha)
            continue
        bad = _SURROGATE.search(text)
        if bad:  # JSON can spell "\\ud800", which no UTF-8 store can hold
            yield RawReject(where, f"text is not valid Unicode (unpaired surrogate at character {bad.start()})", sha)
            continue
        yield _from_meta(obj, text, where, fmt, sha)


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> list[RawDocument | RawReject]:
    """Documents and rejects from one file. Never raises for a bad file."""
    origin = origin_of(path)
    fmt = SUFFIXES.get(path.suffix.lower(), "txt")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return [RawReject(origin, f"file too large ({size / 2**20:.1f} MiB > {max_bytes / 2**20:.0f} MiB limit)")]
        data = path.read_bytes()
    except OSError as e:
        return [RawReject(origin, f"cannot read: {e.strerror or e}")]
    sha = hashlib.sha256(data).hexdigest()
    try:
        text = decode(data, origin)
    except IngestError as e:
        return [RawReject(origin, e.message, sha)]
    except Exception as e:  # a decoder bug must not stop the build either
        return [RawReject(origin, f"cannot decode: {type(e).__name__}: {e}", sha)]
    if not text.strip():  # a byte-order mark alone, or blanks in UTF-16: nothing to read
        return [RawReject(origin, "empty file", sha)]
    try:
        if fmt == "jsonl":
            out: list[RawDocument | RawReject] = []
            objs: list[tuple[int, object]] = []
            # Lines end at "\n" only: str.splitlines() also breaks at U+2028, U+0085 and
            # friends, which JSON allows raw inside strings, and cut such a document in two.
            for n, line in enumerate(text.split("\n"), 1):
                if not line.strip():
                    continue
                try:
                    objs.append((n, json.loads(line)))
                except json.JSONDecodeError as e:
                    out.append(RawReject(f"{origin}:{n}", f"malformed JSON line: {e.msg} at column {e.colno}", sha))
            for n, obj in objs:
                out.extend(_read_objects([obj], f"{origin}:{n}", "json", sha))
                if isinstance(out[-1], RawDocument):
                    out[-1].format = "jsonl"
            if not out:  # only blank lines (e.g. Unicode spaces): said, not skipped
                return [RawReject(origin, "JSONL file holds no documents", sha)]
            return sorted(out, key=lambda r: _line_of(r.origin))
        if fmt == "json":
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as e:
                return [RawReject(origin, f"malformed JSON: {e.msg} at line {e.lineno} column {e.colno}", sha)]
            if isinstance(obj, dict) and isinstance(obj.get("items", obj.get("documents")), list):
                obj = obj.get("items", obj.get("documents"))
            if obj == []:  # otherwise the file would vanish without a trace
                return [RawReject(origin, "JSON file holds no documents (empty list)", sha)]
            return list(_read_objects(obj if isinstance(obj, list) else [obj], origin, fmt, sha))
        if fmt == "html" or (fmt == "txt" and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
            meta, body = read_html(text)
            fmt = "html"
        else:
            meta, body = split_header(text)
        if not body.strip():
            return [RawReject(origin, "no text after the header" if meta else "no text", sha)]
        return [_from_meta(meta, body, origin, fmt, sha)]
    except Exception as e:  # a parser bug must not stop the build: the file is rejected with the reason
        return [RawReject(origin, f"unreadable {fmt}: {type(e).__name__}: {e}", sha)]


def _line_of(origin: str) -> int:
    tail = origin.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0
