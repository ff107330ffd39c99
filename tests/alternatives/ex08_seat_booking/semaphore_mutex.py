"""Alternative: a BoundedSemaphore(1) as the mutex, taken once per public call; seats kept in a private counter."""
import threading


class Cinema:
    def __init__(self, seats):
        self._free = seats
        self._names = {}
        self._gate = threading.BoundedSemaphore(1)

    @property
    def available(self):
        return self._free

    def _fits_and_books(self, entries):
        if sum(n for _, n in entries) > self._free:
            return False
        for name, n in entries:
            self._free -= n
            self._names[name] = self._names.get(name, 0) + n
        return True

    def book(self, name, n):
        return self.book_group([(name, n)])

    def book_group(self, bookings):
        entries = [(name, n) for name, n in bookings]
        for _, n in entries:
            if n < 1:
                raise ValueError(f"{n} is not a seat count")
        with self._gate:
            return self._fits_and_books(entries)

    def bookings(self):
        with self._gate:
            return dict(self._names)
