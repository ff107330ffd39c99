"""The contract check: names, signatures and default values, judged by what a caller sees."""
from __future__ import annotations

import types

from grader.engine.contract import problems

API = ("async get_titles(urls, *, limit=10, timeout=10.0)", "parallel_sum_sqrt(n, workers=None)")


def module(source: str) -> types.ModuleType:
    mod = types.ModuleType("student")
    exec(source, mod.__dict__)
    return mod


def test_defaults_equal_by_value_pass():
    mod = module("async def get_titles(urls, *, limit=10, timeout=10): pass\n"
                 "import os\ndef parallel_sum_sqrt(n, workers=os.cpu_count()): pass\n")
    assert problems([mod], API) == {}  # 10 is 10.0; a None default in the contract leaves the choice open


def test_a_different_default_is_named_with_both_values():
    mod = module("async def get_titles(urls, *, limit=10, timeout=9.0): pass\n"
                 "def parallel_sum_sqrt(n, workers=None): pass\n")
    found = problems([mod], API)
    assert list(found) == ["get_titles"]
    assert "`timeout`" in found["get_titles"].en and "10.0" in found["get_titles"].en and "9.0" in found["get_titles"].en


def test_a_bool_is_not_a_number_default():
    mod = module("def run(coro, *, use_uvloop=1): pass\n")
    assert list(problems([mod], ("run(coro, *, use_uvloop=True)",))) == ["run"]
