"""grader/constraints.txt (written by .ci/lock) is what CI, the README, the kit and Gradescope install,
and it agrees with pyproject.toml."""
from __future__ import annotations

import os
import zipfile
from importlib import metadata

import pytest
from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from grader.core.manifest import tomllib
from grader.instructor import gradescope_bundle

CONSTRAINTS = REPO / "grader" / "constraints.txt"
FLAG = "-c grader/constraints.txt"


def _pins() -> dict[str, str]:
    """Package -> the version pinned for this interpreter."""
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate():
                (spec,) = req.specifier
                assert spec.operator == "==", line
                assert canonicalize_name(req.name) not in pins, f"two pins for {req.name} on this Python"
                pins[canonicalize_name(req.name)] = spec.version
    return pins


def test_every_dependency_is_pinned_within_its_bounds():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _pins()
    for line in project["dependencies"]:
        req = Requirement(line)
        if req.marker is not None and not req.marker.evaluate():
            continue
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not in grader/constraints.txt: run .ci/lock"
        assert req.specifier.contains(pins[name], prereleases=True), \
            f"{req.name}=={pins[name]} is outside pyproject's {req.specifier}: run .ci/lock"


def test_ci_the_readme_the_kit_and_gradescope_install_with_it(tmp_path):
    assert FLAG in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    first_command = (REPO / "README.md").read_text(encoding="utf-8").split("```bash")[1]
    assert FLAG in first_command
    assert "-c /autograder/source/grader/constraints.txt" in gradescope_bundle.SETUP
    bundle = gradescope_bundle.build(tmp_path / "bundle.zip", ["ex01"], "fa", REPO)
    assert "grader/constraints.txt" in zipfile.ZipFile(bundle).namelist()


@pytest.mark.skipif(not os.environ.get("HAMZAMAN_OTHER_PYTHONS"), reason="only .ci/run installs from the constraints")
def test_ci_installed_exactly_the_pinned_versions():
    wrong = {name: (version, metadata.version(name)) for name, version in _pins().items()
             if _installed(name) and metadata.version(name) != version}
    assert not wrong, f"(pinned, installed): {wrong}"


def _installed(name: str) -> bool:
    try:
        metadata.version(name)
    except metadata.PackageNotFoundError:
        return False
    return True
