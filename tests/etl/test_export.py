"""Export conventions: a pinned column order, plain numbers, empty for missing,
0 for zero, neutralised formulas, and the same bytes for the same filters."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.build import build
from etl.export import RECORD_COLUMNS, _column, export_bytes, neutralise, to_csv_bytes
from etl.filters import Filter

# The published column order. Columns may only ever be appended.
PINNED = [
    "record_id", "document_id", "country_code", "publisher", "published_on", "title", "url", "quote", "start",
    "end", "value", "value_min", "value_max", "currency", "qualifier", "currency_inferred", "is_headline",
    "value_usd", "value_eur", "usd_rate", "eur_rate", "rate_on", "rate_source", "fx_status", "fx_note",
    "stated_value", "stated_currency", "implied_rate", "check_status", "deadline_year", "commitment_kind",
    "sentence", "language", "undated", "extractor_version", "funding",
]


def test_column_order_only_grows():
    assert list(RECORD_COLUMNS)[: len(PINNED)] == PINNED


def test_every_column_is_documented():
    assert all(desc and len(desc) > 10 for desc in RECORD_COLUMNS.values())


def test_neutralise():
    assert neutralise("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert neutralise("+1") == "'+1" and neutralise("-1") == "'-1" and neutralise("@SUM") == "'@SUM"
    assert neutralise("Reuters") == "Reuters"


def _db(tmp_path, text):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(text, encoding="utf-8")
    build([src], tmp_path / "e.duckdb", progress=False)
    return duckdb.connect(str(tmp_path / "e.duckdb"), read_only=True)


def test_golden_csv_cells(tmp_path):
    con = _db(tmp_path, "Title: =cmd|' /C calc'!A0\nPublisher: @evil\nPublished: 2024-06-14\n\n"
                        "The government will invest €1,234.5 million in AI by 2030. It spends $0 on ads.\n")
    csv = export_bytes(con, "csv").decode("utf-8")
    df = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
    assert list(df.columns) == list(RECORD_COLUMNS)
    first, second = df.iloc[0], df.iloc[1]
    assert first["title"].startswith("'=") and first["publisher"] == "'@evil"
    assert first["value"] == "1234500000" and first["currency"] == "EUR"
    assert first["published_on"] == "2024-06-14" and first["rate_on"] == "2024-06-14"
    assert first["value_eur"] == "1234500000" and first["eur_rate"] == "1"
    assert "," not in first["value_usd"] and "e" not in first["value_usd"]
    assert second["value"] == "0" and second["value_usd"] == "0"  # zero is zero
    assert first["stated_value"] == ""  # missing is empty
    assert first["deadline_year"] == "2030"


def test_zip_carries_data_dictionary_readme_and_manifest(corpus_con):
    data = export_bytes(corpus_con, "zip", Filter(countries=["RU"]))
    z = zipfile.ZipFile(io.BytesIO(data))
    assert set(z.namelist()) == {"records.csv", "records.parquet", "registry.csv", "registry_links.csv",
                                 "targets.csv", "deadlines.csv", "DATA_DICTIONARY.md", "README.md", "manifest.json",
                                 "CHANGELOG.md"}
    m = json.loads(z.read("manifest.json"))
    assert m["filters"]["countries"] == ["RU"] and m["rows"] > 0
    assert m["source_files"] and all(len(f["sha256"]) == 64 for f in m["source_files"])
    assert "Cite as" in z.read("README.md").decode()
    assert "`rate_source`" in z.read("DATA_DICTIONARY.md").decode()
    assert data == export_bytes(corpus_con, "zip", Filter(countries=["RU"]))


def test_the_manifest_holds_no_local_paths_and_the_readme_cites_pyproject(corpus_con, tmp_path):
    import tomllib

    from etl import paths

    m = json.loads(zipfile.ZipFile(io.BytesIO(export_bytes(corpus_con, "zip"))).read("manifest.json"))
    assert m["source_files"] and all(f["path"].startswith("data/announcements/") for f in m["source_files"])
    feeds = tmp_path / "home" / "bob" / "feeds"
    (feeds / "2025").mkdir(parents=True)
    (feeds / "2025" / "a.txt").write_text("Title: A\nPublished: 2025-03-01\n\nFrance pledged €2 billion for AI.\n",
                                         encoding="utf-8")
    one = tmp_path / "one.txt"
    one.write_text("Title: B\nPublished: 2025-03-02\n\nItaly pledged €1 billion for AI.\n", encoding="utf-8")
    db_path = tmp_path / "x.duckdb"
    build([feeds, one], db_path)
    con = duckdb.connect(str(db_path), read_only=True)
    z = zipfile.ZipFile(io.BytesIO(export_bytes(con, "zip")))
    m = json.loads(z.read("manifest.json"))
    assert sorted(f["path"] for f in m["source_files"]) == ["feeds/2025/a.txt", "one.txt"]
    assert str(tmp_path) not in z.read("manifest.json").decode()
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    readme = z.read("README.md").decode()
    cite = readme[readme.index("## Cite as"):]
    assert f"(version {project['version']})" in cite and project["authors"][0]["name"] in cite
    assert project["description"].rstrip(".") in cite and f"{m['rows']} records" in cite
    assert "@misc{aitrack_" in cite and "github.com/aitrack/aitrack" not in cite  # no made-up address
    con.close()


def test_parquet_round_trips_values(corpus_con):
    df = pd.read_parquet(io.BytesIO(export_bytes(corpus_con, "parquet")))
    assert list(df.columns) == list(RECORD_COLUMNS)
    assert (df["value"].dropna() >= 0).all()



def _csv_module_bytes(df: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(df.columns)
    w.writerows(zip(*(_column(df[c]) for c in df.columns)))
    return buf.getvalue().encode("utf-8")


def _cells(df: pd.DataFrame) -> list[list[str]]:
    return [list(df.columns), *map(list, zip(*(_column(df[c]) for c in df.columns)))]


_CELLS = st.text(st.sampled_from(list(',"\r\n ab=+-@\t\x00é€') + ["\U0001f600"]), max_size=8)


@given(st.lists(st.tuples(_CELLS, _CELLS, st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=False))),
                max_size=6), st.integers(1, 3))
def test_csv_reads_back_cell_for_cell(rows, width):
    # the export joins its rows itself: quoting, doubled quotes, empty cells and line ends
    # inside cells must read back exactly, with csv and with pandas; without a lone "\r"
    # (or, in one column, a cell of spaces) the bytes are the ones csv.writer writes
    df = pd.DataFrame(rows, columns=["a", "b", "x"]).astype({"x": "float64"}).iloc[:, :width]
    out = to_csv_bytes(df)
    assert list(csv.reader(io.StringIO(out.decode("utf-8"), newline=""))) == _cells(df)
    back = pd.read_csv(io.BytesIO(out), dtype=str, keep_default_na=False)
    assert [list(back.columns), *back.values.tolist()] == _cells(df)
    blank_line = width == 1 and any(x.isspace() for row in _cells(df) for x in row)
    if not blank_line and not any("\r" in x for row in _cells(df) for x in row):
        assert out == _csv_module_bytes(df)


def test_csv_quotes_only_the_cells_that_need_it():
    df = pd.DataFrame({"quote": ['said "12,5 трлн"', "plain", "", "two\nlines", "cr\rcell"],
                       "value": [1.5, np.nan, 0.0, 2e12, 3.0]})
    # csv.writer would leave "cr\rcell" bare, and a reader would split the row there
    assert to_csv_bytes(df).decode("utf-8") == (
        'quote,value\n"said ""12,5 трлн""",1.5\nplain,\n,0\n"two\nlines",2000000000000\n"cr\rcell",3\n')
    assert len(pd.read_csv(io.BytesIO(to_csv_bytes(df)))) == 5
    one = pd.DataFrame({"only": ["", "x"]})  # a lone empty cell is '""', or the row would vanish
    assert to_csv_bytes(one) == _csv_module_bytes(one) == b'only\n""\nx\n'
    spaces = pd.DataFrame({"only": [" ", "x"]})  # so is a lone cell of spaces, which csv.writer leaves bare
    assert to_csv_bytes(spaces) == b'only\n" "\nx\n'
    assert pd.read_csv(io.BytesIO(to_csv_bytes(spaces)), dtype=str)["only"].tolist() == [" ", "x"]


