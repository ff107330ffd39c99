"""Stress the timing checks: grade solutions and mutants again and again on a machine kept busy.

Not run in CI (it takes long on purpose). While it grades, ``--hogs`` other
processes (default: one per usable CPU) spin without end, so every timing
check meets the load it must survive. For each exercise it prints how many
solution runs lost a point and how many mutant runs escaped the check meant
to catch them; the goal is 0 and 0.

    python tests/stress.py ex06 ex07 ex09 ex10 --runs 20
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from grader.checks.speedup import usable_cpus
from grader.manifest import find
from grader.results import FAILED
from grader.runner import grade
from grader.verify import grade_mutant, mutants
from grader.workspace import Submission, Workspace

HOG = "while True: pass"


def start_hogs(count: int) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(count)]


def stop_hogs(hogs: list[subprocess.Popen]) -> None:
    for hog in hogs:
        hog.kill()
    for hog in hogs:
        hog.wait()


def stress(ws: Workspace, name: str, runs: int) -> dict:
    ex = find(name)
    found = mutants(ws, ex)
    lost: Counter = Counter()  # check id -> solution runs that failed it
    escaped: Counter = Counter()  # mutant name -> runs in which its check did not fail
    solution_lost = 0
    for i in range(runs):
        result = grade(Submission.reference(ws, ex))
        if result.score < 100:
            solution_lost += 1
            for c in result.checks:
                if c.status != "passed":
                    lost[c.id] += 1
                    print(f"    solution {c.status} {c.id}: {c.message.en if c.message else ''}"[:600], flush=True)
        for mutant in found:
            failed = {c.id for c in grade_mutant(ws, mutant, [mutant.catches]).checks if c.status == FAILED}
            if mutant.catches not in failed:
                escaped[mutant.name] += 1
        print(f"  {ex.id} run {i + 1}/{runs}: solution {result.score}, lost so far {solution_lost}, "
              f"mutants escaped so far {sum(escaped.values())}", flush=True)
    return {"exercise": ex.id, "runs": runs, "mutants": len(found), "solution_lost": solution_lost,
            "mutant_escaped": sum(escaped.values()), "lost": lost, "escaped": escaped}


def table(rows: list[dict]) -> str:
    header = (f"{'exercise':9} {'runs':>5} {'mutants':>8} {'solution runs lost a point':>27} "
              f"{'mutant runs passed':>19}  details")
    lines = [header]
    for r in rows:
        details = ", ".join([*(f"solution failed {k} x{v}" for k, v in r["lost"].items()),
                             *(f"{k} escaped x{v}" for k, v in r["escaped"].items())])
        lines.append(f"{r['exercise']:9} {r['runs']:>5} {r['mutants']:>8} {r['solution_lost']:>27} "
                     f"{r['mutant_escaped']:>19}  {details}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exercises", nargs="+")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--hogs", type=int, default=usable_cpus(), help="busy processes kept running meanwhile")
    args = parser.parse_args(argv)
    ws = Workspace.locate(Path(__file__).resolve().parents[1])
    began = time.monotonic()
    hogs = start_hogs(args.hogs)
    try:
        rows = [stress(ws, name, args.runs) for name in args.exercises]
    finally:
        stop_hogs(hogs)
    print(f"\n{args.hogs} busy process(es), {time.monotonic() - began:.0f} s\n")
    print(table(rows))
    return 0 if all(r["solution_lost"] == 0 and r["mutant_escaped"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
