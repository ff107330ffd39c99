"""Benchmark of `grade batch`: N synthetic submissions, half correct, half with mutants.

Run:  python tests/bench_batch.py --n 50 [-j 2] [--exercise ex01 --exercise ex08]

Prints submissions per minute and the grader's overhead: the wall time of the
gradings beyond what the hidden suites' checks themselves took.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import click

from grader.core import manifest
from grader.core.workspace import Workspace
from grader.instructor.batch import Batch
from grader.instructor.gradebook import Gradebook
from grader.instructor.verify import mutants

KIT = Workspace(Path(__file__).resolve().parents[1])


def make_class(root: Path, n: int, exercises, with_mutants: bool = True) -> None:
    """Student i hands in the solution (even i, or every i without mutants) or a mutant, for every exercise."""
    for i in range(n):
        for ex in exercises:
            folder = root / f"student{i:03d}" / "exercises" / ex.slug
            folder.mkdir(parents=True)
            options = mutants(KIT, ex)
            solution = i % 2 == 0 or not with_mutants
            source = KIT.solution_dir(ex) / ex.files[0] if solution else options[i // 2 % len(options)].path
            shutil.copy(source, folder / ex.files[0])


@click.command()
@click.option("--n", default=50, show_default=True)
@click.option("-j", "--jobs", default=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
              else os.cpu_count(), show_default=True)
@click.option("--exercise", "names", multiple=True, help="Default: every exercise.")
def main(n, jobs, names):
    exercises = tuple(manifest.find(x) for x in names) or manifest.exercises()
    with tempfile.TemporaryDirectory() as tmp:
        make_class(Path(tmp) / "class", n, exercises)
        book = Gradebook(Path(tmp) / "book.sqlite")
        run = Batch(KIT, Path(tmp) / "class", book, jobs=jobs, exercises=exercises)
        walls, checks = [], []
        began = time.perf_counter()
        plan = run.plan()
        run.run(plan, lambda job, r: (walls.append(r.duration), checks.append(sum(c.duration for c in r.checks))))
        elapsed = time.perf_counter() - began
        run.close()
        book.close()
    overhead = (sum(walls) - sum(checks)) / sum(walls)
    click.echo(f"{n} submissions × {len(exercises)} exercises, -j {jobs}: {elapsed:.1f} s, "
               f"{n / elapsed * 60:.1f} submissions/min, {len(walls)} gradings")
    click.echo(f"suites' own check time {sum(checks):.1f} s of {sum(walls):.1f} s grading wall time: "
               f"grader overhead {overhead:.0%} (process start, imports, sandbox, staging)")


if __name__ == "__main__":
    main()
