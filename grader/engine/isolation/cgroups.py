"""A Linux control group per batch grading: limits the kernel enforces on the whole process tree.

The psutil watchdog of the runner samples four times a second, so on its own
it stops a fork bomb rather than prevents it, and a daemon that left the tree
and dropped its environment escapes it. In a control group ``fork()`` fails at
``pids.max``, the memory limit counts every process of the tree together, and
membership is inherited, so the group lists every process to kill. The limits
sit on the grading's group and the child runs in a subgroup of it (``run``):
a submission that mounts the hierarchy again in namespaces of its own sees
that subgroup as the root, and cannot reach the limits above it.

cgroup v1 (the ``pids`` and ``memory`` hierarchies, as root) and cgroup v2 are
used. In v2 a group that holds processes cannot hand controllers down to its
children, so when the grader is alone in its group (as under
``systemd-run --user --scope -p Delegate=yes``) it first moves itself into a
leaf of that group. Where none of this is allowed, grading goes on with the
watchdog, and the batch summary says which limit was missing and why.
"""
from __future__ import annotations

import atexit
import contextlib
import os
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from grader.core.results import Incident

PROC_CGROUP = Path("/proc/self/cgroup")
MOUNTINFO = Path("/proc/self/mountinfo")
PREFIX = "hamzaman-"
LEAF = PREFIX + "grader"  # where the grader moves itself in cgroup v2
RUN = "run"  # the child's subgroup, below the limits
STALE = re.compile(PREFIX + r"(\d+)-")  # a grading's group, named after the grader's pid
_lock = threading.Lock()
_pending: list[Path] = []  # groups whose killed processes the kernel had not released yet
_swept: set[Path] = set()  # folders already cleared of groups left by a killed grader


@dataclass(frozen=True)
class Kind:
    """One controller's files, in one cgroup version."""

    measure: str
    incident: Incident
    limit_file: str
    swap_file: str  # best effort: a memory limit that swap would get round
    events_file: str
    events_key: str
    peak_file: str  # confirms the limit reached was ours: an ancestor's also counts in our events
    current_file: str  # the same, on kernels without the peak file


PIDS = Kind("cgroup task limit", Incident.TASKS, "pids.max", "", "pids.events", "max", "pids.peak", "pids.current")
KINDS = {
    1: {"pids": PIDS,
        "memory": Kind("cgroup memory limit", Incident.MEMORY, "memory.limit_in_bytes", "memory.memsw.limit_in_bytes",
                       "memory.oom_control", "oom_kill", "memory.max_usage_in_bytes", "memory.usage_in_bytes")},
    2: {"pids": PIDS,
        "memory": Kind("cgroup memory limit", Incident.MEMORY, "memory.max", "memory.swap.max",
                       "memory.events", "oom_kill", "memory.peak", "memory.current")},
}


@dataclass(frozen=True)
class Control:
    folder: Path
    mounts: tuple[Path, ...]  # every mount of the hierarchy, all hidden from the submission
    kind: Kind
    limit: int


def _why(e: Exception) -> str:
    return getattr(e, "strerror", None) or str(e)


def _unescape(field: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), field)


def _mounts(mountinfo: Path) -> dict[str, list[tuple[Path, str]]]:
    """Controller ("pids", "memory", or "" for v2) -> every (mount point, mount root) of its hierarchy."""
    found: dict[str, list[tuple[Path, str]]] = {}
    for line in mountinfo.read_text().splitlines():
        fields, _, tail = line.partition(" - ")
        parts, kind = fields.split(), tail.split()
        if len(parts) < 5 or len(kind) < 3 or kind[0] not in ("cgroup", "cgroup2"):
            continue
        point, root = Path(_unescape(parts[4])), _unescape(parts[3])
        for controller in kind[2].split(",") if kind[0] == "cgroup" else [""]:
            found.setdefault(controller, []).append((point, root))
    return found


def _own_paths(proc_cgroup: Path) -> dict[str, str]:
    """Controller ("" for v2) -> the path of our own group in its hierarchy."""
    paths: dict[str, str] = {}
    for line in proc_cgroup.read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            paths[controller] = path
    return paths


