"""Mutant: book_group() books entry by entry through the locked book() and cancels the booked ones
on a miss, without holding the lock for the whole group: other calls see seats taken that it later
gives back, and are refused although the seats end up free.

catches: group_race
"""
from __future__ import annotations

import threading


class Cinema:
    def __init__(self, seats: int):
        self.available = seats
        self._booked: dict[str, int] = {}
        self._lock = threading.Lock()

    def book(self, name: str, n: int) -> bool:
        if n < 1:
            raise ValueError(f"n must be at least 1, not {n}")
        with self._lock:
            if n > self.available:
                return False
            self.available -= n
            self._booked[name] = self._booked.get(name, 0) + n
            return True

    def _cancel(self, name: str, n: int) -> None:
        with self._lock:
            self.available += n
            self._booked[name] -= n
            if not self._booked[name]:
                del self._booked[name]

    def book_group(self, bookings: list[tuple[str, int]]) -> bool:
        if any(n < 1 for _, n in bookings):
            raise ValueError("every booking in a group needs at least 1 seat")
        done = []
        for name, n in bookings:
            if not self.book(name, n):
                for booked_name, booked_n in done:
                    self._cancel(booked_name, booked_n)
                return False
            done.append((name, n))
        return True

    def bookings(self) -> dict[str, int]:
        with self._lock:
            return dict(self._booked)
