"""Mutants judged equivalent to the solution, kept beside each suite, and how a mutant is named.

``grader/suites/<slug>/equivalent_mutants.toml`` holds one ``[[equivalent]]`` table per
mutant that no test can tell apart from a correct solution::

    [[equivalent]]
    operator = "core/NumberReplacer"        # cosmic-ray's operator
    function = "take"                       # the definition holding the mutated code
    original = "if n < 0:"                  # the solution's line(s), stripped
    mutated = "if n < -1:"                  # the mutant's line(s), stripped
    reason = "n is an int: n < -1 and n < 0 differ only at n == -1, which ..."

The identity is the code itself, not cosmic-ray's occurrence index, so an entry stays
right when the solution changes elsewhere, and stops matching (reported as stale) when
the mutated line changes. Two mutants with the same identity are one mutant to a reader,
and an entry covers both. This module needs neither cosmic-ray nor the grader.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FILE_NAME = "equivalent_mutants.toml"
KEYS = ("operator", "function", "original", "mutated")


@dataclass(frozen=True)
class Identity:
    operator: str
    function: str
    original: str
    mutated: str


@dataclass(frozen=True)
class Entry:
    identity: Identity
    reason: str


def identity(operator: str, function: str | None, diff: str) -> Identity:
    """A mutant's name from its unified diff: the removed and the added lines, stripped."""
    removed, added = [], []
    for line in hunks(diff).splitlines():
        if line.startswith("-"):
            removed.append(line[1:].strip())
        elif line.startswith("+"):
            added.append(line[1:].strip())
    return Identity(operator, function or "", "\n".join(removed), "\n".join(added))


def hunks(diff: str) -> str:
    """The diff without its headers, which name a temporary copy: from the first ``@@`` on."""
    lines = diff.splitlines()
    first = next((i for i, line in enumerate(lines) if line.startswith("@@")), len(lines))
    return "\n".join(lines[first:])


def path_for(suite: Path) -> Path:
    return suite / FILE_NAME


def load(path: Path) -> list[Entry]:
    """The entries of one file (none if it does not exist); ValueError names a bad entry."""
    if not path.is_file():
        return []
    with path.open("rb") as f:
        data = tomllib.load(f)
    unknown = set(data) - {"equivalent"}
    if unknown:
        raise ValueError(f"{path}: unknown table(s) {sorted(unknown)}; entries are [[equivalent]]")
    fields = (*KEYS, "reason")
    entries = []
    for n, raw in enumerate(data.get("equivalent", []), 1):
        wrong = [k for k in fields if not isinstance(raw.get(k), str)] + sorted(set(raw) - set(fields))
        if wrong or not raw["reason"].strip():
            raise ValueError(f"{path}: entry {n} must have exactly the text fields {', '.join(fields)}, "
                             f"and a reason that is not empty (wrong: {', '.join(wrong) or 'reason'})")
        entries.append(Entry(Identity(*(raw[k].strip() for k in KEYS)), raw["reason"].strip()))
    return entries


def _toml_string(text: str) -> str:
    if "\n" in text:
        return '"""\n' + text.replace("\\", "\\\\").replace('"""', '\\"""') + '"""'
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def entry_text(ident: Identity, reason: str = "TODO: why no correct test can tell it apart") -> str:
    """A ready-to-paste entry for a survivor judged equivalent."""
    lines = ["[[equivalent]]"]
    lines += [f"{k} = {_toml_string(getattr(ident, k))}" for k in KEYS]
    lines.append(f"reason = {_toml_string(reason)}")
    return "\n".join(lines) + "\n"
