"""The grader's own sentences (not a check's), in both languages."""
from __future__ import annotations

from grader.core.manifest import Text


def missing_file(name: str, folder: str) -> Text:
    return Text(
        fa=f"فایل {name} در پوشهٔ {folder} پیدا نشد. فایل را پاک یا جابه‌جا کرده‌اید؟ با `grade reset` می‌توانید نسخهٔ اولیه را برگردانید.",
        en=f"{name} was not found in {folder}. Was it deleted or moved?",
    )


def syntax_error(name: str, line: int | None, text: str, msg: str) -> Text:
    where = f"{name}:{line}" if line else name
    code = f"\n    {text.strip()}" if text and text.strip() else ""
    return Text(
        fa=f"خطای نحوی (SyntaxError) در {where}: {msg}{code}\nتا این خطا رفع نشود هیچ آزمونی اجرا نمی‌شود.",
        en=f"Syntax error in {where}: {msg}{code}\nNo check can run until it is fixed.",
    )


def import_failed(detail: str) -> Text:
    return Text(
        fa=f"وارد کردن (import) ماژول شما با خطا تمام شد، پس هیچ آزمونی اجرا نشد:\n{detail}",
        en=f"Importing your module failed, so no check could run:\n{detail}",
    )


def import_hung(seconds: float) -> Text:
    return Text(
        fa=f"وارد کردن ماژول شما پس از {seconds:g} ثانیه تمام نشد. کدی در سطح ماژول (بیرون از تابع‌ها) هست که گیر کرده یا بی‌پایان می‌چرخد؟",
        en=f"Importing your module did not finish within {seconds:g} s: is there code at module level (outside any function) that loops forever or waits?",
    )


def missing_name(name: str, module: str) -> Text:
    return Text(
        fa=f"در {module}.py چیزی به نام `{name}` تعریف نشده است؛ نام‌ها باید دقیقاً همان‌هایی باشند که صورت تمرین گفته است.",
        en=f"`{name}` is not defined in {module}.py; names must be exactly those the task gives.",
    )


def wrong_signature(contract: str, actual: str) -> Text:
    return Text(
        fa=f"امضای تابع با قرارداد تمرین نمی‌خواند: باید `{contract}` باشد، اما مال شما `{actual}` است.",
        en=f"The signature does not match the task's contract: expected `{contract}`, yours is `{actual}`.",
    )


def wrong_default(contract: str, param: str, wanted: object, given: object) -> Text:
    return Text(
        fa=f"مقدار پیش‌فرض `{param}` با قرارداد تمرین نمی‌خواند: در `{contract}` پیش‌فرض آن {wanted!r} است، "
           f"اما مال شما {given!r} است. کسی که این تابع را بی `{param}` صدا بزند همان رفتاری را می‌خواهد که "
           "قرارداد وعده داده است.",
        en=f"The default of `{param}` does not match the task's contract: `{contract}` gives it {wanted!r}, yours "
           f"is {given!r}. A caller who leaves `{param}` out expects what the contract promises.",
    )


def contract_blocks(name: str, problem: Text) -> Text:
    return Text(
        fa=f"این آزمون `{name}` را صدا می‌زند و برای همین اجرا نشد؛ آزمون‌هایی که آن را صدا نمی‌زنند جداگانه سنجیده شدند. {problem.fa}",
        en=f"This check calls `{name}`, so it could not run (the checks that do not call it were graded as usual). {problem.en}",
    )


def unmet(detail: str) -> Text:
    """A suite's own expectation failed without a message of its own: never blamed on the student's code."""
    return Text(
        fa=f"رفتار کد شما با آنچه این آزمون انتظار دارد نمی‌خواند: {detail}",
        en=f"Your code's behaviour does not meet this check's expectation: {detail}",
    )


def not_async(name: str) -> Text:
    return Text(
        fa=f"`{name}` باید یک تابع ناهم‌گام باشد (`async def`).",
        en=f"`{name}` must be a coroutine function (`async def`).",
    )


def not_implemented(where: str) -> Text:
    return Text(
        fa=f"هنوز پیاده‌سازی نشده است: {where} همچنان NotImplementedError می‌دهد.",
        en=f"Not implemented yet: {where} still raises NotImplementedError.",
    )


def raised(exc: str, where: str) -> Text:
    return Text(
        fa=f"کد شما خطا داد: {exc}{where}",
        en=f"Your code raised {exc}{where}",
    )


def check_timed_out(seconds: float) -> Text:
    return Text(
        fa=f"این آزمون پس از {seconds:g} ثانیه تمام نشد و متوقف شد. احتمالاً بن‌بست (deadlock)، حلقهٔ بی‌پایان یا انتظاری که هرگز تمام نمی‌شود.",
        en=f"This check timed out after {seconds:g} s and was stopped: a likely deadlock, infinite loop, or a wait that never ends.",
    )


def crashed(code: int | None, tail: str) -> Text:
    tail = f"\n{tail}" if tail else ""
    return Text(
        fa=f"پردازهٔ آزمون در میانهٔ این آزمون از کار افتاد (کد خروج {code}). کد شما `sys.exit` یا `os._exit` صدا زده یا مفسر را از کار انداخته است؟{tail}",
        en=f"The grading process died during this check (exit code {code}). Does your code call `sys.exit` or `os._exit`, or crash the interpreter?{tail}",
    )


