"""The instructor's commands, in their own group (``grade instructor …``; ``grade batch`` … work too).

Imported only when one of them runs, and absent from a student kit, which ships without
``grader/instructor/``.
"""
from __future__ import annotations

import signal
import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from grader.cli.common import (
    ERROR,
    FULL_MARKS,
    NOT_FULL_MARKS,
    exercise,
    lang_option,
    require_known,
    usage_error,
    workspace,
    workspace_option,
)
from grader.core import manifest
from grader.core.cpus import usable_cpus
from grader.core.files import write_text
from grader.core.results import Override
from grader.instructor import batch, gradescope_bundle, handout, lateness, similarity, summary
from grader.instructor.exports import lms
from grader.instructor.exports.everything import write_all
from grader.instructor.exports.late import write_late
from grader.instructor.gradebook import Gradebook, GradebookBusy, NotAGradebook
from grader.instructor.submissions import discover, stub_hashes
from grader.instructor.verify import verify_exercise


@click.group("instructor", context_settings={"help_option_names": ["-h", "--help"]})
def instructor():
    """The instructor's tools: a class graded and exported, kits built, the kit proven."""


@instructor.command("verify")
@click.argument("names", nargs=-1)
@click.option("--untimed", is_flag=True,
              help="Leave out the timing checks and their mutants (for a second interpreter: quicker).")
@workspace_option
def verify_command(names, path, untimed):
    """For CI: every solution and alternative scores 100, every stub 0, every mutant is caught."""
    ws = workspace(path)
    exercises = [exercise(n) for n in names] or manifest.exercises()
    surprises = 0
    click.echo(f"{'exercise':8}  {'subject':44}  {'expected':24}  {'score':>5}  verdict")
    for ex in exercises:
        for o in verify_exercise(ws, ex, untimed):
            verdict = click.style("ok", fg="green") if o.ok else click.style("SURPRISE", fg="red", bold=True)
            detail = "" if o.ok else f"  ({o.detail})"
            click.echo(f"{o.exercise:8}  {o.subject:44}  {o.expected:24}  {o.score:5d}  {verdict}{detail}")
            surprises += not o.ok
    click.echo(f"\n{surprises} surprise(s)")
    sys.exit(NOT_FULL_MARKS if surprises else FULL_MARKS)


@instructor.command("batch")
@click.argument("submissions", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=usable_cpus, show_default="the usable CPUs",
              help="Gradings run in parallel (speedup checks always run alone).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("gradebook.sqlite"),
              show_default=True, help="The gradebook; an interrupted batch resumes from it.")
@click.option("--force", is_flag=True, help="Grade again even what is unchanged since the last run.")
@click.option("--exercise", "names", multiple=True, help="Only this exercise (repeatable).")
@click.option("--student", "students", multiple=True,
              help="Only this student, by entry name (repeatable): an appeal, a late submission.")
@click.option("--check", "checks", multiple=True,
              help="Grade this check again for everyone selected, even if unchanged (repeatable): after fixing it.")
@workspace_option
def batch_command(submissions, jobs, db, force, names, students, checks, path):
    """Grade a whole class: SUBMISSIONS holds one folder or .zip per student."""
    kit = workspace(path)
    exercises = tuple(exercise(n) for n in names) or None
    if checks:  # only the exercises that hold them
        among = exercises or tuple(manifest.exercises())
        require_known(checks, [c.id for ex in among for c in ex.checks], f"check in {', '.join(e.id for e in among)}")
        exercises = tuple(ex for ex in among if any(c.id in checks for c in ex.checks))
    if students:
        require_known(students, [entry.name for entry in discover(submissions)], f"submission in {submissions}")
    book = _gradebook(db)
    try:
        book.hold_for_batch()
    except GradebookBusy as e:
        book.close()
        usage_error(str(e))
    run = batch.Batch(kit, submissions, book, jobs=jobs, force=force, exercises=exercises,
                      students=frozenset(students) or None, checks=frozenset(checks) or None)
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
        summary.render_identical(book.identical(), stub_hashes(kit.root / "exercises"))
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


@instructor.command("handout")
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


@instructor.command("gradescope")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("names", nargs=-1)
@click.option("--lang", type=click.Choice(["en", "fa"]), default="fa", show_default=True,
              help="Language of the results on Gradescope (a web page shows Persian properly).")
def gradescope_command(out, names, lang):
    """Build a Gradescope autograder bundle OUT.zip that grades the named exercises (default: all)."""
    exercises = [exercise(n) for n in names] or list(manifest.exercises())
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


@instructor.command("export")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("gradebook.sqlite"),
              show_default=True, help="The gradebook a `grade batch` wrote.")
@click.option("--roster", type=click.Path(dir_okay=False, path_type=Path),
              help="CSV of submission,student_id[,name,email]: adds canvas.csv and moodle.csv (grade imports).")
@click.option("--course", type=click.Path(dir_okay=False, path_type=Path),
              help="TOML with deadlines and a late rule: adds late.csv (penalties apart from the scores).")
