"""Normalise text for matching while keeping offsets into the original.

Text arrives with soft hyphens, non-breaking and thin spaces, HTML entities,
full-width brackets and Latin look-alike letters inside Cyrillic words
("Рocсия" typed with a Latin "o"). Extractors match on the normalised text and
map every match back with `Normalised.span`, so evidence offsets always index
the text as given.

Never lowercase with str.lower() to match: it can change the length of a
string ("İ" becomes two code points); use re.IGNORECASE instead.

May import: the standard library only.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# One code point in, one out: these keep offsets as they are.
_SAME_LENGTH = {
    "\u00a0": " ",  # no-break space
    "\u2007": " ",  # figure space
    "\u2008": " ",
    "\u2009": " ",  # thin space: "1 234 567" in Russian and French typesetting
    "\u200a": " ",
    "\u202f": " ",  # narrow no-break space
    "\u2002": " ",
    "\u2003": " ",
    "\u3000": " ",
    "\t": " ",
    "\uff08": "(",  # full-width brackets: "１１兆円（$70bn）"
    "\uff09": ")",
    "\uff04": "$",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",  # en dash in ranges: "$5–10 billion"
    "\u2014": "-",
    "\u2212": "-",
    "\u2019": "'",  # 1’049,95 and "Russia’s"
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\uff0c": ",",
    "\uff0e": ".",
}
for _d in range(10):  # full-width digits
    _SAME_LENGTH[chr(0xFF10 + _d)] = str(_d)

# Removed entirely: soft hyphen, zero-width space/joiners, BOM.
_DROP = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")

# Latin letters that look like Cyrillic ones; replaced only inside words that
# are otherwise Cyrillic ("Рocсия", "млрд" typed "млpд").
_LATIN_TO_CYRILLIC = str.maketrans(
    "AaBCcEeHKMOoPpTXxyY",
    "АаВСсЕеНКМОоРрТХхуУ",
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_MIXED_WORD = re.compile(r"[A-Za-z\u0400-\u04ff]+")
_LOOKALIKE = re.compile(r"[AaBCcEeHKMOoPpTXxyY]")
_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,31});")
# str.translate looks up every character in a dict (0.18 s per MB); a regex that
# only stops at the characters to replace is ten times faster on news text.
_REPLACE = re.compile("[" + re.escape("".join(_SAME_LENGTH)) + "]")


def _translate(text: str) -> str:
    return _REPLACE.sub(lambda m: _SAME_LENGTH[m.group()], text)


# What changes offsets: dropped characters and HTML entities.
_SHIFTING = re.compile(
    "[" + re.escape("".join(_DROP)) + "]+|&(?:#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,31});"
)


@dataclass(slots=True)
class Normalised:
    """Normalised text with a map back to the original.

    `starts[i]` and `ends[i]` are the original offsets of normalised char i;
    both are None when the normalised text is the original (the common case).
    """

    original: str
    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of normalised text[start:end]."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def _fix_lookalikes(text: str) -> str:
    if not _CYRILLIC.search(text) or not _LOOKALIKE.search(text):
        return text

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if _CYRILLIC.search(word) and _LOOKALIKE.search(word):
            return word.translate(_LATIN_TO_CYRILLIC)
        return word

    return _MIXED_WORD.sub(fix, text)


def normalise(text: str) -> Normalised:
    """Normalise `text` for matching; see the module docstring.

    One-for-one replacements go through str.translate and keep offsets as they
    are; only dropped characters and entities need the offset maps, which are
    built a run at a time rather than a character at a time.
    """
    translated = _translate(text)
    shifts: list[tuple[int, int, str]] = []
    if "&" in text or any(c in text for c in _DROP):
        for m in _SHIFTING.finditer(text):
            if m.group(0)[0] == "&":
                decoded = html.unescape(m.group(0))
                if decoded == m.group(0):
                    continue  # not an entity Python knows ("Banking & Finance"): keep it as text
                decoded = "".join(c for c in decoded if c not in _DROP)  # "&shy;" is a soft hyphen too
            else:
                decoded = ""
            shifts.append((m.start(), m.end(), decoded))
    if not shifts:
        return Normalised(text, _fix_lookalikes(translated))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for s, e, decoded in shifts:
        out.append(translated[pos:s])
        starts.extend(range(pos, s))
        ends.extend(range(pos + 1, s + 1))
        if decoded:
            out.append(_translate(decoded))
            starts.extend([s] * len(decoded))
            ends.extend([e] * len(decoded))
        pos = e
    out.append(translated[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    # look-alike letters are swapped one for one, so the maps stay valid
    return Normalised(text, _fix_lookalikes("".join(out)), starts, ends)
