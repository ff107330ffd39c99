"""Hidden checks for ex03_event_loop (loop.py)."""
from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import os
import platform
import sys
import warnings

import loop as student
import pytest

from grader.checks import check, expect, fail, skip

try:
    import uvloop
except ImportError:  # Windows, or not installed
    uvloop = None


def kind_of(loop) -> str:
    return "uvloop" if type(loop).__module__.partition(".")[0] == "uvloop" else "asyncio"


async def answer(value):
    await asyncio.sleep(0)
    return value


async def running_loop():
    await asyncio.sleep(0)
    return asyncio.get_running_loop()


async def boom():
    await asyncio.sleep(0)
    raise ValueError("boom")


async def missing_import():
    """A coroutine whose own import fails: run must not take it for a missing uvloop."""
    await asyncio.sleep(0)
    import hamzaman_no_such_module  # noqa: F401


async def inside(seen: list):
    """Note the running loop and the process-wide policy while the coroutine runs."""
    await asyncio.sleep(0)
    seen.append((asyncio.get_running_loop(), policy()))
    return seen[-1]


async def failing_inside(seen: list):
    await inside(seen)
    raise ValueError("boom")


async def student_kind():
    await asyncio.sleep(0)
    return student.loop_kind()


def needs_uvloop():
    if uvloop is None or sys.platform == "win32":
        skip("uvloop cannot be used on this machine, so running on it cannot be checked here.",
             "uvloop روی این دستگاه قابل استفاده نیست، پس اجرای روی آن را این‌جا نمی‌توان بررسی کرد.")


def policy():
    with warnings.catch_warnings():  # get/set_event_loop_policy warn from 3.14; the check itself must not
        warnings.simplefilter("ignore", DeprecationWarning)
        return asyncio.get_event_loop_policy()


def set_policy(value) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        asyncio.set_event_loop_policy(value)
        asyncio.set_event_loop(None)


@pytest.fixture(autouse=True)
def isolated():
    """Whatever a submission leaves behind (a policy, a current loop) must not leak into the next check."""
    saved = policy()
    yield
    set_policy(saved)


@contextlib.contextmanager
def uvloop_missing():
    """`import uvloop` fails (ModuleNotFoundError), as on a machine without it."""
    saved = {name: mod for name, mod in sys.modules.items() if name == "uvloop" or name.startswith("uvloop.")}
    for name in saved:
        del sys.modules[name]
    sys.modules["uvloop"] = None
    try:
        yield
    finally:
        del sys.modules["uvloop"]
        sys.modules.update(saved)


class ProactorEventLoop(asyncio.SelectorEventLoop):
    """Stands in for Windows' standard loop, which code that asks for it by name expects there."""


@contextlib.contextmanager
def windows():
    """The platform looks like Windows to every usual question: sys.platform, os.name, platform.system()."""
    real = sys.platform, os.name, platform.system
    had_proactor = hasattr(asyncio, "ProactorEventLoop")
    # equal strings built at run time, not the interned literals: code that compares with `is` must fail
    sys.platform, os.name = "".join(["win", "32"]), "".join(["n", "t"])
    platform.system = lambda: "Windows"
    if not had_proactor:
        asyncio.ProactorEventLoop = ProactorEventLoop
    try:
        yield
    finally:
        sys.platform, os.name, platform.system = real
        if not had_proactor:
            del asyncio.ProactorEventLoop


def ran_on(expected: str, call: str, **kwargs):
    loop = student.run(running_loop(), **kwargs)
    got = kind_of(loop)
    expect(got == expected, f"{call} ran the coroutine on a {type(loop).__module__}.{type(loop).__name__} "
                            f"loop ({got}); expected {expected}.",
           f"{call} coroutine را روی حلقهٔ {type(loop).__module__}.{type(loop).__name__} ({got}) اجرا کرد؛ "
           f"انتظار می‌رفت {expected}.")
    return loop


