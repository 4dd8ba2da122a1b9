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
without one before any request is made. Parsing lives in `extract.edgar_documents`.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlencode

from extract.edgar_documents import (
    PARSER_VERSION,
    SOURCE,
    exhibit_type,
    item_spans,
    parse_document,
)
from extract.errors import ConfigurationError, MalformedInput, MissingDocument, SourceError
from extract.html_scan import clean_text, json_path
from extract.records import FetchedResponse, Ref
from extract.site_selectors import load_selectors

__all__ = [
    "DEFAULT_FORMS", "PARSER_VERSION", "SOURCE", "EdgarClient", "EdgarDiscovery", "Filing",
    "discover", "exhibit_type", "filing_documents", "form_matches", "item_spans",
    "normalise_cik", "parse_document", "recent_filings", "require_contact", "search_filings",
]

DEFAULT_FORMS = ("8-K", "10-Q", "10-K")
# Full-text search without a watermark looks back this far; later runs start at the watermark.
DEFAULT_SEARCH_LOOKBACK = timedelta(days=30)
CONTACT_MISSING = (
    "SEC EDGAR needs a contact e-mail in the User-Agent: set CIRCULARITY_HTTP__CONTACT_EMAIL"
)

logger = logging.getLogger(__name__)

_SEL = load_selectors(SOURCE)
_SUB = _SEL["submissions"]
_SEARCH = _SEL["search"]
_ARCH = _SEL["archives"]
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NOT_PRIMARY = re.compile(_ARCH["not_primary_pattern"], re.IGNORECASE)
_DISPLAY_CIK = re.compile(r"\s*\(CIK\s*\d+\)\s*$")
_DISPLAY_TICKERS = re.compile(r"\s*\([A-Z0-9.\-, ]+\)\s*$")
_SEARCH_MAX_HITS = 10_000  # EFTS (Elasticsearch) never pages past the first 10,000 hits
_ACCESSION = re.compile(r"^\d{10}-\d{2}-\d{6}$")

Failures = list[tuple[str, SourceError]]


class EdgarClient(Protocol):
    """What discovery needs from an HTTP client (extract.http.PoliteClient satisfies it)."""

    def get(self, url: str, *, allowed_hosts: Collection[str]) -> FetchedResponse:
        """Fetch `url`, refusing hosts outside `allowed_hosts`; raises SourceError subclasses."""
        ...


@dataclass(frozen=True)
class Filing:
    """One EDGAR filing (accession number) as listed by the submissions API or full-text search.

    `primary_document` is the main document's file name (None when the listing did not name
    it); `items` are the 8-K item numbers the listing gives ("1.01", "9.01").
    """

    cik: str
    company: str
    accession: str
    form: str
    filed: date
    primary_document: str | None
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EdgarDiscovery:
    """Document refs of every filing found, the failed requests, and the next watermark."""

    refs: list[Ref]
    failures: Failures
    watermark: datetime | None


# --------------------------------------------------------------------------- arguments


def require_contact(user_agent: str) -> None:
    """Raise ConfigurationError unless the User-Agent carries a contact e-mail (SEC's rule).

    The message never repeats the User-Agent (it is a secret of the deployment).
    """
    if not isinstance(user_agent, str) or not _EMAIL.search(user_agent):
        raise ConfigurationError(CONTACT_MISSING)


def normalise_cik(cik: str | int) -> str:
    """A CIK as EDGAR's 10-digit zero-padded string; ConfigurationError when it is not one."""
    text = str(cik).strip().upper().removeprefix("CIK")
    if not text.isdigit() or len(text) > 10 or int(text) == 0:
        raise ConfigurationError(f"not an SEC CIK: {cik!r}")
    return text.zfill(10)


def form_matches(form: str, forms: Collection[str]) -> bool:
    """True when `form` is one of `forms` or an amendment of one ("8-K/A" for "8-K")."""
    form = form.strip().upper()
    wanted = {f.strip().upper() for f in forms}
    return form in wanted or form.removesuffix("/A") in wanted


