"""Code that never runs when the grader imports a solution: its mutants are skipped, not graded.

Two kinds, found with ``ast``, each sure to make only equivalent mutants:
- annotations, in a module with ``from __future__ import annotations`` (never evaluated:
  ``str | None`` turned into ``str + None`` changes nothing);
- the body of ``if __name__ == "__main__":`` at the top level (the module's demo). The
  guard's own test is still mutated: a broken guard runs the demo on import.
The campaign marks such mutants SKIPPED in cosmic-ray's session before grading, as
cosmic-ray's own ``cr-filter-*`` tools do, and counts them apart; so too the mutants that
are no valid Python (INVALID) or that cosmic-ray failed to make (NOT_MADE).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

Position = tuple[int, int]  # (line from 1, column from 0 in characters), as cosmic-ray's


@dataclass(frozen=True)
class Span:
    start: Position
    end: Position
    reason: str

    def holds(self, start: Position, end: Position) -> bool:
        return self.start <= start and end <= self.end


ANNOTATION = "an annotation, never evaluated under `from __future__ import annotations`"
INVALID = "not valid Python"  # cosmic-ray turns the `*` of a signature into `+` and the like
NOT_MADE = "cosmic-ray failed to make it"
DEMO = "the demo under `if __name__ == \"__main__\":`, which never runs when the module is imported"


def _is_main_guard(node: ast.stmt) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value == "__main__")


def _annotations(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            a = node.args
            for arg in (*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg):
                if arg is not None and arg.annotation is not None:
                    yield arg.annotation
            if node.returns is not None:
                yield node.returns
        elif isinstance(node, ast.AnnAssign):
            yield node.annotation


def never_run(source: str) -> list[Span]:
    tree = ast.parse(source)
    lines = source.splitlines()

    def position(line: int, byte_column: int) -> Position:  # ast counts UTF-8 bytes, cosmic-ray characters
        return line, len(lines[line - 1].encode("utf-8")[:byte_column].decode("utf-8"))

    def span(first: ast.AST, last: ast.AST, reason: str) -> Span:
        return Span(position(first.lineno, first.col_offset), position(last.end_lineno, last.end_col_offset), reason)

    spans = []
    future = any(isinstance(n, ast.ImportFrom) and n.module == "__future__"
                 and any(a.name == "annotations" for a in n.names) for n in tree.body)
    if future:
        spans += [span(node, node, ANNOTATION) for node in _annotations(tree)]
    spans += [span(node.body[0], node.body[-1], DEMO) for node in tree.body if _is_main_guard(node)]
    return spans