@lang_option
def export_command(out, db, roster, course, lang):
    """Write every export of a gradebook into OUT: CSV, JSON, JUnit, feedback, Gradescope, Classroom, statistics."""
    try:
        students = lms.read_roster(roster) if roster else None
        rules = lateness.read_course(course) if course else None
    except (lms.BadRoster, lateness.BadCourse) as e:
        usage_error(str(e))
    book = _gradebook(db, create=False)
    try:
        records = book.records()
        written = write_all(records, out, lang)
        if students is not None:
            matched = lms.match(records, students)
            roster_report = lms.report(matched)
            written += [lms.write_canvas(records, matched, out / "canvas.csv", lang),
                        lms.write_moodle(records, matched, out / "moodle.csv", lang),
                        write_text(out / "roster-report.txt", roster_report + "\n")]
        if rules is not None:
            late_file, late_count = write_late(records, book.handed(), rules, out / "late.csv")
            written.append(late_file)
    except OSError as e:
        usage_error(f"Cannot write the exports into {out}: {e.strerror or e} ({e.filename or out}).")
    finally:
        book.close()
    click.echo(f"{len(written)} files written to {out}.")
    if students is not None:
        click.echo(roster_report)
    if rules is not None:
        click.echo(f"{late_count} exercise(s) handed in late enough to lose points: see {out / 'late.csv'}.")


@instructor.command("similarity")
@click.argument("submissions", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--exercise", "names", multiple=True, help="Only this exercise (repeatable).")
@click.option("--threshold", type=click.FloatRange(0, 1), default=similarity.THRESHOLD, show_default=True,
              help="Share of a file's code found in the other's, for a pair to be listed.")
@workspace_option
def similarity_command(submissions, out, names, threshold, path):
    """Which submissions look copied (copydetect, stub code ignored): OUT/<exercise>.html and OUT/similarity.csv."""
    try:
        import copydetect  # noqa: F401  (an optional dependency: say how to get it)
    except ImportError:
        usage_error("`grade similarity` needs copydetect: pip install -e '.[similarity]'")
    kit = workspace(path)
    exercises = [exercise(n) for n in names] or manifest.exercises()
    try:
        pairs = similarity.compare(kit, submissions, exercises, out, threshold)
    except OSError as e:
        usage_error(f"Cannot write the similarity report into {out}: {e.strerror or e} ({e.filename or out}).")
    click.echo(f"{len(pairs)} pair(s) at or above {threshold:.0%}, or identical; most similar first:")
    for p in pairs[:20]:
        how = "identical" if p.identical else f"{p.first_share:.0%} / {p.second_share:.0%}"
        click.echo(f"  {p.exercise:5} {p.first:30} {p.second:30} {how}")
    click.echo(f"Report: {out} (one HTML page per exercise with pairs, similarity.csv)")


@instructor.command("override")
@click.argument("student")
@click.argument("exercise_name", metavar="EXERCISE")
@click.argument("check_id", metavar="CHECK")
@click.argument("points", type=int, required=False)
@click.option("--comment", help="Why (required when setting): it is shown with the points in every export.")
@click.option("--remove", is_flag=True, help="Remove the points set by hand: the grader's verdict counts again.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("gradebook.sqlite"),
              show_default=True, help="The gradebook a `grade batch` wrote.")
def override_command(student, exercise_name, check_id, points, comment, remove, db):
    """Set one student's points for one check by hand (an appeal, partial credit); re-grades keep it."""
    ex = exercise(exercise_name)
    require_known((check_id,), [c.id for c in ex.checks], f"check in {ex.id}")
    if remove == (points is not None) or (not remove and not (comment or "").strip()):
        usage_error("Give POINTS and --comment to set points by hand, or --remove to take them away.")
    most = ex.check(check_id).points
    if points is not None and not 0 <= points <= most:
        usage_error(f"{ex.id} {check_id} is worth 0 to {most} points, not {points}.")
    book = _gradebook(db, create=False)
    try:
        require_known((student,), book.students(), f"student in {db}")
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        changed = book.set_override(student, ex.id, check_id, None if remove else Override(points, comment.strip(), at))
    finally:
        book.close()
    if remove:
        click.echo(f"{student} {ex.id} {check_id}: " + ("the grader's verdict counts again." if changed
                                                        else "no points were set by hand; nothing changed."))
    else:
        click.echo(f"{student} {ex.id} {check_id}: {points}/{most} set by hand ({comment.strip()}); "
                   "re-grades keep it, every export shows it, --remove takes it away.")


def _interrupt(signum, frame):
    """SIGTERM stops a batch the way Ctrl-C does: nothing unfinished is stored."""
    raise KeyboardInterrupt


def _gradebook(db: Path, *, create: bool = True) -> Gradebook:
    """The gradebook, or one line saying what is wrong with the file and what to do."""
    try:
        return Gradebook(db, create=create)
    except (NotAGradebook, FileNotFoundError) as e:
        usage_error(str(e))
    except OSError as e:
        usage_error(f"Cannot open the gradebook {db}: {e.strerror or e}.")
