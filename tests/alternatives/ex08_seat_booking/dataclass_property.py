"""Alternative: a dataclass with the lock as a field; available is a property derived from the bookings."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class Cinema:
    seats: int
    _booked: dict = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    @property
    def available(self) -> int:
        with self._lock:
            return self.seats - sum(self._booked.values())

    def book(self, name: str, n: int) -> bool:
        return self.book_group([(name, n)])

    def book_group(self, bookings: list[tuple[str, int]]) -> bool:
        if any(n < 1 for _, n in bookings):
            raise ValueError("every booking needs n >= 1")
        with self._lock:
            if sum(n for _, n in bookings) > self.available:
                return False
            for name, n in bookings:
                self._booked[name] = self._booked.get(name, 0) + n
            return True

    def bookings(self) -> dict[str, int]:
        with self._lock:
            return dict(self._booked)
