"""Shared fixtures: paths, the hypothesis profile CI can afford, and one database
built once per session from the bundled corpus (never a mock: a real DuckDB file)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """The bundled demo corpus, built once into a temporary DuckDB file."""
    from etl.build import build

    path = tmp_path_factory.mktemp("corpus") / "aitrack.duckdb"
    build(None, path, progress=False)
    return path


@pytest.fixture()
def corpus_con(corpus_db):
    import duckdb

    con = duckdb.connect(str(corpus_db), read_only=True)
    yield con
    con.close()


def write_docs(folder: Path, docs: dict[str, tuple[str, str, str, str]]) -> Path:
    """One .txt per entry of `docs` (name -> publisher, published, language, text), with the header
    etl.ingest reads; the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (publisher, published, lang, text) in docs.items():
        (folder / name).write_text(f"Title: {name}\nPublisher: {publisher}\nPublished: {published}\n"
                                   f"Language: {lang}\n\n{text}\n", encoding="utf-8")
    return folder
