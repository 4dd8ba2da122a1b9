"""Behaviour of extract.http.PoliteClient against a real threaded HTTP server on loopback.

Every test talks real HTTP to pytest-httpserver; the server records what actually arrived
(path, time, headers), and the assertions are about those arrivals and about what `get`
returns or raises. Timeouts, backoffs and rates are small so the file runs in seconds.
"""

from __future__ import annotations

import functools
import gzip
import logging
import socket
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extract.errors import (
    BodyTooLarge,
    ConnectionFailed,
    FetchTimeout,
    HostNotAllowed,
    HttpStatusError,
    RobotsDisallowed,
    ServerBusy,
)
from extract.http import ClientConfig, PoliteClient
from tests.loopback import CONTACT, USER_AGENT, Arrivals, serve
from tests.virtual_clock import VirtualClock

LOOPBACK = ["127.0.0.1", "localhost"]


@pytest.fixture
def server(module_loopback_server: HTTPServer) -> Iterator[HTTPServer]:
    yield module_loopback_server
    module_loopback_server.clear()  # handlers and log of this test only


@pytest.fixture
def arrivals() -> Arrivals:
    return Arrivals()


@pytest.fixture
def make_client(make_client: Callable[..., PoliteClient]) -> Callable[..., PoliteClient]:
    """The shared factory with robots off unless a test turns them on: tests count requests."""
    return functools.partial(make_client, respect_robots=False, read_timeout=2.0)


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolve *.circ.test to 127.0.0.1, like a hosts-file entry, for multi-host scenarios."""
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(host, str) and (host == "circ.test" or host.endswith(".circ.test")):
            host = "127.0.0.1"
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def url(server: HTTPServer, path: str, host: str = "127.0.0.1") -> str:
    return f"http://{host}:{server.port}{path}"


# 1. Retry-After ---------------------------------------------------------------------------

def test_429_with_retry_after_is_waited_out_and_retried(server, arrivals, make_client):
    serve(server, "/busy", arrivals, lambda n, _: Response("slow down", 429, {"Retry-After": "1"})
          if n == 0 else Response("done"))
    clock = VirtualClock()
    client = make_client(clock=clock)
    result = client.get(url(server, "/busy"), allowed_hosts=LOOPBACK)
    assert result.status == 200 and result.body == b"done"
    assert len(arrivals.times("/busy")) == 2
    # the first attempt at 0 (robots are off here), then exactly the 1 s of Retry-After
    assert clock.waits() == pytest.approx([1.0])


def test_retry_after_longer_than_the_cap_is_cut_to_the_cap(server, arrivals, make_client):
    serve(server, "/busy", arrivals, lambda n, _: Response("", 503, {"Retry-After": "3600"})
          if n == 0 else Response("done"))
    clock = VirtualClock()
    client = make_client(max_retry_after=0.5, clock=clock)
    result = client.get(url(server, "/busy"), allowed_hosts=LOOPBACK)
    assert result.body == b"done" and len(arrivals.times("/busy")) == 2
    assert clock.waits() == pytest.approx([0.5])  # Retry-After: 3600 cut to the 0.5 s cap


# 2. persistent 5xx ------------------------------------------------------------------------

def test_persistent_503_raises_server_busy_after_all_retries(server, arrivals, make_client):
    serve(server, "/down", arrivals, lambda n, _: Response("down", 503))
    client = make_client(max_retries=2)
    with pytest.raises(ServerBusy) as caught:
        client.get(url(server, "/down"), allowed_hosts=LOOPBACK)
    assert caught.value.status == 503
    assert caught.value.transient
    assert len(arrivals.times("/down")) == 1 + 2


# 3. read timeouts -------------------------------------------------------------------------

def slow_once(n: int, _: Request) -> Response:
    if n == 0:
        time.sleep(1.2)
    return Response("finally")


def test_read_timeout_is_retried_to_success(server, arrivals, make_client):
    serve(server, "/slow", arrivals, slow_once)
    client = make_client(read_timeout=0.5)
    result = client.get(url(server, "/slow"), allowed_hosts=LOOPBACK)
    assert result.body == b"finally"
    assert len(arrivals.times("/slow")) == 2


def test_persistent_read_timeout_raises_fetch_timeout(server, arrivals, make_client):
    def always_slow(n: int, _: Request) -> Response:
        time.sleep(1.0)
        return Response("too late")

    serve(server, "/slower", arrivals, always_slow)
    client = make_client(read_timeout=0.3, max_retries=1)
    with pytest.raises(FetchTimeout):
        client.get(url(server, "/slower"), allowed_hosts=LOOPBACK)
    assert len(arrivals.times("/slower")) == 2


# 4. body cap ------------------------------------------------------------------------------

def test_body_with_content_length_over_the_cap_is_refused(server, arrivals, make_client):
    serve(server, "/big", arrivals, lambda n, _: Response(b"x" * 1001))
    serve(server, "/fits", arrivals, lambda n, _: Response(b"y" * 1000))
    client = make_client(max_body_bytes=1000)
    with pytest.raises(BodyTooLarge):
        client.get(url(server, "/big"), allowed_hosts=LOOPBACK)
    assert client.get(url(server, "/fits"), allowed_hosts=LOOPBACK).body == b"y" * 1000


def test_streamed_body_without_length_is_cut_at_the_cap(server, arrivals, make_client):
    sent = {"bytes": 0}
    chunk = b"z" * 65536

    def endless(n: int, _: Request) -> Response:
        def body() -> Iterator[bytes]:
            for _ in range(16_000):  # 1 GB if nobody stops reading
                sent["bytes"] += len(chunk)
                yield chunk
        return Response(body(), 200, mimetype="application/octet-stream")

    serve(server, "/endless", arrivals, endless)
    client = make_client(max_body_bytes=200_000)
    with pytest.raises(BodyTooLarge):
        client.get(url(server, "/endless"), allowed_hosts=LOOPBACK)
    time.sleep(0.3)
    assert sent["bytes"] < 100_000_000  # the client closed the connection instead of draining


def test_cap_counts_decoded_bytes_of_a_compressed_body(server, arrivals, make_client):
    bomb = gzip.compress(b"\0" * 5_000_000)
    serve(server, "/bomb", arrivals, lambda n, _: Response(bomb, 200, {"Content-Encoding": "gzip"}))
    client = make_client(max_body_bytes=1_000_000)
    assert len(bomb) < 1_000_000
    with pytest.raises(BodyTooLarge):
        client.get(url(server, "/bomb"), allowed_hosts=LOOPBACK)


# 5. allowlist and redirects ---------------------------------------------------------------

def test_redirect_to_a_host_off_the_allowlist_is_refused_unrequested(server, arrivals,
                                                                    make_client):
    serve(server, "/start", arrivals,
          lambda n, _: Response("", 302, {"Location": url(server, "/secret")}))
    serve(server, "/secret", arrivals, lambda n, _: Response("should not be fetched"))
    client = make_client()
    with pytest.raises(HostNotAllowed):
        client.get(url(server, "/start", host="localhost"), allowed_hosts=["localhost"])
    assert arrivals.paths() == ["/start"]


def test_redirects_on_the_allowlist_are_followed_without_leaking_secrets(server, arrivals,
                                                                        make_client):
    serve(server, "/a", arrivals, lambda n, _: Response("", 301, {"Location": "/b"}))
    serve(server, "/b", arrivals, lambda n, _: Response("", 307, {"Location": url(server, "/c")}))
    serve(server, "/c", arrivals, lambda n, _: Response("landed"))
    client = make_client()
    secrets = {"Authorization": "Bearer s3cret", "Cookie": "session=s3cret"}
    result = client.get(url(server, "/a", host="localhost"), allowed_hosts=LOOPBACK,
                        headers=secrets)
    assert result.body == b"landed"
    assert result.url == url(server, "/a", host="localhost")
    assert result.final_url == url(server, "/c")
    assert arrivals.headers("/b")[0]["Authorization"] == "Bearer s3cret"  # same host
    assert "Authorization" not in arrivals.headers("/c")[0]  # another host
    assert "Cookie" not in arrivals.headers("/c")[0]


def test_redirect_loop_stops_at_max_redirects(server, arrivals, make_client):
    serve(server, "/loop", arrivals, lambda n, _: Response("", 302, {"Location": "/loop"}))
    client = make_client(max_redirects=3)
    with pytest.raises(HttpStatusError):
        client.get(url(server, "/loop"), allowed_hosts=LOOPBACK)
    assert len(arrivals.times("/loop")) == 1 + 3


@pytest.mark.usefixtures("fake_dns")
def test_allowlist_entry_allows_subdomains_only(server, arrivals, make_client):
    serve(server, "/page", arrivals, lambda n, _: Response("hello"))
    client = make_client()
    ok = client.get(url(server, "/page", host="www.circ.test"), allowed_hosts=["circ.test:443"])
    assert ok.body == b"hello"
    for refused in ("http://notcirc.test/page", "http://circ.test.evil.example/page",
                    "ftp://www.circ.test/page", "file:///etc/passwd"):
        with pytest.raises(HostNotAllowed):
            client.get(refused, allowed_hosts=["circ.test"])
    assert arrivals.paths() == ["/page"]


# 6. robots.txt ----------------------------------------------------------------------------

ROBOTS = "User-agent: otherbot\nDisallow: /\n\nUser-agent: circularity\nDisallow: /private\n"


def test_robots_disallow_is_honoured_for_our_agent(server, arrivals, make_client):
    serve(server, "/robots.txt", arrivals, lambda n, _: Response(ROBOTS, mimetype="text/plain"))
    serve(server, "/private/page", arrivals, lambda n, _: Response("hidden"))
    serve(server, "/public/page", arrivals, lambda n, _: Response("visible"))
    client = make_client(respect_robots=True)
    with pytest.raises(RobotsDisallowed):
        client.get(url(server, "/private/page"), allowed_hosts=LOOPBACK)
    assert client.get(url(server, "/public/page"), allowed_hosts=LOOPBACK).body == b"visible"
    assert "/private/page" not in arrivals.paths()


def test_redirect_into_a_disallowed_path_is_refused_unrequested(server, arrivals, make_client):
    serve(server, "/robots.txt", arrivals, lambda n, _: Response(ROBOTS, mimetype="text/plain"))
    serve(server, "/go", arrivals, lambda n, _: Response("", 302, {"Location": "/private/x"}))
    client = make_client(respect_robots=True)
    with pytest.raises(RobotsDisallowed):
        client.get(url(server, "/go"), allowed_hosts=LOOPBACK)
    assert "/private/x" not in arrivals.paths()


def test_robots_is_fetched_once_for_many_concurrent_requests(server, arrivals, make_client):
    def slow_robots(n: int, _: Request) -> Response:
        time.sleep(0.3)  # widen the window in which every thread wants the rules
        return Response(ROBOTS, mimetype="text/plain")

    serve(server, "/robots.txt", arrivals, slow_robots)
    serve(server, "/public/page", arrivals, lambda n, _: Response("visible"))
    client = make_client(respect_robots=True)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(
            lambda _: client.get(url(server, "/public/page"), allowed_hosts=LOOPBACK),
            range(12)))
    assert all(r.body == b"visible" for r in results)
    assert len(arrivals.times("/robots.txt")) == 1
    assert len(arrivals.times("/public/page")) == 12


def test_robots_is_fetched_again_after_its_ttl(server, arrivals, make_client):
    serve(server, "/robots.txt", arrivals, lambda n, _: Response(ROBOTS, mimetype="text/plain"))
    serve(server, "/public/page", arrivals, lambda n, _: Response("visible"))
    client = make_client(respect_robots=True, robots_ttl_seconds=0.2)
    client.get(url(server, "/public/page"), allowed_hosts=LOOPBACK)
    client.get(url(server, "/public/page"), allowed_hosts=LOOPBACK)
    time.sleep(0.3)
    client.get(url(server, "/public/page"), allowed_hosts=LOOPBACK)
    assert len(arrivals.times("/robots.txt")) == 2


def test_missing_robots_means_everything_is_allowed(server, arrivals, make_client):
    serve(server, "/robots.txt", arrivals, lambda n, _: Response("not here", 404))
    serve(server, "/private/page", arrivals, lambda n, _: Response("open"))
    client = make_client(respect_robots=True)
    assert client.get(url(server, "/private/page"), allowed_hosts=LOOPBACK).body == b"open"


@pytest.mark.parametrize("status", [401, 403])
def test_forbidden_robots_means_nothing_is_allowed(server, arrivals, make_client, status):
    serve(server, "/robots.txt", arrivals, lambda n, _: Response("no", status))
    serve(server, "/public/page", arrivals, lambda n, _: Response("visible"))
    client = make_client(respect_robots=True)
    with pytest.raises(RobotsDisallowed):
        client.get(url(server, "/public/page"), allowed_hosts=LOOPBACK)
    assert "/public/page" not in arrivals.paths()


def test_robots_503_is_a_transient_error_not_a_permission(server, arrivals, make_client):
    serve(server, "/robots.txt", arrivals, lambda n, _: Response("down", 503))
    serve(server, "/public/page", arrivals, lambda n, _: Response("visible"))
    client = make_client(respect_robots=True, max_retries=1)
    with pytest.raises(ServerBusy) as caught:
        client.get(url(server, "/public/page"), allowed_hosts=LOOPBACK)
    assert caught.value.transient
    assert caught.value.url == url(server, "/public/page")
    assert len(arrivals.times("/robots.txt")) == 2
    assert "/public/page" not in arrivals.paths()


def test_robots_is_not_consulted_when_disabled(server, arrivals, make_client):
    serve(server, "/robots.txt", arrivals, lambda n, _: Response("User-agent: *\nDisallow: /\n"))
    serve(server, "/page", arrivals, lambda n, _: Response("fine"))
    client = make_client(respect_robots=False)
    assert client.get(url(server, "/page"), allowed_hosts=LOOPBACK).body == b"fine"
    assert arrivals.paths() == ["/page"]


# 7. User-Agent and secrets ----------------------------------------------------------------

def test_configured_user_agent_is_sent_on_page_and_robots_requests(server, arrivals,
                                                                   make_client):
    serve(server, "/robots.txt", arrivals, lambda n, _: Response(ROBOTS, mimetype="text/plain"))
    serve(server, "/page", arrivals, lambda n, _: Response("fine"))
    client = make_client(respect_robots=True)
    client.get(url(server, "/page"), allowed_hosts=LOOPBACK, headers={"User-Agent": "spoof"})
    assert [h["User-Agent"] for h in arrivals.headers("/robots.txt")] == [USER_AGENT]
    assert [h["User-Agent"] for h in arrivals.headers("/page")] == [USER_AGENT]


def test_logs_and_errors_carry_no_contact_email_or_secrets(server, arrivals, make_client,
                                                          caplog):
    serve(server, "/down", arrivals, lambda n, _: Response("down", 503))
    client = make_client(max_retries=1)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ServerBusy) as caught:
        client.get(url(server, "/down"), allowed_hosts=LOOPBACK,
                   headers={"Authorization": "Bearer s3cret"})
    assert "/down" in caplog.text  # the URL is logged ...
    for secret in (CONTACT, "s3cret"):  # ... the UA and the headers are not
        assert secret not in caplog.text
        assert secret not in str(caught.value)


# 8. conditional GET -----------------------------------------------------------------------

def test_conditional_get_returns_not_modified_on_304(server, arrivals, make_client):
    stamp = "Wed, 01 Oct 2025 10:00:00 GMT"

    def versioned(n: int, request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response("content v1", headers={"ETag": '"v1"', "Last-Modified": stamp})

    serve(server, "/doc", arrivals, versioned)
    client = make_client()
    first = client.get(url(server, "/doc"), allowed_hosts=LOOPBACK)
    assert (first.status, first.not_modified, first.body) == (200, False, b"content v1")
    assert (first.etag, first.last_modified) == ('"v1"', stamp)
    second = client.get(url(server, "/doc"), allowed_hosts=LOOPBACK, etag=first.etag,
                        last_modified=first.last_modified)
    assert (second.status, second.not_modified, second.body) == (304, True, b"")
    assert (second.etag, second.last_modified) == ('"v1"', stamp)
    sent = arrivals.headers("/doc")[1]
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == stamp


# 9. connection refused and 4xx ------------------------------------------------------------

def test_connection_refused_raises_connection_failed(make_client):
    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = make_client(max_retries=1)
    with pytest.raises(ConnectionFailed) as caught:
        client.get(f"http://127.0.0.1:{port}/", allowed_hosts=LOOPBACK)
    assert caught.value.transient


def test_404_raises_http_status_error_without_retries(server, arrivals, make_client):
    serve(server, "/gone", arrivals, lambda n, _: Response("gone", 404))
    client = make_client(max_retries=3)
    with pytest.raises(HttpStatusError) as caught:
        client.get(url(server, "/gone"), allowed_hosts=LOOPBACK)
    assert caught.value.status == 404
    assert not caught.value.transient
    assert len(arrivals.times("/gone")) == 1


def test_params_and_response_fields(server, arrivals, make_client):
    serve(server, "/search", arrivals,
          lambda n, r: Response(r.args.get("q", ""), mimetype="application/json"))
    client = make_client()
    result = client.get(url(server, "/search"), allowed_hosts=LOOPBACK, params={"q": "a b"})
    assert result.body == b"a b"
    assert result.url == url(server, "/search?q=a+b")
    assert result.content_type == "application/json"
    assert result.headers["content-type"] == "application/json"
    assert result.fetched_at.tzinfo is not None


# 10. rate limits --------------------------------------------------------------------------

def max_in_any_window(times: list[float], width: float) -> int:
    ordered = sorted(times)
    return max(sum(1 for t in ordered[i:] if t - start < width)
               for i, start in enumerate(ordered))


@pytest.mark.usefixtures("fake_dns")
def test_rate_limit_is_shared_by_the_hosts_of_a_group_across_threads(server, arrivals,
                                                                    make_client):
    serve(server, "/item", arrivals, lambda n, _: Response("ok"))
    clock = VirtualClock()
    client = make_client(rate_limits={"circ.test": 9.5}, clock=clock)
    hosts = ["www.circ.test", "data.circ.test"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(
            lambda i: client.get(url(server, "/item", host=hosts[i % 2]),
                                 allowed_hosts=["circ.test"]),
            range(50)))
    assert len(results) == 50
    assert len(arrivals.times("/item")) == 50
    # One bucket for both hosts: the 50 items took 50 slots 1/9.5 s apart, in virtual time
    # (the first slot needs no wait).
    slots = [0.0, *clock.waits()]
    assert sorted(slots) == pytest.approx([k / 9.5 for k in range(50)])
    assert max_in_any_window(slots, 1.0) <= 10


def test_retries_take_rate_tokens_too(server, arrivals, make_client):
    serve(server, "/flaky", arrivals, lambda n, _: Response("down", 503) if n < 2
          else Response("up"))
    clock = VirtualClock()
    client = make_client(rate_limits={"127.0.0.1": 4.0}, backoff_factor=0.0, max_retries=3,
                         clock=clock)
    assert client.get(url(server, "/flaky"), allowed_hosts=LOOPBACK).body == b"up"
    assert client.get(url(server, "/flaky"), allowed_hosts=LOOPBACK).body == b"up"
    assert len(arrivals.times("/flaky")) == 4
    # four attempts (two of them urllib3 retries), each on its own 1/4 s slot although the
    # backoff is zero: the first needs no wait
    assert clock.waits() == pytest.approx([0.25, 0.5, 0.75])


def test_post_json_sends_the_body_with_the_user_agent_and_maps_errors(server) -> None:
    import json as _json

    from werkzeug import Request as _Request
    from werkzeug import Response as _Response

    seen = {}

    def handler(request: _Request) -> _Response:
        seen["ua"] = request.headers.get("User-Agent")
        seen["body"] = _json.loads(request.get_data())
        return _Response(_json.dumps({"accessJwt": "a", "refreshJwt": "r"}),
                         content_type="application/json")

    server.expect_request("/xrpc/login", method="POST").respond_with_handler(handler)
    server.expect_request("/xrpc/busy", method="POST").respond_with_data("no", status=503)
    config = ClientConfig(user_agent=USER_AGENT, respect_robots=False, max_retries=0,
                          default_rate_per_second=100)
    with PoliteClient(config) as client:
        response = client.post_json(server.url_for("/xrpc/login"), allowed_hosts=["127.0.0.1"],
                                    json_body={"identifier": "me", "password": "pw"})
        assert _json.loads(response.body) == {"accessJwt": "a", "refreshJwt": "r"}
        assert seen == {"ua": USER_AGENT, "body": {"identifier": "me", "password": "pw"}}
        with pytest.raises(ServerBusy):
            client.post_json(server.url_for("/xrpc/busy"), allowed_hosts=["127.0.0.1"],
                             json_body={})
        with pytest.raises(HostNotAllowed):
            client.post_json(server.url_for("/xrpc/login"), allowed_hosts=["example.org"],
                             json_body={})


def test_a_bot_challenge_is_a_transient_error_whatever_its_status(server) -> None:
    from extract.errors import ChallengePage

    server.expect_request("/guarded").respond_with_data(
        "<title>Just a moment...</title>", status=403, headers={"cf-mitigated": "challenge"})
    config = ClientConfig(user_agent=USER_AGENT, respect_robots=False, max_retries=0,
                          default_rate_per_second=100)
    with PoliteClient(config) as client, pytest.raises(ChallengePage) as caught:
        client.get(server.url_for("/guarded"), allowed_hosts=["127.0.0.1"])
    assert caught.value.transient


def _closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_refused_host_fails_fast_and_is_remembered_for_the_cooldown(server, make_client):
    """Connection refused: one retry only, then later requests to that host:port fail at once
    with the first reason; another port of the same host is still tried."""
    from tests.virtual_clock import VirtualClock

    clock = VirtualClock()
    client = make_client(clock=clock, max_retries=3, unreachable_cooldown_seconds=60.0)
    down = f"http://127.0.0.1:{_closed_port()}"
    with pytest.raises(ConnectionFailed):
        client.get(f"{down}/a", allowed_hosts=["127.0.0.1"])
    # One retry of the refused connection (one backoff wait), not max_retries.
    assert len([w for w in clock.waits() if w > 0]) <= 1
    with pytest.raises(ConnectionFailed, match="unreachable .* not retried for 60 s"):
        client.get(f"{down}/b", allowed_hosts=["127.0.0.1"])
    server.expect_request("/up").respond_with_data("ok")
    assert client.get(server.url_for("/up"), allowed_hosts=["127.0.0.1"]).body == b"ok"
    clock.sleep_until(clock.monotonic() + 61.0)  # after the cool-down: tried again
    with pytest.raises(ConnectionFailed, match="connection failed after retries"):
        client.get(f"{down}/c", allowed_hosts=["127.0.0.1"])


def test_a_body_that_drips_is_cut_off_at_the_deadline(server, make_client):
    """A server sending a byte every 0.3 s never trips the read timeout; the body deadline
    ends the fetch as a FetchTimeout (transient: retried on a later run)."""
    def drip(request: Request) -> Response:
        def body():
            for _ in range(40):
                time.sleep(0.3)
                yield b"x"
        return Response(body(), content_type="text/html")

    server.expect_request("/drip").respond_with_handler(drip)
    client = make_client(body_deadline_seconds=1.0, max_retries=0)
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="deadline"):
        client.get(server.url_for("/drip"), allowed_hosts=["127.0.0.1"])
    assert time.monotonic() - started < 6  # not the 12 s the drip would take
