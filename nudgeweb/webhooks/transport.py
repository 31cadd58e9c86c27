"""The POST of a delivery: to a checked address of the endpoint's host, no redirects, a time limit.

urllib3 opens each connection through ``outbound.connect``, which resolves the name, refuses the
whole answer if any address is private (unless allowed), and connects to a checked address itself:
a second DNS answer (rebinding) is never asked for. TLS still verifies the certificate of the name
(urllib3 wraps the socket with the host as SNI). One ``Poster`` keeps its connections open for a batch.
"""
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from nudgeweb import outbound

RESPONSE_BODY_CHARS = 2000  # of a response, kept in the log
RESPONSE_HEADERS_KEPT = 30


@dataclass
class Outcome:
    status_code: int | None
    duration_ms: int
    response_headers: dict | None = None
    response_body: str | None = None
    error: str | None = None

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300


class _CheckedConnection:
    allow_private = False

    def _new_conn(self):
        sock = outbound.connect(self._dns_host, self.port, self.timeout, allow_private=self.allow_private)
        for option in self.socket_options or ():
            sock.setsockopt(*option)
        return sock


class _CheckedHTTP(_CheckedConnection, HTTPConnection):
    pass


class _CheckedHTTPS(_CheckedConnection, HTTPSConnection):
    pass


class Poster:
    """POSTs to endpoints, one connection pool per origin; use it as a context manager."""

    def __init__(self, timeout_seconds, allow_private):
        self.timeout = urllib3.Timeout(total=timeout_seconds)
        self.allow_private = allow_private
        self.pools = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for pool in self.pools.values():
            pool.close()

    def post(self, url, headers, body):
        started = time.perf_counter()
        try:
            return self._post(url, headers, body, started)
        except outbound.OutboundAddressError:
            return Outcome(None, _ms_since(started), error="Refused: the host resolves to a private address.")
        except (urllib3.exceptions.HTTPError, OSError, ValueError) as error:
            return Outcome(None, _ms_since(started), error=_describe(error))

    def _post(self, url, headers, body, started):
        parts = urlsplit(url)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        response = self._pool(parts).urlopen("POST", path, body=body, headers=headers, redirect=False,
                                             retries=False, timeout=self.timeout, preload_content=False,
                                             assert_same_host=False)
        try:
            text = response.read(RESPONSE_BODY_CHARS * 2, decode_content=True).decode("utf-8", "replace")
            if not response.isclosed():  # more than we keep: not worth reading to reuse the connection
                response.close()
        finally:
            response.release_conn()
        kept = dict(list(response.headers.items())[:RESPONSE_HEADERS_KEPT])
        return Outcome(response.status, _ms_since(started), kept, text[:RESPONSE_BODY_CHARS])

    def _pool(self, parts):
        key = (parts.scheme, parts.hostname, parts.port)
        if key not in self.pools:
            https = parts.scheme == "https"
            pool_class, connection_class = (HTTPSConnectionPool, _CheckedHTTPS) if https else (HTTPConnectionPool, _CheckedHTTP)
            connection = type(connection_class.__name__, (connection_class,), {"allow_private": self.allow_private})
            pool = pool_class(parts.hostname, parts.port, maxsize=1, block=False, retries=False)
            pool.ConnectionCls = connection
            self.pools[key] = pool
        return self.pools[key]


def _ms_since(started):
    return int((time.perf_counter() - started) * 1000)


def _describe(error):
    if isinstance(error, (urllib3.exceptions.TimeoutError, TimeoutError)):
        return "No answer in time (timed out)."
    reason = getattr(error, "reason", None) or error
    return f"Could not connect: {reason}"[:500]
