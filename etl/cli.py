"""The `aitrack` command: build, extract, check, export, registry, diff, review, serve, demo, fx fetch.

The CLI is the error boundary: every failure becomes one clear line on stderr
and a non-zero exit (a traceback only with --verbose).

May import: everything in etl; streamlit only through a subprocess.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from etl import __version__, paths
from etl.errors import AitrackError, UsageError
from etl.filters import Filter

EXIT_ERROR = 2
EXIT_CHECK_FAILED = 1


def _date(s: str) -> dt.date:
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {s!r}") from None


def _port(s: str) -> int:
    try:
        port = int(s)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {s!r}")
    return port


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="aitrack", description="Tracker of national AI commitments.")
    ap.add_argument("--version", action="version", version=f"aitrack {__version__}")
    ap.add_argument("--verbose", action="store_true", help="show tracebacks on errors")
    sub = ap.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="ingest announcements, extract, check, and build the database")
    b.add_argument("sources", nargs="*", type=Path, help="files or folders (default: data/announcements)")
    b.add_argument("--db", type=Path, help="database path (default: data/build/aitrack.duckdb or $AITRACK_DB)")
    b.add_argument("--strict", action="store_true", help="fail on the first rejected document")
    b.add_argument("--rates", type=Path, help="your own rates CSV (date,currency,per_usd[,source])")
    b.add_argument("--reference", type=Path, default=None,
                   help="reference data folder (default: data/reference): pegs, fetched rates, publisher hints")
    b.add_argument("--quiet", action="store_true", help="no progress, only the summary line")
    b.add_argument("--jobs", type=_positive_int, default=None,
                   help="extraction processes (default: one per core from 400 files up, else 1); "
                        "the database is the same for any number")
    b.add_argument("--reviews", type=Path, default=None,
                   help="review decisions to apply (default: $AITRACK_REVIEWS, else data/reviews/corrections.csv)")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where extraction runs: this machine's processes (local) or a Dask cluster (dask); "
                        "the database is the same")
    b.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="with --engine dask: the scheduler, e.g. tcp://host:8786 (default: a local cluster)")
    b.add_argument("--workers", type=_positive_int, default=None,
                   help="with --engine dask and no --scheduler: worker processes of the local cluster "
                        "(default: one per core)")
    b.add_argument("--shard-dir", type=Path, default=None,
                   help="with --engine dask: where workers write their Parquet shards, on a filesystem every "
                        "worker shares (default: the database's folder)")
    b.add_argument("--memory-limit", default=None, metavar="SIZE",
                   help="most memory DuckDB may use while the database is written and linked, e.g. 2GB "
                        "(default: $AITRACK_MEMORY_LIMIT, else DuckDB's 80%% of RAM); past it DuckDB spills to a "
                        "folder beside the database, slower but bounded")
    cache = b.add_mutually_exclusive_group()
    cache.add_argument("--cache", type=Path, default=None, metavar="DIR",
                       help="extraction cache: documents unchanged since a build that used it are not extracted "
                            "again (default: $AITRACK_CACHE, else <db>.cache beside the database)")
    cache.add_argument("--no-cache", action="store_true", help="extract every document; read and write no cache")

    e = sub.add_parser("extract", help="print each document's extraction as JSON, without a database")
    e.add_argument("paths", nargs="*", type=Path)
    e.add_argument("--jsonl", metavar="-", help="read {id,text,published,language} lines from stdin ('-')")
    e.add_argument("--pretty", action="store_true", help="indent the JSON")

    c = sub.add_parser("check", help="print the figure checks")
    c.add_argument("--db", type=Path)
    c.add_argument("--strict", action="store_true", help="exit 1 if any check fails")
    c.add_argument("--status", action="append", default=[], help="only these statuses; repeatable")

    x = sub.add_parser("export", help="export the filtered records (same as the dashboard download)")
    x.add_argument("--db", type=Path)
    x.add_argument("--format", choices=("csv", "parquet", "zip", "xlsx"), default="csv")  # = etl.export.FORMATS (tested)
    x.add_argument("-o", "--output", type=Path, required=True, help="output file ('-' for stdout)")
    x.add_argument("--table", choices=("records", "registry", "targets", "deadlines"), default="records",  # = etl.export.TABLES (tested)
                   help="records: one row per amount as printed in one document (default); registry: one row per "
                        "commitment entry, however many sources retell it; targets: one row per target (money, "
                        "people, GPUs, MW, %% of GDP, rank); deadlines: one row per deadline with what it binds "
                        "(a zip always holds all of them); targets and deadlines take --country, --from, --to only")
    Filter.add_arguments(x)

    for name, help_ in (("serve", "serve the dashboard"), ("demo", "build the bundled corpus and serve it")):
        s = sub.add_parser(name, help=help_)
        s.add_argument("--db", type=Path)
        s.add_argument("--port", type=_port, default=8501)
        s.add_argument("--host", default="localhost")

    r = sub.add_parser("registry", help="print the commitment registry: one entry per commitment, with its sources")
    r.add_argument("--db", type=Path)
    r.add_argument("--country", help="only this country (ISO code, e.g. RU)")
    r.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")

    d = sub.add_parser("diff", help="what changed between two databases: entries, records and documents, "
                                    "field by field")
    d.add_argument("old", type=Path, help="the earlier database")
    d.add_argument("new", type=Path, help="the later database")
    d.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    d.add_argument("--exit-code", action="store_true", help="exit 1 when there are changes (as git diff)")
    rv = sub.add_parser("review", help="what needs a human look, and an analyst's decision on it")
    rvs = rv.add_subparsers(dest="review_command", required=True)
    rl = rvs.add_parser("list", help="items waiting for a decision (from the database and the review file)")
    rl.add_argument("--db", type=Path)
    rl.add_argument("--reviews", type=Path, help="review file (default: $AITRACK_REVIEWS, else data/reviews/corrections.csv)")
    rl.add_argument("--all", action="store_true", help="also the items already decided, with their decision")
    ra = rvs.add_parser("add", help="append one decision to the review file (applied by the next build)")
    ra.add_argument("--db", type=Path, help="the database the target is in (to record its document and quote)")
    ra.add_argument("--reviews", type=Path, help="review file (default: $AITRACK_REVIEWS, else data/reviews/corrections.csv)")
    ra.add_argument("--target", required=True, help="an amount (record_id), check, registry entry, target or "
                    "commitment mention id (a registry record naming no amount: registry_links.target_id, commitment_id)")
    ra.add_argument("--action", choices=("accept", "correct", "reject", "merge", "split"),
                    help="default: correct when --field is given")
    ra.add_argument("--field", default="", help="the field to correct: " + ", ".join(
        ("value", "value_min", "value_max", "currency", "qualifier", "country_code", "funding", "kind", "deadline_year")))
    ra.add_argument("--new", default="", help="its new value (empty: none); for merge the other record's id")
    ra.add_argument("--reason", required=True, help="why (required)")
    ra.add_argument("--reviewer", required=True, help="who decides")

    fx = sub.add_parser("fx", help="reference exchange rates")
    fxs = fx.add_subparsers(dest="fx_command", required=True)
    f = fxs.add_parser("fetch", help="fetch official rates into data/reference/fx (reaches the network)")
    f.add_argument("source", choices=("cbr",), help="cbr: the Bank of Russia's daily rates")
    f.add_argument("--from", dest="date_from", type=_date, required=True)
    f.add_argument("--to", dest="date_to", type=_date, required=True)
    f.add_argument("--out", type=Path, default=paths.REFERENCE_DIR / "fx")
    f.add_argument("--base-url", default=None, help="service address (tests point it at a local server)")
    return ap


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {n}")
    return n


def cmd_build(a: argparse.Namespace) -> int:
    from etl.build import build

    _require_sources(a.sources)
    _require_engine(a)
    summary = build(a.sources or None, a.db, strict=a.strict, rates_csv=a.rates, reference_dir=a.reference,
                    progress=False if a.quiet else None, allow_empty=False, jobs=a.jobs, reviews_path=a.reviews,
                    engine=a.engine, scheduler=a.scheduler, workers=a.workers, shard_dir=a.shard_dir,
                    cache=False if a.no_cache else (a.cache or True), memory_limit=a.memory_limit)
    print(summary.line())
    print(summary.release_line())
    return 0


def _require_engine(a: argparse.Namespace) -> None:
    """Options of one engine given to the other are a mistake said at once, not ignored."""
    if a.engine == "dask":
        if a.jobs is not None:
            raise UsageError("--jobs is for --engine local; a Dask build takes --workers (or its scheduler's workers)")
        if a.scheduler and a.workers:
            raise UsageError("--workers starts a local cluster; with --scheduler the cluster's own workers run")
        return
    given = [o for o, v in (("--scheduler", a.scheduler), ("--workers", a.workers), ("--shard-dir", a.shard_dir)) if v]
    if given:
        raise UsageError(f"{' and '.join(given)} {'needs' if len(given) == 1 else 'need'} --engine dask")


def _require_sources(sources: list[Path]) -> None:
    """A source the person typed that is not there stops the build before anything is written
    (the library's build() keeps it as a reject, for feeds that come and go)."""
    missing = [s for s in sources if not s.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(map(str, missing))}; "
                         "nothing was built, the database is untouched")


