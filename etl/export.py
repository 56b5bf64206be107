"""Exports: exactly the filtered records, as CSV, Parquet, or a documented zip.

Two grains: the mention table (records.csv: one row per amount as printed in one document,
the default) and the commitment registry (registry.csv: one row per entry, however many
documents retell it, with registry_links.csv saying which records were merged into each and
why). The zip carries all three; `--table registry` gives the registry alone. Beside them, the
targets (targets.csv: people trained, GPUs, MW, % of GDP, ranks and money targets, each with its
unit) and the deadlines (deadlines.csv: each with what it binds), in the zip and as
`--table targets` / `--table deadlines`.

The dashboard's download button and `aitrack export` both call `export_bytes`
with the same `etl.filters.Filter`, so they give the same bytes. Conventions: UTF-8, ISO
dates, "." decimals, plain numbers without thousands separators, empty for
missing and 0 only for zero, one column order that only grows (RECORD_COLUMNS,
pinned by a test), and text cells starting with =, +, - or @ prefixed with an
apostrophe so a spreadsheet cannot run them.

May import: the standard library, duckdb, pandas, pyarrow, etl.*.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import math
import re
import tomllib
import zipfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from etl import __version__, db, paths, reference, releases
from etl.filters import Filter
from etl.errors import UsageError
from etl.models import Amount, Deadline, Document, RegistryEntry, RegistryLink, Target

FORMATS = ("csv", "parquet", "zip", "xlsx")
# what --table names: the mention table (default), the commitment registry, the targets, the deadlines
TABLES = ("records", "registry", "targets", "deadlines")

_AMOUNT = Amount.model_fields
# The column order of every export. Add new columns at the end only.
RECORD_COLUMNS: dict[str, str] = {
    "record_id": "Id of the amount (amounts.amount_id); stable across rebuilds of the same text.",
    "document_id": Document.model_fields["document_id"].description,
    "country_code": "ISO 3166-1 alpha-2 of the country the announcement is about (EU for the Union).",
    "publisher": Document.model_fields["publisher"].description,
    "published_on": "Publication date of the announcement (ISO); empty when undated. Formerly announced_on.",
    "title": Document.model_fields["title"].description,
    "url": Document.model_fields["url"].description,
    "quote": "The amount exactly as printed: documents.text[start:end].",
    "start": _AMOUNT["start"].description,
    "end": _AMOUNT["end"].description,
    "value": _AMOUNT["value"].description,
    "value_min": _AMOUNT["value_min"].description,
    "value_max": _AMOUNT["value_max"].description,
    "currency": _AMOUNT["currency"].description,
    "qualifier": _AMOUNT["qualifier"].description,
    "currency_inferred": _AMOUNT["currency_inferred"].description,
    "is_headline": _AMOUNT["is_headline"].description,
    "value_usd": _AMOUNT["value_usd"].description,
    "value_eur": _AMOUNT["value_eur"].description,
    "usd_rate": _AMOUNT["usd_rate"].description,
    "eur_rate": _AMOUNT["eur_rate"].description,
    "rate_on": _AMOUNT["rate_on"].description,
    "rate_source": _AMOUNT["rate_source"].description,
    "fx_status": _AMOUNT["fx_status"].description + " (converted, no_rate, no_currency, no_date, no_value)",
    "fx_note": _AMOUNT["fx_note"].description,
    "stated_value": "The equivalent the text itself prints in brackets, if any (e.g. 136570000000 for '$136.57 billion').",
    "stated_currency": "Currency of stated_value.",
    "implied_rate": "value / stated_value: units of currency per 1 stated_currency, as the text implies.",
    "check_status": "Worst figure check on this amount: fail, warn, unverifiable, pass, info, or none.",
    "deadline_year": "Year by which the commitment is due: from its target, else the deadline of its sentence "
                     "that binds it (deadlines.binds = amount), else a deadline near the amount.",
    "commitment_kind": "Kind of commitment in the amount's sentence (fund, data_centres, ...), or unspecified.",
    "sentence": "The sentence the commitment stands in.",
    "language": Document.model_fields["language"].description,
    "undated": Document.model_fields["undated"].description,
    "extractor_version": _AMOUNT["extractor_version"].description,
    "funding": _AMOUNT["funding"].description,
    "reviewed": "True when an analyst decided on this record (accepted it or corrected a field; "
                "data/reviews/corrections.csv, audited in the database's corrections_applied table).",
    "corrected_fields": "The fields an analyst corrected, ';'-separated ('value;currency'); empty when none. "
                        "The extracted values stay in corrections_applied.old.",
    "check_results": "Every figure check on this amount as 'check: status', ';'-separated in name order "
                     "('reference_rate: unverifiable; stated_rate_rounding: pass'): check_status is only the worst.",
    "country_name": "English short name of country_code (ISO 3166 via pycountry and CLDR, the names of "
                    "etl/extract/lexicon/gazetteer.csv and countries.csv: 'Portugal' for PT); empty without a code.",
    "funding_quote": _AMOUNT["funding_quote"].description.replace(
        "(documents.text[funding_start:funding_end])", "(amounts.funding_start and funding_end locate it)"),
}

# registry.csv: the registry table's columns (etl/models.py RegistryEntry, in its order), then what
# sql/views/030_entries.sql adds to read an entry without joining. New columns go at the end.
REGISTRY_COLUMNS: dict[str, str] = {
    **{name: f.description for name, f in RegistryEntry.model_fields.items()},
    "headline": "True when some source gives this figure as its headline amount, or the entry has no amount "
                "record; the Overview and Compare totals add up the latest headline entries only, so a part "
                "of a larger figure ($39 billion of $52.7 billion) or a target that is not money is not added.",
    "sources": "Document ids of every source merged into the entry, joined by ';' (registry_links.csv says how).",
    "check_status": "Worst figure check of the entry: its figure record's checks and its across_sources checks "
                    "(fail, warn, unverifiable, pass, info, or none).",
    "funding": "Who puts up the money, as the figure record's sentence says (public, private, mixed, unknown).",
    "fx_status": "Why value_usd is set or empty, from the figure record (converted, no_rate, no_currency, no_date, "
                 "no_value); empty when the entry has no amount record.",
    "fx_note": "The figure record's note on its conversion (why there is no USD value).",
    "figure_publisher": "Publisher of the document the entry's figure comes from (document_id).",
    "across_checks": "How many across_sources check rows say a source of this entry disagrees with its figure.",
    "reviewed": "True when an analyst's decision applies to this entry or to the record its figure comes from "
                "(for an entry without a figure, its target or commitment mention) (accepted, corrected, merged "
                "or split; data/reviews/corrections.csv, audited in corrections_applied).",
    "corrected_fields": "The fields an analyst corrected on the entry or its figure record, ';'-separated; empty "
                        "when none. The extracted values stay in corrections_applied.old.",
    "check_results": "Every check behind check_status as 'check: status', ';'-separated: the figure record's "
                     "(records.csv check_results), then across_sources; check_status is only the worst.",
    "country_name": RECORD_COLUMNS["country_name"],
}

# registry_links.csv: the registry_links table's columns (RegistryLink), then the linked row in words.
LINK_COLUMNS: dict[str, str] = {
    **{name: f.description for name, f in RegistryLink.model_fields.items()},
    "publisher": "Publisher of the linked row's document.",
    "published_on": "Publication date of that document (ISO); empty when undated.",
    "quote": "The linked amount, target or commitment exactly as printed in that document.",
}

_DOCUMENT_COLUMNS = {
    "publisher": Document.model_fields["publisher"].description,
    "published_on": "Publication date of the document (ISO); empty when undated.",
    "title": Document.model_fields["title"].description,
    "url": Document.model_fields["url"].description,
}


def _model_columns(model, names: tuple[str, ...]) -> dict[str, str]:
    fields = model.model_fields
    return {n: _DOCUMENT_COLUMNS[n] if n in _DOCUMENT_COLUMNS else fields[n].description for n in names}


# targets.csv: sql/queries/targets_export.sql's columns, in its order. New columns go at the end.
TARGET_COLUMNS: dict[str, str] = _model_columns(Target, (
    "target_id", "document_id", "country_code", "publisher", "published_on", "title", "url", "metric", "comparator",
    "value", "unit", "currency", "year", "value_quote", "value_start", "value_end", "quote", "start", "end",
    "amount_id", "extractor_version"))
TARGET_COLUMNS["quote"] = "The sentence that states the target: documents.text[start:end]."

# deadlines.csv: sql/queries/deadlines_export.sql's columns, in its order. New columns go at the end.
DEADLINE_COLUMNS: dict[str, str] = _model_columns(Deadline, (
    "deadline_id", "document_id", "country_code", "publisher", "published_on", "title", "url", "year",
    "deadline_on", "precision", "relation", "binds", "binds_quote", "amount_id", "target_id", "commitment_id",
    "quote", "start", "end", "extractor_version"))

# the filters that narrow targets and deadlines: the others (currency, kind, check status, funding,
# headline) are about amounts, and are refused there rather than silently ignored
_FACT_FILTERS = ("countries", "date_from", "date_to")


def fact_table(con: duckdb.DuckDBPyConnection, table: str, filters: Filter | None = None) -> pd.DataFrame:
    """The targets or deadlines of the filtered countries and publication dates, columns in
    TARGET_COLUMNS / DEADLINE_COLUMNS order."""
    f = filters or Filter()
    blank = Filter().params()
    refused = [k for k, v in f.params().items() if k not in _FACT_FILTERS and v != blank[k]]
    if refused:
        flags = {"currencies": "--currency", "kinds": "--kind", "statuses": "--status",
                 "headline_only": "--headline-only", "fundings": "--funding"}
        raise UsageError(f"--table {table} is filtered by --country, --from and --to only, not by "
                         f"{', '.join(flags.get(k, k) for k in refused)}")
    columns = TARGET_COLUMNS if table == "targets" else DEADLINE_COLUMNS
    return db.run_query(con, f"{table}_export", f.params())[list(columns)]


_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with an apostrophe."""
    return "'" + value if value.startswith(_DANGEROUS) else value


