"""SEC EDGAR connector: discovery over real HTTP on loopback, and filing documents parsed offline.

Every discovery test talks to a threaded pytest-httpserver through a real `PoliteClient` (robots
on, /robots.txt served); the server records what arrived. Fixtures in tests/fixtures/edgar/ are
hand-made, modelled on the captured responses in ../shared/fixtures/real/edgar/; the expected
values below are what those files say, written by hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extract import edgar
from extract.errors import (
    ConfigurationError,
    MalformedInput,
    MissingDocument,
    ServerBusy,
)
from extract.http import PoliteClient
from records.ids import stable_id
from tests.loopback import USER_AGENT, Arrivals, serve
from tests.virtual_clock import VirtualClock

FIXTURES = Path(__file__).parent / "fixtures" / "edgar"
REAL_EDGAR = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real" / "edgar"

LOOPBACK = ["127.0.0.1"]
NVDA = "0001045810"
SUBMISSIONS = f"/submissions/CIK{NVDA}.json"
PAGE_1 = f"/submissions/CIK{NVDA}-submissions-001.json"
PAGE_2 = f"/submissions/CIK{NVDA}-submissions-002.json"
SEARCH = "/LATEST/search-index"
NVDA_FOLDER = "/Archives/edgar/data/1045810/000104581025000210"
ORCL_FOLDER = "/Archives/edgar/data/1341439/000134143925000120"
CRWV_FOLDER = "/Archives/edgar/data/1769628/000176962825000045"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# --------------------------------------------------------------------------- server, client


@pytest.fixture
def arrivals() -> Arrivals:
    return Arrivals()


@pytest.fixture
def server(module_loopback_server: HTTPServer, arrivals: Arrivals) -> Iterator[HTTPServer]:
    def robots(request: Request) -> Response:
        arrivals.add(request)
        return Response("User-agent: *\nDisallow: /cgi-bin/\n", content_type="text/plain")

    module_loopback_server.expect_request("/robots.txt").respond_with_handler(robots)
    yield module_loopback_server
    module_loopback_server.clear()


@pytest.fixture
def base(server: HTTPServer) -> str:
    return f"http://127.0.0.1:{server.port}"


@pytest.fixture
def client(make_client: Callable[..., PoliteClient]) -> PoliteClient:
    return make_client()


def serve_nvidia_submissions(server: HTTPServer, arrivals: Arrivals) -> None:
    serve(server, SUBMISSIONS, arrivals, fixture("submissions_CIK0001045810.json"))
    serve(server, PAGE_1, arrivals, fixture("submissions_CIK0001045810-submissions-001.json"))
    serve(server, PAGE_2, arrivals, fixture("submissions_CIK0001045810-submissions-002.json"))


def serve_search(server: HTTPServer, arrivals: Arrivals,
                 pages: dict[str, bytes] | None = None) -> None:
    pages = pages or {"0": fixture("efts_nvidia_from0.json"),
                      "3": fixture("efts_nvidia_from3.json")}

    def answer(_n: int, request: Request) -> Response:
        body = pages.get(request.args.get("from", ""))
        if body is None:
            return Response("unexpected page", 400)
        return Response(body, content_type="application/json")

    serve(server, SEARCH, arrivals, answer)


def serve_indexes(server: HTTPServer, arrivals: Arrivals) -> None:
    serve(server, f"{NVDA_FOLDER}/index.json", arrivals,
          fixture("index_0001045810-25-000210.json"))
    serve(server, f"{ORCL_FOLDER}/index.json", arrivals,
          fixture("index_0001341439-25-000120_without_primary.json"))
    serve(server, f"{CRWV_FOLDER}/index.json", arrivals,
          fixture("index_0001769628-25-000045.json"))


def nvidia_filing() -> edgar.Filing:
    return edgar.Filing(cik=NVDA, company="NVIDIA CORP", accession="0001045810-25-000210",
                        form="8-K", filed=date(2025, 9, 22),
                        primary_document="nvda-20250922.htm", items=["1.01", "7.01", "9.01"])


# --------------------------------------------------------------------------- contact e-mail


def test_require_contact_refuses_a_user_agent_without_an_email() -> None:
    for agent in ["circularity/0.1", "circularity/0.1 (+https://example.org)", "", "me@"]:
        with pytest.raises(ConfigurationError) as caught:
            edgar.require_contact(agent)
        assert str(caught.value) == (
            "SEC EDGAR needs a contact e-mail in the User-Agent: set "
            "CIRCULARITY_HTTP__CONTACT_EMAIL")


def test_require_contact_accepts_a_user_agent_with_an_email() -> None:
    edgar.require_contact(USER_AGENT)
    edgar.require_contact("Example Research jane.doe+sec@research.example.co.uk")


# --------------------------------------------------------------------------- submissions


def test_recent_filings_stays_in_the_recent_block_when_the_window_fits(
        server, arrivals, base, client) -> None:
    serve_nvidia_submissions(server, arrivals)
    filings, failures = edgar.recent_filings(client, 1045810, data_url=base, since=date(2025, 6, 1),
                                             allowed_hosts=LOOPBACK)
    assert failures == []
    # the oldest recent filing (May 28) is older
    assert arrivals.paths(without_robots=True) == [SUBMISSIONS]
    assert [(f.accession, f.form) for f in filings] == [
        ("0001045810-25-000210", "8-K"),
        ("0001045810-25-000200", "10-Q"),
        ("0001045810-25-000190", "8-K/A"),  # amendments come with their form
    ]  # the Form 4 and SC 13G/A of the window are not asked for
    first = filings[0]
    assert first == nvidia_filing()


def test_recent_filings_follows_only_the_older_pages_the_window_needs(
        server, arrivals, base, client) -> None:
    serve_nvidia_submissions(server, arrivals)
    filings, failures = edgar.recent_filings(client, "1045810", data_url=base,
                                             since=date(2025, 1, 1), allowed_hosts=LOOPBACK)
    assert failures == []
    assert arrivals.paths(without_robots=True) == [SUBMISSIONS, PAGE_1]  # page 002 ends in 2023
    assert [f.accession for f in filings][-3:] == [
        "0001045810-25-000150", "0001045810-25-000100", "0001045810-25-000020"]
    assert filings[-1].form == "10-K" and filings[-1].filed == date(2025, 2, 26)
    assert filings[-2].items == ["1.01", "9.01"]


def test_older_pages_without_date_ranges_are_read_only_past_the_recent_block(
        server, arrivals, base, client) -> None:
    data = json.loads(fixture("submissions_CIK0001045810.json"))
    for page in data["filings"]["files"]:
        del page["filingFrom"], page["filingTo"]
    serve(server, SUBMISSIONS, arrivals, json.dumps(data).encode())
    serve(server, PAGE_1, arrivals, fixture("submissions_CIK0001045810-submissions-001.json"))
    serve(server, PAGE_2, arrivals, fixture("submissions_CIK0001045810-submissions-002.json"))
    edgar.recent_filings(client, NVDA, data_url=base, since=date(2025, 5, 28),
                         allowed_hosts=LOOPBACK)
    # the oldest recent filing is on `since`
    assert arrivals.paths(without_robots=True) == [SUBMISSIONS]
    filings, _ = edgar.recent_filings(client, NVDA, data_url=base, since=date(2025, 5, 27),
                                      allowed_hosts=LOOPBACK)
    assert arrivals.paths(without_robots=True) == [SUBMISSIONS, SUBMISSIONS, PAGE_1, PAGE_2]
    assert min(f.filed for f in filings) == date(2025, 5, 28)  # older pages held none newer


def test_recent_filings_without_since_reads_every_page(server, arrivals, base, client) -> None:
    serve_nvidia_submissions(server, arrivals)
    filings, _ = edgar.recent_filings(client, NVDA, data_url=base, forms=["8-K"], since=None,
                                      allowed_hosts=LOOPBACK)
    assert arrivals.paths(without_robots=True) == [SUBMISSIONS, PAGE_1, PAGE_2]
    assert [f.filed.isoformat() for f in filings] == [
        "2025-09-22", "2025-08-15", "2025-05-28", "2025-05-20", "2024-01-05", "2023-12-28"]


def test_recent_filings_keeps_the_recent_block_when_an_older_page_fails(
        server, arrivals, base, make_client) -> None:
    serve(server, SUBMISSIONS, arrivals, fixture("submissions_CIK0001045810.json"))
    serve(server, PAGE_1, arrivals, lambda _n, _r: Response("down", 503))
    client = make_client(max_retries=1)
    filings, failures = edgar.recent_filings(client, NVDA, data_url=base, forms=["8-K"],
                                             since=date(2025, 1, 1), allowed_hosts=LOOPBACK)
    assert [f.accession for f in filings] == [
        "0001045810-25-000210", "0001045810-25-000190", "0001045810-25-000150"]
    assert [(url, type(err)) for url, err in failures] == [(base + PAGE_1, ServerBusy)]


def _submissions_with(change: Callable[[dict[str, Any]], Any]) -> bytes:
    data = json.loads(fixture("submissions_CIK0001045810.json"))
    change(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (_submissions_with(lambda d: d["filings"]["recent"]["form"].pop()), "differ in length"),
        (_submissions_with(lambda d: d["filings"]["recent"].pop("primaryDocument")),
         "primaryDocument"),
        (_submissions_with(lambda d: d["filings"].update(recent=[])), "not an object"),
        (_submissions_with(lambda d: d["filings"]["recent"]["filingDate"].__setitem__(
            0, "2025-13-01")), "not an ISO date"),
        (_submissions_with(lambda d: d["filings"].update(files="CIK-001.json")), "not a list"),
        (b"<html>Maintenance</html>", "not JSON"),
        (b"[1, 2]", "submissions answer is list"),
    ],
)
def test_malformed_submissions_are_a_failure_with_the_reason(
        server, arrivals, base, client, body: bytes, reason: str) -> None:
    serve(server, SUBMISSIONS, arrivals, body)
    filings, failures = edgar.recent_filings(client, NVDA, data_url=base, since=date(2025, 1, 1),
                                             allowed_hosts=LOOPBACK)
    assert filings == []
    [(url, error)] = failures
    assert url == base + SUBMISSIONS
    assert isinstance(error, MalformedInput) and reason in str(error)


# --------------------------------------------------------------------------- full-text search


def test_search_pages_by_from_and_groups_hits_by_accession(server, arrivals, base,
                                                           client) -> None:
    serve_search(server, arrivals)
    filings, failures = edgar.search_filings(
        client, "OpenAI", efts_url=base, forms=["8-K"], start=date(2025, 9, 1),
        end=date(2025, 9, 30), allowed_hosts=LOOPBACK)
    assert failures == []
    sent = arrivals.args(SEARCH)
    assert [a["from"] for a in sent] == ["0", "3"]
    assert sent[0] == {"q": '"OpenAI"', "forms": "8-K,8-K/A", "dateRange": "custom",
                       "startdt": "2025-09-01", "enddt": "2025-09-30", "from": "0"}
    assert filings == [
        edgar.Filing(cik="0001769628", company="CoreWeave, Inc.",
                     accession="0001769628-25-000045", form="8-K", filed=date(2025, 9, 25),
                     primary_document="crwv-20250925.htm", items=["1.01", "9.01"]),
        # its exhibit hit came first; the main document was on the second page
        edgar.Filing(cik="0001341439", company="ORACLE CORP", accession="0001341439-25-000120",
                     form="8-K", filed=date(2025, 9, 10), primary_document="orcl-20250910.htm",
                     items=["7.01", "9.01"]),
        edgar.Filing(cik=NVDA, company="NVIDIA CORP", accession="0001045810-25-000210",
                     form="8-K", filed=date(2025, 9, 22), primary_document="nvda-20250922.htm",
                     items=["1.01", "7.01", "9.01"]),
    ]


def test_search_stops_at_max_pages(server, arrivals, base, client) -> None:
    serve_search(server, arrivals)
    filings, failures = edgar.search_filings(
        client, '"OpenAI"', efts_url=base, forms=["8-K"], start=date(2025, 9, 1),
        end=date(2025, 9, 30), allowed_hosts=LOOPBACK, max_pages=1)
    assert failures == [] and len(arrivals.args(SEARCH)) == 1
    assert arrivals.args(SEARCH)[0]["q"] == '"OpenAI"'  # an already quoted phrase is kept
    assert [(f.accession, f.primary_document) for f in filings] == [
        ("0001769628-25-000045", "crwv-20250925.htm"), ("0001341439-25-000120", None)]


def _page_with(change: Callable[[dict[str, Any]], Any]) -> bytes:
    data = json.loads(fixture("efts_nvidia_from0.json"))
    change(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (_page_with(lambda d: d["hits"]["hits"][1]["_source"].pop("adsh")), "_source.adsh"),
        (_page_with(lambda d: d["hits"].pop("total")), "hits.total"),
        (b'{"error": "Search is temporarily unavailable"}', "hits.hits"),
        (b"not json at all", "not JSON"),
    ],
)
def test_malformed_search_answers_are_a_failure_with_the_reason(
        server, arrivals, base, client, body: bytes, reason: str) -> None:
    serve_search(server, arrivals, pages={"0": body})
    filings, failures = edgar.search_filings(
        client, "OpenAI", efts_url=base, forms=["8-K"], start=date(2025, 9, 1),
        end=date(2025, 9, 30), allowed_hosts=LOOPBACK)
    assert filings == []
    [(url, error)] = failures
    assert url.startswith(base + SEARCH + "?q=") and "from=0" in url
    assert isinstance(error, MalformedInput) and reason in str(error)


def test_a_search_hit_group_without_a_usable_cik_fails_alone(server, arrivals, base,
                                                             client) -> None:
    page = _page_with(lambda d: [h["_source"].update(ciks=["CoreWeave"])
                                 for h in d["hits"]["hits"][:2]])
    serve_search(server, arrivals, pages={"0": page, "3": fixture("efts_nvidia_from3.json")})
    filings, failures = edgar.search_filings(
        client, "OpenAI", efts_url=base, forms=["8-K"], start=date(2025, 9, 1),
        end=date(2025, 9, 30), allowed_hosts=LOOPBACK)
    assert [f.accession for f in filings] == ["0001341439-25-000120", "0001045810-25-000210"]
    [(url, error)] = failures
    assert url == f"{base}{SEARCH}#0001769628-25-000045"
    assert isinstance(error, MalformedInput) and "bad CIK 'CoreWeave'" in str(error)


def test_search_429_is_waited_out_and_retried(server, arrivals, base, client) -> None:
    pages = {"0": fixture("efts_nvidia_from0.json"), "3": fixture("efts_nvidia_from3.json")}

    def answer(n: int, request: Request) -> Response:
        if n == 0:
            return Response("Too Many Requests", 429, {"Retry-After": "1"})
        return Response(pages[request.args["from"]], content_type="application/json")

    serve(server, SEARCH, arrivals, answer)
    filings, failures = edgar.search_filings(
        client, "OpenAI", efts_url=base, forms=["8-K"], start=date(2025, 9, 1),
        end=date(2025, 9, 30), allowed_hosts=LOOPBACK)
    assert failures == [] and len(filings) == 3
    times = arrivals.times(SEARCH)
    assert len(times) == 3 and times[1] - times[0] >= 0.95


# --------------------------------------------------------------------------- filing folders


def test_filing_index_gives_the_primary_document_and_contract_and_press_exhibits(
        server, arrivals, base, client) -> None:
    serve_indexes(server, arrivals)
    refs, failures = edgar.filing_documents(client, nvidia_filing(), archives_url=base,
                                            allowed_hosts=LOOPBACK)
    assert failures == []
    assert arrivals.paths(without_robots=True) == [f"{NVDA_FOLDER}/index.json"]
    assert [r.url for r in refs] == [
        f"{base}{NVDA_FOLDER}/nvda-20250922.htm",
        f"{base}{NVDA_FOLDER}/nvda-ex10_1.htm",
        f"{base}{NVDA_FOLDER}/nvda-ex10_2.htm",
        f"{base}{NVDA_FOLDER}/nvda-ex99_1.htm",
    ]  # not the EX-5.1 opinion, the image, R1.htm, the XBRL files nor the full .txt
    for ref in refs:
        assert ref.source == "edgar" and ref.canonical_url == ref.url
        assert ref.published_hint == datetime(2025, 9, 22, tzinfo=UTC)
        assert ref.title_hint == "NVIDIA CORP 8-K 0001045810-25-000210"
        assert ref.discovered_via == f"{base}{NVDA_FOLDER}/index.json"


def test_filing_without_a_named_primary_document_guesses_it_from_the_file_names(
        server, arrivals, base, client) -> None:
    serve_indexes(server, arrivals)
    unnamed = edgar.Filing(cik="1769628", company="CoreWeave, Inc.",
                           accession="0001769628-25-000045", form="8-K",
                           filed=date(2025, 9, 25), primary_document=None)
    refs, failures = edgar.filing_documents(client, unnamed, archives_url=base,
                                            allowed_hosts=LOOPBACK)
    assert failures == []
    assert [r.url.rsplit("/", 1)[-1] for r in refs] == [
        "crwv-20250925.htm", "crwv-ex10_1.htm", "crwv-ex10_2.htm"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [(b'{"directory": {"name": "/Archives"}}', "directory.item"),
     (b'{"directory": {"item": [{"name": "../x.htm"}]}}', "usable file name"),
     (b"", "not JSON")],
)
def test_malformed_filing_index_is_a_failure_with_the_reason(
        server, arrivals, base, client, body: bytes, reason: str) -> None:
    serve(server, f"{NVDA_FOLDER}/index.json", arrivals, body)
    refs, failures = edgar.filing_documents(client, nvidia_filing(), archives_url=base,
                                            allowed_hosts=LOOPBACK)
    assert refs == []
    [(url, error)] = failures
    assert url == f"{base}{NVDA_FOLDER}/index.json"
    assert isinstance(error, MalformedInput) and reason in str(error)


# --------------------------------------------------------------------------- discovery


def test_discover_merges_companies_and_search_and_quarantines_a_missing_primary(
        server, arrivals, base, client) -> None:
    serve_nvidia_submissions(server, arrivals)
    serve_search(server, arrivals)
    serve_indexes(server, arrivals)
    result = edgar.discover(
        client, ciks=[1045810], phrases=["OpenAI"], forms=["8-K", "10-Q", "10-K"],
        since=datetime(2025, 9, 1, tzinfo=UTC), until=date(2025, 9, 30), data_url=base,
        efts_url=base, archives_url=base, allowed_hosts=LOOPBACK)
    names = [r.url.rsplit("/", 1)[-1] for r in result.refs]
    assert names == [  # by filing date: Oracle (Sep 10), NVIDIA (Sep 22), CoreWeave (Sep 25)
        "orcl-ex99_1.htm",
        "nvda-20250922.htm", "nvda-ex10_1.htm", "nvda-ex10_2.htm", "nvda-ex99_1.htm",
        "crwv-20250925.htm", "crwv-ex10_1.htm", "crwv-ex10_2.htm",
    ]
    [(url, error)] = result.failures
    assert isinstance(error, MissingDocument) and not error.transient
    assert url == f"{base}{ORCL_FOLDER}/orcl-20250910.htm"
    assert "orcl-20250910.htm" in str(error)
    # NVIDIA's 8-K was found by both the submissions API and the search: its folder read once
    assert arrivals.paths(without_robots=True).count(f"{NVDA_FOLDER}/index.json") == 1
    assert PAGE_1 not in arrivals.paths(without_robots=True)
    assert result.watermark == datetime(2025, 9, 25, tzinfo=UTC)


def test_discover_withholds_the_watermark_after_a_transient_failure(
        server, arrivals, base, make_client) -> None:
    serve_nvidia_submissions(server, arrivals)
    serve(server, SEARCH, arrivals, lambda _n, _r: Response("busy", 503))
    serve_indexes(server, arrivals)
    client = make_client(max_retries=0)
    result = edgar.discover(
        client, ciks=[NVDA], phrases=["OpenAI"], since=date(2025, 9, 1),
        until=date(2025, 9, 30), data_url=base, efts_url=base, archives_url=base,
        allowed_hosts=LOOPBACK)
    assert [r.url.rsplit("/", 1)[-1] for r in result.refs][0] == "nvda-20250922.htm"
    assert [type(err) for _, err in result.failures] == [ServerBusy]
    assert result.watermark is None


def test_discover_searches_in_windows(server, arrivals, base, client) -> None:
    empty = b'{"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}}'
    serve(server, SEARCH, arrivals, empty)
    result = edgar.discover(
        client, ciks=[], phrases=["OpenAI", "Nvidia"], since=date(2025, 7, 1),
        until=date(2025, 8, 15), data_url=base, efts_url=base, archives_url=base,
        allowed_hosts=LOOPBACK, window_days=31)
    assert result.refs == [] and result.failures == [] and result.watermark is None
    windows = [(a["q"], a["startdt"], a["enddt"]) for a in arrivals.args(SEARCH)]
    assert windows == [
        ('"OpenAI"', "2025-07-01", "2025-07-31"), ('"OpenAI"', "2025-08-01", "2025-08-15"),
        ('"Nvidia"', "2025-07-01", "2025-07-31"), ('"Nvidia"', "2025-08-01", "2025-08-15"),
    ]


@pytest.mark.parametrize(
    "arguments",
    [{"ciks": ["not-a-cik"]}, {"ciks": [0]}, {"ciks": ["12345678901"]}, {"forms": []},
     {"phrases": ["  "]}],
)
def test_discover_refuses_unusable_arguments(client, arguments: dict[str, Any]) -> None:
    settings: dict[str, Any] = {"ciks": [NVDA], "phrases": [], "forms": ["8-K"]}
    settings.update(arguments)
    with pytest.raises(ConfigurationError):
        edgar.discover(client, since=date(2025, 9, 1), until=date(2025, 9, 2),
                       data_url="http://127.0.0.1:9", efts_url="http://127.0.0.1:9",
                       archives_url="http://127.0.0.1:9", allowed_hosts=LOOPBACK, **settings)


# --------------------------------------------------------------------------- the rate limit


def test_fifty_requests_from_four_threads_stay_under_ten_a_second(
        server, arrivals, base, make_client) -> None:
    one_filing = json.dumps({"name": "X", "filings": {"recent": {
        "accessionNumber": ["0000000001-25-000001"], "filingDate": ["2025-09-22"],
        "form": ["8-K"], "primaryDocument": ["x.htm"], "items": ["1.01"]}, "files": []}}).encode()
    serve(server, re.compile(r"^/submissions/CIK\d{10}\.json$"), arrivals, one_filing)
    clock = VirtualClock()
    client = make_client(rate_limits={"127.0.0.1": 9.5}, clock=clock)  # production: sec.gov 9.0
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(
            lambda cik: edgar.recent_filings(client, cik, data_url=base, forms=["8-K"],
                                             since=date(2025, 1, 1), allowed_hosts=LOOPBACK),
            range(1, 51)))
    assert all(len(filings) == 1 and not failures for filings, failures in results)
    assert len(arrivals.times()) == 51  # robots.txt once, then 50 submissions
    # Every request took its own slot of the one bucket, 1/9.5 s apart in virtual time (the
    # first needs no wait), so no second ever holds more than 10 requests.
    slots = sorted([0.0, *clock.waits()])
    assert slots == pytest.approx([k / 9.5 for k in range(51)])
    assert max(sum(1 for later in slots[i:] if later - t < 1.0) for i, t in enumerate(slots)) <= 10


# --------------------------------------------------------------------------- documents

NVDA_8K_URL = f"https://www.sec.gov{NVDA_FOLDER}/nvda-20250922.htm"


def test_8k_items_are_split_with_their_numbers_and_spans() -> None:
    doc = edgar.parse_document(fixture("nvda_8-K.htm"), NVDA_8K_URL, "raw-1")
    items = doc.metadata["items"]
    assert [(i["number"], i["title"]) for i in items] == [
        ("1.01", "Entry into a Material Definitive Agreement"),
        ("2.03", "Creation of a Direct Financial Obligation"),
        ("7.01", "Regulation FD Disclosure"),  # heading without a title: the SEC's name
        ("9.01", "Financial Statements and Exhibits"),
    ]
    texts = [doc.text[i["start"]:i["end"]] for i in items]
    assert texts[0].startswith("Item 1.01 Entry into a Material Definitive Agreement.")
    assert "invest up to $100 billion in OpenAI" in texts[0]
    assert texts[0].endswith("Change in commitments | (2,500)")
    assert texts[1].startswith("Item 2.03 | Creation") and texts[1].endswith(
        "incorporated herein by reference.")  # the cross reference to Item 1.01 is no heading
    assert texts[2] == ("ITEM 7.01.\n\nOn September 22, 2025, the companies issued a joint "
                        "press release, furnished as Exhibit 99.1.")
    assert texts[3].endswith("99.1 | Press release dated September 22, 2025")  # before SIGNATURES
    assert "SIGNATURES" in doc.text[items[-1]["end"]:]


def test_8k_text_keeps_reading_order_and_tables_and_drops_hidden_parts() -> None:
    doc = edgar.parse_document(fixture("nvda_8-K.htm"), NVDA_8K_URL, "raw-1")
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[:4] == ["UNITED STATES", "SECURITIES AND EXCHANGE COMMISSION", "FORM 8-K",
                              "Date of Report (Date of earliest event reported): September 22, "
                              "2025"]
    assert "Delaware | 0-23985 | 94-3177549" in paragraphs
    assert "First gigawatt | $10,000" in paragraphs  # "$" and "10,000" cells glued
    assert ("The first gigawatt is expected to be deployed in the second half of 2026. "
            "Deployment will use the NVIDIA Vera Rubin platform.") in paragraphs  # <br/>
    for hidden in ["HIDDEN COVER NOTE", "SCRIPT TEXT", "hidden-note", "AmendmentFlag", "false",
                   "nvda-20250922"]:
        assert hidden not in doc.text


def test_8k_document_fields_and_metadata() -> None:
    doc = edgar.parse_document(fixture("nvda_8-K.htm"), NVDA_8K_URL, "raw-1")
    assert doc.doc_id == stable_id("edgar", "0001045810-25-000210", "nvda-20250922.htm")
    assert doc.url == doc.canonical_url == NVDA_8K_URL
    assert (doc.source, doc.raw_id, doc.parser_version, doc.doc_type) == (
        "edgar", "raw-1", "edgar-2", "filing")
    assert doc.title == "NVIDIA CORPORATION 8-K"  # <title> is a file code; XBRL cover facts
    assert doc.published_at is None  # an HTML document states no filing date
    assert doc.entity_hints == ["NVIDIA CORPORATION"]
    meta = {k: v for k, v in doc.metadata.items() if k != "items"}
    assert meta == {"cik": NVDA, "accession": "0001045810-25-000210",
                    "document": "nvda-20250922.htm", "form": "8-K", "exhibit_type": None,
                    "registrant": "NVIDIA CORPORATION", "period_end_date": "2025-09-22",
                    "date_of_report": "2025-09-22", "sgml_wrapper": False}
    json.dumps(doc.to_row(), default=str)


@pytest.mark.parametrize(
    ("own_title", "expected"),
    [("Form 8-K", "NVIDIA CORPORATION 8-K"), ("Document", "NVIDIA CORPORATION 8-K"),
     ("NVIDIA and OpenAI letter of intent", "NVIDIA and OpenAI letter of intent")],
)
def test_a_title_naming_only_the_form_or_file_gives_way_to_the_cover(
        own_title: str, expected: str) -> None:
    body = fixture("nvda_8-K.htm").replace(b"<title>nvda-20250922</title>",
                                           f"<title>{own_title}</title>".encode())
    assert edgar.parse_document(body, NVDA_8K_URL, "r").title == expected


def test_exhibit_document_title_type_and_bullets() -> None:
    url = f"https://www.sec.gov{NVDA_FOLDER}/nvda-ex99_1.htm"
    doc = edgar.parse_document(fixture("nvda_ex99_1.htm"), url, "raw-2")
    assert doc.title == ("OpenAI and NVIDIA Announce Strategic Partnership to Deploy 10 Gigawatts "
                         "of NVIDIA Systems")  # "Document" and the "Exhibit 99.1" label skipped
    assert doc.metadata["exhibit_type"] == "EX-99.1"
    assert doc.metadata["form"] is None and doc.metadata["items"] == []
    assert doc.doc_id == stable_id("edgar", "0001045810-25-000210", "nvda-ex99_1.htm")
    paragraphs = doc.text.split("\n\n")
    assert ("To support the partnership, NVIDIA intends to invest up to $100 billion in OpenAI "
            "progressively as each gigawatt is deployed.") in paragraphs
    assert paragraphs[-1] == ("• The first phase is targeted to come online in the second half "
                              "of 2026.")


def test_full_text_submission_gives_the_filed_date_and_paragraphs() -> None:
    url = ("https://www.sec.gov/Archives/edgar/data/912345/000095012301000042/"
           "0000950123-01-000042.txt")
    doc = edgar.parse_document(fixture("full_submission_0000950123-01-000042.txt"), url, "r")
    assert doc.published_at == datetime(2001, 3, 15, tzinfo=UTC)
    assert doc.title == "EXAMPLE NETWORKS INC 8-K"
    assert doc.metadata["cik"] == "0000912345" and doc.metadata["form"] == "8-K"
    assert doc.metadata["accession"] == "0000950123-01-000042"
    paragraphs = doc.text.split("\n\n")
    assert ("On March 12, 2001, Example Networks Inc. completed its acquisition of Sample Optics "
            "Corp. for $45 million in cash, paid from existing cash balances.") in paragraphs
    assert "ITEM 7. FINANCIAL STATEMENTS AND EXHIBITS" in paragraphs  # <PAGE> ends a paragraph
    # The old numbering ("ITEM 7.") is an item heading too.
    assert [i["number"] for i in doc.metadata["items"]] == ["2.01", "7"]
    assert "completes the acquisition" not in doc.text  # the EX-99.1 document is another one


@pytest.mark.parametrize(
    "body", [b"", b"   \n", b"%PDF-1.7\n\x00\x01binary", b'{"form": "8-K"}',
             b"<html><body><div style='display:none'>only hidden</div></body></html>"])
def test_unusable_document_bodies_raise_malformed_input(body: bytes) -> None:
    with pytest.raises(MalformedInput):
        edgar.parse_document(body, NVDA_8K_URL, "r")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("ea191807ex99-1_datchat.htm", "EX-99.1"), ("d123456dex101.htm", "EX-10.1"),
     ("exhibit991.htm", "EX-99.1"), ("ex-99.1.htm", "EX-99.1"), ("ex10_12.htm", "EX-10.12"),
     ("a8-kexhibit991.htm", "EX-99.1"), ("tm2412345d1_ex10-1.htm", "EX-10.1"),
     ("exh10-1.htm", "EX-10.1"), ("EX99.HTM", "EX-99"),
     ("aapl-20230701xex311.htm", None), ("ea191807ex5-1_datchat.htm", None),
     ("ex99-1_001.jpg", None), ("ex101.xml", None), ("index.htm", None),
     ("nvda-20250922.htm", None)],
)
def test_exhibit_types_from_file_names(name: str, expected: str | None) -> None:
    assert edgar.exhibit_type(name) == expected


# --------------------------------------------------------------------------- real responses


@pytest.fixture
def real() -> Path:
    if not REAL_EDGAR.is_dir():
        pytest.skip("shared real fixtures not available")
    return REAL_EDGAR


def test_real_oracle_8k_parses_into_its_item(real: Path) -> None:
    url = "https://www.sec.gov/Archives/edgar/data/1341439/000095017024128000/orcl-20241114.htm"
    doc = edgar.parse_document((real / "oracle_8-K.html").read_bytes(), url, "raw-o")
    [item] = doc.metadata["items"]
    assert item["number"] == "5.07"
    assert item["title"] == "Submission of Matters to a Vote of Security Holders"
    section = doc.text[item["start"]:item["end"]]
    assert section.startswith("Item 5.07 Submission of Matters")  # a thin space in the source
    assert "Proposal No. 1: Election of Directors" in section
    assert "Awo Ablo | 2,300,385,739 | 21,926,604 | 250,464,124" in section
    assert section.endswith("250,464,124 broker non-votes.")
    assert doc.metadata["form"] == "8-K" and doc.metadata["registrant"] == "ORACLE CORP"
    assert doc.metadata["period_end_date"] == "2024-11-14"
    assert "duration_2024-11-14" not in doc.text and "schemaRef" not in doc.text


def test_real_buckle_8k_parses_into_its_items(real: Path) -> None:
    url = "https://www.sec.gov/Archives/edgar/data/885245/000088524524000050/bke-20241122.htm"
    doc = edgar.parse_document((real / "buckle_8-K.html").read_bytes(), url, "raw-b")
    items = doc.metadata["items"]
    assert [(i["number"], i["title"]) for i in items] == [
        ("2.02", "Results of Operations and Financial Condition"), ("9.01", "Exhibits")]
    results = doc.text[items[0]["start"]:items[0]["end"]]
    assert "announced financial results for the fiscal quarter ended November 2, 2024" in results
    exhibits = doc.text[items[1]["start"]:items[1]["end"]]
    assert "Exhibit 99.1 Press Release Dated November 22, 2024" in exhibits
    assert "SIGNATURES" not in exhibits
    assert "THE BUCKLE, INC." in doc.text.split("\n\n")


def test_real_submissions_parse_and_page_only_when_needed(
        real: Path, server, arrivals, base, client) -> None:
    first = "/submissions/CIK0000320193.json"
    older = "/submissions/CIK0000320193-submissions-001.json"
    serve(server, first, arrivals, (real / "submissions_CIK0000320193.json").read_bytes())
    serve(server, older, arrivals,
          (real / "submissions_CIK0000320193-submissions-001.json").read_bytes())
    filings, failures = edgar.recent_filings(client, 320193, data_url=base, forms=["8-K"],
                                             since=date(2023, 1, 1), allowed_hosts=LOOPBACK)
    assert failures == [] and arrivals.paths(without_robots=True) == [first]
    earnings = next(f for f in filings if f.accession == "0000320193-23-000075")
    assert earnings == edgar.Filing(cik="0000320193", company="Apple Inc.",
                                    accession="0000320193-23-000075", form="8-K",
                                    filed=date(2023, 8, 3), primary_document="aapl-20230803.htm",
                                    items=["2.02", "9.01"])
    # Reaching back before the recent block (it starts 2013-02-08) needs the older page
    filings, failures = edgar.recent_filings(client, 320193, data_url=base, forms=["8-K"],
                                             since=date(2013, 1, 1), allowed_hosts=LOOPBACK)
    assert failures == [] and arrivals.paths(without_robots=True) == [first, first, older]
    assert min(f.filed for f in filings) < date(2013, 2, 8)
    assert all(f.form in ("8-K", "8-K/A") for f in filings)


def test_real_search_answer_groups_into_one_filing(real: Path, server, arrivals, base,
                                                   client) -> None:
    serve_search(server, arrivals, pages={"0": (real / "efts_search_aapl.json").read_bytes()})
    filings, failures = edgar.search_filings(
        client, "artificial intelligence", efts_url=base, forms=["10-K"],
        start=date(2025, 10, 1), end=date(2025, 10, 31), allowed_hosts=LOOPBACK, max_pages=1)
    assert failures == []
    assert filings == [edgar.Filing(cik="0000320193", company="Apple Inc.",
                                    accession="0000320193-25-000079", form="10-K",
                                    filed=date(2025, 10, 31),
                                    primary_document="aapl-20250927.htm", items=[])]


def test_real_filing_index_gives_primary_and_press_release_exhibits(
        real: Path, server, arrivals, base, client) -> None:
    folder = "/Archives/edgar/data/1648960/000121390024004875"
    serve(server, f"{folder}/index.json", arrivals,
          (real / "filing_0001213900-24-004875-index.json").read_bytes())
    for primary in ["ea191807-8k_datchat.htm", None]:  # named by the listing, or recognised
        filing = edgar.Filing(cik="0001648960", company="Datchat, Inc.",
                              accession="0001213900-24-004875", form="8-K",
                              filed=date(2024, 1, 19), primary_document=primary)
        refs, failures = edgar.filing_documents(client, filing, archives_url=base,
                                                allowed_hosts=LOOPBACK)
        assert failures == []
        assert [r.url.removeprefix(base + folder + "/") for r in refs] == [
            "ea191807-8k_datchat.htm", "ea191807ex99-1_datchat.htm",
            "ea191807ex99-2_datchat.htm", "ea191807ex99-3_datchat.htm"]


COVER_2003 = b"""<html><head><title>Form 8-K</title></head><body>
<p align="center"><b>UNITED STATES</b></p>
<p align="center"><b>SECURITIES AND EXCHANGE COMMISSION</b></p>
<p align="center">Washington, D.C. 20549</p>
<p align="center"><b>FORM 8-K</b></p>
<p align="center">CURRENT REPORT</p>
<p>Date of Report (Date of earliest event reported): May 1, 2003</p>
<p align="center"><b>HALCYON DATA SYSTEMS, INC.</b></p>
<p align="center">(Exact name of registrant as specified in its charter)</p>
<p><b>Item 9. Regulation FD Disclosure.</b></p>
<p>On May 1, 2003, Halcyon Data Systems, Inc. issued the press release attached.</p>
<p><b>Item 7. Financial Statements and Exhibits.</b></p>
<p>(c) Exhibit 99.1 Press release dated May 1, 2003.</p>
<p>SIGNATURES</p><p>Pursuant to the requirements ...</p>
</body></html>"""

WRAPPED_EXHIBIT = b"""<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex991.htm
<DESCRIPTION>PRESS RELEASE
<TEXT>
<html><body><p>Halcyon Data Systems Signs $40 Million Agreement</p>
<p>Halcyon Data Systems, Inc. today said it will buy $40 million of servers from Dell.</p>
</body></html>
</TEXT>
</DOCUMENT>
"""


def test_a_filing_without_xbrl_takes_form_registrant_and_title_from_its_cover() -> None:
    url = "https://www.sec.gov/Archives/edgar/data/1111/000111100003000001/form8k.htm"
    doc = edgar.parse_document(COVER_2003, url, "raw")
    assert doc.title == "HALCYON DATA SYSTEMS, INC. 8-K"  # never "UNITED STATES"
    assert doc.metadata["form"] == "8-K"
    assert doc.metadata["registrant"] == "HALCYON DATA SYSTEMS, INC."
    assert doc.metadata["date_of_report"] == "2003-05-01"
    assert doc.published_at is None  # a bare document: the filing date comes from the index
    items = doc.metadata["items"]
    assert [(i["number"], i["title"]) for i in items] == [
        ("9", "Regulation FD Disclosure"), ("7", "Financial Statements and Exhibits")]
    assert doc.text[items[0]["start"]:items[0]["end"]].endswith("issued the press release "
                                                                "attached.")


@pytest.mark.parametrize("name", ["ex991.htm", "ex991.txt", "0001111000-03-000001.txt"])
def test_a_wrapped_document_is_told_by_its_content_whatever_its_name(name: str) -> None:
    url = f"https://www.sec.gov/Archives/edgar/data/1111/000111100003000001/{name}"
    doc = edgar.parse_document(WRAPPED_EXHIBIT, url, "raw")
    assert doc.metadata["exhibit_type"] == "EX-99.1" and doc.metadata["sgml_wrapper"] is True
    assert doc.text.split("\n\n") == [
        "Halcyon Data Systems Signs $40 Million Agreement",
        "Halcyon Data Systems, Inc. today said it will buy $40 million of servers from Dell."]
    assert "<TYPE>" not in doc.text and "SEQUENCE" not in doc.text
    assert doc.title == "Halcyon Data Systems Signs $40 Million Agreement"


def test_the_sec_rate_limit_page_is_never_stored_nor_parsed_as_a_filing() -> None:
    """sec.gov answers a throttled client with "Request Rate Threshold Exceeded" (a real page,
    tests/fixtures/real_pages): the connector refuses it as transient, and a copy stored by an
    older release is refused by the parser instead of becoming a filing."""
    from extract.edgar.connector import EdgarConnector
    from extract.errors import ChallengePage
    from records import FetchedResponse

    page = (Path(__file__).parent / "fixtures" / "real_pages" / "edgar"
            / "2025_sec_rate_limit_page_saved_as_8k.htm").read_bytes()
    url = "https://www.sec.gov/Archives/edgar/data/1045810/000104581025000210/nvda-8k.htm"
    response = FetchedResponse(url=url, final_url=url, status=200, headers={}, body=page,
                               fetched_at=datetime(2025, 9, 22, tzinfo=UTC))
    with pytest.raises(ChallengePage):
        EdgarConnector(ciks=(), phrases=(), forms=(), allowed_hosts=("sec.gov",)).screen(response)
    with pytest.raises(ChallengePage, match="rate-limit page"):
        edgar.parse_document(page, url, "raw")
    from extract.errors import TransientError

    assert issubclass(ChallengePage, TransientError)  # retried on a later run
