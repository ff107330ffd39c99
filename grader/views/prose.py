"""Where code sits inside a verdict's sentence, and Persian digits for the rest of a Persian one.

Messages mix prose with code the student wrote or must write (``take(3, [1, 2])``), found here by
its brackets. The task texts write numbers in Persian digits; a Persian verdict does too, but only
for a number that stands between Persian words with nothing of code next to it, so that a value, a
piece of code (``limit=3``, ``f(a, 5)``, ``[5]``) or an English phrase inside the sentence is never altered.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

CODE_START = re.compile(r"\.?[A-Za-z_][\w.]*\(|\[|\{")  # a call such as take(3, [1, 2]), a list, a dict
PAIRS = {"(": ")", "[": "]", "{": "}"}
NUMBER = re.compile(r"([(«]?)(\d+(?:\.\d+)?)([)»،؛:.!؟]*)")
PERSIAN = re.compile(r"[\u0600-\u06ff]")
CODE_LIKE = re.compile(r"[=\[\]{}<>'\"`_/-]|[A-Za-z]\w*\(|\d")
DIGITS = str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫")


def pieces(text: str) -> Iterator[tuple[str, bool]]:
    """``text`` cut into (piece, is_code): each call, list or dict with balanced brackets is code."""
    pos = 0
    while (m := CODE_START.search(text, pos)):
        end = _closing(text, m.end() - 1)
        if end is None:
            yield text[pos:m.end()], False
        else:
            yield text[pos:m.start()], False
            yield text[m.start():end + 1], True
        pos = m.end() if end is None else end + 1
    yield text[pos:], False


def _closing(text: str, start: int) -> int | None:
    """The index of the bracket that closes the one at ``start``, if the brackets balance."""
    stack = []
    for i in range(start, len(text)):
        if text[i] in PAIRS:
            stack.append(PAIRS[text[i]])
        elif text[i] in PAIRS.values():
            if not stack or stack.pop() != text[i]:
                return None
            if not stack:
                return i
    return None


def persian_digits(text: str) -> str:
    """Latin digits of the prose of a Persian text in Persian ones (see the module's rule)."""
    cut = list(pieces(text))
    out = []
    for i, (piece, code) in enumerate(cut):
        out.append(piece if code else _prose_digits(piece, i > 0 and cut[i - 1][1], i + 1 < len(cut) and cut[i + 1][1]))
    return "".join(out)


def _prose_digits(prose: str, code_before: bool, code_after: bool) -> str:
    tokens = re.split(r"(\s+)", prose)
    words = tokens[::2]
    for i, word in enumerate(words):
        m = NUMBER.fullmatch(word)
        if not m:
            continue
        before = words[i - 1] if i > 0 else ("x(" if code_before else "")
        after = words[i + 1] if i + 1 < len(words) else ("x(" if code_after else "")
        near = [w for w in (before, after) if w]  # Persian on every side: an English phrase keeps its digits
        if near and all(PERSIAN.search(w) for w in near) and not any(CODE_LIKE.search(w) for w in near):
            words[i] = m.group(1) + m.group(2).translate(DIGITS) + m.group(3)
    tokens[::2] = words
    return "".join(tokens)


def in_lang(text: str, lang: str) -> str:
    """A text as a reader of ``lang`` reads it: Persian digits in Persian prose."""
    return persian_digits(text) if lang == "fa" else text
