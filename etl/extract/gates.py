"""Cheap gates before an expensive search, read from a regular expression's parse tree.

- `required_literals(rx)`: groups of strings such that every match of the pattern
  contains at least one string of each group (case-folded). A caller can skip a search
  wherever a group is absent: no "назад" rules out "(три дня) назад" without running it.
  `TokenGates` tests many patterns' groups at once as bit masks over a text's chunks.
- `fast_gate(rx)`: a looser pattern without the leading lookbehinds, which `re` scans
  quickly; where it finds nothing, `rx` finds nothing.
- `first_char_checked(rx)`: the same pattern, searched by skipping ahead in C to the
  characters a match can start with (under IGNORECASE every case-equal one), so the
  alternatives are tried only there.

For word lists: `trie_pattern` turns a list into a regex that shares prefixes, so that
a thousand forms cost about as much as ten to match; `WordStart` finds such a regex only
where a word may start, at C speed; `scripts_of`/`forms_for` keep only the forms a
text's scripts can hold.

The wiring every extractor needs is one call: `skipping(pattern, flags)` compiles a
pattern for skip-ahead search, and `TokenGates.gated(pattern)` adds the mask of the
literals every match needs (and, asked for, the looser scan) as one `Gated` search.

Python's `re` cannot skip ahead quickly for a pattern that starts with a lookbehind or
a cased letter under IGNORECASE, so such a pattern costs a step at every position of
the text; the dates extractor runs sixty of them, and a substring test per window is
about a hundred times cheaper than the search it saves.

The analysis is conservative: where it cannot prove a literal necessary it claims
nothing (an empty result means "no gate"), so a gate never hides a match; and where
`re`'s internals (re._parser, re._compiler) are not as expected, there is no gate.

Why not a compiled multi-pattern engine (issue 16; measured on the distinct bench corpus, CPU
microseconds per document, python -> engine): Hyperscan as the token gates' literal scan, one
scan per text with positions, dates' windows 97 -> 155, sentences of targets 68 -> 95 and of
commitments 58 -> 37; one scan per window (SINGLEMATCH) 95 -> 104, 63 -> 50, 58 -> 23; the
Python callback per match costs what the scan saves. google-re2's Set per window: 99 -> 61,
70 -> 41, 59 -> 31, about 4% of extract_text in all. Hyperscan on the date patterns themselves
(HS_FLAG_PREFILTER, which patterns may match per window): dates 1202 -> 1205 (35 patterns)
and 1085 -> 1088 (55), no gain, for 1-6 s of compiling per process (all 66: over 100 s), and
its Unicode tables lack some 29,000 code points that `re` puts in \\w, \\d or \\s, so texts
holding one would need this path anyway. The gates stay pure Python; what costs now is the
date patterns' own searches in the windows the gates admit.

May import: the standard library.
"""

from __future__ import annotations

import _sre
import functools
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from re import _constants as C  # noqa: N812  (the parse tree's opcodes)
from re import _compiler, _parser

_MAX_STRINGS = 64  # a finite language larger than this is treated as unknown
_MAX_RANGE = 16  # a character range wider than this is treated as unknown
CACHE_SIZE = 50_000  # chunks remembered per cache: about 15 MiB at most
_MAX_GROUP = 160  # a gate of more strings than this costs more than it saves


def _fold(s: str) -> str:
    return s.casefold()