def _iso_date(value: Any, what: str, url: str) -> date:
    if not isinstance(value, str):
        raise MalformedInput(f"{what} is not a date string: {value!r}", url=url)
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise MalformedInput(f"{what} is not an ISO date: {value!r}", url=url) from None


def _items(value: Any) -> list[str]:
    """Item numbers from "2.02,9.01" (submissions) or ["2.02", "9.01"] (full-text search)."""
    parts = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else []
    return [p.strip() for p in parts if isinstance(p, str) and p.strip()]


def _json(response: FetchedResponse, url: str) -> Any:
    try:
        return json.loads(response.body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedInput(f"not JSON: {exc}", url=url) from None


# --------------------------------------------------------------------------- submissions


def _columnar_filings(columns: Any, cik: str, company: str, url: str) -> list[Filing]:
    """Filings of a columnar block (one array per field); MalformedInput naming the problem."""
    if not isinstance(columns, dict):
        raise MalformedInput(f"filings block is {type(columns).__name__}, not an object", url=url)
    keys = [_SUB[k] for k in ("accession", "filed", "form", "primary_document", "items")]
    missing = [k for k in keys if not isinstance(columns.get(k), list)]
    if missing:
        raise MalformedInput(f"filings block lacks the arrays {missing}", url=url)
    lengths = {k: len(columns[k]) for k in keys}
    if len(set(lengths.values())) > 1:
        raise MalformedInput(f"filings arrays differ in length: {lengths}", url=url)
    filings = []
    for accession, filed, form, primary, items in zip(*(columns[k] for k in keys), strict=True):
        if not isinstance(accession, str) or not _ACCESSION.match(accession):
            raise MalformedInput(f"not an accession number: {accession!r}", url=url)
        if not isinstance(form, str):
            raise MalformedInput(f"form of {accession} is not a string: {form!r}", url=url)
        filings.append(Filing(
            cik=cik, company=company, accession=accession, form=form,
            filed=_iso_date(filed, _SUB["filed"], url),
            primary_document=primary if isinstance(primary, str) and primary else None,
            items=_items(items)))
    return filings


def _pages_needed(files: Any, since: date | None, until: date | None, url: str) -> list[str]:
    """Names of the older pages whose date range overlaps [since, until]."""
    if files is None:
        return []
    if not isinstance(files, list):
        raise MalformedInput(f"{'.'.join(_SUB['files_path'])} is not a list", url=url)
    names = []
    for entry in files:
        name = entry.get(_SUB["page_name"]) if isinstance(entry, dict) else None
        if not isinstance(name, str) or "/" in name:
            raise MalformedInput(f"older page without a usable name: {entry!r}", url=url)
        to = entry.get(_SUB["page_to"])
        starts = entry.get(_SUB["page_from"])
        if since is not None and isinstance(to, str) and _iso_date(to, "filingTo", url) < since:
            continue
        if until is not None and isinstance(starts, str) and (
                _iso_date(starts, "filingFrom", url) > until):
            continue
        names.append(name)
    return names


def recent_filings(
    client: EdgarClient,
    cik: str | int,
    *,
    data_url: str = "https://data.sec.gov",
    forms: Collection[str] = DEFAULT_FORMS,
    since: date | None,
    until: date | None = None,
    allowed_hosts: Collection[str],
) -> tuple[list[Filing], Failures]:
    """Filings of one company of `forms` (and their amendments) filed in [since, until].

    Reads `filings.recent`; the older pages in `filings.files` are fetched only when the oldest
    recent filing is still newer than `since` (always when `since` is None), and only the pages
    whose date range reaches into the window. A failed request is returned in the failures
    (with the filings found before it); a malformed answer is a MalformedInput failure.
    """
    cik = normalise_cik(cik)
    url = data_url.rstrip("/") + _SUB["path"].format(cik=cik)
    failures: Failures = []
    try:
        data = _json(client.get(url, allowed_hosts=allowed_hosts), url)
        if not isinstance(data, dict):
            raise MalformedInput(f"submissions answer is {type(data).__name__}", url=url)
        company = clean_text(str(data.get(_SUB["company"]) or "")) or cik
        found = _columnar_filings(json_path(data, _SUB["recent_path"]), cik, company, url)
        oldest = min((f.filed for f in found), default=None)
        pages = ([] if since is not None and oldest is not None and oldest <= since
                 else _pages_needed(json_path(data, _SUB["files_path"]), since, until, url))
    except SourceError as exc:
        logger.warning("edgar submissions %s failed: %s: %s", url, exc.error_class, exc)
        return [], [(url, exc)]
    for name in pages:
        page_url = data_url.rstrip("/") + _SUB["page_path"].format(name=name)
        try:
            page = _json(client.get(page_url, allowed_hosts=allowed_hosts), page_url)
            found.extend(_columnar_filings(page, cik, company, page_url))
        except SourceError as exc:
            logger.warning("edgar submissions page %s failed: %s: %s", page_url,
                           exc.error_class, exc)
            failures.append((page_url, exc))
    wanted = [f for f in found if form_matches(f.form, forms)
              and (since is None or f.filed >= since) and (until is None or f.filed <= until)]
    logger.info("edgar CIK %s: %d filings of %s in the window (%d older pages read)", cik,
                len(wanted), sorted(forms), len(pages))
    return wanted, failures


# --------------------------------------------------------------------------- full-text search


def _company_name(display_name: Any) -> str:
    """"Apple Inc.  (AAPL)  (CIK 0000320193)" -> "Apple Inc."."""
    name = clean_text(display_name) if isinstance(display_name, str) else ""
    without_cik = _DISPLAY_CIK.sub("", name)
    # EFTS writes "<name> (<tickers>) (CIK <n>)": the tickers group only goes with the CIK's
    return _DISPLAY_TICKERS.sub("", without_cik) if without_cik != name else name


def _search_hits(data: Any, url: str) -> tuple[list[dict[str, Any]], int]:
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
                not _ACCESSION.match(accession)):
            raise MalformedInput(f"search hit without {_SEARCH['source']}."
                                 f"{_SEARCH['accession']}: {str(hit)[:200]}", url=url)
        doc_id = hit.get(_SEARCH["document_id"])
        name = doc_id.split(":", 1)[1] if isinstance(doc_id, str) and ":" in doc_id else None
        sources.append({**source, "_document": name})
    return sources, total


