"""Mutant: book() takes the lock with acquire() and validates n under it, with no try/finally:
the ValueError for n < 1 leaves the lock held, and every later booking waits forever.

catches: book_validation
"""
from __future__ import annotations

import threading


class Cinema:
    def __init__(self, seats: int):
        self.available = seats
        self._booked: dict[str, int] = {}
        self._lock = threading.RLock()

    def book(self, name: str, n: int) -> bool:
        self._lock.acquire()
        if n < 1:
            raise ValueError(f"n must be at least 1, not {n}")
        if n > self.available:
            self._lock.release()
            return False
        self.available -= n
        self._booked[name] = self._booked.get(name, 0) + n
        self._lock.release()
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
