"""What the deal tests read from a text: its flows and its parties (shared test helpers)."""

from __future__ import annotations

from transform.deals import extract_text
from transform.entities.parties import Discourse, find_parties
from transform.entities.table import EntityTable


def flows(text: str, lang: str = "en") -> set[tuple[str, str, str]]:
    """(payer id, payee id, deal type) of every deal the extractor reads in a text."""
    return {(m.payer_id, m.payee_id, m.deal_type) for m in extract_text("t", text, lang=lang)}


def party_surfaces(sentence: str) -> list[str]:
    """The parties of one sentence read on its own, as written, in text order."""
    return [p.surface for p in find_parties(sentence, Discourse(EntityTable.default()))]
