"""Which sources a run starts with: the connectors built from settings, and the reasons a source
that is enabled cannot run (reported as "skipped", never as an "ok" run that read nothing)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import SecretStr

from extract.bluesky import BlueskyConnector
from flows.app_settings import BlueskySettings, HttpSettings, Settings
from flows.runtime import build_connectors


@pytest.fixture(autouse=True)
def no_ambient_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Only the settings a test passes count: no `.env` here, no CIRCULARITY_* variables."""
    monkeypatch.chdir(tmp_path)
    for name in [n for n in os.environ if n.startswith("CIRCULARITY_")]:
        monkeypatch.delenv(name)


def test_local_defaults_run_the_feeds_and_say_why_the_rest_cannot() -> None:
    connectors, skipped = build_connectors(Settings())
    assert sorted(connectors) == ["cnbc", "the_information"]
    assert "CIRCULARITY_HTTP__CONTACT_EMAIL" in skipped["edgar"]
    assert "CIRCULARITY_BLUESKY__APP_PASSWORD" in skipped["bluesky"]
    assert "CIRCULARITY_BLUESKY__AUTHORS" in skipped["bluesky"]


def test_bluesky_runs_with_author_feeds_alone() -> None:
    settings = Settings(bluesky=BlueskySettings(authors=["cnbc.com"]))
    connectors, skipped = build_connectors(settings)
    assert "bluesky" not in skipped
    assert isinstance(connectors["bluesky"], BlueskyConnector)
    assert connectors["bluesky"].authors == ("cnbc.com",)


def test_bluesky_runs_its_searches_with_a_login() -> None:
    settings = Settings(bluesky=BlueskySettings(handle="me.bsky.social",
                                                app_password=SecretStr("app-pass-1234")))
    connectors, skipped = build_connectors(settings)
    assert "bluesky" not in skipped and connectors["bluesky"].queries


def test_bluesky_with_a_login_but_nothing_to_search_or_follow_is_skipped() -> None:
    settings = Settings(bluesky=BlueskySettings(handle="me.bsky.social", queries=[],
                                                app_password=SecretStr("app-pass-1234")))
    connectors, skipped = build_connectors(settings)
    assert "bluesky" not in connectors
    assert "CIRCULARITY_BLUESKY__QUERIES" in skipped["bluesky"]
    assert "app-pass-1234" not in skipped["bluesky"]


def test_a_disabled_source_is_neither_built_nor_reported_skipped() -> None:
    settings = Settings(bluesky=BlueskySettings(enabled=False),
                        http=HttpSettings(contact_email=SecretStr("ops@example.org")))
    connectors, skipped = build_connectors(settings)
    assert "bluesky" not in connectors and "bluesky" not in skipped
    assert "edgar" in connectors and skipped == {}
