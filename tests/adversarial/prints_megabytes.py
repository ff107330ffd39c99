"""A correct solution that prints megabytes, at import and inside every call of take."""
print("x" * 3_000_000)

{SOLUTION}

_take = take


def take(n, iterable):
    print("y" * 1_000_000)
    return _take(n, iterable)
