"""A deal's figure given in a later sentence that refers back to it.

"X signed a cloud deal with Y. The agreement is worth $4 billion over five years": the second
sentence names no company, so no frame reads it, but its figure is the first deal's. The
extractor keeps the deals it read without a figure on the discourse (`Discourse.amountless`);
a sentence that reads no deal and refers back to "the deal", "the agreement", "the lease" ...
with a deal figure gives that figure to the latest of them, within `_REFER_BACK_SENTENCES`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from transform.deals.skeleton import build_skeleton
from transform.entities.parties import Discourse
from transform.entities.table import EntityTable
from transform.money.amounts import find_amounts

if TYPE_CHECKING:
    from transform.deals.extractor import DealMention

# "The agreement is worth $4 billion over five years", "The $5.5 billion, 15-year lease ...",
# "L'accord porte sur 10 milliards de dollars": the figure of a deal an earlier sentence stated.
_REFERS_BACK = re.compile(
    r"\b(?:the|this|that|its|their|le|la|l['’]|ce|cet|cette)\s*(?:⟨M\d+⟩\s*,?\s*)?"
    r"(?:[\w\-]+\s+){0,3}?(?P<noun>deal|agreement|contract|order|transaction|acquisition|"
    r"purchase|pact|lease|loan|facility|investment|arrangement|commitment|accord|contrat|"
    r"commande|bail|prêt|rachat|investissement)s?\b", re.IGNORECASE)
_WORTH = re.compile(r"\b(?:worth|valued\s+at|totals?|totall?ing|amounts?\s+to|priced\s+at|"
                    r"valeur|porte\s+sur|portant\s+sur|s['’]élève|représente|chiffré)\b|"
                    r"^\W*(?:the|this|that|le|la|l['’]|ce|cet|cette)\s*⟨M", re.IGNORECASE)
_NOUN_TYPES = {"lease": "lease", "bail": "lease", "loan": "loan", "facility": "loan",
               "prêt": "loan", "acquisition": "acquisition", "rachat": "acquisition",
               "investment": "equity_investment", "investissement": "equity_investment"}
# A figure given this many sentences after the deal still belongs to it.
_REFER_BACK_SENTENCES = 2


def fill_amount_referred_back(sentence: str, discourse: Discourse, lang: str,
                               as_of: date | None) -> None:
    """Give the latest deal read without a figure the figure a later sentence states for it
    ("... signed a cloud deal with Y. The agreement is worth $4 billion over five years").
    Call it for every sentence that read no deal: it also counts the sentences since one."""
    discourse.sentences_since_deal += 1
    if not discourse.amountless or discourse.sentences_since_deal > _REFER_BACK_SENTENCES:
        return
    amounts = [a for a in find_amounts(sentence, lang, as_of) if a.role == "deal" and a.value]
    if not amounts:
        return
    skel = build_skeleton(sentence, [], amounts[:1])
    noun = _REFERS_BACK.search(skel.text)
    if noun is None or not _WORTH.search(skel.text[noun.start():]):
        return
    wanted = _NOUN_TYPES.get(noun.group("noun").lower())
    for holder, index in reversed(discourse.amountless):
        mention = holder[index]
        # "an agreement with AWS. The $5.5 billion, 15-year lease ...": a lease, not compute
        retyped = wanted == "lease" and mention.deal_type == "compute_contract"
        if wanted is None or mention.deal_type == wanted or retyped:
            amount = amounts[0]
            if retyped and _is_hyperscaler(discourse.table, mention.payee_id):
                mention = _reversed(mention)  # a cloud giant rents the site: it is the tenant
            holder[index] = replace(
                mention, deal_type=wanted if retyped else mention.deal_type,
                amount_usd=amount.value_usd, amount_qualifier=amount.qualifier,
                amount_original=amount.value, currency=amount.currency, period=amount.period,
                duration_years=amount.duration_years)
            discourse.amountless = []
            return


def _is_hyperscaler(table: EntityTable, entity_id: str) -> bool:
    entity = table.by_id(entity_id)
    return entity is not None and entity.kind == "hyperscaler"


def _reversed(mention: DealMention) -> DealMention:
    """The mention with payer and payee swapped."""
    return replace(mention, payer_text=mention.payee_text, payee_text=mention.payer_text,
                   payer_id=mention.payee_id, payee_id=mention.payer_id,
                   payer_name=mention.payee_name, payee_name=mention.payer_name)
