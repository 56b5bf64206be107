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