def _group_hits(sources: Iterable[dict[str, Any]], url: str) -> tuple[list[Filing], Failures]:
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
            filed = _iso_date(first.get(_SEARCH["filed"]), _SEARCH["filed"], url)
        except MalformedInput as exc:
            failures.append((f"{url}#{accession}", exc))
            continue
        primary = next((h["_document"] for h in hits if h.get("_document")
                        and str(h.get(_SEARCH["file_type"], "")).upper() == form.upper()), None)
        items: list[str] = []
        for hit in hits:
            items.extend(i for i in _items(hit.get(_SEARCH["items"])) if i not in items)
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
            hits, total = _search_hits(_json(client.get(url, allowed_hosts=allowed_hosts), url),
                                       url)
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
    filings, bad_groups = _group_hits(sources, base)
    failures.extend(bad_groups)
    filings = [f for f in filings if form_matches(f.form, forms)]
    logger.info("edgar search %r %s..%s: %d hits, %d filings", phrase, start, end,
                len(sources), len(filings))
    return filings, failures


# --------------------------------------------------------------------------- filing folders


def _folder_url(archives_url: str, filing: Filing) -> str:
    if not _ACCESSION.match(filing.accession):
        raise ConfigurationError(f"not an accession number: {filing.accession!r}")
    return archives_url.rstrip("/") + _ARCH["folder_path"].format(
        cik=int(normalise_cik(filing.cik)), accession=filing.accession.replace("-", ""))


