"""Alternative: a plain (non-reentrant) Lock, with an unlocked helper that both public methods call under it."""
from threading import Lock


class Cinema:
    def __init__(self, seats):
        self.available = seats
        self._per_name = {}
        self._lock = Lock()

    @staticmethod
    def _check(n):
        if n < 1:
            raise ValueError(f"cannot book {n} seats")

    def _reserve(self, name, n):
        """Caller holds the lock and has checked that n seats are free."""
        self.available -= n
        self._per_name[name] = self._per_name.get(name, 0) + n

    def book(self, name, n):
        self._check(n)
        with self._lock:
            if n > self.available:
                return False
            self._reserve(name, n)
        return True

    def book_group(self, bookings):
        group = list(bookings)
        for _, n in group:
            self._check(n)
        with self._lock:
            if sum(n for _, n in group) > self.available:
                return False
            for name, n in group:
                self._reserve(name, n)
        return True

    def bookings(self):
        with self._lock:
            return self._per_name.copy()
