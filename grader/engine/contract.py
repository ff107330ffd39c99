"""Check a loaded student module against the task's public contract (manifest ``api``).

A missing name or a signature that cannot take the contract's arguments gets
one clear message instead of a TypeError deep in a check. A problem in one
function fails only the checks that call it: the name is replaced by a stand-in
that fails with the contract's message, and the other functions are graded as
they are. Only when nothing of the contract is usable does the exercise score 0
with one message.
"""
from __future__ import annotations

import ast
import inspect
from types import ModuleType

from grader.checks import CheckFailed
from grader.core import messages
from grader.core.manifest import Text

_SENTINEL = object()


def _parse(entry: str) -> tuple[bool, str, ast.arguments]:
    is_async = entry.startswith("async ")
    entry = entry.removeprefix("async ")
    name, params = entry.split("(", 1)
    tree = ast.parse(f"def _f({params}: pass")
    return is_async, name.strip(), tree.body[0].args


def _calls(args: ast.arguments) -> list[tuple[tuple, dict]]:
    """The calls the contract allows: every argument given, and only the required ones."""
    positional = [a.arg for a in args.posonlyargs + args.args]
    n_required = len(positional) - len(args.defaults)
    kwonly = [a.arg for a in args.kwonlyargs]
    full = ((_SENTINEL,) * len(positional), {k: _SENTINEL for k in kwonly})
    required_kw = {a.arg: _SENTINEL for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is None}
    minimal = ((_SENTINEL,) * n_required, required_kw)
    return [full, minimal]


def _lookup(modules: list[ModuleType], dotted: str):
    head, *rest = dotted.split(".")
    for module in modules:
        if hasattr(module, head):
            obj = getattr(module, head)
            for part in rest:
                obj = inspect.getattr_static(obj, part, _SENTINEL)
                if obj is _SENTINEL:
                    return _SENTINEL, module
                if isinstance(obj, (staticmethod, classmethod)):
                    obj = obj.__func__
            return obj, module
    return _SENTINEL, modules[0]


def _entry_problem(modules: list[ModuleType], entry: str) -> Text | None:
    is_async, name, args = _parse(entry)
    obj, module = _lookup(modules, name)
    if obj is _SENTINEL:
        return messages.missing_name(name, module.__name__)
    if not callable(obj):
        return messages.wrong_signature(entry, f"{name} = {obj!r}"[:120])
    if is_async and not inspect.iscoroutinefunction(obj):
        return messages.not_async(name)
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    is_method = "." in name
    shown = name.rsplit(".", 1)[-1]
    for positional, keywords in _calls(args):
        if is_method:
            positional = (_SENTINEL, *positional)
        try:
            sig.bind(*positional, **keywords)
        except TypeError:
            return messages.wrong_signature(entry, f"{shown}{sig}")
    for param, wanted in _defaults(args).items():
        given = sig.parameters.get(param)
        if given is not None and given.default is not inspect.Parameter.empty and not _same(given.default, wanted):
            return messages.wrong_default(entry, param, wanted, given.default)
    return None


def _defaults(args: ast.arguments) -> dict[str, object]:
    """The contract's default values; a ``None`` default means "worked out at call time", so any passes."""
    positional = args.posonlyargs + args.args
    pairs = [*zip(positional[len(positional) - len(args.defaults):], args.defaults),
             *((a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None)]
    found = {a.arg: ast.literal_eval(d) for a, d in pairs}
    return {k: v for k, v in found.items() if v is not None}


def _same(given: object, wanted: object) -> bool:
    """By value, as a caller sees it: ``10`` is ``10.0``; a bool is no number, and a number no bool."""
    if isinstance(given, bool) or isinstance(wanted, bool):
        return type(given) is type(wanted) and given == wanted
    try:
        return bool(given == wanted)
    except Exception:  # noqa: BLE001 - a default whose == raises is not the contract's
        return False


def problems(modules: list[ModuleType], api: tuple[str, ...]) -> dict[str, Text]:
    """Each contract name whose definition cannot be called as the task says, with why."""
    found = {}
    for entry in api:
        problem = _entry_problem(modules, entry)
        if problem is not None:
            found[_parse(entry)[1]] = problem
    return found


class ContractBroken(CheckFailed):
    """Raised by a stand-in: the check called a function that breaks the contract."""


CALLED: list[ContractBroken] = []  # the stand-ins called since the running check started


def _stand_in(name: str, problem: Text):
    def broken(*args, **kwargs):
        error = ContractBroken(**vars(messages.contract_blocks(name, problem)))
        CALLED.append(error)
        raise error

    broken.__name__ = broken.__qualname__ = name.rsplit(".", 1)[-1]
    return broken


def disable(modules: list[ModuleType], broken: dict[str, Text]) -> bool:
    """Put a stand-in where each broken name is, so only the checks that call it fail.

    False when a stand-in cannot be put in place (a built-in type, say).
    """
    for name, problem in broken.items():
        head, _, attr = name.partition(".")
        owner = next((m for m in modules if hasattr(m, head)), modules[0])
        if attr:
            owner = getattr(owner, head, None)
        try:
            setattr(owner, attr or head, _stand_in(name, problem))
        except (AttributeError, TypeError):
            return False
    return True