def _guess_primary(names: Sequence[str], form: str) -> str | None:
    """The primary document when the listing named none: the only non-exhibit document, or
    the one whose name carries the form ("8k", "10q")."""
    suffixes = tuple(_ARCH["document_suffixes"])
    candidates = [n for n in names if n.lower().endswith(suffixes)
                  and not _NOT_PRIMARY.match(n) and exhibit_type(n) is None
                  and not re.search(r"ex\d", n.lower())]
    if len(candidates) == 1:
        return candidates[0]
    token = re.sub(r"[^a-z0-9]", "", form.lower().removesuffix("/a"))
    named = [n for n in candidates if token in re.sub(r"[^a-z0-9]", "", n.lower())]
    return named[0] if len(named) == 1 else None


def filing_documents(
    client: EdgarClient,
    filing: Filing,
    *,
    archives_url: str = "https://www.sec.gov",
    allowed_hosts: Collection[str],
) -> tuple[list[Ref], Failures]:
    """Refs to the filing's primary document and its EX-10.x / EX-99.x exhibits.

    Reads the folder's index.json. A primary document named by the listing but absent from the
    folder is a MissingDocument failure (keyed by its URL); the exhibits found are still
    returned. Exhibits are recognised by file name (see `exhibit_type`).
    """
    folder = _folder_url(archives_url, filing)
    index_url = f"{folder}/{_ARCH['index_name']}"
    try:
        entries = json_path(_json(client.get(index_url, allowed_hosts=allowed_hosts),
                                  index_url), _ARCH["index_items"])
        if not isinstance(entries, list):
            raise MalformedInput(f"index lacks {'.'.join(_ARCH['index_items'])} (a list)",
                                 url=index_url)
        names = [e.get(_ARCH["item_name"]) for e in entries if isinstance(e, dict)]
        if not all(isinstance(n, str) and n and "/" not in n for n in names):
            raise MalformedInput("index item without a usable file name", url=index_url)
    except SourceError as exc:
        logger.warning("edgar index %s failed: %s: %s", index_url, exc.error_class, exc)
        return [], [(index_url, exc)]
    failures: Failures = []
    wanted: list[str] = []
    primary = (filing.primary_document.rsplit("/", 1)[-1] if filing.primary_document
               else _guess_primary(names, filing.form))
    if primary is not None and primary in names:
        wanted.append(primary)
    else:
        missing = MissingDocument(
            f"{filing.form} {filing.accession}: primary document "
            f"{primary or '(none named, none recognised)'} is not in the filing index",
            url=f"{folder}/{primary or ''}")
        logger.warning("edgar %s", missing)
        failures.append((missing.url or index_url, missing))
    wanted.extend(n for n in names if n != primary and exhibit_type(n) is not None)
    filed_at = datetime(filing.filed.year, filing.filed.month, filing.filed.day, tzinfo=UTC)
    refs = [Ref(source=SOURCE, url=f"{folder}/{name}", canonical_url=f"{folder}/{name}",
                published_hint=filed_at,
                title_hint=f"{filing.company} {filing.form} {filing.accession}",
                discovered_via=index_url) for name in wanted]
    return refs, failures


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
        filings = _columnar_filings(json_path(data, _SUB["recent_path"]), cik, company, url)
        pages = json_path(data, _SUB["files_path"]) or []
        return [filing_row(f) for f in filings] + [
            {"kind": "older_page", **page} for page in pages if isinstance(page, dict)]
    if _SUB["accession"] in data:
        return [filing_row(f) for f in _columnar_filings(data, "", "", url)]
    if "hits" in data:
        sources, _total = _search_hits(data, url)
        filings, failures = _group_hits(sources, url)
        return [filing_row(f) for f in filings] + [
            {"kind": "failure", "url": where, "error": str(err)} for where, err in failures]
    entries = json_path(data, _ARCH["index_items"])
    if isinstance(entries, list):
        return [{"kind": "document", "name": e.get(_ARCH["item_name"]),
                 "exhibit_type": exhibit_type(str(e.get(_ARCH["item_name"], "")))}
                for e in entries if isinstance(e, dict)]
    raise MalformedInput(f"not a submissions, search or index answer (keys: "
                         f"{sorted(data)[:8]})", url=url)
