"""Which parser reads which source's raw bodies, behind one call.

Used by the nightly flow, `circularity reprocess` (re-parsing from the raw store) and
`circularity parse FILE`, so all three parse a body the same way.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import datetime

from extract import bluesky, cnbc, edgar, the_information
from extract.errors import ParserCrashed, SourceError
from records import Document

log = logging.getLogger(__name__)

Parser = Callable[[bytes, str, str], list[Document]]


def _parse_cnbc(body: bytes, url: str, raw_id: str) -> list[Document]:
    return [cnbc.parse_article(body, url, raw_id)]


def _parse_edgar(body: bytes, url: str, raw_id: str) -> list[Document]:
    return [edgar.parse_document(body, url, raw_id)]


def _parse_the_information(body: bytes, url: str, raw_id: str) -> list[Document]:
    return [the_information.parse_article(body, url, raw_id)]


PARSERS: dict[str, Parser] = {
    cnbc.SOURCE: _parse_cnbc,
    bluesky.SOURCE: bluesky.parse_response,
    the_information.SOURCE: _parse_the_information,
    edgar.SOURCE: _parse_edgar,
}

PARSER_VERSIONS: dict[str, str] = {
    cnbc.SOURCE: cnbc.PARSER_VERSION,
    bluesky.SOURCE: bluesky.PARSER_VERSION,
    the_information.SOURCE: the_information.PARSER_VERSION,
    edgar.SOURCE: edgar.PARSER_VERSION,
}


def parse_raw(source: str, body: bytes, url: str, raw_id: str) -> list[Document]:
    """Parse one raw body of a source into documents.

    Raises the connector's SourceError subclasses for bad input; any other exception from a
    parser is wrapped in ParserCrashed so the caller can quarantine it with the reason.
    """
    parser = PARSERS.get(source)
    if parser is None:
        raise ValueError(f"no parser for source {source!r}; known: {sorted(PARSERS)}")
    try:
        return parser(body, url, raw_id)
    except SourceError:
        raise
    except Exception as exc:  # noqa: BLE001 - a parser bug must quarantine one input, not the run
        log.exception("parser for %s crashed on %s", source, url)
        raise ParserCrashed(f"{type(exc).__name__}: {exc}", url=url) from exc


def parse_batch(
    items: list[tuple[str, bytes, str, str, datetime | None]],
) -> tuple[list[Document], list[tuple[str, str, str, SourceError]]]:
    """Parse many (source, body, url, raw_id, published_hint) items; one bad body never stops
    the others. A document with no date of its own takes the hint (the feed or filing date).

    Returns the documents and the failures as (source, url, raw_id, error).
    """
    documents: list[Document] = []
    failures: list[tuple[str, str, str, SourceError]] = []
    for source, body, url, raw_id, hint in items:
        try:
            documents.extend(
                doc if doc.published_at is not None or hint is None
                else dataclasses.replace(doc, published_at=hint)
                for doc in parse_raw(source, body, url, raw_id)
            )
        except SourceError as exc:
            log.warning("parse failed: %s: %s (%s)", url, exc.error_class, exc)
            failures.append((source, url, raw_id, exc))
    return documents, failures
