"""CNBC: section RSS feeds (`feed`), article pages (`article`, selectors in `selectors.toml`)
and the connector the flow wires (`connector`).
"""

from extract.cnbc.article import PARSER_VERSION, SOURCE, canonical_url, parse_article
from extract.cnbc.connector import CnbcConnector
from extract.cnbc.feed import SINCE_OVERLAP, DiscoveryResult, FeedClient, discover, parse_feed

__all__ = [
    "PARSER_VERSION", "SINCE_OVERLAP", "SOURCE", "CnbcConnector", "DiscoveryResult", "FeedClient",
    "canonical_url", "discover", "parse_article", "parse_feed",
]
