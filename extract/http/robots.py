"""robots.txt rules for `extract.http.PoliteClient`: fetched once per origin, cached, obeyed.

`RobotsPolicy.check` answers "may our agent GET this URL?". It keeps the parsed robots.txt of
each origin (scheme + host + port) for a TTL, and when several threads ask about the same
origin at once only one of them fetches it. The fetch itself is the client's job (so it goes
through the same allowlist, redirect vetting, rate buckets and retries as any page): the policy
gets a `RobotsFetch` callable and applies RFC 9309 to what it answers:

- 2xx: the body's rules (only the first `max_bytes` are read, as RFC 9309 allows);
- 401, 403: nothing is allowed;
- 429, 5xx, and transport failures (timeouts, refused connections): a transient error for the
  page, so it is retried later rather than treated as permission or refusal;
- any other status (404, 410, ...), or redirects off the allowlist or too many of them:
  robots.txt is unavailable, so everything is allowed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from extract.errors import (
    HostNotAllowed,
    HttpStatusError,
    RobotsDisallowed,
    ServerBusy,
    TransientError,
)
from extract.http.clock import SYSTEM_CLOCK, Clock

log = logging.getLogger(__name__)

# RFC 9309 asks crawlers to parse at least 500 KiB of robots.txt and allows ignoring the rest.
ROBOTS_MAX_BYTES = 512 * 1024


@dataclass(frozen=True)
class RobotsFile:
    """What a robots.txt request answered after redirects: its status and, for 2xx, its body."""

    status: int
    body: bytes = b""


# fetch(robots_url, max_bytes) -> RobotsFile. Raises HostNotAllowed or HttpStatusError when
# redirects leave the allowlist or loop, and a TransientError when the transport fails; reads
# the body (at most max_bytes, cut off beyond) only for a 2xx answer.
RobotsFetch = Callable[[str, int], RobotsFile]


@dataclass
class _CachedRules:
    parser: RobotFileParser
    expires_at: float


def origin_of(url: str) -> str:
    """The `scheme://host[:port]` a robots.txt belongs to (IPv6 hosts bracketed)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{host}" + (f":{parts.port}" if parts.port else "")


def _for_page(exc: TransientError, url: str) -> TransientError:
    """The same transient error, re-addressed to the page whose robots.txt failed."""
    message = f"robots.txt not fetched ({exc}) for {url}"
    if isinstance(exc, ServerBusy):
        return ServerBusy(message, url=url, status=exc.status)
    return type(exc)(message, url=url)


class RobotsPolicy:
    """Thread-safe robots.txt cache and checker for one user-agent token.

    `agent` is the product token matched against robots.txt `User-agent` lines; rules are kept
    `ttl_seconds` per origin; at most `max_bytes` of a robots.txt are parsed.
    """

    def __init__(self, *, agent: str, ttl_seconds: float,
                 max_bytes: int = ROBOTS_MAX_BYTES, clock: Clock = SYSTEM_CLOCK) -> None:
        self._agent = agent
        self._clock = clock
        self._ttl_seconds = ttl_seconds
        self._max_bytes = max_bytes
        self._rules: dict[str, _CachedRules] = {}
        self._origin_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def check(self, url: str, fetch: RobotsFetch) -> None:
        """Return when robots.txt lets our agent GET `url`; raise RobotsDisallowed otherwise.

        `fetch` is called only when the origin's rules are not cached (or expired). Transient
        failures to get robots.txt are raised as the same error class, addressed to `url`.
        """
        parser = self._parser(origin_of(url), url, fetch)
        if not parser.can_fetch(self._agent, url):
            raise RobotsDisallowed(f"robots.txt disallows: {url}", url=url)

    def _cached(self, origin: str) -> RobotFileParser | None:
        """The unexpired rules of `origin`; the caller holds `self._lock`."""
        entry = self._rules.get(origin)
        if entry is not None and entry.expires_at > self._clock.monotonic():
            return entry.parser
        return None

    def _parser(self, origin: str, url: str, fetch: RobotsFetch) -> RobotFileParser:
        """Cached rules of an origin; one fetch at a time per origin, any thread."""
        with self._lock:
            parser = self._cached(origin)
            if parser is not None:
                return parser
            origin_lock = self._origin_locks.setdefault(origin, threading.Lock())
        with origin_lock:
            # Another thread may have fetched it while this one waited for the origin lock.
            with self._lock:
                parser = self._cached(origin)
            if parser is not None:
                return parser
            parser = self._fetch(origin, url, fetch)
            with self._lock:
                expires_at = self._clock.monotonic() + self._ttl_seconds
                self._rules[origin] = _CachedRules(parser, expires_at)
            return parser

    def _fetch(self, origin: str, url: str, fetch: RobotsFetch) -> RobotFileParser:
        """Fetch and parse robots.txt; transient failures are raised for the page `url`."""
        robots_url = f"{origin}/robots.txt"
        parser = RobotFileParser(robots_url)
        try:
            answer = fetch(robots_url, self._max_bytes)
        except (HostNotAllowed, HttpStatusError):
            # Redirected off the allowlist or too often: RFC 9309 treats that as unavailable.
            log.warning("robots.txt of %s unreachable by redirects; treating it as absent", origin)
            parser.allow_all = True
            parser.modified()
            return parser
        except TransientError as exc:
            raise _for_page(exc, url) from None
        status = answer.status
        log.info("robots.txt of %s -> %d", origin, status)
        if status == 429 or status >= 500:
            raise ServerBusy(f"robots.txt answered HTTP {status} for {url}", url=url,
                             status=status)
        if status in (401, 403):
            parser.disallow_all = True
        elif 200 <= status < 300:
            parser.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        else:  # 404, 410 and any other "unavailable" answer: no rules, all allowed
            parser.allow_all = True
        parser.modified()
        return parser
