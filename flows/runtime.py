"""Turning settings into the objects a run uses: lake, raw store, HTTP client, connectors.

The only place (with the CLI) that reads settings; everything it builds takes plain values.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract import edgar
from extract.bluesky import BlueskyConnector
from extract.cnbc import CnbcConnector
from extract.connectors import Connector
from extract.edgar import EdgarConnector
from extract.errors import ConfigurationError
from extract.http import ClientConfig, PoliteClient
from extract.the_information import TheInformationConnector
from flows.app_settings import SOURCES, BlueskySettings, Settings
from load.lake import Lake
from load.raw_store import RawStore
from transform.entities import EntityTable


@dataclass
class Runtime:
    """Everything a flow run needs, built once per run."""

    settings: Settings
    lake: Lake
    raw_store: RawStore
    client: PoliteClient
    connectors: dict[str, Connector]
    skipped: dict[str, str]

    def close(self) -> None:
        """Release network resources."""
        self.client.close()


def build_client(settings: Settings) -> PoliteClient:
    """The one polite HTTP client, configured from the `http` settings."""
    http = settings.http
    return PoliteClient(
        ClientConfig(
            user_agent=http.user_agent(),
            connect_timeout=http.connect_timeout,
            read_timeout=http.read_timeout,
            max_body_bytes=http.max_body_bytes,
            max_retries=http.max_retries,
            backoff_factor=http.backoff_factor,
            max_retry_after=http.max_retry_after,
            unreachable_cooldown_seconds=http.unreachable_cooldown_seconds,
            body_deadline_seconds=http.body_deadline_seconds,
            default_rate_per_second=http.default_rate_per_second,
            rate_limits=dict(http.rate_limits),
            respect_robots=http.respect_robots,
            throttle_statuses={host: frozenset(codes)
                               for host, codes in http.throttle_statuses.items()},
        )
    )


def bluesky_idle_reason(bsky: BlueskySettings) -> str | None:
    """Why Bluesky would read nothing at all (no login for search and no author feeds), or None.

    Reported as a skipped source rather than an "ok" run that silently fetched nothing.
    """
    can_search = bool(bsky.queries and bsky.handle and bsky.app_password)
    if can_search or bsky.authors:
        return None
    if not bsky.queries:
        return ("Bluesky has no search queries and no author feeds: set "
                "CIRCULARITY_BLUESKY__QUERIES or CIRCULARITY_BLUESKY__AUTHORS")
    return ("Bluesky search needs a login and no author feeds are listed: set "
            "CIRCULARITY_BLUESKY__HANDLE and CIRCULARITY_BLUESKY__APP_PASSWORD, or "
            "CIRCULARITY_BLUESKY__AUTHORS")


def build_connectors(settings: Settings) -> tuple[dict[str, Connector], dict[str, str]]:
    """A connector for every enabled source that can run, and the reason for each enabled
    source that cannot (a missing contact e-mail for EDGAR, nothing Bluesky may read): checked
    once, at the start."""
    connectors: dict[str, Connector] = {}
    skipped: dict[str, str] = {}
    if settings.cnbc.enabled:
        connectors["cnbc"] = CnbcConnector(
            feeds=tuple(settings.cnbc.feeds), allowed_hosts=tuple(settings.cnbc.allowed_hosts),
            sitemap_base=settings.cnbc.sitemap_base,
        )
    info = settings.the_information
    if info.enabled:
        connectors["the_information"] = TheInformationConnector(
            feed=info.feed, allowed_hosts=tuple(info.allowed_hosts), sitemap=info.sitemap,
            session_cookie=info.session_cookie.get_secret_value() if info.session_cookie
            else None,
        )
    bsky = settings.bluesky
    if bsky.enabled and (reason := bluesky_idle_reason(bsky)):
        skipped["bluesky"] = reason
    elif bsky.enabled:
        connectors["bluesky"] = BlueskyConnector(
            pds_url=bsky.pds_url, appview_url=bsky.appview_url, identifier=bsky.handle,
            app_password=bsky.app_password.get_secret_value() if bsky.app_password else None,
            queries=tuple(bsky.queries), authors=tuple(bsky.authors),
            allowed_hosts=tuple(bsky.allowed_hosts), max_pages=bsky.max_pages,
        )
    sec = settings.edgar
    if sec.enabled:
        try:
            edgar.require_contact(settings.http.user_agent())
        except ConfigurationError as exc:
            skipped["edgar"] = str(exc)
        else:
            ciks = sec.ciks or [e.cik for e in EntityTable.default().entities if e.cik]
            connectors["edgar"] = EdgarConnector(
                ciks=tuple(ciks), phrases=tuple(sec.search_phrases), forms=tuple(sec.forms),
                allowed_hosts=tuple(sec.allowed_hosts), data_url=sec.data_url,
                efts_url=sec.efts_url, archives_url=sec.archives_url, max_pages=sec.max_pages,
            )
    return connectors, skipped


def build_lake(settings: Settings) -> Lake:
    """The lake under the configured storage root."""
    return Lake(settings.data_dir, settings.storage_options or None)


def build_runtime(settings: Settings) -> Runtime:
    """Lake, raw store, client and connectors for one run."""
    lake = build_lake(settings)
    connectors, skipped = build_connectors(settings)
    return Runtime(
        settings=settings,
        lake=lake,
        raw_store=RawStore(lake.storage),
        client=build_client(settings),
        connectors=connectors,
        skipped=skipped,
    )


def selected_sources(settings: Settings, requested: list[str] | None) -> list[str]:
    """The sources a run covers, in the canonical order; unknown names are an error."""
    names = list(requested) if requested else list(SOURCES)
    unknown = sorted(set(names) - set(SOURCES))
    if unknown:
        raise ValueError(f"unknown source(s) {unknown}; known: {list(SOURCES)}")
    return [s for s in SOURCES if s in names]
