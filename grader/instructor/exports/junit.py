"""JUnit XML, the format CI servers and LMS plug-ins read.

A ``testsuite`` per student × exercise, a ``testcase`` per check: a failed check
carries a ``failure`` with its message, a skipped one ``skipped``; a check that
never ran because the submission could not load, or that the grader had to
stop (timeout, crash), an ``error``. A student
whose whole submission is unusable gets one suite with one ``error``.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from grader.core.records import StudentRecord
from grader.core.results import FAILED, SKIPPED, CheckResult, ExerciseResult
from grader.views.fields import clean_text, duration, explanation, message, override_note
from grader.views.render import pass_note


def _element(parent: ET.Element, tag: str, text: str = "", **attrs) -> ET.Element:
    node = ET.SubElement(parent, tag, {k: clean_text(str(v)) for k, v in attrs.items()})
    if text:
        node.text = clean_text(text)
    return node


def _is_error(result: ExerciseResult, check: CheckResult) -> bool:
    """Not a wrong answer: the submission did not load, or the grader had to stop the check
    (timeout, crash, too many processes, too much memory)."""
    return result.problem is not None or bool(check.incident)


def _suite(parent: ET.Element, record: StudentRecord, result: ExerciseResult, lang: str) -> None:
    ex = result.exercise
    failed = sum(c.status == FAILED for c in result.checks)
    errors = sum(c.status == FAILED and _is_error(result, c) for c in result.checks)
    suite = _element(parent, "testsuite", name=f"{record.student}/{ex.id}", tests=len(result.checks),
                     failures=failed - errors, errors=errors,
                     skipped=sum(c.status == SKIPPED for c in result.checks), time=f"{duration(result):.3f}")
    props = _element(suite, "properties")
    _element(props, "property", name="score", value=result.score)
    for c in result.checks:
        case = _element(suite, "testcase", classname=f"{record.student}.{ex.slug}", name=c.id,
                        time=f"{c.duration:.3f}")
        first = (result.problem(lang) if result.problem else message(c, lang)).splitlines()
        summary = first[0] if first else ""
        if c.status == FAILED:
            _element(case, "error" if _is_error(result, c) else "failure", explanation(result, c, lang),
                     message=summary, type=c.incident or FAILED)
        elif c.status == SKIPPED:
            _element(case, "skipped", message=summary)
        if c.output:
            _element(case, "system-out", c.output)
        facts = {"set_by_hand": override_note(c, lang) if c.override else "", "note": pass_note(c, lang)}
        if any(facts.values()):  # a passed testcase has no element of its own for a note: a property carries it
            case_props = _element(case, "properties")
            for name, value in facts.items():
                if value:
                    _element(case_props, "property", name=name, value=value)


def to_junit(records: list[StudentRecord], lang: str) -> ET.Element:
    root = ET.Element("testsuites", name="hamzaman")
    for record in records:
        if record.problem:
            suite = _element(root, "testsuite", name=record.student, tests=1, failures=0, errors=1, skipped=0)
            case = _element(suite, "testcase", classname=record.student, name="submission")
            _element(case, "error", record.problem(lang), message=record.problem(lang).splitlines()[0])
        for result in record.results:
            _suite(root, record, result, lang)
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key, 0)) for s in root)))
    return root


def write_junit(records: list[StudentRecord], path: Path, lang: str = "en") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tree = ET.ElementTree(to_junit(records, lang))
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return path
