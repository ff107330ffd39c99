"""Persian verdicts write the prose's numbers in Persian digits and leave every piece of code as it came."""
from __future__ import annotations

import pytest

from grader.views.prose import in_lang, persian_digits, pieces


@pytest.mark.parametrize("text, expected", [
    ("جلسهٔ 5 (ژنراتورها)", "جلسهٔ ۵ (ژنراتورها)"),
    ("کنار گذاشته شد: 25 امتیازش", "کنار گذاشته شد: ۲۵ امتیازش"),
    ("در 1.5 ثانیه", "در ۱٫۵ ثانیه"),
    ("take(3, [1, 2]) مقدار 4 را داد", "take(3, [1, 2]) مقدار ۴ را داد"),  # the call kept, the prose's 4 turned
    ("limit=3 درخواست", "limit=3 درخواست"),  # next to code: a value, kept
    ("مقدار [5] برگشت", "مقدار [5] برگشت"),
    ("15/15 امتیاز", "15/15 امتیاز"),
    ("`n = 0` یعنی 0 مورد", "`n = 0` یعنی ۰ مورد"),
    ("available after booking 3 of 10 مقدار 7 را داد", "available after booking 3 of 10 مقدار ۷ را داد"),  # English kept
    ("(یک bool، نه 1 یا 0)؛", "(یک bool، نه ۱ یا ۰)؛"),  # several marks after a number
])
def test_prose_numbers_only(text, expected):
    assert persian_digits(text) == expected


def test_english_is_left_alone():
    assert in_lang("lesson 5 of 7", "en") == "lesson 5 of 7"
    assert in_lang("جلسهٔ 5", "fa") == "جلسهٔ ۵"


def test_pieces_cut_at_balanced_brackets_only():
    assert list(pieces("f(1, [2]) و g(broken")) == [("", False), ("f(1, [2])", True), (" و g(", False),
                                                      ("broken", False)]
