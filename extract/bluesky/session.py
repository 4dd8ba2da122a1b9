"""Bluesky (AT Protocol) login session: created once, reused, refreshed when the PDS refuses it.

`app.bsky.feed.searchPosts` needs an authenticated session. The PDS limits
`com.atproto.server.createSession` to 30 calls per 5 minutes per account, so one session is
created on first use and kept for the whole run; when a request is refused with an expired
token, `com.atproto.server.refreshSession` (authorised by the refresh token) gives a new pair.

Secrets (the app password and both JWTs) live only in private attributes: they are never
logged, never put in an error message and never shown by `repr`. POSTs go through the one
polite client (`post_json`), so the allowlist, User-Agent, rate and retry rules apply to them.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Collection, Mapping
from typing import Any, Protocol
from urllib.parse import urlsplit

from extract.errors import ConfigurationError, HttpStatusError, MalformedInput, SourceError
from records import FetchedResponse

log = logging.getLogger(__name__)

CREATE_SESSION = "com.atproto.server.createSession"
REFRESH_SESSION = "com.atproto.server.refreshSession"
# Statuses a PDS answers a stale access token with: 400 {"error": "ExpiredToken"} (also for a
# revoked token) or 401. The client's HttpStatusError carries no body, so a 400 cannot be told
# apart from a bad query: one refresh and one retry per failing request bound the cost.
_STALE_TOKEN_STATUSES = frozenset({400, 401})


class XrpcClient(Protocol):
    """What Bluesky needs from the HTTP client: `extract.http.PoliteClient`'s get and post_json."""

    def get(self, url: str, *, allowed_hosts: Collection[str],
            params: Mapping[str, str] | None = None,
            headers: Mapping[str, str] | None = None) -> FetchedResponse:
        """GET politely; raises `extract.errors` classes."""
        ...

    def post_json(self, url: str, *, allowed_hosts: Collection[str],
                  json_body: Mapping[str, Any] | None,
                  headers: Mapping[str, str] | None) -> FetchedResponse:
        """POST a JSON body (None: no body) politely; raises `extract.errors` classes."""
        ...


def xrpc_url(base_url: str, method: str) -> str:
    """The XRPC endpoint of `method` on a service (`https://bsky.social` -> .../xrpc/<method>)."""
    return f"{base_url.rstrip('/')}/xrpc/{method}"


def check_service_url(url: str, what: str) -> str:
    """`url` without a trailing slash when it is an http(s) URL with a host, else raise
    ConfigurationError naming the setting (`what`)."""
    parts = urlsplit(url.strip()) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(f"bluesky {what} must be an http(s) URL, got {url!r}")
    return url.strip().rstrip("/")


def load_json(body: bytes, url: str) -> Any:
    """Decode a JSON body; MalformedInput (naming the URL and the decoder's reason) otherwise."""
    try:
        return json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        reason = f"{type(exc).__name__} at position {getattr(exc, 'pos', '?')}"
        raise MalformedInput(f"not JSON ({reason}): {url}", url=url) from None


