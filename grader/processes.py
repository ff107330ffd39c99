"""Ending every process a grading started, however it tried to escape."""
from __future__ import annotations

import contextlib

import psutil

MARKER = "HAMZAMAN_RUN"


def _marked(token: str) -> list[psutil.Process]:
    """Processes carrying our run token in their environment: catches re-parented daemons."""
    found = []
    for p in psutil.process_iter():
        with contextlib.suppress(psutil.Error, OSError):
            if p.environ().get(MARKER) == token:
                found.append(p)
    return found


def kill_tree(pid: int, token: str) -> None:
    procs: dict[int, psutil.Process] = {}
    with contextlib.suppress(psutil.Error):
        root = psutil.Process(pid)
        procs[root.pid] = root
        for child in root.children(recursive=True):
            procs[child.pid] = child
    for p in _marked(token):
        procs.setdefault(p.pid, p)
    for p in procs.values():
        with contextlib.suppress(psutil.Error):
            p.kill()
    psutil.wait_procs(list(procs.values()), timeout=5)
