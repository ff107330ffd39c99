"""aioresponses (the course's way to mock aiohttp's client), working with aiohttp 3.14 too.

aiohttp 3.14 gave ``ClientResponse`` a required ``stream_writer`` argument that aioresponses
0.7.9 does not pass (pnuckowski/aioresponses#289, open): every mocked request raised a
TypeError. The response class aioresponses builds by default gets, when it is not given one,
a writer that reports nothing sent, which is what a mocked response is. With an aiohttp that
does not take the argument, or an aioresponses that passes it, nothing changes.

Students' own tests can import ``aioresponses`` from here for the same reason.
"""
from __future__ import annotations

import inspect
from unittest import mock

import aiohttp
import aioresponses.core as _core
from aioresponses import aioresponses

__all__ = ["aioresponses"]


class _Response(aiohttp.ClientResponse):
    def __init__(self, *args, stream_writer=None, **kwargs):
        if stream_writer is None:
            stream_writer = mock.Mock(output_size=0)
        super().__init__(*args, stream_writer=stream_writer, **kwargs)


if "stream_writer" in inspect.signature(aiohttp.ClientResponse.__init__).parameters:
    _core.ClientResponse = _Response
