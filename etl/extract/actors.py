"""Find actors: countries (with ISO 3166 codes), people, organisations, programmes.

A gazetteer compiled into a trie-shaped regular expression (fast, no
backtracking blow-up; one per set of scripts a text has, holding only the
names that can occur in it), plus title patterns for people not in the list
("Deputy Prime Minister Dmitry Grigorenko"). Russian names are listed with their
case forms ("России", "Путина"), since Russian inflects proper names.

May import: the standard library, etl.extract.gates (its regex helpers), etl.extract.spans,
etl.extract.text.
"""

from __future__ import annotations

import bisect
import functools
import re

from etl.extract.gates import first_char_checked, forms_for, scripts_of, trie_pattern
from etl.extract.spans import ActorSpan
from etl.extract.text import Normalised

# (code, canonical name, surface forms). Demonyms count: "Russian sovereignty" is about Russia.
COUNTRIES: list[tuple[str, str, tuple[str, ...]]] = [
    ("RU", "Russia", ("Russia", "Russian Federation", "Russian", "Russia's", "Moscow", "Kremlin",
                      "Россия", "России", "Россию", "Россией", "Российская Федерация", "Российской Федерации",
                      "РФ", "российский", "российская", "российское", "российские", "российского", "российской",
                      "российских", "российским", "российскую", "Кремль")),
    ("US", "United States", ("United States", "U.S.", "US", "USA", "America", "American", "Washington",
                             "White House", "США", "Соединённые Штаты", "Соединенные Штаты", "американский",
                             "американские", "американских")),
    ("CN", "China", ("China", "Chinese", "Beijing", "PRC", "Китай", "Китая", "Китае", "КНР", "китайский",
                     "китайские", "китайских")),
    ("EU", "European Union", ("European Union", "EU", "European Commission", "Brussels", "Евросоюз",
                              "Евросоюза", "ЕС", "Европейский союз", "Еврокомиссия")),
    ("FR", "France", ("France", "French", "Paris", "Élysée", "Elysee", "Франция", "Франции")),
    ("DE", "Germany", ("Germany", "German", "Berlin", "Bundestag", "Германия", "Германии")),
    ("GB", "United Kingdom", ("United Kingdom", "UK", "U.K.", "Britain", "British", "London", "Великобритания",
                              "Великобритании")),
    ("IN", "India", ("India", "Indian", "New Delhi", "Индия", "Индии")),
    ("JP", "Japan", ("Japan", "Japanese", "Tokyo", "Япония", "Японии")),
    ("KR", "South Korea", ("South Korea", "Korea", "Korean", "Seoul", "Republic of Korea", "Южная Корея",
                           "Южной Кореи")),
    ("SA", "Saudi Arabia", ("Saudi Arabia", "Saudi", "Riyadh", "Kingdom of Saudi Arabia", "Саудовская Аравия",
                            "Саудовской Аравии")),
    ("AE", "United Arab Emirates", ("United Arab Emirates", "UAE", "Emirati", "Abu Dhabi", "Dubai", "ОАЭ")),
    ("CA", "Canada", ("Canada", "Canadian", "Ottawa", "Канада", "Канады")),
    ("BR", "Brazil", ("Brazil", "Brazilian", "Brasília", "Brasilia", "Бразилия", "Бразилии")),
    ("SG", "Singapore", ("Singapore", "Singaporean", "Сингапур", "Сингапура")),
    ("IT", "Italy", ("Italy", "Italian", "Rome", "Италия", "Италии")),
    ("ES", "Spain", ("Spain", "Spanish", "Madrid", "Moncloa", "Испания", "Испании")),
    ("KZ", "Kazakhstan", ("Kazakhstan", "Kazakh", "Astana", "Казахстан", "Казахстана", "Казахстане")),
    ("UA", "Ukraine", ("Ukraine", "Ukrainian", "Kyiv", "Украина", "Украины")),
    ("TW", "Taiwan", ("Taiwan", "Taiwanese", "Тайвань")),
    ("IL", "Israel", ("Israel", "Israeli")),
    ("AU", "Australia", ("Australia", "Australian")),
    ("NL", "Netherlands", ("Netherlands", "Dutch")),
    ("CH", "Switzerland", ("Switzerland", "Swiss")),
    ("SE", "Sweden", ("Sweden", "Swedish")),
    ("QA", "Qatar", ("Qatar", "Qatari")),
    ("TR", "Turkey", ("Turkey", "Türkiye", "Turkish")),
    ("ID", "Indonesia", ("Indonesia", "Indonesian")),
    ("MX", "Mexico", ("Mexico", "Mexican")),
    ("BY", "Belarus", ("Belarus", "Belarusian", "Беларусь", "Белоруссии")),
]

