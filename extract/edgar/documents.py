"""SEC EDGAR documents, pure parts: a filing document (HTML or .txt) -> one Document.

The text keeps the document's reading order, one block a paragraph (blocks joined by a blank
line, as in the other sources), tables one row a line with cells joined by " | " ("$" and
"1,000" cells glued back into "$1,000"). Scripts, styles, the hidden Inline XBRL header and
anything styled `display:none` are dropped; the XBRL cover facts (registrant, form, period) are
read first and kept in the metadata.

8-K items are kept as character spans into the text, with their numbers, so a deal found in
Item 1.01 can be traced to it (see `extract.edgar.items`).

Patterns and names come from `extract/edgar/selectors.toml`. No I/O: `parse_document` works on
stored bytes, so `reprocess` re-runs it without the network.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag, XMLParsedAsHTMLWarning
from bs4.element import PreformattedString

from extract.edgar.items import item_spans
from extract.errors import ChallengePage, MalformedInput
from extract.markup.html_scan import clean_text
from extract.markup.selectors import load_selectors
from records import Document
from records.ids import stable_id

SOURCE = "edgar"
PARSER_VERSION = "edgar-2"  # 2: cover pages, pre-2004 items, wrappers by content

logger = logging.getLogger(__name__)

_SEL = load_selectors(SOURCE)
_DOC = _SEL["document"]
_FULL = _SEL["full_text"]

_PARAGRAPH_SEPARATOR = "\n\n"
_CELL_SEPARATOR = " | "
_DROP = frozenset(_DOC["drop_tags"])
_BLOCKS = frozenset(_DOC["block_tags"])
_JOINS_NEXT = frozenset(_DOC["joins_next"])
_JOINS_PREVIOUS = frozenset(_DOC["joins_previous"])
_BULLETS = frozenset(_DOC["bullets"])
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_HTML_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|table|font)\b", re.I)
_EXHIBIT_NAME = re.compile(_SEL["archives"]["exhibit_pattern"], re.IGNORECASE)
_EXHIBIT_TYPE = re.compile(r"^EX-(\d+)(?:\.(\d+))?", re.IGNORECASE)
_ARCHIVE_PATH = re.compile(r"/Archives/edgar/data/(\d+)/(\d{18})/([^/]+)$")
_FULL_HEADER = {
    key: re.compile(_FULL[f"{key}_pattern"], re.MULTILINE)
    for key in ("filed", "form", "company", "cik")
}
_FULL_TYPE = re.compile(_FULL["type_pattern"], re.IGNORECASE)
_LAYOUT_MARKER = re.compile(_FULL["layout_marker_pattern"], re.IGNORECASE)
_DOCUMENT_BLOCK = re.compile(r"<DOCUMENT>(.*?)(?:</DOCUMENT>|\Z)", re.DOTALL | re.IGNORECASE)
_TEXT_BLOCK = re.compile(r"<TEXT>(.*?)(?:</TEXT>|\Z)", re.DOTALL | re.IGNORECASE)
_CODE_TITLE = re.compile(r"(?:form\s+)?\S*", re.IGNORECASE)
_COVER = _SEL["cover"]
_COVER_FORM = re.compile(_COVER["form_pattern"], re.IGNORECASE)
_DATE_OF_REPORT = re.compile(_COVER["date_of_report_pattern"], re.IGNORECASE)
_BOILERPLATE_TITLE = re.compile(_COVER["boilerplate_title_pattern"], re.IGNORECASE)
_WRAPPER = re.compile(_COVER["wrapper_pattern"], re.IGNORECASE)
_THROTTLE_PAGE = re.compile(_COVER["throttle_page_pattern"], re.IGNORECASE)
_EXHIBIT_LABEL = re.compile(r"^(?:exhibit|ex\.?)\s*[\d.\-()a-z]*$", re.IGNORECASE)


# --------------------------------------------------------------------------- names and URLs


def accession_with_dashes(digits: str) -> str:
    """"000121390024004875" -> "0001213900-24-004875" (an already dashed number is kept)."""
    digits = digits.strip()
    if len(digits) == 18 and digits.isdigit():
        return f"{digits[:10]}-{digits[10:12]}-{digits[12:]}"
    return digits


def exhibit_type(name: str) -> str | None:
    """"EX-10.1" / "EX-99" for a file named like an EX-10.x or EX-99.x exhibit, else None.

    EDGAR's index.json does not say a file's type, so the filer agents' naming conventions are
    the rule ("ex10-1.htm", "ex99_1.htm", "exhibit991.htm", "d123dex101.htm" = EX-10.1); the
    pattern is in edgar.toml. Only document files (.htm, .html, .txt) qualify.
    """
    lowered = name.lower()
    if not lowered.endswith(tuple(_SEL["archives"]["document_suffixes"])):
        return None
    found = _EXHIBIT_NAME.search(lowered.rsplit("/", 1)[-1])
    if found is None:
        return None
    minor = found.group("minor")
    return f"EX-{found.group('major')}" + (f".{int(minor)}" if minor else "")


@dataclass(frozen=True)
class _ArchiveLocation:
    cik: str | None
    accession: str | None
    name: str


def _location(url: str) -> _ArchiveLocation:
    """CIK (10 digits), dashed accession and file name from an EDGAR Archives URL."""
    path = unquote(urlsplit(url).path)
    found = _ARCHIVE_PATH.search(path)
    if found is None:
        return _ArchiveLocation(None, None, path.rsplit("/", 1)[-1] or url)
    return _ArchiveLocation(found.group(1).zfill(10), accession_with_dashes(found.group(2)),
                            found.group(3))


# --------------------------------------------------------------------------- HTML to lines


def _hidden(tag: Tag) -> bool:
    style = tag.get("style")
    return (isinstance(style, str) and _HIDDEN_STYLE.search(style) is not None) or (
        tag.has_attr("hidden"))


def _join_cells(cells: list[str]) -> str:
    """A table row as one line: cells joined by " | ", money symbols glued to their number
    ("$" + "1,000" -> "$1,000", "(12" + ")" -> "(12)"), a leading bullet cell by a space."""
    line, previous = "", None
    for cell in cells:
        if previous is None:
            line = cell
        elif previous in _JOINS_NEXT or cell in _JOINS_PREVIOUS:
            line += cell
        elif line == previous and previous in _BULLETS:
            line += " " + cell
        else:
            line += _CELL_SEPARATOR + cell
        previous = cell
    return line


def _table_lines(table: Tag) -> list[str]:
    """One line per row of `table` (rows of nested tables are flattened into their cell)."""
    lines = []
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue
        cells = [" ".join(_block_lines(cell)) for cell in row.find_all(["td", "th"])
                 if cell.find_parent("tr") is row and not _hidden(cell)]
        line = _join_cells([c for c in cells if c])
        if line:
            lines.append(line)
    return lines


def _block_lines(root: Tag) -> list[str]:
    """The text of `root` as lines: each block element (and each table row) ends a line.

    Walks with an explicit stack: old filings nest unclosed <font> tags thousands deep.
    """
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = clean_text("".join(buffer))
        buffer.clear()
        if text:
            lines.append(text)

    stack: list[tuple[Any, bool]] = [(child, False) for child in reversed(root.contents)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            flush()
        elif isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, doctype, CDATA
                buffer.append(str(node))
        elif isinstance(node, Tag):
            name = (node.name or "").lower()
            if name in _DROP or _hidden(node):
                continue
            if name == "br":
                buffer.append(" ")  # a line break inside a paragraph is layout, not a stop
            elif name == "table":
                flush()
                lines.extend(_table_lines(node))
            else:
                if name in _BLOCKS:
                    flush()
                    stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))
    flush()
    return lines


def _facts(soup: BeautifulSoup) -> dict[str, str]:
    """Text of the Inline XBRL cover facts named in edgar.toml (first of each name)."""
    wanted = {_DOC[key]: key for key in ("registrant_fact", "form_fact", "period_fact",
                                         "cik_fact")}
    found: dict[str, str] = {}
    for tag in soup.find_all(attrs={"name": list(wanted)}):
        if not (tag.name or "").startswith("ix:"):
            continue  # a <meta name=...> or form field, not an XBRL fact
        key = wanted[str(tag["name"])]
        text = clean_text(tag.get_text(" "))
        if text and key not in found:
            found[key] = text
    return found


def _long_date(text: str | None) -> date | None:
    """"November 14, 2024" / "Nov. 14, 2024" / "2024-11-14" as a date, else None."""
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    cleaned = clean_text(text.replace(",", " ").replace(".", " "))
    for fmt in ("%B %d %Y", "%b %d %Y"):
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def _is_code(title: str) -> bool:
    """True for titles that name a file or form, not the content: "8-K", "bke-20241122",
    "Document", "Form 10-Q"."""
    return _CODE_TITLE.fullmatch(title.strip()) is not None


@dataclass
class _Parsed:
    lines: list[str]
    title: str | None = None
    form: str | None = None
    registrant: str | None = None
    cik: str | None = None
    period_end: date | None = None
    filed: date | None = None
    document_type: str | None = None
    date_of_report: date | None = None


def _parse_html(html: str) -> _Parsed:
    with warnings.catch_warnings():  # Inline XBRL starts with <?xml ...?>; lxml's HTML parser
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # reads it as intended
        soup = BeautifulSoup(html, "lxml")
    facts = _facts(soup)
    body = soup.body or soup
    lines = _block_lines(body)
    own_title = clean_text(soup.title.get_text()) if soup.title is not None else ""
    heading = next((clean_text(h.get_text(" ")) for h in body.find_all(_DOC["heading_tags"])
                    if clean_text(h.get_text(" "))), None)
    parsed = _Parsed(lines=lines, form=facts.get("form_fact"),
                     registrant=facts.get("registrant_fact"),
                     cik=(facts.get("cik_fact") or "").zfill(10) or None,
                     period_end=_long_date(facts.get("period_fact")))
    if own_title and not _is_code(own_title):
        parsed.title = own_title
    elif parsed.registrant and parsed.form:
        parsed.title = f"{parsed.registrant} {parsed.form}"
    elif heading:
        parsed.title = heading
    else:
        parsed.title = next((line for line in lines if not _EXHIBIT_LABEL.match(line)), None)
    if own_title and _EXHIBIT_TYPE.match(own_title):
        parsed.document_type = own_title.upper()
    return parsed


def _cover(parsed: _Parsed) -> None:
    """Fill what the cover page states and XBRL did not give (filings before 2019 have no
    Inline XBRL): the form ("FORM 8-K"), the registrant (the line naming itself "exact name of
    registrant"), the date of report; and never keep cover boilerplate ("UNITED STATES") as
    the title."""
    head = parsed.lines[: _COVER["lines_read"]]
    for index, line in enumerate(head):
        if parsed.form is None and (found := _COVER_FORM.match(line)):
            parsed.form = re.sub(r"\s+", " ", found.group("form").upper())
        if parsed.registrant is None and _COVER["registrant_marker"] in line.lower():
            before = line.split("(", 1)[0].strip(" |")
            name = before if before else (head[index - 1] if index else "")
            parsed.registrant = name.strip(" |") or None
        if parsed.date_of_report is None and (found := _DATE_OF_REPORT.search(line)):
            parsed.date_of_report = _long_date(found.group("date"))
    if parsed.title is None or _BOILERPLATE_TITLE.match(parsed.title) or _is_code(parsed.title):
        if parsed.registrant and parsed.form:
            parsed.title = f"{parsed.registrant} {parsed.form}"
        else:
            parsed.title = next((line for line in parsed.lines
                                 if not _BOILERPLATE_TITLE.match(line)
                                 and not _EXHIBIT_LABEL.match(line)), parsed.title)


# --------------------------------------------------------------------------- .txt documents


def _plain_lines(text: str) -> list[str]:
    """Paragraphs of a plain-text document: runs of lines between blank lines, joined."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in [*text.splitlines(), ""]:
        if raw.strip() and not _LAYOUT_MARKER.match(raw):  # a <PAGE> marker ends a paragraph
            current.append(raw)
        elif current:
            paragraphs.append(clean_text(" ".join(current)))
            current = []
    return [p for p in paragraphs if p]


def _parse_full_text(text: str) -> _Parsed:
    """A .txt document: the complete submission (SGML header + <DOCUMENT>s) or plain text."""
    header = text.split("<DOCUMENT>", 1)[0] if "<DOCUMENT>" in text else text[:8000]
    fields = {key: pattern.search(header) for key, pattern in _FULL_HEADER.items()}
    block = _DOCUMENT_BLOCK.search(text)
    document_type = None
    inner = text
    if block is not None:
        type_found = _FULL_TYPE.search(block.group(1))
        document_type = type_found.group(1).upper() if type_found else None
        text_block = _TEXT_BLOCK.search(block.group(1))
        inner = text_block.group(1) if text_block else block.group(1)
    parsed = _parse_html(inner) if _HTML_MARKUP.search(inner[:20000]) else _Parsed(
        lines=_plain_lines(inner))
    if fields["filed"]:
        parsed.filed = datetime.strptime(fields["filed"].group(1), "%Y%m%d").date()
    parsed.form = fields["form"].group(1) if fields["form"] else parsed.form
    parsed.registrant = fields["company"].group(1) if fields["company"] else parsed.registrant
    parsed.cik = fields["cik"].group(1).zfill(10) if fields["cik"] else parsed.cik
    parsed.document_type = document_type or parsed.document_type
    if parsed.title is None or _is_code(parsed.title):
        parsed.title = (f"{parsed.registrant} {parsed.form}" if parsed.registrant and parsed.form
                        else next(iter(parsed.lines), None))
    return parsed


# --------------------------------------------------------------------------- entry point


def _decode(body: bytes, url: str) -> str:
    """Body as text: UTF-8, else Windows-1252 (older filings); MalformedInput when binary."""
    if not body.strip():
        raise MalformedInput(f"{url}: empty body", url=url)
    if b"\x00" in body[:4096] or body.lstrip().startswith(b"%PDF"):
        raise MalformedInput(f"{url}: binary body, not a filing document", url=url)
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


def is_throttle_page(body: bytes) -> bool:
    """Whether a body is sec.gov's "Request Rate Threshold Exceeded" page."""
    return _THROTTLE_PAGE.search(body[:20000].decode("utf-8", "replace")) is not None


def parse_document(body: bytes, url: str, raw_id: str) -> Document:
    """Parse one stored EDGAR filing document (primary document or exhibit) into a Document.

    A body in an SGML wrapper (a complete submission, or a document saved with its
    `<DOCUMENT>`/`<TYPE>`/`<TEXT>` wrapper) is told by its content, whatever the URL: its header
    gives the filing date (`published_at`), form and company, its `<TYPE>` the exhibit type.
    Other `.txt` URLs are plain text; the rest must be HTML. A bare HTML document carries no
    filing date, so its `published_at` is None (the filing's date is on the Ref; the cover's
    date of report is kept in the metadata). Forms, registrants and titles come from XBRL,
    else the header, else the cover page, never the cover's boilerplate ("UNITED STATES").
    Raises MalformedInput for an empty, binary or non-HTML body, or a document without text,
    and ChallengePage (transient: fetched again later) for sec.gov's rate-limit page.
    """
    text_in = _decode(body, url)
    if is_throttle_page(body):
        raise ChallengePage(f"{url}: sec.gov's rate-limit page instead of the document", url=url)
    wrapped = _WRAPPER.match(text_in[:4096]) is not None
    if wrapped or urlsplit(url).path.lower().endswith(".txt"):
        parsed = _parse_full_text(text_in)
    elif _HTML_MARKUP.search(text_in[:20000]):
        parsed = _parse_html(text_in)
    else:
        raise MalformedInput(f"{url}: body is not an HTML document", url=url)
    _cover(parsed)
    text = _PARAGRAPH_SEPARATOR.join(parsed.lines)
    if not text:
        raise MalformedInput(f"{url}: the document has no text", url=url)
    where = _location(url)
    document_type = exhibit_type(where.name) or parsed.document_type
    published = (datetime(parsed.filed.year, parsed.filed.month, parsed.filed.day, tzinfo=UTC)
                 if parsed.filed else None)
    metadata: dict[str, Any] = {
        "cik": where.cik or parsed.cik,
        "accession": where.accession,
        "document": where.name,
        "form": parsed.form,
        "exhibit_type": document_type if document_type and document_type.startswith("EX-")
        else None,
        "registrant": parsed.registrant,
        "period_end_date": parsed.period_end.isoformat() if parsed.period_end else None,
        "date_of_report": parsed.date_of_report.isoformat() if parsed.date_of_report
        else None,
        "sgml_wrapper": wrapped,
        "items": item_spans(text),
    }
    key = (where.accession, where.name) if where.accession else (url,)
    logger.debug("edgar document %s: %d chars, %d items", url, len(text),
                 len(metadata["items"]))
    return Document(
        doc_id=stable_id(SOURCE, *key),
        source=SOURCE,
        url=url,
        canonical_url=url,
        title=parsed.title,
        published_at=published,
        authors=[],
        text=text,
        lang="en",
        raw_id=raw_id,
        parser_version=PARSER_VERSION,
        doc_type="filing",
        entity_hints=[parsed.registrant] if parsed.registrant else [],
        metadata=metadata,
    )