def _own_folder(mounts: dict, paths: dict, controller: str) -> tuple[Path, Path] | None:
    """(mount point, folder of our own group) in a mount that shows our group."""
    own = paths.get(controller)
    for point, root in mounts.get(controller, []) if own is not None else []:
        root = root.rstrip("/")
        if own == root or own.startswith(root + "/"):
            return point, point / own[len(root):].lstrip("/")
    return None


def _delegate(own: Path) -> tuple[Path, set[str]]:
    """The v2 folder whose new groups get controllers, and which ones (raises OSError: why none)."""
    if own.name == LEAF:  # we moved ourselves here before
        return own.parent, set((own.parent / "cgroup.subtree_control").read_text().split())
    wanted = {"pids", "memory"} & set((own / "cgroup.controllers").read_text().split())
    if not wanted:
        raise OSError("cgroup v2 without the pids and memory controllers")
    enabled = set((own / "cgroup.subtree_control").read_text().split())
    if not wanted <= enabled:
        if set((own / "cgroup.procs").read_text().split()) != {str(os.getpid())}:
            raise OSError("the grader's cgroup v2 group holds other processes; run the batch under "
                          "systemd-run --user --scope -p Delegate=yes")
        (own / LEAF).mkdir(exist_ok=True)
        (own / LEAF / "cgroup.procs").write_text(str(os.getpid()))
        (own / "cgroup.subtree_control").write_text(" ".join(f"+{c}" for c in sorted(wanted - enabled)))
    return own, enabled | wanted


def _bases(proc_cgroup: Path, mountinfo: Path) -> tuple[dict[str, tuple[int, tuple[Path, ...], Path]], dict]:
    """Controller -> (cgroup version, mount points, folder to make groups in); and controller -> why not."""
    mounts, paths = _mounts(mountinfo), _own_paths(proc_cgroup)
    v2 = _own_folder(mounts, paths, "")
    bases, why = {}, {}
    for controller in ("pids", "memory"):
        if (v1 := _own_folder(mounts, paths, controller)) is not None:
            bases[controller] = (1, tuple(p for p, _ in mounts[controller]), v1[1])
        elif v2 is not None:
            try:
                base, enabled = _delegate(v2[1])
            except OSError as e:
                why[controller] = _why(e)
                continue
            if controller in enabled:
                bases[controller] = (2, tuple(p for p, _ in mounts[""]), base)
    return bases, why


def _sweep_stale(base: Path, version: int) -> None:
    """Kill and remove groups left by graders that were killed (atexit never ran for them).

    In v2 each batch may run in a scope of its own, so the sibling scopes are looked at too.
    """
    if base in _swept:
        return
    _swept.add(base)
    found = [*base.glob(PREFIX + "*"), *(base.parent.glob(f"*/{PREFIX}*") if version == 2 else [])]
    for folder in found:
        match = STALE.match(folder.name)
        if match and not psutil.pid_exists(int(match[1])):
            for pid in _members(folder):
                with contextlib.suppress(psutil.Error):
                    psutil.Process(pid).kill()
            _remove([folder], tries=25)


def _subtree(folder: Path) -> list[Path]:
    """The folder and every group below it (a submission may make its own), deepest first."""
    found = [Path(top) for top, _, _ in os.walk(folder)]
    return sorted(found, key=lambda p: len(p.parts), reverse=True)


def _members(folder: Path) -> set[int]:
    """Every process in the group and below it."""
    found: set[int] = set()
    for group in _subtree(folder):
        with contextlib.suppress(OSError, ValueError):
            found.update(int(p) for p in (group / "cgroup.procs").read_text().split())
    return found


