"""8-K items of an EDGAR document's text, as character spans with their numbers and titles.

Items are found as paragraphs that start with "Item N.NN" and kept as spans into the text, so a
deal found in Item 1.01 can be traced to it. An item runs to the next item heading; the last
one to the signature block (or the end of the text). Patterns and the SEC's item titles come
from `extract/edgar/selectors.toml`. No I/O.
"""

from __future__ import annotations

import re
from typing import Any

from extract.markup.selectors import load_selectors

_ITEMS = load_selectors("edgar")["items"]
_ITEM_HEADING = re.compile(_ITEMS["heading_pattern"], re.IGNORECASE)
_SIGNATURE = re.compile(_ITEMS["signature_pattern"], re.IGNORECASE)


def item_spans(text: str) -> list[dict[str, Any]]:
    """8-K items of `text` (paragraphs separated by blank lines) as number, title and span.

    A heading is a paragraph starting "Item N.NN" (or "Item N." in filings from before the
    2004 renumbering: "Item 9. Regulation FD Disclosure"); a number seen again later (a cross
    reference, a repeated heading) does not start a new item. The title is what the heading
    says, else the SEC's name of the item (edgar.toml). `start` is the heading's offset, `end`
    the next heading's, or the signature block's after the last item, or the text's end.
    """
    paragraphs = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    heads: list[tuple[int, str, str]] = []
    for start, paragraph in paragraphs:
        found = _ITEM_HEADING.match(paragraph)
        if found is None:
            continue
        minor = found.group("minor")
        number = f"{int(found.group('major'))}" + (f".{minor}" if minor else "")
        if any(number == seen for _, seen, _ in heads):
            continue
        rest = found.group("rest").strip(" |.:")
        titles = _ITEMS["titles"] if minor else _ITEMS["titles_before_2004"]
        if not rest or len(rest) > _ITEMS["max_title_chars"]:
            rest = titles.get(number, rest[: _ITEMS["max_title_chars"]].strip())
        heads.append((start, number, rest))
    items: list[dict[str, Any]] = []
    for index, (start, number, title) in enumerate(heads):
        if index + 1 < len(heads):
            end = heads[index + 1][0]
        else:
            end = next((s for s, p in paragraphs if s > start and _SIGNATURE.match(p)),
                       len(text))
        items.append({"number": number, "title": title, "start": start,
                      "end": len(text[:end].rstrip())})
    return items
