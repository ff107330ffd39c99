"""Alternative: hand-written iterator classes with __iter__/__next__ instead of generator functions."""


class Fibonacci:
    def __init__(self, limit=None):
        self.limit = limit
        self.a, self.b = 1, 1

    def __iter__(self):
        return self

    def __next__(self):
        value = self.a
        if self.limit is not None and value >= self.limit:
            raise StopIteration
        self.a, self.b = self.b, self.a + self.b
        return value


def fib():
    return Fibonacci()


def fib_below(limit):
    return Fibonacci(limit)


def take(n, iterable):
    if n < 0:
        raise ValueError(f"negative count: {n}")
    source = iter(iterable)
    collected = []
    while len(collected) < n:
        try:
            collected.append(next(source))
        except StopIteration:
            break
    return collected
