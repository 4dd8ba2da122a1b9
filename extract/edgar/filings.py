"""SEC EDGAR filings of one company: the submissions API, and each filing's folder index.

- the submissions API (`data.sec.gov/submissions/CIK##########.json`) per configured CIK: the
  columnar `filings.recent` arrays, and the older pages of `filings.files` only when the window
  reaches back past the oldest recent filing;
- each filing's folder `index.json`, giving the primary document and the EX-10.x / EX-99.x
  exhibits (told apart by file name: index.json lists files, not their types).

Also the pieces the other EDGAR modules share: `Filing`, the client protocol, argument checks
(`require_contact`, `normalise_cik`, `form_matches`) and JSON answer helpers. Full-text search
is in `extract.edgar.search`, discovery in `extract.edgar`, parsing in `extract.edgar.documents`.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Protocol

from extract.edgar.documents import SOURCE, exhibit_type
from extract.errors import ConfigurationError, MalformedInput, MissingDocument, SourceError
from extract.markup.html_scan import clean_text, json_path
from extract.markup.selectors import load_selectors
from records import FetchedResponse, Ref

DEFAULT_FORMS = ("8-K", "10-Q", "10-K")
CONTACT_MISSING = (
    "SEC EDGAR needs a contact e-mail in the User-Agent: set CIRCULARITY_HTTP__CONTACT_EMAIL"
)
ACCESSION = re.compile(r"^\d{10}-\d{2}-\d{6}$")

logger = logging.getLogger(__name__)

_SEL = load_selectors(SOURCE)
_SUB = _SEL["submissions"]
_ARCH = _SEL["archives"]
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NOT_PRIMARY = re.compile(_ARCH["not_primary_pattern"], re.IGNORECASE)

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


def iso_date(value: Any, what: str, url: str) -> date:
    """The date of an ISO date(time) string; MalformedInput naming `what` otherwise."""
    if not isinstance(value, str):
        raise MalformedInput(f"{what} is not a date string: {value!r}", url=url)
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise MalformedInput(f"{what} is not an ISO date: {value!r}", url=url) from None


def item_numbers(value: Any) -> list[str]:
    """Item numbers from "2.02,9.01" (submissions) or ["2.02", "9.01"] (full-text search)."""
    parts = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else []
    return [p.strip() for p in parts if isinstance(p, str) and p.strip()]


def json_answer(response: FetchedResponse, url: str) -> Any:
    """The response body as JSON; MalformedInput when it is not JSON."""
    try:
        return json.loads(response.body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedInput(f"not JSON: {exc}", url=url) from None


# --------------------------------------------------------------------------- submissions


def columnar_filings(columns: Any, cik: str, company: str, url: str) -> list[Filing]:
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
        if not isinstance(accession, str) or not ACCESSION.match(accession):
            raise MalformedInput(f"not an accession number: {accession!r}", url=url)
        if not isinstance(form, str):
            raise MalformedInput(f"form of {accession} is not a string: {form!r}", url=url)
        filings.append(Filing(
            cik=cik, company=company, accession=accession, form=form,
            filed=iso_date(filed, _SUB["filed"], url),
            primary_document=primary if isinstance(primary, str) and primary else None,
            items=item_numbers(items)))
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
        if since is not None and isinstance(to, str) and iso_date(to, "filingTo", url) < since:
            continue
        if until is not None and isinstance(starts, str) and (
                iso_date(starts, "filingFrom", url) > until):
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
        data = json_answer(client.get(url, allowed_hosts=allowed_hosts), url)
        if not isinstance(data, dict):
            raise MalformedInput(f"submissions answer is {type(data).__name__}", url=url)
        company = clean_text(str(data.get(_SUB["company"]) or "")) or cik
        found = columnar_filings(json_path(data, _SUB["recent_path"]), cik, company, url)
        oldest = min((f.filed for f in found), default=None)
        pages = ([] if since is not None and oldest is not None and oldest <= since
                 else _pages_needed(json_path(data, _SUB["files_path"]), since, until, url))
    except SourceError as exc:
        logger.warning("edgar submissions %s failed: %s: %s", url, exc.error_class, exc)
        return [], [(url, exc)]
    for name in pages:
        page_url = data_url.rstrip("/") + _SUB["page_path"].format(name=name)
        try:
            page = json_answer(client.get(page_url, allowed_hosts=allowed_hosts), page_url)
            found.extend(columnar_filings(page, cik, company, page_url))
        except SourceError as exc:
            logger.warning("edgar submissions page %s failed: %s: %s", page_url,
                           exc.error_class, exc)
            failures.append((page_url, exc))
    wanted = [f for f in found if form_matches(f.form, forms)
              and (since is None or f.filed >= since) and (until is None or f.filed <= until)]
    logger.info("edgar CIK %s: %d filings of %s in the window (%d older pages read)", cik,
                len(wanted), sorted(forms), len(pages))
    return wanted, failures


# --------------------------------------------------------------------------- filing folders


def _folder_url(archives_url: str, filing: Filing) -> str:
    if not ACCESSION.match(filing.accession):
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
        response = client.get(index_url, allowed_hosts=allowed_hosts)
        entries = json_path(json_answer(response, index_url), _ARCH["index_items"])
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
