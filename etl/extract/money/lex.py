"""The money lexer: the word patterns built from the vocabulary tables, the token
scan, and the quantities read off the tokens.

`find_tokens` finds digit runs and number words in the whole text, then currency
and percent forms within reach of them (the module docstring of etl.extract.money
says why that is fast); `find_quantities` reads numbers with their scale words
("5bn", "two billion", "2 млрд 500 млн"). `reading` maps a written currency form
to its Currency.

May import: the standard library, etl.extract.gates, etl.extract.lexicon and the money package's
numbers and currencies.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from dataclasses import dataclass

from etl.extract import lexicon
from etl.extract.gates import PLAIN_LETTERS, WordStart, forms_for, scripts_of, trie_pattern
from etl.extract.money.currencies import Currency, build_currency_forms, written_forms
from etl.extract.money.numbers import (
    COMMA_DECIMAL_SCALES,
    DECIMAL_COMMA_LANGS,
    DIGITS_PATTERN,
    NUMBER_WORDS,
    STANDALONE_SCALES,
    parse_digits,
    scale_forms,
    scale_value,
    words_value,
)


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

# "5%", "5 per cent", "5,5 процента": lexicon/percent_words.csv
_PERCENT_WORDS = lexicon.table("percent_words", ("word", "lang")).column("word")
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
SCALE_RE = re.compile(
    r"(?:\s?|\s*-\s*)(?P<s>" + trie_pattern(scale_forms(), guard=True) + r")(?![^\W\d_])",
    re.IGNORECASE,
)

GAP_NEAR = re.compile(r"\s{0,2}\Z")
GAP_HYPHEN = re.compile(r"\s{0,2}(?:-\s{0,2})?\Z")
_GAP_JOIN = re.compile(r"(?:\s*-\s*|\s+)\Z")
_GAP_AND = re.compile(r"\s+and\s+\Z", re.IGNORECASE)
GAP_OF = re.compile(r"\s+of\s+\Z", re.IGNORECASE)
_SPACES = re.compile(r" *")
_COMMA_CENTS = re.compile(r",\s?(\d\d)(?!\d)")
YEAR = re.compile(r"(?:1[89]|20|21)\d\d\Z")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _alternatives(words) -> str:
    # literal phrases for a regex branch, longest first (spaces as written)
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# --- hedges (lexicon/hedges.csv) ---------------------------------------------------

QUALIFIERS = ("over", "at_least", "up_to", "about", "nearly", "under")
_HEDGE_TABLE = lexicon.table("hedges", ("word", "lang", "qualifier", "where"), key=("word", "lang", "where"))
_HEDGES: dict[str, dict[str, str]] = {"before": {}, "after": {}, "restated": {}, "bracket": {}}
for _row in _HEDGE_TABLE.rows:
    if _row["qualifier"] not in QUALIFIERS:
        raise _HEDGE_TABLE.error(_row, f"unknown qualifier {_row['qualifier']!r} (known: {', '.join(QUALIFIERS)})")
    if _row["where"] not in _HEDGES:
        raise _HEDGE_TABLE.error(_row, f"unknown where {_row['where']!r} (known: {', '.join(_HEDGES)})")
    _HEDGES[_row["where"]].setdefault(_row["word"].lower(), _row["qualifier"])
# Hedges before an amount, as literal phrases (money.amounts checks the last one to
# three words before the amount, which is far cheaper than a regex search).
HEDGES_BEFORE = _HEDGES["before"]
# most amounts have no hedge, which the word right before them tells at once
HEDGE_LAST_WORDS = frozenset(phrase.split()[-1] for phrase in HEDGES_BEFORE)
# "$5bn or more", "10 млрд и более"; "-plus" and "+" are signs, not words, so they stay here
OR_MORE = re.compile(
    r"(?:\s*(?:" + _alternatives(_HEDGES["after"]) + r")\b|\s*(?:-\s*)?plus\b|\+)", re.IGNORECASE
)
# hedges that open a restatement ("(about $630m)", ", or about $65 billion"), and
# those only brackets take ("(~$5bn)")
HEDGES_RESTATED = _HEDGES["restated"]
HEDGES_BRACKETED = {**_HEDGES["restated"], **_HEDGES["bracket"]}
RESTATED_HEDGE = _alternatives(HEDGES_RESTATED)
# the words that open such a restatement unbracketed: "or", "или", "soit" (lexicon/restatements.csv)
RESTATE_WORDS = _alternatives(lexicon.table("restatements", ("word", "lang")).column("word"))
BRACKETED_HEDGE = _alternatives(HEDGES_BRACKETED)


# --- range words (lexicon/range_words.csv) ---------------------------------------------

_RANGE_TABLE = lexicon.table("range_words", ("word", "lang", "role"))
_ROLES: dict[str, set[str]] = {
    r: set() for r in ("joint", "joint_after_from", "joint_after_between", "between", "from", "change", "lead")
}
for _row in _RANGE_TABLE.rows:
    for _role in _row["role"].split():
        if _role not in _ROLES:
            raise _RANGE_TABLE.error(_row, f"unknown role {_role!r} (known: {', '.join(_ROLES)})")
        _ROLES[_role].add(_row["word"].lower())
JOINTS_AFTER_FROM = frozenset(_ROLES["joint_after_from"])  # "от 5 до 7"
JOINTS_AFTER_BETWEEN = frozenset(_ROLES["joint_after_between"])  # "between 5 and 7"
BETWEEN_LEADS = frozenset(_ROLES["between"])
FROM_LEADS = frozenset(_ROLES["from"])
CHANGE_LEADS = frozenset(_ROLES["change"])  # "from $5bn to $7bn" is two amounts
# Range connectors between a lower and an upper bound, and the words that open a range.
RANGE_GAP = re.compile(
    r"\s*(?P<c>" + _alternatives(_ROLES["joint"] | JOINTS_AFTER_FROM | JOINTS_AFTER_BETWEEN) + r")\s*\Z",
    re.IGNORECASE,
)
RANGE_LEAD = re.compile(
    r"(?<![^\W\d_])(?P<w>" + _alternatives(BETWEEN_LEADS | FROM_LEADS | CHANGE_LEADS | _ROLES["lead"]) + r")\s+\Z",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    kind: str  # num, word, art
    text: str


@dataclass(slots=True)
class Qty:
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


def find_tokens(text: str) -> list[Tok]:
    """Numbers, number words, currency forms and percent words, in text order.

    Digits and number words are found in the whole text; currency and percent
    words only within reach of them, which keeps prose without figures cheap."""
    toks: list[Tok] = []
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
            toks.append(Tok(s, e, "word", text[s:e]))
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
            toks.append(Tok(s, e, "num", run))
        else:
            for d in _DIGITS_STRICT.finditer(text, s, e):
                toks.append(Tok(d.start(), d.end(), "num", d.group()))
        if kind == "gn":
            s, e = m.span("gn")
            toks.append(Tok(s, e, "word", text[s:e]))
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
            toks.append(Tok(s, e, "word", text[s:e]))
        for m in symbol_re.finditer(text, ws, we):
            toks.append(Tok(m.start(), m.end(), "word", m.group()))
    toks.sort(key=lambda t: (t.start, -t.end))
    urls = [m.span() for m in _URL_RE.finditer(text)] if "://" in text or "www." in text else []
    out: list[Tok] = []
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
                    out.append(Tok(m.start(), m.start() + len(m.group().rstrip()), "art", "a"))
        out.append(t)
        last_end = t.end
    return out


def currency_of(tok: Tok) -> Currency | None:
    return reading(tok.text)


@functools.lru_cache(maxsize=4096)
def reading(written: str) -> Currency | None:
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


def is_pct(tok: Tok) -> bool:
    return tok.kind == "word" and _pct_form(tok.text)


@functools.lru_cache(maxsize=1024)
def _pct_form(written: str) -> bool:
    return _key(written) in _PERCENT_SET


def _numword(tok: Tok) -> tuple[str, float] | None:
    if tok.kind == "art":
        return ("a", 1.0)
    if tok.kind != "word":
        return None
    return NUMBER_WORDS.get(tok.text.lower())


def find_quantities(text: str, toks: list[Tok], lang: str | None) -> list[Qty]:
    out: list[Qty] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind == "num":
            q = Qty(t.start, t.end, 0.0, digits=t.text, first_tok=i, last_tok=i)
            pos = t.end
            mult = 1.0
            scale_txt: list[str] = []
            for _ in range(2):  # "1.5 lakh crore", "mil millones" is one form
                m = SCALE_RE.match(text, pos)
                if not m:
                    break
                form = m.group("s")
                # the document's language picks between rows: English slang "$5 mil" is
                # 5 million, Spanish and Portuguese "5 mil" 5,000 (lexicon/scales.csv)
                sv = scale_value(_collapse(form), lang or "en")
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
                    and GAP_NEAR.match(text[m.end() : toks[i + 2].start])
                    and currency_of(toks[i + 2]) is not None
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
                elif GAP_OF.match(gap) and prev_kind == "f":
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
            if kinds == {"s"} and len(run) == 1 and toks[i].text.lower() not in STANDALONE_SCALES:
                i = j
                continue
            value = words_value(run)
            if value is not None and math.isfinite(value):
                q = Qty(t.start, toks[j - 1].end, value, first_tok=i, last_tok=j - 1, words=True)
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


def _join_compound(text: str, qs: list[Qty], lang: str | None) -> list[Qty]:
    """"2 млрд 500 млн рублей", "1 млн 250 тыс. руб.": one figure in falling scales."""
    out: list[Qty] = []
    for q in qs:
        p = out[-1] if out else None
        if (
            p is not None
            and p.digits is not None
            and q.digits is not None
            and p.scale_mult > q.scale_mult > 1.0
            and GAP_NEAR.match(text[p.end : q.start])
            and p.end < q.start
        ):
            comma = comma_decimal(lang, p, "")
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


def comma_decimal(lang: str | None, q: Qty, cur_text: str) -> bool:
    if lang and lang[:2] in DECIMAL_COMMA_LANGS:
        return True
    if q.scale and (CYRILLIC.search(q.scale) or _collapse(q.scale).lower() in COMMA_DECIMAL_SCALES):
        return True
    return bool(CYRILLIC.search(cur_text))


def dot_groups(q: Qty) -> bool:
    """True when "." before the scale word groups thousands: "1.500 millones", "2.000 Millionen"
    (a Latin scale word of a decimal-comma language; Russian news writes "1.5 млрд" for 1,5)."""
    if not q.scale:
        return False
    return _collapse(q.scale).lower() in COMMA_DECIMAL_SCALES and not CYRILLIC.search(q.scale)
