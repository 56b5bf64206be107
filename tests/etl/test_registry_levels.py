"""The registry model's word levels, written for speed (issue 13: linking 100,000 announcements
in under 60 s), still mean what their labels say.

The Jaccard levels of data/reference/registry_model.json are written without the division
(3 * I >= len(l) + len(r) for >= 0.5, 6 * I for >= 0.2), and 010_candidates.sql gives Splink
the sentence's words as integers of one vocabulary. Both must score every pair exactly as the
quotient of the words themselves would.
"""

from __future__ import annotations

import re
from fractions import Fraction

import duckdb
import pytest

from tests.conftest import write_docs

from etl import paths
from etl.build import build
from etl.registry import load_model

# comparison -> the Jaccard threshold of each non-null level, top level first (as in the model)
JACCARD_LEVELS = {"words": (Fraction(1, 2), Fraction(1, 5)), "description": (Fraction(1, 2),)}
COLUMNS = {"words": "words", "description": "description_words"}


def _levels(comparison: str) -> list[str]:
    comp = next(c for c in load_model()["comparisons"] if c["output_column_name"] == comparison)
    return [lv["sql_condition"] for lv in comp["comparison_levels"]
            if not lv.get("is_null_level") and lv["sql_condition"] != "ELSE"]


@pytest.mark.parametrize("comparison", sorted(JACCARD_LEVELS))
def test_each_jaccard_level_holds_exactly_when_the_quotient_reaches_its_threshold(comparison):
    col = COLUMNS[comparison]
    levels = _levels(comparison)
    assert len(levels) == len(JACCARD_LEVELS[comparison])
    # every pair of list sizes up to 15 with every overlap, and two empty lists
    cases = [(a, b, i) for a in range(16) for b in range(16) for i in range(min(a, b) + 1)]
    con = duckdb.connect()
    con.execute(f"CREATE TABLE pairs (a INTEGER, b INTEGER, i INTEGER, {col}_l INTEGER[], {col}_r INTEGER[])")
    con.executemany("INSERT INTO pairs VALUES (?, ?, ?, ?, ?)",
                    [(a, b, i, list(range(a)), list(range(a - i, a - i + b))) for a, b, i in cases])
    for condition, threshold in zip(levels, JACCARD_LEVELS[comparison]):
        got = {(a, b, i): bool(v) for a, b, i, v in con.execute(f"SELECT a, b, i, ({condition}) FROM pairs").fetchall()}
        for a, b, i in cases:
            union = a + b - i
            expected = union > 0 and Fraction(i, union) >= threshold
            assert got[(a, b, i)] == expected, (condition, a, b, i)


DOCS = {
    "kz-a.txt": ("Kazinform", "2025-05-05", "en",
                 "Kazakhstan will invest $1 billion in a national supercomputer for artificial intelligence."),
    "kz-b.txt": ("Tengri News", "2025-05-06", "en",
                 "A national supercomputer for artificial intelligence will cost Kazakhstan $1 billion."),
}


def test_the_candidates_words_are_one_vocabulary_of_integers_with_the_same_words_in_common(tmp_path):
    db = tmp_path / "kz.duckdb"
    build([write_docs(tmp_path / "docs", DOCS)], db, progress=False)
    con = duckdb.connect(str(db))
    try:
        con.execute((paths.SQL_DIR / "registry" / "010_candidates.sql").read_text(encoding="utf-8"))
        rows = con.execute("SELECT sentence, words FROM registry_candidates ORDER BY document_id").fetchall()
    finally:
        con.close()
    assert len(rows) == 2

    def word_set(sentence: str) -> set[str]:  # 010's rule on these ASCII texts: letters and digits, 3 or more
        return {w for w in re.split(r"[^a-z0-9]+", sentence.lower()) if len(w) >= 3}

    (s1, w1), (s2, w2) = rows
    assert all(isinstance(x, int) for x in w1 + w2)
    assert len(w1) == len(set(w1)) == len(word_set(s1)) and len(w2) == len(word_set(s2))
    assert len(set(w1) & set(w2)) == len(word_set(s1) & word_set(s2)) >= 6
