"""Money in news text: amounts, stated exchange rates, bracketed conversions, percentages.

`extract_money(norm)` reads a normalised document and returns four lists:
AmountSpan, RateSpan, ConversionSpan and PercentSpan, in text order.

Choices an analyst should know about:
- Spans cover the number and its currency only ("11 trillion roubles",
  "$136.57 billion"); a hedge before it ("more than", "свыше") is recorded in
  `qualifier`, not included in the span, so the span is the figure itself.
  A range spans both bounds: "$5-10 billion", "от 1,5 до 3 трлн руб.".
- Values are in major units, never negative: "50 cents" is 0.5 (dollars),
  "470 pence" is 4.7 GBP. "($99.99)" in news is a conversion or a plain
  amount, not an accounting loss.
- A bare "$" or "dollars" is US dollars unless the caller says otherwise or
  the text named another dollar earlier ("C$5m ... $3m" is Canadian); such
  amounts carry `currency_inferred=True`. Other shared names work alike:
  "Rs" is Indian unless the text named Pakistani rupees, "pounds" sterling
  unless it named Egyptian ones; bare kronor, francs, riyals, dinars and
  pesos stay without a code unless the text names one.
- "from $5bn to $7bn" is a change, two amounts; "between $5bn and $7bn",
  "$5-7bn", "от 5 до 7 млрд рублей" are ranges, one amount.
- In brackets right after an amount ("11 trillion roubles ($136.57 billion)",
  also after a short noun: "a £500m pot (about $630m)"), or restated with
  ", or about", an amount in another currency is a conversion; there a bare
  "$" is the US dollar (the wire's convention), whatever dollar came before.
- Stated rates ("$1 = 80.5455 roubles", "90 roubles to the dollar",
  "курс доллара составил 92,5 рубля") are RateSpans only, not amounts.
- `value_min`/`value_max` are set only where the text bounds the figure:
  both for an exact amount, the floor for "over"/"at least", the ceiling for
  "up to"/"under"/"nearly", neither for "about", both ends for a range.

How it works, and why it is fast: linear regex scans give a short token
list: one pass over the whole text for digit runs and number words (in two
scans, _anchor_scan says why), then prefix trees of currency and percent
forms within reach of those. The trees
hold every form in the four usual capitalisations, so no IGNORECASE is
needed, and only the forms the text's scripts can hold (an English text is
not searched for Russian inflections); word scans stop only where a word can
start (gates.WordStart). Everything else is decided on those tokens and on
anchored matches of bounded length next to them. About 0.12 s per MB of news.

May import: the standard library, etl.extract.spans, etl.extract.text and
its siblings numbers and currencies (data and number parsing).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from dataclasses import dataclass, field

from etl.extract.currencies import (
    DOLLAR_CODES,
    FAMILIES,
    LOWERCASE_CODES,
    Currency,
    build_currency_forms,
    written_forms,
)
from etl.extract.gates import PLAIN_LETTERS, WordStart, forms_for, scripts_of, trie_pattern
from etl.extract.numbers import (
    COMMA_DECIMAL_SCALES,
    DIGITS_PATTERN,
    NUMBER_WORDS,
    parse_digits,
    scale_forms,
    scale_value,
    words_value,
)
from etl.extract.spans import AmountSpan, ConversionSpan, PercentSpan, RateSpan
from etl.extract.text import Normalised

def _key(form: str) -> str:
    # multiword forms match any spacing, or none ("saudi riyal", "saudiriyal"),
    # so look them up with the spaces taken out
    return "".join(form.split()).lower()


_CURRENCY_FORMS: dict[str, list[tuple[str | None, Currency]]] = {}
for _form, _readings in build_currency_forms().items():
    _CURRENCY_FORMS.setdefault(_key(_form), []).extend(
        (None if exact is None else "".join(exact.split()), cur)
        for exact, cur in _readings
    )
_DOLLAR_CODES = DOLLAR_CODES

_PERCENT_WORDS = (
    "%|percent|percents|per cent|percentage|percentages|percentage point|percentage points|pct|"
    "pct.|процент|процента|процентов|проценты|процентам|процентами|процентах|проц.|"
    "процентного пункта|процентных пунктов|процентный пункт|п.п.|п. п.|pour cent|Prozent|"
    "por ciento|por cento|per cento|pc"
).split("|")
_PERCENT_SET = {"".join(w.split()).lower() for w in _PERCENT_WORDS}

_WORD_FORMS = set(NUMBER_WORDS) - {"a", "an"}
_WORD_FORMS |= set(written_forms()) | set(_PERCENT_WORDS)


def _split(forms: set[str]) -> tuple[list[str], list[str]]:
    letter, other = [], []
    for f in forms:
        (letter if f[:1].isalpha() else other).append(f)
    return letter, other


_LETTER_FORMS, _OTHER_FORMS = _split(_WORD_FORMS)
# a symbol form needs no boundary after it ("184,20 €HT"), unless it ends in a
# letter itself ("€ur")
_OTHER_TAIL_LETTER = [f for f in _OTHER_FORMS if f[-1:].isalpha()]
_OTHER_PLAIN = [f for f in _OTHER_FORMS if not f[-1:].isalpha()]


def _case_variants(form: str) -> set[str]:
    # The lexer runs without IGNORECASE (twice as fast); news writes a form as
    # the table has it, in lower case, ALL CAPS, or with any word capitalised
    # ("Kuwaiti dinar", "kuwaiti Dinar"), so the tree holds those.
    out = {form, form.lower(), form.upper()}
    words = form.lower().split(" ")
    if len(words) <= 3:
        for mask in range(1 << len(words)):
            out.add(" ".join(w[:1].upper() + w[1:] if mask >> k & 1 else w for k, w in enumerate(words)))
    return out


def _variants(forms: list[str]) -> list[str]:
    out: set[str] = set()
    for f in forms:
        out |= _case_variants(f)
    return sorted(out)


_URL_RE = re.compile(r"(?:https?://|www\.)\S+")
# After its first digit, the rest of a maximal run of digits and separators;
# numbers.DIGITS_RE then splits the run ("2019 150 million" is two numbers,
# "15.08.2017" none).
_DIGIT_RUN_REST = r"(?:\d|[.,' ](?=\d))*"
_DIGITS_STRICT = re.compile(DIGITS_PATTERN)
_WORD_REST = re.compile(r"[^\W\d_]*")
# "a dollar", "a penny": the article is the only number there is
_ARTICLE_NOUNS = ("dollar", "buck", "pound", "euro", "penny", "cent", "yen", "yuan", "rouble", "ruble", "rupee", "franc")
_ARTICLE_CURRENCY = r"[Aa]n? +(?:" + "|".join(_ARTICLE_NOUNS) + ")"
# Currency and percent words matter only next to a number: they are looked for
# in these reaches around each number ("United States dollars 5" before,
# "5 mil millones de dólares", "90 roubles against the US dollar" after).
_REACH_BEFORE, _REACH_AFTER = 30, 45

_NUMWORD_FORMS = _variants([w for w in NUMBER_WORDS if w not in ("a", "an")])
# Number words are found in the whole text already, as whole words, so the
# windows need not look for them again.
_LETTER_VARIANTS = sorted(set(_variants(_LETTER_FORMS)) - set(_NUMWORD_FORMS))
_LETTER = r"[^\W\d_]"


def _anchor_scan(numwords: list[str]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Digit runs, number words and "a dollar": words after a space, all after any
    other character, and words at offset 0.

    Each match consumes the character before a word (gates.WordStart says
    why), so a digit run is that character and what follows it, and a word
    right after a run ("5million") belongs to the run's match. In a match,
    `d` is the rest of a digit run, `gn`/`ga` a number word or article glued
    to it, `wn`/`wa` one after any other non-letter.

    Most stops are a space before a word: a scan that opens with a space gets
    `re`'s fast literal search and needs no lookbehind, so those have a scan
    of their own, and the other scan passes over spaces. Neither scan can
    match inside the other's matches, as these hold only plain letters and
    spaces (asserted), and a space inside them comes before a digit or a
    currency of "a dollar", where no number word starts; so the two find
    together what one scan over every non-letter would.
    """
    assert not any(w[:1] in "Aa" for w in numwords)  # so a word and an article never start alike
    assert all(re.fullmatch(f"[{PLAIN_LETTERS}]+", w) for w in numwords)
    assert not any(w.startswith(_ARTICLE_NOUNS) for w in numwords)

    def word(tag: str, after_guard: str = "") -> str:
        firsts = "".join(sorted({w[0] for w in numwords} | {"A", "a"}))
        number = f"(?P<{tag}n>{trie_pattern(numwords)})(?![^\\W\\d_])|" if numwords else ""
        return f"(?=[{re.escape(firsts)}]){after_guard}(?:{number}(?P<{tag}a>{_ARTICLE_CURRENCY}))"

    # A word's alternative comes first; it checks the cheap first-letter guard
    # before the lookbehind, and leaves a digit before it to the run's alternative.
    not_letter_nor_digit = r"(?<![^\W_])"
    scan = re.compile(
        f"[^ {PLAIN_LETTERS}](?:{word('w', not_letter_nor_digit)}|(?<=\\d)(?P<d>{_DIGIT_RUN_REST})(?:{word('g')})?)"
    )
    return re.compile(" " + word("w")), scan, re.compile(word("w"))


