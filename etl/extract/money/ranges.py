"""Ranges and changes: "$5-10 billion", "between €20bn and €25bn", "от 1,5 до 3 трлн
руб." are one amount with two bounds; "from $5bn to $7bn" is two amounts.

May import: the standard library and the money package's lex, amounts and numbers.
"""

from __future__ import annotations

from etl.extract.money.amounts import Amt
from etl.extract.money.lex import (
    BETWEEN_LEADS,
    CHANGE_LEADS,
    CYRILLIC,
    FROM_LEADS,
    JOINTS_AFTER_BETWEEN,
    JOINTS_AFTER_FROM,
    RANGE_GAP,
    RANGE_LEAD,
    YEAR,
    Qty,
    comma_decimal,
    dot_groups,
    reading,
)
from etl.extract.money.numbers import parse_digits, scale_value


def join_ranges(text: str, amounts: list[Amt], qs: list[Qty], lang: str | None) -> list[Amt]:
    """Join "5-10 billion dollars", "between €20bn and €25bn", "от 1,5 до 3 трлн руб.".

    Returns amounts that a change ("from 5 to 7 billion dollars") adds."""
    starts = {id(a.q): a for a in amounts}
    tails = {id(a.extras["tail"]) for a in amounts if "tail" in a.extras}
    added: list[Amt] = []
    prev_q: Qty | None = None
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


def _try_symbol_range(text: str, lower: Amt, uq: Qty, lang: str | None) -> None:
    """"$5-10 billion", "€2 to 3 bn", "€20bn-25bn": the currency on the lower bound only."""
    lq = lower.q
    if lower.qualifier == "range" or uq.scale_mult == 1.0 or lower.end != lq.end:
        return
    m = RANGE_GAP.match(text[lower.end : uq.start])
    if not m or m.group("c").lower() in JOINTS_AFTER_BETWEEN:
        return
    if uq.digits is None:
        return
    comma = comma_decimal(lang, uq, lower.currency_raw)
    groups = dot_groups(uq)
    hi = parse_digits(uq.digits, scaled=True, comma_decimal=comma, dot_groups=groups)
    lo = parse_digits(lq.digits, scaled=True, comma_decimal=comma, dot_groups=groups) if lq.digits else lq.value
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


def _try_range(text: str, upper: Amt, lq: Qty, lower_amt: Amt | None, added: list[Amt]) -> None:
    lower_end = lower_amt.end if lower_amt is not None else lq.end
    if lower_end > upper.start:
        return
    gap = text[lower_end : upper.start]
    m = RANGE_GAP.match(gap)
    if not m:
        return
    conn = m.group("c").lower()
    lower_start = lower_amt.start if lower_amt is not None else lq.start
    lead = RANGE_LEAD.search(text, max(0, lower_start - 12), lower_start)
    lead_w = lead.group("w").lower() if lead else ""
    if conn in JOINTS_AFTER_BETWEEN and lead_w not in BETWEEN_LEADS:
        return
    if conn in JOINTS_AFTER_FROM and lead_w not in FROM_LEADS:
        return
    change = lead_w in CHANGE_LEADS
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
            if not lq.scale and YEAR.match(lq.digits) and conn != "-":
                return
            if not lq.scale and YEAR.match(lq.digits):
                return
            num = parse_digits(lq.digits, scaled=upper.q.scale_mult != 1.0,
                               comma_decimal=bool(CYRILLIC.search(text[upper.start : upper.end])),
                               dot_groups=dot_groups(upper.q))
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
            borrowed = Amt(lq, lq.start, lq.end, low, upper.currency, upper.currency_raw,
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


def _unit_factor(a: Amt) -> float:
    """Currency factor (cents 0.01, MUSD 1e6) of an amount, from its raw currency."""
    cur = reading(a.currency_raw)
    return cur.factor if cur is not None else 1.0
