"""Bluesky: login and sessions (`session`), searchPosts and author feeds (`discovery`), API
pages -> post documents (`posts`), and the connector that hands article links on (`connector`).
"""

from extract.bluesky.connector import BLUESKY_OVERLAP, BlueskyConnector, handoff_refs
from extract.bluesky.discovery import (
    GET_AUTHOR_FEED,
    MAX_PAGE_LIMIT,
    SEARCH_POSTS,
    BlueskyDiscovery,
    author_feed,
    discover,
    search_posts,
)
from extract.bluesky.posts import (
    ARTICLE_LINKS,
    PARSER_VERSION,
    SOURCE,
    WEB_POST_URL,
    linked_article_urls,
    parse_response,
)
from extract.bluesky.session import BlueskySession

__all__ = [
    "ARTICLE_LINKS", "BLUESKY_OVERLAP", "GET_AUTHOR_FEED", "MAX_PAGE_LIMIT", "PARSER_VERSION",
    "SEARCH_POSTS", "SOURCE", "WEB_POST_URL", "BlueskyConnector", "BlueskyDiscovery",
    "BlueskySession", "author_feed", "discover", "handoff_refs", "linked_article_urls",
    "parse_response", "search_posts",
]
