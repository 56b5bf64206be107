"""Which files a build reads: `discover` walks folders with one directory read per folder and no
stat per plain file, and must give exactly what the rule says (the rule `sorted(rglob("*"))`
filtered by suffix gave before): sorted by path parts, symlinked folders not entered, a link to
a file read, a link to nowhere kept (it becomes a reject), READMEs and dot-files skipped, the
same real file named twice read once, a missing source one reject."""

from __future__ import annotations

from pathlib import Path

from etl.ingest import discover


def _tree(root: Path) -> Path:
    for rel in ("a/b/x.md", "a-c/y.txt", ".hidden/z.json", "a/README.md", "a/MANIFEST.txt", "a/.dot.md",
                "a/k.HTML", "real/r.md", "a/notes.csv", "a/feed.ndjson"):
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")
    (root / "a" / "to-file.md").symlink_to(root / "real" / "r.md")
    (root / "a" / "dead.md").symlink_to(root / "nowhere.md")
    (root / "a" / "folder-link").symlink_to(root / "real", target_is_directory=True)
    (root / "a" / "b" / "loop").symlink_to(root / "a", target_is_directory=True)
    return root


def test_folder_walk_follows_the_rule(tmp_path):
    root = _tree(tmp_path / "in")
    files, rejects = discover([root])
    rel = [p.relative_to(root).as_posix() for p in files]
    # a/b/x.md sorts before a-c (by parts, not as a string: '/' > '-'); the link to r.md
    # is the same real file as real/r.md, so only the first one met is read.
    assert rel == [".hidden/z.json", "a/b/x.md", "a/dead.md", "a/feed.ndjson", "a/k.HTML", "a/to-file.md",
                   "a-c/y.txt"]
    assert rejects == []


def test_same_file_named_twice_is_read_once_and_missing_is_one_reject(tmp_path):
    root = _tree(tmp_path / "in")
    files, rejects = discover([root / "real" / "r.md", root, root / "a", tmp_path / "gone", tmp_path / "gone"])
    rel = [p.relative_to(root).as_posix() for p in files]
    assert rel[0] == "real/r.md" and "a/to-file.md" not in rel
    assert len(rel) == len(set(rel)) == 7
    assert [r.reason for r in rejects] == ["no such file or folder"]
