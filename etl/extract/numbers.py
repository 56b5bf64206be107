"""Numbers as news writes them: digits with any grouping, number words, scale words.

Three jobs:
- `parse_digits`: "1,234.5", "1 234,5", "1.234,5", "12,34,567" (Indian),
  "1'049,95" -> float, deciding decimal versus thousands separator from the
  grouping and from what follows (a scale word, the language).
- number words in English and Russian ("two billion", "three quarters of a
  billion", "одиннадцать триллионов", "полтора миллиарда") -> `words_value`.
- scale words and abbreviations in English, Russian, French, German, Spanish,
  Portuguese and Italian (bn, млрд, Milliarden, mil millones, lakh crore).

May import: the standard library only.
"""

from __future__ import annotations

import re

# --- digits -----------------------------------------------------------------

# Longest alternatives first. Group separators must repeat consistently
# ("1,234,567"), decimals come after. "1 599 059, 38" (space after a decimal
# comma, from a Russian contract) is handled by money.py, where the currency
# that follows makes it safe.
DIGITS_PATTERN = (
    r"(?<![\d.,])(?:"
    r"\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?"  # Indian: 12,34,567.89
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,234,567.5
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 1.234.567,5
    r"|\d{1,3}(?: \d{3})+(?:[.,]\d+)?"  # 1 234 567,5
    r"|\d{1,3}(?:'\d{3})+(?:[.,]\d+)?"  # 1'049,95
    r"|\d+(?:[.,]\d+)?"
    r"|\.\d+"  # .5
    r")(?![.,]?\d)"
)
DIGITS_RE = re.compile(DIGITS_PATTERN)


def parse_digits(s: str, *, scaled: bool = False, comma_decimal: bool = False) -> float | None:
    """Value of a digit string as matched by DIGITS_PATTERN.

    One separator followed by exactly three digits is the hard case:
    "€1.234" and "20.000 руб." are thousands, but "$1.234 billion" is a
    decimal (nobody writes "1.234 thousand million"). So with a scale word
    after it, "." is decimal; "," is decimal only in comma-decimal text
    (Russian, most of Europe: "1,234 млрд"), since English writes
    "£1,500 million".
    """
    s = s.replace(" ", "").replace("'", "")
    if not s:
        return None
    dots, commas = s.count("."), s.count(",")
    try:
        if dots and commas:
            # the last separator is the decimal one: 1,234.5 / 1.234,5
            if s.rfind(".") > s.rfind(","):
                return float(s.replace(",", ""))
            return float(s.replace(".", "").replace(",", "."))
        if dots + commas == 0:
            return float(s)
        sep = "." if dots else ","
        count = dots or commas
        head, _, tail = s.rpartition(sep)
        if count > 1:
            # 1.234.567 or 12,34,567 (Indian lakh grouping): all grouping
            return float(s.replace(sep, ""))
        if len(tail) != 3 or head in ("", "0"):
            # 2,2 / 19,1 / 1.0875 / 0,125: a decimal
            return float(head.replace(sep, "") + "." + tail) if head else float("0." + tail)
        if scaled and (sep == "." or comma_decimal):
            return float(head + "." + tail)
        return float(head + tail)
    except ValueError:
        return None


# --- scale words ---------------------------------------------------------------