def test_the_excel_workbook_has_data_dictionary_and_metadata_sheets(corpus_con):
    """--format xlsx: the same rows as the CSV, numbers as numbers and dates as dates (read back
    with openpyxl, an independent reader), the dictionary and the manifest beside them, and the
    same bytes for the same filters."""
    import openpyxl

    from etl import cli

    f = Filter(countries=["RU"])
    data = export_bytes(corpus_con, "xlsx", f)
    assert data == export_bytes(corpus_con, "xlsx", f)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["records", "dictionary", "metadata"]
    rows = list(book["records"].iter_rows(values_only=True))
    csv_rows = list(csv.DictReader(io.StringIO(export_bytes(corpus_con, "csv", f).decode("utf-8"))))
    assert list(rows[0]) == list(RECORD_COLUMNS) and len(rows) - 1 == len(csv_rows) > 0
    head = dict(zip(rows[0], rows[1]))
    assert isinstance(head["value"], (int, float)) and head["value"] == float(csv_rows[0]["value"])  # a number cell
    assert head["published_on"].date().isoformat() == csv_rows[0]["published_on"]
    assert head["country_code"] == "RU" and head["quote"] == csv_rows[0]["quote"]
    assert [r[0] for r in book["dictionary"].iter_rows(min_row=2, values_only=True)] == list(RECORD_COLUMNS)
    meta = dict(book["metadata"].iter_rows(min_row=2, values_only=True))
    assert json.loads(meta["filters"])["countries"] == ["RU"] and meta["rows"] == str(len(csv_rows))
    assert "@misc{aitrack_" in meta["citation"]
    assert cli.parser().parse_args(["export", "--format", "xlsx", "-o", "-"]).format == "xlsx"
    from etl.export import FORMATS
    sub = next(a for a in cli.parser()._actions if a.dest == "command").choices["export"]
    assert tuple(next(a for a in sub._actions if a.dest == "format").choices) == FORMATS