def _word_start(forms: list[str]) -> WordStart:
    # whole words only (gates.WordStart): after a non-letter, before one
    return WordStart(
        "(?:" + trie_pattern(forms, guard=True) + r")(?![^\W\d_])" if forms else "(?!)", _LETTER, PLAIN_LETTERS
    )


def _symbol_re(tail_letter: list[str], plain: list[str]) -> re.Pattern[str]:
    # A form ending in a letter needs no letter after it ("€ur"), and is tried
    # before the others. Split by first character, so that the pattern opens
    # with a branch of literals and `re` skips ahead to a possible symbol.
    alts = []
    for c in sorted({f[0] for f in tail_letter + plain}):
        t = [f[1:] for f in tail_letter if f[0] == c]
        p = [f[1:] for f in plain if f[0] == c]
        parts = ([f"(?:{trie_pattern(t)})(?![^\\W\\d_])"] if t else []) + ([f"(?:{trie_pattern(p)})"] if p else [])
        alts.append(re.escape(c) + "(?:" + "|".join(parts) + ")")
    return re.compile("(?:" + "|".join(alts) + ")" if alts else "(?!)")


@functools.cache  # one set of scans per script set, of the forms it can hold (gates.forms_for)
def _scans(
    scripts: tuple[bool, bool],
) -> tuple[tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]], WordStart, re.Pattern[str]]:
    """Anchor, letter-form and symbol scans for a text with these scripts."""
    return (
        _anchor_scan(forms_for(_NUMWORD_FORMS, scripts)),
        _word_start(forms_for(_LETTER_VARIANTS, scripts)),
        _symbol_re(forms_for(_variants(_OTHER_TAIL_LETTER), scripts), forms_for(_OTHER_PLAIN, scripts)),
    )


_ARTICLE_BEFORE = re.compile(r"(?<![^\W\d_])(?:a|an|A|An)\s+\Z")

# Scale words right after a number: "5bn", "1.5 trillion", "20 млн.", "3 lakh crore".
# Most numbers have none; the guard's one class rejects them at once, as under
# IGNORECASE `re` must enter every alternative of a branch to test its letter.
_SCALE_RE = re.compile(
    r"(?:\s?|\s*-\s*)(?P<s>" + trie_pattern(scale_forms() + ["к"], guard=True) + r")(?![^\W\d_])",
    re.IGNORECASE,
)