def _fmt_number(x: object) -> str:
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        return str(x)
    f = float(x)
    if f.is_integer() and abs(f) < 1e16:
        return str(int(f))
    return repr(f)


def records(con: duckdb.DuckDBPyConnection, filters: Filter | None = None) -> pd.DataFrame:
    """The filtered records table, columns in RECORD_COLUMNS order."""
    df = with_country_name(db.run_query(con, "records", (filters or Filter()).params()))
    return df[list(RECORD_COLUMNS)]


def registry(con: duckdb.DuckDBPyConnection, filters: Filter | None = None) -> pd.DataFrame:
    """The registry entries the filter keeps (superseded ones too: `latest` says which are not),
    columns in REGISTRY_COLUMNS order; the filter reads on an entry as sql/refresh/020_filtered_entries.sql says."""
    df = with_country_name(db.run_query(con, "registry_entries", {**(filters or Filter()).params(), "latest_only": False}))
    return df[list(REGISTRY_COLUMNS)]


def with_country_name(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with a country_name column after its others, the name of each row's country_code."""
    names = reference.country_names()
    return df.assign(country_name=df["country_code"].map(lambda c: names.get(c, c) if isinstance(c, str) and c else None))


def registry_links(con: duckdb.DuckDBPyConnection, filters: Filter | None = None) -> pd.DataFrame:
    """Every link of the entries `registry` returns for the same filter, columns in LINK_COLUMNS order."""
    df = db.run_query(con, "registry_links_export", {**(filters or Filter()).params(), "latest_only": False})
    return df[list(LINK_COLUMNS)]


def _text_cell(v: object) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, (int, float)):
        return _fmt_number(v)
    return neutralise(str(v))


