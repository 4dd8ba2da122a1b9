"""Before a run starts Prefect: can the sources' hosts be reached at all?

A machine with no network (or a source whose host is misspelt) should hear so in seconds, not
after Prefect's temporary server has started and every source has failed inside the flow. For
each selected source this resolves and connects (TCP only, no HTTP request, so no robots.txt
or rate question arises) to the hosts its discovery starts from. When not one selected source
can be reached, `circularity run` reports each with the reason and what to check, records the
run as failed, and exits without starting Prefect; otherwise the run goes on as usual (a source
that is down then fails fast inside it: the HTTP client remembers unreachable hosts).
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from flows.app_settings import Settings

log = logging.getLogger(__name__)

# What to check, per source, when its hosts cannot be reached.
SETTING_HINTS = {
    "cnbc": "the network, or CIRCULARITY_CNBC__FEEDS",
    "the_information": "the network, or CIRCULARITY_THE_INFORMATION__FEED",
    "bluesky": "the network, or CIRCULARITY_BLUESKY__APPVIEW_URL / __PDS_URL",
    "edgar": "the network, or CIRCULARITY_EDGAR__DATA_URL / __EFTS_URL / __ARCHIVES_URL",
}


def entry_urls(settings: Settings, source: str) -> list[str]:
    """The URLs a source's discovery starts from."""
    if source == "cnbc":
        return list(settings.cnbc.feeds)
    if source == "the_information":
        return [settings.the_information.feed]
    if source == "bluesky":
        return [settings.bluesky.appview_url, settings.bluesky.pds_url]
    if source == "edgar":
        return [settings.edgar.data_url, settings.edgar.efts_url, settings.edgar.archives_url]
    raise KeyError(source)


def _endpoint(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)


def tcp_reachable(host: str, port: int, timeout: float) -> str | None:
    """None when a TCP connection to host:port opens within `timeout`, else why not."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return None
    except socket.gaierror as exc:
        return f"{host} does not resolve ({exc.strerror or exc})"
    except ConnectionRefusedError:
        return f"{host}:{port} refuses connections"
    except TimeoutError:
        return f"{host}:{port} did not answer within {timeout:g} s"
    except OSError as exc:
        return f"{host}:{port} unreachable ({exc.strerror or type(exc).__name__})"


def unreachable_sources(settings: Settings, sources: list[str], timeout: float = 3.0,
                        probe: Callable[[str, int, float], str | None] = tcp_reachable,
                        ) -> dict[str, str]:
    """Source -> reason, for the sources none of whose entry hosts can be reached."""
    seen: dict[tuple[str, int], str | None] = {}
    down: dict[str, str] = {}
    for source in sources:
        reasons = []
        for endpoint in dict.fromkeys(_endpoint(u) for u in entry_urls(settings, source)):
            if endpoint not in seen:
                seen[endpoint] = probe(endpoint[0], endpoint[1], timeout)
            reasons.append(seen[endpoint])
        if reasons and all(reasons):
            down[source] = "; ".join(dict.fromkeys(r for r in reasons if r))
    log.info("preflight: %d of %d sources unreachable", len(down), len(sources))
    return down
