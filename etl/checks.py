"""Figure checks: is every printed conversion what its rates say it should be?

`check_document` checks one document's extraction:

- `stated_rate_rounding`: each conversion against a rate stated in the same
  document, allowing for the digits the converted amount was printed with;
- `reference_rate`: each conversion against the reference rate of the
  publication date (warn beyond 3%, fail beyond 10%);
- `scale_slip`: a conversion off from the reference by a factor near a power
  of ten, which is almost always a billion/trillion or decimal slip (replaces
  the `reference_rate` fail for that conversion);
- `stated_vs_reference`: each stated rate against the reference rate;
- `undated`, `unresolved_dates`, `currency_inferred` (status `info`): what the
  figures rest on that was inferred rather than read.

`check_across` compares quantified targets between documents.

Every `detail` states the arithmetic in words and numbers, with the amounts,
rates, dates and sources it used, so a reader can redo it by hand.

The numeric fields of a CheckResult compare `implied_rate` with the rate it was
checked against (`reference_rate`, from `rate_source` of `rate_on`), and
`difference_pct` is implied / compared - 1 in percent. Directions:

- `reference_rate`, `scale_slip`: units of the conversion's source currency per
  unit of its target ("11 trillion roubles ($136.57 billion)" -> RUB per USD);
- `stated_rate_rounding`: the stated rate's own direction (quote per base, so
  "1 EUR = 1.0875 USD" -> USD per EUR), and the compared rate is the stated
  one, with `rate_source` "stated in the document (...)";
- `stated_vs_reference`: quote per base; `implied_rate` is the stated rate.

May import: the standard library, etl.fx, etl.extract.spans.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from datetime import date

from etl.extract.spans import (
    AmountSpan,
    CheckResult,
    ConversionSpan,
    Extraction,
    RateSpan,
    TargetSpan,
)
from etl.fx import RateBook

WARN_PCT = 3.0  # beyond this a conversion is worth a look: more than day-to-day noise
FAIL_PCT = 10.0  # beyond this it is not the rate of that day
SLIP_TOLERANCE = 0.15  # how near a power of ten the ratio must be to call it a slip
# Float slack when comparing with a rounding edge, so a rate exactly at the edge
# agrees whatever the last bit of the division.
EDGE_SLACK = 1e-9

_LOWER = {"over", "at_least"}
_UPPER = {"under", "up_to"}
_NUMBER = re.compile(r"\d(?:[\d,.'\u00a0\u202f ]*\d)?")


# -- formatting ------------------------------------------------------------------


def _rate(x: float, decimals: int = 4) -> str:
    return f"{x:.{decimals}f}" if abs(x) >= 0.01 else f"{x:.4g}"


def _decimals_for(low: float, high: float) -> int:
    """Enough decimals that a rounding interval's ends print differently.

    Four suit most intervals (80.5418 to 80.5477); a narrow one needs more
    ("1.08745 to 1.08755", not "1.0875 to 1.0876").
    """
    width = high - low
    if not math.isfinite(width) or width <= 0:
        return 4
    return max(4, math.floor(-math.log10(width) + 1e-9) + 1)


def _amount(value: float, decimals: int = 4) -> str:
    """11e12 -> "11 trillion", 136.57e9 -> "136.57 billion"."""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            x, suffix = value / scale, f" {word}"
            break
    else:
        x, suffix = value, ""
    text = f"{x:,.{decimals}f}".rstrip("0").rstrip(".")
    return text + suffix


def _pct(x: float) -> str:
    # Small differences keep their digits: "-0.0009%" says more than "-0.00%".
    return f"{x:+.2f}%" if abs(x) >= 0.01 or x == 0 else f"{x:+.4f}%"


def _times(ratio: float) -> str:
    k = round(math.log10(ratio))
    factor = f"{10 ** abs(k):,}"
    return f"about {factor} times" if k > 0 else f"about 1/{factor} of"


# -- arithmetic --------------------------------------------------------------------


def printed_step(amount: AmountSpan) -> float | None:
    """The value of one unit in the last printed digit: "$136.57 billion" -> 1e7.

    Read as value / (the printed digits as one integer), so it does not matter
    whether "," or "." is the decimal separator or how the scale was written
    ("bn", "млрд"): 136.57e9 / 13657 = 1e7 either way. None when no number in
    the text matches the value (words like "eleven", or a value from elsewhere).
    """
    if amount.value is None or amount.value <= 0:
        return None
    for literal in _NUMBER.findall(amount.text):
        digits = int(re.sub(r"\D", "", literal))
        if digits == 0:
            continue
        step = amount.value / digits
        power = round(math.log10(step))
        if abs(step / 10**power - 1) < 1e-6:
            return float(10**power)
    return None


def _slip_power(ratio: float) -> int | None:
    """k when `ratio` is within SLIP_TOLERANCE of 10**k for k != 0, else None."""
    if ratio <= 0:
        return None
    k = round(math.log10(ratio))
    if k != 0 and abs(ratio / 10**k - 1) <= SLIP_TOLERANCE:
        return k
    return None


def _compared(rate: float, reference: float, source, rate_on) -> tuple[float, float, dict]:
    """ratio, difference in percent, and the CheckResult fields of a rate set against a reference."""
    ratio = rate / reference
    diff = (ratio - 1) * 100
    numbers = {"implied_rate": rate, "reference_rate": reference, "difference_pct": diff,
               "rate_source": source, "rate_on": rate_on}
    return ratio, diff, numbers


def _grade(diff_pct: float) -> str:
    if abs(diff_pct) <= WARN_PCT:
        return "pass"
    return "warn" if abs(diff_pct) <= FAIL_PCT else "fail"


_GRADE_WORDS = {
    "pass": f"within {WARN_PCT:g}%",
    "warn": f"more than {WARN_PCT:g}% but within {FAIL_PCT:g}%",
    "fail": f"more than {FAIL_PCT:g}% off",
}


# -- per document ------------------------------------------------------------------


def check_document(
    ex: Extraction, published: date | None, book: RateBook, dollar_inferred: bool = False
) -> list[CheckResult]:
    """All figure checks for one document; `published` picks the reference rates."""
    results: list[CheckResult] = []
    for conv in ex.conversions:
        results.extend(_check_conversion(ex, conv, published, book))
    for rate in ex.rates:
        results.append(_check_stated_rate(rate, published, book))
    results.extend(_information(ex, published, dollar_inferred))
    return results


def _subject(conv: ConversionSpan, src: AmountSpan, tgt: AmountSpan) -> tuple[str, int, int]:
    if conv.text and conv.end > conv.start:
        return conv.text, conv.start, conv.end
    first, last = sorted((src, tgt), key=lambda a: a.start)
    return f"{first.text} ({last.text})", first.start, last.end


def _check_conversion(
    ex: Extraction, conv: ConversionSpan, published: date | None, book: RateBook
) -> list[CheckResult]:
    try:
        src, tgt = ex.amounts[conv.source], ex.amounts[conv.target]
    except IndexError:
        return [
            CheckResult(
                "reference_rate",
                "unverifiable",
                f"the conversion refers to amounts {conv.source} and {conv.target}, "
                f"but the document has {len(ex.amounts)} amounts",
                subject=conv.text,
            )
        ]
    subject, start, end = _subject(conv, src, tgt)

    def result(check: str, status: str, detail: str, **kw) -> CheckResult:
        return CheckResult(check, status, detail, subject=subject, start=start, end=end, **kw)

    problem = None
    if src.value is None or tgt.value is None or src.value <= 0 or tgt.value <= 0:
        problem = "one side of the conversion has no positive value"
    elif not src.currency or not tgt.currency:
        problem = "the currency of one side is unknown"
    elif src.currency == tgt.currency:
        problem = f"both sides are in {src.currency}"
    if problem:
        return [result("reference_rate", "unverifiable", f"{subject!r}: {problem}")]

    out: list[CheckResult] = []
    rounding = _check_rounding(ex.rates, src, tgt)
    if rounding is not None:
        out.append(result("stated_rate_rounding", rounding[0], rounding[1], **rounding[2]))

    s_cur, t_cur = src.currency, tgt.currency
    implied = src.value / tgt.value  # units of src per unit of tgt
    said = (
        f"implied {_rate(implied)} {s_cur}/{t_cur} "
        f"({_amount(src.value)} {s_cur} / {_amount(tgt.value)} {t_cur})"
    )
    if published is None:
        out.append(
            result(
                "reference_rate",
                "unverifiable",
                f"{said}: the document has no publication date, so there is no day "
                "to take a reference rate from",
                implied_rate=implied,
            )
        )
        return out
    reference, rate_on, source = book.cross_rate(tgt.currency, src.currency, published)
    if reference is None:
        out.append(
            result("reference_rate", "unverifiable", f"{said}: {rate_on}", implied_rate=implied)
        )
        return out

    ratio, diff, numbers = _compared(implied, reference, source, rate_on)
    against = f"the reference {_rate(reference)} {s_cur}/{t_cur} of {rate_on} ({source})"
    if _slip_power(ratio) is not None:
        out.append(
            result(
                "scale_slip",
                "fail",
                f"{said} is {_times(ratio)} {against}: likely a billion/trillion or decimal "
                f"slip; at the reference rate {_amount(src.value)} {s_cur} is "
                f"{_amount(src.value / reference, 2)} {t_cur}, not {_amount(tgt.value)}",
                **numbers,
            )
        )
        return out
    status = _grade(diff)
    out.append(
        result(
            "reference_rate",
            status,
            f"{said} is {_pct(diff)} from {against}: {_GRADE_WORDS[status]}",
            **numbers,
        )
    )
    return out


def _check_rounding(rates: list[RateSpan], src: AmountSpan, tgt: AmountSpan):
    """(status, detail, numbers) against the stated rates of the pair, or None if none is stated.

    The converted amount (the bracketed one; the target if neither or both are)
    was rounded when printed, so it stands for an interval of half its last
    digit either side; the other amount is taken as exact. A stated rate agrees
    when it falls in the interval of rates that interval implies. Among several
    stated rates for the pair, one that agrees is enough; otherwise the nearest
    in the text is reported.
    """
    pair = {src.currency, tgt.currency}
    stated = [r for r in rates if {r.base, r.quote} == pair and r.rate > 0]
    if not stated:
        return None
    rounded, exact = (src, tgt) if (src.bracketed and not tgt.bracketed) else (tgt, src)
    step = printed_step(rounded)
    if step is None:
        return (
            "unverifiable",
            (
                f"cannot tell how precisely {rounded.text!r} was printed, so cannot "
                f"check it against the stated {stated[0].text!r}"
            ),
            {},
        )
    half = step / 2
    lo_amount, hi_amount = rounded.value - half, rounded.value + half

    def judge(rate: RateSpan):
        # Express everything in the stated direction: `rate.quote` per `rate.base`.
        if rate.quote == exact.currency:
            implied = exact.value / rounded.value
            low = exact.value / hi_amount
            high = exact.value / lo_amount if lo_amount > 0 else math.inf
            words = f"{_amount(exact.value)} {exact.currency} / {_amount(rounded.value)} {rounded.currency}"
        else:
            implied = rounded.value / exact.value
            low, high = lo_amount / exact.value, hi_amount / exact.value
            words = f"{_amount(rounded.value)} {rounded.currency} / {_amount(exact.value)} {exact.currency}"
        ok = low * (1 - EDGE_SLACK) <= rate.rate <= high * (1 + EDGE_SLACK)
        return ok, implied, low, high, words

    def distance(rate: RateSpan) -> int:
        return min(abs(rate.start - src.start), abs(rate.start - tgt.start))

    judged = [(r, *judge(r)) for r in sorted(stated, key=distance)]
    agreeing = [j for j in judged if j[1]]
    rate, ok, implied, low, high, words = (agreeing or judged)[0]
    unit = f"{rate.quote}/{rate.base}"
    numbers = {
        "implied_rate": implied,
        "reference_rate": rate.rate,
        "difference_pct": (implied / rate.rate - 1) * 100,
        "rate_source": f"stated in the document ({rate.text!r})",
    }
    places = _decimals_for(low, high)
    interval = f"{_rate(low, places)} to {_rate(high, places)}"
    if ok:
        return (
            "pass",
            (
                f"implied {_rate(implied, places)} {unit} ({words}) agrees with the stated "
                f"{_rate(rate.rate, places)} ({rate.text!r}) within the rounding of {rounded.text!r} "
                f"({interval})"
            ),
            numbers,
        )
    # What the converted amount should have read at the stated rate.
    if rate.quote == exact.currency:
        expected = exact.value / rate.rate
    else:
        expected = exact.value * rate.rate
    return (
        "fail",
        (
            f"implied {_rate(implied, places)} {unit} ({words}) disagrees with the stated "
            f"{_rate(rate.rate, places)} ({rate.text!r}): the rounding of {rounded.text!r} allows "
            f"{interval}; at the stated rate {exact.text!r} is {_amount(expected, 2)} "
            f"{rounded.currency}"
        ),
        numbers,
    )


def _check_stated_rate(rate: RateSpan, published: date | None, book: RateBook) -> CheckResult:
    unit = f"{rate.quote}/{rate.base}"
    said = f"stated {_rate(rate.rate)} {unit} ({rate.text!r})"

    def result(status: str, detail: str, **kw) -> CheckResult:
        return CheckResult(
            "stated_vs_reference",
            status,
            detail,
            subject=rate.text,
            start=rate.start,
            end=rate.end,
            **kw,
        )

    if published is None:
        return result(
            "unverifiable",
            f"{said}: the document has no publication date to take a reference rate from",
        )
    if rate.rate <= 0 or rate.base == rate.quote:
        return result("unverifiable", f"{said}: not a usable rate")
    reference, rate_on, source = book.cross_rate(rate.base, rate.quote, published)
    if reference is None:
        return result("unverifiable", f"{said}: {rate_on}")
    ratio, diff, numbers = _compared(rate.rate, reference, source, rate_on)
    against = f"the reference {_rate(reference)} {unit} of {rate_on} ({source})"
    if _slip_power(ratio) is not None:
        return result(
            "fail", f"{said} is {_times(ratio)} {against}: likely a decimal slip", **numbers
        )
    status = _grade(diff)
    return result(
        status, f"{said} is {_pct(diff)} from {against}: {_GRADE_WORDS[status]}", **numbers
    )


def _information(
    ex: Extraction, published: date | None, dollar_inferred: bool
) -> list[CheckResult]:
    out: list[CheckResult] = []
    if published is None:
        out.append(
            CheckResult(
                "undated",
                "info",
                "undated document: no publication date was found, so relative dates stay "
                "unresolved and no reference rate can be chosen for its conversions",
            )
        )
    unresolved = [d for d in ex.dates if d.relative and not d.resolved]
    if unresolved:
        shown = ", ".join(repr(d.text) for d in unresolved[:3])
        more = f" and {len(unresolved) - 3} more" if len(unresolved) > 3 else ""
        out.append(
            CheckResult(
                "unresolved_dates",
                "info",
                f"{len(unresolved)} relative date(s) could not be resolved without a "
                f"publication date: {shown}{more}",
                subject=unresolved[0].text,
                start=unresolved[0].start,
                end=unresolved[0].end,
            )
        )
    inferred = [
        (i, a) for i, a in enumerate(ex.amounts)
        if a.currency_inferred or (dollar_inferred and a.currency_raw == "$")
    ]
    for i, a in inferred:
        basis = ex.currency_bases.get(i)
        out.append(
            CheckResult(
                "currency_inferred",
                "info",
                f"{a.text!r} is written with a bare {a.currency_raw or '$'!r}; read as "
                f"{a.currency or 'an unknown currency'} by inference, not from the text"
                + (f": {basis}" if basis else ""),
                subject=a.text,
                start=a.start,
                end=a.end,
            )
        )
    if dollar_inferred and not inferred:
        out.append(
            CheckResult(
                "currency_inferred",
                "info",
                "a bare '$' in this document was read as a specific dollar by inference",
            )
        )
    return out


# -- across documents ------------------------------------------------------------------


def _compatible(a: str, b: str) -> bool:
    """A floor and a ceiling are different claims; any other pair restates one target."""
    return not ((a in _LOWER and b in _UPPER) or (a in _UPPER and b in _LOWER))


def check_across(items: list[tuple[str, str, TargetSpan]]) -> list[tuple[str, CheckResult]]:
    """Warn where documents give different values for the same target.

    Same target: same metric (case and spacing ignored), same year, same
    currency, and comparators that are not a floor against a ceiling. Items are
    (document_id, publisher, target); one warning per document, naming every
    document that disagrees with it.
    """
    groups: dict[tuple, list[tuple[str, str, TargetSpan]]] = defaultdict(list)
    for doc_id, publisher, target in items:
        if target.value is None or target.year is None:
            continue
        metric = " ".join(target.metric.casefold().split())
        groups[(metric, target.year, target.currency)].append((doc_id, publisher, target))

    out: list[tuple[str, CheckResult]] = []
    for (_, year, currency), members in groups.items():
        unit = f" {currency}" if currency else ""
        for doc_id, publisher, target in members:
            others = [
                (d, p, t)
                for d, p, t in members
                if t is not target
                and _compatible(t.comparator, target.comparator)
                and not math.isclose(t.value, target.value, rel_tol=1e-9)
            ]
            if not others:
                continue
            theirs = "; ".join(
                f"{d} ({p}) says {_amount(t.value)}{unit} ({t.evidence.text!r})"
                for d, p, t in others
            )
            ratio = max(t.value for _, _, t in others) / target.value
            hint = ""
            k = _slip_power(ratio) or _slip_power(min(t.value for _, _, t in others) / target.value)
            if k is not None:
                hint = f"; a factor near {10 ** abs(k):,} suggests a scale slip in one of them"
            out.append(
                (
                    doc_id,
                    CheckResult(
                        "across_documents",
                        "warn",
                        f"{target.metric!r} for {year}: {doc_id} ({publisher}) says "
                        f"{_amount(target.value)}{unit} ({target.evidence.text!r}), but {theirs}{hint}",
                        subject=target.evidence.text,
                        start=target.evidence.start,
                        end=target.evidence.end,
                    ),
                )
            )
    return out


__all__ = ["FAIL_PCT", "WARN_PCT", "check_across", "check_document", "printed_step"]
