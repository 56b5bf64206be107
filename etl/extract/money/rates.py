"""Stated exchange rates ("$1 = 80.5455 roubles", "90 roubles to the dollar",
"курс доллара составил 92,5 рубля") and conversions, in brackets or restated
("11 trillion roubles ($136.57 billion)", "10 trillion yen, or about $65 billion").

The rate phrases are regex grammar, not word lists, so they stay here rather than
in the lexicon.

May import: the standard library, etl.extract.spans, etl.extract.text and the
money package's lex and amounts.
"""

from __future__ import annotations

import bisect
import re

from etl.extract.money.amounts import Amt
from etl.extract.money.lex import (
    BRACKETED_HEDGE,
    HEDGES_BRACKETED,
    HEDGES_RESTATED,
    RESTATE_WORDS,
    RESTATED_HEDGE,
    Tok,
    currency_of,
    reading,
)
from etl.extract.spans import RateSpan
from etl.extract.text import Normalised


# up to two plain words may sit between the amount and its bracket:
# "a £500m pot (about $630m)"
_BRACKET_GAP = re.compile(
    r"(?:\s+[^\W\d_]+(?:[-'][^\W\d_]+)?){0,2}\s*[(\[]\s*(?:(?P<q>" + BRACKETED_HEDGE + r"|or)\s*)?\Z",
    re.IGNORECASE,
)
# the bracket closes at once, or after a short remark: "($6.7bn at current rates)"
_BRACKET_CLOSE = re.compile(r"\s*[)\];,]|[^()\[\]\n]{1,80}?[)\]]")
# "10 trillion yen, or about $65 billion": the same figure restated, unbracketed
# (after up to two plain words: "109 milliards d'euros d'investissements privés, soit environ 113 milliards de dollars")
_OR_GAP = re.compile(
    r"(?:\s+[^\W\d_]+(?:[-'][^\W\d_]+)?){0,2}(?:\s*,\s*|\s+)(?:" + RESTATE_WORDS + r")\s+(?:(?P<q>" + RESTATED_HEDGE + r")\s+)?\Z",
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


def find_rates(norm: Normalised, text: str, toks: list[Tok], amounts: list[Amt]) -> list[RateSpan]:
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
        cur = reading(word)
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
        cur = currency_of(t)
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


def mark_brackets(text: str, amounts: list[Amt]) -> list[tuple[Amt, Amt, int]]:
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
            y.qualifier = HEDGES_BRACKETED.get(q, "about")  # "(or $5bn)" too
        y.extras["after"] = x
        pairs.append((x, y, close.end()))
    return pairs


def find_conversions(text: str, pairs: list[tuple[Amt, Amt, int]], keep_open: bool = False):
    """The pairs whose two currencies are known and differ, as (source, target, rate, span).
    With `keep_open`, a pair with a side whose shared name is still open ("1.500 millones de
    pesos (unos 88 millones de dólares)") comes too, with rate None: the announcing country may
    name it (money.territory.complete_conversions)."""
    out = []
    for x, y, close_end in pairs:
        if not y.bracketed:
            m = _OR_GAP.match(text[x.end : y.start])
            q = (m.group("q") or "").lower() if m else ""
            if q and y.qualifier == "exact":
                y.qualifier = HEDGES_RESTATED.get(q, "about")
        if x.dropped or y.dropped:
            continue
        if x.currency and y.currency and x.currency != y.currency and x.value > 0 and y.value > 0:
            out.append((x, y, x.value / y.value, (x.start, close_end)))
        elif keep_open and x.value > 0 and y.value > 0 and (
                "open_family" in x.extras or "open_family" in y.extras):
            out.append((x, y, None, (x.start, close_end)))
    return out