@check("runs_coroutine")
@pytest.mark.parametrize("kwargs", [{}, {"use_uvloop": True}, {"use_uvloop": False}], ids=["default", "uv", "std"])
def test_returns_result(kwargs):
    call = f"run(coro{''.join(f', {k}={v}' for k, v in kwargs.items())})"
    got = student.run(answer(42), **kwargs)
    expect(got == 42, f"{call} returned {got!r}, not the coroutine's result 42.",
           f"{call} مقدار {got!r} را برگرداند، نه نتیجهٔ coroutine یعنی 42.")
    reaches_caller(call, boom, ValueError, **kwargs)
    reaches_caller(call, missing_import, ImportError, **kwargs)


def reaches_caller(call: str, make_coro, error: type[Exception], **kwargs) -> None:
    """The coroutine's own exception comes out of run unchanged (an ImportError too: it is not uvloop's)."""
    name = error.__name__
    try:
        student.run(make_coro(), **kwargs)
    except error:
        return
    except Exception as e:  # noqa: BLE001 - whatever came out instead is what the student reads
        fail(f"{call} on a coroutine that raises {name} raised {type(e).__name__}: {e}. The coroutine's own "
             "exception must reach the caller unchanged. Catching it (an ImportError looks like a missing uvloop) "
             "and running the coroutine again fails, since a coroutine runs only once: keep only `import uvloop` "
             "inside the try, and run the coroutine after it.",
             f"{call} روی coroutineی که {name} می‌دهد خطای {type(e).__name__}: {e} را داد. خطای خود coroutine باید "
             "بی‌تغییر به فراخواننده برسد. اگر آن را بگیرید (ImportError شبیه نبودن uvloop است) و coroutine را "
             "دوباره اجرا کنید، شکست می‌خورد، چون هر coroutine فقط یک بار اجرا می‌شود: فقط `import uvloop` را درون "
             "try بگذارید و coroutine را پس از آن اجرا کنید.")
    fail(f"{call} on a coroutine that raises {name} did not raise it: the coroutine's exception must "
         "reach the caller.",
         f"{call} روی coroutineی که {name} می‌دهد این خطا را بالا نداد: خطای coroutine باید به فراخواننده برسد.")


@check("uses_uvloop")
@pytest.mark.parametrize("kwargs", [{}, {"use_uvloop": True}], ids=["default", "uv"])
def test_uses_uvloop(kwargs):
    needs_uvloop()
    ran_on("uvloop", "run(coro)" if not kwargs else "run(coro, use_uvloop=True)", **kwargs)


@check("standard_loop")
def test_standard_loop_when_not_asked():
    ran_on("asyncio", "run(coro, use_uvloop=False)", use_uvloop=False)


@check("fallback")
def test_fallback_without_uvloop_at_call_time():
    with uvloop_missing():
        ran_on("asyncio", "run(coro) while `import uvloop` fails")


@check("fallback")
def test_fallback_on_windows():
    with windows():
        loop = student.run(running_loop())
    got = kind_of(loop)
    expect(got == "asyncio",
           f"run(coro) on Windows (sys.platform == 'win32', set just before the call) ran on {got}. uvloop does "
           "not run on Windows: look at sys.platform when run is called, and use the standard loop there.",
           f"run(coro) روی ویندوز (sys.platform == 'win32'، درست پیش از فراخوانی) روی {got} اجرا شد. uvloop روی "
           "ویندوز کار نمی‌کند: sys.platform را هنگام فراخوانی run بررسی کنید و آن‌جا حلقهٔ استاندارد را به کار ببرید.")


@check("fallback")
def test_module_imports_without_uvloop():
    spec = importlib.util.spec_from_file_location("loop_without_uvloop", student.__file__)
    fresh = importlib.util.module_from_spec(spec)
    with uvloop_missing():
        try:
            spec.loader.exec_module(fresh)
        except ImportError as e:
            fail(f"On a machine without uvloop, importing loop.py fails: {e}. Import uvloop inside run, "
                 "in a try/except ImportError, so the module works everywhere.",
                 f"روی دستگاهی بدون uvloop، import کردن loop.py شکست می‌خورد: {e}. uvloop را درون run و در یک "
                 "try/except ImportError وارد کنید تا ماژول همه‌جا کار کند.")
        loop = fresh.run(running_loop())
    expect(kind_of(loop) == "asyncio",
           "On a machine without uvloop, run(coro) did not run on the standard loop.",
           "روی دستگاهی بدون uvloop، run(coro) روی حلقهٔ استاندارد اجرا نشد.")


