"""Find actors: countries (with ISO 3166 codes), people, organisations, programmes.

A gazetteer compiled into a trie-shaped regular expression (fast, no
backtracking blow-up; one per set of scripts a text has, holding only the
names that can occur in it), plus title patterns for people not in the list
("Deputy Prime Minister Dmitry Grigorenko"). Every name, title and particle is a row
of etl/extract/lexicon (countries.csv, actors.csv, actor_titles.csv, name_particles.csv,
place_prepositions.csv), read once at import. Russian names are listed with their
case forms ("России", "Путина"), since Russian inflects proper names.

May import: the standard library, etl.extract.gates, etl.extract.lexicon, etl.extract.spans,
etl.extract.text.
"""

from __future__ import annotations

import bisect
import functools
import re

from etl.extract import lexicon
from etl.extract.gates import first_char_checked, forms_for, scripts_of, trie_pattern
from etl.extract.lexicon import LexiconError
from etl.extract.lexicon.alternatives import alternation
from etl.extract.spans import ActorSpan
from etl.extract.text import Normalised

# The gazetteer and the title scan's words are rows in etl/extract/lexicon (countries.csv,
# actors.csv, actor_titles.csv, name_particles.csv): adding a name is adding a row.
_COUNTRIES = lexicon.table("countries", ("word", "lang", "code", "name"))
_ACTORS = lexicon.table("actors", ("word", "lang", "kind", "name"))
_TITLES = tuple(lexicon.table("actor_titles", ("word", "lang")).column("word"))
_PARTICLES = lexicon.table("name_particles", ("word", "lang")).column("word")
ACTOR_KINDS = ("person", "organisation", "programme")

_LOOKUP: dict[str, tuple[str, str | None, str]] = {}
_NAMES: dict[str, str] = {}  # code -> canonical name
for _row in _COUNTRIES.rows:
    if _NAMES.setdefault(_row["code"], _row["name"]) != _row["name"]:
        raise LexiconError(f"{_COUNTRIES.path}: {_row['word']!r}: {_row['code']} is {_NAMES[_row['code']]!r}, "
                           f"not {_row['name']!r}")
    _LOOKUP[_row["word"]] = ("country", _row["code"], _row["name"])
for _row in _ACTORS.rows:
    if _row["kind"] not in ACTOR_KINDS:
        raise LexiconError(f"{_ACTORS.path}: {_row['word']!r}: kind {_row['kind']!r}, not one of {ACTOR_KINDS}")
    # a form both a country and an actor names is the country; one form, one actor
    _LOOKUP.setdefault(_row["word"], (_row["kind"], None, _row["name"]))

# The name after a title: two or three capitalised words, maybe joined by a particle. The
# capitals are grammar (a name starts with one in both scripts), so they stay here.
_NAME = (r"\s+(?P<name>(?:[A-ZА-ЯЁ][\w'’-]+)(?:\s+(?:" + alternation(_PARTICLES) + r"\s+)?[A-ZА-ЯЁ][\w'’-]+){1,2})")


@functools.cache  # per script set, of the names it can hold (gates.forms_for)
def _scans(scripts: tuple[bool, bool]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The gazetteer, and a title before a name, each starting a word.

    Case-sensitive: forms too ambiguous to take without a capital letter
    context stay apart that way ("US" vs "us"), and lower-case Russian
    adjectives are listed as such; "Xi"/"Lee" only as listed full forms.
    Searched by skipping ahead to a possible first letter (etl.extract.gates), and
    the word start tested before any name is tried: in Russian text "российский"
    makes every "р" inside a word a candidate, and trying the names there first
    cost more than the rest of the scan. No title is the start of another, so their
    order does not matter."""
    names = trie_pattern(forms_for(sorted(_LOOKUP), scripts), loose_spaces=False)
    titles = trie_pattern(forms_for(list(_TITLES), scripts), loose_spaces=False)
    return (
        first_char_checked(re.compile(f"(?<![\\w.])(?:{names})(?![\\w])")),
        first_char_checked(re.compile(f"(?<!\\w)(?:{titles})" + _NAME)),
    )


def extract_actors(norm: Normalised) -> list[ActorSpan]:
    """Every actor mention, in text order; a person found by title and gazetteer is kept once."""
    text = norm.text
    gazetteer, title = _scans(scripts_of(text))
    found: dict[tuple[int, int], ActorSpan] = {}
    for m in gazetteer.finditer(text):
        kind, code, name = _LOOKUP[m.group()]
        s, e = norm.span(m.start(), m.end())
        found[(s, e)] = ActorSpan(norm.original[s:e], s, e, kind, code, name)
    # people found so far, as sorted disjoint spans: a title's name that overlaps one is
    # that person again (binary search; a scan of all of them made a long list of
    # titled names quadratic: 70,000 "President Foo" took 35 s)
    people = sorted((a.start, a.end) for a in found.values() if a.kind == "person")
    starts, ends = [p[0] for p in people], [p[1] for p in people]
    for m in title.finditer(text):
        s, e = norm.span(m.start("name"), m.end("name"))
        i = bisect.bisect_right(starts, s)
        if (i and s < ends[i - 1]) or (i < len(starts) and starts[i] < e):
            continue
        name = m.group("name")
        if name in _LOOKUP:
            continue
        found[(s, e)] = ActorSpan(norm.original[s:e], s, e, "person", None, name)
        starts.insert(i, s)
        ends.insert(i, e)
    return [found[k] for k in sorted(found)]


# "in France", "in the UAE": the words before a headline's country that make it a place
# (place_prepositions.csv)
_PLACE_WORDS = lexicon.table("place_prepositions", ("word", "lang", "role"))
_LOCATIVE = re.compile(
    r"(?:\b" + alternation(_PLACE_WORDS.column("word", role="preposition"))
    + r"\s+(?:" + alternation(_PLACE_WORDS.column("word", role="article")) + r"\s+)?)$",
    re.IGNORECASE,
)


def main_country(actors: list[ActorSpan], title: str | None = None) -> str | None:
    """The country that makes the announcement.

    The headline's first country that is not a place ("UAE to back AI campus in
    France": the UAE commits, France hosts) wins; failing that, the country with
    the most mentions, the earliest on a tie (`actors` in text order, as
    `extract_actors` gives them).
    """
    if title:
        # only the gazetteer names countries (a titled name is a person), so the
        # headline needs no title scan
        for m in _scans(scripts_of(title))[0].finditer(title):
            kind, code, _ = _LOOKUP[m.group()]
            if kind == "country" and code and not _LOCATIVE.search(title[: m.start()]):
                return code
    counts: dict[str, int] = {}
    for a in actors:
        if a.kind == "country" and a.code:
            counts[a.code] = counts.get(a.code, 0) + 1
    # actors come in text order, and max keeps the first of equals: the earliest wins a tie
    return max(counts, key=counts.__getitem__, default=None)
