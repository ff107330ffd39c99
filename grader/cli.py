"""The ``grade`` command.

``grade ex04`` (or ``grade 4``, ``grade ex04_aiohttp_scraper``) grades one exercise:
any first word that is not a sub-command (``all``, ``list``, ``hint``, ``verify`` …)
names an exercise, and becomes the command's name in its help and its errors.

Exit codes: 0 every graded exercise scored 100; 1 some did not (or, for
``verify``, something was not as expected); 2 a usage error, bad input or an
internal error of the grader.
"""
from __future__ import annotations

import difflib
import functools
import json
import os
import signal
import sys
import traceback
from pathlib import Path

import click

from . import (
    batch,
    changes,
    classroom,
    gradescope_bundle,
    handout,
    hints,
    live,
    manifest,
    messages,
    progress,
    render,
    report,
    reset,
    summary,
    terminal,
    watch,
)
from .cpus import usable_cpus
from .exports.everything import write_all
from .gradebook import Gradebook, GradebookBusy, NotAGradebook
from .manifest import UnknownExercise
from .runner import grade
from .verify import verify_exercise
from .workspace import NoWorkspace, Submission, Workspace

FULL_MARKS, NOT_FULL_MARKS, ERROR = 0, 1, 2


def workspace_option(f):
    return click.option("--path", "path", type=click.Path(path_type=Path),
                        help="The workspace to grade (default: the one around the current folder).")(f)


lang_option = click.option("--lang", type=click.Choice(["en", "fa"]),
                           default=lambda: os.environ.get("HAMZAMAN_LANG", "en"),
                           show_default="en or $HAMZAMAN_LANG", help="Language of the verdicts.")


def grading_options(f):
    @lang_option
    @click.option("--solutions", is_flag=True, help="Grade the reference solutions instead of your files.")
    @click.option("--json", "as_json", is_flag=True, help="Print a machine-readable result.")
    @workspace_option
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)

    return wrapper


def _workspace(path: Path | None) -> Workspace:
    try:
        return Workspace.locate(path)
    except NoWorkspace as e:
        raise click.UsageError(
            f"No workspace at {e.args[0]}: it has no exercises/ folder. "
            "Run grade from inside the kit, or name it with --path."
        ) from None


def _exercise(name: str, commands: tuple[str, ...] = (), ctx: click.Context | None = None) -> manifest.Exercise:
    """The exercise ``name`` means, or a usage error that suggests the closest exercise (or command)."""
    try:
        return manifest.find(name)
    except UnknownExercise:
        known = ", ".join(ex.id for ex in manifest.exercises())
        names = {ex.id: ex.id for ex in manifest.exercises()} | {ex.slug: ex.slug for ex in manifest.exercises()}
        names |= {c: f"grade {c}" for c in commands}
        close = difflib.get_close_matches(name.strip().lower(), names, n=1, cutoff=0.6)
        suggestion = f" Did you mean '{names[close[0]]}'?" if close else ""
        raise click.UsageError(f"Unknown exercise {name!r}.{suggestion} Known: {known} "
                               "(or their numbers, or their folder names).", ctx) from None


def _complete_exercise(ctx, param, incomplete: str) -> list[str]:
    return [ex.id for ex in manifest.exercises() if ex.id.startswith(incomplete) or ex.slug.startswith(incomplete)]


def _complete_check(ctx, param, incomplete: str) -> list[str]:
    try:
        ex = manifest.find(ctx.params.get("name") or "")
    except UnknownExercise:
        return []
    return [c.id for c in ex.checks if c.id.startswith(incomplete)]


