"""``grade handout OUT``: the student kit, built from the instructor's repository.

The kit holds the exercises with their stubs, the README and pyproject, and the
grader with the public checks only; pristine copies of the stubs and given
files go to ``grader/stubs/<slug>/`` (for ``grade reset``). Solutions, mutants, the kit's
own tests and the suite files of instructor-only checks stay out. In the kit's
manifest every instructor-only check is replaced by two counts per exercise,
``hidden_checks`` and ``hidden_points``: a student's run scores the public
checks out of 100 and says how many more run at grading time.

``include_hidden=True`` copies every check instead, and the instructor's tools a student kit
leaves out (``grader/instructor/``): the grader a Gradescope bundle runs.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from grader.core import manifest
from grader.core.manifest import Exercise, tomllib
from grader.instructor.suite_files import MixedSuiteFile, is_hidden

TOP_FILES = ("pyproject.toml", ".gitignore")
INSTRUCTOR_ONLY = "instructor"  # grader/instructor/: batch, exports, kit building, verify
KIT_README = """# hamzaman (همزمان)

Set up, then see the exercises and the next one to do:

```bash
python3 -m venv .venv && .venv/bin/pip install -c grader/constraints.txt -e . && .venv/bin/grade list
```

Grade your work, every exercise:

```bash
.venv/bin/grade all
```

On Windows use `py -m venv .venv`, then `.venv\\Scripts\\pip install -c grader/constraints.txt -e .` and
`.venv\\Scripts\\grade list` (`grader/constraints.txt`: the versions your instructor's grader was proven with).

"""
JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", ".hamzaman", ".pytest_cache", ".ruff_cache", "*.egg-info")
MAINTAINERS_ONLY = "equivalent_mutants.toml"  # the mutation campaign's notes: lines of the reference solution
_BLOCK = re.compile(r"(?m)^(?=[ \t]*\[\[exercise(?:\.check)?\]\][ \t]*(?:#.*)?$)")


class KitError(ValueError):
    """The source cannot be turned into a kit (named file or setting in the message)."""


ERRORS = (KitError, MixedSuiteFile)  # what a build reports to the user, not as a crash


def source_root() -> Path:
    """The instructor's repository this grader was installed from (editable install)."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file() or not (root / "exercises").is_dir():
        raise KitError(f"{root} is not the instructor's repository (no pyproject.toml and exercises/ next to grader/)")
    return root


def _kit_manifest(text: str, exercises: tuple[Exercise, ...]) -> str:
    """The manifest's own text without its instructor-only check blocks, plus the counts."""
    by_id = {ex.id: ex for ex in exercises}
    kept = []
    for block in _BLOCK.split(text):
        header, _, body = block.lstrip().partition("\n")
        header = header.split("#")[0].strip()
        if header == "[[exercise.check]]" and tomllib.loads(body).get("hidden", False):
            continue
        if header == "[[exercise]]":
            hidden = [c for c in by_id[tomllib.loads(body)["id"]].checks if c.hidden]
            if hidden:
                counts = f"hidden_checks = {len(hidden)}\nhidden_points = {sum(c.points for c in hidden)}\n"
                block = block.rstrip("\n") + "\n" + counts + "\n"
        kept.append(block)
    return "".join(kept)


def _check_kit_manifest(path: Path, source: tuple[Exercise, ...]) -> None:
    """The rewritten manifest must say exactly what the source says, minus the hidden checks."""
    kit = {ex.id: ex for ex in manifest.load(path)}
    for ex in source:
        public = [c for c in ex.checks if not c.hidden]
        got = kit[ex.id]
        if list(got.checks) != public or got.hidden_checks != len(ex.checks) - len(public):
            raise KitError(f"rewriting the manifest went wrong for {ex.id}; is its layout unusual?")


def _copy_suites(src: Path, dst: Path, exercises: tuple[Exercise, ...], include_hidden: bool) -> None:
    slugs = {ex.slug: {c.id for c in ex.checks if c.hidden} for ex in exercises}
    for entry in src.iterdir():
        if entry.name in ("__pycache__",):
            continue
        if entry.is_file():
            shutil.copy2(entry, dst / entry.name)
            continue
        hidden = set() if include_hidden else slugs.get(entry.name, set())

        def ignore(folder: str, names: list[str], hidden=hidden) -> set[str]:
            dropped = set(JUNK(folder, names)) | ({MAINTAINERS_ONLY} & set(names))
            return dropped | {n for n in names if n.startswith("test_") and n.endswith(".py")
                              and hidden and is_hidden(Path(folder) / n, hidden)}

        shutil.copytree(entry, dst / entry.name, ignore=ignore)


def build(out: Path, source: Path | None = None, *, include_hidden: bool = False) -> tuple[Exercise, ...]:
    """Write the kit into ``out`` (which must not exist or be empty); return its exercises.

    The kit is built in a temporary folder next to ``out`` and moved there at the
    end, so a failure (a mixed suite file, say) never leaves half a kit behind.
    """
    source = source or source_root()
    exercises = manifest.load(source / "grader" / "exercises.toml")
    if any(ex.hidden_checks for ex in exercises):
        raise KitError(f"{source} is already a student kit: its manifest has no instructor-only checks left")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise KitError(f"{out} exists and is not an empty folder; name a new one")
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        _fill(work, source, exercises, include_hidden)
        if out.exists():
            out.rmdir()
        work.rename(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return exercises


def kit_readme(readme: str) -> str:
    """The student's README: the two commands, then the instructor README's sections for students
    (from `## For students` up to `## For instructors`), so that both always say the same."""
    start, end = readme.find("## For students"), readme.find("## For instructors")
    if start < 0 or end < start:
        raise KitError("README.md has no '## For students' section before '## For instructors' to hand out")
    return KIT_README + readme[start:end].rstrip() + "\n"


def _fill(out: Path, source: Path, exercises: tuple[Exercise, ...], include_hidden: bool) -> None:
    for name in TOP_FILES:
        if (source / name).is_file():
            shutil.copy2(source / name, out / name)
    (out / "README.md").write_text(kit_readme((source / "README.md").read_text(encoding="utf-8")), encoding="utf-8")
    for ex in exercises:
        shutil.copytree(source / "exercises" / ex.slug, out / "exercises" / ex.slug, ignore=JUNK)
        stubs = out / "grader" / "stubs" / ex.slug
        stubs.mkdir(parents=True)
        for name in ex.files + ex.given:  # `grade reset` restores given files too
            shutil.copy2(source / "exercises" / ex.slug / name, stubs / name)
    top = source / "grader"
    shutil.copytree(top, out / "grader", dirs_exist_ok=True,
                    ignore=lambda d, names: set(JUNK(d, names))
                    | ({"suites", "stubs"} | ({INSTRUCTOR_ONLY} if not include_hidden else set())
                       if Path(d) == top else set()))
    (out / "grader" / "suites").mkdir()
    _copy_suites(top / "suites", out / "grader" / "suites", exercises, include_hidden)
    if not include_hidden:
        kit_manifest = out / "grader" / "exercises.toml"
        text = (top / "exercises.toml").read_text(encoding="utf-8")
        kit_manifest.write_text(_kit_manifest(text, exercises), encoding="utf-8")
        _check_kit_manifest(kit_manifest, exercises)
