"""The vocabulary files: each one read by an extractor, each one well formed, and a
broken row failing at import with its file and line (not as rejected documents)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import etl.extract  # noqa: F401  (imports every extractor, so every table they read is loaded)
from etl.extract import lexicon

HERE = Path(lexicon.__file__).parent


def test_every_lexicon_file_is_read_by_an_extractor():
    files = {p.stem for p in HERE.glob("*.csv")}
    assert files, "no lexicon files"
    assert files == set(lexicon.loaded()), "a file no extractor reads, or a table without a file"


def test_every_table_has_rows_and_known_languages():
    for name, t in lexicon.loaded().items():
        assert t.rows, name
        if "lang" in t.columns:
            assert {r["lang"] for r in t.rows} <= lexicon.LANGUAGES, name


@pytest.mark.parametrize(
    "content, message",
    [
        ("word,lang\nmillion,en\nmillion,en\n", "repeats line 2"),
        ("word,lang\nmillion,xx\n", "unknown language 'xx'"),
        ("word,lang\nmillion\n", "1 cells, expected 2"),
        ("word,lng\nmillion,en\n", "columns ('word', 'lng')"),
        ("word,lang\n,en\n", "empty word"),
        ("# only a comment\n", "no header line"),
    ],
)
def test_a_broken_file_names_its_line(tmp_path, monkeypatch, content, message):
    (tmp_path / "probe.csv").write_text(content, encoding="utf-8")
    monkeypatch.setenv("AITRACK_LEXICON_DIR", str(tmp_path))
    monkeypatch.setattr(lexicon, "_LOADED", {})
    with pytest.raises(lexicon.LexiconError, match=message.replace("(", r"\(").replace(")", r"\)")) as e:
        lexicon.table("probe", ("word", "lang"))
    assert str(tmp_path / "probe.csv") in str(e.value)


def test_comments_and_blank_lines_keep_line_numbers(tmp_path, monkeypatch):
    (tmp_path / "probe.csv").write_text("# what this holds\nword,lang\n\n# a note\nmillion,en\nmillion,en\n",
                                        encoding="utf-8")
    monkeypatch.setenv("AITRACK_LEXICON_DIR", str(tmp_path))
    monkeypatch.setattr(lexicon, "_LOADED", {})
    with pytest.raises(lexicon.LexiconError, match=r"probe.csv:6: .* repeats line 5"):
        lexicon.table("probe", ("word", "lang"))


def test_a_broken_lexicon_fails_the_import_not_the_build(tmp_path):
    """A copy of the lexicon with one broken row: importing the extractors fails with the
    file and line, so no build can start and reject every document instead."""
    for p in HERE.glob("*.csv"):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    victim = sorted(tmp_path.glob("*.csv"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "a,b,c,d,e,f,g,h,i,j,k\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-c", "import etl.extract"], capture_output=True, text=True,
                       env={"AITRACK_LEXICON_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert r.returncode != 0
    assert "LexiconError" in r.stderr and victim.name in r.stderr
