"""Deterministic benchmark corpus: realistic ~1.6 KB AI-funding announcements.

Each document is a news-style announcement in English or Russian: a header
(Title, URL, Publisher, Published, Language) and a body whose lead sentence
states a commitment (country, actor, amount in one of many printed forms,
currency, qualifier, date, sometimes a bracketed dollar equivalent, a deadline,
a rate line), padded to about 1.6 KB with background paragraphs taken from the
bundled demo corpus (data/announcements) in the same language plus generic
filler. The same seed always gives the same documents, so runs compare.

Why not just repeat the demo corpus: 31 texts repeated would let any cache or
branch predictor learn them; varying amounts, currencies, qualifiers, dates and
countries exercises every extractor path the real feeds do.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from etl.ingest import RawDocument, read_file

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "announcements"
TARGET_BYTES = 1600  # UTF-8 bytes: Russian letters take two

# (iso2, English name, Russian name (locative-free, used after "страна"), leader, currency code, EN currency forms)
# Currency forms: (prefix symbol, or None; word after the number) — printed as "€1.5 billion" or "1.5 billion euros".
COUNTRIES = [
    ("US", "the United States", "США", "President Joe Biden", "USD", [("$", None), ("US$", None), (None, "dollars"), ("USD ", None)]),
    ("CN", "China", "Китай", "Premier Li Qiang", "CNY", [(None, "yuan"), ("CNY ", None), (None, "renminbi")]),
    ("GB", "Britain", "Великобритания", "Prime Minister Keir Starmer", "GBP", [("£", None), (None, "pounds"), ("GBP ", None)]),
    ("FR", "France", "Франция", "President Emmanuel Macron", "EUR", [("€", None), (None, "euros"), ("EUR ", None)]),
    ("DE", "Germany", "Германия", "Chancellor Olaf Scholz", "EUR", [("€", None), (None, "euros")]),
    ("JP", "Japan", "Япония", "Prime Minister Shigeru Ishiba", "JPY", [("¥", None), (None, "yen")]),
    ("KR", "South Korea", "Южная Корея", "President Lee Jae-myung", "KRW", [(None, "won"), ("₩", None)]),
    ("IN", "India", "Индия", "Prime Minister Narendra Modi", "INR", [("₹", None), ("Rs ", None), (None, "rupees")]),
    ("CA", "Canada", "Канада", "Prime Minister Justin Trudeau", "CAD", [("C$", None), (None, "Canadian dollars")]),
    ("BR", "Brazil", "Бразилия", "President Luiz Inácio Lula da Silva", "BRL", [("R$", None), (None, "reais")]),
    ("SG", "Singapore", "Сингапур", "Deputy Prime Minister Lawrence Wong", "SGD", [("S$", None), (None, "Singapore dollars")]),
    ("IT", "Italy", "Италия", "Prime Minister Giorgia Meloni", "EUR", [("€", None), (None, "euros")]),
    ("ES", "Spain", "Испания", "Prime Minister Pedro Sánchez", "EUR", [("€", None), (None, "euros")]),
    ("SA", "Saudi Arabia", "Саудовская Аравия", "Crown Prince Mohammed bin Salman", "SAR", [(None, "riyals"), ("SAR ", None), ("$", None)]),
    ("AE", "the United Arab Emirates", "ОАЭ", "President Mohamed bin Zayed", "AED", [(None, "dirhams"), ("AED ", None), ("$", None)]),
    ("KZ", "Kazakhstan", "Казахстан", "President Kassym-Jomart Tokayev", "KZT", [(None, "tenge"), ("$", None)]),
    ("RU", "Russia", "Россия", "President Vladimir Putin", "RUB", [(None, "roubles"), (None, "rubles"), ("RUB ", None)]),
    ("SE", "Sweden", "Швеция", "Prime Minister Ulf Kristersson", "SEK", [(None, "Swedish kronor"), ("SEK ", None)]),
    ("CH", "Switzerland", "Швейцария", "Federal Councillor Guy Parmelin", "CHF", [(None, "Swiss francs"), ("CHF ", None)]),
    ("AU", "Australia", "Австралия", "Prime Minister Anthony Albanese", "AUD", [("A$", None), (None, "Australian dollars")]),
]

# Rough units per USD, for bracketed equivalents only (the build uses real reference rates).
ROUGH_PER_USD = {"CNY": 7.2, "GBP": 0.79, "EUR": 0.92, "JPY": 150.0, "KRW": 1350.0, "INR": 83.0, "CAD": 1.36,
                 "BRL": 5.2, "SGD": 1.34, "SAR": 3.75, "AED": 3.67, "KZT": 470.0, "RUB": 90.0, "SEK": 10.5,
                 "CHF": 0.88, "AUD": 1.5}
RU_CURRENCY = {"RUB": ["рублей", "руб.", "млрд рублей"], "USD": ["долларов", "долл."], "EUR": ["евро"], "CNY": ["юаней"]}
SCALES_EN = [("million", 1e6), ("billion", 1e9), ("trillion", 1e12), ("bn", 1e9), ("mln", 1e6)]
SCALES_RU = [("млн", 1e6), ("млрд", 1e9), ("трлн", 1e12), ("миллиардов", 1e9), ("миллионов", 1e6)]
QUALIFIERS_EN = ["", "", "more than ", "at least ", "up to ", "about ", "nearly ", "no more than ", "over ", "some "]
QUALIFIERS_RU = ["", "", "не менее ", "более ", "около ", "свыше ", "почти ", "по меньшей мере "]
PURPOSES_EN = [
    "to build sovereign AI computing capacity", "for a national artificial intelligence fund",
    "for new data centres and the power to run them", "to train AI specialists at universities",
    "for a national AI strategy to 2030", "to support AI start-ups and venture capital",
    "for a supercomputer and shared compute for researchers", "for an AI safety institute and regulation",
]
PURPOSES_RU = [
    "на создание суверенных вычислительных мощностей для ИИ", "в национальный фонд искусственного интеллекта",
    "на строительство центров обработки данных", "на подготовку специалистов в области ИИ",
    "на реализацию национальной стратегии развития ИИ", "на поддержку стартапов в сфере ИИ",
]
VERBS_EN = ["announced", "pledged", "unveiled", "committed", "said the government would invest",
            "set aside", "earmarked", "promised"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS_RU = ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу", "в воскресенье"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
MONTHS_RU_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                 "ноября", "декабря"]
PUBLISHERS_EN = ["Reuters", "Bloomberg", "Associated Press", "Financial Times", "Nikkei Asia", "DatacenterDynamics",
                 "The Korea Herald", "Business Standard", "AFP", "Devdiscourse"]
PUBLISHERS_RU = ["ТАСС", "РИА Новости", "Интерфакс", "Коммерсантъ", "Ведомости", "Газета.ру"]
FILLER_EN = [
    "Officials said details of how the money would be allocated would be published later in the year, "
    "after consultations with industry and universities.",
    "Critics said the plan lacked a clear timetable and warned that similar pledges in the past had been "
    "spent slowly.",
    "The government said about 15% of the funding would go to regional projects outside the capital.",
    "Industry groups welcomed the announcement but asked for more detail on eligibility and procurement.",
    "Analysts noted that compute, energy and skills remain the main bottlenecks for national AI programmes.",
]
FILLER_RU = [
    "Подробности распределения средств будут опубликованы позднее, после консультаций с отраслью.",
    "Эксперты отмечают, что ключевыми ограничениями остаются вычислительные мощности и кадры.",
    "По словам чиновников, около 20% средств направят на региональные проекты.",
    "Представители бизнеса приветствовали решение, но попросили уточнить критерии отбора.",
]


@dataclass(slots=True)
class Doc:
    """One generated announcement: the body text and the metadata a header carries."""

    doc_id: str
    title: str
    url: str
    publisher: str
    published: dt.date | None
    language: str
    text: str

    def file_text(self) -> str:
        """The document as a .txt file with the header `etl.ingest` reads."""
        head = [f"Title: {self.title}", f"URL: {self.url}", f"Publisher: {self.publisher}"]
        if self.published:
            head.append(f"Published: {self.published.isoformat()}")
        head.append(f"Language: {self.language}")
        return "\n".join(head) + "\n\n" + self.text + "\n"


def demo_paragraphs() -> dict[str, list[str]]:
    """Background paragraphs of the bundled corpus, by language (real prose, our own words)."""
    out: dict[str, list[str]] = {"en": [], "ru": []}
    for path in sorted(DEMO.iterdir()):
        if path.name.upper().startswith(("README", "MANIFEST")):
            continue
        for item in read_file(path):
            if not isinstance(item, RawDocument):
                continue
            lang = "ru" if sum("а" <= ch <= "я" for ch in item.text.lower()) > len(item.text) / 4 else "en"
            # The first paragraph is the lead with the demo's own figure; later ones are background.
            paras = [p.strip() for p in item.text.split("\n\n") if len(p.strip()) > 80][1:]
            out[lang].extend(p for p in paras if not p.startswith("("))
    return out


def _number_en(rng: random.Random) -> tuple[str, str, float]:
    """A printed number and scale in one of the forms announcements use, and its value."""
    form = rng.random()
    scale, mult = rng.choice(SCALES_EN[:3]) if form < 0.8 else rng.choice(SCALES_EN[3:])
    whole = rng.choice([1, 2, 3, 5, 7, 10, 12, 14, 20, 25, 30, 50, 60, 100, 109, 150, 200, 500])
    if form < 0.35:
        num = f"{whole}"
    elif form < 0.65:
        num = f"{whole}.{rng.randint(1, 99):d}".rstrip("0")
    elif form < 0.8:
        num = f"{whole:,}{rng.choice(['', ',000'])}" if whole < 1000 else f"{whole:,}"
    else:
        num = f"{whole}"
    joiner = "" if scale in ("bn", "mln") else " "
    return num, joiner + scale, float(num.replace(",", "")) * mult


def amount_en(rng: random.Random, forms) -> tuple[str, float | None]:
    """A printed amount and its value (None for ranges: no single value to convert)."""
    prefix, word = rng.choice(forms)
    if rng.random() < 0.12:  # a range: "30 to 50 billion euros" / "$30-50 billion"
        lo, hi = sorted(rng.sample([1, 2, 5, 10, 20, 30, 50, 100], 2))
        scale = rng.choice(["million", "billion"])
        if prefix:
            return f"between {prefix}{lo} {scale} and {prefix}{hi} {scale}", None
        return f"{lo} to {hi} {scale} {word}", None
    if rng.random() < 0.06:  # spelled in full: "$2,400,000,000"
        n = rng.choice([2_400_000_000, 150_000_000, 52_700_000_000, 1_000_000_000])
        return f"{prefix or ''}{n:,}" + (f" {word}" if word else ""), float(n)
    num, scale, value = _number_en(rng)
    return (f"{prefix}{num}{scale}" if prefix else f"{num}{scale} {word}"), value


def amount_ru(rng: random.Random, code: str) -> str:
    scale, _ = rng.choice(SCALES_RU)
    whole = rng.choice([1, 2, 5, 11, 15, 60, 100, 120, 300, 700])
    num = f"{whole},{rng.randint(1, 9)}" if rng.random() < 0.3 else str(whole)
    unit = rng.choice(RU_CURRENCY.get(code, RU_CURRENCY["RUB"]))
    if unit.startswith(("млрд", "млн", "трлн")):
        unit = "рублей"
    return f"{num} {scale} {unit}"


def _usd_equivalent(rng: random.Random, value: float | None, code: str) -> str:
    """The bracketed dollar figure news agencies print: mostly at a plausible rate (so most
    figure checks pass or warn, as in real feeds), sometimes off (a slip the checks should catch)."""
    if value is None or rng.random() < 0.2:
        return f"${rng.randint(1, 900)}.{rng.randint(1, 99)} {rng.choice(['million', 'billion'])}"
    usd = value / ROUGH_PER_USD.get(code, 1.0)
    for word, mult in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if usd >= mult:
            return f"${usd / mult:.2f} {word}"
    return f"${usd:,.0f}"


def _date_en(rng: random.Random, published: dt.date | None) -> str:
    r = rng.random()
    if r < 0.4:
        return f"on {rng.choice(WEEKDAYS_EN)}"
    if r < 0.7 and published:
        return f"on {published.day} {MONTHS_EN[published.month - 1]} {published.year}"
    if r < 0.85 and published:
        return f"on {MONTHS_EN[published.month - 1]} {published.day}, {published.year}"
    return f"in {rng.choice(MONTHS_EN)}"


def _doc_en(rng: random.Random, i: int, paras: list[str], pad=None) -> Doc:
    iso, name, _ru, leader, code, forms = rng.choice(COUNTRIES)
    published = None if rng.random() < 0.08 else dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 2860))
    amount, value = amount_en(rng, forms)
    qual = "" if amount.startswith("between") or " to " in amount else rng.choice(QUALIFIERS_EN)
    deadline = rng.random()
    year = (published.year if published else 2025) + rng.randint(1, 8)
    tail = (f" by {year}" if deadline < 0.4 else f" by the end of {year}" if deadline < 0.55
            else f" over the next {rng.randint(3, 10)} years" if deadline < 0.7 else "")
    bracket = ""
    if code != "USD" and not amount.lstrip("US").startswith("$") and rng.random() < 0.35:
        bracket = f" ({_usd_equivalent(rng, value, code)})"
    lead = (f"{leader} {rng.choice(VERBS_EN)} {qual}{amount}{bracket} {rng.choice(PURPOSES_EN)}{tail}, "
            f"officials said {_date_en(rng, published)}.")
    second = (f"The package is part of {name}'s plan to raise public and private AI investment by "
              f"{rng.randint(5, 60)}% and follows an earlier commitment of {amount_en(rng, forms)[0]} in "
              f"{(published.year if published else 2024) - rng.randint(1, 4)}.")
    body = [lead, second]
    if code == "RUB" and rng.random() < 0.5:
        body.append(f"($1 = {rng.uniform(60, 100):.4f} roubles)")
    (pad or _pad)(rng, body, paras, FILLER_EN)
    title = f"{name[0].upper() + name[1:]} commits {qual}{amount} to artificial intelligence"
    return Doc(f"bench-{i:06d}", title, f"https://news.example.org/{iso.lower()}/{i}", rng.choice(PUBLISHERS_EN),
               published, "en", "\n\n".join(body))


def _doc_ru(rng: random.Random, i: int, paras: list[str], pad=None) -> Doc:
    code = rng.choice(["RUB", "RUB", "RUB", "USD", "EUR", "CNY"])
    published = None if rng.random() < 0.08 else dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 2860))
    amount = amount_ru(rng, code)
    qual = rng.choice(QUALIFIERS_RU)
    year = (published.year if published else 2025) + rng.randint(1, 8)
    when = (f"{published.day} {MONTHS_RU_GEN[published.month - 1]} {published.year} года"
            if published and rng.random() < 0.4 else rng.choice(WEEKDAYS_RU))
    deadline = rng.choice([f" до {year} года", f" к {year} году", f" в {year}–{year + 2} годах", ""])
    bracket = f" ({rng.randint(1, 900)} млн долларов)" if code == "RUB" and rng.random() < 0.3 else ""
    lead = (f"Правительство России {when} объявило о выделении {qual}{amount}{bracket} "
            f"{rng.choice(PURPOSES_RU)}{deadline}.")
    second = (f"Доля расходов на искусственный интеллект должна вырасти на {rng.randint(5, 40)}%, "
              f"сообщил вице-премьер Дмитрий Чернышенко.")
    body = [lead, second]
    (pad or _pad)(rng, body, paras, FILLER_RU)
    title = f"Россия направит {qual}{amount} на развитие искусственного интеллекта"
    return Doc(f"bench-{i:06d}", title, f"https://news.example.ru/{i}", rng.choice(PUBLISHERS_RU), published, "ru",
               "\n\n".join(body))


def _pad(rng: random.Random, body: list[str], paras: list[str], filler: list[str]) -> None:
    """Background paragraphs until the body is about TARGET_BYTES long (never cut mid-sentence)."""
    def size(parts: list[str]) -> int:
        return sum(len(p.encode("utf-8")) + 2 for p in parts)

    while size(body) < TARGET_BYTES - 120:
        pool = paras if paras and rng.random() < 0.7 else filler
        # Prefer a paragraph that keeps the document near the target; a few tries, then stop.
        for _ in range(6):
            p = rng.choice(pool)
            if size(body) + len(p.encode("utf-8")) <= TARGET_BYTES + 150:
                body.append(p)
                break
        else:
            body.append(rng.choice(filler))


def generate(n: int, seed: int = 20261123, ru_share: float = 0.25) -> list[Doc]:
    """`n` announcements, a quarter of them Russian, the same for the same seed."""
    rng = random.Random(seed)
    paras = demo_paragraphs()
    return [_doc_ru(rng, i, paras["ru"]) if rng.random() < ru_share else _doc_en(rng, i, paras["en"])
            for i in range(n)]


# --- A corpus without repeated paragraphs (issue 16's honest bench) ---------------------
# generate() pads every lead with the demo's background paragraphs and five filler lines, so
# the same paragraphs come back in most documents and the extractors' per-chunk caches
# remember them. generate_distinct() pads with background sentences composed from slots
# (who, what, where, how many, when), and never uses the same sentence twice in a corpus:
# the vocabulary repeats as real news vocabulary does, the sentences do not.

_EN_WHO = ["The ministry", "A spokeswoman for the regulator", "The deputy minister", "Officials at the treasury",
           "The science council", "A senior adviser", "The opposition", "Union leaders", "The central bank",
           "Regional governors", "University rectors", "The finance committee", "Local officials",
           "Executives at two chipmakers", "A think-tank in the capital", "The audit office", "Researchers",
           "The energy regulator", "Industry lobbyists", "The digital ministry's press office"]
_EN_SAY = ["said", "told reporters", "wrote in a note to investors", "said in a statement", "argued",
           "estimated", "cautioned", "told a parliamentary hearing", "noted", "said on state television"]
_EN_WHAT = [
    "about {n} engineers had applied for the first {k} grants",
    "{p}% of the servers would be installed in {place}",
    "the first {k} projects would be chosen by a panel of {m} experts",
    "power demand from data centres in {place} could rise {p}% within {y} years",
    "{n} students had enrolled in new machine-learning courses since {year}",
    "a previous programme had spent only {p}% of its budget by {year}",
    "the cluster in {place} would draw about {m} megawatts at full load",
    "{k} regions had asked for a share of the money",
    "tenders for {k} computing sites would open in {month}",
    "about {n} jobs could be created around {place}",
    "the rules for access to public compute would be published in {month}",
    "{k} universities had signed up to the shared supercomputer",
    "imports of graphics processors rose {p}% in {year}",
    "the agency would hire {m} specialists in {place}",
    "a pilot in {place} had cut processing times by {p}%",
]
_EN_PLACES = ["the north", "the south-east", "the capital region", "two coastal provinces", "the industrial belt",
              "three free economic zones", "the river valley", "the western districts", "a former steel town",
              "the university quarter", "the port city", "mountain regions", "the new technology park",
              "an old airbase", "the border regions", "the eastern corridor"]
_RU_WHO = ["представителя министерства", "заместителя министра", "пресс-службы ведомства", "экспертов отрасли",
           "губернаторов нескольких регионов", "ректоров университетов", "аналитиков банка", "депутатов",
           "представителей бизнеса", "источника в правительстве", "руководителя проекта", "аудиторов",
           "сотрудников Минцифры", "участников рынка", "исследователей"]
_RU_WHAT = [
    "заявки на первые {k} грантов подали около {n} инженеров",
    "{p}% серверов планируется разместить в {place}",
    "первые {k} проектов отберёт комиссия из {m} экспертов",
    "спрос на электроэнергию со стороны дата-центров в {place} может вырасти на {p}% за {y5} лет",
    "с {year} года на новые курсы по машинному обучению записались {n} студентов",
    "по итогам {year} года предыдущая программа была исполнена лишь на {p}%",
    "кластер в {place} будет потреблять около {m} мегаватт",
    "о желании получить часть средств заявили {k} регионов",
    "в {place} может быть создано около {n} рабочих мест",
    "к суперкомпьютеру подключились {k} университетов",
    "импорт графических процессоров в {year} году вырос на {p}%",
    "пилотный проект в {place} сократил сроки обработки на {p}%",
]
_RU_PLACES = ["Сибири", "Татарстане", "Подмосковье", "Ленинградской области", "Новосибирске", "Казани",
              "Иннополисе", "Калининграде", "Свердловской области", "Якутии", "Нижнем Новгороде", "Томске", "Краснодарском крае",
              "Приморье"]


def _slots(rng: random.Random, places: list[str], months: list[str], thousands: str = ",") -> dict:
    return {"n": f"{rng.randint(120, 98_000):,}".replace(",", thousands), "y5": rng.randint(5, 12), "k": rng.randint(3, 480), "m": rng.randint(12, 900),
            "p": rng.randint(2, 95), "y": rng.randint(2, 12), "year": rng.randint(2016, 2026),
            "month": rng.choice(months), "place": rng.choice(places)}


def _sentence(rng: random.Random, language: str) -> str:
    if language == "ru":
        what = rng.choice(_RU_WHAT).format(**_slots(rng, _RU_PLACES, MONTHS_RU_GEN, thousands="\u00a0"))
        return f"По словам {rng.choice(_RU_WHO)}, {what}."
    what = rng.choice(_EN_WHAT).format(**_slots(rng, _EN_PLACES, MONTHS_EN))
    return f"{rng.choice(_EN_WHO)} {rng.choice(_EN_SAY)} {what}."


class _DistinctPad:
    """Pads a body with background paragraphs of 2-4 sentences never used before in this corpus."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def sentence(self, rng: random.Random, language: str) -> str:
        while True:
            s = _sentence(rng, language)
            if s not in self.seen:
                self.seen.add(s)
                return s

    def __call__(self, rng: random.Random, body: list[str], _paras: list[str], filler: list[str]) -> None:
        language = "ru" if filler is FILLER_RU else "en"
        while sum(len(p.encode("utf-8")) + 2 for p in body) < TARGET_BYTES - 120:
            body.append(" ".join(self.sentence(rng, language) for _ in range(rng.randint(2, 4))))


