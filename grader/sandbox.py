"""Hardening for batch grading: what one submission's child process may see and use.

The parent side (:class:`Sandbox`) builds a scrubbed environment and a spec;
the child side (:func:`enter`) applies the spec before any student code is
imported. Every measure is used where the OS offers it and skipped where it
does not, and the child says which ones held:

- everywhere: a scrubbed environment, a private working folder;
- POSIX: limits on address space and core dumps (``resource``; the file size
  limit applies to every grading, see ``grader.child``);
- Linux with bubblewrap (:mod:`grader.bwrap`): the child starts inside it, with
  the whole file system read-only but for its own folders, the hidden folders
  empty, a PID namespace of its own (the grader cannot be signalled), no network
  and no capabilities; the child checks each of these before it reports it held;
- Linux without it: a network namespace with only a loopback interface (no network),
  and a mount namespace in which the instructor's solutions, tests, hidden
  suites, the other submissions, the gradebook and the control groups
  (``grader.cgroups``) are covered by empty tmpfs mounts. The mounts are
  made from a privileged namespace and then locked by entering a new user
  namespace, so the submission cannot unmount them. The kit stays writable
  and the grader signalable then, and the summary says so.
"""
from __future__ import annotations

import ctypes
import json
import os
import socket
import struct
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import bwrap

SANDBOX_VAR = "HAMZAMAN_SANDBOX"
CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET = 0x00020000, 0x10000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 4096, 16384, 1 << 18
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
NO_NETWORK, HIDDEN = "no network", "hidden folders"
READ_ONLY, OUT_OF_REACH = "read-only kit and grader", "grader out of reach (own PID namespace)"
UNPRIVILEGED = "unprivileged user"
GRADER_DIR = Path(__file__).resolve().parent
KEEP_ENV = ("PATH", "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "LANG", "LC_ALL",
            "PYENV_ROOT", "VIRTUAL_ENV")


@dataclass
class Sandbox:
    """One batch's policy; ``keep`` is set per grading (the folders that grading needs)."""

    hide: list[Path]
    tmp_root: Path
    memory: int = 4 * 2**30
    keep: list[Path] = field(default_factory=list)

    def environment(self, tmp: str) -> dict[str, str]:
        env = {k: os.environ[k] for k in KEEP_ENV if k in os.environ}
        env.update(HOME=tmp, TMPDIR=tmp, TEMP=tmp, TMP=tmp, PYTHONNOUSERSITE="1")
        env.setdefault("LANG", "C.UTF-8")
        return env

    def for_child(self, tmp: Path, hide: list[Path]) -> Sandbox:
        """This policy for one child process: its private folder kept, ``hide`` hidden too."""
        return replace(self, keep=[*self.keep, tmp], hide=[*self.hide, *hide])

    def child_spec(self) -> dict:
        program, why = bwrap.available()
        return {"hide": [str(p) for p in self.hide], "keep": [str(p) for p in self.keep],
                "memory": self.memory, "wrapped": program is not None, "why_not_wrapped": why,
                "namespaces": _namespace_ids(), "uid": os.geteuid() if hasattr(os, "geteuid") else None}

    def wrap(self, argv: list[str], cwd: Path, cgroup_procs: list[Path]) -> list[str]:
        """``argv`` under bubblewrap where it works; joining the control groups first, so all it forks is inside."""
        program, _ = bwrap.available()
        if program is None:
            return argv
        join = []
        if cgroup_procs:
            join = ["/bin/sh", "-c", 'while [ "$1" != -- ]; do echo 0 2>/dev/null > "$1"; shift; done; shift; '
                    'exec "$@"', "sh", *map(str, cgroup_procs), "--"]
        return [*join, program, *bwrap.arguments(self.hide, self.keep, cwd), *argv]


def _namespace_ids() -> dict[str, str]:
    """The grader's own namespaces, for the child to compare with its own."""
    ids = {}
    for kind in ("pid", "net"):
        try:
            ids[kind] = os.readlink(f"/proc/self/ns/{kind}")
        except OSError:
            pass
    return ids


