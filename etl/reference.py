"""Hand-curated reference tables under data/reference/, read once per process.

`publisher_dollar` answers which currency a bare "$" means for a publisher: the
Straits Times' "$1 billion" is Singapore dollars. The answer is a hint: amounts
read with it are still marked as inferred.

May import: the standard library, etl.paths.
"""

from __future__ import annotations

import csv
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
