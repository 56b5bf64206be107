"""sql/registry/030_supersedes.sql on a tie: an entry alike to two earlier entries first seen on
the same day supersedes the same one of them whatever order the rows come in (the greater id),
so two builds of the same inputs give the same registry. Real DuckDB, the real SQL file, on
only the columns it reads."""

from __future__ import annotations

import itertools

import duckdb
import pytest

from etl import paths

ENTRIES = [  # entry_id, first_seen, value: two priors on one day, then the re-announcement
    ("e-prior-a", "2025-01-10", 10.0),
    ("e-prior-b", "2025-01-10", 12.0),
    ("e-new", "2025-06-01", 15.0),
]


def _supersedes(order: tuple[int, ...]) -> dict[str, tuple[str | None, bool]]:
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE registry (entry_id VARCHAR, country_code VARCHAR, kind VARCHAR, first_seen DATE, "
                    "currency VARCHAR, value DOUBLE, deadline_year INTEGER, supersedes VARCHAR, latest BOOLEAN)")
        con.execute("CREATE TABLE registry_members (unique_id VARCHAR, entry_id VARCHAR)")
        con.execute("CREATE TABLE registry_pairs (unique_id_l VARCHAR, unique_id_r VARCHAR, kind_alike BOOLEAN, "
                    "words_alike BOOLEAN, actors_alike BOOLEAN)")
        for k in order:
            eid, seen, value = ENTRIES[k]
            con.execute("INSERT INTO registry VALUES (?, 'FR', 'fund', ?, 'EUR', ?, 2030, NULL, true)",
                        [eid, seen, value])
            con.execute("INSERT INTO registry_members VALUES (?, ?)", [f"r-{eid}", eid])
        for prior in ("e-prior-a", "e-prior-b"):
            con.execute("INSERT INTO registry_pairs VALUES (?, 'r-e-new', true, true, true)", [f"r-{prior}"])
        con.execute((paths.SQL_DIR / "registry" / "030_supersedes.sql").read_text(encoding="utf-8"))
        return {e: (sup, latest) for e, sup, latest in con.execute("SELECT entry_id, supersedes, latest FROM registry").fetchall()}
    finally:
        con.close()


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_a_tie_on_the_day_is_broken_by_the_entry_id_in_any_row_order(order):
    got = _supersedes(order)
    assert got == {"e-new": ("e-prior-b", True), "e-prior-a": (None, True), "e-prior-b": (None, False)}
