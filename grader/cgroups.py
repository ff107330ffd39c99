"""A Linux control group per batch grading: limits the kernel enforces on the whole process tree.

The psutil watchdog of the runner samples four times a second, so on its own
it stops a fork bomb rather than prevents it, and a daemon that left the tree
and dropped its environment escapes it. In a control group ``fork()`` fails at
``pids.max``, the memory limit counts every process of the tree together, and
membership is inherited, so the group lists every process to kill. Both cgroup
v2 (where our group may enable the controllers for its children) and the v1
``pids`` and ``memory`` hierarchies are used; where neither can be written
(not Linux, not permitted, not delegated), grading goes on with the watchdog.
"""
from __future__ import annotations

import atexit
import contextlib
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PROC_CGROUP = Path("/proc/self/cgroup")
MOUNTINFO = Path("/proc/self/mountinfo")
_lock = threading.Lock()
_pending: list[Path] = []  # groups whose killed processes the kernel had not released yet


@dataclass(frozen=True)
class Control:
    """One limit in one group folder, and the counter that tells it was reached."""

    folder: Path
    limit_file: str
    events_file: str
    events_key: str
    incident: str  # "tasks" or "memory"


def _mounts(mountinfo: Path) -> dict[str, tuple[Path, str]]:
    """Controller ("pids", "memory", or "" for v2) -> (mount point, mount root)."""
    found: dict[str, tuple[Path, str]] = {}
    for line in mountinfo.read_text().splitlines():
        fields, _, tail = line.partition(" - ")
        parts, kind = fields.split(), tail.split()
        if len(parts) < 5 or len(kind) < 3:
            continue
        if kind[0] == "cgroup2":
            found.setdefault("", (Path(parts[4]), parts[3]))
        elif kind[0] == "cgroup":
            for option in kind[2].split(","):
                found.setdefault(option, (Path(parts[4]), parts[3]))
    return found


def _own_paths(proc_cgroup: Path) -> dict[str, str]:
    """Controller ("" for v2) -> the path of our own group in its hierarchy."""
    paths: dict[str, str] = {}
    for line in proc_cgroup.read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            paths[controller] = path
    return paths


def _folder(mounts: dict, paths: dict, controller: str, name: str) -> Path | None:
    if controller not in mounts or controller not in paths:
        return None
    point, root = mounts[controller]
    own = paths[controller]
    if not (own + "/").startswith(root.rstrip("/") + "/"):
        return None
    return point / own[len(root.rstrip("/")):].lstrip("/") / name


def _plan(name: str, proc_cgroup: Path, mountinfo: Path) -> list[Control]:
    mounts, paths = _mounts(mountinfo), _own_paths(proc_cgroup)
    v2 = _folder(mounts, paths, "", name)
    enabled = set()
    if v2 is not None:
        with contextlib.suppress(OSError):
            enabled = set((v2.parent / "cgroup.subtree_control").read_text().split())
    plan = []
    for controller, v1_limit, v1_events, v2_limit, v2_events, key, incident in (
            ("pids", "pids.max", "pids.events", "pids.max", "pids.events", "max", "tasks"),
            ("memory", "memory.limit_in_bytes", "memory.oom_control", "memory.max", "memory.events",
             "oom_kill", "memory")):
        if controller in enabled:
            plan.append(Control(v2, v2_limit, v2_events, key, incident))
        elif (v1 := _folder(mounts, paths, controller, name)) is not None:
            plan.append(Control(v1, v1_limit, v1_events, key, incident))
    return plan


class Cgroup:
    """The groups made for one child; :meth:`create` returns None where none can be made."""

    def __init__(self, controls: list[Control], folders: list[Path]):
        self.controls, self.folders = controls, folders

    @classmethod
    def create(cls, name: str, tasks: int, memory: int, *, proc_cgroup: Path = PROC_CGROUP,
               mountinfo: Path = MOUNTINFO) -> Cgroup | None:
        _sweep()
        try:
            plan = _plan(name, proc_cgroup, mountinfo)
        except (OSError, ValueError):
            return None
        folders, made = [], []
        for control in plan:
            try:
                if control.folder not in folders:
                    control.folder.mkdir()
                    folders.append(control.folder)
                (control.folder / control.limit_file).write_text(
                    str(tasks if control.incident == "tasks" else memory))
                made.append(control)
            except OSError:
                continue
        if not made:
            _remove(folders)
            return None
        return cls(made, folders)

    def add(self, pid: int) -> None:
        """Move ``pid`` in, before it runs student code: its children are born inside."""
        for folder in self.folders:
            with contextlib.suppress(OSError):  # refused: that limit is the watchdog's alone
                (folder / "cgroup.procs").write_text(str(pid))

    def pids(self) -> set[int]:
        found: set[int] = set()
        for folder in self.folders:
            with contextlib.suppress(OSError, ValueError):
                found.update(int(p) for p in (folder / "cgroup.procs").read_text().split())
        return found

    def exceeded(self) -> str | None:
        """The incident ("tasks" or "memory") of the first limit the kernel had to enforce."""
        for control in self.controls:
            with contextlib.suppress(OSError, ValueError):
                for line in (control.folder / control.events_file).read_text().splitlines():
                    key, _, count = line.partition(" ")
                    if key == control.events_key and int(count) > 0:
                        return control.incident
        return None

    def remove(self) -> None:
        """Remove the groups; one the kernel still holds is removed later (next grading, or at exit)."""
        _remove(self.folders)


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
            if _rmdir(folder):
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
