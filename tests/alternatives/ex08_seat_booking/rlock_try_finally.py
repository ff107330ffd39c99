"""Alternative: an RLock taken with acquire() and always given back in try/finally, validation under the lock."""
import threading


class Cinema:
    def __init__(self, seats):
        self.available = seats
        self._taken = {}
        self._mutex = threading.RLock()

    def book(self, name, n):
        self._mutex.acquire()
        try:
            if n < 1:
                raise ValueError("at least one seat")
            if self.available < n:
                return False
            self.available -= n
            self._taken[name] = self._taken.get(name, 0) + n
            return True
        finally:
            self._mutex.release()

    def book_group(self, bookings):
        self._mutex.acquire()
        try:
            for _, n in bookings:
                if n < 1:
                    raise ValueError("at least one seat per entry")
            if sum(n for _, n in bookings) > self.available:
                return False
            for name, n in bookings:
                self.book(name, n)
            return True
        finally:
            self._mutex.release()

    def bookings(self):
        self._mutex.acquire()
        try:
            return {name: seats for name, seats in self._taken.items()}
        finally:
            self._mutex.release()