class Cgroup:
    """The groups made for one child; ``held`` and ``missing`` say which limits the kernel will enforce."""

    def __init__(self, controls: list[Control], folders: list[Path], missing: list[str]):
        self.controls, self.folders, self.missing = controls, folders, missing

    @property
    def held(self) -> list[str]:
        return [c.kind.measure for c in self.controls]

    @property
    def mounts(self) -> list[Path]:
        return list(dict.fromkeys(m for c in self.controls for m in c.mounts))

    @classmethod
    def create(cls, token: str, tasks: int, memory: int, *, proc_cgroup: Path = PROC_CGROUP,
               mountinfo: Path = MOUNTINFO) -> Cgroup:
        _sweep()
        if not proc_cgroup.exists():
            return cls([], [], ["cgroup limits (this system has no control groups)"])
        with _lock:
            try:
                bases, why = _bases(proc_cgroup, mountinfo)
            except (OSError, ValueError) as e:
                return cls([], [], [f"cgroup limits ({_why(e)})"])
        name = f"{PREFIX}{os.getpid()}-{token}"
        controls, folders, missing = [], [], []
        for controller in ("pids", "memory"):
            if controller not in bases:
                reason = why.get(controller, "no such cgroup controller here")
                missing.append(f"{KINDS[2][controller].measure} ({reason})")
                continue
            version, points, base = bases[controller]
            kind, limit = KINDS[version][controller], tasks if controller == "pids" else memory
            folder = base / name
            try:
                _sweep_stale(base, version)
                if folder not in folders:
                    folder.mkdir()
                    (folder / RUN).mkdir()
                    folders.append(folder)
                (folder / kind.limit_file).write_text(str(limit))
            except OSError as e:
                missing.append(f"{kind.measure} ({_why(e)})")
                continue
            if kind.swap_file:
                with contextlib.suppress(OSError):
                    (folder / kind.swap_file).write_text(str(limit if version == 1 else 0))
            controls.append(Control(folder, points, kind, limit))
        return cls(controls, folders, missing)

    def __enter__(self) -> Cgroup:
        return self

    def __exit__(self, *exc) -> None:
        self.remove()

    def add(self, pid: int) -> None:
        """Move ``pid`` in, before it runs student code: its children are born inside."""
        why = {}
        for folder in self.folders:
            try:
                (folder / RUN / "cgroup.procs").write_text(str(pid))
            except OSError as e:
                why[folder] = _why(e)
        refused = [c for c in self.controls if pid not in _members(c.folder)]
        self.missing += [f"{c.kind.measure} (the grading could not be moved in: {why.get(c.folder, '?')})"
                         for c in refused]
        self.controls = [c for c in self.controls if c not in refused]

    @property
    def procs_files(self) -> list[Path]:
        """Where a process writes ``0`` to join the groups (the ``run`` subgroup below the limits)."""
        return [folder / RUN / "cgroup.procs" for folder in self.folders]

    def pids(self) -> set[int]:
        return set().union(*map(_members, self.folders))

    def exceeded(self) -> str | None:
        """The incident ("tasks" or "memory") of the first of our limits the kernel had to enforce.

        The event is counted in the group of the process that met the limit, so
        the whole subtree is read; then the usage is compared with our limit, as
        the same event counts when an ancestor's limit (a container's) was met.
        """
        for c in self.controls:
            if any(_count(group / c.kind.events_file, c.kind.events_key) for group in _subtree(c.folder)):
                usage = _count(c.folder / c.kind.peak_file) or _count(c.folder / c.kind.current_file)
                if usage >= 0.9 * c.limit:
                    return c.kind.incident
        return None

    def remove(self) -> None:
        """Remove the groups; one the kernel still holds is removed later (next grading, or at exit)."""
        _remove(self.folders)


def _count(path: Path, key: str = "") -> int:
    """The number in a one-number file, or on the line of ``key`` in a flat-keyed file; 0 if none."""
    with contextlib.suppress(OSError, ValueError):
        for line in path.read_text().splitlines():
            name, _, count = line.rpartition(" ")
            if name == key:
                return int(count)
    return 0


def _rmdir(folder: Path) -> bool:
    try:
        folder.rmdir()
    except FileNotFoundError:
        pass
    except OSError:
        return False
    return True


def _remove(folders: list[Path], tries: int = 5) -> None:
    for folder in folders:
        for _ in range(tries):
            if all([_rmdir(group) for group in _subtree(folder)]):  # a list: try every one
                break
            time.sleep(0.02)
        else:
            with _lock:
                _pending.append(folder)


def _sweep(tries: int = 1) -> None:
    with _lock:
        folders = list(_pending)
        _pending.clear()
    _remove(folders, tries)


atexit.register(_sweep, 100)
