"""Mutant: the lesson's set_event_loop_policy, imported by name and undone afterwards: the policy is the same after run, but every other thread's asyncio.run() would pick up uvloop's policy while the coroutine runs (and the call dodges a patched asyncio.set_event_loop_policy).

catches: no_global_policy
"""
import asyncio
import sys
from asyncio import get_event_loop_policy, set_event_loop_policy


def run(coro, *, use_uvloop=True):
    if use_uvloop and sys.platform != "win32":
        try:
            import uvloop
        except ImportError:
            pass
        else:
            old = get_event_loop_policy()
            set_event_loop_policy(uvloop.EventLoopPolicy())
            try:
                return asyncio.run(coro)
            finally:
                set_event_loop_policy(old)
    return asyncio.run(coro)


def loop_kind():
    return "uvloop" if type(asyncio.get_running_loop()).__module__.startswith("uvloop") else "asyncio"

