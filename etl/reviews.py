"""Analysts' review decisions: corrections as data that survive rebuilds.

A person reviewing what the extractors found (the dashboard's Review page, `aitrack
review add`) never edits the database: each decision is one row appended to a CSV under
version control (data/reviews/corrections.csv, or $AITRACK_REVIEWS, or `--reviews`), under
an exclusive lock so two writers at once lose nothing. Every build reads the file first
(`load`: a broken row stops the build before anything is done, with its file:line) and
applies it in four steps on the build's own connection:

- `apply_records`, after the facts are loaded and before the registry is linked, so a
  corrected country, value or currency is what Splink compares: amount fields (value,
  value_min, value_max, currency, qualifier, country_code, funding; a new value or currency
  is converted again), rejected amounts (taken out of every fact table), rejected targets
  and commitment mentions that name no amount (registry records of their own), and
  accepted or dismissed checks;
- `regroup`, inside the linking (etl.registry.link_registry), on Splink's clusters before
  any entry is made from them: merging two records' entries, splitting a record out of its
  entry. Everything made from the grouping (entry ids, figures, number of sources, first
  and last seen, supersedes and latest, the across_sources checks, the status ladder) is
  then made once, from the reviewed grouping, so none of it is left stale;
- `apply_entries`, after linking: the merged and split records' links say who and why,
  rejecting an entry (its records and its check rows go with it), and corrected kinds and
  deadlines on the entries their records are in;
- `apply_views`, once v_records exists: corrected kinds and deadlines on the records, and
  the `reviewed` / `corrected_fields` columns the export ends with.

A decision names its target by a content-derived id (amounts.amount_id, checks.check_id,
registry.entry_id, targets.target_id, commitments.commitment_id: the ids registry_links
stores) and also keeps the target's document_id and quote: when the id is gone
(whitespace moved the offsets, a new extractor split differently) the target is found again
by (document_id, quote) if exactly one fact has them. A decision whose target cannot be
found is an orphan: a `review_orphans` row saying why, never dropped and never guessed.
Every applied decision is a `corrections_applied` row with the extracted value it replaced.

May import: the standard library, duckdb, etl.errors, etl.filters, etl.fx, etl.models,
etl.paths, etl.registry.
"""

from __future__ import annotations

import csv
import datetime as dt
import fcntl
import io
import math
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import get_args

import duckdb

from etl import paths
from etl.errors import AitrackError
from etl.models import Funding, Qualifier, make_id

COLUMNS = ("review_id", "at", "reviewer", "target_kind", "target_id", "document_id", "quote", "action", "field",
           "old", "new", "reason")
ACTIONS: dict[str, tuple[str, ...]] = {
    "amount": ("accept", "correct", "reject", "merge", "split"),
    "check": ("accept", "reject"),
    "entry": ("accept", "reject"),
    # a target or a commitment mention that names no amount is a registry record of its own
    # (sql/registry/010_candidates.sql): it has no figure to correct, but can be linked otherwise
    "target": ("accept", "reject", "merge", "split"),
    "commitment": ("accept", "reject", "merge", "split"),
}
# The kinds of decision made on a registry record (before linking, and on Splink's clusters).
RECORD_KINDS = ("amount", "target", "commitment")
# The record fields a correction may set, each with what a valid new value is.
AMOUNT_FIELDS = ("value", "value_min", "value_max", "currency", "qualifier", "country_code", "funding", "kind",
                 "deadline_year")
# Applied to the amounts table before linking; kind and deadline_year are derived per record
# (v_records) and per entry (registry), so they are set where those are made.
STORED_FIELDS = ("value", "value_min", "value_max", "currency", "qualifier", "country_code", "funding")
HEADER = (  # the two comment lines data/reviews/corrections.csv opens with (a test keeps them equal)
    "# Analysts' review decisions: one row per decision, appended (never rewritten) by the dashboard's Re"
    'view page and `aitrack review add`; every `aitrack build` applies them after extraction (etl/reviews'
    '.py) and audits them in the tables corrections_applied and review_orphans.\n# Columns: review_id (has'
    'h of the decision), at (UTC ISO time), reviewer, target_kind (amount|check|entry|target|commitment),'
    ' target_id (amounts.amount_id, checks.check_id, registry.entry_id, targets.target_id or commitments.'
    'commitment_id), document_id and quote (of the target, to find it again when its id changes), action '
    '(accept|correct|reject|merge|split), field (the corrected field: value, value_min, value_max, curren'
    'cy, qualifier, country_code, funding, kind, deadline_year; for a check its name), old (the value the'
    " reviewer saw), new (the value it should be; empty is none; for merge the other record's id), reason"
    ' (required).\n'
)
_ID = re.compile(r"^[0-9a-f]{16}$")
SQL = paths.SQL_DIR / "reviews"


