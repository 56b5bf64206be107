"""The SQL side: apply `sql/` files, run named queries with bound parameters,
run invariant checks. Every query text lives in a file under `sql/`; Python only
binds parameters (`$country`), never formats values into SQL.

May import: duckdb, pandas, the standard library, etl.paths.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import duckdb

from etl import paths

_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


def sql_files(kind: str) -> list[Path]:
    """The files of one kind (schema, views, refresh, queries, checks, ...), in name order."""
    return sorted((paths.SQL_DIR / kind).glob("*.sql"))


@cache
def query_text(name: str) -> str:
    path = paths.SQL_DIR / "queries" / f"{name}.sql"
    if not path.exists():
        raise KeyError(f"no query named {name!r} in {path.parent}")
    return path.read_text(encoding="utf-8")


def query_params(name: str) -> set[str]:
    """The `$name` parameters a query file binds (comments excluded)."""
    body = "\n".join(line.split("--", 1)[0] for line in query_text(name).splitlines())
    return set(_PARAM.findall(body))


def apply_sql(con: duckdb.DuckDBPyConnection, kinds: tuple[str, ...] = ("schema", "views", "refresh")) -> None:
    """Apply the files of each kind in turn. The default makes a complete database. A build applies
    "refresh" on its own, last: its tables (v_entries) and what reads them (the filtered_entries macro)
    are made from v_records and the registry once the reviews have changed them (etl/build.py), so
    they are made once per build, not once before the reviews and again after."""
    for kind in kinds:
        for path in sql_files(kind):
            con.execute(path.read_text(encoding="utf-8"))


def run_query(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None):
    """A named query as a DataFrame; parameters it does not use are dropped, missing ones are None."""
    wanted = query_params(name)
    bound = {k: (params or {}).get(k) for k in wanted}
    return con.execute(query_text(name), bound).df()


def run_checks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Invariant queries under sql/checks: name -> number of offending rows (0 is good)."""
    out = {}
    for path in sql_files("checks"):
        n = con.execute(f"SELECT count(*) FROM ({path.read_text(encoding='utf-8').rstrip().rstrip(';')})").fetchone()[0]
        out[path.stem] = int(n)
    return out
