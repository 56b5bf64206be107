"""Percentages: "5%", "5 per cent", "5,5 процента", "percent of twenty-two",
"minus 3%", and the bare lower bound of "6-7%".

May import: the standard library, etl.extract.spans, etl.extract.text and the
money package's lex, ranges and numbers.
"""

from __future__ import annotations

import math
import re

from etl.extract.money.lex import (
    GAP_HYPHEN,
    GAP_NEAR,
    GAP_OF,
    JOINTS_AFTER_BETWEEN,
    JOINTS_AFTER_FROM,
    RANGE_GAP,
    RANGE_LEAD,
    Qty,
    Tok,
    currency_of,
    is_pct,
)
from etl.extract.money.numbers import parse_digits
from etl.extract.spans import PercentSpan
from etl.extract.text import Normalised


_MINUS = re.compile(r"(?<![^\W\d_])(?:minus|минус)\s+\Z", re.IGNORECASE)

# --- percentages -------------------------------------------------------------------


def find_percentages(norm: Normalised, text: str, toks: list[Tok], qs: list[Qty]) -> list[PercentSpan]:
    by_last = {q.last_tok: q for q in qs}
    by_first = {q.first_tok: q for q in qs}
    out: list[PercentSpan] = []
    for j, t in enumerate(toks):
        if not is_pct(t):
            continue
        q = by_last.get(j - 1)
        if t.text.lower() == "pc" and (t.text != "pc" or q is None or q.end != t.start):
            continue  # "rose 5pc" (British papers), but not "5 PCs"
        if q is not None and q.scale_mult == 1.0 and not q.pct:
            gap = text[q.end : t.start]
            if not (GAP_HYPHEN.match(gap) if t.text != "%" else GAP_NEAR.match(gap)):
                q = None
        else:
            q = None
        start = None
        if q is None:
            # "percent of 10", "per cent of twenty-two"
            nq = by_first.get(j + 1)
            if t.text != "%" and nq is not None and GAP_OF.match(text[t.end : nq.start]) and not nq.pct:
                nxt = nq.last_tok + 1
                if nxt < len(toks) and GAP_NEAR.match(text[nq.end : toks[nxt].start]) and (
                    currency_of(toks[nxt]) or is_pct(toks[nxt])
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
        m = RANGE_GAP.match(text[p.end : q.start])
        if not m:
            continue
        conn = m.group("c").lower()
        if conn in JOINTS_AFTER_BETWEEN or conn in JOINTS_AFTER_FROM:
            lead = RANGE_LEAD.search(text, max(0, p.start - 12), p.start)
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


def _qty_value(q: Qty, text: str) -> float | None:
    if q.digits is not None:
        v = parse_digits(q.digits, comma_decimal=True)
        # "1,234%" is rare and "5,5%" is Russian for 5.5: a three-digit
        # group after a comma still reads as thousands in parse_digits
    else:
        v = q.value
    if v is None or not math.isfinite(v):
        return None
    return v
