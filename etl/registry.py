"""The commitment registry: link the records that describe one commitment.

Every fact table is at the grain of a mention; a tracker's unit is the commitment.
After a build has loaded its records, `link_registry` gives Splink (its DuckDB
backend, on the build's own connection) one row per amount record with a country and
one per commitment mention or target with a country that names no amount
(sql/registry/010_candidates.sql), scores the pairs its blocking rules make with the fixed
model in data/reference/registry_model.json, and joins the pairs at or above
MATCH_WEIGHT_THRESHOLD into entries (connected components). SQL then writes the
`registry` and `registry_links` tables, sets `supersedes`/`latest`, adds an
`across_sources` check row wherever one entry's sources disagree (figure, currency,
deadline, the date of the announcement), and climbs each entry's status ladder from the
cues of data/reference/status_cues.csv in its records' sentences (`registry_status`
keeps the evidence of every rung; `registry.status` is the highest).

Nothing is trained at build time: the m/u probabilities are data in the model file,
so the same inputs give the same entries, offline. Which is also why linking can be incremental: a pair's
score depends only on its two candidate rows, so with a `PairStore` (a build with the
extraction cache) the pairs of the previous build whose two records are unchanged are taken
from it (011-013) and Splink scores only the pairs with a new or changed side (014,
`new_pairs_only`); clustering and every step after it run over all the pairs, as in a
full build, so the tables are the same. Splink's working tables live in
a schema of their own that is dropped before the database is swapped in.

May import: the standard library, duckdb, pyarrow, splink, etl.paths.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl import paths

MODEL_PATH = paths.REFERENCE_DIR / "registry_model.json"
AUTHORITY_PATH = paths.REFERENCE_DIR / "publisher_authority.csv"
STATUS_CUES_PATH = paths.REFERENCE_DIR / "status_cues.csv"

# The rungs a cue can reach (announced needs none: every record is one). Their ranks and
# rules are in sql/registry/050_status_cues.sql, which binds one pattern per rung.
CUE_RUNGS = ("in_plan", "in_law", "funded", "achieved", "missed")
_CUE_ROLES = ("cue", "void_before", "void_after")
# A pattern that matches nothing (a language with no cue for a rung, or no void), with the
# two groups regexp_extract is asked for.
_NOTHING = r"()([^\s\S])"
# A word's edge: a space, punctuation or a symbol (a negated letter class, [^\p{L}\p{N}],
# means the same here but costs ~10 ms to compile, per pattern and statement).
_EDGE = r"[\s\p{P}\p{S}]"

# The one threshold. Two records are one commitment when their match weight (log2 of
# the Bayes factor, prior included) is at least 6, i.e. a match probability of ~98.5 %.
# With the model's m/u values, the same figure in the same currency with the same
# deadline and an actor in common clears it even when one source is undated and its
# kind unread (the Reuters story and its undated rewrite: 9.1), while a different figure
# or a different kind costs 4.3-5.3 and keeps a fund apart from a GDP target of the same
# country and year. On the bundled corpus the nearest pair below it scores 5.6.
# Records without a figure (value NULL: Splink's null level, 0) are blocked only with each
# other, within a country and kind, so they start from the prior (-4.25) plus same kind
# (+2.17): a task force retold by two outlets in the same week (+3.58) with its speaker in
# common (+1.42), sentences that overlap (+1.74) and the same description ("national AI
# task force", +3.0) scores 7.7; the same without the description in common (-2.17) 2.5,
# and with sentences that differ (-2.17) 3.7. Undated, or more than a week apart, they
# need alike sentences (+5.64) and descriptions (8.0 with an actor in common); the
# blocking compares those when one is undated and the descriptions are the same words
# with the same first-named actor, or when they share a deadline year, but not two dated
# ones more than a week apart.
MATCH_WEIGHT_THRESHOLD = 6.0

_WORK_SCHEMA = "registry_work"
# The check rows the linking writes (040_across_sources.sql, 055_status.sql): a copy of a
# database that re-links its registry drops them first, as a build never has them beforehand.
REGISTRY_CHECKS = ("across_sources", "deadline_passed", "status_conflict")


@dataclass
class RegistrySummary:
    candidates: int = 0
    pairs: int = 0  # pairs the blocking rules make, scored (by this build or, unchanged, by the previous one)
    pairs_scored: int = 0  # of those, the ones Splink scored in this build
    known: int = 0  # candidates the previous build scored, unchanged (their pairs were reused)
    kept_pairs: int = 0  # of those, the ones a later step reads (015_pairs.sql)
    entries: int = 0
    links: int = 0
    across_sources: int = 0
    statuses: dict[str, int] = field(default_factory=dict)  # entries by status
    check_statuses: dict[str, int] = field(default_factory=dict)  # the registry's check rows by status
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # candidates, splink, pairs, entries, ...


def load_model(path: Path = MODEL_PATH) -> dict:
    """The Splink settings with their fixed m/u probabilities (the `_about` note dropped)."""
    model = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in model.items() if not k.startswith("_")}


def level_labels(model: dict) -> dict[str, dict[int, str]]:
    """comparison -> gamma -> label. Splink numbers a comparison's levels from the top,
    n-1 for the first non-null level down to 0 for the last; a null level is -1."""
    out: dict[str, dict[int, str]] = {}
    for comp in model["comparisons"]:
        levels = [lv for lv in comp["comparison_levels"] if not lv.get("is_null_level")]
        labels = {len(levels) - 1 - i: lv["label_for_charts"] for i, lv in enumerate(levels)}
        labels[-1] = next((lv["label_for_charts"] for lv in comp["comparison_levels"] if lv.get("is_null_level")),
                          "null")
        out[comp["output_column_name"]] = labels
    return out


def authority_rows(path: Path = AUTHORITY_PATH) -> list[dict]:
    """publisher_authority.csv as rows with their position (the first match wins)."""
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    rows = []
    for i, r in enumerate(csv.DictReader(lines)):
        rows.append({"match": r["match"].strip().casefold(), "tier": r["tier"].strip(),
                     "rank": int(r["rank"]), "position": i})
    if not any(r["match"] == "*" for r in rows):
        raise ValueError(f"{path}: needs a last row matching '*' so every publisher has a tier")
    return rows


def status_cue_rows(path: Path = STATUS_CUES_PATH) -> list[dict]:
    """status_cues.csv as rows with their line in the file; a row that breaks the rules stops
    the build with its line (a cue nobody can trace is worse than none)."""
    with path.open(encoding="utf-8", newline="") as f:
        numbered = [(i, line) for i, line in enumerate(f, start=1) if line.strip() and not line.startswith("#")]
    lines = [n for n, _ in numbered]
    rows = []
    for k, r in enumerate(csv.DictReader(line for _, line in numbered)):
        line = lines[k + 1]
        row = {key: (r.get(key) or "").strip() for key in ("role", "rung", "lang", "pattern", "note")}
        row["line"] = line
        if None in r or row["role"] not in _CUE_ROLES or not row["lang"] or not row["pattern"]:
            raise ValueError(f"{path}:{line}: needs role ({', '.join(_CUE_ROLES)}), lang and pattern")
        if row["rung"] not in CUE_RUNGS and not (row["role"] != "cue" and row["rung"] == ""):
            raise ValueError(f"{path}:{line}: rung is one of {', '.join(CUE_RUNGS)} (a void may leave it empty: "
                             "every rung)")
        rows.append(row)
    return rows


def status_patterns(rows: list[dict], lang: str) -> dict[str, str]:
    """One language's cues as the parameters of 050_status_cues.sql: per rung, its patterns
    as alternatives, matched as whole words (group 1 before the cue, group 2 the cue); the
    voids likewise, anywhere in the words they are matched against."""
    mine = [r for r in rows if r["lang"] == lang]

    def alternatives(role: str, rungs: tuple[str, ...]) -> str | None:
        pats = [r["pattern"] for r in mine if r["role"] == role and r["rung"] in rungs]
        return "|".join(f"(?:{p})" for p in pats) if pats else None

    out: dict[str, str] = {"lang": lang}
    for rung in CUE_RUNGS:
        alt = alternatives("cue", (rung,))
        out[rung] = f"(?is)^(|.*?{_EDGE})({alt})(?:{_EDGE}|$)" if alt else _NOTHING
        for role in ("void_before", "void_after"):  # a void with no rung voids every rung
            alt = alternatives(role, (rung, ""))
            out[f"{role}_{rung}"] = f"(?is)(?:^|{_EDGE})(?:{alt})(?:{_EDGE}|$)" if alt else _NOTHING
    return out


def link_registry(con: duckdb.DuckDBPyConnection, model_path: Path = MODEL_PATH,
                  authority_path: Path = AUTHORITY_PATH, cues_path: Path | None = None,
                  pair_store: PairStore | None = None,
                  regroup: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> RegistrySummary:
    """Fill `registry`, `registry_links` and `registry_status` (and the registry's check rows) from the
    loaded records. With a `pair_store` (the build's cache folder) the pairs of the previous build
    that it holds are reused and only pairs with a new or changed side are scored; the store then
    keeps this build's. The tables are the same either way.

    `regroup` (etl/reviews.py Applier.regroup: an analyst's merges and splits) is called once Splink's
    clusters are in the temporary table registry_clusters (unique_id, cluster_id) and may move records
    between clusters; everything made from the grouping (the entries, their ids, figures, sources and
    dates, supersedes and latest, the across_sources checks, the status ladder) is then made once, from
    the grouping it leaves, so none of it is left from the grouping before the review."""
    from splink import DuckDBAPI

    t0 = time.monotonic()
    summary = RegistrySummary()
    model = load_model(model_path)
    labels = level_labels(model)
    _run(con, "010_candidates", timings=summary.stage_seconds)
    if pair_store is not None:
        pair_store.bind(model_path)
    summary.candidates = con.execute("SELECT count(*) FROM registry_candidates").fetchone()[0]

    authority = authority_rows(authority_path)
    cues_path = cues_path or STATUS_CUES_PATH  # read at call time, so a test can point it at a copy
    cues = status_cue_rows(cues_path)
    _check_patterns(con, cues, cues_path)
    con.execute("CREATE OR REPLACE TEMP TABLE registry_authority (match VARCHAR, tier VARCHAR, rank INTEGER, "
                "position INTEGER)")
    con.executemany("INSERT INTO registry_authority VALUES (?, ?, ?, ?)",
                    [(r["match"], r["tier"], r["rank"], r["position"]) for r in authority])

    # Splink's working tables (blocked pairs, predictions, clusters) go to an attached in-memory
    # database, not to a schema of the database file being built: nothing of them is written to
    # disk or checkpointed, and they are gone with DETACH (Splink sets it as the current schema,
    # which is set back after).
    home_db, home_schema = con.execute("SELECT current_database(), current_schema()").fetchone()
    con.execute(f"DETACH DATABASE IF EXISTS {_WORK_SCHEMA}")
    con.execute(f"ATTACH ':memory:' AS {_WORK_SCHEMA}")
    try:
        if summary.candidates:
            from splink.clustering import cluster_pairwise_predictions_at_threshold

            api = DuckDBAPI(con, output_schema=f"{_WORK_SCHEMA}.main")
            t1 = time.monotonic()
            _score_pairs(con, api, model, summary, pair_store)
            t2 = time.monotonic()
            clusters = cluster_pairwise_predictions_at_threshold(
                "registry_candidates", "registry_scored", api, node_id_column_name="unique_id",
                threshold_match_weight=MATCH_WEIGHT_THRESHOLD)
            t3 = time.monotonic()
            summary.stage_seconds.update(predict=t2 - t1, cluster=t3 - t2)
            summary.pairs = con.execute("SELECT count(*) FROM registry_scored").fetchone()[0]
            _keep_pairs(con, "registry_scored", labels)
            summary.stage_seconds["015_pairs"] = time.monotonic() - t3
            con.execute(f"CREATE OR REPLACE TEMP TABLE registry_clusters AS "
                        f"SELECT unique_id, cluster_id FROM {_WORK_SCHEMA}.{clusters.physical_name}")
            if pair_store is not None:
                t4 = time.monotonic()
                pair_store.write(con)
                summary.stage_seconds["pairs_write"] = time.monotonic() - t4
        else:
            con.execute("CREATE OR REPLACE TEMP TABLE registry_clusters (unique_id VARCHAR, cluster_id VARCHAR)")
            _keep_pairs(con, None, labels)
    finally:
        con.execute(f'USE "{home_db}"."{home_schema}"')
        con.execute(f"DETACH {_WORK_SCHEMA}")
    if regroup is not None:
        t_regroup = time.monotonic()
        regroup(con)
        summary.stage_seconds["regroup"] = time.monotonic() - t_regroup
    checks_before = con.execute("SELECT count(*) FROM checks").fetchone()[0]
    _run(con, "020_entries", "030_supersedes", "035_sentences", "040_across_sources", timings=summary.stage_seconds)
    summary.across_sources = con.execute("SELECT count(*) FROM checks").fetchone()[0] - checks_before
    con.execute("CREATE OR REPLACE TEMP TABLE registry_cues (line INTEGER, role VARCHAR, rung VARCHAR, lang VARCHAR, "
                "pattern VARCHAR)")
    con.executemany("INSERT INTO registry_cues VALUES (?, ?, ?, ?, ?)",
                    [(r["line"], r["role"], r["rung"], r["lang"], r["pattern"]) for r in cues])
    t_status = time.monotonic()
    sql = (paths.SQL_DIR / "registry" / "050_status_cues.sql").read_text(encoding="utf-8")
    present = {r[0] for r in con.execute("SELECT DISTINCT language FROM registry_sentences").fetchall()}
    for lang in sorted({r["lang"] for r in cues} & present):  # compiling a language's patterns costs ~0.1 s
        con.execute(sql, status_patterns(cues, lang))
    summary.stage_seconds["050_status_cues"] = time.monotonic() - t_status
    _run(con, "055_status", timings=summary.stage_seconds)
    summary.kept_pairs = con.execute("SELECT count(*) FROM registry_pairs").fetchone()[0]
    summary.entries = con.execute("SELECT count(*) FROM registry").fetchone()[0]
    summary.links = con.execute("SELECT count(*) FROM registry_links").fetchone()[0]
    summary.statuses = dict(con.execute("SELECT status, count(*) FROM registry GROUP BY status").fetchall())
    summary.check_statuses = dict(con.execute(
        "SELECT status, count(*) FROM checks WHERE list_contains(?, \"check\") GROUP BY status",
        [list(REGISTRY_CHECKS)]).fetchall())
    for t in ("registry_candidates", "registry_candidate_hashes", "registry_known", "registry_previous_pairs",
              "registry_scoring", "registry_scored", "registry_clusters", "registry_pairs", "registry_pair_entries",
              "registry_members", "registry_authority",
              "registry_levels", "registry_sentences", "registry_cues"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    summary.seconds = time.monotonic() - t0
    return summary


def _score_pairs(con: duckdb.DuckDBPyConnection, api, model: dict, summary: RegistrySummary,
                 store: PairStore | None) -> None:
    """registry_scored: every pair the blocking rules make, scored (unique ids, match weight and
    probability, the gamma of each comparison). Pairs of two records the previous build scored
    unchanged come from `store`; Splink scores the rest, which has a new or changed record on
    one side at least (so the rules' pairs and their scores are a full build's)."""
    from splink import Linker

    _run(con, "011_candidate_hashes", timings=summary.stage_seconds)
    previous = store.read() if store is not None else None
    if previous is None:
        linker = Linker(api.register("registry_candidates"), model, log_level=40)
        pred = linker.inference.predict()
        con.execute(f"CREATE OR REPLACE TEMP TABLE registry_scored AS SELECT {_SCORED_COLUMNS} "
                    f"FROM {_WORK_SCHEMA}.{pred.physical_name}")
        [(summary.pairs_scored,)] = con.execute("SELECT count(*) FROM registry_scored").fetchall()
        return
    candidates_path, pairs_path = previous
    try:
        _run(con, "012_known", params={"candidates_path": str(candidates_path)}, timings=summary.stage_seconds)
        _run(con, "013_previous_pairs", params={"pairs_path": str(pairs_path)}, timings=summary.stage_seconds)
    except duckdb.Error:  # a damaged file: everything is scored again, as without one
        store.unreadable += 1
        return _score_pairs(con, api, model, summary, None)
    [(summary.known,)] = con.execute("SELECT count(*) FROM registry_known").fetchall()
    _run(con, "014_scoring", timings=summary.stage_seconds)
    if summary.known == summary.candidates:  # nothing new: Splink is not even started
        con.execute("CREATE OR REPLACE TEMP TABLE registry_scored AS SELECT * FROM registry_previous_pairs")
        return
    linker = Linker(api.register("registry_scoring"), new_pairs_only(model), log_level=40)
    pred = linker.inference.predict()
    [(summary.pairs_scored,)] = con.execute(f"SELECT count(*) FROM {_WORK_SCHEMA}.{pred.physical_name}").fetchall()
    con.execute(f"CREATE OR REPLACE TEMP TABLE registry_scored AS SELECT * FROM registry_previous_pairs "
                f"UNION ALL BY NAME SELECT {_SCORED_COLUMNS} FROM {_WORK_SCHEMA}.{pred.physical_name}")


# What a scored pair keeps: all that 015_pairs.sql and the clustering read.
_SCORED_COLUMNS = "unique_id_l, unique_id_r, match_weight, match_probability, COLUMNS('^gamma_')"


def new_pairs_only(model: dict) -> dict:
    """The model with each blocking rule split in two, "and the left record is new" and "and the
    right one is": the pairs of the rule with a new side, no other (dedupe_only orders each pair
    by id, so the new record may be either). A side's own condition is pushed below the join, so
    the join is of the new records against all, not of all against all."""
    rules = []
    for rule in model["blocking_rules_to_generate_predictions"]:
        sql = rule["blocking_rule"] if isinstance(rule, dict) else rule
        for side in ("l", "r"):
            rules.append({**(rule if isinstance(rule, dict) else {}), "blocking_rule": f"({sql}) AND {side}.is_new"})
    return {**model, "blocking_rules_to_generate_predictions": rules}


def pairs_fingerprint(model_path: Path = MODEL_PATH) -> str:
    """What a pair's score depends on besides its two records: the model, how candidates are made
    and scored here, the libraries that score, and the threshold."""
    h = hashlib.sha256(_scoring_code())
    for p in (model_path, paths.SQL_DIR / "registry" / "010_candidates.sql"):
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


@functools.cache
def _scoring_code() -> bytes:
    """This module (how pairs are scored and kept) and the libraries that score, read once per
    process: it stands for the code this process runs, not for an edit made while it runs."""
    from importlib import metadata

    return Path(__file__).read_bytes() + json.dumps(
        [metadata.version("splink"), duckdb.__version__, MATCH_WEIGHT_THRESHOLD]).encode()


class PairStore:
    """The scored pairs of the last build, in a cache folder: `<root>/registry/<fingerprint>/`
    holds candidates-<token>.parquet (unique_id, row_hash: 011) and pairs-<token>.parquet (every
    pair scored among them), and `current` names the token. The two are written first and
    `current` replaced last (os.replace), so a reader sees one build's pair of files or none; a
    build killed half-way leaves the previous ones. A model, code or library change is another
    fingerprint, so its folder starts empty."""

    def __init__(self, root: Path, model_path: Path = MODEL_PATH):
        self.root = Path(root)
        self.folder = self.root / "registry" / pairs_fingerprint(model_path)
        self.unreadable = 0  # snapshots that could not be read: scored again
        self.write_error: str | None = None

    def bind(self, model_path: Path) -> None:
        """Read and write the pairs of the model the linking runs with."""
        self.folder = self.root / "registry" / pairs_fingerprint(model_path)

    def read(self) -> tuple[Path, Path] | None:
        try:
            token = (self.folder / "current").read_text(encoding="utf-8").strip()
        except OSError:
            return None
        files = self.folder / f"candidates-{token}.parquet", self.folder / f"pairs-{token}.parquet"
        if not token.isalnum() or not all(f.is_file() for f in files):
            self.unreadable += 1
            return None
        return files

    def write(self, con: duckdb.DuckDBPyConnection) -> None:
        """Keep this build's candidates and scored pairs (a failure is said, never fatal)."""
        import pyarrow.parquet as pq

        token = uuid.uuid4().hex
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, table in (("candidates", "registry_candidate_hashes"), ("pairs", "registry_scored")):
                tmp = self.folder / f".{os.getpid()}.{name}-{token}.tmp"
                pq.write_table(con.sql(f"SELECT * FROM {table}").to_arrow_table(), tmp, compression="zstd")
                os.replace(tmp, self.folder / f"{name}-{token}.parquet")
            tmp = self.folder / f".{os.getpid()}.current.tmp"
            tmp.write_text(token, encoding="utf-8")
            os.replace(tmp, self.folder / "current")
        except OSError as e:
            self.write_error = f"{self.folder}: {e.strerror or e}"
            for tmp in self.folder.glob(f".{os.getpid()}.*.tmp"):
                tmp.unlink(missing_ok=True)
            return
        # The previous build's files, and any a damaged `current` left unnamed. A build writing here at the
        # same time may lose its files too: its successor then finds none and scores everything, never wrongly.
        for old in self.folder.glob("*.parquet"):
            if token not in old.name:
                old.unlink(missing_ok=True)


def _check_patterns(con: duckdb.DuckDBPyConnection, rows: list[dict], path: Path) -> None:
    """Every pattern compiles in DuckDB's regular expressions (RE2), or the build stops at its line."""
    for r in rows:
        try:
            con.execute("SELECT regexp_matches('', ?)", ["(?is)" + r["pattern"]])
        except duckdb.Error as e:
            raise ValueError(f"{path}:{r['line']}: pattern {r['pattern']!r} is not a regular expression: "
                             f"{str(e).splitlines()[0]}") from None


def _keep_pairs(con: duckdb.DuckDBPyConnection, physical_name: str | None, labels: dict[str, dict[int, str]]) -> None:
    """registry_pairs: the scored pairs later steps read, their weight and per-field reasons as JSON."""
    con.execute("CREATE OR REPLACE TEMP TABLE registry_levels (comparison VARCHAR, gamma INTEGER, label VARCHAR)")
    con.executemany("INSERT INTO registry_levels VALUES (?, ?, ?)",
                    [(c, g, lab) for c, levels in labels.items() for g, lab in levels.items()])
    if physical_name is None:
        con.execute("CREATE OR REPLACE TEMP TABLE registry_pairs (unique_id_l VARCHAR, unique_id_r VARCHAR, "
                    "match_weight DOUBLE, reasons VARCHAR, kind_alike BOOLEAN, words_alike BOOLEAN, "
                    "actors_alike BOOLEAN)")
        return
    con.execute(f'CREATE OR REPLACE TEMP VIEW registry_predictions AS SELECT * FROM "{physical_name}"')
    _run(con, "015_pairs", params={"threshold": MATCH_WEIGHT_THRESHOLD})
    con.execute("DROP VIEW registry_predictions")


def _run(con: duckdb.DuckDBPyConnection, *names: str, timings: dict[str, float] | None = None,
         params: dict | None = None) -> None:
    for name in names:
        t0 = time.monotonic()
        con.execute((paths.SQL_DIR / "registry" / f"{name}.sql").read_text(encoding="utf-8"), params)
        if timings is not None:
            timings[name] = time.monotonic() - t0
