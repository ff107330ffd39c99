"""Mutant: book_group() holds a lock of its own, not the one book() takes: groups exclude each other,
but a single booking gets in between a group's check and its entries.

catches: group_race
"""
from __future__ import annotations

import threading


class Cinema:
    def __init__(self, seats: int):
        self.available = seats
        self._booked: dict[str, int] = {}
        self._lock = threading.Lock()
        self._group_lock = threading.Lock()

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
        with self._group_lock:
            if sum(n for _, n in bookings) > self.available:
                return False
            for name, n in bookings:
                self.book(name, n)
            return True

    def bookings(self) -> dict[str, int]:
        with self._lock:
            return dict(self._booked)