def _float_column(s: pd.Series) -> list[str]:
    v = s.to_numpy(dtype="float64", na_value=np.nan)
    out = np.full(len(v), "", dtype=object)
    ok = ~np.isnan(v)
    whole = ok & (np.abs(v) < 1e16) & (np.floor(v) == v)
    out[whole] = v[whole].astype(np.int64).astype(str)
    rest = ok & ~whole
    out[rest] = [repr(float(x)) for x in v[rest]]  # Python's shortest round-trip text, as _fmt_number
    return out.tolist()


def _column(s: pd.Series) -> list[str]:
    """One column as export text: numbers plain, dates ISO, booleans true/false, formulas neutralised.

    Whole columns at once: formatting cell by cell was 8 million Python calls for a
    100,000-announcement export (bench/RESULTS.md).
    """
    if pd.api.types.is_bool_dtype(s) and not s.isna().any():
        return np.where(s.to_numpy(dtype=bool), "true", "false").tolist()
    if pd.api.types.is_float_dtype(s):
        return _float_column(s)
    if pd.api.types.is_integer_dtype(s) and not s.isna().any():
        return s.to_numpy().astype(str).tolist()
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.dt.strftime("%Y-%m-%d").fillna("").tolist()
    if pd.api.types.is_string_dtype(s):
        out = []
        for x in s.to_numpy(dtype=object, na_value=None):
            if x is None:
                out.append("")
            elif type(x) is str:
                out.append("'" + x if x.startswith(_DANGEROUS) else x)
            else:
                out.append(_text_cell(x))
        return out
    return [_text_cell(x) if not isinstance(x, (int, float)) or isinstance(x, bool) else _fmt_number(x)
            for x in s.astype(object)]


