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
  the text named another dollar earlier ("C$5m ... $3m" is Canadian), or, once
  extraction knows the announcing country, it uses one dollar only
  (`territory.resolve_by_country`: "$" in a Canadian story is CAD); such
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
scans, lex._anchor_scan says why), then prefix trees of currency and percent
forms within reach of those. The trees
hold every form in the four usual capitalisations, so no IGNORECASE is
needed, and only the forms the text's scripts can hold (an English text is
not searched for Russian inflections); word scans stop only where a word can
start (gates.WordStart). Everything else is decided on those tokens and on
anchored matches of bounded length next to them. About 0.12 s per MB of news.

The package, by job: `numbers` (digits, number and scale words), `currencies`
(every written form of a currency), `lex` (the word patterns built from those
tables, the token scan and the quantities on it), `amounts` (a quantity and its
currency, hedges, shared names such as "$"), `ranges`, `rates` (stated rates,
bracketed conversions), `percentages`, `cjk` (Chinese, Japanese and Korean
notation, "3兆9000億円", "2조 5천억 원", a scan of its own that runs only over
texts with a CJK character); this module runs them in order. `territory` (a
shared name read from the announcing country) runs later, from etl.extract,
since the country is decided after the money.

May import: the standard library, etl.extract.gates, etl.extract.lexicon,
etl.extract.spans, etl.extract.text and its own modules.
"""

from __future__ import annotations

from etl.extract.money.amounts import bounds, find_amounts, mark_qualifiers, resolve_families, resolve_yen_sign
from etl.extract.money.cjk import find_cjk_amounts, merge_cjk
from etl.extract.money.lex import find_quantities, find_tokens
from etl.extract.money.numbers import NUMBER_WORDS
from etl.extract.money.percentages import find_percentages
from etl.extract.money.ranges import join_ranges
from etl.extract.money.rates import find_conversions, find_rates, mark_brackets
from etl.extract.spans import AmountSpan, ConversionSpan, PercentSpan, RateSpan
from etl.extract.text import Normalised

__all__ = ["extract_money"]


def extract_money(
    norm: Normalised, lang: str | None = None, default_dollar: str | None = None,
    open_families: dict[int, str] | None = None, pending_conversions: list | None = None,
) -> tuple[list[AmountSpan], list[RateSpan], list[ConversionSpan], list[PercentSpan]]:
    """Amounts, stated rates, bracketed conversions and percentages in `norm`.

    `lang` ("en", "ru", ...) only tips the decimal-comma decision; `default_dollar`
    is the ISO code a bare "$" means when the text does not say (e.g. "AUD" for
    an Australian publisher). `open_families`, when given, is filled with amount
    index -> shared name ("dollar", "peso") for the amounts whose member neither
    the text nor `default_dollar` names: the announcing country may (money.territory);
    `pending_conversions` with (source index, target index, text, start, end) of the bracketed
    conversions such an amount stands in, for `territory.complete_conversions`."""
    text = norm.text
    toks = find_tokens(text)
    # "として3兆9000億円": the lexer leaves a number glued to letters, CJK money has its own scan
    cjk = find_cjk_amounts(text)
    if not cjk and not any(t.kind != "word" or t.text.lower() in NUMBER_WORDS for t in toks):
        return [], [], [], []
    qs = find_quantities(text, toks, lang)
    if not qs and not cjk:
        return [], [], [], []
    percents = find_percentages(norm, text, toks, qs)
    amounts = find_amounts(text, toks, qs, lang)
    amounts.extend(join_ranges(text, amounts, qs, lang))
    amounts = merge_cjk(amounts, cjk)
    amounts.sort(key=lambda a: a.start)
    pairs = mark_brackets(text, amounts)
    resolve_families(amounts, default_dollar)
    resolve_yen_sign(amounts)
    rates = find_rates(norm, text, toks, amounts)
    mark_qualifiers(text, amounts)
    conversions = find_conversions(text, pairs, keep_open=pending_conversions is not None)
    kept = [a for a in amounts if not a.dropped]
    index = {id(a): k for k, a in enumerate(kept)}
    out: list[AmountSpan] = []
    for a in kept:
        if open_families is not None and "open_family" in a.extras:
            open_families[len(out)] = a.extras["open_family"]
        s, e = norm.span(a.start, a.end)
        value_min, value_max = bounds(a)
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
            i, j, quote = index[id(src)], index[id(tgt)], norm.original[s:e]
            if rate is None:  # a side's shared name still open: the country may name it
                pending_conversions.append((i, j, quote, s, e))
            else:
                convs.append(ConversionSpan(i, j, rate, quote, s, e))
    return out, rates, convs, percents