class ReviewError(AitrackError):
    """A review file or decision that cannot be used, said with its file:line."""

    def __init__(self, message: str):
        super().__init__(message, stage="reviews")


@dataclass(frozen=True)
class Decision:
    review_id: str
    at: str
    reviewer: str
    target_kind: str
    target_id: str
    document_id: str
    quote: str
    action: str
    field: str
    old: str
    new: str
    reason: str
    line: int = 0  # where it stands in its file (0: not written yet)

    def row(self) -> list[str]:
        return [getattr(self, c) for c in COLUMNS]


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def decide(*, reviewer: str, target_kind: str, target_id: str, action: str, reason: str, document_id: str = "",
           quote: str = "", field: str = "", old: str = "", new: str = "", at: str | None = None) -> Decision:
    """A new, valid decision (ReviewError says what is wrong); its id is a hash of its content."""
    at = at or now()
    parts = dict(at=at, reviewer=reviewer.strip(), target_kind=target_kind, target_id=target_id.strip(),
                 document_id=document_id, quote=quote, action=action, field=field.strip(), old=as_text(old),
                 new=as_text(new).strip(), reason=reason.strip())
    d = Decision(review_id=make_id("review", *(parts[c] for c in COLUMNS[1:])), **parts)
    problem = problem_of(d)
    if problem:
        raise ReviewError(problem)
    return d


