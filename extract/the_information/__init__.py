"""The Information: the Atom feed (`feed`), article pages behind the paywall and bot-challenge
pages (`pages`, selectors in `selectors.toml`), and the connector the flow wires (`connector`).
"""

from extract.the_information.connector import TheInformationConnector
from extract.the_information.feed import (
    SINCE_OVERLAP,
    DiscoveryResult,
    FeedClient,
    FeedEntry,
    discover,
    fetch_url,
    parse_feed,
    parse_feed_entries,
)
from extract.the_information.pages import (
    PARSER_VERSION,
    SOURCE,
    canonical_url,
    is_challenge_page,
    parse_article,
    session_headers,
)

__all__ = [
    "PARSER_VERSION", "SINCE_OVERLAP", "SOURCE", "DiscoveryResult", "FeedClient", "FeedEntry",
    "TheInformationConnector",
    "canonical_url", "discover", "fetch_url", "is_challenge_page", "parse_article", "parse_feed",
    "parse_feed_entries", "session_headers",
]
