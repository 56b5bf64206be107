"""Render time of each dashboard page (dashboard/app_pages/*.py) against the big database.

One fresh process per page (run by bench/run.py, JSON on stdout), with
AITRACK_DB pointing at the big database:
  cold  the first `AppTest.run()`: Streamlit's caches empty, no DuckDB
        connection yet; Python modules the pages share (streamlit, plotly,
        pandas, dashboard.*) are imported beforehand, as a running server
        would have them, so cold measures data, not imports;
  warm  further reruns of the same session (what a person's next click
        costs when the filter did not change: cached queries, charts redrawn).
A page that raises is reported with its exception, not timed as a success.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("--warm", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=180)
    a = ap.parse_args()
    from streamlit.testing.v1 import AppTest

    import dashboard.charts  # noqa: F401  (imports a server already holds; see the docstring)
    import dashboard.data  # noqa: F401
    import dashboard.ui  # noqa: F401

    at = AppTest.from_file(str(Path(a.page).resolve()), default_timeout=a.timeout)
    t0 = time.perf_counter()
    at.run()
    cold = time.perf_counter() - t0
    errors = [str(e.value)[:300] for e in at.exception]
    warm = []
    for _ in range(a.warm):
        t0 = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - t0)
        errors += [str(e.value)[:300] for e in at.exception]
    shown = {"warnings": [str(w.value)[:200] for w in at.warning], "infos": [str(i.value)[:200] for i in at.info]}
    json.dump({"page": Path(a.page).stem, "cold_s": cold, "warm_s": warm,
               "warm_median_s": statistics.median(warm) if warm else None, "errors": errors[:3], **shown},
              sys.stdout)


if __name__ == "__main__":
    main()
