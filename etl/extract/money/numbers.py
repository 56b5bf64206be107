"""Numbers as news writes them: digits with any grouping, number words, scale words.

Three jobs:
- `parse_digits`: "1,234.5", "1 234,5", "1.234,5", "12,34,567" (Indian),
  "1'049,95" -> float, deciding decimal versus thousands separator from the
  grouping and from what follows (a scale word, the language).
- number words in English and Russian ("two billion", "three quarters of a
  billion", "одиннадцать триллионов", "полтора миллиарда") -> `words_value`.
- scale words and abbreviations in English, Russian, French, German, Spanish,
  Portuguese and Italian (bn, млрд, Milliarden, mil millones, lakh crore).

May import: the standard library, etl.extract.lexicon (its tables).
"""

from __future__ import annotations

import re

from etl.extract import lexicon

# --- digits -----------------------------------------------------------------

# Longest alternatives first. Group separators must repeat consistently
# ("1,234,567"), decimals come after. "1 599 059, 38" (space after a decimal
# comma, from a Russian contract) is handled by money.lex, where the currency
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
# tonne; "5 m" after a space is metres, which money.lex checks.
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

# One row per written form in lexicon/number_words.csv (which says what each kind
# means: n adds, h multiplies by 100, s a scale, f a fraction, a the article that
# means one only before a scale or a currency name); dates read the same file.
NUMBER_WORDS: dict[str, tuple[str, float]] = {}
for _row in lexicon.table("number_words", ("word", "lang", "kind", "value")).rows:
    NUMBER_WORDS.setdefault(_row["word"], (_row["kind"], float(_row["value"])))

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
