"""Settings for flow tests: everything points at loopback servers and a temporary lake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FAST_HTTP = {
    "CIRCULARITY_HTTP__CONNECT_TIMEOUT": "1",
    "CIRCULARITY_HTTP__READ_TIMEOUT": "1",
    "CIRCULARITY_HTTP__MAX_RETRIES": "2",
    "CIRCULARITY_HTTP__BACKOFF_FACTOR": "0.01",
    "CIRCULARITY_HTTP__MAX_RETRY_AFTER": "2",
    "CIRCULARITY_HTTP__DEFAULT_RATE_PER_SECOND": "200",
    "CIRCULARITY_HTTP__MAX_BODY_BYTES": "200000",
    "CIRCULARITY_TASK_RETRIES": "1",
    "CIRCULARITY_TASK_RETRY_DELAY_SECONDS": "0",
    # Reprocess in the flow's own process (tests/test_reprocess_pool.py covers the workers).
    "CIRCULARITY_WORKERS": "1",
}


def flow_env(tmp_path: Path, cnbc_feeds: list[str], **extra: str) -> dict[str, str]:
    """Environment for a run against loopback feeds, with fast timeouts and retries."""
    env = {
        "CIRCULARITY_DATA_DIR": str(tmp_path / "data"),
        "CIRCULARITY_CNBC__FEEDS": json.dumps(cnbc_feeds),
        "CIRCULARITY_CNBC__ALLOWED_HOSTS": json.dumps(["127.0.0.1"]),
        # Only CNBC unless a test turns the others on (they would reach for the internet).
        "CIRCULARITY_THE_INFORMATION__ENABLED": "false",
        "CIRCULARITY_BLUESKY__ENABLED": "false",
        "CIRCULARITY_EDGAR__ENABLED": "false",
        **FAST_HTTP,
    }
    env.update(extra)
    return env


def edgar_env(tmp_path: Path, base: str, ciks: list[str], **extra: str) -> dict[str, str]:
    """Environment for an EDGAR-only run against a loopback EDGAR at `base`."""
    return flow_env(
        tmp_path, ["http://127.0.0.1:9/unused.xml"],
        CIRCULARITY_HTTP__CONTACT_EMAIL="pipeline@example.org",
        CIRCULARITY_EDGAR__ENABLED="true", CIRCULARITY_EDGAR__ALLOWED_HOSTS='["127.0.0.1"]',
        CIRCULARITY_EDGAR__DATA_URL=base, CIRCULARITY_EDGAR__EFTS_URL=base,
        CIRCULARITY_EDGAR__ARCHIVES_URL=base, CIRCULARITY_EDGAR__SEARCH_PHRASES="[]",
        CIRCULARITY_EDGAR__CIKS=json.dumps(ciks), **extra)


def apply_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, env: dict[str, str]) -> None:
    """Set the environment and run from an empty folder, so no developer `.env` is read."""
    workdir = tmp_path / "work"
    workdir.mkdir(exist_ok=True)
    monkeypatch.chdir(workdir)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