def _extract_one(text: str, doc_id: str, published: dt.date | None, language: str | None, book,
                 title: str | None = None, publisher: str | None = None, url: str | None = None) -> dict:
    from etl.checks import check_document
    from etl.extract import extract_text
    from etl.reference import publisher_dollar

    ex = extract_text(text, published_on=published, language=language, title=title,
                      default_dollar=publisher_dollar(publisher, url))
    ex.checks = check_document(ex.facts, ex.published_on, book,
                               dollar_inferred=any(x.currency_inferred for x in ex.facts.amounts))
    return ex.to_contract(doc_id)


def cmd_extract(a: argparse.Namespace) -> int:
    from etl.fx import RateBook
    from etl.models import document_id_for  # not etl.build: it would load duckdb and pyarrow for nothing
    from etl.ingest import RawReject, read_file

    book = RateBook.load(paths.REFERENCE_DIR)
    indent = 2 if a.pretty else None
    out = sys.stdout
    if a.jsonl is not None:
        if a.jsonl != "-":
            raise UsageError("--jsonl takes '-' (standard input)")
        for n, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise UsageError(f"stdin line {n}: malformed JSON: {e.msg}") from None
            text = obj.get("text") or ""
            published = None
            if obj.get("published"):
                try:
                    published = dt.date.fromisoformat(str(obj["published"])[:10])
                except ValueError:
                    published = None
            try:
                row = _extract_one(text, obj.get("id"), published, obj.get("language"), book)
            except Exception as e:  # one bad line must not stop the stream: it says why
                row = {"id": obj.get("id"), "error": f"{type(e).__name__}: {e}"}
            out.write(json.dumps(row, ensure_ascii=False, indent=indent) + "\n")
        return 0
    if not a.paths:
        raise UsageError("give files to extract, or --jsonl - to read JSON lines from stdin")
    from etl.ingest import discover

    status = 0
    for path in a.paths:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
    files, _ = discover(a.paths)
    for path in files:
        for item in read_file(path):
            if isinstance(item, RawReject):
                print(f"aitrack: rejected {item.origin}: {item.reason}", file=sys.stderr)
                status = EXIT_ERROR
                continue
            row = _extract_one(item.text, document_id_for(item.text), item.published_on, item.language, book,
                               item.title, item.publisher, item.url)
            row = {"origin": item.origin, "title": item.title, "publisher": item.publisher, "url": item.url, **row}
            out.write(json.dumps(row, ensure_ascii=False, indent=indent) + "\n")
    return status


