"""Control groups: found in both cgroup layouts, and where the kernel lets us, enforced on a real grading."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid

import psutil
import pytest
from conftest import REPO

from grader.core.manifest import find
from grader.core.workspace import Submission
from grader.engine import runner
from grader.engine.isolation import cgroups
from grader.engine.isolation.cgroups import RUN, Cgroup
from grader.engine.isolation.sandbox import HIDDEN, Sandbox
from grader.engine.runner import SCALE_VAR, Limits, grade

SOLUTION = (REPO / "solutions" / "ex01_generators" / "fib.py").read_text(encoding="utf-8")
TASKS, MEMORY = "cgroup task limit", "cgroup memory limit"


def fake_system(tmp_path, mounts: list[str], own: list[str]):
    (tmp_path / "mountinfo").write_text("".join(f"{i} 1 0:{i} {line}\n" for i, line in enumerate(mounts)))
    (tmp_path / "cgroup").write_text("".join(f"{line}\n" for line in own))
    return {"proc_cgroup": tmp_path / "cgroup", "mountinfo": tmp_path / "mountinfo"}


def v2_group(folder, controllers="cpu pids memory", enabled="", procs=""):
    folder.mkdir(parents=True)
    (folder / "cgroup.controllers").write_text(controllers + "\n")
    (folder / "cgroup.subtree_control").write_text(enabled + "\n")
    (folder / "cgroup.procs").write_text(procs + "\n")


def test_v2_moves_the_grader_into_a_leaf_to_hand_controllers_down(tmp_path):
    fs = tmp_path / "fs"
    v2_group(fs / "scope", procs=str(os.getpid()))
    files = fake_system(tmp_path, [f"/ {fs} rw - cgroup2 cgroup2 rw"], ["0::/scope"])
    group = Cgroup.create("t1", 50, 2**20, **files)
    assert (fs / "scope" / cgroups.LEAF / "cgroup.procs").read_text() == str(os.getpid())
    assert (fs / "scope" / "cgroup.subtree_control").read_text() == "+memory +pids"
    folder = fs / "scope" / f"hamzaman-{os.getpid()}-t1"
    assert group.folders == [folder] and group.mounts == [fs]
    assert (group.held, group.missing) == ([TASKS, MEMORY], [])
    assert (folder / "pids.max").read_text() == "50"
    assert (folder / "memory.max").read_text() == str(2**20)
    assert (folder / "memory.swap.max").read_text() == "0"


def test_v2_leaves_a_group_shared_with_other_processes_alone(tmp_path):
    fs = tmp_path / "fs"
    v2_group(fs / "session", procs=f"{os.getpid()}\n1234")
    files = fake_system(tmp_path, [f"/ {fs} rw - cgroup2 cgroup2 rw"], ["0::/session"])
    group = Cgroup.create("t1", 50, 2**20, **files)
    assert group.held == [] and "holds other processes" in group.missing[0]
    assert not (fs / "session" / cgroups.LEAF).exists()


def test_v2_inside_our_own_leaf_uses_its_parent(tmp_path):
    fs = tmp_path / "fs"
    v2_group(fs / "scope", enabled="pids memory")
    v2_group(fs / "scope" / cgroups.LEAF, procs=str(os.getpid()))
    files = fake_system(tmp_path, [f"/ {fs} rw - cgroup2 cgroup2 rw"], [f"0::/scope/{cgroups.LEAF}"])
    group = Cgroup.create("t2", 50, 2**20, **files)
    assert group.folders == [fs / "scope" / f"hamzaman-{os.getpid()}-t2"]


def test_v1_makes_a_group_in_each_hierarchy_under_the_mount_that_shows_ours(tmp_path):
    pids, memory = tmp_path / "pids", tmp_path / "memory"
    (memory / "box").mkdir(parents=True)
    pids.mkdir()
    files = fake_system(tmp_path, [f"/ {pids} rw - cgroup cgroup rw,pids",
                                   f"/elsewhere {tmp_path / 'bind'} rw - cgroup cgroup rw,memory",
                                   f"/docker {memory} rw - cgroup cgroup rw,memory",
                                   f"/ {tmp_path} rw - cgroup2 cgroup2 rw"],
                        ["5:pids:/", "4:memory:/docker/box", "0::/"])
    group = Cgroup.create("t3", 50, 2**20, **files)
    name = f"hamzaman-{os.getpid()}-t3"
    assert group.folders == [pids / name, memory / "box" / name]
    assert (memory / "box" / name / "memory.limit_in_bytes").read_text() == str(2**20)
    (pids / name / RUN / "pids.events").write_text("max 7\n")  # counted where the fork failed
    (pids / name / "pids.peak").write_text("50\n")
    assert group.exceeded() == "tasks"
    (pids / name / "pids.peak").write_text("12\n")  # an ancestor's limit was reached, not ours
    assert group.exceeded() is None


def test_without_writable_groups_grading_goes_on_and_says_why(tmp_path):
    files = fake_system(tmp_path, ["/ / rw - ext4 /dev/sda1 rw"], ["0::/"])
    group = Cgroup.create("t4", 50, 2**20, **files)
    assert group.held == [] and group.missing == [f"{TASKS} (no such cgroup controller here)",
                                                  f"{MEMORY} (no such cgroup controller here)"]
    files = fake_system(tmp_path, [f"/ {tmp_path / 'missing'} rw - cgroup cgroup rw,pids"], ["3:pids:/"])
    assert "No such file" in Cgroup.create("t4", 50, 2**20, **files).missing[0]
    files["proc_cgroup"] = tmp_path / "no-such-file"
    assert Cgroup.create("t4", 50, 2**20, **files).missing == ["cgroup limits (this system has no control groups)"]


def _kernel_groups() -> bool:
    with Cgroup.create(f"probe{uuid.uuid4().hex[:8]}", 10, 2**30) as group:
        return group.held == [TASKS, MEMORY]


real = pytest.mark.skipif(not _kernel_groups(), reason="the grader may not make control groups here")


def grade_source(tmp_path, source: str, limits: Limits = Limits()):
    folder = tmp_path / "ex01_generators"
    folder.mkdir()
    (folder / "fib.py").write_text(source, encoding="utf-8")
    staging = tmp_path / "staging"
    staging.mkdir()
    return grade(Submission(find("ex01"), (folder,)), sandbox=Sandbox(hide=[], tmp_root=staging), limits=limits)


def leftover_groups() -> list:
    with Cgroup.create("listing", 10, 2**30) as probe:
        return [f for own in probe.folders for f in own.parent.glob(f"hamzaman-{os.getpid()}-*") if f != own]


@real
def test_the_kernel_refuses_forks_past_the_task_limit(tmp_path, no_process_left):
    bomb = "import os, time\nfor _ in range(200):\n    if os.fork() == 0:\n        time.sleep(60)\n        os._exit(0)"
    res = grade_source(tmp_path, bomb, Limits(processes=1000, tasks=30))
    assert res.score == 0
    assert res.incident == "tasks"
    assert "limit of 30 processes and threads" in res.problem.en
    assert TASKS in res.protections.held


REMOUNT = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
uid, gid, view = os.geteuid(), os.getegid(), os.environ["TMPDIR"] + "/cg"
if libc.unshare(0x10000000 | 0x00020000 | 0x02000000):  # new user, mount and cgroup namespaces
    raise SystemExit("attack: unshare refused")
for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
    with open(f"/proc/self/{name}", "w") as f:
        f.write(text)
os.mkdir(view)
if libc.mount(b"cgroup", view.encode(), b"cgroup", 0, b"pids"):
    raise SystemExit("attack: mount refused")
with open(view + "/pids.max", "w") as f:  # the root of this view: the group the grading runs in
    f.write("max")
for _ in range(200):
    if os.fork() == 0:
        import time
        time.sleep(60)
        os._exit(0)
"""


