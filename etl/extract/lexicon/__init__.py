"""Vocabulary as data: one CSV file per kind of word, one row per word and language.

Every extractor's words (scale words, number words, months, weekdays, hedges, range
words, holidays, funding cues, actors, ...) are rows in `etl/extract/lexicon/*.csv`,
so adding a word in a new language is adding one row, never editing a pattern.
A module asks for its table once, at import:

    SCALES = lexicon.table("scales", ("word", "lang", "value"))

and gets the rows as dicts of stripped strings. The file must have exactly those
columns (in that order), no empty cell in a column not named in `optional`, no key
seen twice (by default the word and its language) and only known language codes;
anything else raises `LexiconError` naming the file and line, at import, so a broken
row fails the first test and the first build loudly instead of rejecting documents.

Lines starting with `#` are comments (each file says what it holds and who reads it).
`AITRACK_LEXICON_DIR` points the loader at another folder of the same files, for
trying a vocabulary change without editing the installed ones (docs/extending.md).

May import: the standard library.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

# ISO 639-1 codes of the languages a row may be written for; "*" is every language
# (a symbol, a code like "USD").
LANGUAGES = frozenset(
    "en ru uk be kk de fr es pt it nl pl cs sv da no fi tr ar he fa hi ja zh ko id ms vi th *".split()
)


class LexiconError(ValueError):
    """A lexicon file that cannot be read as its table: which file, which line, why."""


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    path: Path
    lines: tuple[int, ...] = ()  # the file line of each row, for error messages

    def error(self, row: dict[str, str], why: str) -> LexiconError:
        """A LexiconError naming the file and line of `row`: the loader checks a row's shape,
        the extractor that reads it checks what its cells mean (a number, a known flag)."""
        return LexiconError(f"{self.path}:{self.lines[self.rows.index(row)]}: {why}")

    def where(self, **equal: str) -> list[dict[str, str]]:
        """The rows whose named columns hold exactly these values."""
        return [r for r in self.rows if all(r[k] == v for k, v in equal.items())]

    def column(self, name: str, **equal: str) -> list[str]:
        """One column's values, in file order, of the rows `where` picks."""
        return [r[name] for r in self.where(**equal)]


_LOADED: dict[str, Table] = {}


def folder() -> Path:
    """The folder the tables are read from."""
    return Path(os.environ.get("AITRACK_LEXICON_DIR") or Path(__file__).parent)


def table(name: str, columns: tuple[str, ...], key: tuple[str, ...] | None = None,
          optional: tuple[str, ...] = ()) -> Table:
    """The rows of `<name>.csv`, checked (see the module docstring); read once per process."""
    if name in _LOADED:
        found = _LOADED[name]
        if found.columns != columns:
            raise LexiconError(f"{found.path}: asked for columns {columns}, already read as {found.columns}")
        return found
    if key is None:
        key = tuple(c for c in ("word", "lang") if c in columns) or columns[:1]
    path = folder() / f"{name}.csv"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as e:
        raise LexiconError(f"{path}: cannot be read ({e.strerror or e})") from e
    lines = [(i, line) for i, line in enumerate(raw.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines:
        raise LexiconError(f"{path}: no header line")
    numbers = [i for i, _ in lines]
    reader = csv.reader(io.StringIO("\n".join(line for _, line in lines)))
    header = tuple(h.strip() for h in next(reader))
    if header != columns:
        raise LexiconError(f"{path}:{numbers[0]}: columns {header}, expected {columns}")
    rows: list[dict[str, str]] = []
    at: list[int] = []
    seen: dict[tuple[str, ...], int] = {}
    for n, cells in zip(numbers[1:], reader):
        if len(cells) != len(columns):
            raise LexiconError(f"{path}:{n}: {len(cells)} cells, expected {len(columns)} ({', '.join(columns)})")
        row = {c: v.strip() for c, v in zip(columns, cells)}
        for c in columns:
            if not row[c] and c not in optional:
                raise LexiconError(f"{path}:{n}: empty {c}")
        if "lang" in row and row["lang"] not in LANGUAGES:
            raise LexiconError(f"{path}:{n}: unknown language {row['lang']!r} (ISO 639-1, or * for any)")
        k = tuple(row[c] for c in key)
        if k in seen:
            raise LexiconError(f"{path}:{n}: {dict(zip(key, k))} repeats line {seen[k]}")
        seen[k] = n
        rows.append(row)
        at.append(n)
    found = Table(name, columns, tuple(rows), path, tuple(at))
    _LOADED[name] = found
    return found


def loaded() -> dict[str, Table]:
    """The tables read so far in this process, by name."""
    return dict(_LOADED)
