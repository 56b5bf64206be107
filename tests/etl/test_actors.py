"""Actors, commitments and funding read their words from etl/extract/lexicon: adding a
country, an actor, a funding cue or a commitment phrase is adding one row, and a row the
extractors cannot use fails at import with its file.

Each "add one row" case runs the extractors in a subprocess over a copy of the lexicon
(AITRACK_LEXICON_DIR), once without the row and once with it, on the same text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

from etl.extract import extract_text, lexicon
from etl.extract.actors import ACTOR_KINDS, extract_actors, main_country
from etl.extract.funding import FUNDING
from etl.extract.lexicon.alternatives import alternation, literal
from etl.extract.text import normalise
from etl.models import ActorKind, Funding

HERE = Path(lexicon.__file__).parent
ROOT = Path(__file__).resolve().parents[2]

# Extract one text and print what these tests look at, as JSON.
_PROBE = """
import json, sys
from etl.extract import extract_text
x = extract_text(sys.argv[1]).to_contract("probe")
print(json.dumps({
    "country": x["country"],
    "funding": [a["funding"] for a in x["amounts"]],
    "actors": sorted({(a["kind"], a["name"]) for a in x["actors"]}),
    "commitments": sorted({(c["kind"], c["description"]) for c in x["commitments"]}),
}))
"""


def _lexicon_copy(tmp_path: Path, rows: dict[str, list[str]]) -> Path:
    """The installed lexicon copied to tmp, with `rows` appended to the named files."""
    folder = tmp_path / "lexicon"
    folder.mkdir(parents=True)
    for p in HERE.glob("*.csv"):
        text = p.read_text(encoding="utf-8")
        for row in rows.get(p.stem, []):
            text += ("" if text.endswith("\n") else "\n") + row + "\n"
        (folder / p.name).write_text(text, encoding="utf-8")
    assert set(rows) <= {p.stem for p in folder.glob("*.csv")}, "a row for a file that does not exist"
    return folder


def _run(folder: Path, code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          env={"AITRACK_LEXICON_DIR": str(folder), "PATH": "/usr/bin:/bin"})


def _extract(folder: Path, text: str) -> dict:
    r = _run(folder, _PROBE, text)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


TEXT = "Portugalia will put $2 billion from the crown coffers into an AI bootcamp, Luís Ventura said."


def test_one_row_each_adds_a_country_an_actor_a_funding_cue_and_a_commitment_phrase(tmp_path):
    before = _extract(_lexicon_copy(tmp_path / "before", {}), TEXT)
    assert before == {"country": None, "funding": ["unknown"], "actors": [], "commitments": []}

    after = _extract(_lexicon_copy(tmp_path / "after", {
        "countries": ["Portugalia,pl,PT,Portugal"],
        "actors": ["Luís Ventura,pt,person,Luís Ventura"],
        "funding_cues": ["public,crown coffers,en,no"],
        "commitment_kinds": ["skills,AI bootcamp,en,no"],
    }), TEXT)
    assert after["country"] == "PT"
    assert after["funding"] == ["public"]
    assert after["actors"] == [["country", "Portugal"], ["person", "Luís Ventura"]]
    assert after["commitments"] == [["skills", "AI bootcamp"]]


def test_a_pattern_row_is_a_regex_and_a_literal_row_is_not(tmp_path):
    """pattern=yes rows are fragments (with {state_noun}); pattern=no rows are taken as written."""
    text = "The crown bank will lend $1 billion to chip designers. Pension+ savings hold $2 billion more."
    folder = _lexicon_copy(tmp_path, {"funding_cues": [r"public,\bcrown\s+{state_noun},en,yes",
                                                       "private,pension+ savings,en,no"]})
    assert _extract(folder, text)["funding"] == ["public", "private"]
    # the literal is escaped: read as a regex, "pension+" would match "Pensionnn"
    assert _extract(folder, text.replace("Pension+", "Pensionnn"))["funding"] == ["public", "unknown"]


@pytest.mark.parametrize("file, row, message", [
    ("countries", "Rossiya,ru,RU,Russland", "RU is 'Russia', not 'Russland'"),
    ("actors", "Acme,en,company,Acme", "kind 'company'"),
    ("funding_cues", "donated,crowd money,en,no", "funding labels"),
    ("funding_cues", "public,(?:state,en,yes", "not a regular expression"),
    ("funding_cues", r"public,\b{state_nouns}\b,en,yes", "unknown piece {state_nouns}"),
    ("commitment_kinds", "plan,road map,en,maybe", "pattern must be yes or no"),
    ("stopwords", "się,pl", "only lower-case letters"),
])
def test_a_row_the_extractors_cannot_use_fails_at_import(tmp_path, file, row, message):
    r = _run(_lexicon_copy(tmp_path, {file: [row]}), "import etl.extract")
    assert r.returncode != 0
    assert "LexiconError" in r.stderr and f"{file}.csv" in r.stderr
    assert message in r.stderr


def test_the_labels_match_the_contracts():
    assert FUNDING == get_args(Funding)
    assert ("country", *ACTOR_KINDS) == get_args(ActorKind)


def test_literal_and_alternation():
    assert re.search(literal("expected to"), "is expected   to reach")
    assert not re.search(literal("expected to"), "unexpected to")
    assert not re.search(literal("GDP"), "GDPs")
    assert re.search(alternation(["company", "companies"]), "three companies").group() == "companies"
    assert re.fullmatch(alternation(["a.b"]), "a.b") and not re.fullmatch(alternation(["a.b"]), "axb")


@pytest.mark.parametrize("title, code", [
    ("UAE to back AI campus in France", "AE"),  # France hosts: a place word before it
    ("Investment in the UAE: France pledges €10bn", "FR"),  # "in the" (preposition, article)
    ("Россия выделит средства на ИИ в Китае", "RU"),
])
def test_the_headline_country_is_not_a_place(title, code):
    assert main_country(extract_actors(normalise(title)), title) == code


def test_a_titled_name_may_hold_a_particle():
    people = [a.name for a in extract_actors(normalise("Crown Prince Khalid bin Farhan opened it."))
              if a.kind == "person"]
    assert people == ["Khalid bin Farhan"]


def test_russian_case_forms_are_rows_of_one_actor():
    names = {(a.kind, a.name) for a in extract_text("Путину доложили о планах России и Китая.").actors}
    assert names == {("person", "Vladimir Putin"), ("country", "Russia"), ("country", "China")}
