"""Chips and systems named for their maker: "224,000 Hopper chips" are Nvidia's, "TPUs"
Google's, "MI300X accelerators" AMD's.

The press often names what a company bought or deployed by its product line and not by its
vendor ("ByteDance bought 230,000 H20s", "a cluster of Trainium chips"). A product mention
stands for its maker as a party of the sentence, so the purchase frames read it like "Nvidia
chips". It is found only where it is unambiguous: a model code ("GB200", "MI355X"), or a
product line's name or short code followed by what it is or in the plural ("Blackwell GPUs",
"Hopper chips", "H100s"); and only when neither the maker nor any seller is named in the
sentence (then the name is the party: "GB200 servers from Dell" are bought from Dell). The
party comes through as a description (`via="description"`): the statistical readings, which
read named companies only, leave it to the frames.
"""

from __future__ import annotations

import re

from transform.entities.discourse import Party, overlaps
from transform.entities.table import EntityTable

# Model codes: unambiguous on their own ("H100s", "GB300 systems", "MI300X").
_CODES = {
    "nvidia": r"GB\d{3}|GH\d{3}|HGX|DGX|NVL\d{2,3}",
    "amd": r"MI\d{3}[AX]?",
    "cerebras": r"WSE-\d",
}
# Product lines: a name that is a product only before what it is ("Blackwell GPUs").
_LINES = {
    # (a short code such as "H100" could be a seat or a road: it needs "s" or a goods word)
    "nvidia": "Hopper|Blackwell|Rubin|Grace Blackwell|Grace Hopper|Vera Rubin|[AHB]\\d{2,3}",
    "amd": "Instinct",
    "google": "TPU|Ironwood",
    "amazon": "Trainium\\d?|Inferentia\\d?",
    "microsoft": "Maia",
    "intel": "Gaudi\\s?\\d?",
}
# What a product line is sold as (a short list of its own: the deal frames' GOODS noun class
# lives in transform.deals, which this module sits under).
_GOODS = (r"(?:chips?|GPUs?|graphics\s+processing\s+units|accelerators?|processors?|"
          r"superchips?|systems?|servers?|racks?|clusters?|puces|processeurs|serveurs)")

_PRODUCT = re.compile(
    r"(?<![\w-])(?:" + "|".join(
        rf"(?P<code_{vendor}>(?:{codes})s?)(?![\w-])" for vendor, codes in _CODES.items())
    + "|" + "|".join(
        rf"(?P<line_{vendor}>(?:{lines})s?)(?=\s+(?:[\w\-]+\s+)?{_GOODS}\b)|"
        rf"(?P<plural_{vendor}>(?:{lines})s)(?![\w-])"
        for vendor, lines in _LINES.items())
    + ")")


# Companies that sell chips, servers or capacity: when the sentence names one, it is the
# seller of the goods, not the maker of their chips ("GB200 servers from Dell").
_SELLER_KINDS = frozenset({"chipmaker", "hardware", "neocloud", "datacenter", "miner"})
# A seller named some other way: "from his company", "auprès de", "chez", "it sold to".
_SOLD_BY_SOMEONE = re.compile(r"\b(?:from|auprès\s+d|chez|sold|sells?|selling|resell\w*|"
                              r"vend\w*)\b", re.IGNORECASE)


def product_parties(sentence: str, table: EntityTable, taken: list[Party]) -> list[Party]:
    """The makers of the chips and systems a sentence names by product, one party per maker
    the sentence does not name otherwise; none when the sentence names a seller of them."""
    if any((p.kind or "") in _SELLER_KINDS for p in taken) or \
            _SOLD_BY_SOMEONE.search(sentence):
        return []
    out: list[Party] = []
    named = {p.entity_id for p in taken}
    for match in _PRODUCT.finditer(sentence):
        group = next(name for name, value in match.groupdict().items() if value)
        vendor = group.split("_", 1)[1]
        entity = table.by_id(vendor)
        if entity is None or vendor in named or overlaps(*match.span(), taken + out):
            continue
        named.add(vendor)
        out.append(Party(match.start(), match.end(), match.group(), vendor, entity.name, True,
                         entity.kind, "description"))
    return out

