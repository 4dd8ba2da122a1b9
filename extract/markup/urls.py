"""URL rules shared by the connectors: an item's natural key, and whether a link is ours."""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import SplitResult, urlsplit, urlunsplit


def https_key(url: str) -> str:
    """The natural key of a news URL: https, lower-case host, no query string, no fragment.

    Links carry tracking parameters, referral codes and cache-busters (`?__source=...`,
    `?rc=abc`); the page is the same without them. Raises ValueError for a URL without a host.
    """
    parts = urlsplit(url.strip())
    if not parts.netloc:
        raise ValueError(f"not an absolute URL: {url!r}")
    return urlunsplit(("https", parts.netloc.lower(), parts.path or "/", "", ""))


def web_link_on(link: str, hosts: Collection[str]) -> SplitResult | None:
    """The parts of an http(s) link whose host is one of `hosts` or a subdomain of one, else
    None."""
    parts = urlsplit(link)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    entries = [h.lower() for h in hosts]
    if not any(host == entry or host.endswith("." + entry) for entry in entries):
        return None
    return parts
