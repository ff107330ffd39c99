"""Hardening for batch grading: what one submission's child process may see and use.

The parent side (:class:`Sandbox`) builds a scrubbed environment and a spec;
the child side (:func:`enter`) applies the spec before any student code is
imported. Every measure is used where the OS offers it and skipped where it
does not, and the child says which ones held:

- everywhere: a scrubbed environment, a private working folder;
- POSIX: limits on address space and core dumps (``resource``; the file size
  limit applies to every grading, see ``grader.engine.child``);
- Linux with bubblewrap (:mod:`grader.engine.isolation.bwrap`): the child starts inside it, with
  the whole file system read-only but for its own folders, the hidden folders
  empty, a PID namespace of its own (the grader cannot be signalled), no network
  and no capabilities; the child checks each of these before it reports it held;
- Linux without it: a network namespace with only a loopback interface (no network),
  and a mount namespace in which the instructor's solutions, tests, hidden
  suites, the other submissions, the gradebook and the control groups
  (``grader.engine.isolation.cgroups``) are covered by empty tmpfs mounts. The mounts are
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

from grader.engine.isolation import bwrap

SANDBOX_VAR = "HAMZAMAN_SANDBOX"
CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET = 0x00020000, 0x10000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 4096, 16384, 1 << 18
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
NO_NETWORK, HIDDEN = "no network", "hidden folders"
READ_ONLY, OUT_OF_REACH = "read-only kit and grader", "grader out of the submission's reach"
UNPRIVILEGED = "unprivileged user"
GRADER_DIR = Path(__file__).resolve().parents[2]
KEEP_ENV = ("PATH", "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "LANG", "LC_ALL",
            "PYENV_ROOT", "VIRTUAL_ENV")


@dataclass
class Sandbox:
    """One batch's policy; ``keep`` is set per grading (the folders that grading needs)."""

    hide: list[Path]
    tmp_root: Path
    protect: list[Path] = field(default_factory=list)  # must stay unwritable: the kit, the results
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
                "protect": [str(p) for p in self.protect], "memory": self.memory,
                "wrapped": program is not None, "why_not_wrapped": why, "drop": _dropping(),
                "namespaces": _namespace_ids(), "uid": os.geteuid() if hasattr(os, "geteuid") else None}

    def hand_over(self) -> None:
        """Without bubblewrap, root's child becomes ``nobody``: give it the folders it must write."""
        if not _dropping()[0]:
            return
        for top in self.keep:
            for folder, dirs, files in os.walk(top):
                for name in (folder, *(os.path.join(folder, n) for n in dirs + files)):
                    os.chown(name, bwrap.NOBODY, bwrap.NOBODY, follow_symlinks=False)

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


def _dropping() -> tuple[bool, str]:
    """Whether root's child, not under bubblewrap, can run as ``nobody``: only if Python is readable then."""
    if bwrap.available()[0] is not None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False, ""
    for path in map(Path, dict.fromkeys((sys.base_prefix, sys.prefix, GRADER_DIR))):
        for folder in (path, *path.parents):
            if not folder.stat().st_mode & 0o001:
                return False, f"{folder} is closed to other users, so Python would not run as nobody"
    return True, ""


def _namespace_ids() -> dict[str, str]:
    """The grader's own namespaces, for the child to compare with its own."""
    ids = {}
    for kind in ("pid", "net"):
        try:
            ids[kind] = os.readlink(f"/proc/self/ns/{kind}")
        except OSError:
            pass
    return ids


def _hidden(spec: dict) -> tuple[list[str], list[str]]:
    """Checked from inside: every hidden folder (but those holding a kept one) looks empty."""
    visible = [p for p in spec["hide"] if os.path.isdir(p) and os.listdir(p) and not any(
        p == k or k.startswith(p.rstrip("/") + "/") for k in spec["keep"])]
    return ([], [f"{HIDDEN} (still visible: {visible[0]})"]) if visible else ([HIDDEN], [])


def _wrapped(spec: dict) -> tuple[list[str], list[str]]:
    """What bubblewrap gave this child, each measure checked from inside before it is claimed."""
    theirs, mine = spec.get("namespaces", {}).get("net"), _namespace_ids().get("net")
    network = ([NO_NETWORK], []) if theirs and mine and theirs != mine else (
        [], [f"{NO_NETWORK} (the child shares the grader's network namespace)"])
    held, missing = [], []
    for h, m in (network, _hidden(spec), _reach(spec)):
        held += h
        missing += m
    if spec.get("uid") == 0:
        held.append(UNPRIVILEGED)  # bwrap ran it as nobody with no capability, see grader.engine.isolation.bwrap
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


def _namespaces(spec: dict, dropping: bool) -> list[str]:
    """``dropping``: root will become ``nobody`` next, which can unmount nothing; otherwise the
    mounts are locked by entering a user namespace of its own."""
    libc = _libc()
    uid, gid = os.geteuid(), os.getegid()
    if uid != 0:  # an unprivileged user first becomes root of a namespace of its own
        _check(libc.unshare(CLONE_NEWUSER), "unshare user")
        _map_self(uid, gid)
    _check(libc.unshare(CLONE_NEWNS | CLONE_NEWNET), "unshare mount+net")
    _check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make mounts private")
    _hide(libc, spec["hide"], spec["keep"])
    _loopback_up()
    if not dropping:
        _check(libc.unshare(CLONE_NEWUSER | CLONE_NEWNS), "lock mounts")
        _map_self(uid, gid)
    return [NO_NETWORK, HIDDEN]


def _drop_privileges() -> None:
    """Root's child gives up root before student code runs (Gradescope's own advice)."""
    os.setgroups([])
    os.setgid(bwrap.NOBODY)
    os.setuid(bwrap.NOBODY)


def _reach(spec: dict) -> tuple[list[str], list[str]]:
    """Checked from inside: can this process write the kit or the grader, or signal the grader?"""
    held, missing = [], []
    writable = [p for p in (*spec.get("protect", []), str(GRADER_DIR), str(GRADER_DIR / "engine" / "plugin.py"))
                if os.access(p, os.W_OK)]
    if writable:
        missing.append(f"{READ_ONLY} (writable from the child: {writable[0]})")
    else:
        held.append(READ_ONLY)
    theirs, mine = spec.get("namespaces", {}).get("pid"), _namespace_ids().get("pid")
    try:
        reachable = not (theirs and mine and theirs != mine) and os.kill(os.getppid(), 0) is None
    except PermissionError:
        reachable = False
    except OSError:
        reachable = True
    if reachable:
        missing.append(f"{OUT_OF_REACH} (the child can signal it: needs bubblewrap, or a grader run as root)")
    else:
        held.append(OUT_OF_REACH)
    return held, missing


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
        dropping, why_not = spec.get("drop", (False, ""))
        try:
            held += _namespaces(spec, dropping)
        except OSError as e:
            missing.append(f"{NO_NETWORK}, {HIDDEN} (namespaces: {e}; {spec.get('why_not_wrapped')})")
        if dropping:
            _drop_privileges()
            held.append(UNPRIVILEGED)
        elif spec.get("uid") == 0:
            missing.append(f"{UNPRIVILEGED} ({why_not})")
        found = _reach(spec)
        held += found[0]
        missing += found[1]
    if os.name == "posix":
        held += _rlimits(spec)
    else:
        missing.append("resource limits (POSIX-only)")
    return held, missing