@check("no_global_policy")
@pytest.mark.parametrize("use_uvloop", [True, False], ids=["uv", "std"])
def test_leaves_nothing_behind(use_uvloop):
    before = policy()
    seen = []
    loop, during = student.run(inside(seen), use_uvloop=use_uvloop)
    after = policy()
    call = f"run(coro, use_uvloop={use_uvloop})"
    for now, when, when_fa in ((during, "while the coroutine ran", "هنگام اجرای coroutine"),
                               (after, "after it returned", "پس از بازگشت")):
        expect(now is before,
               f"{call} replaced the process-wide event loop policy ({type(before).__name__} -> "
               f"{type(now).__name__} {when}): every other asyncio.run() in the program, in any thread, is "
               "changed too, even if the old policy is put back later. set_event_loop_policy (and "
               "uvloop.install) is the old recipe, deprecated from Python 3.14; use uvloop.run(coro) or "
               "asyncio.Runner(loop_factory=uvloop.new_event_loop), which touch nothing global.",
               f"{call} سیاست (policy) سراسری حلقه را عوض کرد ({type(before).__name__} -> {type(now).__name__}، "
               f"{when_fa}) و هر asyncio.run() دیگری در برنامه، در هر نخی، هم تغییر می‌کند، حتی اگر سیاست قبلی "
               "بعداً برگردانده شود. set_event_loop_policy (و uvloop.install) دستور قدیمی است که از پایتون 3.14 "
               "منسوخ شده؛ uvloop.run(coro) یا asyncio.Runner(loop_factory=uvloop.new_event_loop) چیزی سراسری را "
               "تغییر نمی‌دهند.")
    expect(loop.is_closed(),
           f"{call} returned but left its event loop open: a leaked loop holds sockets and file descriptors "
           "(ResourceWarning). asyncio.run, uvloop.run and asyncio.Runner close it for you.",
           f"{call} برگشت اما حلقهٔ رویدادش را باز گذاشت؛ حلقهٔ رهاشده سوکت و توصیفگر فایل نگه می‌دارد "
           "(ResourceWarning). asyncio.run، uvloop.run و asyncio.Runner آن را خودشان می‌بندند.")


@check("no_global_policy")
@pytest.mark.parametrize("use_uvloop", [True, False], ids=["uv", "std"])
def test_closes_the_loop_when_the_coroutine_fails(use_uvloop):
    call = f"run(coro, use_uvloop={use_uvloop})"
    seen = []
    with contextlib.suppress(ValueError):  # whether it reaches the caller is runs_coroutine's business
        student.run(failing_inside(seen), use_uvloop=use_uvloop)
    expect(seen and seen[0][0].is_closed(),
           f"{call} on a coroutine that raised ValueError left its event loop open: close it in a `finally:` "
           "(or let asyncio.run, uvloop.run or asyncio.Runner do it), so it is closed however the coroutine ends.",
           f"{call} روی coroutineی که ValueError داد حلقهٔ رویدادش را باز گذاشت: آن را در `finally:` ببندید (یا "
           "بگذارید asyncio.run، uvloop.run یا asyncio.Runner این کار را بکنند) تا هر طور coroutine تمام شد بسته شود.")


FUTURE = {  # deprecated on a newer supported Python; warned about here on every version
    (asyncio, "set_event_loop_policy"): "asyncio.set_event_loop_policy() is deprecated from Python 3.14",
    (asyncio, "get_event_loop_policy"): "asyncio.get_event_loop_policy() is deprecated from Python 3.14 "
                                        "(the whole policy system goes in 3.16)",
    (asyncio, "get_event_loop"): "asyncio.get_event_loop() with no running loop is deprecated (3.12) "
                                 "and fails from Python 3.14",
}
if uvloop is not None:
    FUTURE[(uvloop, "install")] = "uvloop.install() is deprecated from Python 3.12"