def _wrapped(spec: dict) -> tuple[list[str], list[str]]:
    """What bubblewrap gave this child, each measure checked from inside before it is claimed."""
    held, missing = [], []
    mine = _namespace_ids()
    theirs = spec.get("namespaces", {})
    for kind, measure in (("net", NO_NETWORK), ("pid", OUT_OF_REACH)):
        if kind in theirs and mine.get(kind) not in (None, theirs[kind]):
            held.append(measure)
        else:
            missing.append(f"{measure} (the child shares the grader's {kind} namespace)")
    if os.statvfs(GRADER_DIR).f_flag & os.ST_RDONLY:
        held.append(READ_ONLY)
    else:
        missing.append(f"{READ_ONLY} (the grader's folder is writable from the child)")
    hidden = [p for p in spec["hide"] if os.path.isdir(p) and not any(
        p == k or k.startswith(p.rstrip("/") + "/") for k in spec["keep"]) and os.listdir(p)]
    if hidden:
        missing.append(f"{HIDDEN} (still visible: {hidden[0]})")
    else:
        held.append(HIDDEN)
    if spec.get("uid") == 0 and os.geteuid() == 0:
        missing.append(f"{UNPRIVILEGED} (runs as root)")
    elif spec.get("uid") == 0:
        held.append(UNPRIVILEGED)
    return held, missing


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mount.argtypes = [ctypes.c_char_p] * 3 + [ctypes.c_ulong, ctypes.c_char_p]
    return libc


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _map_self(uid: int, gid: int) -> None:
    """Map our own ids in a fresh user namespace, so files keep their usual owner."""
    with open("/proc/self/setgroups", "w") as f:
        f.write("deny")
    with open("/proc/self/uid_map", "w") as f:
        f.write(f"{uid} {uid} 1")
    with open("/proc/self/gid_map", "w") as f:
        f.write(f"{gid} {gid} 1")


def _loopback_up() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        import fcntl
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(s.fileno(), SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(s.fileno(), SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | IFF_UP))


def _hide(libc, hide: list[str], keep: list[str]) -> None:
    """Cover each hidden folder with an empty tmpfs, then bring back the kept folders inside it."""
    handles = {k: os.open(k, os.O_RDONLY | os.O_DIRECTORY) for k in keep}
    for path in hide:
        if os.path.isdir(path):
            _check(libc.mount(b"none", path.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, b"mode=755,size=1m"),
                   f"tmpfs over {path}")
    for k, fd in handles.items():
        if any(k == h or k.startswith(h.rstrip("/") + "/") for h in hide):
            os.makedirs(k, exist_ok=True)
            _check(libc.mount(f"/proc/self/fd/{fd}".encode(), k.encode(), None, MS_BIND, None),
                   f"bind {k}")
        os.close(fd)


def _namespaces(spec: dict) -> list[str]:
    libc = _libc()
    uid, gid = os.geteuid(), os.getegid()
    if uid != 0:  # an unprivileged user first becomes root of a namespace of its own
        _check(libc.unshare(CLONE_NEWUSER), "unshare user")
        _map_self(uid, gid)
    _check(libc.unshare(CLONE_NEWNS | CLONE_NEWNET), "unshare mount+net")
    _check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make mounts private")
    _hide(libc, spec["hide"], spec["keep"])
    _loopback_up()
    _check(libc.unshare(CLONE_NEWUSER | CLONE_NEWNS), "lock mounts")
    _map_self(uid, gid)
    return [NO_NETWORK, HIDDEN]


def _rlimits(spec: dict) -> list[str]:
    import resource
    applied = []
    for name, value in (("RLIMIT_AS", spec["memory"]), ("RLIMIT_CORE", 0)):
        limit = getattr(resource, name, None)
        if limit is not None:
            resource.setrlimit(limit, (value, value))
            applied.append(name)
    return applied


def enter() -> tuple[list[str], list[str]]:
    """Apply the spec the parent left in the environment; return the measures that held and those that did not."""
    raw = os.environ.pop(SANDBOX_VAR, None)
    if raw is None:
        return [], []
    spec = json.loads(raw)
    held, missing = ["scrubbed environment"], []
    if not sys.platform.startswith("linux"):
        missing.append(f"{NO_NETWORK}, {HIDDEN}, {READ_ONLY}, {OUT_OF_REACH} (namespaces are Linux-only)")
    elif spec.get("wrapped"):
        found = _wrapped(spec)
        held += found[0]
        missing += found[1]
    else:
        try:
            held += _namespaces(spec)
        except OSError as e:
            missing.append(f"{NO_NETWORK}, {HIDDEN} (namespaces: {e})")
        missing.append(f"{READ_ONLY}, {OUT_OF_REACH} ({spec.get('why_not_wrapped') or 'no bubblewrap'})")
    if os.name == "posix":
        held += _rlimits(spec)
    else:
        missing.append("resource limits (POSIX-only)")
    return held, missing
