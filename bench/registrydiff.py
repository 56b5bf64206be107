"""Compare two builds' registries entry by entry: did a change keep the same entries?

    python bench/registrydiff.py OLD.duckdb NEW.duckdb

Prints the entries only in one side, and for entries in both the columns that differ
(value, currency, n_sources, kind, deadline_year, supersedes, latest, the record shown)
and the links whose entry differs. Entries of records that the old build did not link
(commitments and targets without an amount, say) are listed apart as additions. Exit
code 0 when no entry of OLD changed or vanished, 1 otherwise.
"""

from __future__ import annotations

import sys

import duckdb

COLUMNS = ("value", "currency", "n_sources", "kind", "deadline_year", "supersedes", "latest", "amount_id")


def snapshot(path: str) -> tuple[dict, dict]:
    with duckdb.connect(path, read_only=True) as c:
        cols = ", ".join(COLUMNS)
        entries = {r[0]: dict(zip(COLUMNS, r[1:])) for r in c.execute(f"SELECT entry_id, {cols} FROM registry").fetchall()}
        links = {(r[0], r[1] or r[2] or r[3]): r[4] for r in c.execute(
            "SELECT role, amount_id, target_id, commitment_id, entry_id FROM registry_links").fetchall()}
    return entries, links


def main(old_path: str, new_path: str) -> int:
    old, old_links = snapshot(old_path)
    new, new_links = snapshot(new_path)
    gone = sorted(set(old) - set(new))
    added = sorted(set(new) - set(old))
    changed = {e: {k: (old[e][k], new[e][k]) for k in COLUMNS if old[e][k] != new[e][k]}
               for e in set(old) & set(new)}
    changed = {e: d for e, d in sorted(changed.items()) if d}
    moved = sorted(k for k in old_links if new_links.get(k) != old_links[k])
    print(f"entries: {len(old)} -> {len(new)}; {len(gone)} gone, {len(added)} added, {len(changed)} changed; "
          f"links {len(old_links)} -> {len(new_links)}, {len(moved)} of the old ones moved or gone")
    for e in gone:
        print(f"gone    {e} {old[e]}")
    for e, d in changed.items():
        print(f"changed {e} {d}")
    for k in moved:
        print(f"moved   {k}: {old_links[k]} -> {new_links.get(k)}")
    for e in added:
        print(f"added   {e} {new[e]}")
    return 1 if gone or changed or moved else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
