"""The ``grade`` command.

``grade ex04`` (or ``grade 4``, ``grade ex04_aiohttp_scraper``) grades one exercise:
any first word that is not a sub-command (``all``, ``list``, ``hint``, ``verify`` …)
names an exercise, and becomes the command's name in its help and its errors.

Exit codes: 0 every graded exercise scored 100; 1 some did not (or, for
``verify``, something was not as expected); 2 a usage error, bad input or an
internal error of the grader.
"""
from __future__ import annotations

import importlib.util
import sys
import traceback
from pathlib import Path

import click

from grader.cli import student
from grader.cli.common import ERROR, exercise, grading_options
from grader.core import manifest
from grader.views import terminal

INSTRUCTOR_COMMANDS = ("batch", "export", "handout", "gradescope", "override", "similarity", "verify")  # a kit cannot import them to ask


def has_instructor_tools() -> bool:
    """A student kit ships without grader/instructor/ (`grade handout` leaves it out)."""
    return importlib.util.find_spec("grader.instructor") is not None


class ExerciseGroup(click.Group):
    """Any first word that is not a sub-command names an exercise: ``grade ex04 --lang fa``."""

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in ("instructor", *INSTRUCTOR_COMMANDS):
            return _instructor_command(cmd_name)
        if command is None and not cmd_name.startswith("-"):
            return exercise_command
        return command

    def list_commands(self, ctx):
        return super().list_commands(ctx) + (["instructor"] if has_instructor_tools() else [])

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


def _instructor_command(name: str) -> click.Command:
    """The instructor's group or one of its commands, imported now; in a student kit, a clear refusal."""
    if has_instructor_tools():
        from grader.cli.instructor import instructor

        return instructor if name == "instructor" else instructor.commands[name]

    @click.command(name, context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                                           "help_option_names": []})
    def refused():
        click.echo(f"`grade {name}` is an instructor's command: it needs the instructor's repository of the "
                   "course (this is a student kit, which ships without it). `grade --help` lists your commands.",
                   err=True)
        sys.exit(ERROR)

    return refused


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
def exercise_command(ctx, lang, solutions, seed, as_json, path):
    """Grade this exercise: each check as it finishes, then what changed since your last run."""
    ex = exercise(ctx.info_name, tuple(cli.list_commands(ctx)), ctx.parent)
    student.grade_and_report([ex], lang, solutions, as_json, path, seed)


for command in (student.all_command, student.list_command, student.hint_command, student.watch_command,
                student.reset_command, student.report_command, student.classroom_command):
    cli.add_command(command)


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
