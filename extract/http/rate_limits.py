"""Rate groups of `extract.http.PoliteClient`: one token bucket and one retry policy per group.

A rate group is a host, or every host under a configured parent domain (all of sec.gov shares
one bucket). Each group has a capacity-one `TokenBucket` and an `HTTPAdapter` whose urllib3
`PoliteRetry` takes a token of that bucket before every retry, so first attempts, retries,
redirect hops and robots.txt fetches all count against the same rate. `RateGroupSession` picks
the adapter by rate group instead of by URL prefix. The host matching rules shared with the
client's allowlist live here too.

Retry log lines name the URL, the attempt and the reason only (never headers or the request).
"""

from __future__ import annotations

import ipaddress
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import InvalidHeader
from urllib3.util.retry import Retry

from extract.http.clock import SYSTEM_CLOCK, Clock

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def normalise_host(entry: str) -> str:
    """Lower-case host of an allowlist or rate-limit entry; ports, brackets, dots dropped."""
    text = entry.strip()
    parsed = urlsplit(text if "://" in text else f"//{text}")
    return (parsed.hostname or text.lower()).rstrip(".")


def host_matches(host: str, entry: str) -> bool:
    """True when `entry` is `host` itself or (for names, not IPs) a parent domain of it."""
    if host == entry:
        return True
    try:
        ipaddress.ip_address(host)
        return False
    except ValueError:
        return host.endswith("." + entry)


class TokenBucket:
    """Capacity-one token bucket: hands out one request slot every 1/rate seconds, no burst.

    Hand-written on purpose: the same bucket must be taken by first attempts, by urllib3's
    internal retries (only reachable from inside `Retry.sleep`), by redirect hops and robots.txt
    fetches, from every thread sharing the client. Rate-limit libraries wrap a whole call and
    cannot be hooked into urllib3's retry loop; a capacity-one bucket is a few lines.
    """

    def __init__(self, rate_per_second: float, clock: Clock = SYSTEM_CLOCK) -> None:
        self._interval = 1.0 / rate_per_second
        self._next_slot = 0.0
        self._lock = threading.Lock()
        self._clock = clock

    def acquire(self) -> None:
        """Block until this caller's slot comes; slots are reserved in arrival order."""
        with self._lock:
            now = self._clock.monotonic()
            slot = max(now, self._next_slot)
            self._next_slot = slot + self._interval
        if slot > now:
            self._clock.sleep_until(slot)


class PoliteRetry(Retry):
    """urllib3 `Retry` that caps Retry-After and takes a rate token before every retry."""

    def __init__(
        self,
        *args: Any,
        bucket: TokenBucket | None = None,
        max_retry_after: float = 60.0,
        clock: Clock = SYSTEM_CLOCK,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.bucket = bucket
        self.max_retry_after = max_retry_after
        self.clock = clock

    def new(self, **kw: Any) -> Self:
        """Copy made by urllib3 on every increment: it must keep the bucket, cap and clock."""
        kw.setdefault("bucket", self.bucket)
        kw.setdefault("max_retry_after", self.max_retry_after)
        kw.setdefault("clock", self.clock)
        return super().new(**kw)

    def get_retry_after(self, response: Any) -> float | None:
        """The server's Retry-After in seconds, capped; an unparsable value means backoff."""
        try:
            seconds = super().get_retry_after(response)
        except InvalidHeader:
            return None
        return None if seconds is None else min(seconds, self.max_retry_after)

    def sleep(self, response: Any = None) -> None:
        """Wait out Retry-After (when the answer has one) or else the backoff, on the client's
        clock (urllib3's own `sleep` would call `time.sleep`), then take a rate token."""
        wait = self.get_retry_after(response) if (
            self.respect_retry_after_header and response is not None) else None
        if not wait:
            wait = self.get_backoff_time()
        if wait > 0:
            self.clock.sleep_until(self.clock.monotonic() + wait)
        if self.bucket is not None:
            self.bucket.acquire()

    def increment(self, method: str | None = None, url: str | None = None, *args: Any,
                  **kwargs: Any) -> Self:
        """Count a failed attempt (raises when exhausted) and log it without secrets."""
        retry = super().increment(method, url, *args, **kwargs)
        pool, response, error = kwargs.get("_pool"), kwargs.get("response"), kwargs.get("error")
        target = url or ""
        if pool is not None and not target.startswith(("http://", "https://")):
            target = f"{pool.scheme}://{pool.host}:{pool.port}{target}"
        reason = f"HTTP {response.status}" if response is not None else type(error).__name__
        log.warning("attempt %d of GET %s failed (%s); retrying", len(retry.history), target,
                    reason)
        return retry


class RateGroupSession(requests.Session):
    """A Session whose transport adapter is chosen per rate group instead of by URL prefix.

    Overriding `get_adapter` (rather than `mount`ing lazily) keeps adapter lookup thread-safe:
    `mount` reorders the adapters dict while other threads may be iterating it.
    """

    def __init__(self, adapter_for_url: Callable[[str], HTTPAdapter]) -> None:
        super().__init__()
        self._adapter_for_url = adapter_for_url

    def get_adapter(self, url: str) -> HTTPAdapter:
        """The adapter (and so the retry policy and bucket) of the URL's rate group."""
        return self._adapter_for_url(url)


@dataclass
class RateGroup:
    """The token bucket of a rate group and the adapter whose retries take its tokens."""

    bucket: TokenBucket
    adapter: HTTPAdapter


def new_rate_group(rate_per_second: float, *, max_retries: int, backoff_factor: float,
                   max_retry_after: float, clock: Clock = SYSTEM_CLOCK) -> RateGroup:
    """A fresh rate group: GETs retried on connect/read errors, 429 and 5xx (honouring a capped
    Retry-After), never on redirects, each retry waiting for a token of the group's bucket."""
    bucket = TokenBucket(rate_per_second, clock)
    # A refused connection or a name that does not resolve is retried once only: a host that
    # is down stays down for seconds at least, and the client then remembers it (see
    # PoliteClient); read timeouts and 429/5xx answers get the full `max_retries`.
    retry = PoliteRetry(
        total=max_retries, connect=min(1, max_retries), read=max_retries,
        status=max_retries, other=0,
        redirect=False, allowed_methods=frozenset({"GET"}),
        status_forcelist=RETRY_STATUSES, backoff_factor=backoff_factor,
        respect_retry_after_header=True, raise_on_status=False,
        bucket=bucket, max_retry_after=max_retry_after, clock=clock,
    )
    return RateGroup(bucket=bucket, adapter=HTTPAdapter(max_retries=retry))
