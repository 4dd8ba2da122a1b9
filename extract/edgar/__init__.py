"""SEC EDGAR: submissions and folder indexes (`filings`), full-text search (`search`), both
combined (`discovery`), filing documents and 8-K items (`documents`, `items`), the connector.
"""

from extract.edgar.connector import EdgarConnector
from extract.edgar.discovery import (
    DEFAULT_SEARCH_LOOKBACK,
    EdgarDiscovery,
    describe_json_response,
    discover,
)
from extract.edgar.documents import PARSER_VERSION, SOURCE, exhibit_type, parse_document
from extract.edgar.filings import (
    CONTACT_MISSING,
    DEFAULT_FORMS,
    EdgarClient,
    Filing,
    filing_documents,
    form_matches,
    normalise_cik,
    recent_filings,
    require_contact,
)
from extract.edgar.items import item_spans
from extract.edgar.search import search_filings

__all__ = [
    "CONTACT_MISSING", "DEFAULT_FORMS", "DEFAULT_SEARCH_LOOKBACK", "PARSER_VERSION", "SOURCE",
    "EdgarClient", "EdgarConnector", "EdgarDiscovery", "Filing", "describe_json_response",
    "discover", "exhibit_type", "filing_documents", "form_matches", "item_spans", "normalise_cik",
    "parse_document", "recent_filings", "require_contact", "search_filings",
]
