"""Shared test fixtures: a temporary lake, the real-fixture folder, Prefect's test harness."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from load.lake import Lake
from load.raw_store import RawStore

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


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API (SQLite) for every flow test of the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
