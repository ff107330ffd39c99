"""`grade hint`: a ladder of bilingual hints per check, revealed one at a time, re-read without revealing."""
from __future__ import annotations

import json
import re
import sys

import pytest
from click.testing import CliRunner
from conftest import REPO, grade

from grader.cli import cli
from grader.core import hint_ladders, manifest
from grader.core.manifest import Text
from grader.core.results import FAILED, PASSED, CheckResult, ExerciseResult
from grader.core.workspace import Workspace
from grader.student import hints, progress

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PERSIAN = re.compile(r"[\u0600-\u06FF]")
# What would solve a check in one step instead of teaching it: never in a hint or a task text.
GIVEAWAYS = {
    "ex01": ("itertools", "islice"),
    "ex03": ("uvloop.run(", "loop_factory=uvloop", "Runner(loop_factory"),
    "ex05": ("ThreadPoolExecutor(max_workers",),
}
STATE = (".hamzaman", "hints.json")


def _invoke(ws, *args: str):
    return CliRunner().invoke(cli, [*args, "--path", str(ws)])


def _state(ws) -> dict:
    return json.loads(ws.joinpath(*STATE).read_text(encoding="utf-8"))


@pytest.mark.parametrize("ex", manifest.exercises(), ids=lambda ex: ex.id)
def test_every_check_has_a_ladder_of_at_least_two_bilingual_hints(ex):
    with (ex.suite / hint_ladders.FILE).open("rb") as f:
        raw = tomllib.load(f)
    public = [c for c in ex.checks if not c.hidden]
    # An instructor-only check has no ladder: the kit ships the hints, and `grade hint` there knows no such check.
    assert set(raw) <= {c.id for c in public}, f"{ex.id}: hints for checks the student kit does not have"
    for c in public:
        assert len(raw.get(c.id, [])) >= 2, f"{ex.id} {c.id} needs a ladder of at least two hints"
        for h in raw[c.id]:
            assert set(h) == {"fa", "en"}, (ex.id, c.id)
            assert PERSIAN.search(h["fa"]) and not PERSIAN.search(h["en"]), (ex.id, c.id)
            assert len(h["en"].split()) >= 12, (ex.id, c.id, "a hint says something")
    assert hints.ladders(ex).keys() == {c.id for c in public}


@pytest.mark.parametrize("ex", manifest.exercises(), ids=lambda ex: ex.id)
def test_hints_and_task_texts_never_hand_over_the_solution(ex):
    """No line of the reference solution's code in a hint or in the task text, nor a known one-step answer."""
    ladder_text = "\n".join(h.en + "\n" + h.fa for ladder in hints.ladders(ex).values() for h in ladder)
    task = (REPO / "exercises" / ex.slug / "README.md").read_text(encoding="utf-8")
    for name in ex.files:
        for line in (REPO / "solutions" / ex.slug / name).read_text(encoding="utf-8").splitlines():
            code = line.strip()
            if code.startswith(("#", '"""', "def ", "class ", "from ", "import ")):
                continue
            if len(code) >= 20:
                assert code not in ladder_text, f"{ex.id} hint quotes the solution: {code}"
            if len(code) >= 30:
                assert code not in task, f"{ex.id} task text quotes the solution: {code}"
    for giveaway in GIVEAWAYS.get(ex.id, ()):
        assert giveaway not in ladder_text, f"{ex.id} hint gives the answer away: {giveaway}"
        assert giveaway not in task, f"{ex.id} task text gives the answer away: {giveaway}"


def test_naming_a_check_reveals_its_next_hint_and_no_other(workspace):
    ws = workspace("ex01_generators")
    total = len(hints.ladders(manifest.find("ex01"))["take_exact_pull"])
    first = _invoke(ws, "hint", "ex01", "take_exact_pull")
    assert first.exit_code == 0, first.output
    assert f"Hint 1 of {total}" in first.output and "Hint 2" not in first.output
    assert "grade hint ex01 take_exact_pull" in first.output
    assert _state(ws) == {"ex01": {"take_exact_pull": 1}}
    for _ in range(total + 1):
        last = _invoke(ws, "hint", "ex01", "take_exact_pull")
    assert f"Hint {total} of {total}" in last.output and f"Hint {total + 1}" not in last.output
    assert "last hint" in last.output
    assert _state(ws) == {"ex01": {"take_exact_pull": total}}


