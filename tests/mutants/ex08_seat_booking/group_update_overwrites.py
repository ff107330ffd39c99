"""Mutant: book_group adds up the group's seats per name, then dict.update()s them into the bookings, replacing what
a name had booked before instead of adding to it.

catches: drawn_sequence
"""
from __future__ import annotations

import threading


class Cinema:
    def __init__(self, seats: int):
        self.available = seats
        self._booked: dict[str, int] = {}
        self._lock = threading.RLock()

    def book(self, name: str, n: int) -> bool:
        if n < 1:
            raise ValueError(f"n must be at least 1, not {n}")
        with self._lock:
            if n > self.available:
                return False
            self.available -= n
            self._booked[name] = self._booked.get(name, 0) + n
            return True

    def book_group(self, bookings: list[tuple[str, int]]) -> bool:
        if any(n < 1 for _, n in bookings):
            raise ValueError("every booking in a group needs at least 1 seat")
        with self._lock:
            if sum(n for _, n in bookings) > self.available:
                return False
            totals: dict[str, int] = {}
            for name, n in bookings:
                totals[name] = totals.get(name, 0) + n
            self.available -= sum(totals.values())
            self._booked.update(totals)
            return True

    def bookings(self) -> dict[str, int]:
        with self._lock:
            return dict(self._booked)