PEOPLE: list[tuple[str, tuple[str, ...]]] = [
    ("Vladimir Putin", ("Vladimir Putin", "Putin", "Putin's", "Владимир Путин", "Путин", "Путина", "Путину",
                        "Путиным", "Путине")),
    ("Mikhail Mishustin", ("Mikhail Mishustin", "Mishustin", "Михаил Мишустин", "Мишустин", "Мишустина")),
    ("Dmitry Chernyshenko", ("Dmitry Chernyshenko", "Chernyshenko", "Дмитрий Чернышенко", "Чернышенко")),
    ("Dmitry Grigorenko", ("Dmitry Grigorenko", "Grigorenko", "Дмитрий Григоренко", "Григоренко")),
    ("Herman Gref", ("Herman Gref", "German Gref", "Gref", "Герман Греф", "Греф")),
    ("Xi Jinping", ("Xi Jinping", "Xi", "Си Цзиньпин")),
    ("Donald Trump", ("Donald Trump", "Trump", "Дональд Трамп", "Трамп")),
    ("Joe Biden", ("Joe Biden", "Biden")),
    ("Emmanuel Macron", ("Emmanuel Macron", "Macron", "Макрон")),
    ("Keir Starmer", ("Keir Starmer", "Starmer")),
    ("Rachel Reeves", ("Rachel Reeves", "Reeves")),
    ("Narendra Modi", ("Narendra Modi", "Modi")),
    ("Ursula von der Leyen", ("Ursula von der Leyen", "von der Leyen")),
    ("Mark Carney", ("Mark Carney", "Carney")),
    ("Justin Trudeau", ("Justin Trudeau", "Trudeau")),
    ("Giorgia Meloni", ("Giorgia Meloni", "Meloni")),
    ("Pedro Sánchez", ("Pedro Sánchez", "Pedro Sanchez", "Sánchez")),
    ("Luiz Inácio Lula da Silva", ("Luiz Inácio Lula da Silva", "Lula da Silva", "Lula")),
    ("Lee Jae-myung", ("Lee Jae-myung", "Lee Jae Myung")),
    ("Shigeru Ishiba", ("Shigeru Ishiba", "Ishiba")),
    ("Fumio Kishida", ("Fumio Kishida", "Kishida")),
    ("Sanae Takaichi", ("Sanae Takaichi", "Takaichi")),
    ("Kassym-Jomart Tokayev", ("Kassym-Jomart Tokayev", "Tokayev", "Токаев", "Касым-Жомарт Токаев")),
    ("Lawrence Wong", ("Lawrence Wong",)),
    ("Mohammed bin Salman", ("Mohammed bin Salman", "Crown Prince Mohammed")),
    ("Sam Altman", ("Sam Altman", "Altman")),
    ("Masayoshi Son", ("Masayoshi Son",)),
    ("Hubertus Heil", ("Hubertus Heil", "Heil")),
]

ORGANISATIONS: list[tuple[str, tuple[str, ...]]] = [
    ("Sberbank", ("Sberbank", "Sber", "Сбербанк", "Сбербанка", "Сбер", "Сбера")),
    ("Yandex", ("Yandex", "Яндекс", "Яндекса")),
    ("OpenAI", ("OpenAI",)), ("SoftBank", ("SoftBank",)), ("Oracle", ("Oracle",)), ("MGX", ("MGX",)),
    ("Nvidia", ("Nvidia", "NVIDIA")), ("AMD", ("AMD",)), ("HUMAIN", ("HUMAIN", "Humain")),
    ("Microsoft", ("Microsoft",)), ("Google", ("Google",)), ("Amazon", ("Amazon", "AWS")),
    ("Mistral AI", ("Mistral AI", "Mistral")), ("G42", ("G42",)), ("Cohere", ("Cohere",)),
    ("TASS", ("TASS", "ТАСС")), ("Reuters", ("Reuters",)), ("Bank of Russia", ("Bank of Russia", "Банк России", "ЦБ")),
    ("European Central Bank", ("European Central Bank", "ECB")),
    ("Public Investment Fund", ("Public Investment Fund", "PIF")),
    ("Ministry of Finance", ("Ministry of Finance", "Finance Ministry", "Минфин")),
    ("Big Fund", ("Big Fund",)), ("Samsung", ("Samsung",)), ("SK Hynix", ("SK Hynix",)),
    ("Infosys", ("Infosys",)), ("Tata", ("Tata",)),
]

PROGRAMMES: list[tuple[str, tuple[str, ...]]] = [
    ("GigaChat", ("GigaChat", "Gigachat", "ГигаЧат")),
    ("Yandex GPT", ("Yandex GPT", "YandexGPT", "ЯндексGPT")),
    ("Stargate", ("Stargate",)), ("InvestAI", ("InvestAI",)), ("IndiaAI Mission", ("IndiaAI Mission", "IndiaAI")),
    ("AI Journey", ("AI Journey",)), ("Data Economy", ("Data Economy", "Экономика данных")),
    ("CHIPS Act", ("CHIPS and Science Act", "CHIPS Act")), ("Project Transcendence", ("Project Transcendence",)),
    ("AI Opportunities Action Plan", ("AI Opportunities Action Plan",)),
    ("National Growth Fund", ("National Growth Fund",)),
]

# Titles before the name of a person the lists lack: "Deputy Prime Minister Dmitry Grigorenko".
_TITLES = (
    "President", "Prime Minister", "Deputy Prime Minister", "Chancellor", "Minister", "Finance Minister",
    "Secretary", "Commissioner", "Premier", "Governor", "Chairman", "Chairwoman", "CEO", "Crown Prince", "King",
    "Mayor", "Президент", "президент", "премьер-министр", "Премьер-министр", "вице-премьер", "министр", "глава",
)
_NAME = r"\s+(?P<name>(?:[A-ZА-ЯЁ][\w'’-]+)(?:\s+(?:bin\s+|von\s+der\s+|da\s+)?[A-ZА-ЯЁ][\w'’-]+){1,2})"


_LOOKUP: dict[str, tuple[str, str | None, str]] = {}
for _code, _name, _forms in COUNTRIES:
    for _f in _forms:
        _LOOKUP[_f] = ("country", _code, _name)
for _table, _kind in ((PEOPLE, "person"), (ORGANISATIONS, "organisation"), (PROGRAMMES, "programme")):
    for _name, _forms in _table:
        for _f in _forms:
            _LOOKUP.setdefault(_f, (_kind, None, _name))


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


_LOCATIVE = re.compile(r"(?:\b(?:in|into|to|for|with|from|across|on|at|в|во|на|для|с)\s+(?:the\s+)?)$", re.IGNORECASE)


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