_GAP_NEAR = re.compile(r"\s{0,2}\Z")
_GAP_HYPHEN = re.compile(r"\s{0,2}(?:-\s{0,2})?\Z")
# "5 mil millones de dólares", "2 miliardi di euro", "3 milliards d'euros"
_GAP_AFTER_SCALE = re.compile(r"(?:[\s.]{0,3}|\s+(?:de|di|of|d')\s*)\Z")
_GAP_JOIN = re.compile(r"(?:\s*-\s*|\s+)\Z")
_GAP_AND = re.compile(r"\s+and\s+\Z", re.IGNORECASE)
_GAP_OF = re.compile(r"\s+of\s+\Z", re.IGNORECASE)
_GAP_TAIL = re.compile(r"(?:\s+(?:and|и)\s+|\s{0,2})\Z", re.IGNORECASE)
_SPACES = re.compile(r" *")
_WEAK_END = re.compile(r"\s*(?:\Z|[.,;:!?)\]]|(?:a|an|per|each|for|to|in|and|or|is|was)\b)", re.IGNORECASE)
_COMMA_CENTS = re.compile(r",\s?(\d\d)(?!\d)")
_YEAR = re.compile(r"(?:1[89]|20|21)\d\d\Z")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Hedges before an amount, as literal phrases (checked against the last one to
# three words before the amount, which is far cheaper than a regex search).
_QUALIFIERS: dict[str, str] = {
    "over": "over|more than|above|exceed|exceeds|exceeded|exceeding|in excess of|upwards of|upward of|"
            "topping|"
            "top|tops|beyond|более|свыше|больше|превысить|превысит|превысят|превысил|превысила|"
            "превысило|превысили|превышает|превышают|превышать|превышающий|превышающая|"
            "превышающие|превышающих|превысив|превышая|более чем|больше чем|свыше чем|well over",
    "at_least": "at least|no less than|not less than|a minimum of|minimum of|не менее|не меньше|"
                "как минимум|минимум|от|не менее чем|не меньше чем|по меньшей мере|по крайней мере",
    # "no more than" is a ceiling, though it ends in "more than"
    "up_to": "up to|as much as|as many as|a maximum of|maximum of|at most|no more than|not more than|"
             "not exceeding|до|не более|не больше|не более чем|не свыше|максимум",
    "about": "about|around|approximately|approx|approx.|some|roughly|an estimated|estimated|circa|"
             "ca.|c.|in the region of|около|порядка|примерно|приблизительно|~|≈",
    "nearly": "nearly|almost|close to|just under|почти|близко к",
    "under": "under|less than|below|fewer than|менее|меньше|ниже|менее чем|меньше чем",
}
_QUAL_PHRASES: dict[str, str] = {
    phrase: name for name, spec in _QUALIFIERS.items() for phrase in spec.split("|")
}
# most amounts have no hedge, which the word right before them tells at once
_QUAL_LAST_WORDS = frozenset(phrase.split()[-1] for phrase in _QUAL_PHRASES)
_OPENERS = "([«\"'"


def _qualifier_before(text: str, start: int) -> str | None:
    """The hedge that ends right before `start`, if any: "more than", "свыше"."""
    window = text[max(0, start - 40) : start]
    if window[-1:] in ("~", "≈"):
        return "about"
    if not window or not (window[-1].isspace()):
        return None
    words = window.split()[-3:]
    last = words[-1].lower() if words else ""
    if last not in _QUAL_LAST_WORDS and last.lstrip(_OPENERS) not in _QUAL_LAST_WORDS:
        return None
    for k in range(len(words), 0, -1):
        phrase = " ".join(words[-k:]).lstrip(_OPENERS).lower()
        name = _QUAL_PHRASES.get(phrase)
        if name is not None:
            return name
    return None


_OR_MORE = re.compile(
    r"(?:\s*(?:or more|and more|and above|or above|или более|и более|и выше)\b|\s*(?:-\s*)?plus\b|\+)",
    re.IGNORECASE,
)
_MINUS = re.compile(r"(?<![^\W\d_])(?:minus|минус)\s+\Z", re.IGNORECASE)

# Range connectors between a lower and an upper bound.
_RANGE_GAP = re.compile(
    r"\s*(?P<c>-|to|and|or|до|и|или|—)\s*\Z", re.IGNORECASE
)
_RANGE_LEAD = re.compile(r"(?<![^\W\d_])(?P<w>between|from|от|с|между|range of)\s+\Z", re.IGNORECASE)

# up to two plain words may sit between the amount and its bracket:
# "a £500m pot (about $630m)"
_BRACKET_GAP = re.compile(
    r"(?:\s+[^\W\d_]+(?:[-'][^\W\d_]+)?){0,2}\s*[(\[]\s*(?:(?P<q>approx\.?|approximately|about|around|roughly|some|nearly|almost|over|"
    r"more than|~|≈|около|примерно|почти|более|свыше|c\.|ca\.|or)\s*)?\Z",
    re.IGNORECASE,
)
# the bracket closes at once, or after a short remark: "($6.7bn at current rates)"
_BRACKET_CLOSE = re.compile(r"\s*[)\];,]|[^()\[\]\n]{1,80}?[)\]]")
# "10 trillion yen, or about $65 billion": the same figure restated, unbracketed
_OR_GAP = re.compile(
    r"(?:\s*,\s*|\s+)(?:or|или)\s+(?:(?P<q>approx\.?|approximately|about|around|roughly|some|nearly|almost|"
    r"over|more than|около|примерно|почти|более|свыше)\s+)?\Z",
    re.IGNORECASE,
)
_EQUALS_GAP = re.compile(r"\s*=\s*\Z")
_RATE_PER = re.compile(
    r"(?:\s+(?:to\s+(?:the|one|a|1|each)|per|a|for\s+(?:one|a|each|1|every)|against\s+the|for\s+the|"
    r"за(?:\s+(?:один|одного|1))?|к)\s+(?:(?:US|U\.S\.|single)\s+)?|\s*/\s*)\Z",
    re.IGNORECASE,
)
# "курс доллара составил 92,5 рубля", "the dollar's exchange rate of 90 roubles"
_RATE_LEAD = re.compile(
    r"(?<![^\W\d_])(?:курс[а-я]*\s+(?P<ru>[^\W\d_]+)(?:\s+(?:США|к рублю))?"
    r"(?:\s+(?:составил[аои]?|составляет|составит|превысил|достиг|упал до|вырос до|на уровне|—|-|:|в))?"
    r"|(?P<en>[^\W\d_]+)(?:'s)?\s+exchange\s+rate\s+(?:of|at|was|is|stood at))\s+\Z",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    kind: str  # num, word, art
    text: str


@dataclass(slots=True)
class _Qty:
    start: int
    end: int  # end of number and scale
    value: float
    digits: str | None = None  # the digit string when written in digits
    scale: str | None = None
    scale_mult: float = 1.0
    first_tok: int = 0
    last_tok: int = 0  # index of the last token the quantity covers
    words: bool = False
    used: bool = False
    pct: bool = False
    cur_before: int | None = None  # token index of a currency just before
    cur_after: int | None = None  # ... and just after
    weak: bool = False  # "a", "half" alone: a number only right before a currency


@dataclass(slots=True)
class _Amt:
    q: _Qty
    start: int
    end: int
    value: float
    currency: str | None
    currency_raw: str
    family: str | None
    qualifier: str = "exact"
    value_min: float | None = None
    value_max: float | None = None
    bracketed: bool = False
    inferred: bool = False
    dropped: bool = False  # merged into a range or read as a rate
    # "tail": the cents quantity; "after": the amount a bracket follows;
    # "change_end": the second figure of "from X to Y"
    extras: dict = field(default_factory=dict)


def _lex(text: str) -> list[_Tok]:
    """Numbers, number words, currency forms and percent words, in text order.

    Digits and number words are found in the whole text; currency and percent
    words only within reach of them, which keeps prose without figures cheap."""
    toks: list[_Tok] = []
    anchors: list[tuple[int, int]] = []
    (after_space, scan, at_start), letter_re, symbol_re = _scans(scripts_of(text))
    articles = "a " in text or "A " in text
    first = at_start.match(text)
    pos = first.end() if first else 0
    matches = itertools.chain(after_space.finditer(text, pos), scan.finditer(text, pos))
    for m in itertools.chain((first,), matches) if first else matches:
        kind = m.lastgroup
        if kind == "wn":
            s, e = m.span("wn")
            toks.append(_Tok(s, e, "word", text[s:e]))
            anchors.append((s, e))
            continue
        if kind == "wa":
            if articles:
                anchors.append(m.span("wa"))
            continue
        s, e = m.start(), m.end("d")
        if s and text[s - 1] == "." and not (s >= 2 and text[s - 2].isdigit()):
            s -= 1  # ".75 €"
        anchors.append((s, e))
        run = text[s:e]
        # The common case, plain digits ("5", "2030"), is one number: DIGITS_PATTERN
        # reads it so unless "," or "." comes before it, which only a short run ignores.
        if run.isdigit() and (e - s <= 3 or text[s - 1 : s] not in (",", ".")):
            toks.append(_Tok(s, e, "num", run))
        else:
            for d in _DIGITS_STRICT.finditer(text, s, e):
                toks.append(_Tok(d.start(), d.end(), "num", d.group()))
        if kind == "gn":
            s, e = m.span("gn")
            toks.append(_Tok(s, e, "word", text[s:e]))
            anchors.append((s, e))
        elif kind == "ga" and articles:
            anchors.append(m.span("ga"))
    if not anchors:
        return []
    anchors.sort()
    # reaches of the anchors, overlapping ones merged (clipped to the text below)
    windows: list[tuple[int, int]] = []
    ws, we = anchors[0][0] - _REACH_BEFORE, anchors[0][1] + _REACH_AFTER
    for s, e in anchors:
        if s - _REACH_BEFORE > we:
            windows.append((ws, we))
            ws = s - _REACH_BEFORE
        we = max(we, e + _REACH_AFTER)
    windows.append((ws, we))
    n = len(text)
    for ws, we in windows:
        ws = max(0, ws)
        we = _WORD_REST.match(text, min(n, we)).end()  # never cut a word in two
        for m in letter_re.finditer(text, ws, we):
            s, e = m.span("word")
            toks.append(_Tok(s, e, "word", text[s:e]))
        for m in symbol_re.finditer(text, ws, we):
            toks.append(_Tok(m.start(), m.end(), "word", m.group()))
    toks.sort(key=lambda t: (t.start, -t.end))
    urls = [m.span() for m in _URL_RE.finditer(text)] if "://" in text or "www." in text else []
    out: list[_Tok] = []
    last_end = -1
    for t in toks:
        if t.start < last_end:
            continue  # inside a longer token: "$" of "US$"
        if urls and any(s <= t.start < e for s, e in urls):
            continue
        if t.kind == "num" and t.start and text[t.start - 1].isalpha():
            # "A1B2C3", "GPT4": a number glued to letters is part of a name,
            # unless those letters are a currency ("USD50", "Rs20", "RM42")
            if not (out and out[-1].end == t.start and out[-1].kind == "word"):
                continue
        if t.kind == "word" and t.start >= 2 and text[t.start - 1] == " " and text[t.start - 2] in "aAnN":
            # "a billion dollars", "a dollar": the article is the number one
            nw = NUMBER_WORDS.get(t.text.lower())
            if (nw is not None and nw[0] in "shf") or (
                nw is None and t.text[:1].isalpha() and _key(t.text) not in _PERCENT_SET
            ):
                m = _ARTICLE_BEFORE.search(text, max(0, t.start - 4), t.start)
                if m:
                    out.append(_Tok(m.start(), m.start() + len(m.group().rstrip()), "art", "a"))
        out.append(t)
        last_end = t.end
    return out


def _currency(tok: _Tok) -> Currency | None:
    return _reading(tok.text)


@functools.lru_cache(maxsize=4096)
def _reading(written: str) -> Currency | None:
    readings = _CURRENCY_FORMS.get(_key(written))
    if not readings:
        return None
    squeezed = "".join(written.split())
    for exact, cur in readings:
        if exact is None or exact == squeezed:
            return cur
    return None


def _collapse(s: str) -> str:
    return " ".join(s.split()) if " " in s else s


def _is_pct(tok: _Tok) -> bool:
    return tok.kind == "word" and _pct_form(tok.text)


@functools.lru_cache(maxsize=1024)
def _pct_form(written: str) -> bool:
    return _key(written) in _PERCENT_SET


def _numword(tok: _Tok) -> tuple[str, float] | None:
    if tok.kind == "art":
        return ("a", 1.0)
    if tok.kind != "word":
        return None
    return NUMBER_WORDS.get(tok.text.lower())


# Standalone scale words stand for one of them only in the singular: "a
# billion dollars", "миллиард рублей", "около миллиарда"; "millions of
# dollars" and "сотни миллиардов" are not figures.
_STANDALONE_SCALE = re.compile(
    r"(?:thousand|million|billion|trillion|lakh|crore|тысяч[аиу]|миллион[ау]?|миллиард[ау]?|"
    r"триллион[ау]?)\Z",
    re.IGNORECASE,
)


def _quantities(text: str, toks: list[_Tok], lang: str | None) -> list[_Qty]:
    out: list[_Qty] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind == "num":
            q = _Qty(t.start, t.end, 0.0, digits=t.text, first_tok=i, last_tok=i)
            pos = t.end
            mult = 1.0
            scale_txt: list[str] = []
            for _ in range(2):  # "1.5 lakh crore", "mil millones" is one form
                m = _SCALE_RE.match(text, pos)
                if not m:
                    break
                form = m.group("s")
                sv = scale_value(_collapse(form)) if form.lower() != "к" else 1e3
                if form.lower() == "mil" and (lang or "en")[:2] == "en":
                    sv = 1e6  # English slang "$5 mil"; Spanish and Portuguese "5 mil" is 5,000
                if sv is None:
                    break
                # single letters count only when glued on or upper case:
                # "$5m", "10 M"; "5 m" after a space is metres
                if len(form) == 1 and m.start("s") != pos and form.islower():
                    break
                # "1 B/." is a balboa and "1 T$" a pa'anga, not a billion or a trillion
                k = i + 1
                while k < n and toks[k].start < m.start("s"):
                    k += 1
                if k < n and toks[k].start == m.start("s") and toks[k].end > m.end():
                    break
                mult *= sv
                scale_txt.append(form)
                pos = m.end()
            if not scale_txt and text.startswith((",", "."), pos):
                # "1 599 059, 38 Евро", "118, 99 TL": a decimal comma with a
                # space after it, safe only when a currency follows at once
                m = _COMMA_CENTS.match(text, pos)
                if (
                    m
                    and not re.search(r"[.,]\d{1,2}\Z", t.text)
                    and i + 2 < n
                    and toks[i + 1].start == m.start(1)
                    and _GAP_NEAR.match(text[m.end() : toks[i + 2].start])
                    and _currency(toks[i + 2]) is not None
                ):
                    q.digits = t.text + "," + m.group(1)
                    pos = m.end()
                # "50,- Kč", "1.198,- Kr": a dash for no decimals
                elif text.startswith((",-", ".-", ",—"), pos) and not text[pos + 2 : pos + 3].isdigit():
                    pos += 2
            q.end = pos
            q.scale = " ".join(scale_txt) if scale_txt else None
            q.scale_mult = mult
            # skip tokens the scale covered (миллиард is also a number word)
            j = i + 1
            while j < n and toks[j].start < pos:
                j += 1
            q.last_tok = j - 1
            # "881 913 (восемьсот восемьдесят одна тысяча девятьсот тринадцать) руб.":
            # contracts restate the figure in words; skip the bracket
            open_at = _SPACES.match(text, pos).end()
            if j < n and text.startswith("(", open_at):
                close = text.find(")", open_at, open_at + 300)
                k = j
                while k < n and close > 0 and toks[k].start < close and _numword(toks[k]):
                    k += 1
                inner = text[open_at + 1 : close].replace("-", " ").split() if close > 0 else []
                if k > j and len(inner) == k - j:
                    q.end = close + 1
                    q.last_tok = k - 1
                    j = k
            out.append(q)
            i = j
            continue
        nw = _numword(t)
        if nw is not None:
            run = [nw]
            j = i + 1
            while j < n:
                nxt = _numword(toks[j])
                if nxt is None:
                    break
                gap = text[toks[j - 1].end : toks[j].start]
                prev_kind = run[-1][0]
                if _GAP_JOIN.match(gap):
                    pass
                elif _GAP_AND.match(gap) and (prev_kind in "hs" or nxt[0] == "a"):
                    pass  # "one hundred and five", "one and a half"
                elif _GAP_OF.match(gap) and prev_kind == "f":
                    pass  # "three quarters of a billion"
                else:
                    break
                run.append(nxt)
                j += 1
            # drop a trailing article: "two a day"
            while len(run) > 1 and run[-1][0] == "a":
                run.pop()
                j -= 1
            kinds = {k for k, _ in run}
            if kinds == {"s"} and len(run) == 1 and not _STANDALONE_SCALE.match(toks[i].text):
                i = j
                continue
            value = words_value(run)
            if value is not None and math.isfinite(value):
                q = _Qty(t.start, toks[j - 1].end, value, first_tok=i, last_tok=j - 1, words=True)
                if kinds <= {"a", "f"}:
                    # "a dollar", "half a million" is fine, "a quarter" alone is not
                    q.weak = True
                # "two billion" written in words, scale given by a word: keep it
                if any(k == "s" for k, _ in run):
                    q.scale = next(toks[x].text for x in range(i, j) if _numword(toks[x])[0] == "s")
                # digits can be followed by an abbreviation: "fifty bn" is rare, skip
                out.append(q)
            i = j
            continue
        i += 1
    return _join_compound(text, out, lang)


def _join_compound(text: str, qs: list[_Qty], lang: str | None) -> list[_Qty]:
    """"2 млрд 500 млн рублей", "1 млн 250 тыс. руб.": one figure in falling scales."""
    out: list[_Qty] = []
    for q in qs:
        p = out[-1] if out else None
        if (
            p is not None
            and p.digits is not None
            and q.digits is not None
            and p.scale_mult > q.scale_mult > 1.0
            and _GAP_NEAR.match(text[p.end : q.start])
            and p.end < q.start
        ):
            comma = _comma_decimal(lang, p, "")
            a = parse_digits(p.digits, scaled=True, comma_decimal=comma)
            b = parse_digits(q.digits, scaled=True, comma_decimal=comma)
            if a is not None and b is not None and b * q.scale_mult < p.scale_mult:
                p.value = a * p.scale_mult + b * q.scale_mult
                p.digits = None
                p.scale = f"{p.scale} {q.scale}"
                p.scale_mult = 1.0
                p.end = q.end
                p.last_tok = q.last_tok
                continue
        out.append(q)
    return out


def _comma_decimal(lang: str | None, q: _Qty, cur_text: str) -> bool:
    if lang and lang[:2] in ("ru", "uk", "de", "fr", "es", "pt", "it", "pl", "cs", "nl", "tr"):
        return True
    if q.scale and (_CYRILLIC.search(q.scale) or _collapse(q.scale).lower() in COMMA_DECIMAL_SCALES):
        return True
    return bool(_CYRILLIC.search(cur_text))


def extract_money(
    norm: Normalised, lang: str | None = None, default_dollar: str | None = None
) -> tuple[list[AmountSpan], list[RateSpan], list[ConversionSpan], list[PercentSpan]]:
    """Amounts, stated rates, bracketed conversions and percentages in `norm`.

    `lang` ("en", "ru", ...) only tips the decimal-comma decision; `default_dollar`
    is the ISO code a bare "$" means when the text does not say (e.g. "AUD" for
    an Australian publisher)."""
    text = norm.text
    toks = _lex(text)
    if not any(t.kind != "word" or t.text.lower() in NUMBER_WORDS for t in toks):
        return [], [], [], []
    qs = _quantities(text, toks, lang)
    if not qs:
        return [], [], [], []
    percents = _percentages(norm, text, toks, qs)
    amounts = _amounts(text, toks, qs, lang)
    amounts.extend(_ranges(text, amounts, qs, lang))
    amounts.sort(key=lambda a: a.start)
    pairs = _mark_brackets(text, amounts)
    _resolve_families(amounts, default_dollar)
    _resolve_yen_sign(amounts)
    rates = _rates(norm, text, toks, amounts)
    _qualifiers(text, amounts)
    conversions = _conversions(text, pairs)
    kept = [a for a in amounts if not a.dropped]
    index = {id(a): k for k, a in enumerate(kept)}
    out: list[AmountSpan] = []
    for a in kept:
        s, e = norm.span(a.start, a.end)
        value_min, value_max = _bounds(a)
        out.append(
            AmountSpan(
                text=norm.original[s:e],
                start=s,
                end=e,
                value=a.value,
                value_min=value_min,
                value_max=value_max,
                currency=a.currency,
                qualifier=a.qualifier,
                currency_raw=a.currency_raw,
                currency_inferred=a.inferred,
                scale=a.q.scale,
                bracketed=a.bracketed,
            )
        )
    convs: list[ConversionSpan] = []
    for src, tgt, rate, (cs, ce) in conversions:
        if id(src) in index and id(tgt) in index:
            s, e = norm.span(cs, ce)
            convs.append(ConversionSpan(index[id(src)], index[id(tgt)], rate, norm.original[s:e], s, e))
    return out, rates, convs, percents


def _bounds(a: _Amt) -> tuple[float | None, float | None]:
    """Bounds the text gives: "over $5bn" has a floor, "up to $5bn" a ceiling,
    "about $5bn" neither, "$5bn" both, a range its two ends."""
    if a.qualifier == "range":
        return a.value_min, a.value_max
    if a.qualifier == "exact":
        return a.value, a.value
    if a.qualifier in ("over", "at_least"):
        return a.value, None
    if a.qualifier in ("under", "up_to", "nearly"):
        return None, a.value
    return None, None


# --- amounts ------------------------------------------------------------------


def _adjacent_after(text: str, toks: list[_Tok], q: _Qty) -> int | None:
    j = q.last_tok + 1
    if j >= len(toks):
        return None
    t = toks[j]
    if t.kind != "word":
        return None
    cur = _currency(t)
    if cur is None or not cur.after:
        return None
    gap = text[q.end : t.start]
    ok = _GAP_HYPHEN.match(gap) or (q.scale and _GAP_AFTER_SCALE.match(gap))
    # "2,2 млн. руб." keeps its abbreviation dot; "$6bn. Rmb100bn" is two sentences
    if not ok or ("." in gap and not _CYRILLIC.search(q.scale or "")):
        return None
    # "a 300-pound robot", "10 pounds of copper": pounds of weight. Sterling
    # in words comes scaled or as "pounds sterling" ("5 billion pounds").
    if t.text[:5].lower() == "pound" and not q.scale and (
        "-" in gap or _OF_AFTER.match(text, t.end)
    ):
        return None
    return j


_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)


def _adjacent_before(text: str, toks: list[_Tok], q: _Qty) -> int | None:
    j = q.first_tok - 1
    if j < 0:
        return None
    t = toks[j]
    if t.kind != "word":
        return None
    cur = _currency(t)
    if cur is None or not cur.before:
        return None
    gap = text[t.end : q.start]
    # "$-99.99": a sign after a symbol is a dash, never a negative amount
    if not (_GAP_NEAR.match(gap) or (gap == "-" and not t.text[-1:].isalpha())):
        return None
    if cur.minor and cur.code != "MYR":
        return None
    return j


def _is_symbolic(tok: _Tok) -> bool:
    """Symbols and codes ($, €, USD, rmb, руб.) bind forward; names (dollars) bind backward."""
    s = tok.text
    return (
        not s[:1].isalpha()
        or (s.isupper() and len(s) <= 4)
        or "$" in s
        or s.endswith(".")
        or s.lower() in LOWERCASE_CODES
    )


def _amounts(text: str, toks: list[_Tok], qs: list[_Qty], lang: str | None) -> list[_Amt]:
    live = [q for q in qs if not q.pct]
    for q in live:
        q.cur_after = _adjacent_after(text, toks, q)
        q.cur_before = _adjacent_before(text, toks, q)
    by_first = {q.first_tok: q for q in live}
    consumed: set[int] = set()
    amounts: list[_Amt] = []
    for q in live:
        if q.used:
            continue
        b, a = q.cur_before, q.cur_after
        if q.weak:
            # "a dollar a day" is money; "a dollar-denominated bond", "a euro
            # zone" and "a pound of flesh" are not: the name must end the phrase
            b = None
            if a is not None and (
                not toks[a].text[:1].isalpha() or not _WEAK_END.match(text, toks[a].end)
            ):
                a = None
        if b in consumed:
            b = None
        if a in consumed:
            a = None
        choice = None
        also = None
        if b is not None and a is not None:
            cb, ca = _currency(toks[b]), _currency(toks[a])
            nxt = by_first.get(a + 1)
            ca_leads = nxt is not None and _GAP_NEAR.match(text[toks[a].end : nxt.start])
            if (cb.family == "dollar" and cb.code is None and ca.code is not None and not ca.minor
                    and not ca_leads and _GAP_NEAR.match(text[q.end : toks[a].start])):
                choice, also = a, b  # "$1,190.00 AUD"
            elif ca.family == "dollar" and ca.code is None and cb.code is not None and not cb.minor:
                choice, also = b, a
            else:
                # prefer a symbol before, a name after
                choice = b if _is_symbolic(toks[b]) else a
        elif a is not None:
            choice = a
            nxt = by_first.get(a + 1)
            # "one $5 billion fund": the "$" belongs to the number after it,
            # unless that number has its own currency ("10 $ 30 $")
            # "35€ 99" stays together
            if (
                nxt is not None
                and _is_symbolic(toks[a])
                and _currency(toks[a]).before
                and _GAP_NEAR.match(text[toks[a].end : nxt.start])
                and (nxt.cur_after is None or nxt.cur_after in consumed)
                and (q.words or (toks[a].start > q.end and nxt.start == toks[a].end))
            ):
                choice = None
        elif b is not None:
            choice = b
            bt = toks[b]
            # a currency name before a number is money only when nothing says
            # otherwise: "the dollar 10 years ago", "the euro 2020" are not
            if not _is_symbolic(bt):
                rest = text[q.end : q.end + 12]
                if re.match(r"\s+[^\W\d_]", rest) and not q.scale:
                    if not re.match(r"\s+(?:and|и)\b", rest, re.IGNORECASE):
                        choice = None
                if q.digits and not q.scale and _YEAR.match(q.digits):
                    choice = None
        if choice is None:
            continue
        cur = _currency(toks[choice])
        if cur is None:
            continue
        # "R5 billion" and "R8,499" are rand, but "DeepSeek-R1" and "R2" are
        # names: a one-letter symbol before a number needs a scale word or a
        # written separator to be money
        if (choice == b and len(toks[b].text) == 1 and toks[b].text.isalpha()
                and q.scale_mult == 1.0 and (q.digits is None or q.digits.isdigit())):
            continue
        consumed.add(choice)
        ctok = toks[choice]
        start = min(q.start, ctok.start)
        end = max(q.end, ctok.end)
        if also is None and choice == b and b > 0 and _currency(toks[b]).family == "dollar":
            # "SGD$4.90", "NZD $100.70": a code just before a bare "$"
            pc = _currency(toks[b - 1])
            if (pc is not None and pc.code in _DOLLAR_CODES and b - 1 not in consumed
                    and _GAP_NEAR.match(text[toks[b - 1].end : ctok.start])):
                also, choice, cur = b, b - 1, pc
        if also is not None:
            consumed.add(also)
            start = min(start, toks[also].start)
            end = max(end, toks[also].end)
            ctok = toks[choice]
        scale_mult = q.scale_mult
        scale_txt = q.scale
        # "75 USD million": the scale after the code
        if choice == a and not q.scale and q.digits is not None:
            m = _SCALE_RE.match(text, ctok.end)
            if m and m.group("s").lower() in ("million", "billion", "trillion", "thousand", "mn", "bn", "млн", "млрд", "трлн", "тыс"):
                sv = scale_value(m.group("s"))
                if sv:
                    scale_mult = sv
                    scale_txt = m.group("s")
                    end = m.end()
        if q.digits is not None:
            num = parse_digits(q.digits, scaled=scale_mult != 1.0, comma_decimal=_comma_decimal(lang, q, ctok.text))
            if num is None:
                continue
        else:
            num = q.value
        if scale_txt is not None:
            q.scale = scale_txt
        value = num * scale_mult * cur.factor
        amt = _Amt(q, start, end, value, cur.code, ctok.text, cur.family)
        # the next token may belong to this amount: consume inner tokens
        tail_from = max(choice, q.last_tok)
        _cents_tail(text, toks, amt, q, cur, tail_from, by_first, consumed)
        amounts.append(amt)
    amounts.sort(key=lambda a: a.start)
    return amounts


def _cents_tail(text, toks, amt: _Amt, q: _Qty, cur: Currency, after: int, by_first, consumed) -> None:
    """"20 dollars 43 cents", "$20 and 43c", "124 451 рубль 50 копеек", "35€ 99"."""
    # only a whole, unscaled major amount takes cents: not "$4.25 and 32", "$5bn 20"
    if cur.minor or q.scale_mult != 1.0 or amt.value != int(amt.value):
        return
    if q.digits is not None and ("." in q.digits[-3:] or "," in q.digits[-3:]):
        if not re.fullmatch(r"\d{1,3}(?:[ ,.']\d{3})+", q.digits):
            return
    j = after + 1
    if j >= len(toks):
        return
    t = toks[j]
    gap = text[amt.end : t.start]
    if not _GAP_TAIL.match(gap):
        return
    nq = by_first.get(j)
    if nq is None or nq.pct or nq.scale_mult != 1.0:
        return
    if nq.digits is not None:
        if not re.fullmatch(r"\d{1,2}", nq.digits):
            return
        sub = float(nq.digits)
    else:
        sub = nq.value
        if sub != int(sub):
            return
    if sub >= 100:
        return
    k = nq.last_tok + 1
    minor = None
    unit = 0.01 * cur.factor  # cents unless the sub-unit word says otherwise
    if k < len(toks) and _GAP_NEAR.match(text[nq.end : toks[k].start]):
        c2 = _currency(toks[k])
        if c2 is not None and c2.minor:
            minor, unit = k, c2.factor  # "five mao" is 0.5 yuan
        elif c2 is not None or _is_pct(toks[k]):
            return
    if minor is None:
        rest = text[nq.end : nq.end + 8]
        if re.match(r"[^\W_]|\s*%|\s+[^\W\d_]|[.,]\d", rest):
            if not re.match(r"\s+(?:and|и)\b", rest, re.IGNORECASE):
                return
    nq.used = True
    amt.value += sub * unit
    if minor is not None:
        consumed.add(minor)
        amt.end = toks[minor].end
    else:
        amt.end = nq.end
    q.last_tok = max(q.last_tok, minor if minor is not None else nq.last_tok)
    amt.extras["tail"] = nq


def _resolve_yen_sign(amounts: list[_Amt]) -> None:
    """"¥" is the yen, unless the text counts in yuan and never in yen (Chinese news)."""
    codes = {a.currency for a in amounts if a.currency_raw not in ("¥", "￥")}
    if "CNY" in codes and "JPY" not in codes:
        for a in amounts:
            if a.currency_raw in ("¥", "￥"):
                a.currency = "CNY"
                a.inferred = True


_FAMILY_OF = {code: fam for fam, (_d, codes) in FAMILIES.items() for code in codes if fam != "dollar"}
_FAMILY_OF.update({code: "dollar" for code in DOLLAR_CODES})


def _resolve_families(amounts: list[_Amt], default_dollar: str | None) -> None:
    """A bare "$", "rupees", "pounds" or "kronor" means the member of its family
    the text last named ("C$5m ... $3m" is Canadian, "PKR 5bn ... Rs 2bn" is
    Pakistani), else the caller's dollar, else the family default (USD, INR,
    GBP); kronor, francs, riyals, dinars, pesos and shillings have none.

    Except in brackets right after an amount: "C$2.4 billion ($1.77 billion)"
    is the wire's conversion into US dollars, so there a bare "$" is the
    caller's dollar or USD, and never the currency it converts from."""
    last: dict[str, str] = {}
    for a in amounts:
        if a.currency is not None:
            fam = _FAMILY_OF.get(a.currency)
            if fam and not a.bracketed:
                last[fam] = a.currency
            continue
        fam = a.family
        if fam is None:
            continue
        default = FAMILIES.get(fam, (None, frozenset()))[0]
        if fam == "dollar":
            default = default_dollar or default
            before = a.extras.get("after")
            if a.bracketed and before is not None:
                guess = default or "USD"
                if guess == before.currency:
                    guess = "USD" if before.currency != "USD" else guess
                a.currency, a.inferred = guess, True
                continue
        resolved = last.get(fam) or default
        if resolved:
            a.currency, a.inferred = resolved, True


def _ranges(text: str, amounts: list[_Amt], qs: list[_Qty], lang: str | None) -> list[_Amt]:
    """Join "5-10 billion dollars", "between €20bn and €25bn", "от 1,5 до 3 трлн руб.".

    Returns amounts that a change ("from 5 to 7 billion dollars") adds."""
    starts = {id(a.q): a for a in amounts}
    tails = {id(a.extras["tail"]) for a in amounts if "tail" in a.extras}
    added: list[_Amt] = []
    prev_q: _Qty | None = None
    ordered = sorted(qs, key=lambda q: q.start)
    for q in ordered:
        a = starts.get(id(q))
        if prev_q is not None and id(prev_q) not in tails and not prev_q.pct and not prev_q.weak:
            if a is not None:
                _try_range(text, a, prev_q, starts.get(id(prev_q)), added)
            elif starts.get(id(prev_q)) is not None and not q.pct and not q.used and id(q) not in tails:
                _try_symbol_range(text, starts[id(prev_q)], q, lang)
        prev_q = q
    return added


def _try_symbol_range(text: str, lower: _Amt, uq: _Qty, lang: str | None) -> None:
    """"$5-10 billion", "€2 to 3 bn", "€20bn-25bn": the currency on the lower bound only."""
    lq = lower.q
    if lower.qualifier == "range" or uq.scale_mult == 1.0 or lower.end != lq.end:
        return
    m = _RANGE_GAP.match(text[lower.end : uq.start])
    if not m or m.group("c").lower() not in ("-", "to", "до", "or", "или", "—"):
        return
    if uq.digits is None:
        return
    comma = _comma_decimal(lang, uq, lower.currency_raw)
    hi = parse_digits(uq.digits, scaled=True, comma_decimal=comma)
    lo = parse_digits(lq.digits, scaled=True, comma_decimal=comma) if lq.digits else lq.value
    if hi is None or lo is None:
        return
    factor = _unit_factor(lower)
    lo = lo * (lq.scale_mult if lq.scale_mult != 1.0 else uq.scale_mult) * factor
    hi = hi * uq.scale_mult * factor
    if lo > hi:
        return
    lower.value = lower.value_min = lo
    lower.value_max = hi
    lower.qualifier = "range"
    lower.end = uq.end
    lower.q.scale = uq.scale
    uq.used = True


def _try_range(text: str, upper: _Amt, lq: _Qty, lower_amt: _Amt | None, added: list[_Amt]) -> None:
    lower_end = lower_amt.end if lower_amt is not None else lq.end
    if lower_end > upper.start:
        return
    gap = text[lower_end : upper.start]
    m = _RANGE_GAP.match(gap)
    if not m:
        return
    conn = m.group("c").lower()
    lower_start = lower_amt.start if lower_amt is not None else lq.start
    lead = _RANGE_LEAD.search(text, max(0, lower_start - 12), lower_start)
    lead_w = lead.group("w").lower() if lead else ""
    if conn in ("and", "и") and lead_w not in ("between", "между"):
        return
    if conn in ("до",) and lead_w not in ("от", "с"):
        return
    change = lead_w in ("from", "с")
    if lower_amt is not None:
        if lower_amt.currency != upper.currency or lower_amt.dropped:
            return
        low = lower_amt.value
        # "between $20 and $25 billion": the upper bound's scale, if it fits
        if lower_amt.q.scale_mult == 1.0 and upper.q.scale_mult != 1.0 and "tail" not in lower_amt.extras:
            if low * upper.q.scale_mult <= upper.value:
                low *= upper.q.scale_mult
    else:
        if lq.pct or lq.used:
            return
        if lq.digits is not None:
            if not lq.scale and _YEAR.match(lq.digits) and conn != "-":
                return
            if not lq.scale and _YEAR.match(lq.digits):
                return
            num = parse_digits(lq.digits, scaled=upper.q.scale_mult != 1.0,
                               comma_decimal=bool(_CYRILLIC.search(text[upper.start : upper.end])))
            if num is None:
                return
        else:
            num = lq.value
        num *= lq.scale_mult
        # the upper bound's scale, written in digits ("5 to 7 bn") or words
        # ("two to three billion dollars")
        up_scale = upper.q.scale_mult
        if upper.q.digits is None and upper.q.scale:
            up_scale = scale_value(upper.q.scale) or 1.0
        lower_scaled = lq.scale_mult != 1.0 or (lq.digits is None and lq.scale)
        mult = 1.0 if lower_scaled else up_scale
        factor = _unit_factor(upper)
        low = num * mult * factor
        if low > upper.value:
            low = num * factor
        if low > upper.value:
            return
    if low > upper.value:
        return
    if change:
        upper.extras["change_end"] = True
        if lower_amt is None:
            # "rose from 5 to 7 billion dollars": two amounts, the first
            # borrowing the unit of the second
            borrowed = _Amt(lq, lq.start, lq.end, low, upper.currency, upper.currency_raw,
                            upper.family, inferred=upper.inferred)
            borrowed.extras["borrowed"] = True
            added.append(borrowed)
        return
    upper.qualifier = "range"
    upper.value_min = low
    upper.value_max = upper.value
    upper.value = low
    upper.start = lower_start
    if lower_amt is not None:
        lower_amt.dropped = True


def _unit_factor(a: _Amt) -> float:
    """Currency factor (cents 0.01, MUSD 1e6) of an amount, from its raw currency."""
    cur = _reading(a.currency_raw)
    return cur.factor if cur is not None else 1.0


def _qualifiers(text: str, amounts: list[_Amt]) -> None:
    for a in amounts:
        if a.dropped or a.qualifier == "range":
            continue
        name = _qualifier_before(text, a.start)
        if name:
            # the end of a change is not a cap: "с 3 до 5 млрд рублей",
            # "from 5 to 7 billion yuan" ("до"/"to" there means "to")
            if a.extras.get("change_end") and name == "up_to":
                continue
            a.qualifier = name
        elif _OR_MORE.match(text, a.end):
            a.qualifier = "at_least"


def _rates(norm: Normalised, text: str, toks: list[_Tok], amounts: list[_Amt]) -> list[RateSpan]:
    rates: list[RateSpan] = []
    live = [a for a in amounts if not a.dropped]
    for x, y in zip(live, live[1:]):
        if x.dropped or y.dropped or x.end > y.start:
            continue
        # "($1 = 80.5455 roubles)", "(1 EUR = 1,0875 USD)"
        if _EQUALS_GAP.match(text[x.end : y.start]) and x.value > 0 and x.currency and y.currency:
            if x.currency != y.currency and y.value > 0:
                if y.value == 1 and x.value != 1:
                    # "(80.5 roubles = $1)": state it as 1 USD = 80.5 RUB
                    rates.append(_rate(norm, x.start, y.end, y.currency, x.currency, x.value))
                else:
                    rates.append(_rate(norm, x.start, y.end, x.currency, y.currency, y.value / x.value))
                x.dropped = y.dropped = True
    # "курс доллара составил 92,5 рубля"
    for a in live:
        if a.dropped or a.qualifier == "range" or not a.currency or a.bracketed:
            continue
        lead = text[max(0, a.start - 60) : a.start]
        if "урс" not in lead and "xchange rate" not in lead:
            continue
        m = _RATE_LEAD.search(text, max(0, a.start - 60), a.start)
        if not m:
            continue
        word = m.group("ru") or m.group("en")
        cur = _reading(word)
        base = cur and (cur.code or ("USD" if cur.family == "dollar" else None))
        if base and base != a.currency:
            rates.append(_rate(norm, m.start(), a.end, base, a.currency, a.value))
            a.dropped = True
    # "90 roubles to the dollar", "80,5 рубля за доллар", "90 руб./долл."
    live = [a for a in live if not a.dropped]
    starts = [x.start for x in live]
    for a in live:
        if a.dropped or a.qualifier == "range" or not a.currency:
            continue
        j = a.q.last_tok + 1
        while j < len(toks) and toks[j].start < a.end:
            j += 1
        if j >= len(toks):
            continue
        t = toks[j]
        cur = _currency(t)
        if cur is None or cur.minor:
            continue
        if not _RATE_PER.match(text[a.end : t.start]):
            continue
        base = cur.code or ("USD" if cur.family == "dollar" else None)
        if not base or base == a.currency:
            continue
        # not "$5 per dollar of revenue 10": the currency must not start an amount
        k = bisect.bisect_right(starts, t.start) - 1
        if k >= 0 and live[k] is not a and live[k].start <= t.start < live[k].end:
            continue
        rates.append(_rate(norm, a.start, t.end, base, a.currency, a.value))
        a.dropped = True
    rates.sort(key=lambda r: r.start)
    return rates


def _rate(norm: Normalised, s: int, e: int, base: str, quote: str, rate: float) -> RateSpan:
    os_, oe = norm.span(s, e)
    return RateSpan(norm.original[os_:oe], os_, oe, base, quote, rate)


def _mark_brackets(text: str, amounts: list[_Amt]) -> list[tuple[_Amt, _Amt, int]]:
    """Flag amounts in brackets right after another: "11 trillion roubles ($136.57 billion)"."""
    pairs = []
    live = [a for a in amounts if not a.dropped]
    for x, y in zip(live, live[1:]):
        if x.end > y.start:
            continue
        gap = text[x.end : y.start]
        m = _BRACKET_GAP.match(gap)
        if m and x.currency_raw == y.currency_raw and gap.lstrip()[:1] not in "([":
            m = None  # "$5bn in cash ($1bn more than planned)" is a remark, not a restatement
        close = _BRACKET_CLOSE.match(text, y.end) if m else None
        if not close:
            m = _OR_GAP.match(gap)
            # only a restatement in another currency: "$5bn or $6bn" is a choice
            if m and x.currency_raw != y.currency_raw and x.qualifier != "range":
                y.extras["after"] = x
                pairs.append((x, y, y.end))
            continue
        y.bracketed = True
        q = (m.group("q") or "").lower()
        if q and y.qualifier == "exact":
            y.qualifier = {"over": "over", "more than": "over", "более": "over", "свыше": "over",
                           "nearly": "nearly", "almost": "nearly", "почти": "nearly"}.get(q, "about")
        y.extras["after"] = x
        pairs.append((x, y, close.end()))
    return pairs


def _conversions(text: str, pairs: list[tuple[_Amt, _Amt, int]]):
    out = []
    for x, y, close_end in pairs:
        if not y.bracketed:
            m = _OR_GAP.match(text[x.end : y.start])
            q = (m.group("q") or "").lower() if m else ""
            if q and y.qualifier == "exact":
                y.qualifier = "nearly" if q in ("nearly", "almost", "почти") else (
                    "over" if q in ("over", "more than", "более", "свыше") else "about")
        if x.dropped or y.dropped:
            continue
        if x.currency and y.currency and x.currency != y.currency and x.value > 0 and y.value > 0:
            out.append((x, y, x.value / y.value, (x.start, close_end)))
    return out


# --- percentages -------------------------------------------------------------------


def _percentages(norm: Normalised, text: str, toks: list[_Tok], qs: list[_Qty]) -> list[PercentSpan]:
    by_last = {q.last_tok: q for q in qs}
    by_first = {q.first_tok: q for q in qs}
    out: list[PercentSpan] = []
    for j, t in enumerate(toks):
        if not _is_pct(t):
            continue
        q = by_last.get(j - 1)
        if t.text.lower() == "pc" and (t.text != "pc" or q is None or q.end != t.start):
            continue  # "rose 5pc" (British papers), but not "5 PCs"
        if q is not None and q.scale_mult == 1.0 and not q.pct:
            gap = text[q.end : t.start]
            if not (_GAP_HYPHEN.match(gap) if t.text != "%" else _GAP_NEAR.match(gap)):
                q = None
        else:
            q = None
        start = None
        if q is None:
            # "percent of 10", "per cent of twenty-two"
            nq = by_first.get(j + 1)
            if t.text != "%" and nq is not None and _GAP_OF.match(text[t.end : nq.start]) and not nq.pct:
                nxt = nq.last_tok + 1
                if nxt < len(toks) and _GAP_NEAR.match(text[nq.end : toks[nxt].start]) and (
                    _currency(toks[nxt]) or _is_pct(toks[nxt])
                ):
                    continue
                q, start, end = nq, t.start, nq.end
            else:
                continue
        else:
            start, end = q.start, t.end
        value = _qty_value(q, text)
        if value is None:
            continue
        q.pct = True
        before = text[max(0, start - 10) : start]
        m = _MINUS.search(text, max(0, start - 10), start) if ("inus" in before or "инус" in before) else None
        if m:
            start = m.start()
            value = -value
        s, e = norm.span(start, end)
        out.append(PercentSpan(norm.original[s:e], s, e, value))
    # "6-7%", "5 to 7 percent", "от 5 до 7%": the bare lower bound is a percentage too
    extra: list[PercentSpan] = []
    pct_qs = sorted((q for q in qs if q.pct), key=lambda q: q.start)
    for q in pct_qs:
        k = q.first_tok - 1
        p = by_last.get(k)
        if p is None or p.pct or p.scale_mult != 1.0:
            continue
        m = _RANGE_GAP.match(text[p.end : q.start])
        if not m:
            continue
        conn = m.group("c").lower()
        if conn in ("and", "и", "до"):
            lead = _RANGE_LEAD.search(text, max(0, p.start - 12), p.start)
            if not lead:
                continue
        value = _qty_value(p, text)
        if value is None:
            continue
        p.pct = True
        s, e = norm.span(p.start, p.end)
        extra.append(PercentSpan(norm.original[s:e], s, e, value))
    out.extend(extra)
    out.sort(key=lambda p: p.start)
    return out


def _qty_value(q: _Qty, text: str) -> float | None:
    if q.digits is not None:
        v = parse_digits(q.digits, comma_decimal=True)
        # "1,234%" is rare and "5,5%" is Russian for 5.5: a three-digit
        # group after a comma still reads as thousands in parse_digits
    else:
        v = q.value
    if v is None or not math.isfinite(v):
        return None
    return v
