"""Alternative: no lock in sight: one owner thread keeps the state and serves requests from a queue."""
import queue
import threading


class Cinema:
    def __init__(self, seats):
        self._seats = seats
        self._totals = {}
        self._requests = queue.SimpleQueue()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            job, reply = self._requests.get()
            reply.put(job())

    def _ask(self, job):
        reply = queue.SimpleQueue()
        self._requests.put((job, reply))
        return reply.get()

    @property
    def available(self):
        return self._ask(lambda: self._seats)

    def _group(self, entries):
        if sum(n for _, n in entries) > self._seats:
            return False
        for name, n in entries:
            self._seats -= n
            self._totals[name] = self._totals.get(name, 0) + n
        return True

    def book(self, name, n):
        if n < 1:
            raise ValueError("book at least one seat")
        return self._ask(lambda: self._group([(name, n)]))

    def book_group(self, bookings):
        entries = list(bookings)
        if any(n < 1 for _, n in entries):
            raise ValueError("book at least one seat per entry")
        return self._ask(lambda: self._group(entries))

    def bookings(self):
        return self._ask(lambda: dict(self._totals))
