"""Run a built kit's own grader: a bare venv that sees the kit's ``grader`` and this venv's libraries.

No pip and no network: a ``.pth`` file puts the kit first and the running
interpreter's site-packages after it. Those site-packages' own ``.pth`` files
are not run, so the editable install of the repository's grader stays out.
"""
from __future__ import annotations

import os
import site
import subprocess
import sys
from pathlib import Path


def isolated_python(venv: Path, code_root: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True, timeout=60).stdout.strip()
    lines = [str(code_root), *site.getsitepackages()]
    (Path(purelib) / "00_kit.pth").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return python


def run(python: Path, *args: str, cwd: Path, env: dict | None = None, timeout: float = 300):
    return subprocess.run([str(python), *args], check=False, cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          timeout=timeout, env={**os.environ, **(env or {})})