def as_text(v) -> str:
    """A field's value as the review file writes it: empty for none, whole numbers without '.0'."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    return str(v)


def problem_of(d: Decision) -> str | None:
    """Why a decision cannot be applied, or None."""
    try:
        when = dt.datetime.fromisoformat(d.at.replace("Z", "+00:00"))
    except ValueError:
        return f"at {d.at!r} is not an ISO time (2026-12-03T17:55:00Z)"
    if when.tzinfo is None:
        return f"at {d.at!r} has no time zone; write UTC as ...Z"
    if not d.reviewer.strip():
        return "reviewer is empty: say who decided"
    if not d.reason.strip():
        return "reason is empty: every decision says why"
    if d.target_kind not in ACTIONS:
        return f"target_kind {d.target_kind!r} is not one of {', '.join(ACTIONS)}"
    if not _ID.match(d.target_id):
        return f"target_id {d.target_id!r} is not an id (16 hex digits, e.g. amounts.amount_id)"
    if d.action not in ACTIONS[d.target_kind]:
        return f"action {d.action!r} cannot be taken on a {d.target_kind}; one of {', '.join(ACTIONS[d.target_kind])}"
    if d.action == "correct":
        if d.field not in AMOUNT_FIELDS:
            return f"field {d.field!r} cannot be corrected; one of {', '.join(AMOUNT_FIELDS)}"
        return _bad_value(d.field, d.new)
    if d.action == "merge":
        if not _ID.match(d.new) or d.new == d.target_id:
            return (f"merge needs new = the other record's id (an amount, target or commitment: 16 hex digits), "
                    f"not {d.new!r}")
        return None
    if d.target_kind == "check":
        if not re.match(r"^[a-z_]+$", d.field):
            return "field must name the check (reference_rate, scale_slip, ...) so it can be found again"
    elif d.field:
        return f"field is only for correct (and a check's name), not for {d.action}"
    return None


def _bad_value(name: str, new: str) -> str | None:
    v = new.strip()
    if name in ("qualifier", "funding", "kind") and not v:
        return f"{name} cannot be empty"
    if not v:
        return None  # the field becomes unknown; zero is written 0
    if name in ("value", "value_min", "value_max"):
        try:
            x = float(v)
        except ValueError:
            return f"{name} {v!r} is not a number (write 11000000000000, not '11 trillion')"
        if not math.isfinite(x) or x < 0:
            return f"{name} must be a finite number of at least 0, got {v!r}"
    elif name == "currency":
        if not re.match(r"^[A-Z]{3}$", v):
            return f"currency {v!r} is not an ISO 4217 code (USD, RUB, ...)"
    elif name == "country_code":
        from etl.filters import unknown_country

        why = unknown_country(v) if re.match(r"^[A-Z]{2}$", v) else f"{v!r} is not an ISO 3166-1 alpha-2 code"
        if why:
            return f"country_code: {why}"
    elif name == "qualifier" and v not in get_args(Qualifier):
        return f"qualifier {v!r} is not one of {', '.join(get_args(Qualifier))}"
    elif name == "funding" and v not in get_args(Funding):
        return f"funding {v!r} is not one of {', '.join(get_args(Funding))}"
    elif name == "kind" and not re.match(r"^[a-z_]+(: [^\n]+)?$", v):
        return f"kind {v!r} is not a commitment kind (fund, compute, plan, ...)"
    elif name == "deadline_year":
        if not re.match(r"^\d{4}$", v) or not 1900 <= int(v) <= 2200:
            return f"deadline_year {v!r} is not a year"
    return None


# ---------------------------------------------------------------- the file

def load(path: Path | str | None = None, *, missing_ok: bool = True) -> list[Decision]:
    """Every decision in the file, in file order; a broken row is a ReviewError with file:line.

    A missing file is no decisions when `missing_ok` (the default file may not exist yet);
    a file somebody named that is not there is an error."""
    path = paths.reviews_path(path)
    try:
        with open(path, "rb") as f:  # a shared lock: never a row half-written by an append in progress
            fcntl.flock(f.fileno(), fcntl.LOCK_SH)
            try:
                raw = f.read()
            finally:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)
        text = raw.decode("utf-8")
    except FileNotFoundError:
        if missing_ok:
            return []
        raise ReviewError(f"no review file at {path}") from None
    except UnicodeDecodeError as e:
        raise ReviewError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise ReviewError(f"cannot read {path}: {e.strerror or e}") from None
    lines = text.splitlines(keepends=True)
    skip = 0
    while skip < len(lines) and (lines[skip].startswith("#") or not lines[skip].strip()):
        skip += 1
    if skip == len(lines):
        return []
    reader = csv.reader(io.StringIO("".join(lines[skip:])), strict=True)
    out: list[Decision] = []
    seen: dict[str, int] = {}
    line_no = skip + 1
    try:
        header = next(reader)
        if tuple(header) != COLUMNS:
            raise ReviewError(f"{path}:{line_no}: the header must be {','.join(COLUMNS)}, not {','.join(header)}")
        while True:
            line_no = skip + reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            if not row or not any(x.strip() for x in row):
                continue
            if len(row) != len(COLUMNS):
                raise ReviewError(f"{path}:{line_no}: {len(row)} cells, the header has {len(COLUMNS)}")
            d = Decision(**dict(zip(COLUMNS, row)), line=line_no)
            problem = problem_of(d)
            if problem:
                raise ReviewError(f"{path}:{line_no}: {problem}")
            if d.review_id in seen:
                continue  # the same decision saved twice (a double click) is one decision
            seen[d.review_id] = line_no
            out.append(d)
    except csv.Error as e:
        raise ReviewError(f"{path}:{line_no}: not valid CSV ({e})") from None
    return out


def append(path: Path | str | None, decisions: list[Decision]) -> Path:
    """Append decisions to the file under an exclusive lock (created with its header if new).

    The lock (fcntl.flock on the file itself) is held from the size check to the fsync, so
    two writers at once (two browser tabs, the CLI and a tab) each add whole rows, and neither
    is lost or interleaved."""
    path = paths.reviews_path(path)
    for d in decisions:
        problem = problem_of(d)
        if problem:
            raise ReviewError(problem)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for d in decisions:
        w.writerow(d.row())
    body = buf.getvalue().encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "ab+") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            size = f.seek(0, os.SEEK_END)
            if size == 0:
                f.write((HEADER + ",".join(COLUMNS) + "\n").encode("utf-8"))
            else:
                f.seek(size - 1)
                if f.read(1) != b"\n":
                    f.write(b"\n")
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)
    return path


# ---------------------------------------------------------------- applying them

@dataclass
class ReviewSummary:
    decisions: int = 0
    applied: int = 0
    orphaned: int = 0
    superseded: int = 0
    notes: list[str] = field(default_factory=list)


def _statements(name: str) -> dict[str, str]:
    """The statements of sql/reviews/<name>.sql, each under a '-- statement: <key>' line."""
    text = (SQL / f"{name}.sql").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        m = re.match(r"^-- statement: ([a-z_]+)", line)
        if m:
            key = m.group(1)
            out[key] = ""
        elif key:
            out[key] += line + "\n"
    return out


def _run(con: duckdb.DuckDBPyConnection, name: str, key: str, params: dict | None = None):
    """Run one statement group of sql/reviews/<name>.sql (statements end with ';' at a line end)
    with its parameters bound; the last statement's cursor is returned."""
    cur = None
    for sql in re.split(r";[ \t]*\n", _statements(name)[key]):
        code = "\n".join(x.split("--", 1)[0] for x in sql.splitlines())
        if not code.strip():
            continue
        used = set(re.findall(r"\$([a-z_]+)", code))
        cur = con.execute(sql, {k: (params or {}).get(k) for k in used})
    return cur


