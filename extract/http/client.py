"""The one polite HTTP client every source uses.

`PoliteClient.get` sends a GET with the configured User-Agent, connect/read timeouts, urllib3
retries (connect errors, read timeouts, 429 and 5xx, honouring a capped Retry-After), a
per-rate-group request rate, robots.txt, a host allowlist checked on every redirect hop before
it is requested, a body size cap and conditional GET. It returns a `FetchedResponse` or raises
one of the `extract.errors` classes, so callers only decide "retry later" or "quarantine".
robots.txt rules are cached and applied by `extract.robots.RobotsPolicy`; the client fetches
each robots.txt for it like any other request (allowlist, rate, retries). Token buckets, the
retry policy and host matching live in `extract.rate_limits`.

Nothing here logs the User-Agent (it carries the contact e-mail), request headers (they may
carry Authorization or Cookie secrets) or exception objects that hold the request: logs and
error messages name the URL, the status, the attempt and the reason only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from types import TracebackType
from typing import Any, Self
from urllib.parse import SplitResult, urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import NewConnectionError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from extract.errors import (
    BodyTooLarge,
    ChallengePage,
    ConnectionFailed,
    FetchTimeout,
    HostNotAllowed,
    HttpStatusError,
    MalformedInput,
    ServerBusy,
    SourceError,
)
from extract.http.clock import SYSTEM_CLOCK, Clock
from extract.http.rate_limits import (
    RateGroup,
    RateGroupSession,
    host_matches,
    new_rate_group,
    normalise_host,
)
from extract.http.robots import ROBOTS_MAX_BYTES, RobotsFile, RobotsPolicy
from records import FetchedResponse

log = logging.getLogger(__name__)

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_SECRET_HEADERS = ("Authorization", "Proxy-Authorization", "Cookie")
_CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class ClientConfig:
    """Settings of a `PoliteClient`; `user_agent` is built by the caller and never logged."""

    user_agent: str
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    max_body_bytes: int = 20_000_000
    max_retries: int = 3
    backoff_factor: float = 0.5
    max_retry_after: float = 60.0
    default_rate_per_second: float = 1.0
    rate_limits: Mapping[str, float] = field(default_factory=dict)
    respect_robots: bool = True
    robots_ttl_seconds: float = 86400.0
    robots_agent: str = "circularity"
    max_redirects: int = 5
    # A host that refused a connection or did not resolve is not tried again for this long:
    # its later requests fail at once with the first failure's reason (the run goes on; the
    # next run tries again). This is what makes an offline run end in seconds.
    unreachable_cooldown_seconds: float = 60.0
    # The longest a response body may take to arrive in full, however it trickles in.
    body_deadline_seconds: float = 120.0
    # Host or parent domain -> statuses that mean "you are going too fast" there (SEC EDGAR
    # answers 403 for ~10 minutes to a client over its rate): transient, retried on a later run.
    throttle_statuses: Mapping[str, frozenset[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rates = [self.default_rate_per_second, *self.rate_limits.values()]
        if any(rate <= 0 for rate in rates):
            raise ValueError("request rates must be positive")
        if self.max_retries < 0 or self.max_redirects < 0 or self.max_body_bytes <= 0:
            raise ValueError("max_retries/max_redirects must be >= 0 and max_body_bytes > 0")


def _split_checked(url: str, allowed: frozenset[str]) -> SplitResult:
    """Parse an http(s) URL and refuse it unless its host is on the allowlist."""
    try:
        parts = urlsplit(url)
        host, _port = parts.hostname, parts.port
    except ValueError:
        raise HostNotAllowed(f"not a valid URL: {url}", url=url) from None
    if parts.scheme not in ("http", "https") or not host:
        raise HostNotAllowed(f"not an http(s) URL with a host: {url}", url=url)
    if not any(host_matches(host.rstrip("."), entry) for entry in allowed):
        raise HostNotAllowed(f"host {host} is not on the allowlist: {url}", url=url)
    return parts


def _causes(exc: BaseException) -> list[BaseException]:
    """The error and the errors it wraps (requests -> MaxRetryError -> reason), outermost first."""
    chain: list[BaseException] = []
    current: object = exc
    while isinstance(current, BaseException) and current not in chain and len(chain) < 8:
        chain.append(current)
        reason = getattr(current, "reason", None)
        current = reason if isinstance(reason, BaseException) else (
            current.args[0] if current.args else None)
    return chain


def _transport_error(exc: requests.RequestException, url: str) -> SourceError:
    """Map a requests exception to an `extract.errors` class, naming only URL and reason."""
    chain = _causes(exc)
    reason = type(chain[-1]).__name__
    if any(isinstance(e, requests.Timeout)
           or (isinstance(e, Urllib3Timeout) and not isinstance(e, NewConnectionError))
           for e in chain):
        return FetchTimeout(f"timed out after retries ({reason}): {url}", url=url)
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return MalformedInput(f"body could not be decoded ({reason}): {url}", url=url)
    return ConnectionFailed(f"connection failed after retries ({reason}): {url}", url=url)


def _read_capped(response: requests.Response, cap: int, url: str, *, truncate: bool,
                 deadline: float | None = None) -> bytes:
    """Read the decoded body up to `cap` bytes; over it, raise BodyTooLarge or cut it off.

    `deadline` (seconds) bounds the whole read: a server that drips a byte now and then never
    trips the per-read timeout, so a timer closes the connection and the read ends in
    FetchTimeout instead of holding the run."""
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > cap and not truncate:
        raise BodyTooLarge(f"Content-Length {int(declared)} over the {cap}-byte cap: {url}",
                           url=url)
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        response.close()

    timer = threading.Timer(deadline, expire) if deadline else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    chunks: list[bytes] = []
    total = 0
    try:
        for chunk in response.iter_content(chunk_size=_CHUNK_BYTES):
            total += len(chunk)
            if total > cap:
                if not truncate:
                    raise BodyTooLarge(f"body over the {cap}-byte cap: {url}", url=url)
                chunks.append(chunk[: len(chunk) - (total - cap)])
                break
            chunks.append(chunk)
    except (requests.RequestException, AttributeError, ValueError, OSError) as exc:
        if expired.is_set():
            raise FetchTimeout(f"body not complete within the {deadline:g} s deadline: {url}",
                               url=url) from None
        if isinstance(exc, requests.RequestException):
            raise _transport_error(exc, url) from None
        raise
    finally:
        if timer is not None:
            timer.cancel()
    if expired.is_set():
        raise FetchTimeout(f"body not complete within the {deadline:g} s deadline: {url}",
                           url=url)
    return b"".join(chunks)


class PoliteClient:
    """Thread-safe polite HTTP GET client; one per process or flow, shared by all sources.

    Rate groups: a host belongs to the longest `rate_limits` key equal to it or a parent domain
    of it; all hosts of a group share one token bucket (and one HTTPAdapter whose Retry takes
    that bucket's tokens); a host matching no key gets its own bucket at the default rate.
    """

    def __init__(self, config: ClientConfig, clock: Clock = SYSTEM_CLOCK) -> None:
        """`clock` paces every wait (rate slots, Retry-After, backoff, robots TTL): the real
        clock except in tests."""
        self._config = config
        self._clock = clock
        self._rate_keys = {normalise_host(k): float(v) for k, v in config.rate_limits.items()}
        self._groups: dict[str, RateGroup] = {}
        self._groups_lock = threading.Lock()
        self._robots = RobotsPolicy(
            agent=config.robots_agent,
            ttl_seconds=config.robots_ttl_seconds,
            max_bytes=min(config.max_body_bytes, ROBOTS_MAX_BYTES),
            clock=clock,
        )
        self._session = RateGroupSession(self._adapter_for_url)
        self._session.headers["User-Agent"] = config.user_agent
        self._unreachable: dict[str, tuple[float, str]] = {}  # host:port -> (until, reason)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the session and every connection pool."""
        self._session.close()
        with self._groups_lock:
            for group in self._groups.values():
                group.adapter.close()

    def get(self, url: str, *, allowed_hosts: Collection[str],
            params: Mapping[str, str] | None = None, headers: Mapping[str, str] | None = None,
            etag: str | None = None, last_modified: str | None = None) -> FetchedResponse:
        """GET `url` politely; see the module docstring for the rules and the errors raised.

        `FetchedResponse.url` is `url` with `params` encoded into it; `final_url` is the URL
        that answered after redirects. A 304 to a conditional request returns
        `not_modified=True`, an empty body and the validators sent when the 304 has none.
        """
        if isinstance(allowed_hosts, str):
            allowed_hosts = [allowed_hosts]
        allowed = frozenset(normalise_host(entry) for entry in allowed_hosts)
        _split_checked(url, allowed)
        request_url = url
        if params:
            prepared = requests.PreparedRequest()
            prepared.prepare_url(url, params)
            request_url = prepared.url or url
        send_headers: CaseInsensitiveDict[str] = CaseInsensitiveDict(headers or {})
        if etag:
            send_headers["If-None-Match"] = etag
        if last_modified:
            send_headers["If-Modified-Since"] = last_modified
        conditional = "If-None-Match" in send_headers or "If-Modified-Since" in send_headers

        response, final_url = self._follow(request_url, allowed, send_headers,
                                           check_robots=self._config.respect_robots)
        try:
            return self._to_record(request_url, final_url, response, conditional, send_headers)
        finally:
            response.close()

    def post_json(self, url: str, *, allowed_hosts: Collection[str],
                  json_body: Mapping[str, Any] | None,
                  headers: Mapping[str, str] | None = None) -> FetchedResponse:
        """POST a JSON body (API calls such as a login) under the same policies as `get`:
        allowlist, User-Agent, rate group token, timeouts, size cap, status mapping.

        Not retried (a POST may not be idempotent) and redirects are refused; robots.txt rules
        crawling and is not consulted for API calls. `json_body=None` sends no body at all (some
        endpoints, like a token refresh, refuse even `{}`). Never logs the body or headers.
        """
        if isinstance(allowed_hosts, str):
            allowed_hosts = [allowed_hosts]
        allowed = frozenset(normalise_host(entry) for entry in allowed_hosts)
        parts = _split_checked(url, allowed)
        self._group(parts.hostname or "").bucket.acquire()
        sent: CaseInsensitiveDict[str] = CaseInsensitiveDict(headers or {})
        sent["User-Agent"] = self._config.user_agent
        try:
            response = self._session.post(
                url, json=None if json_body is None else dict(json_body), headers=sent,
                allow_redirects=False, stream=True,
                timeout=(self._config.connect_timeout, self._config.read_timeout),
            )
        except requests.RequestException as exc:
            log.warning("POST %s failed (%s)", url, type(exc).__name__)
            raise _transport_error(exc, url) from None
        try:
            return self._to_record(url, url, response, False, sent, method="POST")
        finally:
            response.close()

    def _to_record(self, url: str, final_url: str, response: requests.Response,
                   conditional: bool, sent: CaseInsensitiveDict[str],
                   method: str = "GET") -> FetchedResponse:
        status = response.status_code
        attempts = len(getattr(getattr(response.raw, "retries", None), "history", ())) + 1
        log.info("%s %s -> %d (attempt %d)", method, final_url, status, attempts)
        if response.headers.get("cf-mitigated", "").lower() == "challenge":
            # A bot challenge (often with a 403 or 503) is no answer about the page: retry on a
            # later run instead of quarantining the URL for good.
            raise ChallengePage(f"bot challenge served instead of {final_url}", url=final_url)
        if status == 429 or status >= 500:
            raise ServerBusy(f"HTTP {status} after {attempts} attempts: {final_url}",
                             url=final_url, status=status)
        throttled = any(status in codes and host_matches(urlsplit(final_url).hostname or "",
                                                         normalise_host(host))
                        for host, codes in self._config.throttle_statuses.items())
        if throttled:
            raise ServerBusy(f"HTTP {status} (rate limited by the host): {final_url}",
                             url=final_url, status=status)
        if status == 304 and conditional:
            body = b""
        elif status >= 300:
            raise HttpStatusError(f"HTTP {status}: {final_url}", url=final_url, status=status)
        else:
            body = _read_capped(response, self._config.max_body_bytes, final_url,
                                truncate=False, deadline=self._config.body_deadline_seconds)
        headers = {key.lower(): value for key, value in response.headers.items()}
        not_modified = status == 304
        return FetchedResponse(
            url=url,
            final_url=final_url,
            status=status,
            headers=headers,
            body=body,
            fetched_at=datetime.now(UTC),
            content_type=headers.get("content-type"),
            etag=headers.get("etag") or (sent.get("If-None-Match") if not_modified else None),
            last_modified=headers.get("last-modified")
            or (sent.get("If-Modified-Since") if not_modified else None),
            not_modified=not_modified,
        )

    def _follow(self, url: str, allowed: frozenset[str], headers: CaseInsensitiveDict[str], *,
                check_robots: bool) -> tuple[requests.Response, str]:
        """Send the GET and follow redirects by hand, vetting every hop before requesting it."""
        current, hop_headers = url, headers.copy()
        for _hop in range(self._config.max_redirects + 1):
            parts = _split_checked(current, allowed)
            if check_robots:
                self._robots.check(current, partial(self._fetch_robots, allowed=allowed))
            response = self._send(current, parts, hop_headers)
            target = self._session.get_redirect_target(response)
            if response.status_code not in _REDIRECT_STATUSES or not target:
                return response, current
            response.close()
            next_url = urljoin(current, target)
            log.info("GET %s -> %d redirect to %s", current, response.status_code, next_url)
            if self._session.should_strip_auth(current, next_url):
                for name in _SECRET_HEADERS:
                    hop_headers.pop(name, None)
            current = next_url
        raise HttpStatusError(f"more than {self._config.max_redirects} redirects: {url}",
                              url=url, status=response.status_code)

    def _send(self, url: str, parts: SplitResult,
              headers: CaseInsensitiveDict[str]) -> requests.Response:
        """One first attempt (urllib3 retries included): take a token, then GET, streamed.

        A host found unreachable (connection refused, no DNS answer) within the cool-down
        fails at once, without a request."""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        host = f"{(parts.hostname or '').lower()}:{port}"  # one port down is not the host
        down = self._unreachable.get(host)
        if down is not None and self._clock.monotonic() < down[0]:
            raise ConnectionFailed(f"{host} unreachable ({down[1]}), not retried for "
                                   f"{self._config.unreachable_cooldown_seconds:g} s: {url}",
                                   url=url)
        self._group(parts.hostname or "").bucket.acquire()
        sent = headers.copy()
        sent["User-Agent"] = self._config.user_agent  # callers cannot override the UA
        try:
            return self._session.get(
                url,
                headers=sent,
                timeout=(self._config.connect_timeout, self._config.read_timeout),
                allow_redirects=False,
                stream=True,
            )
        except requests.RequestException as exc:
            log.warning("GET %s failed after retries (%s)", url, type(exc).__name__)
            error = _transport_error(exc, url)
            if isinstance(error, ConnectionFailed):
                reason = type(_causes(exc)[-1]).__name__
                self._unreachable[host] = (
                    self._clock.monotonic() + self._config.unreachable_cooldown_seconds, reason)
            raise error from None

    def _group(self, host: str) -> RateGroup:
        """The rate group of `host`, created on first use (bucket plus adapter)."""
        host = host.lower().rstrip(".")
        matches = [key for key in self._rate_keys if host_matches(host, key)]
        key = max(matches, key=len) if matches else None
        name = f"key:{key}" if key else f"host:{host}"
        with self._groups_lock:
            group = self._groups.get(name)
            if group is None:
                rate = self._rate_keys[key] if key else self._config.default_rate_per_second
                group = new_rate_group(rate, max_retries=self._config.max_retries,
                                       backoff_factor=self._config.backoff_factor,
                                       max_retry_after=self._config.max_retry_after,
                                       clock=self._clock)
                self._groups[name] = group
        return group

    def _adapter_for_url(self, url: str) -> HTTPAdapter:
        return self._group(urlsplit(url).hostname or "").adapter

    def _fetch_robots(self, robots_url: str, max_bytes: int, *,
                      allowed: frozenset[str]) -> RobotsFile:
        """GET a robots.txt for `RobotsPolicy` (no robots check of its own); 2xx bodies capped."""
        response, _final = self._follow(robots_url, allowed, CaseInsensitiveDict(),
                                        check_robots=False)
        try:
            status = response.status_code
            if not 200 <= status < 300:
                return RobotsFile(status)
            return RobotsFile(status, _read_capped(response, max_bytes, robots_url, truncate=True))
        finally:
            response.close()
