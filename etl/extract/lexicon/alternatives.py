"""Lexicon rows as pieces of regular expressions, checked at import.

A cue table has a `word` column and a `pattern` column: "no" means the word is
a literal (escaped, a space matching any run of spaces, a word boundary at each
end that is a letter or digit), "yes" that it is a regex fragment, one
top-level alternative written as is. Fragments may name a shared piece as
`{name}` (e.g. `{state_noun}`, `{gap}`), filled in by the module that reads
them. Every piece is compiled here, so a broken row raises `LexiconError` with
its file and word when the extractors are imported, not when a document is read.

May import: the standard library, etl.extract.lexicon.
"""

from __future__ import annotations

import re

from etl.extract.lexicon import LexiconError, Table

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def literal(word: str) -> str:
    r"""`word` as a regex matching it as written: "expected to" -> \bexpected\s+to\b."""
    body = r"\s+".join(re.escape(part) for part in word.split())
    start = r"\b" if re.match(r"\w", word) else ""
    end = r"\b" if re.search(r"\w$", word) else ""
    return start + body + end


def alternation(words: list[str]) -> str:
    """`(?:w1|w2|...)` of literal words, longest first, so that the longest form
    that stands at a place is the one matched ("companies" before "company")."""
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


def pieces(table: Table, rows: list[dict[str, str]] | None = None, flags: int = 0, **fill: str) -> list[str]:
    """Each of `rows` (by default all of `table`'s) as one regex alternative, in file order.

    A literal row becomes `literal(word)`; a pattern row its word with `{name}` filled from
    `fill`. Each piece must compile with `flags`; otherwise LexiconError names the row.
    """
    return [piece(table, row, flags, **fill) for row in (table.rows if rows is None else rows)]


def piece(table: Table, row: dict[str, str], flags: int = 0, **fill: str) -> str:
    """One row as a regex alternative (see `pieces`)."""
    word, kind = row["word"], row["pattern"]
    if kind == "no":
        text = literal(word)
    elif kind == "yes":
        def named(m: re.Match[str]) -> str:
            if m.group(1) not in fill:
                raise LexiconError(f"{table.path}: {word!r}: unknown piece {{{m.group(1)}}} "
                                   f"(known: {', '.join(sorted(fill)) or 'none'})")
            return fill[m.group(1)]
        text = _PLACEHOLDER.sub(named, word)
    else:
        raise LexiconError(f"{table.path}: {word!r}: pattern must be yes or no, not {kind!r}")
    try:
        re.compile(text, flags)
    except re.error as e:
        raise LexiconError(f"{table.path}: {word!r}: not a regular expression ({e})") from e
    return text
