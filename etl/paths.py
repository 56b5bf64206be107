"""Where things live. Knows the repository layout and imports nothing of the project.

Every path can be overridden through the environment so that tests and the
dashboard can point at a database built elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = ROOT / "sql"
DATA_DIR = ROOT / "data"
ANNOUNCEMENTS_DIR = DATA_DIR / "announcements"
REFERENCE_DIR = DATA_DIR / "reference"
BUILD_DIR = DATA_DIR / "build"
REVIEWS_PATH = DATA_DIR / "reviews" / "corrections.csv"


def default_db_path() -> Path:
    """The database the CLI and the dashboard use unless told otherwise."""
    return Path(os.environ.get("AITRACK_DB", BUILD_DIR / "aitrack.duckdb"))


def reviews_path(given: Path | str | None = None) -> Path:
    """The analysts' corrections file: `given`, else $AITRACK_REVIEWS, else data/reviews/corrections.csv."""
    return Path(given or os.environ.get("AITRACK_REVIEWS") or REVIEWS_PATH)
