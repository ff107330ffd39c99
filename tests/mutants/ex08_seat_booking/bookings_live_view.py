"""Mutant: bookings() returns a read-only live view (MappingProxyType) of the internal dict, not a copy:
it changes as later bookings are made.

catches: bookings_report
"""
from __future__ import annotations

import threading
from types import MappingProxyType


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
            for name, n in bookings:
                self.book(name, n)
            return True

    def bookings(self) -> dict[str, int]:
        return MappingProxyType(self._booked)