def test_a_check_is_named_by_its_id_or_its_number(workspace):
    ws = workspace("ex01_generators")
    ex = manifest.find("ex01")
    number = [c.id for c in ex.checks].index("take_exact_pull") + 1
    run = _invoke(ws, "hint", "1", str(number), "--lang", "fa")
    assert run.exit_code == 0, run.output
    assert ex.check("take_exact_pull").title.fa in run.output and "راهنمایی ۱ از" in run.output
    assert _state(ws) == {"ex01": {"take_exact_pull": 1}}


def test_without_a_check_every_hint_read_is_shown_again_and_none_is_revealed(workspace):
    ws = workspace("ex01_generators")
    ex = manifest.find("ex01")
    _invoke(ws, "hint", "ex01", "take_exact_pull")
    _invoke(ws, "hint", "ex01", "take_negative")
    before = _state(ws)
    ladders = hints.ladders(ex)
    for lang in ("fa", "en", "fa"):
        run = _invoke(ws, "hint", "ex01", "--lang", lang)
        assert run.exit_code == 0, run.output
        for check_id in ("take_exact_pull", "take_negative"):
            assert ladders[check_id][0](lang).split()[0] in run.output
        assert ladders["take_exact_pull"][1](lang).split("\n")[0] not in run.output
    assert _state(ws) == before, "reading the hints again revealed a new one"


def test_without_a_check_the_failed_checks_of_the_last_run_are_offered(workspace):
    ws = workspace("ex01_generators")
    ex = manifest.find("ex01")
    checks = [CheckResult(c.id, FAILED if c.id == "take_exact_pull" else PASSED, c.points,
                          Text(fa="پیام", en="message") if c.id == "take_exact_pull" else None) for c in ex.checks]
    progress.record(Workspace(ws), [ExerciseResult(ex, checks)])
    run = _invoke(ws, "hint", "ex01")
    assert "not read any hint" in run.output and "grade hint ex01 take_exact_pull" in run.output
    assert "grade hint ex01 fib_sequence" not in run.output
    assert not ws.joinpath(*STATE).exists()


def test_an_unknown_check_suggests_the_closest_and_changes_nothing(workspace):
    ws = workspace("ex01_generators")
    run = _invoke(ws, "hint", "ex01", "take_exakt_pull")
    assert run.exit_code == 2 and "Did you mean take_exact_pull?" in run.output
    assert not ws.joinpath(*STATE).exists()


def test_the_count_kept_by_an_older_kit_is_ignored(workspace):
    """Older kits counted hints per exercise: that count maps to no check, and nothing breaks."""
    ws = workspace("ex01_generators")
    ws.joinpath(*STATE).parent.mkdir()
    ws.joinpath(*STATE).write_text(json.dumps({"ex01": 3}), encoding="utf-8")
    assert hints.seen(Workspace(ws), manifest.find("ex01")) == {}
    run = _invoke(ws, "hint", "ex01", "take_values")
    assert run.exit_code == 0 and "Hint 1 of" in run.output
    assert _state(ws) == {"ex01": {"take_values": 1}}


def test_a_failed_check_names_its_hint_command_and_what_was_read(workspace):
    ws = workspace("ex01_generators")
    _invoke(ws, "hint", "ex01", "take_exact_pull")
    run = grade("ex01", "--path", str(ws))
    assert run.code == 1, run.err
    total = len(hints.ladders(manifest.find("ex01"))["take_exact_pull"])
    assert f"Hint: grade hint ex01 take_exact_pull  (1 of {total} read)" in run.out
    assert "Hint: grade hint ex01 take_negative\n" in run.out


def test_hint_for_an_unknown_exercise_is_a_usage_error(workspace):
    run = grade("hint", "ex99", "--path", str(workspace("ex01_generators")))
    assert run.code == 2 and "Unknown exercise" in run.err
