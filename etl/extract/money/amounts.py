"""Amounts: a quantity and the currency next to it, its cents, its hedge, and the
member of a shared name ("$", "rupees", "pounds") the text means.

May import: the standard library and the money package's lex, numbers and currencies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.extract.money.currencies import DOLLAR_CODES, FAMILIES, LOWERCASE_CODES, Currency
from etl.extract.money.lex import (
    CYRILLIC,
    GAP_HYPHEN,
    GAP_NEAR,
    HEDGE_LAST_WORDS,
    HEDGES_BEFORE,
    OR_MORE,
    SCALE_RE,
    YEAR,
    Qty,
    Tok,
    comma_decimal,
    currency_of,
    dot_groups,
    is_pct,
)
from etl.extract.money.numbers import AFTER_CODE_SCALES, parse_digits, scale_value


# "5 mil millones de dólares", "2 miliardi di euro", "3 milliards d'euros"
_GAP_AFTER_SCALE = re.compile(r"(?:[\s.]{0,3}|\s+(?:de|di|of|d')\s*)\Z")
_GAP_TAIL = re.compile(r"(?:\s+(?:and|и)\s+|\s{0,2})\Z", re.IGNORECASE)
_WEAK_END = re.compile(r"\s*(?:\Z|[.,;:!?)\]]|(?:a|an|per|each|for|to|in|and|or|is|was)\b)", re.IGNORECASE)

_OPENERS = "([«\"'"


def _qualifier_before(text: str, start: int) -> str | None:
    """The hedge that ends right before `start`, if any: "more than", "свыше"."""
    window = text[max(0, start - 40) : start]
    if window[-1:] in ("~", "≈"):
        return "about"  # glued to the number: "~$5bn"
    if not window or not (window[-1].isspace()):
        return None
    words = window.split()[-3:]
    last = words[-1].lower() if words else ""
    if last not in HEDGE_LAST_WORDS and last.lstrip(_OPENERS) not in HEDGE_LAST_WORDS:
        return None
    for k in range(len(words), 0, -1):
        phrase = " ".join(words[-k:]).lstrip(_OPENERS).lower()
        name = HEDGES_BEFORE.get(phrase)
        if name is not None:
            return name
    return None


@dataclass(slots=True)
class Amt:
    q: Qty
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


def bounds(a: Amt) -> tuple[float | None, float | None]:
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


def _adjacent_after(text: str, toks: list[Tok], q: Qty) -> int | None:
    j = q.last_tok + 1
    if j >= len(toks):
        return None
    t = toks[j]
    if t.kind != "word":
        return None
    cur = currency_of(t)
    if cur is None or not cur.after:
        return None
    gap = text[q.end : t.start]
    ok = GAP_HYPHEN.match(gap) or (q.scale and _GAP_AFTER_SCALE.match(gap))
    # "2,2 млн. руб." keeps its abbreviation dot; "$6bn. Rmb100bn" is two sentences
    if not ok or ("." in gap and not CYRILLIC.search(q.scale or "")):
        return None
    # "a 300-pound robot", "10 pounds of copper": pounds of weight. Sterling
    # in words comes scaled or as "pounds sterling" ("5 billion pounds").
    if t.text[:5].lower() == "pound" and not q.scale and (
        "-" in gap or _OF_AFTER.match(text, t.end)
    ):
        return None
    return j


_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)


def _adjacent_before(text: str, toks: list[Tok], q: Qty) -> int | None:
    j = q.first_tok - 1
    if j < 0:
        return None
    t = toks[j]
    if t.kind != "word":
        return None
    cur = currency_of(t)
    if cur is None or not cur.before:
        return None
    gap = text[t.end : q.start]
    # "$-99.99": a sign after a symbol is a dash, never a negative amount
    if not (GAP_NEAR.match(gap) or (gap == "-" and not t.text[-1:].isalpha())):
        return None
    if cur.minor and cur.code != "MYR":
        return None
    return j


def _is_symbolic(tok: Tok) -> bool:
    """Symbols and codes ($, €, USD, rmb, руб.) bind forward; names (dollars) bind backward."""
    s = tok.text
    return (
        not s[:1].isalpha()
        or (s.isupper() and len(s) <= 4)
        or "$" in s
        or s.endswith(".")
        or s.lower() in LOWERCASE_CODES
    )


def find_amounts(text: str, toks: list[Tok], qs: list[Qty], lang: str | None) -> list[Amt]:
    live = [q for q in qs if not q.pct]
    for q in live:
        q.cur_after = _adjacent_after(text, toks, q)
        q.cur_before = _adjacent_before(text, toks, q)
    by_first = {q.first_tok: q for q in live}
    consumed: set[int] = set()
    amounts: list[Amt] = []
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
            cb, ca = currency_of(toks[b]), currency_of(toks[a])
            nxt = by_first.get(a + 1)
            ca_leads = nxt is not None and GAP_NEAR.match(text[toks[a].end : nxt.start])
            if (cb.family == "dollar" and cb.code is None and ca.code is not None and not ca.minor
                    and not ca_leads and GAP_NEAR.match(text[q.end : toks[a].start])):
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
                and currency_of(toks[a]).before
                and GAP_NEAR.match(text[toks[a].end : nxt.start])
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
                if q.digits and not q.scale and YEAR.match(q.digits):
                    choice = None
        if choice is None:
            continue
        cur = currency_of(toks[choice])
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
        if also is None and choice == b and b > 0 and currency_of(toks[b]).family == "dollar":
            # "SGD$4.90", "NZD $100.70": a code just before a bare "$"
            pc = currency_of(toks[b - 1])
            if (pc is not None and pc.code in DOLLAR_CODES and b - 1 not in consumed
                    and GAP_NEAR.match(text[toks[b - 1].end : ctok.start])):
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
            m = SCALE_RE.match(text, ctok.end)
            if m and m.group("s").lower() in AFTER_CODE_SCALES:
                sv = scale_value(m.group("s"))
                if sv:
                    scale_mult = sv
                    scale_txt = m.group("s")
                    end = m.end()
        if q.digits is not None:
            num = parse_digits(q.digits, scaled=scale_mult != 1.0, comma_decimal=comma_decimal(lang, q, ctok.text),
                               dot_groups=dot_groups(q))
            if num is None:
                continue
        else:
            num = q.value
        if scale_txt is not None:
            q.scale = scale_txt
        value = num * scale_mult * cur.factor
        amt = Amt(q, start, end, value, cur.code, ctok.text, cur.family)
        # the next token may belong to this amount: consume inner tokens
        tail_from = max(choice, q.last_tok)
        _cents_tail(text, toks, amt, q, cur, tail_from, by_first, consumed)
        amounts.append(amt)
    amounts.sort(key=lambda a: a.start)
    return amounts


def _cents_tail(text, toks, amt: Amt, q: Qty, cur: Currency, after: int, by_first, consumed) -> None:
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
    if k < len(toks) and GAP_NEAR.match(text[nq.end : toks[k].start]):
        c2 = currency_of(toks[k])
        if c2 is not None and c2.minor:
            minor, unit = k, c2.factor  # "five mao" is 0.5 yuan
        elif c2 is not None or is_pct(toks[k]):
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


def resolve_yen_sign(amounts: list[Amt]) -> None:
    """"¥" is the yen, unless the text counts in yuan and never in yen (Chinese news)."""
    codes = {a.currency for a in amounts if a.currency_raw not in ("¥", "￥")}
    if "CNY" in codes and "JPY" not in codes:
        for a in amounts:
            if a.currency_raw in ("¥", "￥"):
                a.currency = "CNY"
                a.inferred = True


_FAMILY_OF = {code: fam for fam, (_d, codes) in FAMILIES.items() for code in codes if fam != "dollar"}
_FAMILY_OF.update({code: "dollar" for code in DOLLAR_CODES})


def resolve_families(amounts: list[Amt], default_dollar: str | None) -> None:
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
        resolved = last.get(fam)
        if resolved is None and not (fam == "dollar" and default_dollar):
            # nothing in the text or the publisher decides: the announcing country may
            # (money.territory, once the country is known); "pesos" stay without a code till then
            a.extras["open_family"] = fam
        resolved = resolved or default
        if resolved:
            a.currency, a.inferred = resolved, True


def mark_qualifiers(text: str, amounts: list[Amt]) -> None:
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
        elif OR_MORE.match(text, a.end):
            a.qualifier = "at_least"