def _connect(db_path: Path | None):
    from etl.export import open_readonly

    path = Path(db_path or paths.default_db_path())
    if not path.exists():
        raise UsageError(f"no database at {path}; run `aitrack build` first")
    return open_readonly(path)


def cmd_check(a: argparse.Namespace) -> int:
    from etl import db

    con = _connect(a.db)
    df = db.run_query(con, "checks", {"statuses": a.status, "checks": []})
    counts = df["status"].value_counts().to_dict() if len(df) else {}
    df = df.astype(object).where(df.notna(), None)
    for r in df.itertuples():
        where = r.publisher or r.title or r.document_id or "cross-document"
        print(f"{r.status.upper():12s} {r.check:22s} {where}: {r.detail}")
    print("checks: " + (", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "none"))
    if a.strict and counts.get("fail"):
        return EXIT_CHECK_FAILED
    return 0


def cmd_export(a: argparse.Namespace) -> int:
    from etl.export import export_counted

    # an invalid filter stops here, before the database is opened (read only to know its countries)
    filters = Filter.from_cli(a, database_codes=lambda: _database_countries(a.db))
    con = _connect(a.db)
    data, n = export_counted(con, a.format, filters, a.table)
    # An empty result is still a valid file (the header, the manifest) and exit 0: the filter
    # was well formed, it just matched nothing; the warning says so on the one stderr line.
    warning = f"aitrack: warning: {_nothing_matched(filters)}" if n == 0 else None
    if str(a.output) == "-":
        sys.stdout.buffer.write(data)
        if warning:
            print(warning, file=sys.stderr)
    else:
        tmp = a.output.with_name(a.output.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, a.output)
        wrote = f"wrote {a.output} ({'no records, ' if warning else ''}{len(data)} bytes)"
        print(f"{warning}; {wrote}" if warning else wrote, file=sys.stderr)
    return 0


def _nothing_matched(filters: Filter) -> str:
    if filters.is_empty():
        return "the database has no records"
    return f"the filter matched no records ({'; '.join(filters.describe())})"


def _database_countries(db_path: Path | None) -> list[str]:
    """The country codes of the database about to be exported, so a code only it knows is valid."""
    import duckdb

    from etl.export import open_readonly

    path = Path(db_path or paths.default_db_path())
    if not path.exists():
        return []
    try:
        con = open_readonly(path)
    except duckdb.Error:
        return []  # _connect says what is wrong with it
    try:
        return [r[0] for r in con.execute("SELECT DISTINCT country_code FROM documents "
                                          "WHERE country_code IS NOT NULL").fetchall()]
    except duckdb.Error:
        return []
    finally:
        con.close()


def _cannot_listen(host: str, port: int) -> OSError | None:
    """Why the dashboard could not listen on host:port, found before anything is printed or built.

    Binds every address the host resolves to, as the server will (SO_REUSEADDR like it, so a
    port left in TIME_WAIT by the last run is not "busy"); another program listening is.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        return e
    for family, kind, proto, _, addr in infos:
        with socket.socket(family, kind, proto) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                s.bind(addr)
            except OSError as e:
                if e.errno == errno.EADDRNOTAVAIL:  # ::1 on a machine without IPv6: the server skips it too
                    continue
                return e
    return None


def _require_port(host: str, port: int) -> None:
    err = _cannot_listen(host, port)
    if err is None:
        return
    if err.errno == errno.EADDRINUSE:
        free = next((p for p in range(port + 1, min(port + 100, 65536)) if _cannot_listen(host, p) is None), None)
        raise UsageError(f"port {port} is in use" + (f"; try --port {free}" if free else ""))
    raise UsageError(f"cannot listen on {host}:{port}: {getattr(err, 'strerror', None) or err}")


def serve(db_path: Path | None, port: int, host: str) -> int:
    _require_port(host, port)  # before the address is printed: a busy port is one line, not a banner then a crash
    env = dict(os.environ, AITRACK_DB=str(Path(db_path or paths.default_db_path()).resolve()))
    cmd = [sys.executable, "-m", "streamlit", "run", str(paths.ROOT / "dashboard" / "app.py"),
           "--server.port", str(port), "--server.address", host, "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
           "--client.toolbarMode", "minimal"]
    print(f"aitrack dashboard on http://{host}:{port} (database {env['AITRACK_DB']})", file=sys.stderr)
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return 0


def cmd_registry(a: argparse.Namespace) -> int:
    import csv

    from etl import db

    con = _connect(a.db)
    df = db.run_query(con, "registry", {"country": a.country})
    rows = df.astype(object).where(df.notna(), None).to_dict("records")
    for row in rows:
        row["sources"] = list(row["sources"])
        row["status_evidence"] = [dict(e) for e in row["status_evidence"]]
        for k in ("rate_on", "status_on", "as_of", "first_seen", "last_seen"):
            row[k] = str(row[k])[:10] if row[k] is not None else None  # dates, not pandas timestamps
    if a.format == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    w = csv.DictWriter(sys.stdout, fieldnames=list(df.columns), lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow({**row, "sources": " ".join(row["sources"]),
                    "status_evidence": json.dumps(row["status_evidence"], ensure_ascii=False)})
    return 0


DIFF_COLUMNS = ("kind", "change", "row_id", "field", "old_value", "new_value")


def cmd_diff(a: argparse.Namespace) -> int:
    import csv

    from etl.export import neutralise
    from etl.releases import NotADatabase, change_counts, diff_databases

    try:
        diff = diff_databases(a.old, a.new)
    except NotADatabase as e:
        raise UsageError(str(e)) from None
    changes = diff.changes
    rows = changes.astype(object).where(changes.notna(), None).to_dict("records")
    out = sys.stdout
    if a.format == "jsonl":
        for row in rows:
            out.write(json.dumps({k: row[k] for k in DIFF_COLUMNS}, ensure_ascii=False) + "\n")
    elif a.format == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(DIFF_COLUMNS)
        for row in rows:
            w.writerow(["" if row[k] is None else neutralise(str(row[k])) for k in DIFF_COLUMNS])
    else:
        for line in _diff_table(rows):
            out.write(line + "\n")

    def rel(info: dict) -> str:
        return f"release {info['release_id']}" if info.get("release_id") else "no release id"

    print(f"aitrack: {a.old} ({rel(diff.old_info)}) -> {a.new} ({rel(diff.new_info)}): {change_counts(changes)}",
          file=sys.stderr)
    return 1 if a.exit_code and rows else 0


def _diff_table(rows: list[dict]) -> list[str]:
    """One line per change: kind of row, change, id, field, old -> new (long values shortened)."""
    def short(v) -> str:
        if v is None:
            return "(none)"
        text = " ".join(str(v).split())
        return text if len(text) <= 80 else text[:79] + "…"

    if not rows:
        return []
    width = {k: max(len(str(r[k] or "-")) for r in rows) for k in ("kind", "change", "row_id", "field")}
    return [f"{r['kind']:{width['kind']}}  {r['change']:{width['change']}}  {r['row_id']:{width['row_id']}}  "
            f"{(r['field'] or '-'):{width['field']}}  {short(r['old_value'])} -> {short(r['new_value'])}"
            for r in rows]


def cmd_review(a: argparse.Namespace) -> int:
    from etl import reviews

    con = _connect(a.db)
    try:
        if a.review_command == "list":
            return _review_list(con, a)
        target = reviews.find_target(con, a.target)
        if target is None:
            raise UsageError(f"no amount, check, registry entry, target or commitment has the id {a.target!r} in "
                             f"{Path(a.db or paths.default_db_path())}")
        action = a.action or ("correct" if a.field else None)
        if action is None:
            raise UsageError("say what to do: --field F --new V to correct, or --action accept|reject|merge|split")
        field = a.field or (target["check_name"] if target["target_kind"] == "check" else "")
        old = target["fields"].get(a.field, "") if action == "correct" else ""
        decision = reviews.decide(reviewer=a.reviewer, target_kind=target["target_kind"], target_id=a.target,
                                  document_id=target["document_id"], quote=target["quote"], action=action,
                                  field=field, old=old, new=a.new, reason=a.reason)
    except reviews.ReviewError as e:
        raise UsageError(e.message) from None
    finally:
        con.close()
    path = reviews.append(a.reviews, [decision])
    change = f" {field}: {old or '(none)'} -> {a.new or '(none)'}" if action == "correct" else ""
    print(f"saved review {decision.review_id} ({action} {target['target_kind']} {a.target}{change}) to {path}; "
          "rebuild to apply (aitrack build)")
    return 0


def _review_list(con, a: argparse.Namespace) -> int:
    from etl import reviews

    queue = reviews.queue(con, reviews.load(a.reviews))
    pending = queue[queue["decision"].isna()]
    for r in (queue if a.all else pending).astype(object).where(queue.notna(), None).itertuples():
        value = f"{r.value:,.0f} {r.currency or '?'}" if r.value is not None else "no value"
        where = f"{r.publisher or r.document_id} {str(r.published_on)[:10] if r.published_on else 'undated'}"
        decided = f"  [{r.decision}]" if r.decision else ""
        print(f"{r.item:34s} {r.target_kind:10s} {r.target_id}  {r.quote!r} ({value}; {where}): {r.detail}{decided}")
    print(f"review: {len(pending)} pending, {len(queue) - len(pending)} decided")
    return 0


def cmd_fx(a: argparse.Namespace) -> int:
    from etl.fx import FetchError, fetch_cbr

    if a.date_to < a.date_from:
        raise UsageError("--to is before --from")
    kwargs = {"base_url": a.base_url} if a.base_url else {}
    try:
        path = fetch_cbr(a.date_from, a.date_to, a.out, **kwargs)
    except FetchError as e:
        raise AitrackError(str(e), stage="fx fetch cbr") from e
    print(f"wrote {path}")
    return 0


def run(argv: list[str] | None = None) -> int:
    ap = parser()
    a = ap.parse_args(argv)
    if a.command == "build":
        return cmd_build(a)
    if a.command == "extract":
        return cmd_extract(a)
    if a.command == "check":
        return cmd_check(a)
    if a.command == "export":
        return cmd_export(a)
    if a.command == "serve":
        return serve(a.db, a.port, a.host)
    if a.command == "demo":
        from etl.build import build

        _require_port(a.host, a.port)  # before a build that would be wasted
        print(build(None, a.db, cache=True).line(), file=sys.stderr)
        return serve(a.db, a.port, a.host)
    if a.command == "registry":
        return cmd_registry(a)
    if a.command == "diff":
        return cmd_diff(a)
    if a.command == "review":
        return cmd_review(a)
    if a.command == "fx":
        return cmd_fx(a)
    raise UsageError(f"unknown command {a.command}")


def main(argv: list[str] | None = None) -> None:
    verbose = "--verbose" in (argv if argv is not None else sys.argv[1:])
    try:
        code = run(argv)
    except AitrackError as e:
        if verbose:
            raise
        print(f"aitrack: error: {e}", file=sys.stderr)
        code = EXIT_ERROR
    except KeyboardInterrupt:
        print("aitrack: interrupted", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        code = 0
    except Exception as e:
        if verbose:
            raise
        print(f"aitrack: error: {type(e).__name__}: {e} (run with --verbose for details)", file=sys.stderr)
        code = EXIT_ERROR
    sys.exit(code)


if __name__ == "__main__":
    main()
