"""Shared test fixtures: a temporary lake, the real-fixture folder, loopback servers and polite
clients for them, Prefect's test harness."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from extract.http import ClientConfig, PoliteClient
from extract.http.clock import SYSTEM_CLOCK, Clock
from load.lake import Lake
from load.raw_store import RawStore
from tests.loopback import USER_AGENT

REPO = Path(__file__).resolve().parents[1]
SHARED_REAL = REPO.parent / "shared" / "fixtures" / "real"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def shared_real() -> Path:
    """The captured real responses in ../shared/fixtures/real; skips when absent."""
    if not SHARED_REAL.is_dir():
        pytest.skip("../shared/fixtures/real is not present in this checkout")
    return SHARED_REAL


@pytest.fixture
def lake(tmp_path: Path) -> Lake:
    """An empty lake under a temporary storage root."""
    return Lake(str(tmp_path / "data"))


@pytest.fixture
def raw_store(lake: Lake) -> RawStore:
    """The raw store of the temporary lake."""
    return RawStore(lake.storage)


def start_loopback_server(port: int = 0) -> HTTPServer:
    """A threaded HTTP server on 127.0.0.1 (a slow handler does not block the others)."""
    server = HTTPServer(host="127.0.0.1", port=port, threaded=True)
    server.start()
    return server


def stop_loopback_server(server: HTTPServer) -> None:
    """Forget its handlers and stop it (unless a test stopped it already)."""
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def loopback_server() -> Iterator[HTTPServer]:
    """A fresh threaded loopback server for one test."""
    server = start_loopback_server()
    yield server
    stop_loopback_server(server)


@pytest.fixture(scope="module")
def module_loopback_server() -> Iterator[HTTPServer]:
    """One threaded loopback server for a whole test module (stopping one takes ~0.5 s)."""
    server = start_loopback_server()
    yield server
    stop_loopback_server(server)


@pytest.fixture
def make_client() -> Iterator[Callable[..., PoliteClient]]:
    """Factory of `PoliteClient`s for loopback tests; keyword arguments override `ClientConfig`.

    Defaults: the test User-Agent, robots honoured, short timeouts, two fast retries and no
    rate limit worth the name (tests that check pacing set their own). `clock=` gives the client
    a virtual clock (tests.virtual_clock) so pacing is checked without wall-clock bounds. Every
    client made is closed after the test.
    """
    clients: list[PoliteClient] = []

    def factory(clock: Clock = SYSTEM_CLOCK, **overrides: object) -> PoliteClient:
        settings: dict[str, object] = {
            "user_agent": USER_AGENT, "connect_timeout": 1.0, "read_timeout": 3.0,
            "max_retries": 2, "backoff_factor": 0.01, "default_rate_per_second": 1000.0,
            "respect_robots": True,
        }
        settings.update(overrides)
        client = PoliteClient(ClientConfig(**settings), clock)  # type: ignore[arg-type]
        clients.append(client)
        return client

    yield factory
    for client in clients:
        client.close()


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API (SQLite) for every flow test of the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
