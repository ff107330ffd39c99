"""Mutant: a gate per max_workers shared by every call (so that two calls at once share the limit), but a
lookup that raises never gives its slot back: after one failure the next call runs with a thread fewer.

catches: errors_propagate
"""
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup

_GATES: dict[int, threading.Semaphore] = {}


def _gated(gate, key):
    gate.acquire()
    value = lookup(key)
    gate.release()
    return value


async def lookup_all(keys, *, max_workers=8):
    gate = _GATES.setdefault(max_workers, threading.Semaphore(max_workers))
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers) as pool:
        values = await asyncio.gather(*(loop.run_in_executor(pool, _gated, gate, key) for key in keys))
    return dict(zip(keys, values))
