"""Bluesky connector: session reuse and refresh, search and author-feed paging, API pages -> posts.

Every network test talks real HTTP to a loopback pytest-httpserver playing the PDS and the
AppView (`/xrpc/<method>`, `/robots.txt`); the fake answers like the real services do (tokens,
400 ExpiredToken, a refreshSession that refuses a request body). Fixtures under
tests/fixtures/bluesky/ are hand-made, modelled on the real lexicons and thread answer in
../shared/fixtures/real/bluesky; the expected values below are read off those files by hand.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extract import bluesky
from extract.bluesky import BlueskySession
from extract.errors import (
    ConfigurationError,
    HttpStatusError,
    MalformedInput,
)
from extract.http import PoliteClient
from records import FetchedResponse
from records.ids import stable_id
from tests.virtual_clock import VirtualClock

FIXTURES = Path(__file__).parent / "fixtures" / "bluesky"
REAL_BLUESKY = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real" / "bluesky"

LOOPBACK = ["127.0.0.1"]
HANDLE = "dealwatch.bsky.social"
APP_PASSWORD = "abcd-efgh-ijkl-mnop"
QUERY = "nvidia openai"
SEARCH_PATH = "/xrpc/app.bsky.feed.searchPosts"
FEED_PATH = "/xrpc/app.bsky.feed.getAuthorFeed"
CREATE_PATH = "/xrpc/com.atproto.server.createSession"
REFRESH_PATH = "/xrpc/com.atproto.server.refreshSession"

CNBC_URL = "https://www.cnbc.com/2025/09/22/nvidia-to-invest-up-to-100-billion-in-openai.html"
INFO_URL = "https://www.theinformation.com/articles/openai-oracle-stargate-compute-contract"
FACET_POST_URI = "at://did:plc:dealwatch4x7k2m/app.bsky.feed.post/3lzfacets22a"
CARD_POST_URI = "at://did:plc:cnbc5q2w8e/app.bsky.feed.post/3lzcard11bb"
REPLY_POST_URI = "at://did:plc:chipnotes9r3t/app.bsky.feed.post/3lzreply33cc"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


SEARCH_PAGES = {None: "search_page_1.json", "c2": "search_page_2.json",
                "c3": "search_page_3.json"}


# --------------------------------------------------------------------------- the HTTP client


@pytest.fixture
def client(make_client: Callable[..., PoliteClient]) -> PoliteClient:
    return make_client()


# --------------------------------------------------------------------------- the fake services


@dataclass
class Arrival:
    path: str
    method: str
    args: dict[str, str]
    authorization: str | None
    body: bytes


@dataclass
class FakeBluesky:
    """PDS + AppView on one loopback server; records every XRPC request that arrives."""

    server: HTTPServer
    arrivals: list[Arrival] = field(default_factory=list)
    issued: int = 0
    valid_access: set[str] = field(default_factory=set)
    valid_refresh: set[str] = field(default_factory=set)
    # behaviour switches, set by the tests
    expire_first_access_token: bool = False
    refuse_refresh: bool = False
    search_always_bad_request: bool = False
    search_busy_once: bool = False
    search_pages: dict[str | None, bytes] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    def calls(self, path: str) -> list[Arrival]:
        with self._lock:
            return [a for a in self.arrivals if a.path == path]

    def _record(self, request: Request) -> None:
        with self._lock:
            self.arrivals.append(Arrival(request.path, request.method, dict(request.args),
                                         request.headers.get("Authorization"),
                                         request.get_data()))

    def _tokens(self) -> Response:
        with self._lock:
            self.issued += 1
            access, refresh = f"acc-{self.issued}-9f8e7d", f"ref-{self.issued}-1a2b3c"
            self.valid_access.add(access)
            self.valid_refresh = {refresh}
        return json_response({"accessJwt": access, "refreshJwt": refresh, "handle": HANDLE,
                              "did": "did:plc:dealwatch4x7k2m", "active": True})

    def create_session(self, request: Request) -> Response:
        self._record(request)
        body = json.loads(request.get_data() or b"{}")
        if body != {"identifier": HANDLE, "password": APP_PASSWORD}:
            return xrpc_error(401, "AuthenticationRequired", "Invalid identifier or password")
        return self._tokens()

    def refresh_session(self, request: Request) -> Response:
        self._record(request)
        if request.get_data():
            return xrpc_error(400, "InvalidRequest",
                              "A request body was provided when none was expected")
        token = (request.headers.get("Authorization") or "").removeprefix("Bearer ")
        if self.refuse_refresh or token not in self.valid_refresh:
            return xrpc_error(400, "ExpiredToken", "Token has been revoked")
        return self._tokens()

    def search(self, request: Request) -> Response:
        self._record(request)
        token = (request.headers.get("Authorization") or "").removeprefix("Bearer ")
        if token not in self.valid_access:
            return xrpc_error(401, "AuthenticationRequired", "Authentication Required")
        if self.expire_first_access_token and token.startswith("acc-1-"):
            return xrpc_error(400, "ExpiredToken", "Token has expired")
        if self.search_always_bad_request:
            return xrpc_error(400, "BadQueryString", "Invalid query")
        if self.search_busy_once:
            self.search_busy_once = False
            return Response("", 429, {"Retry-After": "1", "RateLimit-Limit": "3000",
                                      "RateLimit-Remaining": "0"})
        pages = self.search_pages or {k: fixture(v) for k, v in SEARCH_PAGES.items()}
        body = pages.get(request.args.get("cursor"))
        if body is None:
            return xrpc_error(400, "InvalidRequest", "unknown cursor")
        return Response(body, 200, content_type="application/json; charset=utf-8")

    def author_feed(self, request: Request) -> Response:
        self._record(request)
        if request.args.get("cursor"):
            return json_response({"feed": []})
        return Response(fixture("author_feed.json"), 200, content_type="application/json")


def json_response(data: object, status: int = 200) -> Response:
    return Response(json.dumps(data), status, content_type="application/json")


def xrpc_error(status: int, error: str, message: str) -> Response:
    return json_response({"error": error, "message": message}, status)


@pytest.fixture
def fake(module_loopback_server: HTTPServer) -> Iterator[FakeBluesky]:
    service = FakeBluesky(module_loopback_server)
    module_loopback_server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    module_loopback_server.expect_request(CREATE_PATH, method="POST").respond_with_handler(
        service.create_session)
    module_loopback_server.expect_request(REFRESH_PATH, method="POST").respond_with_handler(
        service.refresh_session)
    module_loopback_server.expect_request(SEARCH_PATH, method="GET").respond_with_handler(
        service.search)
    module_loopback_server.expect_request(FEED_PATH, method="GET").respond_with_handler(
        service.author_feed)
    yield service
    module_loopback_server.clear()


def new_session(client: PoliteClient, fake: FakeBluesky,
                password: str = APP_PASSWORD) -> BlueskySession:
    return BlueskySession(client, fake.base_url, HANDLE, password, LOOPBACK)


def post_uris(responses: list[FetchedResponse]) -> list[str]:
    return [doc.canonical_url for r in responses
            for doc in bluesky.parse_response(r.body, r.url, "raw")]


def run_discover(client: PoliteClient, fake: FakeBluesky, **overrides: Any) -> Any:
    arguments: dict[str, Any] = {
        "pds_url": fake.base_url, "appview_url": fake.base_url, "identifier": HANDLE,
        "app_password": APP_PASSWORD, "queries": [QUERY], "authors": [],
        "allowed_hosts": LOOPBACK, "since": None,
    }
    arguments.update(overrides)
    return bluesky.discover(client, **arguments)


# --------------------------------------------------------------------------- search paging


def test_search_pages_until_the_cursor_ends(client, fake):
    session = new_session(client, fake)
    responses, failures = bluesky.search_posts(client, session, QUERY, since=None, until=None)
    assert failures == []
    searches = fake.calls(SEARCH_PATH)
    assert [a.args.get("cursor") for a in searches] == [None, "c2", "c3"]
    assert all(a.args["q"] == QUERY and a.args["sort"] == "latest" and a.args["limit"] == "100"
               for a in searches)
    assert "since" not in searches[0].args and "until" not in searches[0].args
    assert len(post_uris(responses)) == 3 + 2 + 1
    assert post_uris(responses)[-1].endswith("/3lzp3only")


def test_search_paging_stops_at_since_and_sends_the_window(client, fake):
    session = new_session(client, fake)
    since = datetime(2025, 9, 21, 12, 0, tzinfo=UTC)
    until = datetime(2025, 9, 23, 0, 0, tzinfo=UTC)
    responses, failures = bluesky.search_posts(client, session, QUERY, since=since, until=until)
    assert failures == []
    searches = fake.calls(SEARCH_PATH)
    # page 2 reaches back to 2025-09-21T08:00, before `since`: page 3 is never asked for
    assert [a.args.get("cursor") for a in searches] == [None, "c2"]
    assert len(responses) == 2
    assert searches[0].args["since"] == "2025-09-21T12:00:00.000Z"
    assert searches[0].args["until"] == "2025-09-23T00:00:00.000Z"


def test_search_stops_at_max_pages(client, fake):
    session = new_session(client, fake)
    responses, _ = bluesky.search_posts(client, session, QUERY, since=None, until=None,
                                        max_pages=2)
    assert len(responses) == 2
    assert len(fake.calls(SEARCH_PATH)) == 2


def test_a_repeated_cursor_ends_the_paging(client, fake):
    looping = json.loads(fixture("search_page_2.json"))
    looping["cursor"] = "c2"
    fake.search_pages = {None: fixture("search_page_1.json"), "c2": json.dumps(looping).encode()}
    responses, failures = bluesky.search_posts(client, new_session(client, fake), QUERY,
                                               since=None, until=None)
    assert failures == [] and len(responses) == 2


# --------------------------------------------------------------------------- the session


def test_create_session_is_called_once_for_a_run_of_many_requests(client, fake):
    result = run_discover(client, fake, queries=["nvidia openai", "coreweave", "oracle stargate"],
                          authors=["cnbc.com"])
    assert result.failures == [] and result.skipped_search_reason is None
    creates = fake.calls(CREATE_PATH)
    assert len(creates) == 1
    assert json.loads(creates[0].body) == {"identifier": HANDLE, "password": APP_PASSWORD}
    searches = fake.calls(SEARCH_PATH)
    assert len(searches) == 3 * 3
    assert {a.authorization for a in searches} == {"Bearer acc-1-9f8e7d"}
    assert fake.calls(REFRESH_PATH) == []
    # author feeds are public: no token is sent to the AppView
    assert [a.authorization for a in fake.calls(FEED_PATH)] == [None, None]
    assert len(result.responses) == 3 * 3 + 2


def test_an_expired_token_is_refreshed_once_and_the_request_retried(client, fake):
    fake.expire_first_access_token = True
    session = new_session(client, fake)
    responses, failures = bluesky.search_posts(client, session, QUERY, since=None, until=None)
    assert failures == []
    assert len(responses) == 3
    assert len(fake.calls(CREATE_PATH)) == 1
    refreshes = fake.calls(REFRESH_PATH)
    assert len(refreshes) == 1
    assert refreshes[0].authorization == "Bearer ref-1-1a2b3c" and refreshes[0].body == b""
    searches = fake.calls(SEARCH_PATH)
    assert [(a.args.get("cursor"), a.authorization) for a in searches] == [
        (None, "Bearer acc-1-9f8e7d"),  # refused: ExpiredToken
        (None, "Bearer acc-2-9f8e7d"),  # the same page again, with the new token
        ("c2", "Bearer acc-2-9f8e7d"),
        ("c3", "Bearer acc-2-9f8e7d"),
    ]


def test_a_refused_refresh_token_falls_back_to_one_new_session(client, fake):
    fake.expire_first_access_token = True
    fake.refuse_refresh = True
    responses, failures = bluesky.search_posts(client, new_session(client, fake), QUERY,
                                               since=None, until=None)
    assert failures == [] and len(responses) == 3
    assert len(fake.calls(REFRESH_PATH)) == 1
    assert len(fake.calls(CREATE_PATH)) == 2
    assert fake.calls(SEARCH_PATH)[1].authorization == "Bearer acc-2-9f8e7d"


def test_a_bad_request_is_retried_once_then_reported(client, fake):
    fake.search_always_bad_request = True
    responses, failures = bluesky.search_posts(client, new_session(client, fake), QUERY,
                                               since=None, until=None)
    assert responses == []
    [(url, error)] = failures
    assert isinstance(error, HttpStatusError) and error.status == 400
    assert url.startswith(fake.base_url + SEARCH_PATH)
    assert len(fake.calls(SEARCH_PATH)) == 2
    assert len(fake.calls(REFRESH_PATH)) == 1


def test_a_refused_login_is_one_failure_and_skips_every_search(client, fake):
    result = run_discover(client, fake, app_password="wrong-password",
                          queries=["a", "b", "c"], authors=["cnbc.com"])
    assert len(fake.calls(CREATE_PATH)) == 1  # not once per query: createSession is rate-limited
    assert fake.calls(SEARCH_PATH) == []
    [(url, error)] = result.failures
    assert url == fake.base_url + CREATE_PATH
    assert isinstance(error, HttpStatusError) and error.status == 401
    assert "wrong-password" not in str(error)
    assert result.skipped_search_reason == "login failed (HttpStatusError)"
    assert len(fake.calls(FEED_PATH)) == 2  # author feeds still run
    assert len(result.responses) == 2


def test_secrets_appear_in_no_log_line_and_no_repr(client, fake, caplog):
    caplog.set_level(logging.DEBUG)
    fake.expire_first_access_token = True
    session = new_session(client, fake)
    bluesky.search_posts(client, session, QUERY, since=None, until=None)
    run_discover(client, fake, app_password="wrong-password")
    secrets = [APP_PASSWORD, "wrong-password", "acc-1-9f8e7d", "ref-1-1a2b3c", "acc-2-9f8e7d",
               "ref-2-1a2b3c"]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "bluesky session refreshed" in logged  # the refresh did happen and was logged
    assert not [secret for secret in secrets if secret in logged]
    assert not [secret for secret in secrets if secret in repr(session)]


def test_a_429_is_waited_out(make_client, fake):
    fake.search_busy_once = True
    clock = VirtualClock()
    client = make_client(clock=clock)
    responses, failures = bluesky.search_posts(client, new_session(client, fake), QUERY,
                                               since=None, until=None, max_pages=1)
    assert failures == [] and len(responses) == 1
    first, second = fake.calls(SEARCH_PATH)[:2]
    assert first.args == second.args
    assert clock.now >= 1.0  # Retry-After: 1 was waited out before the second call


# --------------------------------------------------------------------------- bad answers


def test_a_malformed_page_is_a_failure_and_the_pages_before_it_are_kept(client, fake):
    fake.search_pages = {None: fixture("search_page_1.json"), "c2": b'{"posts": [ {"uri": '}
    responses, failures = bluesky.search_posts(client, new_session(client, fake), QUERY,
                                               since=None, until=None)
    assert len(responses) == 1
    [(url, error)] = failures
    assert isinstance(error, MalformedInput) and "not JSON" in str(error)
    assert "cursor=c2" in url


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html>Service Unavailable</html>", "not JSON"),
        (b"\xff\xfe\x00garbage", "not JSON"),
        (b'{"error": "InternalServerError", "message": "boom"}',
         "keys found: ['error', 'message']"),
        (b'{"posts": {"uri": "at://x"}}', "keys found: ['posts']"),
        (b'[{"post": {}}]', "a JSON list, not an object"),
    ],
)
def test_parse_response_refuses_what_is_not_a_page_of_posts(body, reason):
    with pytest.raises(MalformedInput) as caught:
        bluesky.parse_response(body, "https://bsky.social/xrpc/x", "raw-1")
    assert reason in str(caught.value)


def test_a_broken_post_is_skipped_and_a_page_of_only_broken_posts_refused():
    good = json.loads(fixture("search_page_3.json"))["posts"][0]
    page = {"posts": [{"cid": "bafy-no-uri"}, good, "not an object"]}
    documents = bluesky.parse_response(json.dumps(page).encode(), "u", "raw")
    assert [d.canonical_url for d in documents] == [good["uri"]]
    with pytest.raises(MalformedInput, match="post without an AT URI"):
        bluesky.parse_response(b'{"posts": [{"cid": "x"}]}', "u", "raw")
    assert bluesky.parse_response(b'{"posts": []}', "u", "raw") == []


# --------------------------------------------------------------------------- discovery


def test_without_credentials_search_is_skipped_with_one_log_line(client, fake, caplog):
    caplog.set_level(logging.INFO, logger="extract.bluesky")
    result = run_discover(client, fake, identifier=HANDLE, app_password=None,
                          queries=["nvidia", "oracle"], authors=["cnbc.com"])
    skipped = [r for r in caplog.records if "search skipped" in r.getMessage()]
    assert [(r.levelno, r.getMessage()) for r in skipped] == [
        (logging.INFO, "bluesky search skipped: no app password configured")]
    assert result.skipped_search_reason == "no app password configured"
    assert fake.calls(CREATE_PATH) == [] and fake.calls(SEARCH_PATH) == []
    feeds = fake.calls(FEED_PATH)
    assert [a.args.get("actor") for a in feeds] == ["cnbc.com", "cnbc.com"]
    assert result.failures == [] and len(result.responses) == 2


def test_author_feed_paging_stops_at_since_counting_reposts_at_their_repost_time(client, fake):
    since = datetime(2025, 9, 22, 12, 0, tzinfo=UTC)
    responses, failures = bluesky.author_feed(client, fake.base_url, "@cnbc.com", since=since,
                                              allowed_hosts=LOOPBACK)
    assert failures == [] and len(responses) == 1
    assert fake.calls(FEED_PATH)[0].args == {"actor": "cnbc.com", "limit": "100"}
    # Without `since` the cursor is followed to the (empty) next page.
    responses, _ = bluesky.author_feed(client, fake.base_url, "cnbc.com", since=None,
                                       allowed_hosts=LOOPBACK)
    assert [a.args.get("cursor") for a in fake.calls(FEED_PATH)[1:]] == [
        None, "2025-09-22T09:15:00.000Z"]


def test_discover_reports_the_newest_post_time(client, fake):
    result = run_discover(client, fake, authors=["cnbc.com"])
    # newest across search pages (17:45:10.123) and the author feed (18:00, its own post)
    assert result.newest_post_at == datetime(2025, 9, 22, 18, 0, tzinfo=UTC)


def test_unusable_arguments_raise_configuration_error(client, fake):
    session = new_session(client, fake)
    naive = datetime(2025, 9, 22, 12, 0)
    with pytest.raises(ConfigurationError):
        bluesky.search_posts(client, session, QUERY, since=naive, until=None)
    with pytest.raises(ConfigurationError):
        bluesky.search_posts(client, session, "  ", since=None, until=None)
    with pytest.raises(ConfigurationError):
        run_discover(client, fake, queries="nvidia")
    with pytest.raises(ConfigurationError):
        run_discover(client, fake, appview_url="bsky.app", authors=["cnbc.com"], queries=[])
    with pytest.raises(ConfigurationError):
        BlueskySession(client, fake.base_url, HANDLE, "", LOOPBACK)
    assert fake.arrivals == []


# --------------------------------------------------------------------------- posts


def test_search_page_posts_become_documents():
    documents = bluesky.parse_response(fixture("search_page_1.json"), "https://x/p1", "raw-1")
    assert [d.canonical_url for d in documents] == [FACET_POST_URI, CARD_POST_URI,
                                                    REPLY_POST_URI]
    facet_post, card_post, reply_post = documents
    assert facet_post.doc_id == stable_id("bluesky", FACET_POST_URI)
    assert facet_post.url == "https://bsky.app/profile/dealwatch.bsky.social/post/3lzfacets22a"
    assert facet_post.authors == ["dealwatch.bsky.social"]
    assert facet_post.published_at == datetime(2025, 9, 22, 17, 45, 10, 123000, tzinfo=UTC)
    assert facet_post.lang == "fr"
    assert facet_post.title is None and facet_post.doc_type == "post"
    assert facet_post.source == "bluesky" and facet_post.parser_version == "bluesky-2"
    assert facet_post.raw_id == "raw-1"
    meta = facet_post.metadata
    assert meta["author_did"] == "did:plc:dealwatch4x7k2m"
    assert meta["langs"] == ["fr", "en"]
    assert (meta["reply_count"], meta["repost_count"], meta["like_count"]) == (4, 12, 57)
    assert meta["reply_parent_uri"] is None and meta["external"] is None
    assert card_post.metadata["external"] == {
        "uri": CNBC_URL + "?__source=bluesky",
        "title": "Nvidia to invest up to $100 billion in OpenAI",
        "description": "Nvidia will invest in OpenAI as it deploys 10 GW.",
    }
    # The card's title and description are read too, each its own part of the text.
    parts = {p["part"]: card_post.text[p["start"]:p["end"]]
             for p in card_post.metadata["text_parts"]}
    assert parts["link_title"] == "Nvidia to invest up to $100 billion in OpenAI"
    assert parts["link_description"] == "Nvidia will invest in OpenAI as it deploys 10 GW."
    assert card_post.text.startswith(parts["post"] + "\n\n")
    assert reply_post.metadata["reply_parent_uri"] == CARD_POST_URI
    assert reply_post.metadata["reply_root_uri"] == CARD_POST_URI
    assert reply_post.published_at == datetime(2025, 9, 22, 15, 2, 31, 500000, tzinfo=UTC)
    json.loads(facet_post.to_row()["metadata"])  # metadata is JSON-able


def test_facet_byte_offsets_become_character_offsets_in_the_text():
    facet_post = bluesky.parse_response(fixture("search_page_1.json"), "u", "raw")[0]
    text = facet_post.text
    links = facet_post.metadata["links"]
    # mentions and tags are not links
    assert [link["uri"] for link in links] == [CNBC_URL, INFO_URL]
    # Before the first anchor: É, à, é (2 bytes), — (3 bytes), 🚀 (4 bytes); before the second
    # also the first anchor's … (3 bytes) and 甲骨文 (3 bytes each): byte and character offsets
    # differ by 8, then by 16.
    cnbc_anchor, info_anchor = "cnbc.com/2025/09/22/nvidi…", "theinformation.com/articles/op…"
    assert text[links[0]["start"]:links[0]["end"]] == cnbc_anchor
    assert text[links[1]["start"]:links[1]["end"]] == info_anchor
    assert links[0]["start"] == text.index(cnbc_anchor) == 69
    raw = json.loads(fixture("search_page_1.json"))["posts"][0]["record"]["facets"]
    assert raw[0]["index"]["byteStart"] - links[0]["start"] == 1 + 3 + 1 + 2 + 1
    assert raw[1]["index"]["byteStart"] - links[1]["start"] == 8 + 2 + 3 * 2


def test_facet_offsets_outside_the_text_keep_the_link_without_offsets():
    post = json.loads(fixture("search_page_3.json"))["posts"][0]
    post["record"]["text"] = "héllo"
    post["record"]["facets"] = [
        {"index": {"byteStart": 1, "byteEnd": 3},  # "é" is bytes 1-2
         "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://a.example/"}]},
        {"index": {"byteStart": 2, "byteEnd": 99},
         "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://b.example/"}]},
    ]
    [document] = bluesky.parse_response(json.dumps({"posts": [post]}).encode(), "u", "raw")
    assert document.metadata["links"] == [
        {"start": 1, "end": 2, "uri": "https://a.example/"},
        {"start": None, "end": None, "uri": "https://b.example/"},
    ]


def test_linked_article_urls_are_cnbc_and_the_information_articles_only():
    documents = [d for name in ("search_page_1.json", "author_feed.json")
                 for d in bluesky.parse_response(fixture(name), "u", "raw")]
    # the card's ?__source=bluesky copy of the CNBC link is the same article; the CNBC video
    # linked by the reply is not an article
    assert bluesky.linked_article_urls(documents) == [CNBC_URL, INFO_URL]


def test_author_feed_page_parses_reposts_and_pins():
    documents = bluesky.parse_response(fixture("author_feed.json"), "u", "raw")
    assert [d.url.rsplit("/", 1)[-1] for d in documents] == [
        "3lapinned00", "3lzauth01", "3lzold02", "3lzauth03"]
    # a repost is the original author's post
    assert documents[2].authors == ["dealwatch.bsky.social"]
    assert documents[2].published_at == datetime(2025, 9, 10, 7, 0, tzinfo=UTC)


def test_thread_answer_with_parent_replies_and_missing_posts():
    page = json.loads(fixture("search_page_2.json"))
    first, second = page["posts"]
    reply = json.loads(fixture("search_page_3.json"))["posts"][0]
    thread = {"thread": {
        "$type": "app.bsky.feed.defs#threadViewPost", "post": second,
        "parent": {"$type": "app.bsky.feed.defs#threadViewPost", "post": first,
                   "parent": {"$type": "app.bsky.feed.defs#notFoundPost",
                              "uri": "at://did:plc:gone/app.bsky.feed.post/1", "notFound": True}},
        "replies": [{"$type": "app.bsky.feed.defs#blockedPost", "uri": "at://b", "blocked": True,
                     "author": {"did": "did:plc:b"}},
                    {"$type": "app.bsky.feed.defs#threadViewPost", "post": reply, "replies": []}],
    }}
    documents = bluesky.parse_response(json.dumps(thread).encode(), "u", "raw")
    assert sorted(d.canonical_url for d in documents) == sorted(
        [first["uri"], second["uri"], reply["uri"]])


def test_an_unverified_handle_links_the_post_by_did():
    post = json.loads(fixture("search_page_3.json"))["posts"][0]
    post["author"]["handle"] = "handle.invalid"
    post["record"]["createdAt"] = "2025-09-19T09:30:00"  # no zone: indexedAt is used instead
    post["indexedAt"] = "2025-09-19T09:31:00.000Z"
    [document] = bluesky.parse_response(json.dumps({"posts": [post]}).encode(), "u", "raw")
    assert document.url == "https://bsky.app/profile/did:plc:chipnotes9r3t/post/3lzp3only"
    assert document.authors == ["did:plc:chipnotes9r3t"]
    assert document.published_at == datetime(2025, 9, 19, 9, 31, tzinfo=UTC)


def test_the_real_thread_answer_parses():
    path = REAL_BLUESKY / "thread_view_post_with_embed_media.json"
    if not path.is_file():
        pytest.skip("../shared/fixtures/real/bluesky is not present in this checkout")
    [document] = bluesky.parse_response(path.read_bytes(), "https://bsky.social/x", "raw-real")
    uri = "at://did:plc:kvwvcn5iqfooopmyzvb4qzba/app.bsky.feed.post/3kaheyt6vpc22"
    assert document.canonical_url == uri
    assert document.doc_id == stable_id("bluesky", uri)
    assert document.url == "https://bsky.app/profile/test.marshal.dev/post/3kaheyt6vpc22"
    assert document.authors == ["test.marshal.dev"]
    assert document.published_at == datetime(2023, 9, 28, 12, 49, 36, 735000, tzinfo=UTC)
    # The post says nothing itself; the text the extractor reads is the quoted post's.
    assert document.text == "test" and document.lang == "en"
    assert document.metadata["quoted_uri"] == (
        "at://did:plc:kvwvcn5iqfooopmyzvb4qzba/app.bsky.feed.post/3kahesw26il2z")
    assert document.metadata["quoted"]["author_handle"] == "test.marshal.dev"
    assert document.metadata["text_parts"] == [
        {"part": "post", "start": 0, "end": 0}, {"part": "quoted_post", "start": 0, "end": 4}]
    assert document.metadata["links"] == [] and document.metadata["external"] is None


def _quote_post(text: str, quoted_text: str) -> dict:
    """A searchPosts answer with one quote post, shaped like the AppView's postView."""
    uri = "at://did:plc:quoter11/app.bsky.feed.post/3lzquote111"
    quoted_uri = "at://did:plc:source22/app.bsky.feed.post/3lzsource22"
    return {"posts": [{
        "uri": uri, "cid": "bafyquote",
        "author": {"did": "did:plc:quoter11", "handle": "quoter.bsky.social"},
        "record": {"$type": "app.bsky.feed.post", "text": text,
                   "createdAt": "2025-09-18T14:00:00Z", "langs": ["en"],
                   "embed": {"$type": "app.bsky.embed.record",
                             "record": {"uri": quoted_uri, "cid": "bafysource"}}},
        "embed": {"$type": "app.bsky.embed.record#view",
                  "record": {"$type": "app.bsky.embed.record#viewRecord", "uri": quoted_uri,
                             "cid": "bafysource",
                             "author": {"did": "did:plc:source22",
                                        "handle": "chipnews.bsky.social"},
                             "value": {"$type": "app.bsky.feed.post", "text": quoted_text,
                                       "createdAt": "2025-09-18T13:00:00Z"}}},
        "indexedAt": "2025-09-18T14:00:01Z",
    }]}