_NEEDS_QUOTES = re.compile('[,"\n\r]')


def _quoted(col: list[str]) -> list[str]:
    """A column's cells with minimal quoting (RFC 4180): a cell holding a comma, a quote or a
    line end is quoted, its quotes doubled. This is what csv.writer(lineterminator="\n")
    writes, except that it leaves a lone "\r" bare, which readers take for a line end.
    A column none of whose cells needs quoting (every number, date and flag) is one test in C."""
    needs = _NEEDS_QUOTES.search
    if not needs("\x00".join(col)):
        return col
    return ['"' + x.replace('"', '""') + '"' if needs(x) else x for x in col]


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """The frame as CSV, "\n" line ends, built column by column and joined once: writing
    222,000 rows through csv.writer took 2.5 s (bench/RESULTS.md)."""
    cols = [_quoted(_column(df[c])) for c in df.columns]
    if len(cols) == 1:
        # a row of one blank cell would be a blank line, which readers skip: quote it
        # (csv.writer quotes the empty cell, not one of spaces)
        cols = [[x if x.strip() else f'"{x}"' for x in cols[0]]]
    rows = map(",".join, zip(*cols))
    out = [(",".join(_quoted([str(c) for c in df.columns])) + "\n").encode("utf-8")]
    while block := list(itertools.islice(rows, 20_000)):  # never the whole text as one str
        out.append(("\n".join(block) + "\n").encode("utf-8"))
    return b"".join(out)


def to_parquet_bytes(df: pd.DataFrame) -> bytes:
    safe = df.copy()
    for col in safe.columns:
        # pandas 3 gives text its own 'str' dtype, so test the dtype family, not `== object`
        if pd.api.types.is_object_dtype(safe[col]) or pd.api.types.is_string_dtype(safe[col]):
            safe[col] = safe[col].map(lambda v: neutralise(v) if isinstance(v, str) else v)
    buf = io.BytesIO()
    safe.to_parquet(buf, index=False, engine="pyarrow", compression="zstd")
    return buf.getvalue()


def manifest(con: duckdb.DuckDBPyConnection, filters: Filter | None, n_rows: int,
             tables: dict[str, int] | None = None) -> dict:
    info = dict(con.execute("SELECT key, value FROM build_info ORDER BY key").fetchall())
    fx = con.execute(
        "SELECT source, currency, CAST(first_on AS VARCHAR), CAST(last_on AS VARCHAR) FROM fx_sources "
        "WHERE currency IN (SELECT DISTINCT currency FROM amounts WHERE fx_status = 'converted') OR currency = 'EUR' "
        "ORDER BY currency, source"
    ).fetchall()
    used = con.execute(
        "SELECT rate_source, currency, CAST(min(rate_on) AS VARCHAR), CAST(max(rate_on) AS VARCHAR), count(*) "
        "FROM amounts WHERE fx_status = 'converted' GROUP BY ALL ORDER BY 2, 1"
    ).fetchall()
    return {
        "aitrack_version": __version__,
        "extractor_version": info.get("extractor_version"),
        "built_at": info.get("built_at"),
        # the release (etl/releases.py); CHANGELOG.md in the zip says what changed since the previous one
        "release_id": info.get("release_id"),
        "previous_release_id": info.get("previous_release_id"),
        "code_version": info.get("code_version"),
        "source_files": _portable_paths(json.loads(info.get("source_files", "[]")), json.loads(info.get("sources", "[]"))),
        "filters": (filters or Filter()).params(),  # blocs expanded: the codes the rows were selected by
        "rows": n_rows,
        "columns": list(RECORD_COLUMNS),
        # each file of the zip: its grain, its rows and its columns (rows/columns above are records.csv's)
        "tables": {
            name: {"grain": _GRAINS[name], "rows": n, "columns": list(_COLUMNS_OF[name])}
            for name, n in (tables or {"records.csv": n_rows}).items()
        },
        "exchange_rates_used": [
            {"source": s, "currency": c, "first_rate_on": a, "last_rate_on": b, "amounts": n} for s, c, a, b, n in used
        ],
        "exchange_rate_sources": [
            {"source": s, "currency": c, "first_on": a, "last_on": b} for s, c, a, b in fx
        ],
    }


