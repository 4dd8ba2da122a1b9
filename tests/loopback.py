"""Shared scaffolding of the connector tests: the User-Agent they send, a thread-safe record of
what reached a loopback server, and a counting route."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

CONTACT = "data-team@example.org"
USER_AGENT = f"circularity/0.1 (+https://github.com/example/circularity; {CONTACT})"


class Arrivals:
    """Thread-safe record of the requests that reached a server: time, path, args, headers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.items: list[tuple[float, str, dict[str, str], dict[str, str]]] = []

    def add(self, request: Request) -> None:
        """Record one request (call it from a handler)."""
        with self._lock:
            self.items.append((time.monotonic(), request.path, dict(request.args),
                               dict(request.headers)))

    def paths(self, *, without_robots: bool = False) -> list[str]:
        """Paths in arrival order (optionally without robots.txt fetches)."""
        with self._lock:
            return [p for _, p, _, _ in self.items
                    if not (without_robots and p == "/robots.txt")]

    def times(self, path: str | None = None) -> list[float]:
        """Arrival times (of one path, or all), in order."""
        with self._lock:
            return sorted(t for t, p, _, _ in self.items if path is None or p == path)

    def args(self, path: str) -> list[dict[str, str]]:
        """Query arguments of each request to a path."""
        with self._lock:
            return [a for _, p, a, _ in self.items if p == path]

    def headers(self, path: str) -> list[dict[str, str]]:
        """Headers of each request to a path."""
        with self._lock:
            return [h for _, p, _, h in self.items if p == path]


def serve(server: HTTPServer, path: str | re.Pattern[str], arrivals: Arrivals,
          answer: bytes | Callable[[int, Request], Response]) -> None:
    """Route `path` to a fixed JSON body, or to `answer(n, request)` with n counting the
    arrivals on that route from 0; every arrival is recorded."""
    counter = {"n": 0}
    lock = threading.Lock()

    def handler(request: Request) -> Response:
        arrivals.add(request)
        with lock:
            n = counter["n"]
            counter["n"] += 1
        if callable(answer):
            return answer(n, request)
        return Response(answer, content_type="application/json")

    server.expect_request(path).respond_with_handler(handler)
