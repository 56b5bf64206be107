"""Amounts written the Chinese, Japanese and Korean way: digits grouped by myriad
scale characters and a currency glued on, "3兆9000億円", "2조 5천억 원",
"新台币1000亿元", "38억7000만 달러", "300億〜500億円".

The Latin-script lexer reads words between boundaries; in these scripts a scale
and a currency are letters glued to the number and to each other ("億円" is one
run of letters), so they get a scan of their own: one regex, anchored on a digit,
run only over texts that hold a CJK character. A figure is a run of groups, each
a number and its scale characters, multiplied out and added ("1兆2000億" is
1.2 trillion); a range is two figures joined by 〜, ~, 至 or から, the first taking
the second's scale when it has none ("300〜500億円"). A figure without a currency
(GPU 1만 장, 2030年, 5万人) is not money.

The hedges and currency forms are in lexicon/cjk_money.csv.

May import: the standard library, etl.extract.lexicon and the money package's lex and amounts.
"""

from __future__ import annotations

import re

from etl.extract import lexicon
from etl.extract.money.amounts import Amt
from etl.extract.money.lex import Qty

# any Han, kana or Hangul character: the only texts this scan runs over
CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

_TABLE = lexicon.table("cjk_money", ("form", "lang", "kind", "value"), key=("form", "kind"))
_KINDS = ("scale", "prefix", "suffix", "before", "after")
for _row in _TABLE.rows:
    if _row["kind"] not in _KINDS:
        raise _TABLE.error(_row, f"unknown kind {_row['kind']!r} (known: {', '.join(_KINDS)})")
_BY_KIND: dict[str, dict[str, str]] = {k: {} for k in _KINDS}
for _row in _TABLE.rows:
    _BY_KIND[_row["kind"]][_row["form"]] = _row["value"]
SCALES = {form: float(v) for form, v in _BY_KIND["scale"].items()}
PREFIXES = _BY_KIND["prefix"]  # currency before the number: 新台币, NT$
SUFFIXES = _BY_KIND["suffix"]  # currency after it: 円, 亿元 (scale apart), 달러
HEDGES_BEFORE = _BY_KIND["before"]  # 約, 超过, 최대
HEDGES_AFTER = _BY_KIND["after"]  # 以上, 이상, を超える


def _alt(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))


_NUM = r"\d+(?:[.,]\d+)*"
_SC = f"(?:{_alt(SCALES)})"
# one figure: groups of a number and its scales, "3兆9000億", "2조 5천억", "3.4万亿";
# a bare number too ("1000円"), which only a currency makes money
_FIG = f"{_NUM}(?: ?{_SC})*(?: ?{_NUM} ?{_SC}+)*"
_PATTERN = re.compile(
    f"(?P<pre>(?:{_alt(PREFIXES)}) ?)?(?P<a>{_FIG})"
    f"(?:(?P<sep> ?(?:〜|～|~|-|至|到|から|∼) ?)(?P<b>{_FIG}))?"
    f"(?P<cur> ?(?:{_alt(SUFFIXES)}))?"
)
_GROUP = re.compile(f"(?P<n>{_NUM}) ?(?P<s>(?:{_SC})*)")
_SCALE_CHAR = re.compile(_SC)
_HEDGE_BEFORE = re.compile(f"(?:{_alt(HEDGES_BEFORE)}) ?\\Z")
_HEDGE_AFTER = re.compile(f" ?(?:{_alt(HEDGES_AFTER)})")


def _figure(s: str) -> tuple[float, float] | None:
    """(value, the last group's scale product) of "3兆9000億"; None when unreadable."""
    total = 0.0
    mult = 1.0
    for m in _GROUP.finditer(s):
        try:
            n = float(m.group("n").replace(",", ""))
        except ValueError:
            return None
        mult = 1.0
        for c in _SCALE_CHAR.findall(m.group("s")):
            mult *= SCALES[c]
        total += n * mult
    return total, mult


def find_cjk_amounts(text: str) -> list[Amt]:
    """Amounts in CJK notation; [] for a text without a CJK character."""
    if not CJK_CHAR.search(text):
        return []
    out: list[Amt] = []
    for m in _PATTERN.finditer(text):
        pre, cur = m.group("pre"), m.group("cur")
        if not pre and not cur:
            continue
        a, b = m.group("a"), m.group("b")
        if not _SCALE_CHAR.search(m.group()) and not (cur and not cur.strip().isascii()):
            continue  # "US$474.8" with no scale nor CJK currency: the Latin lexer's
        if m.start() and text[m.start() - 1].isdigit():
            continue
        fa = _figure(a)
        if fa is None:
            continue
        value, _ = fa
        value_max = None
        if b is not None:
            fb = _figure(b)
            if fb is None:
                continue
            value_max, last = fb
            if not _SCALE_CHAR.search(a):
                value *= last  # "300〜500億円": the scale is said once
            if value_max <= value:
                continue
        code = SUFFIXES.get(cur.strip()) if cur else None
        if pre:
            code = PREFIXES[pre.strip()]  # 新台币1000亿元: the prefix names the yuan's kind
        start, end = m.start(), m.end()
        scale = "".join(_SCALE_CHAR.findall(m.group())) or None
        q = Qty(start, end, value, scale=scale, used=True)
        amt = Amt(q, start, end, value, code, (cur or pre or "").strip(), None)
        if value_max is not None:
            amt.qualifier, amt.value_min, amt.value_max = "range", value, value_max
        else:
            h = _HEDGE_BEFORE.search(text, max(0, start - 8), start)
            if h:
                amt.qualifier = HEDGES_BEFORE[h.group().strip()]
            else:
                h = _HEDGE_AFTER.match(text, end)
                if h:
                    amt.qualifier = HEDGES_AFTER[h.group().strip()]
        out.append(amt)
    return out


def merge_cjk(amounts: list[Amt], cjk: list[Amt]) -> list[Amt]:
    """The CJK amounts, and the others that do not overlap one ("NT$50" of "NT$50亿")."""
    if not cjk:
        return amounts
    kept = [a for a in amounts if not any(a.start < c.end and c.start < a.end for c in cjk)]
    return kept + cjk
