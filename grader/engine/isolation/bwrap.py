"""Run a batch grading's child under bubblewrap, where it is installed and the kernel lets it work.

bubblewrap (Flatpak's sandbox, Debian package ``bubblewrap``) gives the child a
read-only view of the whole file system with only its own folders writable, the
hidden folders covered by empty mounts, a PID namespace of its own (the grader
is neither its parent nor visible, so it cannot be signalled), no network, no
capabilities, a new session and an unprivileged user id when the grader is root.
That is what student code must not get past, done by a tool built for it
instead of by hand. Where it is missing, :mod:`grader.engine.isolation.sandbox` does what it can
alone and says what is then missing.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

NOBODY = 65534
PROBE_TIMEOUT = 10.0


def _user() -> list[str]:
    """Root's child becomes ``nobody`` in a user namespace of its own: it holds no capability over the host."""
    uid = NOBODY if os.geteuid() == 0 else os.geteuid()
    gid = NOBODY if os.geteuid() == 0 else os.getegid()
    return ["--unshare-user", "--uid", str(uid), "--gid", str(gid), "--cap-drop", "ALL"]


def arguments(hide: list[Path], keep: list[Path], cwd: Path) -> list[str]:
    """The bwrap command line before the child's own: read-only everything, ``keep`` writable, ``hide`` empty."""
    args = ["--die-with-parent", "--new-session", "--unshare-all", *_user(),
            "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    for path in hide:
        if path.is_dir():
            args += ["--tmpfs", str(path)]
        elif path.exists():
            args += ["--ro-bind", "/dev/null", str(path)]
    for path in keep:
        args += ["--bind", str(path), str(path)]
    return [*args, "--chdir", str(cwd)]


@functools.cache
def available() -> tuple[str | None, str]:
    """The bwrap program and "", or None and why it cannot be used here (asked once per run)."""
    program = shutil.which("bwrap")
    if program is None:
        return None, "bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    probe = [program, *arguments([], [], Path("/")), "true"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=PROBE_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, f"bubblewrap could not start: {e}"
    if done.returncode != 0:
        return None, f"bubblewrap refused here: {done.stderr.strip()[:200] or done.returncode}"
    return program, ""