def _sort_key(d: Decision):
    return (dt.datetime.fromisoformat(d.at.replace("Z", "+00:00")), d.line)


class Applier:
    """The decisions of one build, applied in the order they were made (`at`, then file order)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, decisions: list[Decision]):
        self.con = con
        self.decisions = sorted(decisions, key=_sort_key)
        self.summary = ReviewSummary(decisions=len(decisions))
        self.applied: list[dict] = []
        self.orphans: list[dict] = []
        self.rejected: dict[str, str] = {}  # amount, target or commitment id -> review_id that rejected it
        self.pending_entries: list[tuple[Decision, str, str]] = []  # (decision, applied_to, matched_by)
        self.derived: dict[tuple[str, str], dict] = {}  # (amount_id, kind|deadline_year) -> audit row
        # merges and splits done on the clusters: (audit row, the record moved, (matched_to, reasons) or
        # None when nothing moved), said on the links once the entries are made
        self.regrouped: list[tuple[dict, str, tuple[str | None, str] | None]] = []

    # -- bookkeeping
    def _audit(self, d: Decision, applied_to: str, matched_by: str, old: str | None, note: str | None = None) -> dict:
        row = {**{k: v for k, v in asdict(d).items() if k != "line"}, "applied_to": applied_to,
               "matched_by": matched_by, "old": old, "new": d.new if d.action in ("correct", "merge") else None,
               "recorded_old": d.old or None, "superseded_by": None, "note": note}
        if d.action == "correct" and d.old and old is not None and not _same(d.old, old):
            row["note"] = (f"the extraction changed since the review: the reviewer saw {d.old!r}, this build "
                           f"extracted {old!r}; the correction still applies")
        self.applied.append(row)
        self.summary.applied += 1
        return row

    def _orphan(self, d: Decision, why: str) -> None:
        self.orphans.append({**{k: v for k, v in asdict(d).items() if k != "line"}, "why": why})
        self.summary.orphaned += 1

    def _supersede(self, prior: dict, by: Decision) -> None:
        prior["superseded_by"] = by.review_id
        self.summary.superseded += 1

    def _resolve(self, d: Decision) -> tuple[str | None, str | None, str | None]:
        """(id in this build, how it was found, why not)."""
        got = _run(self.con, "010_records", f"find_{d.target_kind}",
                   {"target_id": d.target_id, "document_id": d.document_id, "quote": d.quote,
                    "check_name": d.field}).fetchall()
        by_id = [r[0] for r in got if r[1] == "id"]
        if by_id:
            return by_id[0], "id", None
        hits = sorted({r[0] for r in got})
        if len(hits) == 1:
            return hits[0], "document and quote", None
        if len(hits) > 1:
            return None, None, (f"no {d.target_kind} has the id any more, and the quote {d.quote!r} is {len(hits)} "
                                f"{d.target_kind}s of document {d.document_id}: which one is not guessed")
        known = self.con.execute("SELECT count(*) FROM documents WHERE document_id = ?", [d.document_id]).fetchone()[0]
        if not d.document_id or not known:
            return None, None, (f"no {d.target_kind} has the id, and its document {d.document_id or '(not given)'} "
                                "is not in this build")
        return None, None, (f"no {d.target_kind} has the id, and none of document {d.document_id} quotes "
                            f"{d.quote!r} any more")

    # -- before linking
    def apply_records(self, book) -> None:
        corrections: dict[str, dict[str, tuple[str, dict]]] = {}  # amount -> field -> (new, audit row)
        mentions: list[tuple[str, str]] = []  # (kind, id) of rejected targets and commitment mentions
        for d in self.decisions:
            if d.target_kind not in ("check", *RECORD_KINDS):
                continue
            applied_to, matched_by, why = self._resolve(d)
            if applied_to is None:
                self._orphan(d, why)
                continue
            if d.target_kind == "check":
                self._apply_check(d, applied_to, matched_by)
                continue
            if applied_to in self.rejected:
                self._orphan(d, f"its {d.target_kind} was rejected by review {self.rejected[applied_to]} made earlier")
                continue
            if d.action in ("merge", "split"):
                self.pending_entries.append((d, applied_to, matched_by))
                continue
            if d.target_kind != "amount":  # a target or commitment mention: accepted or rejected
                self._audit(d, applied_to, matched_by, f"{d.target_kind} ({d.quote})" if d.action == "reject" else None)
                if d.action == "reject":
                    self.rejected[applied_to] = d.review_id
                    mentions.append((d.target_kind, applied_to))
                continue
            current = self._amount(applied_to)
            if d.action == "accept":
                self._audit(d, applied_to, matched_by, None)
            elif d.action == "reject":
                for _, prior in corrections.pop(applied_to, {}).values():  # corrected, then rejected
                    self._supersede(prior, d)
                self._audit(d, applied_to, matched_by, _describe(current))
                self.rejected[applied_to] = d.review_id
            elif d.field in STORED_FIELDS:
                fields = corrections.setdefault(applied_to, {})
                prior = fields.get(d.field)
                if prior:
                    self._supersede(prior[1], d)
                row = self._audit(d, applied_to, matched_by, as_text(current[d.field]))
                fields[d.field] = (d.new, row)
            else:  # kind, deadline_year: their extracted value is known once v_records and the registry exist
                prior = self.derived.get((applied_to, d.field))
                if prior:
                    self._supersede(prior, d)
                self.derived[(applied_to, d.field)] = self._audit(d, applied_to, matched_by, None)
        for amount_id, fields in corrections.items():
            self._correct_amount(amount_id, {k: v for k, (v, _) in fields.items()}, book)
        rejected_mentions = {i for _, i in mentions}
        for amount_id in [i for i in self.rejected if i not in rejected_mentions]:
            _run(self.con, "010_records", "reject_amount", {"amount_id": amount_id})
        for kind, record_id in mentions:
            _run(self.con, "010_records", f"reject_{kind}", {"record_id": record_id})
        self._write()

    def _amount(self, amount_id: str) -> dict:
        cur = _run(self.con, "010_records", "amount", {"amount_id": amount_id})
        cols = [c[0] for c in cur.description]
        return dict(zip(cols, cur.fetchone()))

    def _apply_check(self, d: Decision, check_id: str, matched_by: str) -> None:
        status = self.con.execute("SELECT status FROM checks WHERE check_id = ?", [check_id]).fetchone()[0]
        self._audit(d, check_id, matched_by, status)
        if d.action == "reject":
            _run(self.con, "010_records", "dismiss_check",
                 {"check_id": check_id, "note": f"Dismissed by review {d.review_id} ({d.reviewer}, {d.at}: "
                                                f"{d.reason}); the check said {status}: "})

    def _correct_amount(self, amount_id: str, fields: dict[str, str], book) -> None:
        row = self._amount(amount_id)
        new = dict(row)
        for k, v in fields.items():
            if k in ("value", "value_min", "value_max"):
                new[k] = float(v) if v != "" else None
            else:
                new[k] = v or None
        if new["value_min"] is not None and new["value_max"] is not None and new["value_min"] > new["value_max"]:
            self.summary.notes.append(f"amount {amount_id}: value_min above value_max after review; bounds dropped")
            new["value_min"] = new["value_max"] = None
        params = {"amount_id": amount_id, **{k: new[k] for k in STORED_FIELDS}}
        if {"value", "currency"} & set(fields):
            rates = self.con.execute("SELECT base_currency, quote_currency, rate, quote FROM rates "
                                     "WHERE document_id = ? ORDER BY start", [row["document_id"]]).fetchall()
            from etl.fx import stated_rates

            stated = stated_rates([SimpleNamespace(base=b, quote=q, rate=r, text=t) for b, q, r, t in rates])
            fx = book.convert_figure(new["value"], new["currency"], row["published_on"], stated)
            params.update(reconvert=True, **{k: fx.get(k) for k in ("value_usd", "value_eur", "usd_rate", "eur_rate",
                                                                     "rate_on", "rate_source", "fx_status",
                                                                     "fx_note")})
        else:
            params["reconvert"] = False
        _run(self.con, "010_records", "correct_amount", params)

    def _write(self) -> None:
        """The audit so far into corrections_applied and review_orphans (rewritten whole each step)."""
        self.con.execute("DELETE FROM corrections_applied")
        self.con.execute("DELETE FROM review_orphans")
        if self.applied:
            self.con.executemany(_statements("010_records")["insert_applied"],
                                 [[r[c] for c in APPLIED_COLUMNS] for r in self.applied])
        if self.orphans:
            self.con.executemany(_statements("010_records")["insert_orphan"],
                                 [[r[c] for c in ORPHAN_COLUMNS] for r in self.orphans])

    # -- while linking: on Splink's clusters, before the entries are made from them
    def regroup(self, con: duckdb.DuckDBPyConnection) -> None:
        """The merges and splits, in the order they were made, on registry_clusters; called by
        etl.registry.link_registry (on `con`, the build's connection this Applier holds), which then
        makes every entry from the clusters as they are left."""
        for d, applied_to, matched_by in self.pending_entries:
            if d.action == "merge":
                self._merge(d, applied_to, matched_by)
            else:
                self._split(d, applied_to, matched_by)

    def _cluster(self, record_id: str) -> tuple[str, str] | None:
        return _run(self.con, "020_entries", "cluster_of", {"record_id": record_id}).fetchone()

    def _merge(self, d: Decision, a: str, matched_by: str) -> None:
        other = d.new
        if other in self.rejected or not _run(self.con, "020_entries", "record_kind", {"record_id": other}).fetchone():
            self._orphan(d, f"the record to merge with, {other}, is not in this build"
                         + (" (rejected by review)" if other in self.rejected else ""))
            return
        mine, theirs = self._cluster(a), self._cluster(other)
        if mine is None:
            self._orphan(d, f"{d.target_kind} {a} is in no registry entry (no country or value), so it cannot be merged")
            return
        if theirs is None:
            self._orphan(d, f"the record to merge with, {other}, is in no registry entry (no country or value)")
            return
        if mine[1] == theirs[1]:
            row = self._audit(d, a, matched_by, "one entry", note="already one entry: nothing to merge")
            self.regrouped.append((row, mine[0], None))
            return
        _run(self.con, "020_entries", "merge", {"keep": mine[1], "lose": theirs[1]})
        row = self._audit(d, a, matched_by, f"separate entries: {a} and {other}")
        self.regrouped.append((row, mine[0], (theirs[0], _reasons("merged", d))))

    def _split(self, d: Decision, a: str, matched_by: str) -> None:
        mine = self._cluster(a)
        if mine is None:
            self._orphan(d, f"{d.target_kind} {a} is in no registry entry (no country or value), so it cannot be "
                         "split out")
            return
        n = _run(self.con, "020_entries", "cluster_size", {"cluster_id": mine[1]}).fetchone()[0]
        if n < 2:
            row = self._audit(d, a, matched_by, "alone in its entry", note="alone in its entry: nothing to split")
            self.regrouped.append((row, mine[0], None))
            return
        _run(self.con, "020_entries", "split", {"unique_id": mine[0], "new_id": make_id("split", mine[1], mine[0])})
        row = self._audit(d, a, matched_by, f"one entry of {n} records")
        self.regrouped.append((row, mine[0], (None, _reasons("split", d))))

    # -- after linking
    def apply_entries(self) -> None:
        for row, unique_id, link in self.regrouped:  # the links of what was regrouped say who did it and why
            if link is not None:
                _run(self.con, "020_entries", "review_link", {"unique_id": unique_id, "other": link[0],
                                                              "reasons": link[1]})
            entry = _run(self.con, "020_entries", "entry_of_record", {"unique_id": unique_id}).fetchone()
            if entry is not None and link is not None:
                row["note"] = (f"one entry now: {entry[0]} ({entry[1]} sources)" if row["action"] == "merge" else
                               f"an entry of its own now: {entry[0]}")
        for d in self.decisions:
            if d.target_kind != "entry":
                continue
            applied_to, matched_by, why = self._resolve(d)
            if applied_to is None:
                self._orphan(d, why)
                continue
            if d.action == "accept":
                self._audit(d, applied_to, matched_by, None)
                continue
            entry = _run(self.con, "020_entries", "entry", {"entry_id": applied_to}).fetchone()
            self._audit(d, applied_to, matched_by, f"{entry[1]} ({entry[2]} sources)")
            members = [r[0] for r in _run(self.con, "020_entries", "members", {"entry_id": applied_to}).fetchall()]
            for amount_id in members:
                self.rejected[amount_id] = d.review_id
                _run(self.con, "010_records", "reject_amount", {"amount_id": amount_id})
            _run(self.con, "020_entries", "drop_entry", {"entry_id": applied_to})
        for (amount_id, name), row in self.derived.items():
            if row["superseded_by"]:
                continue
            entry = _run(self.con, "020_entries", "entry_of", {"amount_id": amount_id}).fetchone()
            if entry is None:
                continue
            _run(self.con, "020_entries", f"set_{name}", {"entry_id": entry[0], "amount_id": amount_id,
                                                          "new": row["new"] or None})
        _run(self.con, "020_entries", "latest")
        self._write()

    # -- after the views
    def apply_views(self) -> None:
        _run(self.con, "030_records", "add_columns")
        for (amount_id, name), row in self.derived.items():
            col = {"kind": "commitment_kind", "deadline_year": "deadline_year"}[name]
            old = self.con.execute(f'SELECT "{col}" FROM v_records WHERE record_id = ?', [amount_id]).fetchone()
            if old is None:  # a bracketed equivalent has no record row; its entry took the correction
                continue
            row["old"] = as_text(old[0])
            if not row["superseded_by"]:
                _run(self.con, "030_records", f"set_{name}", {"amount_id": amount_id, "new": row["new"] or None})
        self._write()
        _run(self.con, "030_records", "mark_reviewed")


APPLIED_COLUMNS = ("review_id", "at", "reviewer", "target_kind", "target_id", "applied_to", "matched_by",
                   "document_id", "quote", "action", "field", "old", "new", "recorded_old", "reason",
                   "superseded_by", "note")
ORPHAN_COLUMNS = ("review_id", "at", "reviewer", "target_kind", "target_id", "document_id", "quote", "action",
                  "field", "old", "new", "reason", "why")


def _reasons(what: str, d: Decision) -> str:
    import json

    word = "yes: merged" if what == "merged" else "no: split out"
    return json.dumps({"merged": f"{word} by review {d.review_id}", "reviewer": d.reviewer, "at": d.at,
                       "reason": d.reason}, ensure_ascii=False)


def _same(a: str, b: str) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-12)
    except ValueError:
        return a.strip() == b.strip()


def _describe(row: dict) -> str:
    return f"{as_text(row['value'])} {row['currency'] or '?'} ({row['quote']})"


def file_info(path: Path | None, n: int) -> dict[str, str]:
    """build_info keys saying which review file a build applied: its path (relative to the
    repository when inside it), its SHA-256 ('none' when absent) and how many decisions it held."""
    import hashlib

    if path is None:
        return {}
    p = Path(path)
    try:
        sha = hashlib.sha256(p.read_bytes()).hexdigest()
    except OSError:
        sha = "none"
    try:
        shown = p.resolve().relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        shown = str(p)
    return {"reviews_file": shown, "reviews_sha256": sha, "reviews_decisions": str(n)}


# ---------------------------------------------------------------- what a reviewer sees

def find_target(con: duckdb.DuckDBPyConnection, target_id: str) -> dict | None:
    """The amount, check, registry entry, target or commitment mention with this id in a built database: its kind, document,
    quote, a check's name and (for an amount) each correctable field's current value as text."""
    for kind in ("amount", "check", "entry", "target", "commitment"):
        cur = _run(con, "040_targets", kind, {"target_id": target_id})
        row = cur.fetchone()
        if row is None:
            continue
        got = dict(zip([c[0] for c in cur.description], row))
        return {"target_kind": kind, "document_id": got["document_id"], "quote": got["quote"],
                "check_name": got.get("check_name", ""),
                "fields": {k: as_text(got[k]) for k in AMOUNT_FIELDS if k in got}}
    return None


def queue(con: duckdb.DuckDBPyConnection, decisions: list[Decision] = ()):
    """The review queue (sql/queries/review_queue.sql) of a built database with each item's
    decision (`with_decisions`)."""
    from etl import db
    from etl.registry import MATCH_WEIGHT_THRESHOLD

    df = db.run_query(con, "review_queue", {"threshold": MATCH_WEIGHT_THRESHOLD})
    return with_decisions(df, db.run_query(con, "review_decisions"), decisions)


def decided(built, decisions: list[Decision] = ()) -> tuple[dict[str, str], set[str]]:
    """What has a decision: target id -> how it was decided (applied by the build, `built`:
    sql/queries/review_decisions.sql, or saved in the review file since, applied by the next
    build), and the records whose figure was corrected (a check on them is decided too)."""
    said: dict[str, str] = {}
    corrected: set[str] = set()
    for r in built.to_dict("records"):
        if r["state"] != "applied":
            continue
        said[r["applied_to"]] = _said(SimpleNamespace(**{**r, "new": r["new"] if isinstance(r["new"], str) else ""}),
                                      "applied")
        if r["action"] == "correct":
            corrected.add(r["applied_to"])
    done = set(built["review_id"])
    for d in sorted(decisions, key=_sort_key):
        if d.review_id in done:
            continue
        said[d.target_id] = _said(d, "saved; rebuild to apply")
        if d.action == "correct":
            corrected.add(d.target_id)
    return said, corrected


def with_decisions(items, built, decisions: list[Decision] = ()):
    """The queue `items` with a `decision` column: how each was decided (`decided`); empty while
    it waits for a human. A check is decided too when the figure it is about was corrected."""
    said, corrected = decided(built, decisions)
    # by column, not row by row: the queue has a row per check, and 100,000 announcements make ~10^5 of them
    out = items.copy()
    by_target = items["target_id"].map(said)
    by_record = items["record_id"].map(lambda r: said.get(r) if r in corrected else None)
    use_record = by_target.isna() & (items["target_kind"] == "check")
    out["decision"] = by_target.where(~use_record, by_record).astype("object")
    out["decision"] = out["decision"].where(out["decision"].notna(), None)
    return out


def _said(d, state: str) -> str:
    what = {"correct": f"{d.field} set to {d.new or '(none)'}", "merge": f"merged with {d.new}"}.get(
        d.action, f"{d.action}ed".replace("eed", "ed").replace("splited", "split out"))
    return f"{what} by {d.reviewer} at {d.at} ({state}): {d.reason}"
