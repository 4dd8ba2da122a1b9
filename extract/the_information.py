"""The Information connector, pure parts: the Atom feed -> Refs, article pages -> Documents.

No HTTP here: `discover` takes any client with the `get` method of `extract.http.PoliteClient`,
and `parse_article` works on stored bytes, so `reprocess` can re-run it without the network.
Every selector, JSON-LD key and challenge marker comes from
`extract/selectors/the_information.toml`.

The site is paywalled: without a subscriber session only the teaser is kept (`paywalled=True`),
and bot-challenge pages are retried on a later run, never parsed (details in
`extract.the_information_pages`).

The code lives in two modules, re-exported here as the connector's one public surface: the
feed in `extract.the_information_feed`, item URLs, challenge pages and article pages in
`extract.the_information_pages`.
"""

from __future__ import annotations

from extract.the_information_feed import (
    SINCE_OVERLAP,
    DiscoveryResult,
    FeedClient,
    FeedEntry,
    discover,
    fetch_url,
    parse_feed,
    parse_feed_entries,
)
from extract.the_information_pages import (
    PARSER_VERSION,
    SOURCE,
    canonical_url,
    is_challenge_page,
    parse_article,
    session_headers,
)

__all__ = [
    "PARSER_VERSION", "SINCE_OVERLAP", "SOURCE", "DiscoveryResult", "FeedClient", "FeedEntry",
    "canonical_url", "discover", "fetch_url", "is_challenge_page", "parse_article", "parse_feed",
    "parse_feed_entries", "session_headers",
]