_GRAINS = {
    "records.csv": "one row per amount as printed in one document (a pledge retold by five outlets is five rows)",
    "registry.csv": "one row per commitment entry, however many sources retell it (latest = false: superseded "
                    "by a re-announcement)",
    "registry_links.csv": "one row per record, stated conversion, target or commitment mention merged into an "
                          "entry, with its match weight and the reasons",
    "targets.csv": "one row per target as stated in one document: money, people trained, GPUs, compute "
                   "(PFLOPS), data-centre capacity (MW), a share of GDP or a rank, with its unit",
    "deadlines.csv": "one row per deadline with a year or date, with what it binds (a target, an amount or a "
                     "commitment of its sentence)",
}
_COLUMNS_OF = {"records.csv": RECORD_COLUMNS, "registry.csv": REGISTRY_COLUMNS, "registry_links.csv": LINK_COLUMNS,
               "targets.csv": TARGET_COLUMNS, "deadlines.csv": DEADLINE_COLUMNS}


def data_dictionary_markdown() -> str:
    lines = ["# Data dictionary", ""]
    for name, title in (("records.csv", "Columns of `records.csv` / `records.parquet`, in order."),
                        ("registry.csv", "Columns of `registry.csv` (`aitrack export --table registry`), in order."),
                        ("registry_links.csv", "Columns of `registry_links.csv`, in order."),
                        ("targets.csv", "Columns of `targets.csv` (`aitrack export --table targets`), in order."),
                        ("deadlines.csv", "Columns of `deadlines.csv` (`aitrack export --table deadlines`), in order.")):
        lines += [f"## {name}", "", title, f"Grain: {_GRAINS[name]}.", "", "| column | meaning |", "|---|---|"]
        lines += [f"| `{k}` | {v} |" for k, v in _COLUMNS_OF[name].items()]
        lines.append("")
    return "\n".join(lines)


def _portable_paths(files: list[dict], sources: list[str]) -> list[dict]:
    """Source files as paths a reader can use anywhere, never the builder's absolute local
    path (which says who built it where, and means nothing elsewhere): relative to the
    repository for files in it ("data/announcements/ru_gdp.md"), else relative to the
    source folder the build was given, named by its last part ("feeds/2025/a.json" for
    `aitrack build /home/bob/feeds`), else the file's name."""
    root = paths.ROOT.resolve()
    folders = sorted((Path(x) for x in sources if Path(x).is_absolute()), key=lambda p: len(p.parts), reverse=True)

    def portable(path: str) -> str:
        p = Path(path)
        if not p.is_absolute():  # as the build was given it, relative to where it ran
            return p.as_posix()
        if p.is_relative_to(root) or p.resolve().is_relative_to(root):
            p = p.resolve()
            return p.relative_to(root).as_posix()
        for folder in folders:
            if p != folder and p.is_relative_to(folder):
                return (Path(folder.name) / p.relative_to(folder)).as_posix()
        return p.name

    return [{**f, "path": portable(f["path"]) if f.get("path") else f.get("path")} for f in files]


def project_metadata() -> dict:
    """The citation's facts, from pyproject.toml's [project] table (name, version, description, authors, urls)."""
    try:
        project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        project = {}
    authors = [a.get("name") or a.get("email") for a in project.get("authors", []) if a.get("name") or a.get("email")]
    urls = project.get("urls", {})
    return {
        "name": project.get("name", "aitrack"),
        "version": project.get("version", __version__),
        "description": project.get("description", ""),
        "authors": authors or ["aitrack contributors"],
        "url": urls.get("Repository") or urls.get("Homepage") or "",
    }