class BlueskySession:
    """An app-password session on a PDS, created on first use and refreshed, never re-created
    per request.

    `get` sends an authenticated GET; a request refused with a stale token (400 or 401) is
    retried once after one `refresh`. A login refused for good (wrong handle or password) is
    remembered, so later calls fail at once instead of spending the createSession budget.
    Thread-safe: one refresh serves every thread that saw the same stale token.
    """

    def __init__(self, client: XrpcClient, pds_url: str, identifier: str, app_password: str,
                 allowed_hosts: Collection[str]) -> None:
        if not isinstance(identifier, str) or not identifier.strip():
            raise ConfigurationError("bluesky session needs a handle or DID as identifier")
        if not isinstance(app_password, str) or not app_password:
            raise ConfigurationError("bluesky session needs an app password")
        self.client = client
        self.pds_url = check_service_url(pds_url, "pds_url")
        self.identifier = identifier.strip()
        self._password = app_password
        self._allowed_hosts = tuple([allowed_hosts] if isinstance(allowed_hosts, str)
                                    else allowed_hosts)
        self._access_jwt: str | None = None
        self._refresh_jwt: str | None = None
        self._login_refused: SourceError | None = None
        self._lock = threading.RLock()
        self.did: str | None = None
        self.handle: str | None = None

    def __repr__(self) -> str:
        # Never the password or a token: a session may end up in a log line or a traceback.
        state = "active" if self._access_jwt else "not logged in"
        return f"BlueskySession(pds_url={self.pds_url!r}, identifier={self.identifier!r}, {state})"

    def xrpc_url(self, method: str) -> str:
        """The URL of an XRPC method on this session's PDS."""
        return xrpc_url(self.pds_url, method)

    def headers(self) -> dict[str, str]:
        """The Authorization header of the session, logging in first when not yet done."""
        with self._lock:
            if self._access_jwt is None:
                self._create()
            assert self._access_jwt is not None
            return {"Authorization": f"Bearer {self._access_jwt}"}

    def refresh(self) -> None:
        """Exchange the refresh token for a new token pair (`refreshSession`).

        When the PDS refuses the refresh token (expired or revoked: 400/401), a new session is
        created once instead; without a session yet, this logs in.
        """
        with self._lock:
            if self._refresh_jwt is None:
                self._create()
                return
            url = self.xrpc_url(REFRESH_SESSION)
            try:
                # refreshSession takes no input: the refresh token is the bearer credential.
                response = self.client.post_json(
                    url, allowed_hosts=self._allowed_hosts, json_body=None,
                    headers={"Authorization": f"Bearer {self._refresh_jwt}"})
            except HttpStatusError as exc:
                if exc.status not in _STALE_TOKEN_STATUSES:
                    raise
                log.info("bluesky refreshSession refused (HTTP %s); creating a new session",
                         exc.status)
                self._access_jwt = self._refresh_jwt = None
                self._create()
                return
            self._store_tokens(response, url)
            log.info("bluesky session refreshed on %s", self.pds_url)

    def get(self, url: str, params: Mapping[str, str] | None = None) -> FetchedResponse:
        """Authenticated GET through the client; refreshes once and retries once on a stale
        token. Raises the client's `extract.errors` classes (the retry's error, if it fails)."""
        headers = self.headers()
        try:
            return self.client.get(url, allowed_hosts=self._allowed_hosts, params=params,
                                   headers=headers)
        except HttpStatusError as exc:
            if exc.status not in _STALE_TOKEN_STATUSES:
                raise
            log.info("bluesky request refused with HTTP %s; refreshing the session once: %s",
                     exc.status, exc.url or url)
        with self._lock:
            # Another thread may have refreshed already after seeing the same stale token.
            if self.headers() == headers:
                self.refresh()
            headers = self.headers()
        return self.client.get(url, allowed_hosts=self._allowed_hosts, params=params,
                               headers=headers)

    def _create(self) -> None:
        """createSession with the app password (at most once per run unless refresh fails)."""
        if self._login_refused is not None:
            raise self._login_refused
        url = self.xrpc_url(CREATE_SESSION)
        try:
            response = self.client.post_json(
                url, allowed_hosts=self._allowed_hosts,
                json_body={"identifier": self.identifier, "password": self._password},
                headers={})
        except SourceError as exc:
            if not exc.transient:  # wrong credentials stay wrong for this run
                self._login_refused = exc
            log.warning("bluesky createSession on %s failed: %s (HTTP %s)", self.pds_url,
                        exc.error_class, getattr(exc, "status", None))
            raise
        self._store_tokens(response, url)
        log.info("bluesky session created on %s for %s", self.pds_url,
                 self.handle or self.identifier)

    def _store_tokens(self, response: FetchedResponse, url: str) -> None:
        """Keep the token pair of a createSession/refreshSession answer; MalformedInput names
        the keys found (never their values) when the pair is missing."""
        data = load_json(response.body, url)
        if not isinstance(data, dict):
            raise MalformedInput(f"session answer is not a JSON object: {url}", url=url)
        access, refresh = data.get("accessJwt"), data.get("refreshJwt")
        if not (isinstance(access, str) and access and isinstance(refresh, str) and refresh):
            raise MalformedInput(
                f"session answer lacks accessJwt/refreshJwt (keys found: {sorted(data)}): {url}",
                url=url)
        self._access_jwt, self._refresh_jwt = access, refresh
        did, handle = data.get("did"), data.get("handle")
        self.did = did if isinstance(did, str) else self.did
        self.handle = handle if isinstance(handle, str) else self.handle