@contextlib.contextmanager
def future_deprecations():
    """Make the APIs that newer Pythons deprecate warn here too, so every version grades alike."""
    saved = {key: getattr(*key) for key in FUTURE}

    def warning(original, text, only_outside_loop):
        def wrapper(*args, **kwargs):
            if not (only_outside_loop and asyncio._get_running_loop() is not None):
                warnings.warn(text, DeprecationWarning, stacklevel=2)
            return original(*args, **kwargs)
        return wrapper

    for (module, name), text in FUTURE.items():
        setattr(module, name, warning(saved[module, name], text, name == "get_event_loop"))
    try:
        yield
    finally:
        for (module, name), original in saved.items():
            setattr(module, name, original)


@check("no_deprecation")
@pytest.mark.parametrize("use_uvloop", [True, False], ids=["uv", "std"])
def test_no_deprecation_warning(use_uvloop):
    call = f"run(coro, use_uvloop={use_uvloop})"
    with future_deprecations(), warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        warnings.simplefilter("error", PendingDeprecationWarning)
        try:
            got = student.run(answer(7), use_uvloop=use_uvloop)
        except (DeprecationWarning, PendingDeprecationWarning) as w:
            fail(f"{call} uses a deprecated API: {w}. Use asyncio.run(coro), or uvloop.run(coro) / "
                 "asyncio.Runner(loop_factory=uvloop.new_event_loop) for uvloop.",
                 f"{call} از یک API منسوخ استفاده می‌کند: {w}. asyncio.run(coro) را به کار ببرید، و برای uvloop "
                 "uvloop.run(coro) یا asyncio.Runner(loop_factory=uvloop.new_event_loop) را.")
    expect(got == 7, f"{call} returned {got!r}, not the coroutine's result 7.",
           f"{call} مقدار {got!r} را برگرداند، نه نتیجهٔ coroutine یعنی 7.")


def kind_on(make_loop, what: str, expected: str):
    loop = make_loop()
    try:
        got = loop.run_until_complete(student_kind())
    finally:
        loop.close()
    expect(got == expected,
           f"loop_kind() inside a coroutine running on {what} returned {got!r}, expected {expected!r}. "
           "Look at the loop that is running (asyncio.get_running_loop()), not at what run was asked for.",
           f"loop_kind() درون coroutineی که روی {what} اجرا می‌شد {got!r} را برگرداند؛ انتظار می‌رفت {expected!r}. "
           "به حلقه‌ای که واقعاً در حال اجراست نگاه کنید (asyncio.get_running_loop())، نه به آنچه از run خواسته شده.")


@check("loop_kind")
def test_loop_kind():
    for kwargs in ({"use_uvloop": True}, {"use_uvloop": False}):
        loop_used = kind_of(student.run(running_loop(), **kwargs))
        got = student.run(student_kind(), **kwargs)
        expect(got == loop_used, f"loop_kind() inside run(coro, **{kwargs}) returned {got!r}, but the loop was {loop_used}.",
               f"loop_kind() درون run(coro, **{kwargs}) مقدار {got!r} را برگرداند، اما حلقه {loop_used} بود.")
    kind_on(asyncio.new_event_loop, "a standard asyncio loop", "asyncio")
    if uvloop is not None:
        kind_on(uvloop.new_event_loop, "a uvloop loop", "uvloop")
    with uvloop_missing():
        try:
            kind_on(asyncio.new_event_loop, "a standard asyncio loop, on a machine without uvloop", "asyncio")
        except ImportError as e:
            fail(f"loop_kind() fails on a machine without uvloop: {e}. It must work everywhere; the loop's type "
                 "tells which loop it is without importing uvloop.",
                 f"loop_kind() روی دستگاهی بدون uvloop شکست می‌خورد: {e}. باید همه‌جا کار کند؛ نوع حلقه بدون "
                 "import کردن uvloop نشان می‌دهد کدام حلقه است.")
