"""Sentence- and document-level deal extraction: sentences, skeletons, frames written as data,
coordination, direction by party kind, status and negation -> deal mentions with evidence.
"""

from transform.deals.extractor import (
    EXTRACTOR_VERSION,
    DealMention,
    ExtractionFailed,
    entity_rows,
    extract_document,
    extract_text,
    mention_rows,
)

__all__ = [
    "EXTRACTOR_VERSION", "DealMention", "ExtractionFailed", "entity_rows", "extract_document",
    "extract_text", "mention_rows",
]
