"""Alternative: a lock taken by polling (acquire with a short timeout, in a loop), a context manager of its own,
and a group that books entry by entry through unlocked helpers and gives the seats back on a miss, all under
the one lock (so no other thread ever sees the seats it held for a while)."""
import threading
from contextlib import contextmanager


class Cinema:
    def __init__(self, seats):
        self.available = seats
        self._booked = {}
        self._lock = threading.Lock()

    @contextmanager
    def _locked(self):
        while not self._lock.acquire(timeout=0.01):
            pass
        try:
            yield
        finally:
            self._lock.release()

    def _take(self, name, n):
        self.available -= n
        self._booked[name] = self._booked.get(name, 0) + n

    def book(self, name, n):
        if n < 1:
            raise ValueError("at least one seat")
        with self._locked():
            if n > self.available:
                return False
            self._take(name, n)
            return True

    def book_group(self, bookings):
        bookings = list(bookings)
        if any(n < 1 for _, n in bookings):
            raise ValueError("every entry needs at least one seat")
        with self._locked():
            taken = []
            for name, n in bookings:
                if n > self.available:
                    for back_name, back_n in taken:
                        self._take(back_name, -back_n)
                        if not self._booked[back_name]:
                            del self._booked[back_name]
                    return False
                self._take(name, n)
                taken.append((name, n))
            return True

    def bookings(self):
        with self._locked():
            return dict(self._booked)