@real
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="namespaces are Linux-only")
def test_a_submission_that_mounts_its_own_view_cannot_lift_the_limit(tmp_path, no_process_left):
    res = grade_source(tmp_path, REMOUNT, Limits(processes=1000, tasks=30))
    if res.problem and "attack:" in res.problem.en:
        pytest.skip(f"this kernel stops the attack earlier: {res.problem.en[-60:]}")
    assert res.incident == "tasks", res.problem.en if res.problem else res


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
def test_every_child_of_a_grading_keeps_the_sandbox(tmp_path, monkeypatch):
    """A check that hangs makes the runner start a new child for the checks left: it is sandboxed too."""
    monkeypatch.setenv(SCALE_VAR, "0.2")
    hangs = SOLUTION.replace("def take(", "def take(*a):\n    while True:\n        pass\n\n\ndef old_take(")
    res = grade_source(tmp_path, hangs)
    assert any(c.incident == "timeout" for c in res.checks)
    assert 0 < res.score < 100
    assert HIDDEN in res.protections.held and TASKS in res.protections.held
    assert res.protections.missing == []
    assert leftover_groups() == []


@real
def test_the_group_is_removed_when_the_child_cannot_start(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(runner.subprocess, "Popen", refuse)
    with pytest.raises(OSError):
        grade_source(tmp_path, SOLUTION)
    assert leftover_groups() == []


@real
def test_a_group_the_kernel_still_holds_is_removed_later():
    group = Cgroup.create(f"held{uuid.uuid4().hex[:8]}", 10, 2**30)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        group.add(sleeper.pid)
        group.remove()
        assert all(folder.exists() for folder in group.folders)
    finally:
        sleeper.kill()
        sleeper.wait()
    cgroups._sweep(tries=100)
    assert not any(folder.exists() for folder in group.folders)


@real
def test_groups_left_by_a_killed_grader_are_cleared(tmp_path):
    script = (f"import os, subprocess, sys\nsys.path.insert(0, {str(REPO)!r})\nfrom grader.engine.isolation.cgroups import Cgroup\n"
              "g = Cgroup.create('orphaned', 10, 2**30)\n"
              "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'],\n"
              "                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
              "g.add(p.pid)\nprint(p.pid, *g.folders, flush=True)\nos._exit(0)\n")  # no atexit: as if killed
    pid, *folders = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                   check=True, timeout=60).stdout.split()
    assert psutil.pid_exists(int(pid))
    cgroups._swept.clear()
    Cgroup.create("after", 10, 2**30).remove()
    cgroups._sweep(tries=100)  # the killed sleeper may not have been released yet
    assert not psutil.pid_exists(int(pid)) or psutil.Process(int(pid)).status() == psutil.STATUS_ZOMBIE
    assert not any(os.path.exists(f) for f in folders)
