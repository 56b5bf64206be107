"""Currency tables: every way a currency is written, mapped to its ISO 4217 code.

The forms are data: `lexicon/currencies.csv` has one row per currency, language
and set of options, listing its written forms (symbols, codes, names in English,
Russian, French, German, Spanish, Portuguese and Italian, with inflections);
`money.lex` compiles all forms into one prefix-tree regex, so adding a currency
or a form is adding a row there (docs/extending.md says how).

Row fields, in `Currency`:
- `code`: ISO 4217, or None (an empty cell) where the form is ambiguous ("kr", "francs").
- `family`: for forms shared by several currencies: "dollar" for a bare "$",
  "dollars", "долларов"; likewise "rupee", "pound", "krona", "franc",
  "riyal", "dinar", "peso", "shilling" (see FAMILIES). `money.amounts` resolves
  them to the member the text last named, else the family default, and marks
  the amount `currency_inferred`.
- `factor`: what one written unit is worth in the major unit: 0.01 for
  cents and kopecks, 1e6 for "MUSD" (finance shorthand for millions).
- `before`/`after` (flags after_only, before_only): whether the form may stand
  before or after the number. Words that are also ordinary English ("won",
  "real", "rand", "mark") and codes that are words or company names ("AMD 300
  chips", "TOP 10") may only follow a number: "Labour won 300 seats" is not money.
- `exact_case` (flag exact): the form counts only as written ("LE" is an
  Egyptian pound, "le" is a French article; "RM" ringgit, "rm" is not).
- `minor` (flag minor): a sub-unit word: cents, pence, kopecks.
- flag lower_code: the row's codes are also read in lower case ("10 usd",
  "Rmb100bn"); other codes only as written, so "try 5 times" is not money.

FAMILIES and DOLLAR_CODES stay here: they are a few sets of codes with a default
each, not words, and a file of them would be harder to read than the dict.

May import: the standard library, etl.extract.lexicon and money.numbers (its
row checks).
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.extract import lexicon
from etl.extract.money.numbers import flags_of, number_of


@dataclass(frozen=True, slots=True)
class Currency:
    code: str | None
    family: str | None = None
    factor: float = 1.0
    before: bool = True
    after: bool = True
    exact_case: bool = False
    minor: bool = False  # a sub-unit word: cents, pence, kopecks


# Russian noun endings, named in the forms as `stem+NAME` ("доллар+RU_M"): masculine
# hard stem (доллар, фунт, цент), soft stem (рубль), feminine -а (гривна), -я (рупия).
RU_ENDINGS: dict[str, tuple[str, ...]] = {
    "RU_M": ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"),
    "RU_M_SOFT": ("ь", "я", "ю", "ем", "ём", "е", "и", "ей", "ям", "ями", "ях"),
    "RU_F_A": ("а", "ы", "е", "у", "ой", "ою", "", "ам", "ами", "ах"),
    "RU_F_YA": ("я", "и", "ю", "ей", "й", "ям", "ями", "ях", "е"),
}


def _forms(spec: str) -> list[str]:
    """'рубл:ь,я,ю|руб.|руб' -> ['рубль', 'рубля', 'рублю', 'руб.', 'руб'].

    A form with a colon is a stem and its endings ('' allowed: 'доллар:,а,ов');
    `stem+NAME` takes the endings of RU_ENDINGS[NAME] ('рубл+RU_M_SOFT')."""
    out: list[str] = []
    for part in spec.split("|"):
        part = part.strip()
        if not part:
            continue
        stem, plus, name = part.rpartition("+")
        if plus and stem and name in RU_ENDINGS:
            out.extend(stem + e for e in RU_ENDINGS[name])
        elif ":" in part and len(part) > 1:
            stem, endings = part.split(":", 1)
            out.extend(stem + e for e in endings.split(","))
        else:
            out.append(part)
    return out


def _is_code(form: str) -> bool:
    return len(form) == 3 and form.isascii() and form.isalpha() and form.isupper()


_TABLE = lexicon.table("currencies", ("code", "lang", "forms", "family", "factor", "flags"),
                       key=("code", "lang", "forms"), optional=("code", "family", "factor", "flags"))
_FLAGS = frozenset({"after_only", "before_only", "exact", "minor", "lower_code"})

# (code, forms, options), in file order: where two rows give a form, the first reading
# that fits is taken (`money.lex.reading`).
CURRENCY_ROWS: list[tuple[str | None, str, dict]] = []
_lower: dict[str, str] = {}  # a code in lower case -> the code ("rmb" -> "CNY")


# Dollars that a bare "$" can stand for once the text has named them ("C$5m ... $3m").
DOLLAR_CODES = frozenset({
    "USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "MXN", "JMD", "TTD", "BZD", "GYD", "FJD",
    "NAD", "BSD", "BBD", "XCD", "SRD", "KYD", "BMD", "LRD", "SBD", "ZWL",
})

# A family is a name several currencies share. A bare member ("$", "rupees",
# "pounds", "kronor") means the one the text last named explicitly; failing
# that, the default, if the name has one everybody reads the same way.
FAMILIES: dict[str, tuple[str | None, frozenset[str]]] = {
    "dollar": ("USD", DOLLAR_CODES),
    "rupee": ("INR", frozenset({"INR", "PKR", "LKR", "NPR", "MUR", "SCR"})),
    "pound": ("GBP", frozenset({"GBP", "EGP", "LBP", "SYP", "SDG"})),
    "krona": (None, frozenset({"SEK", "NOK", "DKK", "ISK"})),
    "franc": (None, frozenset({"CHF", "XOF", "XAF", "CDF", "RWF", "BIF", "GNF", "DJF", "KMF", "FRF", "BEF"})),
    "riyal": (None, frozenset({"SAR", "QAR", "OMR", "YER", "IRR"})),
    "dinar": (None, frozenset({"KWD", "BHD", "JOD", "IQD", "LYD", "TND", "DZD", "RSD"})),
    "peso": (None, frozenset({"MXN", "ARS", "CLP", "COP", "PHP", "DOP", "UYU"})),
    "shilling": (None, frozenset({"KES", "TZS", "UGX", "SOS"})),
}

for _row in _TABLE.rows:
    _flags = flags_of(_TABLE, _row, _FLAGS)
    _code = _row["code"] or None
    if _code is not None and not _is_code(_code):
        raise _TABLE.error(_row, f"code {_code!r} is not three capital letters (ISO 4217)")
    if _row["family"] and _row["family"] not in FAMILIES:
        raise _TABLE.error(_row, f"unknown family {_row['family']!r} (known: {', '.join(FAMILIES)})")
    if any("+" in p and p.rpartition("+")[2].isupper() and p.rpartition("+")[2] not in RU_ENDINGS
           for p in _row["forms"].split("|")):
        raise _TABLE.error(_row, f"unknown ending set in {_row['forms']!r} (known: {', '.join(RU_ENDINGS)})")
    if not _forms(_row["forms"]):
        raise _TABLE.error(_row, "no forms")
    _opts: dict = {}
    if _row["family"]:
        _opts["family"] = _row["family"]
    if _row["factor"]:
        _opts["factor"] = number_of(_TABLE, _row, "factor")
    if "after_only" in _flags:
        _opts["before"] = False
    if "before_only" in _flags:
        _opts["after"] = False
    if "exact" in _flags:
        _opts["exact_case"] = True
    if "minor" in _flags:
        _opts["minor"] = True
    CURRENCY_ROWS.append((_code, _row["forms"], _opts))
    if "lower_code" in _flags:
        for _form in _forms(_row["forms"]):
            if _is_code(_form):
                _lower.setdefault(_form.lower(), _code)

# Codes are matched as written (upper case) so that English words are not read
# as money: "TOP 10", "try 5 times", "MAD 3". The codes of rows flagged lower_code
# are common enough in lower case ("10 usd", "rmb 10") to accept that way too.
LOWERCASE_CODES = tuple(_lower)


def written_forms() -> list[str]:
    """Every form as the table writes it (case kept), for building the matcher."""
    out = [f for _c, spec, _o in CURRENCY_ROWS for f in _forms(spec)]
    return out + list(LOWERCASE_CODES)


def build_currency_forms() -> dict[str, list[tuple[str | None, Currency]]]:
    """Every written form, lowercased, mapped to its readings.

    Each reading is (exact form or None, Currency): with an exact form the
    reading applies only when the text has it in exactly that case."""
    table: dict[str, list[tuple[str | None, Currency]]] = {}

    def add(form: str, cur: Currency, exact: bool) -> None:
        readings = table.setdefault(form.lower(), [])
        entry = (form if exact else None, cur)
        if exact:
            readings.insert(0, entry)  # exact readings are tried first
        else:
            readings.append(entry)

    for code, spec, opts in CURRENCY_ROWS:
        cur = Currency(code=code, **opts)
        for form in _forms(spec):
            add(form, cur, exact=cur.exact_case or _is_code(form))
    for code in LOWERCASE_CODES:
        # any case: "10 usd", "Rmb100bn" (the FT's house style)
        add(code, Currency(code=_lower[code]), exact=False)
    return table
