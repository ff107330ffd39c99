"""Alternative: collections.Counter for the totals; a group books entry by entry and rolls back on a miss."""
from collections import Counter
from threading import RLock


class Cinema:
    def __init__(self, seats):
        self.available = seats
        self._counts = Counter()
        self._guard = RLock()

    def book(self, name, n):
        if n < 1:
            raise ValueError(n)
        with self._guard:
            if n > self.available:
                return False
            self.available -= n
            self._counts[name] += n
            return True

    def _unbook(self, name, n):
        self.available += n
        self._counts[name] -= n
        if not self._counts[name]:
            del self._counts[name]

    def book_group(self, bookings):
        entries = list(bookings)
        if any(n < 1 for _, n in entries):
            raise ValueError("a group entry asks for fewer than 1 seat")
        with self._guard:
            done = []
            for name, n in entries:
                if not self.book(name, n):
                    for booked_name, booked_n in reversed(done):
                        self._unbook(booked_name, booked_n)
                    return False
                done.append((name, n))
            return True

    def bookings(self):
        with self._guard:
            return dict(self._counts)
