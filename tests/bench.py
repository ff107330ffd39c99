"""The speed benchmark of issue 13: how long a student waits, how fast a class goes, whether load flips verdicts.

Not a test and not run in CI: it measures this machine. Every figure is the median of ``--runs``
runs (3 by default):

1. ``grade all --solutions``: wall time per exercise (the grading's own duration) and in total;
2. ``grade batch`` with its default settings on a class of ``--class-size`` copies of the
   solutions: submissions (all exercises each) per minute;
3. the three-load comparison of ``tests/stress.py`` on the solutions (``--alternatives`` adds
   every alternative): verdicts that differ from the quiet run (flips) or from 100 (wrong).

    python tests/bench.py                 # about 30 minutes on 2 cores
    python tests/bench.py --runs 1 --no-flips
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_batch import KIT, make_class
from stress import LOADS, stress

from grader.core import manifest


def grade_all() -> tuple[float, dict[str, float]]:
    began = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "grader", "all", "--solutions", "--json"], cwd=KIT.root,
                         capture_output=True, text=True, encoding="utf-8", check=False)
    wall = time.perf_counter() - began
    results = json.loads(run.stdout)
    below = [r["exercise"] for r in results if r["score"] != 100]
    if below:
        print(f"  warning: below 100: {', '.join(below)}")
    return wall, {r["exercise"]: r["duration"] for r in results}


def batch_rate(size: int) -> float:
    """Submissions per minute of `grade batch CLASS` with the defaults, in a fresh gradebook."""
    with tempfile.TemporaryDirectory() as tmp:
        make_class(Path(tmp) / "class", size, manifest.exercises(), with_mutants=False)
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "grader", "batch", str(Path(tmp) / "class"), "--db",
                        str(Path(tmp) / "book.sqlite"), "--path", str(KIT.root)], cwd=tmp,
                       capture_output=True, check=True)
        return size / (time.perf_counter() - began) * 60


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--class-size", type=int, default=10)
    parser.add_argument("--no-flips", action="store_true", help="skip the three-load comparison")
    parser.add_argument("--alternatives", action="store_true", help="stress the alternatives too")
    args = parser.parse_args()
    walls, per_exercise, rates, flips, wrong = [], {}, [], [], []
    for run in range(args.runs):
        wall, durations = grade_all()
        walls.append(wall)
        for ex, took in durations.items():
            per_exercise.setdefault(ex, []).append(took)
        rates.append(batch_rate(args.class_size))
        print(f"run {run + 1}: grade all {wall:.1f} s, batch {rates[-1]:.2f} submissions/min", flush=True)
        if not args.no_flips:
            w, f = stress(KIT, [ex.id for ex in manifest.exercises()], 1, list(LOADS), False, args.alternatives)
            wrong.append(w)
            flips.append(f)
    print(f"\nmedians of {args.runs} run(s)")
    for ex, took in per_exercise.items():
        print(f"  {ex}  {statistics.median(took):6.1f} s")
    print(f"  grade all --solutions  {statistics.median(walls):.1f} s wall")
    print(f"  grade batch, {args.class_size} submissions  {statistics.median(rates):.2f} submissions/min")
    if flips:
        print(f"  three loads ({', '.join(LOADS)}): {sum(flips)} flip(s), {sum(wrong)} wrong verdict(s) "
              f"in {args.runs} run(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
