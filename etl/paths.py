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


def default_db_path() -> Path:
    """The database the CLI and the dashboard use unless told otherwise."""
    return Path(os.environ.get("AITRACK_DB", BUILD_DIR / "aitrack.duckdb"))
