"""Golden diff: the whole output of extraction and record building on a fixed set of texts.

    python bench/golden.py write FILE    # the output of this tree, one JSON line per text
    python bench/golden.py diff FILE     # this tree against FILE: "N differ of M", the first few shown
    python bench/golden.py diff FILE --rename announced_on=published_on   # a record field renamed on purpose

A refactor that claims "the same output" runs `write` before and `diff` after. Each line holds
what `aitrack extract` prints for the text (the extraction contract, checks included) and the
validated records `aitrack build` would load for it (every table, every field, at the bundled
reference rates), so a change anywhere from the lexicon to the conversion rule shows.

The texts: the bench corpus (2,000 generated announcements), every text of the external suites in
../shared/eval (when it is there), the bundled corpus, the seed articles, the test fixtures, and
1,500 random splices of those (seeded), which put phrases next to neighbours no file has.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import generate  # noqa: E402

from etl import paths  # noqa: E402
from etl.ingest import RawDocument, read_file  # noqa: E402

SHARED = ROOT.parent / "shared"
N_BENCH = 2000
N_SPLICES = 1500


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in {".txt", ".md", ".html", ".json", ".jsonl"})


def texts() -> list[tuple[str, RawDocument]]:
    """(label, document) for every golden text, in a fixed order."""
    out: list[tuple[str, RawDocument]] = []
    for d in generate(N_BENCH):
        for r in read_file_text(d.file_text(), f"bench/{d.doc_id}.txt"):
            out.append((f"bench:{d.doc_id}", r))
    for suite in sorted((SHARED / "eval").glob("*.jsonl")) if (SHARED / "eval").is_dir() else []:
        for line in suite.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            ref = case.get("reference_date")
            out.append((case["id"], RawDocument(
                origin=case["id"], format="txt", file_sha256="", text=case["text"],
                published_on=dt.date.fromisoformat(ref[:10]) if ref else None, language=case.get("lang"))))
    for folder, tag in ((paths.ROOT / "data" / "announcements", "corpus"), (SHARED / "seeds", "seed"),
                        (ROOT / "tests" / "fixtures", "fixture")):
        if folder.is_dir():
            for p in _files(folder):
                for i, r in enumerate(read_file(p)):
                    if isinstance(r, RawDocument):
                        out.append((f"{tag}:{p.relative_to(folder)}#{i}", r))
    rng = random.Random(20261203)
    pool = [r.text for _, r in out if len(r.text) > 20]
    for k in range(N_SPLICES):
        a, b = rng.choice(pool), rng.choice(pool)
        i, j = rng.randrange(len(a)), rng.randrange(len(b))
        text = a[max(0, i - 300):i] + " " + b[j:j + 300]
        pub = rng.choice([None, dt.date(2025, 11, 19), dt.date(2024, 2, 29)])
        out.append((f"splice:{k}", RawDocument(origin=f"splice:{k}", format="txt", file_sha256="", text=text,
                                               published_on=pub, language=rng.choice([None, "en", "ru"]))))
    return out


def read_file_text(text: str, origin: str) -> list[RawDocument]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / Path(origin).name
        p.write_text(text, encoding="utf-8")
        docs = [r for r in read_file(p) if isinstance(r, RawDocument)]
    for d in docs:
        d.origin = origin
    return docs


def output(raw: RawDocument, book) -> dict:
    from etl.build import process_document

    try:
        doc, ex, recs = process_document(raw, book)
    except Exception as e:  # a failure is output too: the same failure must stay the same
        return {"error": f"{type(e).__name__}: {e}"}
    return {
        "contract": ex.to_contract(doc.document_id),
        "records": {t: [r.model_dump(mode="json") for r in rows] for t, rows in sorted(recs.items())},
    }


def run() -> dict[str, dict]:
    from etl.fx import RateBook

    book = RateBook.load(paths.REFERENCE_DIR)
    return {label: output(raw, book) for label, raw in texts()}


def _first_difference(a, b, where: str = "") -> str:
    if type(a) is not type(b):
        return f"{where}: {a!r} -> {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k, "<missing>") != b.get(k, "<missing>"):
                return _first_difference(a.get(k, "<missing>"), b.get(k, "<missing>"), f"{where}.{k}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items -> {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, f"{where}[{i}]")
    return f"{where}: {str(a)[:200]!r} -> {str(b)[:200]!r}"


def _renamed(out: dict, renames: dict[str, str]) -> dict:
    """The baseline's records with fields renamed on purpose, so only real changes show."""
    if not renames or "records" not in out:
        return out
    return {**out, "records": {t: [{renames.get(k, k): v for k, v in r.items()} for r in rows]
                               for t, rows in out["records"].items()}}


def main(argv: list[str]) -> int:
    renames = dict(a.split("=", 1) for a in argv[argv.index("--rename") + 1:]) if "--rename" in argv else {}
    argv = argv[:argv.index("--rename")] if "--rename" in argv else argv
    if len(argv) != 2 or argv[0] not in ("write", "diff"):
        print("\n".join(__doc__.strip().splitlines()[2:5]), file=sys.stderr)
        return 2
    cmd, path = argv[0], Path(argv[1])
    now = run()
    if cmd == "write":
        with path.open("w", encoding="utf-8") as f:
            for label, out in now.items():
                f.write(json.dumps({"label": label, **out}, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"wrote {len(now)} texts to {path}")
        return 0
    before = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        label = row.pop("label")
        before[label] = _renamed(row, renames)
    differ = [k for k in before.keys() | now.keys() if before.get(k) != now.get(k)]
    for k in sorted(differ)[:10]:
        print(f"{k}{_first_difference(before.get(k, {}), now.get(k, {}))}")
    print(f"{len(differ)} differ of {len(before.keys() | now.keys())}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