# (multiplier, forms). Forms are matched case-insensitively unless listed in
# SCALE_EXACT; a form ending in "." also matches without it where listed.
SCALE_ROWS: list[tuple[float, str]] = [
    (1e3, "thousand|thousands|k|thou|тыс|тыс.|тысяч|тысячи|тысяча|тысячу|тысячам|тысячами|тысячах|"
          "mil|mille|mila|Tsd.|Tausend|tys.|tys|thousand"),
    (1e5, "lakh|lakhs|lac|lacs|lk"),
    (1e6, "million|millions|mn|mln|mln.|m|MM|mio|mio.|mil.|mill.|millón|millones|milhão|milhões|"
          "milione|milioni|Million|Millionen|miljoen|milion|miliony|milionów|"
          "млн|млн.|миллион|миллиона|миллионов|миллиону|миллионом|миллионе|миллионы|миллионам|"
          "миллионами|миллионах"),
    (1e7, "crore|crores|cr|cr."),
    (1e9, "billion|billions|bn|bln|bln.|b|milliard|milliards|Milliarde|Milliarden|Mrd|Mrd.|Md|Mds|"
          "mil millones|miles de millones|bilhão|bilhões|bilião|mil milhões|miliardo|miliardi|mld|mld.|"
          "miliard|miliardy|miliardów|млрд|млрд.|миллиард|миллиарда|миллиардов|миллиарду|"
          "миллиардом|миллиарде|миллиарды|миллиардам|миллиардами|миллиардах"),
    (1e12, "trillion|trillions|tn|trn|tr|tln|T|трлн|трлн.|триллион|триллиона|триллионов|триллиону|"
           "триллионом|триллионе|триллионы|триллионам|триллионами|триллионах|Billionen|"
           "billón|billones|trilhão|trilhões|biliões"),
]
# Case decides for a few forms: "T" is a trillion ("$2.174T") but "t" is a
# tonne; "5 m" after a space is metres, which money.py checks.
# German "Billion" (10^12) is left out on purpose: English headlines write
# "$80 Billion" in title case, and reading that as 80 trillion is far worse
# than missing a German figure; the plural "Billionen" is unambiguous.
SCALE_EXACT = {"Md", "Mds", "Tsd.", "T", "MM"}  # "MM": finance's million; "mm" is millimetres
# Scale words of comma-decimal languages: after them "1,5" and "2,202" are decimals.
COMMA_DECIMAL_SCALES = frozenset(
    "mil|mille|mila|tsd.|tausend|tys.|tys|mio|mio.|mil.|mill.|millón|millones|milhão|milhões|milione|"
    "milioni|millionen|miljoen|milion|miliony|milionów|milliard|milliards|milliarde|milliarden|mrd|"
    "mrd.|md|mds|mil millones|miles de millones|bilhão|bilhões|bilião|mil milhões|miliardo|miliardi|"
    "mld|mld.|miliard|miliardy|miliardów|billionen|billón|billones|trilhão|trilhões|biliões".split("|")
)

_SCALES: dict[str, float] = {}
_SCALES_EXACT: dict[str, float] = {}
for _mult, _spec in SCALE_ROWS:
    for _form in _spec.split("|"):
        if _form in SCALE_EXACT:
            _SCALES_EXACT[_form] = _mult
        else:
            _SCALES.setdefault(_form.lower(), _mult)


def scale_value(form: str) -> float | None:
    """Multiplier of a scale word as written, or None."""
    exact = _SCALES_EXACT.get(form)
    if exact is not None:
        return exact
    return _SCALES.get(form.lower())


def scale_forms() -> list[str]:
    return sorted(set(_SCALES) | {f.lower() for f in _SCALES_EXACT})


# --- number words ------------------------------------------------------------------

# kind: "n" adds (one, twenty, двести), "h" multiplies by 100 (hundred),
# "s" a scale (thousand, миллион), "f" a fraction that multiplies what came
# before or stands alone (half, quarter), "a" the article that means one
# only before a scale or a currency name ("a billion dollars", "a dollar").
_EN_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
             "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()

NUMBER_WORDS: dict[str, tuple[str, float]] = {}
for _i, _w in enumerate(_EN_UNITS):
    NUMBER_WORDS[_w] = ("n", float(_i))
for _i, _w in enumerate(_EN_TENS):
    NUMBER_WORDS[_w] = ("n", float(20 + 10 * _i))
NUMBER_WORDS.update({
    "hundred": ("h", 100.0), "hundreds": ("h", 100.0),
    "thousand": ("s", 1e3), "million": ("s", 1e6), "billion": ("s", 1e9), "trillion": ("s", 1e12),
    "lakh": ("s", 1e5), "lakhs": ("s", 1e5), "crore": ("s", 1e7), "crores": ("s", 1e7),
    "half": ("f", 0.5), "quarter": ("f", 0.25), "quarters": ("f", 0.25), "third": ("f", 1 / 3),
    "thirds": ("f", 1 / 3), "dozen": ("n", 12.0),
    "a": ("a", 1.0), "an": ("a", 1.0),
})