def exercise_time_limit(seconds: float) -> Text:
    return Text(
        fa=f"اجرا نشد: سقف زمانی کل تمرین ({seconds:g} ثانیه) پیش از رسیدن به این آزمون تمام شد.",
        en=f"Not run: the exercise's time limit ({seconds:g} s) ran out before this check.",
    )


def not_reported() -> Text:
    return Text(
        fa="این آزمون نتیجه‌ای گزارش نکرد و برای همین رد شده به حساب می‌آید.",
        en="This check reported no result, so it counts as failed.",
    )


def not_run() -> Text:
    return Text(fa="اجرا نشد؛ مشکل بالا را ببینید.", en="Not run; see the problem above.")


def output_truncated(hidden: int) -> str:
    return f"… [{hidden} more characters of output not shown / {hidden} نویسهٔ دیگر نشان داده نشد]"


def forged() -> Text:
    return Text(
        fa="نتیجهٔ این ارزیابی دست‌کاری شد: سطری در کانال نتیجه نوشته شد که ارزیاب ننوشته بود. کد شما نباید در فایل‌های ارزیاب بنویسد؛ همهٔ آزمون‌ها رد به حساب آمدند.",
        en="The grading result was tampered with: a line the grader did not write appeared on its result channel. Your code must not write to the grader's files; every check counts as failed.",
    )


def tampered(names: list[str]) -> Text:
    shown = ", ".join(names) or "?"
    return Text(
        fa=f"کد شما بخشی از ارزیاب یا pytest را عوض کرد ({shown})؛ نتیجه قابل اعتماد نیست و همهٔ آزمون‌ها رد به حساب آمدند.",
        en=f"Your code replaced part of the grader or of pytest ({shown}); the result cannot be trusted, so every check counts as failed.",
    )


def too_many_processes(limit: int) -> Text:
    return Text(
        fa=f"کد شما بیش از {limit} پردازه هم‌زمان ساخت (fork bomb؟) و متوقف شد.",
        en=f"Your code started more than {limit} processes at once (a fork bomb?) and was stopped.",
    )


def too_many_tasks(limit: int) -> Text:
    return Text(
        fa=f"کد شما به سقف {limit} پردازه و نخ هم‌زمان رسید؛ سیستم‌عامل اجازهٔ ساختن بیشتر نداد و اجرا متوقف شد.",
        en=f"Your code reached the limit of {limit} processes and threads at once; the system refused to "
           "start more and the run was stopped.",
    )


def too_much_memory(limit: int) -> Text:
    gib = limit / 2**30
    return Text(
        fa=f"کد شما بیش از {gib:g} گیگابایت حافظه گرفت و متوقف شد.",
        en=f"Your code used more than {gib:g} GiB of memory and was stopped.",
    )


# The course numbers its lessons without naming them; "Re-read: lesson 16" alone says little.
LESSONS = {
    2: Text(fa="یک هسته یا همهٔ هسته‌ها: هم‌روندی و موازی‌کاری", en="One core or all of them: concurrency and parallelism"),
    3: Text(fa="هم‌گام و ناهم‌گام", en="Synchronous and asynchronous code"),
    4: Text(fa="GIL، و asyncio روی یک نخ", en="The GIL, and asyncio on a single thread"),
    5: Text(fa="ژنراتورها", en="Generators"),
    7: Text(fa="asyncio: async، await و taskها", en="asyncio: async, await and tasks"),
    8: Text(fa="حلقهٔ رویداد و uvloop", en="The event loop and uvloop"),
    9: Text(fa="درخواست‌های ناهم‌گام با aiohttp", en="Asynchronous HTTP with aiohttp"),
    10: Text(fa="کتابخانه‌های ناهم‌گام، یا نخ‌ها", en="Async libraries, or threads"),
    11: Text(fa="نخ‌ها با threading", en="Threads with threading"),
    12: Text(fa="متوقف کردن نخ‌ها", en="Stopping threads"),
    13: Text(fa="کار محاسباتی و GIL", en="CPU-bound work and the GIL"),
    14: Text(fa="race condition", en="Race conditions"),
    15: Text(fa="قفل (Lock)", en="Locks"),
    16: Text(fa="بن‌بست و RLock", en="Deadlocks and RLock"),
    17: Text(fa="چندپردازشی با multiprocessing", en="Multiprocessing"),
    18: Text(fa="گرفتن نتیجه از Pool", en="Getting results from a Pool"),
    19: Text(fa="concurrent.futures", en="concurrent.futures"),
}


def lessons(numbers: tuple[int, ...]) -> Text:
    """``lesson 5``, ``lessons 3 and 7``: the word agrees with the count, in both languages."""
    if len(numbers) == 1:
        return Text(fa=f"جلسهٔ {numbers[0]}", en=f"lesson {numbers[0]}")
    *first, last = map(str, numbers)
    return Text(fa=f"جلسه‌های {'، '.join(first)} و {last}", en=f"lessons {', '.join(first)} and {last}")
