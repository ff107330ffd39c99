"""Alternative: a threading.Condition used as the cinema's lock (its default underlying lock is an RLock)."""
import threading


class Cinema:
    def __init__(self, seats):
        self.available = seats
        self._ledger = {}
        self._state = threading.Condition()

    def book(self, name, n):
        if n < 1:
            raise ValueError("n must be positive")
        with self._state:
            if n <= self.available:
                self.available -= n
                self._ledger[name] = self._ledger.get(name, 0) + n
                self._state.notify_all()
                return True
            return False

    def book_group(self, bookings):
        if not all(n >= 1 for _, n in bookings):
            raise ValueError("n must be positive for every entry")
        with self._state:
            needed = sum(n for _, n in bookings)
            if needed > self.available:
                return False
            for name, n in bookings:
                self.book(name, n)  # re-enters the Condition's RLock
            return True

    def bookings(self):
        with self._state:
            return dict(self._ledger)
