"""Hand-curated reference tables under data/reference/, read once per process.

`publisher_dollar` answers which currency a bare "$" means for a publisher: the
Straits Times' "$1 billion" is Singapore dollars. The answer is a hint: amounts
read with it are still marked as inferred.

`blocs` answers which country codes a bloc stands for: "EU" is the Union's own
institutions and its 27 member states (blocs.csv), so a filter on `EU-bloc`
finds the Commission's InvestAI and Macron's €109bn alike.

`country_forms` answers which countries a filter may name, and how people write them:
the gazetteer's rows (etl/extract/lexicon/countries.csv, the hand list, and the country names
of the compiled gazetteer.csv) and the bloc members' names; `country_name` the English short
name of a code ("PT" -> "Portugal"), the `country_name` column of every export.

May import: the standard library, etl.paths.
"""

from __future__ import annotations

import csv
import os
import re
from functools import cache
from pathlib import Path

from etl import paths


@cache
def _publisher_rows(path: Path) -> tuple[tuple[str, str], ...]:
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as f:
        return tuple((r["match"].casefold(), r["currency"].strip().upper()) for r in csv.DictReader(f)
                     if r.get("match") and r.get("currency"))


def publisher_dollar(publisher: str | None, url: str | None, reference_dir: Path | None = None) -> str | None:
    """The currency of a bare "$" for this publisher or URL, or None (then USD, marked inferred)."""
    rows = _publisher_rows((reference_dir or paths.REFERENCE_DIR) / "publisher_currencies.csv")
    hay = " ".join(x for x in (publisher, url) if x).casefold()
    if not hay:
        return None
    return next((cur for match, cur in rows if match in hay), None)


class BlocError(ValueError):
    """blocs.csv is malformed; the message names file:line."""


_CODE = re.compile(r"[A-Z]{2}")
_BLOC_NAME = re.compile(r"[A-Z][A-Z0-9]*")


@cache
def _bloc_rows(path: Path) -> dict[str, tuple[str, ...]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        numbered = [(n, line) for n, line in enumerate(f, 1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader([line for _, line in numbered])
    if reader.fieldnames != ["bloc", "code", "name"]:
        raise BlocError(f"{path}: columns must be bloc,code,name, not {','.join(reader.fieldnames or [])}")
    out: dict[str, list[str]] = {}
    for (n, _), row in zip(numbered[1:], reader, strict=True):
        bloc, code, name = ((row.get(k) or "").strip() for k in ("bloc", "code", "name"))
        if not _BLOC_NAME.fullmatch(bloc) or not _CODE.fullmatch(code) or not name:
            raise BlocError(f"{path}:{n}: want an upper-case bloc name, an ISO 3166 alpha-2 code and a name, "
                            f"got {bloc!r},{code!r},{name!r}")
        if code in out.setdefault(bloc, []):
            raise BlocError(f"{path}:{n}: {code} is listed twice in bloc {bloc}")
        out[bloc].append(code)
    return {bloc: tuple(codes) for bloc, codes in out.items()}


def blocs(reference_dir: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Bloc name -> its country codes in file order (blocs.csv), read once per process."""
    return _bloc_rows((reference_dir or paths.REFERENCE_DIR) / "blocs.csv")


# Which countries a person may name in a filter. The database's country codes come from the
# gazetteer (etl/extract/lexicon/countries.csv: code, canonical name, and every written form in
# every language), so that file, with the members of blocs.csv, is the list; a code found only in
# an older database is added by the caller (etl.filters.unknown_country). Read with the csv module,
# not etl.extract.lexicon, so `aitrack export` does not pay the extractors' import.


def _lexicon_dir() -> Path:
    # the same override as etl.extract.lexicon.folder(), so a trial vocabulary filters as it builds
    return Path(os.environ.get("AITRACK_LEXICON_DIR") or paths.ROOT / "etl" / "extract" / "lexicon")


@cache
def _country_rows(countries_csv: Path, blocs_csv: Path) -> tuple[tuple[str, str, str], ...]:
    """(form, code, name) of every country form: the hand list's rows, the compiled gazetteer's
    country names (not its cities: "Lisbon" is evidence in a text, not a filter value), then
    each bloc member's name."""
    rows: list[tuple[str, str, str]] = []
    gazetteer_csv = countries_csv.with_name("gazetteer.csv")
    for path, form_column in ((countries_csv, "word"), (gazetteer_csv, "word"), (blocs_csv, "name")):
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(line for line in f if line.strip() and not line.startswith("#")):
                if r.get("kind", "country") != "country":
                    continue
                form, code, name = ((r.get(k) or "").strip() for k in (form_column, "code", "name"))
                if form and _CODE.fullmatch(code) and name:
                    rows.append((form, code, name))
    return tuple(rows)


def country_forms(reference_dir: Path | None = None) -> tuple[tuple[str, str, str], ...]:
    """(form as written, ISO 3166-1 alpha-2 code, canonical name) for every country a filter knows:
    "Russia", "Россия", "Kremlin" -> RU (Russia); "UK" -> GB; "Austria" -> AT (blocs.csv)."""
    return _country_rows(_lexicon_dir() / "countries.csv", (reference_dir or paths.REFERENCE_DIR) / "blocs.csv")


@cache
def _names(forms: tuple[tuple[str, str, str], ...]) -> dict[str, str]:
    names: dict[str, str] = {}
    for _, code, name in forms:
        names.setdefault(code, name)  # the hand list's name first, then the gazetteer's (the same)
    return names


def country_names(reference_dir: Path | None = None) -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English short name, for every code the gazetteer knows."""
    return _names(country_forms(reference_dir))


def country_name(code: str | None, reference_dir: Path | None = None) -> str | None:
    """The English short name of `code` ("PT" -> "Portugal", "EU" -> "European Union"); None
    for None, the code itself for a code no list knows (an older database's), never a guess."""
    if not code:
        return None
    return country_names(reference_dir).get(code, code)
