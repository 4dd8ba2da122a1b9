"""SEC EDGAR connector: new filings of configured companies and phrases -> Refs to documents.

Discovery has three request kinds, all through the shared polite client (which keeps every
sec.gov host under one rate bucket: EDGAR blocks a client for ~10 minutes past 10 requests a
second):

- the submissions API (`data.sec.gov/submissions/CIK##########.json`) per configured CIK: the
  columnar `filings.recent` arrays, and the older pages of `filings.files` only when the window
  reaches back past the oldest recent filing;
- full-text search (`efts.sec.gov/LATEST/search-index`) per configured phrase and date window,
  paged 100 hits at a time; a hit is one document, so hits are grouped by accession number;
- each filing's folder `index.json`, giving the primary document and the EX-10.x / EX-99.x
  exhibits (told apart by file name: index.json lists files, not their types).

Filers are identified by the User-Agent's contact e-mail: `require_contact` refuses a UA
without one before any request is made. The submissions API and folder indexes are read by
`extract.edgar.filings`, full-text search by `extract.edgar.search`; this module combines them
(and re-exports their public names). Parsing lives in `extract.edgar.documents`.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from extract.edgar.documents import (
    SOURCE,
    exhibit_type,
)
from extract.edgar.filings import (
    DEFAULT_FORMS,
    EdgarClient,
    Failures,
    Filing,
    columnar_filings,
    filing_documents,
    normalise_cik,
    recent_filings,
)
from extract.edgar.search import group_hits, search_filings, search_hits
from extract.errors import ConfigurationError, MalformedInput
from extract.markup.html_scan import clean_text, json_path
from extract.markup.selectors import load_selectors
from records import Ref

# Full-text search without a watermark looks back this far; later runs start at the watermark.
DEFAULT_SEARCH_LOOKBACK = timedelta(days=30)

logger = logging.getLogger(__name__)

_SEL = load_selectors(SOURCE)
_SUB = _SEL["submissions"]
_ARCH = _SEL["archives"]


@dataclass(frozen=True)
class EdgarDiscovery:
    """Document refs of every filing found, the failed requests, and the next watermark."""

    refs: list[Ref]
    failures: Failures
    watermark: datetime | None


# --------------------------------------------------------------------------- discovery


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).date()
    return value


def _windows(start: date, end: date, days: int) -> list[tuple[date, date]]:
    windows = []
    while start <= end:
        last = min(end, start + timedelta(days=days - 1))
        windows.append((start, last))
        start = last + timedelta(days=1)
    return windows


def discover(
    client: EdgarClient,
    *,
    ciks: Sequence[str | int],
    phrases: Sequence[str],
    forms: Collection[str] = DEFAULT_FORMS,
    since: date | datetime | None,
    until: date | datetime | None = None,
    data_url: str = "https://data.sec.gov",
    efts_url: str = "https://efts.sec.gov",
    archives_url: str = "https://www.sec.gov",
    allowed_hosts: Collection[str],
    window_days: int = 30,
    max_pages: int = 10,
) -> EdgarDiscovery:
    """Filings of the `ciks` and filings matching the `phrases`, filed in [since, until]; refs
    to their primary documents and EX-10/EX-99 exhibits.

    `until` defaults to today (UTC). Full-text search runs in windows of `window_days`; without
    `since` it looks back DEFAULT_SEARCH_LOOKBACK (the submissions API gives everything).
    Filings found both ways are read once. The watermark is the latest filing date found
    (midnight UTC, so the next run re-reads that day: EDGAR adds filings all day long), or None
    when nothing was found or a transient failure may have hidden filings.
    Raises ConfigurationError for unusable arguments (a bad CIK, no forms, an empty phrase).
    """
    cik_list = [normalise_cik(c) for c in ciks]
    if any(not phrase.strip() for phrase in phrases):
        raise ConfigurationError("an empty EDGAR search phrase")
    if not forms:
        raise ConfigurationError("no EDGAR forms configured")
    if window_days < 1:
        raise ConfigurationError("window_days must be at least 1")
    start, end = _as_date(since), _as_date(until) or datetime.now(UTC).date()
    failures: Failures = []
    filings: dict[str, Filing] = {}

    def add(found: Iterable[Filing]) -> None:
        for filing in found:
            if (start is not None and filing.filed < start) or filing.filed > end:
                continue
            known = filings.get(filing.accession)
            if known is None or (known.primary_document is None and filing.primary_document):
                filings[filing.accession] = filing

    for cik in cik_list:
        found, failed = recent_filings(client, cik, data_url=data_url, forms=forms, since=start,
                                       until=end, allowed_hosts=allowed_hosts)
        add(found)
        failures.extend(failed)
    search_start = start or end - DEFAULT_SEARCH_LOOKBACK
    for phrase in phrases:
        for window_start, window_end in _windows(search_start, end, window_days):
            found, failed = search_filings(client, phrase, efts_url=efts_url, forms=forms,
                                           start=window_start, end=window_end,
                                           allowed_hosts=allowed_hosts, max_pages=max_pages)
            add(found)
            failures.extend(failed)
    refs: list[Ref] = []
    seen: set[str] = set()
    for filing in sorted(filings.values(), key=lambda f: (f.filed, f.accession)):
        found_refs, failed = filing_documents(client, filing, archives_url=archives_url,
                                              allowed_hosts=allowed_hosts)
        failures.extend(failed)
        for ref in found_refs:
            if ref.canonical_url not in seen:
                seen.add(ref.canonical_url)
                refs.append(ref)
    newest = max((f.filed for f in filings.values()), default=None)
    watermark = None
    if newest is not None and not any(err.transient for _, err in failures):
        watermark = datetime(newest.year, newest.month, newest.day, tzinfo=UTC)
    logger.info("edgar discovery: %d filings, %d refs, %d failures", len(filings), len(refs),
                len(failures))
    return EdgarDiscovery(refs=refs, failures=failures, watermark=watermark)


# --------------------------------------------------------------------------- saved responses


def describe_json_response(body: bytes, url: str) -> list[dict[str, Any]]:
    """What a saved EDGAR JSON answer holds, for `circularity parse`: the filings of a
    submissions answer (or of one of its older pages), the filings of a full-text search answer
    (hits grouped by accession number), or the documents of a filing index (with the exhibit
    type each name maps to). MalformedInput for JSON of none of these shapes."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedInput(f"not JSON: {exc}", url=url) from None
    if not isinstance(data, dict):
        raise MalformedInput(f"expected a JSON object, got {type(data).__name__}", url=url)

    def filing_row(filing: Filing) -> dict[str, Any]:
        return {"kind": "filing", **dataclasses.asdict(filing), "filed": filing.filed.isoformat()}

    if "filings" in data:
        cik = normalise_cik(data.get("cik") or 0) if data.get("cik") else ""
        company = clean_text(str(data.get(_SUB["company"]) or "")) or cik
        filings = columnar_filings(json_path(data, _SUB["recent_path"]), cik, company, url)
        pages = json_path(data, _SUB["files_path"]) or []
        return [filing_row(f) for f in filings] + [
            {"kind": "older_page", **page} for page in pages if isinstance(page, dict)]
    if _SUB["accession"] in data:
        return [filing_row(f) for f in columnar_filings(data, "", "", url)]
    if "hits" in data:
        sources, _total = search_hits(data, url)
        filings, failures = group_hits(sources, url)
        return [filing_row(f) for f in filings] + [
            {"kind": "failure", "url": where, "error": str(err)} for where, err in failures]
    entries = json_path(data, _ARCH["index_items"])
    if isinstance(entries, list):
        return [{"kind": "document", "name": e.get(_ARCH["item_name"]),
                 "exhibit_type": exhibit_type(str(e.get(_ARCH["item_name"], "")))}
                for e in entries if isinstance(e, dict)]
    raise MalformedInput(f"not a submissions, search or index answer (keys: "
                         f"{sorted(data)[:8]})", url=url)
