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


def parse_digits(
    s: str, *, scaled: bool = False, comma_decimal: bool = False, dot_groups: bool = False
) -> float | None:
    """Value of a digit string as matched by DIGITS_PATTERN.

    One separator followed by exactly three digits is the hard case:
    "€1.234" and "20.000 руб." are thousands, but "$1.234 billion" is a
    decimal (nobody writes "1.234 thousand million"). So with a scale word
    after it, "." is decimal; "," is decimal only in comma-decimal text
    (Russian, most of Europe: "1,234 млрд"), since English writes
    "£1,500 million". Except before a scale word of a decimal-comma language
    (`dot_groups`): "1.500 millones de pesos", "3.000 millones de dólares" are
    thousands of millions, the way Spanish writes billions.
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
        if scaled and ((sep == "." and not dot_groups) or (sep == "," and comma_decimal)):
            return float(head + "." + tail)
        return float(head + tail)
    except ValueError:
        return None


# --- scale words ---------------------------------------------------------------


def flags_of(table: lexicon.Table, row: dict[str, str], allowed: frozenset[str]) -> frozenset[str]:
    """The row's flags ("exact comma", "after_only|exact"), each one of `allowed`."""
    flags = frozenset(row["flags"].replace("|", " ").split())
    if flags - allowed:
        raise table.error(row, f"unknown flag {', '.join(sorted(flags - allowed))} "
                                    f"(known: {', '.join(sorted(allowed))})")
    return flags


def number_of(table: lexicon.Table, row: dict[str, str], column: str) -> float:
    try:
        return float(row[column])
    except ValueError:
        raise table.error(row, f"{column} {row[column]!r} is not a number") from None


# One row per scale word and language in lexicon/scales.csv, which says what the flags
# mean. Case decides for the few flagged exact: "T" is a trillion ("$2.174T") but "t"
# is a tonne; "5 m" after a space is metres, which money.lex checks. German "Billion"
# (10^12) has no row on purpose: English headlines write "$80 Billion" in title case,
# and reading that as 80 trillion is far worse than missing a German figure; the
# plural "Billionen" is unambiguous.
_SCALE_TABLE = lexicon.table("scales", ("word", "lang", "value", "flags"), optional=("flags",))
_SCALE_FLAGS = frozenset({"exact", "comma", "alone", "after_code"})

_SCALES: dict[str, float] = {}  # lowercased form -> multiplier, of its first row
_SCALES_EXACT: dict[str, float] = {}  # forms that count only as written
_SCALES_BY_LANG: dict[tuple[str, str], float] = {}  # (lowercased form, lang), where rows disagree
_comma: set[str] = set()
_alone: set[str] = set()
_after_code: set[str] = set()
for _row in _SCALE_TABLE.rows:
    _flags = flags_of(_SCALE_TABLE, _row, _SCALE_FLAGS)
    _mult = number_of(_SCALE_TABLE, _row, "value")
    _form, _low = _row["word"], _row["word"].lower()
    if "exact" in _flags:
        _SCALES_EXACT[_form] = _mult
    else:
        if _SCALES.setdefault(_low, _mult) != _mult:
            _SCALES_BY_LANG[_low, _row["lang"]] = _mult
    if "comma" in _flags:
        _comma.add(_low)
    if "alone" in _flags:
        _alone.add(_low)
    if "after_code" in _flags:
        _after_code.add(_low)
# Scale words of comma-decimal languages: after them "1,5" and "2,202" are decimals.
COMMA_DECIMAL_SCALES = frozenset(_comma)
# Scale words that stand for one of them without a digit, in the singular only: "a
# billion dollars", "миллиард рублей", "около миллиарда"; "millions of dollars" and
# "сотни миллиардов" are not figures.
STANDALONE_SCALES = frozenset(_alone)
# Scale words that may follow a currency code: "75 USD million".
AFTER_CODE_SCALES = frozenset(_after_code)


def scale_value(form: str, lang: str | None = None) -> float | None:
    """Multiplier of a scale word as written, or None; `lang` picks between rows that
    disagree ("mil" is a million in English slang, a thousand in Spanish)."""
    exact = _SCALES_EXACT.get(form)
    if exact is not None:
        return exact
    low = form.lower()
    if lang is not None and _SCALES_BY_LANG:
        by_lang = _SCALES_BY_LANG.get((low, lang[:2]))
        if by_lang is not None:
            return by_lang
    return _SCALES.get(low)


def scale_forms() -> list[str]:
    return sorted(set(_SCALES) | {f.lower() for f in _SCALES_EXACT})


# --- languages -------------------------------------------------------------------

# Languages that write a decimal comma ("1,5 млрд", "2,5 Milliarden"), from
# lexicon/languages.csv: in their text a lone comma before three digits after a
# scale word is a decimal.
_LANGUAGE_TABLE = lexicon.table("languages", ("lang", "decimal_comma"))
for _row in _LANGUAGE_TABLE.rows:
    if _row["decimal_comma"] not in ("yes", "no"):
        raise _LANGUAGE_TABLE.error(_row, f"decimal_comma {_row['decimal_comma']!r}, expected yes or no")
DECIMAL_COMMA_LANGS = frozenset(_LANGUAGE_TABLE.column("lang", decimal_comma="yes"))


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
