"""``grade gradescope OUT.zip``: a Gradescope autograder bundle.

The zip holds, at its root, ``setup.sh`` (run once when Gradescope builds the
image: installs Python and the kit with its dependencies into
``/autograder/venv``), ``run_autograder`` (run per submission: grades it with
``grader.instructor.autograder`` and writes ``/autograder/results/results.json``), the
configuration (which exercises, which language), and the kit with every check,
instructor-only ones included, but no solutions, mutants or tests.
Spec: https://gradescope-autograders.readthedocs.io/en/latest/specs/
"""
from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path

from grader.core import seeds
from grader.instructor import handout
from grader.instructor.autograder import CONFIG, ROOT_VAR

EXECUTABLE = 0o100755 << 16
SETUP = """#!/usr/bin/env bash
# Gradescope runs this once, as root, from /autograder/source, while it builds the image.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends python3 python3-venv python3-pip
# the strongest sandbox for the student's code, where the container lets it make namespaces
apt-get install -y --no-install-recommends bubblewrap || echo "bubblewrap unavailable: a weaker sandbox is used"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' || {
    echo "hamzaman needs Python 3.10 or newer: choose the Ubuntu 22.04 (or newer) base image." >&2
    exit 1
}
python3 -m venv /autograder/venv
/autograder/venv/bin/python -m pip install --upgrade pip
# the versions the instructor's CI proved (made by .ci/lock), so Gradescope's verdicts are the same
/autograder/venv/bin/python -m pip install -c /autograder/source/grader/constraints.txt -e /autograder/source
"""
RUN = f"""#!/usr/bin/env bash
# Gradescope runs this for every submission, from /autograder.
# {ROOT_VAR} moves that root elsewhere (the kit's own tests do).
ROOT="${{{ROOT_VAR}:-/autograder}}"
exec "$ROOT/venv/bin/python" -m grader.instructor.autograder "$ROOT"
"""


def build(out: Path, exercise_ids: list[str], lang: str, source: Path | None = None) -> Path:
    with tempfile.TemporaryDirectory(prefix="hamzaman-bundle-") as tmp:
        kit = Path(tmp) / "kit"
        handout.build(kit, source, include_hidden=True)
        (kit / CONFIG).write_text(json.dumps({"exercises": exercise_ids, "lang": lang, "seed": seeds.drawn()}, indent=2) + "\n",
                                  encoding="utf-8")
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in (("setup.sh", SETUP), ("run_autograder", RUN)):
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.external_attr = EXECUTABLE
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, text)
            for path in sorted(kit.rglob("*")):
                if path.is_file():
                    zf.write(path, path.relative_to(kit).as_posix())
    return out
