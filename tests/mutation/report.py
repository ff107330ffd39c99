"""RESULTS.md, written from results.json: one row per exercise of the manifest, then the survivors."""
from __future__ import annotations

from pathlib import Path

COLUMNS = ("generated", "invalid", "skipped", "killed", "equivalent", "surviving", "unjudged")

HEAD = """\
# Mutation campaign

Written by `python -m tests.mutation [EXERCISE...]` (needs `pip install -e '.[mutation]'`)
from `tests/mutation/results.json`; do not edit by hand. Every mutant cosmic-ray makes of
`solutions/<slug>/` is graded by the exercise's suite through the real grader: quick checks
first, timing checks only if those pass (a timing check that fails is graded once more).

- *invalid*: no valid Python (cosmic-ray makes `def f(a, +, b)` of `def f(a, *, b)`), or a
  mutant cosmic-ray failed to make; not graded.
- *skipped*: the mutated code never runs when the grader imports the module (annotations
  under `from __future__ import annotations`, the demo under the main guard); not graded.
- *killed*: some check failed (a grading that times out fails its check).
- *equivalent*: it survived, and `grader/suites/<slug>/equivalent_mutants.toml` says, with a
  reason, that no correct test can tell it from the solution. After editing that file,
  `python -m tests.mutation --recount` updates this page without grading.
- *surviving*: a gap in the suite, listed below with its diff (goal: 0).
- *unjudged*: the grading gave no verdict (should be 0).

Why cosmic-ray rather than mutmut: cosmic-ray writes one mutant at a time into a copy of
the file and runs any command on it with a timeout, so each mutant is graded exactly as a
student's file is, by the grader in its own child processes. mutmut 3 puts every mutant
of a file behind trampolines that import mutmut and runs pytest in its own process, with
no custom runner, so the grader would see no student file. cosmic-ray has no operators for
calls, arguments or strings, so call-heavy code yields few mutants (`tests/mutants/` covers
those).
"""


def _duration(seconds: int) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}m {seconds:02d}s" if minutes else f"{seconds}s"


def summary(ex_id: str, row: dict) -> str:
    figures = ", ".join(f"{row[c]} {c}" for c in COLUMNS)
    return f"{ex_id}: {figures} in {_duration(row['seconds'])}"


def _table(results: dict, exercises) -> list[str]:
    lines = ["| exercise | " + " | ".join(COLUMNS) + " | run on | took |",
             "|---|" + "---:|" * len(COLUMNS) + "---|---:|"]
    for ex in exercises:
        row = results.get(ex.id)
        if row is None:
            lines.append(f"| {ex.id} {ex.slug} | " + " | ".join("–" for _ in COLUMNS) + " | not run yet | |")
        else:
            lines.append(f"| {ex.id} {ex.slug} | " + " | ".join(str(row[c]) for c in COLUMNS)
                         + f" | {row['date']}, {row['tool']} | {_duration(row['seconds'])} |")
    ran = [results[ex.id] for ex in exercises if ex.id in results]
    lines.append("| **all run** | " + " | ".join(str(sum(r[c] for r in ran)) for c in COLUMNS)
                 + f" | | {_duration(sum(r['seconds'] for r in ran))} |")
    return lines


def _mutants(title: str, mutants: list[dict], with_output: bool = False) -> list[str]:
    lines = []
    for m in mutants:
        lines += [f"{title} `{m['operator']}` in `{m['function'] or '<module>'}` of `{m['file']}`:", "",
                  "```diff", m["diff"], "```", ""]
        if with_output:
            lines += ["```", m["output"], "```", ""]
    return lines


def _entries(title: str, entries: list[dict]) -> list[str]:
    return [f"- {title}: `{e['operator']}` in `{e['function']}`: `{e['original']}` → `{e['mutated']}`"
            for e in entries]


def write(results: dict, exercises, path: Path) -> None:
    lines = HEAD.splitlines() + ["", *_table(results, exercises), ""]
    for ex in exercises:
        row = results.get(ex.id)
        if row is None:
            continue
        body = (_mutants("Survivor", row["survivors"]) + _mutants("Unjudged", row["unjudged_mutants"], True)
                + _entries("stale equivalent (names no mutant now)", row["stale_equivalents"])
                + _entries("listed as equivalent but killed", row["killed_equivalents"]))
        if body:
            lines += [f"## {ex.id} {ex.slug}", "", *body, ""]
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
