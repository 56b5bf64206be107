"""Detect a document's language: English, Russian, and the five languages whose
amounts we also read (French, German, Spanish, Portuguese, Italian).

Cheap and deterministic: the share of Cyrillic letters, then counts of very
common function words. Good enough to choose word tables; not a general
language identifier.

May import: the standard library only.
"""

from __future__ import annotations

import re

_CYR = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[a-z\u00e0-\u00ff]+")

_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "for", "that", "on", "with", "by", "said", "will", "its"},
    "fr": {"le", "la", "les", "des", "et", "du", "est", "une", "pour", "dans", "que", "sur", "milliards"},
    "de": {"der", "die", "das", "und", "ist", "mit", "für", "von", "den", "ein", "eine", "nicht", "milliarden"},
    "es": {"el", "los", "las", "del", "y", "que", "en", "una", "por", "para", "con", "millones", "según"},
    "pt": {"o", "os", "as", "do", "da", "dos", "das", "e", "que", "em", "uma", "para", "com", "não", "bilhões"},
    "it": {"il", "gli", "della", "di", "e", "che", "per", "una", "con", "del", "sono", "miliardi", "nel"},
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
