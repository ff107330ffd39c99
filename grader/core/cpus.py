"""The CPUs a grading may count on: thresholds, pool sizes and batch's default parallelism follow it."""
from __future__ import annotations

import os


def usable_cpus() -> int:
    """CPUs this process may run on (affinity where the OS has it, else the CPU count)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