def test_the_zip_carries_the_registry_beside_the_mentions_each_documented(corpus_con):
    """Issue 13: registry.csv (one row per commitment) and registry_links.csv (which records were
    merged, and why) sit beside records.csv, filtered by the same Filter, counted in the manifest
    and described column by column in the data dictionary."""
    from etl.export import LINK_COLUMNS, REGISTRY_COLUMNS

    f = Filter(countries=["RU"])
    z = zipfile.ZipFile(io.BytesIO(export_bytes(corpus_con, "zip", f)))
    entries = pd.read_csv(io.BytesIO(z.read("registry.csv")), dtype=str, keep_default_na=False)
    links = pd.read_csv(io.BytesIO(z.read("registry_links.csv")), dtype=str, keep_default_na=False)
    mentions = pd.read_csv(io.BytesIO(z.read("records.csv")), dtype=str, keep_default_na=False)
    assert list(entries.columns) == list(REGISTRY_COLUMNS) and list(links.columns) == list(LINK_COLUMNS)
    assert set(entries["country_code"]) == {"RU"} and set(links["entry_id"]) == set(entries["entry_id"])
    # the GDP target is one entry with three sources, three rows of records.csv
    gdp = entries[entries["quote"] == "11 trillion roubles"]
    assert len(gdp) == 1 and gdp.iloc[0]["n_sources"] == "3" and len(gdp.iloc[0]["sources"].split(";")) == 3
    assert (mentions["value"] == "11000000000000").sum() == 3
    merged = links[(links["entry_id"] == gdp.iloc[0]["entry_id"]) & (links["role"] == "record")]
    assert len(merged) == 3 and all("same figure within printed rounding" in r for r in merged["reasons"])
    assert (merged["match_weight"] != "").all()
    m = json.loads(z.read("manifest.json"))
    assert {k: v["rows"] for k, v in m["tables"].items()} == {
        "records.csv": len(mentions), "registry.csv": len(entries), "registry_links.csv": len(links),
        "targets.csv": len(z.read("targets.csv").decode().splitlines()) - 1,
        "deadlines.csv": len(z.read("deadlines.csv").decode().splitlines()) - 1}
    assert m["tables"]["registry.csv"]["columns"] == list(REGISTRY_COLUMNS)
    dictionary = z.read("DATA_DICTIONARY.md").decode()
    for name, columns in (("registry.csv", REGISTRY_COLUMNS), ("registry_links.csv", LINK_COLUMNS)):
        assert f"## {name}" in dictionary
        assert all(f"| `{c}` | {d} |" in dictionary for c, d in columns.items())
    assert all(d and len(d) > 10 for d in [*REGISTRY_COLUMNS.values(), *LINK_COLUMNS.values()])


def test_export_table_registry_gives_the_registry_alone(corpus_con, tmp_path):
    """`aitrack export --table registry`: the registry entries as csv, parquet or xlsx, the same
    rows the zip holds; the default stays the mention table."""
    import openpyxl

    from etl import cli
    from etl.export import REGISTRY_COLUMNS

    f = Filter(countries=["RU"])
    got = export_bytes(corpus_con, "csv", f, table="registry")
    zipped = zipfile.ZipFile(io.BytesIO(export_bytes(corpus_con, "zip", f))).read("registry.csv")
    assert got == zipped and got.startswith(b"entry_id,country_code,")
    back = pd.read_parquet(io.BytesIO(export_bytes(corpus_con, "parquet", f, table="registry")))
    assert list(back.columns) == list(REGISTRY_COLUMNS) and len(back) == got.count(b"\n") - 1
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(corpus_con, "xlsx", f, table="registry")), read_only=True)
    assert book.sheetnames == ["registry", "dictionary", "metadata"]
    assert [r[0] for r in book["dictionary"].iter_rows(min_row=2, values_only=True)] == list(REGISTRY_COLUMNS)
    assert export_bytes(corpus_con, "csv", f).startswith(b"record_id,")  # the default: mentions
    assert cli.parser().parse_args(["export", "-o", "-"]).table == "records"
    sub = next(a for a in cli.parser()._actions if a.dest == "command").choices["export"]
    from etl.export import TABLES
    assert tuple(next(a for a in sub._actions if a.dest == "table").choices) == TABLES
    with pytest.raises(ValueError, match="unknown table"):
        export_bytes(corpus_con, "csv", f, table="mentions")
