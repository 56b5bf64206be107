"""CPU time of in-process extraction per stage, for a quick same-speed check while refactoring.

    python bench/stagetime.py [N]     # N generated announcements (default 1500), best of 3 per stage

Prints microseconds per document for extract_text and for each extractor alone. Numbers
from two trees compare only when run on the same machine at about the same load; `make
bench` is the measurement of record.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import generate  # noqa: E402


def main(n: int) -> None:
    from etl.extract import extract_text
    from etl.extract.actors import extract_actors
    from etl.extract.commitments import extract_commitments, sentences
    from etl.extract.dates import extract_dates
    from etl.extract.funding import extract_funding
    from etl.extract.money import extract_money
    from etl.extract.text import normalise

    docs = generate(n)
    norms = [(normalise(d.text), d) for d in docs]
    money = [extract_money(nm, d.language, None) for nm, d in norms]
    sents = [sentences(nm.text) for nm, _ in norms]
    stages = {
        "extract_text": lambda: [extract_text(d.text, d.published, d.language, d.title) for d in docs],
        "money": lambda: [extract_money(nm, d.language, None) for nm, d in norms],
        "dates": lambda: [extract_dates(nm, d.published, d.language) for nm, d in norms],
        "actors": lambda: [extract_actors(nm) for nm, _ in norms],
        "commitments": lambda: [extract_commitments(nm, s) for (nm, _), s in zip(norms, sents)],
        "funding": lambda: [extract_funding(nm, m[0], s) for (nm, _), m, s in zip(norms, money, sents)],
    }
    for name, fn in stages.items():
        fn()  # warm: caches and lazy compiles
        best = min(_cpu(fn) for _ in range(3))
        print(f"{name:14s} {best / n * 1e6:8.1f} us/doc")


def _cpu(fn) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1500)
