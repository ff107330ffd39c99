"""Find each student's exercise folders in a class's submissions folder.

One entry per student: a folder or a ``.zip``, laid out as the kit's
``exercises/`` folder or as its exercise folders directly, possibly nested in
a folder or two (as archives made by hand usually are). Whatever is odd about
an entry becomes a message for that student, never a stop of the batch.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from grader.core import manifest
from grader.core.manifest import Exercise, Text

MAX_DEPTH = 4
MAX_ZIP_FILES = 5000
MAX_ZIP_BYTES = 200 * 2**20
IGNORED = {"__MACOSX", "__pycache__", ".git", ".venv", "venv", "node_modules"}


@dataclass(frozen=True)
class Entry:
    name: str  # printable, unique within the batch
    path: Path


def printable(name: str) -> str:
    """A file name that may not be UTF-8 (surrogate-escaped by the OS), shown without crashing."""
    return os.fsencode(name).decode("utf-8", "replace")


def discover(root: Path) -> list[Entry]:
    entries = []
    for path in sorted(root.iterdir(), key=lambda p: os.fsencode(p.name)):
        if path.name.startswith(".") or path.name in IGNORED:
            continue
        name = printable(path.stem if path.suffix.lower() == ".zip" else path.name)
        entries.append(Entry(name, path))
    seen: dict[str, int] = {}
    unique = []
    for e in entries:  # two entries that print alike (a.zip and a/) stay apart
        seen[e.name] = seen.get(e.name, 0) + 1
        unique.append(e if seen[e.name] == 1 else Entry(f"{e.name} ({seen[e.name]})", e.path))
    return unique


class BadSubmission(Exception):
    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


def _zip_name(info: zipfile.ZipInfo) -> str:
    """Archivers that do not flag UTF-8 names still often write them: try that before cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _unzip(path: Path, into: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_FILES or sum(i.file_size for i in infos) > MAX_ZIP_BYTES:
                raise BadSubmission(Text(fa="فایل zip بیش از اندازه بزرگ است یا فایل‌های زیادی دارد.",
                                         en="The zip is too large or holds too many files."))
            for info in infos:
                parts = PurePosixPath(_zip_name(info).replace("\\", "/")).parts
                if info.is_dir() or not parts or parts[0] == "/" or ".." in parts:
                    continue
                if (info.external_attr >> 16) & 0o170000 == 0o120000:  # a symlink: never followed
                    continue
                target = into.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as e:
        raise BadSubmission(Text(fa=f"فایل zip خراب است و باز نشد ({e}).",
                                 en=f"The zip is corrupt and could not be opened ({e}).")) from None


def _is_exercise_dir(path: Path, slugs: set[str]) -> bool:
    return path.is_dir() and path.name in slugs


def find_root(top: Path) -> Path:
    """The shallowest folder holding at least one exercise folder (``exNN_slug``)."""
    slugs = {ex.slug for ex in manifest.exercises()}
    level = [top]
    for _ in range(MAX_DEPTH + 1):
        for folder in level:
            if any(_is_exercise_dir(child, slugs) for child in folder.iterdir()):
                return folder
        level = [child for folder in level for child in sorted(folder.iterdir())
                 if child.is_dir() and not child.is_symlink() and child.name not in IGNORED]
    raise BadSubmission(Text(
        fa="هیچ پوشهٔ تمرینی (مثل exercises/ex01_generators) در این ارسال پیدا نشد.",
        en="No exercise folder (such as exercises/ex01_generators) was found in this submission.",
    ))


def open_entry(entry: Entry, scratch: Path) -> Path:
    """The folder holding this student's exercise folders; a zip is unpacked into ``scratch``."""
    if entry.path.is_dir():
        return find_root(entry.path)
    if entry.path.suffix.lower() == ".zip":
        scratch.mkdir(parents=True, exist_ok=True)
        _unzip(entry.path, scratch)
        return find_root(scratch)
    raise BadSubmission(Text(fa="این ورودی نه پوشه است نه فایل zip.",
                             en="This entry is neither a folder nor a .zip file."))


def student_files(root: Path, ex: Exercise) -> dict[str, bytes] | None:
    """The student's own files for ``ex`` (never the given ones), or None if the folder is absent."""
    folder = root / ex.slug
    if not folder.is_dir():
        return None
    return {name: (folder / name).read_bytes() for name in ex.files
            if (folder / name).is_file() and not (folder / name).is_symlink()}


def content_hash(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


ABSENT = "absent"  # the content hash of an exercise a student did not hand in


def stub_hashes(exercises_dir: Path) -> dict[str, str]:
    """Exercise id -> the content hash of its untouched stub (in the kit's ``exercises/``): nobody's copy."""
    return {ex.id: content_hash({name: (exercises_dir / ex.slug / name).read_bytes() for name in ex.files})
            for ex in manifest.exercises()}
