"""Control groups: found in both cgroup layouts, and where the kernel lets us, enforced on a real grading."""
from __future__ import annotations

import subprocess
import sys
import uuid

import psutil
import pytest

from conftest import REPO
from grader.cgroups import Cgroup
from grader.manifest import find
from grader.runner import Limits, grade
from grader.sandbox import Sandbox
from grader.workspace import Submission

SOLUTION = (REPO / "solutions" / "ex01_generators" / "fib.py").read_text(encoding="utf-8")


def fake_system(tmp_path, mounts: list[str], own: list[str]):
    (tmp_path / "mountinfo").write_text("".join(f"{i} 1 0:{i} {line}\n" for i, line in enumerate(mounts)))
    (tmp_path / "cgroup").write_text("".join(f"{line}\n" for line in own))
    return {"proc_cgroup": tmp_path / "cgroup", "mountinfo": tmp_path / "mountinfo"}


def test_v2_uses_the_controllers_our_group_hands_down(tmp_path):
    fs = tmp_path / "fs"
    (fs / "grader").mkdir(parents=True)
    (fs / "grader" / "cgroup.subtree_control").write_text("cpu pids memory\n")
    files = fake_system(tmp_path, [f"/ {fs} rw - cgroup2 cgroup2 rw"], ["0::/grader"])
    group = Cgroup.create("one", 50, 2**20, **files)
    folder = fs / "grader" / "one"
    assert group.folders == [folder]
    assert (folder / "pids.max").read_text() == "50"
    assert (folder / "memory.max").read_text() == str(2**20)
    group.add(4242)
    assert group.pids() == {4242}
    assert group.exceeded() is None
    (folder / "memory.events").write_text("low 0\nmax 3\noom 1\noom_kill 1\n")
    assert group.exceeded() == "memory"


def test_v1_makes_a_group_in_each_hierarchy(tmp_path):
    pids, memory = tmp_path / "pids", tmp_path / "memory"
    (memory / "box").mkdir(parents=True)
    pids.mkdir()
    files = fake_system(tmp_path, [f"/ {pids} rw - cgroup cgroup rw,pids",
                                   f"/ {memory} rw - cgroup cgroup rw,memory",
                                   f"/ {tmp_path} rw - cgroup2 cgroup2 rw"],
                        ["5:pids:/", "4:memory:/box", "0::/"])
    group = Cgroup.create("one", 50, 2**20, **files)
    assert group.folders == [pids / "one", memory / "box" / "one"]
    assert (memory / "box" / "one" / "memory.limit_in_bytes").read_text() == str(2**20)
    (pids / "one" / "pids.events").write_text("max 7\n")
    assert group.exceeded() == "tasks"


def test_without_writable_groups_grading_goes_on_without(tmp_path):
    files = fake_system(tmp_path, ["/ / rw - ext4 /dev/sda1 rw"], ["0::/"])
    assert Cgroup.create("one", 50, 2**20, **files) is None
    files = fake_system(tmp_path, [f"/ {tmp_path / 'missing'} rw - cgroup cgroup rw,pids"], ["3:pids:/"])
    assert Cgroup.create("one", 50, 2**20, **files) is None


def _kernel_groups() -> bool:
    group = Cgroup.create(f"hamzaman-probe-{uuid.uuid4().hex[:8]}", 10, 2**30)
    if group is None:
        return False
    group.remove()
    return True


real = pytest.mark.skipif(not _kernel_groups(), reason="no writable control groups here (Linux, root or delegation)")


def grade_source(tmp_path, source: str, limits: Limits = Limits()):
    folder = tmp_path / "ex01_generators"
    folder.mkdir()
    (folder / "fib.py").write_text(source, encoding="utf-8")
    staging = tmp_path / "staging"
    staging.mkdir()
    return grade(Submission(find("ex01"), (folder,)), sandbox=Sandbox(hide=[], tmp_root=staging), limits=limits)


@real
def test_the_kernel_refuses_forks_past_the_task_limit(tmp_path, no_process_left):
    bomb = "import os, time\nfor _ in range(200):\n    if os.fork() == 0:\n        time.sleep(60)\n        os._exit(0)\n"
    res = grade_source(tmp_path, bomb, Limits(processes=1000, tasks=30))
    assert res.score == 0
    assert res.incident == "tasks"
    assert "limit of 30 processes and threads" in res.problem.en


@real
def test_a_daemon_that_dropped_its_environment_is_still_killed(tmp_path, no_process_left):
    mark = f"hamzaman-daemon-{uuid.uuid4().hex}"
    sleeper = f"import time; time.sleep(600)  # {mark}"
    launcher = f"import subprocess, sys; subprocess.Popen([sys.executable, '-c', {sleeper!r}], start_new_session=True)"
    daemon = ("import subprocess, sys\n"  # the launcher exits at once, so the sleeper loses its parent
              f"subprocess.run([sys.executable, '-c', {launcher!r}], env={{}})\n")
    res = grade_source(tmp_path, daemon + SOLUTION.replace("from __future__ import annotations\n", ""))
    left = [p for p in psutil.process_iter(["cmdline"]) if mark in " ".join(p.info["cmdline"] or [])]
    for p in left:
        p.kill()
    assert res.score == 100
    assert left == []


@real
def test_a_group_the_kernel_still_holds_is_removed_later():
    group = Cgroup.create(f"hamzaman-held-{uuid.uuid4().hex[:8]}", 10, 2**30)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        group.add(sleeper.pid)
        group.remove()
        assert all(folder.exists() for folder in group.folders)
    finally:
        sleeper.kill()
        sleeper.wait()
    Cgroup.create(f"hamzaman-next-{uuid.uuid4().hex[:8]}", 10, 2**30).remove()
    assert not any(folder.exists() for folder in group.folders)
