"""Instructor-only check of ex02: items and counts other than the public suite's, drawn per grading (``drawn``)."""
from __future__ import annotations

import asyncio

import async_pipeline as student
from test_async_pipeline import drain, guarded, pages, same, upper

from grader.checks import check

LETTERS = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 -_ßéپژکگ"


@check("drawn_items")
async def test_drawn_items(drawn):
    words = ["".join(drawn.choice(LETTERS) for _ in range(drawn.randint(1, 12))) for _ in range(drawn.randint(6, 30))]
    taken = drawn.randint(1, len(words) - 1)
    queue = asyncio.Queue()
    for word in words:
        queue.put_nowait(word)
    call = f"consume({taken}, queue, 0) on a queue holding {words!r}"
    same(await guarded(student.consume(taken, queue, 0), call), [w.upper() for w in words[:taken]], call)
    same(drain(queue), words[taken:], f"what {call} left on the queue")
    n = drawn.randint(13, 60)
    queue = asyncio.Queue()
    await guarded(student.produce(n, queue, 0), f"produce({n}, queue, 0)")
    same(drain(queue), pages(n), f"the items produce({n}, queue, 0) put on the queue")
    n = drawn.randint(13, 60)
    call = f"run_pipeline({n}, 0, 0)"
    same(await guarded(student.run_pipeline(n, 0, 0), call), upper(n), call)
