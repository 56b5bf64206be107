"""The README stays true: its commands exist, and it documents every contract key and CLI command."""

from __future__ import annotations

import re

from etl.cli import parser
from etl.extract import extract_text
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    head = README[:600]
    assert "make demo" in head and "make test" in head


def test_makefile_has_the_targets_the_readme_names():
    makefile = (ROOT / "Makefile").read_text()
    for target in re.findall(r"`make ([a-z-]+)`", README):
        assert re.search(rf"^{target}:", makefile, re.M), target


def test_every_contract_key_is_documented():
    doc = extract_text("Russia wants more than 11 trillion roubles ($136.57 billion) by 2030.").to_contract("x")
    for key in doc:
        assert f"`{key}`" in README, key
    for key in doc["amounts"][0]:
        assert key in README, key


def test_every_cli_command_is_documented():
    sub = next(a for a in parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"aitrack {name}" in README, name


def test_ci_calls_make_test():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci and "chromium" in ci


def _header(path) -> str:
    return next(line for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#"))


def test_extending_names_every_vocabulary_file_with_its_real_columns():
    """docs/extending.md is the "add one row" guide: it must name every lexicon file, and the
    columns it gives for a file must be that file's header, so a renamed column breaks this test."""
    doc = (ROOT / "docs" / "extending.md").read_text(encoding="utf-8")
    lexicon = ROOT / "etl" / "extract" / "lexicon"
    files = {p.stem: p for p in lexicon.glob("*.csv")}
    files["blocs"] = ROOT / "data" / "reference" / "blocs.csv"
    files["status_cues"] = ROOT / "data" / "reference" / "status_cues.csv"
    files["gazetteer_exclusions"] = ROOT / "data" / "reference" / "gazetteer_exclusions.csv"
    assert set(files) - {"blocs", "status_cues", "gazetteer_exclusions"} <= set(re.findall(r"([a-z_]+)\.csv", doc)), "a lexicon file extending.md never names"
    documented = re.findall(r"`(?:lexicon/|data/reference/)?([a-z_]+)\.csv` \((?:columns )?`([a-z_,]+)`", doc)
    assert len(documented) >= 15
    for name, columns in documented:
        assert name in files, name
        assert columns == _header(files[name]), name


def test_the_layout_section_lists_every_vocabulary_file():
    layout = README[README.index("## Layout"):README.index("## Input formats")]
    line = next(x for x in layout.splitlines() if x.startswith("etl/extract/lexicon/"))
    listed = set(re.findall(r"[a-z_]+", line.split("checked at import:")[1]))
    assert {p.stem for p in (ROOT / "etl" / "extract" / "lexicon").glob("*.csv")} <= listed


def test_the_by_hand_commands_of_the_readme_run_as_written(tmp_path):
    """After `make setup`, the README's `.venv/bin/aitrack` lines work from the repository folder."""
    import shlex
    import subprocess

    block = README[README.index("**Running `aitrack` by hand.**"):]
    block = block[block.index("```sh") + 5:block.index("```", block.index("```sh") + 5)]
    lines = [ln.replace("/tmp/mine.duckdb", str(tmp_path / "mine.duckdb")).replace("ru.csv", str(tmp_path / "ru.csv"))
             for ln in block.strip().splitlines()]
    assert len(lines) == 2 and all(ln.startswith(".venv/bin/aitrack ") for ln in lines)
    for ln in lines:
        r = subprocess.run(shlex.split(ln), cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
    assert (tmp_path / "ru.csv").read_text(encoding="utf-8").count("\n") > 1  # the header and RU's rows
