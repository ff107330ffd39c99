"""Writing what the grader produces: UTF-8 always, whatever bytes a submission printed."""
from __future__ import annotations

import json
from pathlib import Path


def write_text(path: Path, text: str) -> Path:
    """UTF-8, with a lone surrogate (undecodable bytes a submission printed) replaced, not fatal."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="replace")
    return path


def dump_json(path: Path, data) -> Path:
    return write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