# Russian: every case form, from the stem and its endings.
_RU_SPEC: list[tuple[str, float, str]] = [
    ("n", 0, "ноль|нуль|ноля|нуля"),
    ("n", 1, "один|одна|одно|одного|одной|одному|одним|одною|одном|одну"),
    ("n", 2, "два|две|двух|двум|двумя"),
    ("n", 3, "три|трех|трёх|трем|трём|тремя"),
    ("n", 4, "четыре|четырех|четырёх|четырем|четырём|четырьмя"),
    ("n", 5, "пять|пяти|пятью"),
    ("n", 6, "шесть|шести|шестью"),
    ("n", 7, "семь|семи|семью"),
    ("n", 8, "восемь|восьми|восемью|восьмью"),
    ("n", 9, "девять|девяти|девятью"),
    ("n", 10, "десять|десяти|десятью"),
    ("n", 40, "сорок|сорока"),
    ("n", 90, "девяносто|девяноста"),
    ("n", 100, "сто|ста"),
    ("n", 200, "двести|двухсот|двумстам|двумястами|двухстах"),
    ("n", 300, "триста|трехсот|трёхсот|тремстам|тремястами|трехстах|трёхстах"),
    ("n", 400, "четыреста|четырехсот|четырёхсот|четыремстам|четырьмястами|четырехстах|четырёхстах"),
    ("n", 1.5, "полтора|полторы|полутора"),
    ("f", 0.5, "половина|половину|половины"),
    ("s", 1e3, "тысяча|тысячи|тысяч|тысячу|тысячей|тысячею|тысяче|тысячам|тысячами|тысячах"),
]
for _stem, _v in [("одиннадцат", 11), ("двенадцат", 12), ("тринадцат", 13), ("четырнадцат", 14),
                  ("пятнадцат", 15), ("шестнадцат", 16), ("семнадцат", 17), ("восемнадцат", 18),
                  ("девятнадцат", 19), ("двадцат", 20), ("тридцат", 30)]:
    _RU_SPEC.append(("n", _v, "|".join(_stem + e for e in ("ь", "и", "ью"))))
for _stem, _obl, _v in [("пятьдесят", "пятидесяти|пятьюдесятью", 50),
                        ("шестьдесят", "шестидесяти|шестьюдесятью", 60),
                        ("семьдесят", "семидесяти|семьюдесятью", 70),
                        ("восемьдесят", "восьмидесяти|восемьюдесятью", 80)]:
    _RU_SPEC.append(("n", _v, _stem + "|" + _obl))
for _stem, _v in [("пят", 500), ("шест", 600), ("сем", 700), ("восем", 800), ("девят", 900)]:
    _obl = {"восем": "восьм"}.get(_stem, _stem)
    _RU_SPEC.append(("n", _v, f"{_stem}ьсот|{_obl}исот|{_obl}истам|{_obl}ьюстами|{_obl}истах"))
for _stem, _v in [("миллион", 1e6), ("миллиард", 1e9), ("триллион", 1e12)]:
    _RU_SPEC.append(("s", _v, "|".join(_stem + e for e in ("", "а", "ов", "у", "ом", "е", "ы", "ам", "ами", "ах"))))
for _kind, _v, _spec in _RU_SPEC:
    for _w in _spec.split("|"):
        NUMBER_WORDS.setdefault(_w, (_kind, float(_v)))

# Words that connect the parts of one number: "one hundred and five",
# "twenty-two", "one and a half", "три четверти" is not handled.
NUMBER_JOINERS_RE = re.compile(r"(?:\s*-\s*|\s+(?:and\s+|и\s+|of\s+)?)\Z", re.IGNORECASE)


def words_value(words: list[tuple[str, float]]) -> float | None:
    """Value of a run of number words, as (kind, value) pairs.

    "three quarters of a billion" -> n3 f.25 a s1e9 = 0.75e9;
    "one and a half billion" -> n1 a f.5 s1e9 = 1.5e9;
    "пять лакх крор"-style stacked scales multiply ("1.5 lakh crore").
    """
    total = 0.0
    current: float | None = None
    last_group = 0.0
    prev_kind = ""
    article_made_one = False  # "a" opened the number: "a half", "a quarter million"
    for kind, v in words:
        if kind == "n":
            current = (current or 0.0) + v
        elif kind == "a":
            # "a billion": one; "one and a half": the article only opens the fraction
            if current is None:
                current, article_made_one = 1.0, True
        elif kind == "f":
            if prev_kind == "a" and article_made_one and current == 1.0:
                current = v  # "a half", "a quarter"
            elif prev_kind == "a" and current is not None:
                current += v  # "one and a half", "two and a half"
            elif prev_kind == "n" and current is not None:
                current *= v  # "three quarters"
            elif current is None:
                current = v  # "half", "quarter million"
            else:
                current += v
        elif kind == "h":
            current = (current if current is not None else 1.0) * v
        elif kind == "s":
            if prev_kind == "s" and current is None:
                # stacked scales multiply: "lakh crore", "thousand million"
                total -= last_group
                last_group *= v
                total += last_group
            else:
                last_group = (current if current is not None else 1.0) * v
                total += last_group
                current = None
        prev_kind = kind
    value = total + (current or 0.0)
    return value
