"""``grade hint``: progressive hints, one more at each call, never the solution.

Each exercise's hints live beside its hidden suite, in ``suites/<slug>/hints.toml``
(``[[hint]]`` tables with ``fa`` and ``en``), from a nudge to a near-answer in
words. How many the student has seen is kept in ``.hamzaman/hints.json``, so a
hint once shown stays shown and the next call adds exactly one.
"""
from __future__ import annotations

import click

from .manifest import Exercise, Text, tomllib
from .progress import read_json, write_json
from .workspace import Workspace

FILE = "hints.toml"
STATE = "hints.json"
HEADING = Text(fa="راهنمایی {n} از {total}", en="Hint {n} of {total}")
MORE = Text(fa="برای راهنمایی بعدی دوباره بزنید: grade hint {id}", en="For the next hint, run again: grade hint {id}")
LAST = Text(fa="این آخرین راهنمایی بود. باقی‌اش با شماست!", en="That was the last hint. The rest is yours!")
NONE = Text(fa="برای {id} راهنمایی‌ای نوشته نشده است.", en="No hints are written for {id}.")


def hints(ex: Exercise) -> list[Text]:
    try:
        with (ex.suite / FILE).open("rb") as f:
            raw = tomllib.load(f)
    except FileNotFoundError:
        return []
    return [Text(fa=h["fa"].strip(), en=h["en"].strip()) for h in raw.get("hint", [])]


def reveal(ws: Workspace, ex: Exercise) -> list[Text]:
    """Reveal one more hint (up to the last) and return every hint revealed so far."""
    all_hints = hints(ex)
    if not all_hints:
        return []
    path = ws.state_dir / STATE
    seen = read_json(path, {})
    shown = min(int(seen.get(ex.id, 0)) + 1, len(all_hints))
    if shown != seen.get(ex.id):
        seen[ex.id] = shown
        write_json(path, seen)
    return all_hints[:shown]


def show(ws: Workspace, ex: Exercise, lang: str) -> None:
    shown, total = reveal(ws, ex), len(hints(ex))
    if not shown:
        click.echo(NONE(lang).format(id=ex.id))
        return
    click.secho(f"\n{ex.id}  {ex.title(lang)}", bold=True)
    for n, hint in enumerate(shown, 1):
        newest = n == len(shown)
        click.secho(f"\n{HEADING(lang).format(n=n, total=total)}", bold=newest, fg="cyan" if newest else None)
        click.echo(click.wrap_text(hint(lang), width=78, initial_indent="  ", subsequent_indent="  ",
                                   preserve_paragraphs=True))
    click.echo("\n" + (LAST(lang) if len(shown) == total else MORE(lang).format(id=ex.id)))
