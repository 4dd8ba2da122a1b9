"""How a deal's parties are named and identified in its mention.

`display_name`: the name a reader expects ("Fortress" as written, "HPE" for Hewlett Packard
Enterprise); `shown_name`: that name as the document introduced it ("Mistral AI", not a later
"Mistral"). `document_scoped`: a generic vehicle ("the SPV") is one party per document.
"""

from __future__ import annotations

import re

from records.ids import stable_id
from transform.entities.parties import Discourse, Party
from transform.entities.table import clean_display_name

# Generic vehicles are named the same in unrelated stories ("the SPV", "a joint venture"):
# one party per document, never one entity joining unrelated deals into false loops.
_GENERIC_VEHICLE = re.compile(
    r"org:(?:spv|jv|joint-venture|special-purpose-vehicle|vehicle|newco|consortium|holdco|"
    r"the-spv|the-jv|the-joint-venture)")


def display_name(party: Party) -> str:
    """The name a mention is shown under: the shorter of the name as written (a known company
    named by a short form, "Fortress", "Citi") and the table's name (a long form or a unit,
    "Hewlett Packard Enterprise" -> "HPE", "AMD Ventures" -> "AMD"); the table's name for a
    ticker, a description or a pronoun."""
    if party.via != "entity":
        return party.name
    written = clean_display_name(party.surface.lstrip("$"))
    squeezed = re.sub(r"[\W_]+", "", written).lower()
    if not written or (written.isupper() or written.islower()) and len(written) <= 5 or \
            not written.lower().startswith(party.name.lower()[:1]) or \
            squeezed == re.sub(r"[\W_]+", "", party.name).lower():
        return party.name  # a ticker, another name ("Alphabet"), or the same ("Supermicro")
    return written if len(written) < len(party.name) else party.name


def document_scoped(entity_id: str, doc_id: str) -> str:
    """The id of a party: a generic vehicle's id is scoped to its document."""
    if _GENERIC_VEHICLE.fullmatch(entity_id):
        return f"{entity_id}@{stable_id(doc_id, length=12)}"
    return entity_id


def shown_name(party: Party, discourse: Discourse) -> str:
    """The name a deal's party is shown under: as the document first named it when this
    mention is a short form ("Mistral AI ... Mistral") or its initials ("Princeton Digital
    Group ... PDG") of that, else this mention's."""
    here = display_name(party)
    first = discourse.first_mention.get(party.entity_id)
    if first is None:
        return here
    introduced = display_name(first)
    initials = "".join(word[0] for word in introduced.split() if word[:1].isalpha())
    if introduced.lower().startswith(here.lower() + " ") or (
            here.isupper() and len(here) > 1 and here == initials.upper() and here != introduced):
        return introduced  # ("Mistral AI" ... "Mistral"; "Princeton Digital Group" ... "PDG")
    return here