def test_a_deal_stated_only_in_the_quoted_post_is_extracted_and_located():
    from flows.stages import extract_documents

    body = json.dumps(_quote_post("this is wild 👀",
                                  "Nvidia will invest $5 billion in Intel.")).encode()
    [document] = bluesky.parse_response(body, "https://x/search", "raw-q")
    assert document.text == "this is wild 👀\n\nNvidia will invest $5 billion in Intel."
    rows, failed = extract_documents([document])
    assert failed == [] and [(r["payer_id"], r["payee_id"]) for r in rows] == [
        ("nvidia", "intel")]
    [quoted] = [p for p in document.metadata["text_parts"] if p["part"] == "quoted_post"]
    assert quoted["start"] <= rows[0]["char_start"] < rows[0]["char_end"] <= quoted["end"]
    assert document.text[rows[0]["char_start"]:rows[0]["char_end"]] == rows[0]["evidence"]


def test_a_quote_of_a_deleted_post_adds_nothing():
    answer = _quote_post("still true", "")
    answer["posts"][0]["embed"]["record"] = {"$type": "app.bsky.embed.record#viewNotFound",
                                             "uri": "at://x/app.bsky.feed.post/1",
                                             "notFound": True}
    [document] = bluesky.parse_response(json.dumps(answer).encode(), "u", "raw")
    assert document.text == "still true" and document.metadata["quoted"] is None
