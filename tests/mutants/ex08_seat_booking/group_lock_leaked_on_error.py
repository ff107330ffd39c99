"""Mutant: book_group() takes the lock with acquire() and only then validates the group, with no
try/finally: the ValueError for an n < 1 leaves the lock held for good.

catches: group_all_or_none
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
        self._lock.acquire()
        if any(n < 1 for _, n in bookings):
            raise ValueError("every booking in a group needs at least 1 seat")
        if sum(n for _, n in bookings) > self.available:
            self._lock.release()
            return False
        for name, n in bookings:
            self.book(name, n)
        self._lock.release()
        return True

    def bookings(self) -> dict[str, int]:
        with self._lock:
            return dict(self._booked)
