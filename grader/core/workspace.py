"""Where a student's (or the reference) files for an exercise are found."""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from grader.core import messages
from grader.core.manifest import Exercise, Text

STATE_DIR = ".hamzaman"


class NoWorkspace(FileNotFoundError):
    pass


@dataclass(frozen=True)
class Workspace:
    root: Path

    @classmethod
    def locate(cls, path: Path | None = None) -> Workspace:
        """The given folder, or the nearest one above the current folder holding ``exercises/``."""
        if path is not None:
            path = path.expanduser().resolve()
            if not (path / "exercises").is_dir():
                raise NoWorkspace(path)
            return cls(path)
        here = Path.cwd().resolve()
        for folder in (here, *here.parents):
            if (folder / "exercises").is_dir():
                return cls(folder)
        raise NoWorkspace(here)

    def exercise_dir(self, ex: Exercise) -> Path:
        return self.root / "exercises" / ex.slug

    def solution_dir(self, ex: Exercise) -> Path:
        return self.root / "solutions" / ex.slug

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def relative(self, path: Path) -> str:
        """``path`` from the workspace root, with forward slashes: a location editors and terminals open."""
        return path.relative_to(self.root).as_posix()


@dataclass(frozen=True)
class Submission:
    """Folders searched in order for the exercise's files: the first holding a file wins."""

    exercise: Exercise
    dirs: tuple[Path, ...]
    suite_copy: Path | None = None  # a staged copy of the hidden suite (batch grading hides the original)

    @property
    def suite(self) -> Path:
        return self.suite_copy or self.exercise.suite

    @classmethod
    def student(cls, ws: Workspace, ex: Exercise) -> Submission:
        return cls(ex, (ws.exercise_dir(ex),))

    @classmethod
    def reference(cls, ws: Workspace, ex: Exercise) -> Submission:
        return cls(ex, (ws.solution_dir(ex), ws.exercise_dir(ex)))

    def find(self, name: str) -> Path | None:
        for d in self.dirs:
            if (d / name).is_file():
                return d / name
        return None

    def problem(self) -> Text | None:
        """A missing file or a syntax error, found without running any student code."""
        for name in self.exercise.files + self.exercise.given:
            path = self.find(name)
            if path is None:
                return messages.missing_file(name, str(self.dirs[0]))
            try:
                source = path.read_bytes()
                with warnings.catch_warnings():  # a SyntaxWarning is the child's to show, under its check
                    warnings.simplefilter("ignore")
                    compile(source, str(path), "exec", dont_inherit=True)
            except SyntaxError as e:
                return messages.syntax_error(name, e.lineno, e.text or "", e.msg)
            except ValueError as e:  # null bytes
                return messages.syntax_error(name, None, "", str(e))
        return None
