"""``grade hint``: a ladder of hints per check, from a nudge to an explanation in words, never the code.

A student stuck on one check should not have to read hints about the others, so
each check of an exercise has its own ladder, in ``suites/<slug>/hints.toml``: an
array of tables named by the check's id, each hint with ``fa`` and ``en``. How far
the student has climbed each ladder is kept in ``.hamzaman/hints.json``
(``{"ex01": {"take_exact_pull": 2}}``). Only ``grade hint EXERCISE CHECK`` reveals
a hint; ``grade hint EXERCISE`` shows again what was read, in any language.
"""
from __future__ import annotations

import difflib

import click

from grader.core.hint_ladders import READ, command, ladders
from grader.core.manifest import Check, Exercise, Text
from grader.core.results import FAILED, ExerciseResult
from grader.core.workspace import Workspace
from grader.student.progress import locked, read_json, write_json
from grader.views.prose import in_lang

STATE = "hints.json"
HEADING = Text(fa="راهنمایی {n} از {total}", en="Hint {n} of {total}")
MORE = Text(fa="راهنمایی بعدی این آزمون: دوباره grade hint {id} {check}",
            en="For this check's next hint, run again: grade hint {id} {check}")
LAST = Text(fa="این آخرین راهنمایی این آزمون بود. باقی‌اش با شماست!",
            en="That was this check's last hint. The rest is yours!")
REREAD = Text(fa="برای خواندن دوبارهٔ همهٔ راهنمایی‌های این تمرین، بی راهنمایی تازه: grade hint {id}",
              en="To read every hint of this exercise again, with no new one: grade hint {id}")
NONE_READ = Text(fa="هنوز هیچ راهنمایی‌ای از {id} نخوانده‌اید.", en="You have not read any hint of {id} yet.")
ASK_FAILED = Text(fa="آزمون‌هایی که در آخرین اجرا رد شدند؛ برای راهنمایی هر کدام:",
                  en="Failed in your last run; for a hint on one of them:")
ASK_ANY = Text(fa="هر راهنمایی مال یک آزمون است: grade hint {id} CHECK، که CHECK یکی از این‌هاست:",
               en="Each hint belongs to a check: grade hint {id} CHECK, with CHECK one of:")


def seen(ws: Workspace, ex: Exercise) -> dict[str, int]:
    """How many hints of each check were read."""
    return _counts(read_json(ws.state_dir / STATE, {}), ex)


def _counts(state: dict, ex: Exercise) -> dict[str, int]:
    """An older kit counted per exercise, not per check: such a count means no hint of any check."""
    counts = state.get(ex.id)
    if not isinstance(counts, dict):
        return {}
    return {check_id: n for check_id, n in counts.items() if isinstance(n, int) and n > 0}


def reveal(ws: Workspace, ex: Exercise, check_id: str) -> int:
    """Read one more hint of ``check_id`` (up to its last); return how many of its hints are read now."""
    with locked(ws):
        path = ws.state_dir / STATE
        state = read_json(path, {})
        counts = _counts(state, ex)
        read = min(counts.get(check_id, 0) + 1, len(ladders(ex).get(check_id, [])))
        if read and read != counts.get(check_id):
            state[ex.id] = {**counts, check_id: read}
            write_json(path, state)
    return read


def find_check(ex: Exercise, name: str) -> Check:
    """A check named by its id or by its number in the exercise's list (1 for the first)."""
    key = name.strip().lower()
    if key.isdigit() and 1 <= int(key) <= len(ex.checks):
        return ex.checks[int(key) - 1]
    for c in ex.checks:
        if c.id == key:
            return c
    ids = [c.id for c in ex.checks]
    close = difflib.get_close_matches(key, ids, n=1)
    suggestion = f" Did you mean {close[0]}?" if close else ""
    raise click.UsageError(f"{ex.id} has no check {name!r}.{suggestion} Its checks: {', '.join(ids)} "
                           "(or their numbers, 1 for the first).")


def show(ws: Workspace, ex: Exercise, check: Check | None, lang: str, last: ExerciseResult | None) -> None:
    """With a check: reveal its next hint and show its ladder so far. Without: show every hint read, reveal none."""
    click.secho(f"\n{ex.id}  {ex.title(lang)}", bold=True)
    if check is None:
        _reread(ws, ex, lang, last)
        return
    ladder = ladders(ex).get(check.id, [])
    read = reveal(ws, ex, check.id)
    _ladder(check, ladder, read, lang, newest=True)
    click.echo("\n" + (LAST(lang) if read >= len(ladder) else MORE(lang).format(id=ex.id, check=check.id)))
    click.echo(REREAD(lang).format(id=ex.id))


def _reread(ws: Workspace, ex: Exercise, lang: str, last: ExerciseResult | None) -> None:
    """Every hint read so far, then the commands for the checks the last run failed (or the check ids)."""
    all_ladders, counts = ladders(ex), seen(ws, ex)
    for c in ex.checks:
        if counts.get(c.id):
            _ladder(c, all_ladders.get(c.id, []), counts[c.id], lang, newest=False)
    if not counts:
        click.echo(NONE_READ(lang).format(id=ex.id))
    failed = [c.id for c in last.checks if c.status == FAILED] if last else []
    if not failed:
        click.echo(f"\n{ASK_ANY(lang).format(id=ex.id)}\n  " + ", ".join(c.id for c in ex.checks))
        return
    click.echo(f"\n{ASK_FAILED(lang)}")
    for check_id in failed:
        total = len(all_ladders.get(check_id, []))
        count = f"  ({in_lang(READ(lang).format(n=counts[check_id], total=total), lang)})" if counts.get(check_id) else ""
        click.echo(f"  {command(ex, check_id)}{count}")


def _ladder(check: Check, ladder: list[Text], read: int, lang: str, newest: bool) -> None:
    click.secho(f"\n{check.title(lang)}  ({check.id})", bold=True)
    for n, hint in enumerate(ladder[:read], 1):
        latest = newest and n == read
        click.secho(f"  {in_lang(HEADING(lang).format(n=n, total=len(ladder)), lang)}", bold=latest,
                    fg="cyan" if latest else None)
        click.echo(click.wrap_text(in_lang(hint(lang), lang), width=78, initial_indent="    ", subsequent_indent="    ",
                                   preserve_paragraphs=True))
