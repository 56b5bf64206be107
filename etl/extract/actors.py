"""Find actors: countries (with ISO 3166 codes), people, organisations, programmes.

A gazetteer compiled into a trie-shaped regular expression (fast, no
backtracking blow-up; one per set of scripts a text has, holding only the
names that can occur in it), plus title patterns for people not in the list
("Deputy Prime Minister Dmitry Grigorenko"). Every name, title and particle is a row
of etl/extract/lexicon (countries.csv, actors.csv, actor_titles.csv, name_particles.csv,
place_prepositions.csv), read once at import. Russian names are listed with their
case forms ("России", "Путина"), since Russian inflects proper names.

Countries come from two layers: gazetteer.csv, compiled by `python -m etl.gazetteer build`
from pycountry, CLDR (babel), pymorphy3 and GeoNames (every country in ten languages and
Russian cases, capitals, cities of 100,000 people), and countries.csv, the hand list on top
(demonyms, "U.S.", "UAE", "Kremlin", the EU), whose form wins. A capital or city is the
country's evidence: "Lisbon" is an ActorSpan of kind "country", code PT, name "Portugal",
text "Lisbon" (the output model has no separate place kind). A town (10,000 to 100,000
people: "Sines") counts only right after a place preposition ("in Sines", "em Sines"),
where a capitalised word is a place; elsewhere it could be a surname.

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
_GAZETTEER = lexicon.table("gazetteer", ("word", "lang", "code", "name", "kind"))
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
_GLUED_FORM = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # Chinese, Japanese, Korean
# the compiled layer under both hand lists: a hand form (a country's or an actor's) wins
# Capitals and cities (30,000 forms) are not in the trie, whose compile time and size they
# would multiply: a capitalised word is looked up in _CITIES (by its first word, then the
# full forms that start with it, longest first: "Rio de Janeiro", "Санкт-Петербурге").
_TOWNS: dict[str, tuple[str, str]] = {}  # town -> (code, name), read only after a place preposition
_CITIES: dict[str, list[tuple[str, str, str]]] = {}  # first word -> [(form, code, name)], longest first
for _row in _GAZETTEER.rows:
    if _NAMES.setdefault(_row["code"], _row["name"]) != _row["name"]:
        raise LexiconError(f"{_GAZETTEER.path}: {_row['word']!r}: {_row['code']} is {_NAMES[_row['code']]!r} in "
                           f"countries.csv, not {_row['name']!r}: run `python -m etl.gazetteer build`")
    if _row["word"] in _LOOKUP:
        continue
    if _row["kind"] == "town":
        _TOWNS.setdefault(_row["word"], (_row["code"], _row["name"]))
    elif _row["kind"] == "country" or _GLUED_FORM.search(_row["word"]):
        _LOOKUP[_row["word"]] = ("country", _row["code"], _row["name"])
    else:
        _CITIES.setdefault(re.split(r"[ -]", _row["word"], maxsplit=1)[0], []).append(
            (_row["word"], _row["code"], _row["name"]))
for _forms in _CITIES.values():
    _forms.sort(key=lambda f: -len(f[0]))
# a capitalised word where a city's name may start
_CAPITALISED = re.compile(r"(?<![\w.-])[A-ZÀ-ÞА-ЯЁ][^\W\d_]*")


def country_name(code: str | None) -> str | None:
    """The canonical English short name of an ISO 3166-1 alpha-2 code ("PT" -> "Portugal")."""
    return _NAMES.get(code) if code else None

# The name after a title: two or three capitalised words, maybe joined by a particle. The
# capitals are grammar (a name starts with one in both scripts), so they stay here.
_NAME = (r"\s+(?P<name>(?:[A-ZА-ЯЁ][\w'’-]+)(?:\s+(?:" + alternation(_PARTICLES) + r"\s+)?[A-ZА-ЯЁ][\w'’-]+){1,2})")


_GLUED = _GLUED_FORM


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
    forms = forms_for(sorted(_LOOKUP), scripts)
    # Chinese and Japanese have no spaces and Korean glues particles on ("한국은"): there a
    # name is taken wherever it stands, elsewhere only as a whole word
    glued = [f for f in forms if _GLUED.search(f)]
    names = trie_pattern([f for f in forms if not _GLUED.search(f)], loose_spaces=False)
    gazetteer = f"(?<![\\w.])(?:{names})(?![\\w])"
    if glued:
        gazetteer += "|" + trie_pattern(glued, loose_spaces=False)
    titles = trie_pattern(forms_for(list(_TITLES), scripts), loose_spaces=False)
    return (
        first_char_checked(re.compile(gazetteer)),
        first_char_checked(re.compile(f"(?<!\\w)(?:{titles})" + _NAME)),
    )


def extract_actors(norm: Normalised) -> list[ActorSpan]:
    """Every actor mention, in text order; a person found by title and gazetteer is kept once."""
    text = norm.text
    title = _scans(scripts_of(text))[1]
    found: dict[tuple[int, int], ActorSpan] = {}
    for ns, ne, (kind, code, name) in _gazetteer_hits(text, towns=True):
        s, e = norm.span(ns, ne)
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


# "in France", "in the UAE", "em Sines": the words before a country that make it a place
# (place_prepositions.csv)
_PLACE_WORDS = lexicon.table("place_prepositions", ("word", "lang", "role"))
_PREPOSITIONS = alternation(_PLACE_WORDS.column("word", role="preposition"))
_ARTICLES = alternation(_PLACE_WORDS.column("word", role="article"))
_LOCATIVE = re.compile(r"(?:\b" + _PREPOSITIONS + r"\s+(?:" + _ARTICLES + r"\s+)?)$", re.IGNORECASE)
# a town's name after a preposition: one or two capitalised words, looked up in _TOWNS
_TOWN = re.compile(r"(?<!\w)(?i:" + _PREPOSITIONS + r")\s+(?P<town>[A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?)")

# "Portugal's government", "the government of Portugal", "Portugal will": acting_words.csv
_ACTING = lexicon.table("acting_words", ("word", "lang", "role"))
_NOUNS = alternation(_ACTING.column("word", role="noun"))
_ACTS_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:(?:" + _NOUNS + r"|" + alternation(_ACTING.column("word", role="verb")) + r")\b"
    r"|[^\W\d_]+\s+(?:" + _NOUNS + r")\b)", re.IGNORECASE)
_ACTS_BEFORE = re.compile(r"\b(?:" + _NOUNS + r")\s+(?:(?:of|de|do|da|du|des|di)\s+(?:the\s+)?)?$", re.IGNORECASE)
# a wire story's dateline: "LISBON, March 3 (Reuters) -", "MOSCOW —", "Lisbon, 3 March:"
# (the place in capitals before a comma, bracket or dash; or as written before a dash: a
# text that opens "France, Germany and ..." has no dateline)
_DATELINE = re.compile(r"\s*(?:(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ .'’-]{2,40}?)\s*(?:,|\(|\s[-–—])"
                       r"|(?P<as_written>[A-ZА-ЯЁ][\w'’. ]{1,40}?)\s*(?:\([\w ]+\)\s*)?[-–—]\s)")


def _gazetteer_hits(text: str, towns: bool = False) -> list[tuple[int, int, tuple[str, str | None, str]]]:
    """(start, end, (kind, code, name)) of every name in `text`, in text order: the trie's
    (hand lists and country names), then capitals and cities where none stands, then (with
    `towns`) towns right after a place preposition ("in Sines")."""
    hits = [(m.start(), m.end(), _LOOKUP[m.group()]) for m in _scans(scripts_of(text))[0].finditer(text)]
    taken = [(s, e) for s, e, _ in hits]

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_right(taken, (s, len(text) + 1))
        return not ((i and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e))

    extra = []
    last = 0  # where the last city found ends: "Rio de Janeiro" holds no other
    for m in _CAPITALISED.finditer(text):
        forms = _CITIES.get(m.group())
        if not forms or m.start() < last:
            continue
        s = m.start()
        for form, code, name in forms:
            e = s + len(form)
            if text.startswith(form, s) and (e == len(text) or not text[e].isalnum()) and free(s, e):
                extra.append((s, e, ("country", code, name)))
                last = e
                break
    if towns and _TOWNS:
        for m in _TOWN.finditer(text):
            town = m.group("town")
            if town not in _TOWNS:
                town = re.split(r"[ -]", town, maxsplit=1)[0]
                if town not in _TOWNS:
                    continue
            s = m.start("town")
            if free(s, s + len(town)):
                code, name = _TOWNS[town]
                extra.append((s, s + len(town), ("country", code, name)))
    return sorted(hits + extra) if extra else hits


def _dateline_country(text: str) -> str | None:
    """The country of a dateline's place, written in capitals or not ("LISBON, March 3 -")."""
    m = _DATELINE.match(text[:80])
    if not m:
        return None
    place = (m.group("place") or m.group("as_written")).strip()
    for form in dict.fromkeys((place, place.title())):
        hit = _LOOKUP.get(form)
        if hit and hit[0] == "country":
            return hit[1]
        city = next((c for c in _CITIES.get(form.split(" ")[0], ()) if c[0] == form), None)
        if city:
            return city[1]
    town = _TOWNS.get(place.title())
    return town[0] if town else None