def citation_text(m: dict) -> str:
    """How to cite this export: the software (from pyproject.toml) and the data it built, with its date."""
    meta = project_metadata()
    built = m.get("built_at") or ""
    year = built[:4] or "n.d."
    who = ", ".join(meta["authors"])
    title = f"{meta['name']}: {meta['description'].rstrip('.')}" if meta["description"] else meta["name"]
    url = f" {meta['url']}" if meta["url"] else ""
    key = f"{meta['name']}_{year}".replace("-", "_")
    return (
        f"{who} ({year}). *{title}* (version {meta['version']}) [software and data set]. "
        f"Data built {built or 'at an unknown time'}, extractor {m.get('extractor_version')}; "
        f"this export: {m['rows']} records.{url}\n\n"
        "```bibtex\n"
        f"@misc{{{key},\n"
        f"  author = {{{{{who}}}}},\n"
        f"  title = {{{{{title}}}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{meta['version']}}},\n"
        f"  note = {{Data built {built}, extractor {m.get('extractor_version')}, {m['rows']} records}},\n"
        + (f"  url = {{{meta['url']}}},\n" if meta["url"] else "")
        + "}\n```\n"
    )


def readme_text(m: dict) -> str:
    return (
        "# aitrack export\n\n"
        "National AI commitments extracted from public announcements. Every row quotes the text it was "
        "read from (document_id, quote, start, end) and, for converted values, the exchange rate, its date "
        "and its source (usd_rate, rate_on, rate_source).\n\n"
        f"- rows: {m['rows']}\n- built: {m.get('built_at')}\n- aitrack {m['aitrack_version']}\n"
        f"- filters: {json.dumps(m['filters'], ensure_ascii=False)}\n\n"
        "Files: `records.csv` (UTF-8, ISO dates, '.' decimals, empty = missing, 0 = zero), "
        "`records.parquet`, `registry.csv`, `registry_links.csv`, `targets.csv`, `deadlines.csv`, "
        "`DATA_DICTIONARY.md`, `manifest.json` "
        "(source files are relative to the repository, or to the folder they share), `CHANGELOG.md` (what "
        "changed since the previous release).\n\n"
        "Two grains: `records.csv` has one row per amount as printed in one document, so a pledge retold by "
        "five outlets is five rows; `registry.csv` has one row per commitment however many sources retell it, "
        "and `registry_links.csv` says which records were merged into each entry and why. Add up "
        "`registry.csv`'s value_usd over rows with latest = true (and headline = true for the dashboard's "
        "totals), never records.csv's.\n\n"
        "## Cite as\n\n" + citation_text(m)
    )


def to_xlsx_bytes(df: pd.DataFrame, m: dict, columns: dict[str, str] = RECORD_COLUMNS, sheet_name: str = "records") -> bytes:
    """An Excel workbook of three sheets: `records` (the columns of records.csv, numbers as
    numbers, dates as dates, empty for missing and 0 for zero; text is written as text, so
    a cell starting with = is never a formula and needs no apostrophe), `dictionary` (the
    data dictionary) and `metadata` (the manifest and the citation). The same filters give
    the same bytes: the workbook's creation time is fixed, not the time of the export."""
    import xlsxwriter  # only this format needs it

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    book.set_properties({"title": "aitrack export", "author": ", ".join(project_metadata()["authors"]),
                         "created": dt.datetime(1980, 1, 1), "comments": f"aitrack {m['aitrack_version']}"})
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet(sheet_name)
    sheet.write_row(0, 0, list(df.columns), bold)
    sheet.freeze_panes(1, 0)
    for j, name in enumerate(df.columns):
        col = df[name]
        kind = col.dtype.kind
        for i, v in enumerate(col.tolist(), start=1):
            if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
                continue  # missing is an empty cell
            if kind == "M":
                sheet.write_datetime(i, j, v.to_pydatetime() if hasattr(v, "to_pydatetime") else v, day)
            elif isinstance(v, bool):
                sheet.write_boolean(i, j, v)
            elif isinstance(v, (int, float, np.integer, np.floating)):
                sheet.write_number(i, j, float(v))
            else:
                sheet.write_string(i, j, str(v))
    info = book.add_worksheet("dictionary")
    info.write_row(0, 0, ["column", "meaning"], bold)
    for i, (k, v) in enumerate(columns.items(), start=1):
        info.write_row(i, 0, [k, v])
    meta = book.add_worksheet("metadata")
    meta.write_row(0, 0, ["key", "value"], bold)
    rows = [(k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)) for k, v in m.items() if v is not None]
    rows.append(("citation", citation_text(m)))
    for i, (k, v) in enumerate(rows, start=1):
        meta.write_string(i, 0, k)
        meta.write_string(i, 1, v[:32767])  # Excel's limit for one cell
    book.close()
    return buf.getvalue()


