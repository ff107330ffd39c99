"""Mutant: the totals are a defaultdict read before the seats are checked, so a booking that does
not fit still leaves its name in bookings() with 0 seats.

catches: bookings_report
"""
from __future__ import annotations

import threading
from collections import defaultdict


class Cinema:
    def __init__(self, seats: int):
        self.available = seats
        self._booked: defaultdict[str, int] = defaultdict(int)
        self._lock = threading.RLock()

    def book(self, name: str, n: int) -> bool:
        if n < 1:
            raise ValueError(f"n must be at least 1, not {n}")
        with self._lock:
            so_far = self._booked[name]
            if n > self.available:
                return False
            self.available -= n
            self._booked[name] = so_far + n
            return True

    def book_group(self, bookings: list[tuple[str, int]]) -> bool:
        if any(n < 1 for _, n in bookings):
            raise ValueError("every booking in a group needs at least 1 seat")
        with self._lock:
            if sum(n for _, n in bookings) > self.available:
                return False
            for name, n in bookings:
                self.book(name, n)
            return True

    def bookings(self) -> dict[str, int]:
        with self._lock:
            return dict(self._booked)
