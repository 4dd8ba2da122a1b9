"""Parsing feed XML safely: the one place RSS and Atom bodies become element trees."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from extract.errors import MalformedInput


def parse_feed_xml(body: bytes, feed_url: str) -> Element:
    """The root element of a feed body, with DTDs, entity declarations and external references
    all forbidden: a hostile feed (billion laughs, external entities) is refused unexpanded.

    Raises MalformedInput naming the reason ("hostile feed refused" or "malformed feed XML").
    """
    try:
        return SafeElementTree.fromstring(
            body, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise MalformedInput(
            f"hostile feed refused (DTDs, entities and external references are forbidden): "
            f"{exc!r}",
            url=feed_url,
        ) from exc
    except (ParseError, ValueError, LookupError) as exc:  # broken XML, unknown encoding
        raise MalformedInput(f"malformed feed XML: {exc}", url=feed_url) from exc