def _product(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    if a is None or b is None or len(a) * len(b) > _MAX_STRINGS:
        return None
    return {x + y for x in a for y in b}


def _rank(g: frozenset[str]) -> tuple[int, int]:
    """Sort key, most selective first: the longest shortest string, then the fewest strings."""
    return (-min(map(len, g)), len(g))


def _seq(items) -> tuple[set[str] | None, list[frozenset[str]]]:
    """(exact language or None, necessary groups) of a sequence of parse items."""
    exact: set[str] | None = {""}
    run: set[str] | None = {""}
    groups: list[frozenset[str]] = []
    for op, av in items:
        e, g = _item(op, av)
        groups.extend(g)
        exact = _product(exact, e)
        if e is None:
            if run is not None and run != {""}:
                groups.append(frozenset(run))
            run = {""}
        else:
            nxt = _product(run, e)
            if nxt is None:  # too many strings: keep what the run had, start afresh
                if run != {""}:
                    groups.append(frozenset(run))
                run = e
            else:
                run = nxt
    if run is not None and run != {""}:
        groups.append(frozenset(run))
    return exact, groups


def _item(op, av) -> tuple[set[str] | None, list[frozenset[str]]]:
    if op is C.LITERAL:
        return {_fold(chr(av))}, []
    if op is C.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is C.LITERAL:
                chars.add(_fold(chr(iav)))
            elif iop is C.RANGE and iav[1] - iav[0] < _MAX_RANGE:
                chars.update(_fold(chr(c)) for c in range(iav[0], iav[1] + 1))
            else:
                return None, []  # NEGATE, a category, a wide range
        return chars, []
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {""}, []  # zero width: adds nothing and does not break a run of literals
    if op is C.SUBPATTERN:
        return _seq(av[-1].data)
    if op is C.ATOMIC_GROUP:
        return _seq(av.data)
    if op is C.BRANCH:
        # Every alternative's k-th most selective group, united over the alternatives, is
        # needed for k = 1, 2: "national project|нацпроект" needs {national, нацпроект}
        # and {project, нацпроект}, which together say far more than either alone.
        exact: set[str] | None = set()
        ranked: list[list[frozenset[str]]] | None = []
        for alt in av[1]:
            e, g = _seq(alt.data)
            exact = None if exact is None or e is None else exact | e
            if exact is not None and len(exact) > _MAX_STRINGS:
                exact = None
            own = [x for x in g if x and min(map(len, x)) > 0]
            if e is not None and "" not in e and len(e) <= _MAX_STRINGS:
                own.append(frozenset(e))
            if not own:
                ranked = None
            elif ranked is not None:
                ranked.append(sorted(own, key=_rank))
        groups: list[frozenset[str]] = []
        if ranked:
            for k in range(2):
                groups.append(frozenset().union(*(r[min(k, len(r) - 1)] for r in ranked)))
        return exact, groups
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        e, g = _seq(sub.data)
        if lo == 0:
            if hi == 1 and e is not None:
                return e | {""}, []
            return None, []
        exact = None
        if e is not None and lo == hi and lo <= 3:
            exact = {""}
            for _ in range(lo):
                exact = _product(exact, e)
        groups = list(g)
        if e is not None and "" not in e:
            groups.append(frozenset(e))
        return exact, groups
    return None, []  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, GROUPREF_EXISTS


def required_literals(rx: re.Pattern[str], most: int = 2, shortest: int = 2) -> tuple[frozenset[str], ...]:
    """Up to `most` groups of case-folded strings, each group needed by every match:
    a match contains at least one string of every group. Groups whose shortest string
    is under `shortest` characters are dropped (too common to be worth testing)."""
    try:
        tree = _parser.parse(rx.pattern, rx.flags)
        _, groups = _seq(tree.data)
    except Exception:  # noqa: BLE001 - an internal of `re` changed: no gate, never a wrong one
        return ()
    return _kept(groups, most, shortest)


def _kept(groups: list[frozenset[str]], most: int, shortest: int) -> tuple[frozenset[str], ...]:
    """The `most` most selective groups, each cut to its minimal strings."""
    # "bar" present wherever "barqux" is: a group needs only its minimal strings
    groups = [frozenset(s for s in g if not any(t != s and t in s for t in g)) for g in groups]
    seen: set[frozenset[str]] = set()
    kept = []
    for g in sorted((g for g in groups if g), key=_rank):
        if not g or min(map(len, g)) < shortest or len(g) > _MAX_GROUP or g in seen:
            continue
        seen.add(g)
        kept.append(g)
        if len(kept) == most:
            break
    return tuple(kept)


class ChunkReadings:
    """What `read` finds in each white-space chunk ("2025,", "(March"), read once per
    distinct chunk and then cached: a chunk reads the same wherever it stands.

    At most CACHE_SIZE chunks are kept; when full the cache starts afresh rather than
    grow (a long run's vocabulary moves on). The chunks whose reading is not empty are
    also kept apart, so that set algebra in C passes over the rest, most of any text.
    """

    def __init__(self, read: Callable[[str], Any]) -> None:
        self._read = read
        self.known: dict[str, Any] = {}  # chunk -> its reading
        self.some: set[str] = set()  # the chunks in `known` whose reading is not empty

    def get(self, chunk: str) -> Any:
        """The reading of one chunk."""
        found = self.known.get(chunk)
        if found is None:
            found = self._read(chunk)
            if len(self.known) >= CACHE_SIZE:
                self.clear()
            self.known[chunk] = found
            if found:
                self.some.add(chunk)
        return found

    def of(self, chunks: set[str]) -> dict[str, Any]:
        """The chunks among `chunks` whose reading is not empty, with their readings."""
        known = self.known
        out = {c: known[c] for c in chunks & self.some}
        for chunk in chunks.difference(known):
            found = self.get(chunk)
            if found:
                out[chunk] = found
        return out

    def clear(self) -> None:
        self.known.clear()
        self.some.clear()


def holds(groups: tuple[frozenset[str], ...], folded: str) -> bool:
    """Whether `folded` (case-folded text) holds a string of every group."""
    return all(any(s in folded for s in g) for g in groups)


_RUN = re.compile(r"[^\W_]+")  # a run of letters and digits: a piece of one token


@dataclass(frozen=True, slots=True)
class Gated:
    """One pattern ready for gated search: `search` skips ahead to its first characters,
    `need` is the mask a window must cover (TokenGates), `loose` the looser scan where
    asked for (None where there is none)."""

    search: re.Pattern[str]
    need: int
    loose: re.Pattern[str] | None = None

    def admits(self, have: int) -> bool:
        """Whether a window whose tokens give mask `have` may hold a match."""
        return have & self.need == self.need


def skipping(pattern: str | re.Pattern[str], flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled (with `flags` if it is a string) for skip-ahead search."""
    rx = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
    return first_char_checked(rx)


class TokenGates:
    """`required_literals` of many patterns, tested per token instead of per string.

    Each required string is cut down to its longest run of letters and digits ("year to
    date" -> "year"): a match holding the string holds that run inside one of its tokens.
    Every distinct white-space chunk of a text is looked up once (then cached) for the groups whose
    runs its tokens contain, as a bit mask; a window's mask is the OR of its chunks', and a
    pattern may match there only if the window holds all of its groups' bits. That is an
    integer test per pattern, where a substring search per required string cost more
    than the searches it saved.
    """

    def __init__(self) -> None:
        self._bit: dict[frozenset[str], int] = {}
        self._pieces: dict[str, int] = {}  # run -> mask of the groups it satisfies
        self._longest = 0
        self._chunks = ChunkReadings(self._chunk_mask)  # chunk between white space -> its mask

    def need(self, groups: tuple[frozenset[str], ...]) -> int:
        """The mask a window must cover for a pattern with these groups (0: no gate)."""
        mask = 0
        for g in groups:
            runs = frozenset(max(_RUN.findall(x), key=len, default="") for x in g)
            if not runs or min(map(len, runs)) < 2:
                continue  # a run of one character says nothing
            bit = self._bit.setdefault(runs, 1 << len(self._bit))
            for r in runs:
                self._pieces[r] = self._pieces.get(r, 0) | bit
                self._longest = max(self._longest, len(r))
            mask |= bit
        self._chunks.clear()  # masks of chunks seen so far lack the new groups
        return mask

    def gated(self, pattern: str | re.Pattern[str], flags: int = 0, *, most: int = 2,
              loose: bool = False) -> Gated:
        """`pattern` as a `Gated` search: skip-ahead, the mask of its required literals
        (up to `most` groups) and, with `loose`, its looser scan (`fast_gate`)."""
        rx = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        return Gated(first_char_checked(rx), self.need(required_literals(rx, most=most)),
                     fast_gate(rx) if loose else None)

    def _chunk_mask(self, chunk: str) -> int:
        m = 0
        for tok in _RUN.findall(chunk):
            m |= self._token_mask(tok)
        return m

    def _token_mask(self, tok: str) -> int:
        t = tok.casefold()
        n, longest, pieces = len(t), self._longest, self._pieces
        mask = 0
        for i in range(n - 1):
            for j in range(i + 2, min(n, i + longest) + 1):
                m = pieces.get(t[i:j])
                if m:
                    mask |= m
        return mask

    def window_mask(self, text: str, start: int, end: int) -> int:
        """The groups the tokens of text[start:end] satisfy. Tokens never span white
        space, so the slice is cut there (str.split, in C) and each distinct chunk's mask
        is cached (ChunkReadings): a regex over every token cost more than the searches
        it saved. The masks are OR-ed straight from the cache, as ChunkReadings.of would
        give them: building that dict for every sentence cost a tenth of this."""
        cache = self._chunks
        chunks = set(text[start:end].split())
        mask = 0
        for m in map(cache.known.__getitem__, chunks & cache.some):
            mask |= m
        for chunk in chunks.difference(cache.known):
            mask |= cache.get(chunk)
        return mask


def _prefixable(op, av, cased) -> bool:
    """Whether `re` can skip ahead to this first item with a fast C scan (the rule of
    re._compiler._get_literal_prefix / _get_charset_prefix)."""
    if op is C.LITERAL:
        return not (cased and cased(av))
    if op is C.IN:
        for iop, iav in av:
            if iop is C.LITERAL:
                if cased and cased(iav):
                    return False
            elif iop is C.RANGE:
                if cased and any(map(cased, range(iav[0], iav[1] + 1))):
                    return False
            elif iop is not C.CATEGORY:
                return False  # NEGATE and the like: a scan for "anything but" skips nothing
        return True
    if op is C.BRANCH:
        return all(alt.data and alt.data[0][0] is C.LITERAL and not (cased and cased(alt.data[0][1]))
                   for alt in av[1])
    return False


def _walk(items):
    """Every (op, av) of a parse tree, nested ones included."""
    for op, av in items:
        yield op, av
        if op is C.SUBPATTERN:
            yield from _walk(av[-1].data)
        elif op is C.BRANCH:
            for alt in av[1]:
                yield from _walk(alt.data)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            yield from _walk(av[2].data)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from _walk(av[1].data)
        elif op is C.ATOMIC_GROUP:
            yield from _walk(av.data)


def _groups_in(items) -> set[int]:
    return {av[0] for op, av in _walk(items) if op is C.SUBPATTERN and av[0] is not None}


def _refs_in(items) -> set[int]:
    """Groups a backreference names; {-1} for a conditional, too clever to cut."""
    out: set[int] = set()
    for op, av in _walk(items):
        if op is C.GROUPREF:
            out.add(av)
        elif op is C.GROUPREF_EXISTS:
            return {-1}
    return out


def fast_gate(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """A looser pattern that `re` scans quickly, found wherever `rx` matches, or None.

    `(?<![\\d.,/])(?<!\\d-)(?P<y>\\d{4})-...` starts with lookbehinds, so `re` tries it at
    every position; dropping what leads up to the first item `re` can skip ahead to (here
    the lookbehinds, then unrolling `\\d{4}` to `\\d\\d{3}`) leaves a pattern that every
    match of `rx` contains a match of, and that a C scan finds or rules out in a fraction
    of the time. Only zero-width and optional leading items are dropped, so the gate
    still needs the pattern's first required piece.
    """
    try:
        return _fast_gate(rx)
    except Exception:  # noqa: BLE001 - an internal of `re` changed: no gate, never a wrong one
        return None


def _fast_gate(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    tree = _parser.parse(rx.pattern, rx.flags)
    refs = _refs_in(tree.data)
    if -1 in refs:
        return None
    cased = _compiler._get_iscased(rx.flags)
    items = list(tree.data)
    changed = False
    for _ in range(32):
        if not items:
            return None
        op, av = items[0]
        if _prefixable(op, av, cased):
            break
        changed = True
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            if _groups_in([items[0]]) & refs:
                return None
            items.pop(0)
        elif op is C.SUBPATTERN and not (_groups_in([items[0]]) & refs) and not av[1] and not av[2]:
            items[0:1] = list(av[-1].data)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            if _groups_in(sub.data) & refs:
                return None
            if lo == 0:
                items.pop(0)  # optional: a match may do without it
            elif len(sub.data) == 1 and not _groups_in(sub.data):
                rest = (op, (lo - 1, hi if hi == C.MAXREPEAT else hi - 1, sub))
                items[0:1] = [sub.data[0]] + ([rest] if rest[1][1] > 0 else [])
            else:
                return None
        else:
            return None
    else:
        return None
    if not changed:
        return None
    return _compiler.compile(_parser.SubPattern(tree.state, items), rx.flags)


def _first(items) -> tuple[list, bool] | None:
    """(class items a match of `items` can start with, whether `items` can match empty),
    or None where any character may start it."""
    out: list = []
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.LITERAL:
            return out + [(C.LITERAL, av)], False
        if op is C.IN:
            if any(iop not in (C.LITERAL, C.RANGE, C.CATEGORY) for iop, _ in av):
                return None  # a negated set: nearly anything
            return out + list(av), False
        if op is C.SUBPATTERN and (av[1] or av[2]):
            return None  # "(?i:...)": its case rule is not the look-ahead's
        if op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
            sub = _first((av[-1] if op is C.SUBPATTERN else av).data)
        elif op is C.BRANCH:
            sub_items: list = []
            empty = False
            for alt in av[1]:
                f = _first(alt.data)
                if f is None:
                    return None
                sub_items += f[0]
                empty = empty or f[1]
            sub = (sub_items, empty)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            f = _first(av[2].data)
            if f is None:
                return None
            sub = (f[0], f[1] or av[0] == 0)
        else:
            return None  # ANY, NOT_LITERAL, CATEGORY outside a set, backreferences
        if sub is None:
            return None
        out += sub[0]
        if not sub[1]:
            return out, False
    return out, True


def first_char_checked(rx: re.Pattern[str]) -> re.Pattern[str]:
    """`rx` searched by skipping ahead, in C, to the characters every match's first
    character is one of: the sixty month names' "jfmasond...".

    Where `re` cannot skip ahead (a leading lookbehind, a cased letter under
    IGNORECASE) it tries every alternative at every position. Here its search is told
    the first characters instead, in the form `re` itself uses for a pattern that starts
    with a set, and the pattern is then tried only where one stands; under IGNORECASE
    the set lists every character that `re` treats as equal to one of them, so the
    matches (and their groups) are the same. Where a match may be empty or start with
    anything, or `re` skips ahead already, `rx` is returned as it is; where that form
    cannot be built, a one-character look-ahead in front still turns most positions away.
    """
    try:
        tree = _parser.parse(rx.pattern, rx.flags)
        first = _first(tree.data)
        if first is None or first[1] or not first[0]:
            return rx
        code = _compiler._code(tree, rx.flags)
        if code[0] is not C.INFO or code[2] & (C.SRE_INFO_PREFIX | C.SRE_INFO_CHARSET):
            return rx  # re skips ahead already, or its info block is not the one expected
        chars = list(dict.fromkeys(first[0]))
        skipping = _skipping_to(tree, code, chars, rx.flags)
        if skipping is not None:
            return skipping
        look = (C.ASSERT, (1, _parser.SubPattern(tree.state, [(C.IN, chars)])))
        return _compiler.compile(_parser.SubPattern(tree.state, [look] + list(tree.data)), rx.flags)
    except Exception:  # noqa: BLE001 - an internal of `re` changed: search as written
        return rx


def _skipping_to(tree, code: list[int], chars: list, flags: int) -> re.Pattern[str] | None:
    """`tree`, compiled as `code`, with an info block naming `chars` as its possible first
    characters (what re._compiler._compile_info writes for a leading set), or None."""
    flags |= tree.state.flags
    written = flags
    if flags & C.SRE_FLAG_LOCALE or code[3] == 0:
        return None
    if flags & C.SRE_FLAG_IGNORECASE:
        chars = chars + [(C.LITERAL, ord(ch)) for ch in _case_equals(chars, flags)]
        flags &= ~C.SRE_FLAG_IGNORECASE
    charset, _ = _compiler._optimize_charset(chars)
    info = [C.INFO, 0, C.SRE_INFO_CHARSET, code[3], code[4]]
    _compiler._compile_charset(charset, flags, info)
    info[1] = len(info) - 1
    indexgroup = [None] * tree.state.groups
    for name, i in tree.state.groupdict.items():
        indexgroup[i] = name
    return _sre.compile(None, written, info + code[code[1] + 1:], tree.state.groups - 1,
                        tree.state.groupdict, tuple(indexgroup))


def _case_equals(chars: list, flags: int) -> list[str]:
    """The characters that the set `chars` accepts under these IGNORECASE flags but not as
    written: "K" and the Kelvin sign for "k", "ſ" for "s"."""
    def compiled(f: int) -> re.Pattern[str]:
        return _compiler.compile(_parser.SubPattern(_parser.State(), [(C.IN, chars)]), f)

    cased = _cased()
    folded = {m.group() for m in compiled(flags).finditer(cased)}
    return sorted(folded.difference(m.group() for m in compiled(flags & ~C.SRE_FLAG_IGNORECASE).finditer(cased)))


@functools.cache
def _cased() -> str:
    """Every character that `re` maps to another case, and every character it maps one
    to: under IGNORECASE only these can match otherwise than as written."""
    every = range(0x110000)
    out = set(itertools.compress(every, map(_sre.unicode_iscased, every)))  # in C: 1.1M code points
    for c in list(out):
        out.add(_sre.unicode_tolower(c))
        up = chr(c).upper()
        if len(up) == 1:
            out.add(ord(up))
    return "".join(map(chr, sorted(out)))


# --- word lists as fast patterns -------------------------------------------------


def trie_pattern(words: list[str], loose_spaces: bool = True, guard: bool = False) -> str:
    """A regex matching any of `words` exactly as given, longest first, sharing prefixes.

    With `loose_spaces`, a space inside a form matches any run of spaces, or none
    ("saudiriyal"); without it, a space matches only itself (gazetteer names that
    are looked up by the exact text matched). With `guard`, the pattern opens
    with a lookahead for the possible first characters: `re` tries the
    alternatives of a branch one by one, so a position where none can start
    is rejected far sooner by one character class.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            piece = r"\s*" if ch == " " and loose_spaces else re.escape(ch)
            alts.append(piece + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    if guard and words and not (loose_spaces and any(w[:1] == " " for w in words)):
        return "(?=[" + "".join(re.escape(c) for c in sorted({w[0] for w in words})) + "])" + build(trie)
    return build(trie)


# Letters that are letters under any definition: a character outside these may
# still be one (é, ж is inside), which the exact lookbehind then decides.
PLAIN_LETTERS = "A-Za-z\u0410-\u044f\u0401\u0451"


class WordStart:
    """`(?<!before)body`, matched the way `finditer` would, but fast.

    A pattern that opens with a lookbehind gets no skip-ahead from `re`: it
    costs an interpreter step at every position, and a category class such as
    `\\w` is slow to test even in the C skip loop. So the scan consumes the
    character before the match instead, from a class of plain ranges (`sure`
    lists characters that are surely in `before`, so the skip loop passes
    over them), and checks it exactly with the original lookbehind; the first
    position of the text, which has no character before it, is tried on its own.
    Matches are those of `(?<!before)body`, provided `body` never matches the
    empty string and no match can start right where another ends (true when
    `body` matches whole words: it starts with a character in `before` and
    ends with one or before one that is not). The match is group "word";
    named groups inside `body` keep their names.
    """

    def __init__(self, body: str, before: str, sure: str) -> None:
        self._at_start = re.compile(f"(?P<word>{body})")
        self._scan = re.compile(f"[^{sure}](?<!{before})(?P<word>{body})")
        self.pattern = re.compile(f"(?<!{before})(?:{body})")  # the reference meaning

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """Each match in text[pos:endpos], in order.

        Returns `re`'s own iterator where it can (not a generator around it:
        callers scan many short windows)."""
        if endpos is None:
            endpos = len(text)
        if pos > 0:
            # the character before pos may be the one the match follows
            return self._scan.finditer(text, pos - 1, endpos)
        m = self._at_start.match(text, 0, endpos)
        if m is None:
            return self._scan.finditer(text, 0, endpos)
        return itertools.chain((m,), self._scan.finditer(text, m.end(), endpos))


# A form whose letters a text lacks cannot match in it, and most forms are
# Russian inflections or in other scripts: so a matcher can be built (once, when
# first needed) from only the forms that can match, by which scripts the text
# has beyond ASCII. A smaller prefix tree is a faster one.
_CYRILLIC_CHAR = re.compile(r"[\u0400-\u04ff]")
_OTHER_CHAR = re.compile(r"[^\x00-\x7f\u0400-\u04ff]")


def scripts_of(text: str) -> tuple[bool, bool]:
    """Whether `text` has Cyrillic, and whether it has other non-ASCII characters."""
    if text.isascii():
        return False, False
    return _CYRILLIC_CHAR.search(text) is not None, _OTHER_CHAR.search(text) is not None


def forms_for(forms: list[str], scripts: tuple[bool, bool]) -> list[str]:
    """The forms that can occur in a text with these `scripts_of`."""
    cyrillic, other = scripts
    return [
        f for f in forms
        if f.isascii() or ((cyrillic or not _CYRILLIC_CHAR.search(f)) and (other or not _OTHER_CHAR.search(f)))
    ]