def _grade_and_report(exercises, lang, solutions, as_json, path) -> None:
    ws = _workspace(path)
    if solutions and not (ws.root / "solutions").is_dir():
        raise click.UsageError(f"{ws.root} has no solutions/ folder (a student kit ships without them).")
    previous = {ex.id: progress.last(ws, ex) for ex in exercises}
    results = []
    for ex in exercises:
        sub = Submission.reference(ws, ex) if solutions else Submission.student(ws, ex)
        results.append(grade(sub) if as_json else live.grade(sub, render.view(ws, ex, lang, ws.relative(sub.dirs[0]))))
    if not solutions:
        progress.record(ws, results)
    if as_json:
        payload = [r.to_json(lang) for r in results]
        click.echo(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
    elif len(results) > 1:
        total = sum(r.score for r in results)
        click.secho(f"\nTotal: {total}/{100 * len(results)}", bold=True)
    if not (solutions or as_json):
        _what_next(ws, results, previous, lang)
    sys.exit(FULL_MARKS if all(r.score == 100 for r in results) else NOT_FULL_MARKS)


def _what_next(ws: Workspace, results: list, previous: dict[str, progress.Stored | None], lang: str) -> None:
    """A grading ends like a watched one: what changed since the last run (for one exercise), and the next step."""
    if len(results) == 1:
        stored = previous[results[0].exercise.id]
        click.echo()
        changes.show(stored.result if stored else None, results[0], lang)
    unfinished = next((r for r in results if r.score < 100), results[-1])
    step = changes.next_step(unfinished, progress.next_exercise(ws), lang)
    if step:
        click.secho(step, bold=True)


class ExerciseGroup(click.Group):
    """Any first word that is not a sub-command names an exercise: ``grade ex04 --lang fa``."""

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        if command is None and not cmd_name.startswith("-"):
            return exercise_command
        return command

    def format_commands(self, ctx, formatter):
        with formatter.section("Grade one exercise"):
            formatter.write_dl([("EXERCISE", "ex04, 4, 04 or ex04_aiohttp_scraper: grade it, each check as it "
                                             "finishes (`grade ex04 --help` for its options).")])
        super().format_commands(ctx, formatter)

    def shell_complete(self, ctx, incomplete):
        from click.shell_completion import CompletionItem

        exercises = [CompletionItem(ex.id, help=ex.title("en")) for ex in manifest.exercises()
                     if ex.id.startswith(incomplete)]
        return exercises + super().shell_complete(ctx, incomplete)


@click.group(cls=ExerciseGroup, invoke_without_command=True, no_args_is_help=False,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hamzaman", prog_name="grade", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx):
    """Grade the exercises of the hamzaman kit: `grade ex01`, `grade watch`, `grade list`."""
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@grading_options
@click.pass_context
def exercise_command(ctx, lang, solutions, as_json, path):
    """Grade this exercise: each check as it finishes, then what changed since your last run."""
    ex = _exercise(ctx.info_name, tuple(cli.list_commands(ctx)), ctx.parent)
    _grade_and_report([ex], lang, solutions, as_json, path)


@cli.command("all")
@grading_options
def all_command(lang, solutions, as_json, path):
    """Grade every exercise."""
    _grade_and_report(manifest.exercises(), lang, solutions, as_json, path)


@cli.command("list")
@lang_option
@workspace_option
def list_command(lang, path):
    """List the exercises, their lessons and your last score."""
    ws = _workspace(path)
    scores = progress.load(ws)
    upcoming = progress.next_exercise(ws)
    for ex in manifest.exercises():
        last = scores.get(ex.id, {}).get("score")
        shown = "  -" if last is None else f"{last:3d}"
        marker = click.style("  <- next", fg="cyan", bold=True) if ex == upcoming else ""
        click.secho(f"{ex.id}  {shown}/100  {ex.title(lang)}  ({messages.lessons(ex.lessons)(lang)})  {ex.slug}",
                    fg="green" if last == 100 else None, nl=False)
        click.echo(marker)
    click.echo(f"\nNext: grade {upcoming.id}   (or: grade watch, grade hint {upcoming.id})" if upcoming
               else "\nEvery exercise scores 100.")


@cli.command("verify")
@click.argument("names", nargs=-1)
@workspace_option
def verify_command(names, path):
    """For CI: every solution and alternative scores 100, every stub 0, every mutant is caught."""
    ws = _workspace(path)
    exercises = [_exercise(n) for n in names] or manifest.exercises()
    surprises = 0
    click.echo(f"{'exercise':8}  {'subject':44}  {'expected':24}  {'score':>5}  verdict")
    for ex in exercises:
        for o in verify_exercise(ws, ex):
            verdict = click.style("ok", fg="green") if o.ok else click.style("SURPRISE", fg="red", bold=True)
            detail = "" if o.ok else f"  ({o.detail})"
            click.echo(f"{o.exercise:8}  {o.subject:44}  {o.expected:24}  {o.score:5d}  {verdict}{detail}")
            surprises += not o.ok
    click.echo(f"\n{surprises} surprise(s)")
    sys.exit(NOT_FULL_MARKS if surprises else FULL_MARKS)


@cli.command("batch")
@click.argument("submissions", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=usable_cpus, show_default="the usable CPUs",
              help="Gradings run in parallel (speedup checks always run alone).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("gradebook.sqlite"),
              show_default=True, help="The gradebook; an interrupted batch resumes from it.")
@click.option("--force", is_flag=True, help="Grade again even what is unchanged since the last run.")
@click.option("--exercise", "names", multiple=True, help="Only this exercise (repeatable).")
@workspace_option
def batch_command(submissions, jobs, db, force, names, path):
    """Grade a whole class: SUBMISSIONS holds one folder or .zip per student."""
    kit = _workspace(path)
    exercises = tuple(_exercise(n) for n in names) or None
    book = _gradebook(db)
    try:
        book.hold_for_batch()
    except GradebookBusy as e:
        book.close()
        _usage_error(str(e))
    run = batch.Batch(kit, submissions, book, jobs=jobs, force=force, exercises=exercises)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        plan = run.plan()
        for student, ex_id, deaths in plan.died_during:
            click.secho(f"The grader died {deaths} time(s) while grading {student} {ex_id}"
                        + (": that submission now scores 0 and is not graded again."
                           if deaths >= batch.DEATHS_TO_BLAME else "; it is graded again."), fg="yellow")
        click.echo(f"{plan.total} gradings to run ({plan.skipped} unchanged since the last run).")
        results = []
        with click.progressbar(length=plan.total, label="grading", show_eta=True, show_pos=True,
                               item_show_func=lambda j: j and f"{j.student} {j.exercise.id}") as bar:
            def advance(job, result):
                results.append(result)
                bar.update(1, job)
            run.run(plan, advance)
        summary.render(book.records())
        summary.render_protections(results)
        click.echo(f"\nGradebook: {db}")
    except KeyboardInterrupt:
        click.echo(f"\nInterrupted. What was graded is saved in {db}; the gradings that were running were "
                   "dropped, and the same command resumes with them.", err=True)
        sys.exit(ERROR)
    finally:
        signal.signal(signal.SIGTERM, previous)
        run.close()
        book.close()


def _interrupt(signum, frame):
    """SIGTERM stops a batch the way Ctrl-C does: nothing unfinished is stored."""
    raise KeyboardInterrupt


def _usage_error(message: str):
    click.echo(message, err=True)
    sys.exit(ERROR)


def _gradebook(db: Path, *, create: bool = True) -> Gradebook:
    """The gradebook, or one line saying what is wrong with the file and what to do."""
    try:
        return Gradebook(db, create=create)
    except (NotAGradebook, FileNotFoundError) as e:
        _usage_error(str(e))
    except OSError as e:
        _usage_error(f"Cannot open the gradebook {db}: {e.strerror or e}.")


@cli.command("hint")
@click.argument("name", shell_complete=_complete_exercise)
@click.argument("check", required=False, shell_complete=_complete_check)
@lang_option
@workspace_option
def hint_command(name, check, lang, path):
    """Hints, per check: with CHECK (an id or a number) one more for it; without, those you have read, again."""
    ws, ex = _workspace(path), _exercise(name)
    stored = progress.last(ws, ex)
    hints.show(ws, ex, hints.find_check(ex, check) if check else None, lang, stored.result if stored else None)


@cli.command("watch")
@click.argument("name", required=False, shell_complete=_complete_exercise)
@lang_option
@workspace_option
@click.option("--runs", type=click.IntRange(min=1), hidden=True, help="Stop after this many gradings (tests).")
def watch_command(name, lang, path, runs):
    """Re-grade on every save (no NAME: the next unfinished exercise, then the ones after)."""
    watch.watch(_workspace(path), _exercise(name) if name else None, lang, runs)


@cli.command("reset")
@click.argument("name", shell_complete=_complete_exercise)
@click.option("--yes", is_flag=True, help="Do not ask before overwriting (a backup is kept anyway).")
@workspace_option
def reset_command(name, yes, path):
    """Put the original file of an exercise back, keeping yours in .hamzaman/backups/."""
    reset.reset(_workspace(path), _exercise(name), yes)


@cli.command("report")
@click.option("--lang", type=click.Choice(["fa", "en"]), default="fa", show_default=True,
              help="Language of the page (Persian is right to left).")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the page (default: .hamzaman/report.html).")
@click.option("--open", "open_it", is_flag=True, help="Open it in your browser.")
@workspace_option
def report_command(lang, output, open_it, path):
    """Write an HTML page of your last results, with the explanation of every failed check."""
    written = report.write(_workspace(path), lang, output)
    click.echo(f"Report written to {written}")
    if open_it:
        click.launch(str(written))


@cli.command("handout")
@click.argument("out", type=click.Path(path_type=Path))
def handout_command(out):
    """Build the student kit in OUT: stubs and public checks only, no solutions or mutants."""
    try:
        exercises = handout.build(out)
    except handout.ERRORS as e:
        raise click.UsageError(str(e)) from None
    hidden = sum(c.hidden for ex in exercises for c in ex.checks)
    click.echo(f"Student kit written to {out}: {len(exercises)} exercises, "
               f"{hidden} instructor-only check(s) left out.")


@cli.command("gradescope")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("names", nargs=-1)
@click.option("--lang", type=click.Choice(["en", "fa"]), default="fa", show_default=True,
              help="Language of the results on Gradescope (a web page shows Persian properly).")
def gradescope_command(out, names, lang):
    """Build a Gradescope autograder bundle OUT.zip that grades the named exercises (default: all)."""
    exercises = [_exercise(n) for n in names] or list(manifest.exercises())
    try:
        gradescope_bundle.build(out, [ex.id for ex in exercises], lang)
    except handout.ERRORS as e:
        raise click.UsageError(str(e)) from None
    phases = [1 + (any(c.alone for c in ex.checks) and not all(c.alone for c in ex.checks)) for ex in exercises]
    worst = sum(n * ex.time_limit for n, ex in zip(phases, exercises))  # speedup checks run in a phase of their own
    click.echo(f"Gradescope bundle written to {out}: grades {', '.join(ex.id for ex in exercises)}. Upload it "
               f"as the autograder (Ubuntu 22.04 or newer base image); set the assignment's total points to "
               f"{100 * len(exercises)} (100 per exercise) and its timeout above {worst:g} s, what the "
               "exercises' time limits allow in the worst case.")


@cli.command("classroom")
@click.argument("names", nargs=-1)
@lang_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Also write the result JSON here.")
@workspace_option
def classroom_command(names, lang, out, path):
    """For a GitHub Classroom workflow: grade, and report the points (see the README)."""
    exercises = [_exercise(n) for n in names] or list(manifest.exercises())
    data = classroom.report(_workspace(path), exercises, lang, out)
    points = sum(t["score"] for t in data["tests"])
    click.echo(f"{data['status']}: {points}/{data['max_score']} points")


@cli.command("export")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("gradebook.sqlite"),
              show_default=True, help="The gradebook a `grade batch` wrote.")
@lang_option
def export_command(out, db, lang):
    """Write every export of a gradebook into OUT: CSV, JSON, JUnit, feedback, Gradescope, Classroom, statistics."""
    book = _gradebook(db, create=False)
    try:
        written = write_all(book.records(), out, lang)
    except OSError as e:
        _usage_error(f"Cannot write the exports into {out}: {e.strerror or e} ({e.filename or out}).")
    finally:
        book.close()
    click.echo(f"{len(written)} files written to {out}.")

def main(argv: list[str] | None = None) -> None:
    terminal.use_utf8()
    try:
        cli.main(args=argv, prog_name="grade", standalone_mode=True, color=terminal.colour())
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(ERROR)
    except Exception:  # noqa: BLE001 - never a raw traceback for the user
        log = Path.home() / ".hamzaman-crash.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        click.echo(f"Internal error of the grader (not your code). Details were saved to {log}; "
                   "please send that file to your instructor.", err=True)
        sys.exit(ERROR)
