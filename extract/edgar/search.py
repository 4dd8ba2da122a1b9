"""SEC EDGAR full-text search (`efts.sec.gov/LATEST/search-index`) -> Filings.

Searched per configured phrase and date window, paged 100 hits at a time; a hit is one
document, so hits are grouped by accession number into one `Filing` each.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Iterable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from extract.edgar.documents import SOURCE
from extract.edgar.filings import (
    ACCESSION,
    DEFAULT_FORMS,
    EdgarClient,
    Failures,
    Filing,
    form_matches,
    iso_date,
    item_numbers,
    json_answer,
    normalise_cik,
)
from extract.errors import ConfigurationError, MalformedInput, SourceError
from extract.markup.html_scan import clean_text, json_path
from extract.markup.selectors import load_selectors

logger = logging.getLogger(__name__)

_SEARCH = load_selectors(SOURCE)["search"]
_DISPLAY_CIK = re.compile(r"\s*\(CIK\s*\d+\)\s*$")
_DISPLAY_TICKERS = re.compile(r"\s*\([A-Z0-9.\-, ]+\)\s*$")
_SEARCH_MAX_HITS = 10_000  # EFTS (Elasticsearch) never pages past the first 10,000 hits


def _company_name(display_name: Any) -> str:
    """"Apple Inc.  (AAPL)  (CIK 0000320193)" -> "Apple Inc."."""
    name = clean_text(display_name) if isinstance(display_name, str) else ""
    without_cik = _DISPLAY_CIK.sub("", name)
    # EFTS writes "<name> (<tickers>) (CIK <n>)": the tickers group only goes with the CIK's
    return _DISPLAY_TICKERS.sub("", without_cik) if without_cik != name else name


def search_hits(data: Any, url: str) -> tuple[list[dict[str, Any]], int]:
    """The hits' `_source` objects (with the document name added) and the total hit count."""
    hits = json_path(data, _SEARCH["hits"])
    total = json_path(data, _SEARCH["total"])
    if isinstance(total, dict):
        total = total.get(_SEARCH["total_value"])
    if not isinstance(hits, list) or not isinstance(total, int):
        raise MalformedInput(f"search answer lacks {'.'.join(_SEARCH['hits'])} (list) or "
                             f"{'.'.join(_SEARCH['total'])} (count)", url=url)
    sources = []
    for hit in hits:
        source = hit.get(_SEARCH["source"]) if isinstance(hit, dict) else None
        accession = source.get(_SEARCH["accession"]) if isinstance(source, dict) else None
        if not isinstance(source, dict) or not isinstance(accession, str) or (
                not ACCESSION.match(accession)):
            raise MalformedInput(f"search hit without {_SEARCH['source']}."
                                 f"{_SEARCH['accession']}: {str(hit)[:200]}", url=url)
        doc_id = hit.get(_SEARCH["document_id"])
        name = doc_id.split(":", 1)[1] if isinstance(doc_id, str) and ":" in doc_id else None
        sources.append({**source, "_document": name})
    return sources, total


def group_hits(sources: Iterable[dict[str, Any]], url: str) -> tuple[list[Filing], Failures]:
    """One Filing per accession number, in first-hit order; the primary document is the hit
    whose file type is the filing's form. A group without CIK, form or date is a failure."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for source in sources:
        grouped.setdefault(source[_SEARCH["accession"]], []).append(source)
    filings: list[Filing] = []
    failures: Failures = []
    for accession, hits in grouped.items():
        first = hits[0]
        ciks, names = first.get(_SEARCH["ciks"]), first.get(_SEARCH["names"])
        form = first.get(_SEARCH["form"])
        try:
            if not isinstance(ciks, list) or not ciks or not isinstance(form, str):
                raise MalformedInput(f"search hit of {accession} lacks {_SEARCH['ciks']} or "
                                     f"{_SEARCH['form']}", url=url)
            try:
                cik = normalise_cik(ciks[0])
            except ConfigurationError:
                raise MalformedInput(f"search hit of {accession}: bad CIK {ciks[0]!r}",
                                     url=url) from None
            filed = iso_date(first.get(_SEARCH["filed"]), _SEARCH["filed"], url)
        except MalformedInput as exc:
            failures.append((f"{url}#{accession}", exc))
            continue
        primary = next((h["_document"] for h in hits if h.get("_document")
                        and str(h.get(_SEARCH["file_type"], "")).upper() == form.upper()), None)
        items: list[str] = []
        for hit in hits:
            items.extend(i for i in item_numbers(hit.get(_SEARCH["items"])) if i not in items)
        company = _company_name(names[0]) if isinstance(names, list) and names else ""
        filings.append(Filing(cik=cik, company=company or cik, accession=accession, form=form,
                              filed=filed, primary_document=primary, items=items))
    return filings, failures


def search_filings(
    client: EdgarClient,
    phrase: str,
    *,
    efts_url: str = "https://efts.sec.gov",
    forms: Collection[str] = DEFAULT_FORMS,
    start: date,
    end: date,
    allowed_hosts: Collection[str],
    max_pages: int = 10,
) -> tuple[list[Filing], Failures]:
    """Filings of `forms` (and amendments) filed in [start, end] whose text has `phrase`.

    Pages through the hits by `from` until `hits.total` is reached (or `max_pages`); a failed
    page ends the paging for this phrase and is returned as a failure, with the filings found
    on the pages before it.
    """
    if not phrase.strip():
        raise ConfigurationError("an empty EDGAR search phrase")
    if start > end:
        raise ConfigurationError(f"search window starts after it ends: {start} > {end}")
    query = phrase.strip() if phrase.strip().startswith('"') else f'"{phrase.strip()}"'
    base = efts_url.rstrip("/") + _SEARCH["path"]
    # Amendments asked for by name too: whether EFTS matches "8-K" to "8-K/A" is undocumented.
    wanted = [f.strip().upper() for f in forms]
    forms_param = ",".join(dict.fromkeys(
        [*wanted, *(f"{f}/A" for f in wanted if not f.endswith("/A"))]))
    sources: list[dict[str, Any]] = []
    failures: Failures = []
    offset = 0
    for _page in range(max_pages):
        url = base + "?" + urlencode({
            "q": query, "forms": forms_param, "dateRange": "custom",
            "startdt": start.isoformat(), "enddt": end.isoformat(), "from": str(offset)})
        try:
            response = client.get(url, allowed_hosts=allowed_hosts)
            hits, total = search_hits(json_answer(response, url), url)
        except SourceError as exc:
            logger.warning("edgar search %s failed: %s: %s", url, exc.error_class, exc)
            failures.append((url, exc))
            break
        sources.extend(hits)
        offset += len(hits)
        if not hits or offset >= min(total, _SEARCH_MAX_HITS):
            break
    else:
        logger.warning("edgar search %r %s..%s: stopped after %d pages (%d hits)", phrase,
                       start, end, max_pages, offset)
    filings, bad_groups = group_hits(sources, base)
    failures.extend(bad_groups)
    filings = [f for f in filings if form_matches(f.form, forms)]
    logger.info("edgar search %r %s..%s: %d hits, %d filings", phrase, start, end,
                len(sources), len(filings))
    return filings, failures