def generate_distinct(n: int, seed: int = 20261203, ru_share: float = 0.25) -> list[Doc]:
    """`n` announcements like generate()'s, whose background sentences are all distinct."""
    rng = random.Random(seed)
    pad = _DistinctPad()
    docs = [_doc_ru(rng, i, [], pad) if rng.random() < ru_share else _doc_en(rng, i, [], pad)
            for i in range(n)]
    # The leads' second sentence and the rate line come from short templates and can recur:
    # a paragraph after the lead that was seen before is replaced by a fresh one.
    seen: set[str] = set()
    for d in docs:
        paras = d.text.split("\n\n")
        for j in range(1, len(paras)):
            if paras[j] in seen:
                paras[j] = " ".join(pad.sentence(rng, d.language) for _ in range(2))
            seen.add(paras[j])
        d.text = "\n\n".join(paras)
    return docs


def repeated_paragraph_share(docs: list[Doc]) -> float:
    """The share of paragraphs (of 80+ characters) that occur more than once in the corpus."""
    counts: dict[str, int] = {}
    for d in docs:
        for p in d.text.split("\n\n"):
            if len(p) >= 80:
                counts[p] = counts.get(p, 0) + 1
    total = sum(counts.values())
    return sum(c for c in counts.values() if c > 1) / total if total else 0.0


def big_document(docs: list[Doc], size: int = 1_000_000) -> str:
    """One ~1 MB text: generated announcements one after another (a long report or a feed dump)."""
    parts, total = [], 0
    for d in docs:
        if total >= size:
            break
        parts.append(d.text)
        total += len(d.text) + 2
    return "\n\n".join(parts)[:size]


def write_files(docs: list[Doc], folder: Path) -> None:
    """One .txt per document with a header, as data/announcements holds them."""
    folder.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (folder / f"{d.doc_id}.txt").write_text(d.file_text(), encoding="utf-8")


if __name__ == "__main__":  # a look at a few documents: python bench/corpus.py
    for d in generate(3):
        print(d.file_text(), len(d.text.encode()), "bytes\n" + "-" * 60)
