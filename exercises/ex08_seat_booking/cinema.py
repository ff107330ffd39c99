"""تمرین ۸: رزرو صندلی. صورت تمرین در README.md کنار همین فایل است.

Exercise 8: seat booking. The task is in README.md beside this file.
"""
from __future__ import annotations


class Cinema:
    def __init__(self, seats: int):
        self.available = seats
        # TODO: what else does a cinema that many threads share need?

    def book(self, name: str, n: int) -> bool:
        """Book ``n`` seats for ``name`` if enough are left; True on success."""
        raise NotImplementedError("book")

    def book_group(self, bookings: list[tuple[str, int]]) -> bool:
        """Book every (name, n) of the group, or none of them."""
        # TODO: all or nothing, and safe when many threads book at once.
        for name, n in bookings:
            self.book(name, n)
        raise NotImplementedError("book_group")

    def bookings(self) -> dict[str, int]:
        """A copy of name -> seats booked in total."""
        raise NotImplementedError("bookings")