def export_bytes(con: duckdb.DuckDBPyConnection, fmt: str, filters: Filter | None = None,
                 table: str = "records") -> bytes:
    """The filtered records (or registry entries) in `fmt` (csv, parquet, zip or xlsx), deterministic
    for a given database. A zip always carries both grains, whichever `table` is named."""
    return export_counted(con, fmt, filters, table)[0]


def export_counted(con: duckdb.DuckDBPyConnection, fmt: str, filters: Filter | None = None,
                   table: str = "records") -> tuple[bytes, int]:
    """`export_bytes` and how many rows of `table` it holds (`aitrack export` warns when a filter matched none)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if table in ("targets", "deadlines") and fmt != "zip":
        df = fact_table(con, table, filters)
        if fmt == "csv":
            return to_csv_bytes(df), len(df)
        if fmt == "parquet":
            return to_parquet_bytes(df), len(df)
        m = manifest(con, filters, len(records(con, filters)), {f"{table}.csv": len(df)})
        return to_xlsx_bytes(df, m, TARGET_COLUMNS if table == "targets" else DEADLINE_COLUMNS, table), len(df)
    if table == "registry" and fmt != "zip":
        df = registry(con, filters)
        if fmt == "csv":
            return to_csv_bytes(df), len(df)
        if fmt == "parquet":
            return to_parquet_bytes(df), len(df)
        m = manifest(con, filters, len(records(con, filters)), {"registry.csv": len(df)})
        return to_xlsx_bytes(df, m, REGISTRY_COLUMNS, "registry"), len(df)
    df = records(con, filters)
    data = _export_frame(con, fmt, filters, df)
    if table in ("targets", "deadlines"):  # a zip named by one of these counts its rows
        return data, len(fact_table(con, table, _fact_filter(filters)))
    return data, (len(registry(con, filters)) if table == "registry" else len(df))


def _fact_filter(filters: Filter | None) -> Filter:
    """The part of `filters` that narrows targets and deadlines (the zip's targets.csv and deadlines.csv)."""
    f = filters or Filter()
    return Filter(countries=f.countries, date_from=f.date_from, date_to=f.date_to)


def _export_frame(con: duckdb.DuckDBPyConnection, fmt: str, filters: Filter | None, df: pd.DataFrame) -> bytes:
    if fmt == "csv":
        return to_csv_bytes(df)
    if fmt == "parquet":
        return to_parquet_bytes(df)
    if fmt == "xlsx":
        return to_xlsx_bytes(df, manifest(con, filters, len(df)))
    entries, links = registry(con, filters), registry_links(con, filters)
    # targets and deadlines in the zip follow the country and date filters (the others are about amounts)
    tg, dl = fact_table(con, "targets", _fact_filter(filters)), fact_table(con, "deadlines", _fact_filter(filters))
    m = manifest(con, filters, len(df),
                 {"records.csv": len(df), "registry.csv": len(entries), "registry_links.csv": len(links),
                  "targets.csv": len(tg), "deadlines.csv": len(dl)})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (
            ("records.csv", to_csv_bytes(df)),
            ("records.parquet", to_parquet_bytes(df)),
            ("registry.csv", to_csv_bytes(entries)),
            ("registry_links.csv", to_csv_bytes(links)),
            ("targets.csv", to_csv_bytes(tg)),
            ("deadlines.csv", to_csv_bytes(dl)),
            ("DATA_DICTIONARY.md", data_dictionary_markdown().encode()),
            ("README.md", readme_text(m).encode()),
            ("manifest.json", json.dumps(m, indent=2, ensure_ascii=False).encode()),
            ("CHANGELOG.md", releases.changelog_markdown(con).encode()),
        ):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # fixed: same filters, same bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def open_readonly(db_path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(db_path), read_only=True)
