"""Detect a document's language: English, Russian, and the five languages whose
amounts we also read (French, German, Spanish, Portuguese, Italian).

Cheap and deterministic: the share of Cyrillic letters, then counts of very
common function words (etl/extract/lexicon/stopwords.csv, one row per word and
language). Good enough to choose word tables; not a general language identifier.

May import: the standard library, etl.extract.lexicon.
"""

from __future__ import annotations

import re

from etl.extract import lexicon
from etl.extract.lexicon import LexiconError

_CYR = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[a-z\u00e0-\u00ff]+")
_TABLE = lexicon.table("stopwords", ("word", "lang"))

for _row in _TABLE.rows:
    if not _WORD.fullmatch(_row["word"]):  # the text is read as runs of these letters: it could never count
        raise LexiconError(f"{_TABLE.path}: {_row['word']!r}: only lower-case letters a-z and à-ÿ are counted")
# language -> its counted words, languages in file order: a tie goes to en, else to the first
_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(_TABLE.column("word", lang=lang)) for lang in dict.fromkeys(_TABLE.column("lang"))
}


def detect_language(text: str, sample: int = 20_000) -> str:
    """ISO 639-1 code; 'en' when there is too little text to tell."""
    s = text[:sample]
    cyr = len(_CYR.findall(s))
    lat = len(_LATIN.findall(s))
    if cyr and cyr >= 0.3 * (cyr + lat):
        return "ru"
    words = _WORD.findall(s.lower())
    if not words:
        return "en"
    scores = {lang: sum(1 for w in words if w in sw) for lang, sw in _STOPWORDS.items()}
    best = max(scores, key=lambda k: (scores[k], k == "en"))
    return best if scores[best] > 0 else "en"