def acts(text: str, start: int, end: int) -> bool:
    """Whether the country named at text[start:end] is the one acting: a government word or a
    verb of committing right after it, or a government word before it."""
    return bool(_ACTS_AFTER.match(text, end, min(len(text), end + 40))
                or _ACTS_BEFORE.search(text[max(0, start - 40):start]))


def _in_money_sentence(text: str, start: int, end: int, amount_starts: list[int]) -> bool:
    """Whether an amount stands in the sentence around text[start:end] (the commitment's)."""
    left = max(text.rfind(c, 0, start) for c in ".!?\n。") + 1
    rights = [i for i in (text.find(c, end) for c in ".!?\n。") if i >= 0]
    right = min(rights) if rights else len(text)
    i = bisect.bisect_left(amount_starts, left)
    return i < len(amount_starts) and amount_starts[i] < right


def main_country(actors: list[ActorSpan], title: str | None = None, text: str | None = None,
                 amount_starts: list[int] | None = None) -> str | None:
    """The country that makes the announcement, decided from who acts.

    The headline first: its first country that acts ("Portugal to build ...") or, failing
    that, its first that is not a place ("UAE to back AI campus in France": the UAE commits,
    France hosts). Then the text: the country of the dateline ("LISBON, March 3 -") and the
    countries named as acting in a sentence that states an amount (`amount_starts`, offsets
    into `text`: "Portugal's government announced a €2.4 billion ...", "the Ministry of ... of
    Portugal", "Portugal will invest") over the others, then the most mentions, the earliest
    on a tie. So an "EU recovery fund" named first does not make the EU the announcer when
    Portugal's government announces; a visiting "US President" in a sentence without money
    does not outweigh the host's investment fund.
    """
    if title:
        # only the gazetteer names countries (a titled name is a person), so the
        # headline needs no title scan
        first = None
        for s, e, (kind, code, _) in _gazetteer_hits(title):
            if kind != "country" or not code or _LOCATIVE.search(title[:s]):
                continue
            if acts(title, s, e):
                return code
            first = first or code
        if first:
            return first
    acting: dict[str, int] = {}
    counts: dict[str, int] = {}
    if text:
        dateline = _dateline_country(text)
        if dateline:
            acting[dateline] = 1
    starts = sorted(amount_starts or ())
    for a in actors:
        if a.kind == "country" and a.code:
            counts[a.code] = counts.get(a.code, 0) + 1
            if (text is not None and starts and acts(text, a.start, a.end)
                    and not _LOCATIVE.search(text[max(0, a.start - 20):a.start])
                    and _in_money_sentence(text, a.start, a.end, starts)):
                acting[a.code] = acting.get(a.code, 0) + 1
    # actors come in text order, and max keeps the first of equals: the earliest wins a tie
    order = list(dict.fromkeys([*acting, *counts]))
    return max(order, key=lambda c: (acting.get(c, 0), counts.get(c, 0)), default=None)
