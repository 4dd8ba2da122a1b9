"""Deciding a deal's type from its nouns, and its direction from what the parties are.

Some frames fix their type ("invest ... in" is equity). Others take it from the words they
cover: money "from Y" is a loan when it is a credit facility, a compute contract when it is a
contract for capacity, equity otherwise; "rent ... from Y" is a compute contract for GPUs or
capacity and a lease for a campus or megawatts of space. Symmetric frames ("X signed a cloud
deal with Y") pay the party that sells what the deal is about: the cloud for compute, the
landlord for a lease, the chip or server maker for a purchase, the lender for a loan.
"""

from __future__ import annotations

import re

from transform.deals.frames import Frame
from transform.deals.lexicon import noun_class
from transform.entities.parties import Party

# Hyperscalers that sell cloud capacity (Meta, Apple and ByteDance buy it; they sell none).
_CLOUD_SELLERS = frozenset({"microsoft", "amazon", "google", "oracle", "alibaba", "ibm",
                            "tencent", "baidu", "huawei"})
_RENTAL = re.compile(r"\b(?:rental|rentals|rent|renting|rents|rented|lease|leasing|colocation)\b",
                     re.I)
_LEASE_WORD = re.compile(r"\b(?:lease|leases|leasing|leased|tenants?|rent\s+payments|loyers?|"
                         r"bail|location|landlord|lessor|in\s+rent)\b", re.I)
# "a long-term supply agreement with X": goods sold by one side to the other.
_SUPPLY_DEAL = re.compile(r"\b(?:(?:supply|procurement)\s+(?:agreements?|contracts?|deals?|"
                          r"pacts?)|contrats?\s+de\s+fourniture|"
                          r"(?:accords?|contrats?)\s+d['’]approvisionnement)\b", re.I)
# Electricity bought from a utility or a power producer is outside the deal vocabulary.
_POWER_DEAL = re.compile(r"\b(?:power\s+purchase|power\s+supply|electricity\s+supply|energy\s+"
                         r"supply|PPA|contrat\s+d['’]achat\s+d['’](?:électricité|énergie))\b",
                         re.IGNORECASE)
_MERGER = re.compile(r"\b(?:merger|plan\s+of\s+merger|takeover|buyout|fusion)\b", re.I)
_SHARE_SUBSCRIPTION = re.compile(r"\b(?:(?:share|stock|equity)\s+subscription|subscription\s+"
                                 r"agreements?|newly[\s\-]+issued\s+(?:\w+\s+)?shares)\b", re.I)
_HIRING = re.compile(r"\b(?:hir(?:e|es|ed|ing)|staff|employees|team|founders?|researchers|"
                     r"talent|engineers|bring\s+over|brought\s+over|embauch\w*|recrut\w*)\b",
                     re.IGNORECASE)
_LICENCE = re.compile(r"\blicen[cs](?:e|es|ed|ing)\b", re.IGNORECASE)


def _rank(party: Party, deal_type: str) -> int:
    """How strongly a party is the seller (the one paid) in a deal of this type."""
    kind = party.kind or "unknown"
    if deal_type == "compute_contract":
        if kind in ("neocloud", "miner"):
            return 3
        if party.entity_id in _CLOUD_SELLERS or kind == "datacenter":
            return 2
        return 0
    if deal_type == "lease":
        return {"datacenter": 3, "miner": 3, "neocloud": 1}.get(kind, 0)
    if deal_type == "lease_of_space":
        # a building, a hall or megawatts: clouds, labs and big tech are the tenants
        return {"datacenter": 3, "miner": 3, "neocloud": -1, "ai_lab": -1,
                "hyperscaler": -1}.get(kind, 0)
    if deal_type == "purchase":
        if kind in ("chipmaker", "hardware"):
            return 3
        return 1 if party.entity_id in _CLOUD_SELLERS else 0  # Google sells its TPUs
    if deal_type == "loan":
        # The borrower is paid: anyone but a lender or investor.
        return {"lender": 0, "investor": 0}.get(kind, 2)
    if deal_type == "equity_investment":
        # The investee is paid: funds invest in everyone, big tech in labs and clouds.
        return {"investor": 0, "lender": 0, "hyperscaler": 1, "chipmaker": 1,
                "hardware": 1}.get(kind, 2)
    return 0


def direction_by_kind(first: Party, second: Party, deal_type: str,
                      clause: str = "") -> tuple[Party, Party] | None:
    """(payer, payee) for two parties of a symmetric frame, or None when undecidable; a
    lease of space (`clause` names a building, a hall, megawatts) has the cloud as tenant."""
    ranked = deal_type
    if deal_type == "lease" and clause:
        classes = noun_class(clause)
        if "SPACE" in classes and "GOODS" not in classes and "COMPUTE" not in classes:
            ranked = "lease_of_space"
    a, b = _rank(first, ranked), _rank(second, ranked)
    if a == b:
        if a == 0 and deal_type in ("compute_contract", "lease") and \
                not (first.known and second.known):
            return first, second  # two companies nobody knows: the one signing up pays
        return None
    return (second, first) if a > b else (first, second)


def type_from_nouns(classes: set[str], text: str) -> str | None:
    """The deal type a text's nouns point to (a loan, a lease, capacity, goods...), or None."""
    if "DEBT" in classes:
        return "loan"
    if _LEASE_WORD.search(text) and "COMPUTE" not in classes:
        return "lease"
    if "COMPUTE" in classes:
        return "compute_contract"
    if _RENTAL.search(text) and "GOODS" in classes:
        return "compute_contract"  # renting servers or GPUs is buying compute
    if _LEASE_WORD.search(text) or ("SPACE" in classes and _RENTAL.search(text)):
        return "lease"
    if "GOODS" in classes:
        return "purchase"
    if "EQUITY" in classes:
        return "equity_investment"
    return None


# Kinds of party whose money is the deal (an investor's, a lender's), never what it buys.
MONEY_KINDS = frozenset({"investor", "lender"})


def _sells_compute(party: Party) -> bool:
    return (party.kind or "") == "neocloud" or party.entity_id in _CLOUD_SELLERS


def _type_of_payment(clause: str, payee: Party) -> str:
    """What a payment is for: its object's nouns, else what the payee sells."""
    classes = noun_class(clause)
    if _LICENCE.search(clause) and "COMPUTE" not in classes:
        return "acquisition" if _HIRING.search(clause) else "purchase"
    if re.search(r"\b(?:lease|leases|leasing|leased)\b", clause, re.I) and \
            "COMPUTE" not in classes:
        return "lease"
    if _LEASE_WORD.search(clause) and "COMPUTE" not in classes:
        return "lease"
    kind = payee.kind or ""
    if kind in ("chipmaker", "hardware") and ("GOODS" in classes or not _RENTAL.search(clause)):
        return "purchase"  # "chips for its cloud from AMD": the chips are bought
    if "COMPUTE" in classes:
        return "compute_contract"
    if "GOODS" in classes:
        # "a gpu rental with X": renting a provider's GPUs is buying compute
        return "compute_contract" if _sells_compute(payee) or _RENTAL.search(clause) \
            else "purchase"
    if kind in ("chipmaker", "hardware"):
        return "purchase"
    if kind in ("datacenter", "miner") and "SPACE" in classes:
        return "lease"
    return "compute_contract"


def goods_or_compute(deal_type: str, first: Party, second: Party) -> str:
    """A "GPU deal" with a neocloud is compute: neoclouds rent GPUs out, they do not sell them;
    unless the other party makes the goods (a neocloud's order with a server maker is a
    purchase)."""
    kinds = ((first.kind or ""), (second.kind or ""))
    if deal_type == "purchase" and "neocloud" in kinds and not {"hardware", "chipmaker"} & set(
            kinds):
        return "compute_contract"
    return deal_type


_WHOLE_MACHINES = re.compile(r"\b(?:servers|serveurs|racks|baies)\b", re.IGNORECASE)


def refine_type(frame: Frame, matched: str, clause: str, sentence: str, payer: Party,
                payee: Party) -> str | None:
    """The deal type of a frame match; None when a noun-typed frame finds no type words."""
    if frame.deal_type == "purchase" and frame.type_by is None:
        # A neocloud "supplying GPUs" rents them out: that is compute, not a sale.
        return "compute_contract" if (payee.kind or "") == "neocloud" else "purchase"
    if frame.type_by is None:
        return frame.deal_type
    if frame.type_by == "pay":
        return _type_of_payment(clause, payee)
    if frame.type_by == "sale":
        # a sale of goods (chips, servers) is a purchase; of sites or a business, a takeover
        return "purchase" if "GOODS" in noun_class(matched) else "acquisition"
    if frame.type_by == "licence":
        # a licence bought together with the licensor's staff is an acqui-hire
        return "acquisition" if _HIRING.search(sentence) else "purchase"
    if frame.type_by == "rent":
        if re.search(r"\b(?:rent|rents|renting|rented|lease|leases|leasing|leased)\s+back\b",
                     clause, re.I):
            return "lease"  # a leaseback: the seller rents its own hardware back
        classes = noun_class(clause)
        if "COMPUTE" not in classes and _WHOLE_MACHINES.search(clause):
            return "lease"  # renting servers or racks themselves: equipment on lease
        if "COMPUTE" in classes or "GOODS" in classes:
            return "compute_contract"
        if "SPACE" in classes or _LEASE_WORD.search(clause):
            return "lease"
        return frame.deal_type
    if frame.direction and frame.deal_type == "lease":
        return "lease"
    if frame.direction:  # symmetric frames: the deal's words, else what the parties sell
        if _MERGER.search(clause):
            return None  # "an Agreement and Plan of Merger with X": a takeover, not a sale
        if _POWER_DEAL.search(matched):
            return None  # "a power purchase agreement with X": electricity, no deal of ours
        for text in (matched, clause, sentence):
            if _SHARE_SUBSCRIPTION.search(text):
                return "equity_investment"  # "a Subscription Agreement with X": X buys shares
            found = type_from_nouns(noun_class(text), text) or (
                "purchase" if _SUPPLY_DEAL.search(text) else None)
            if found and not (found == "equity_investment" and "DEAL" in noun_class(text)):
                return goods_or_compute(found, payer, payee)
        a, b = _rank(payer, "compute_contract"), _rank(payee, "compute_contract")
        if a != b and max(a, b) >= 2:
            return "compute_contract"
        # an agreement with a chip or hardware maker that says nothing else buys its goods
        a, b = _rank(payer, "purchase"), _rank(payee, "purchase")
        return "purchase" if a != b and max(a, b) >= 3 else None
    # money received: the match's own words decide (a credit facility, an equity round), or
    # the words right after it ("$1.5 billion from Nvidia for leasing back GPUs")...
    classes = noun_class(matched)
    following = clause[len(matched):len(matched) + 60]
    if "DEBT" in classes:
        return "loan"
    if "EQUITY" in classes:
        return "equity_investment"
    if _LEASE_WORD.search(following) or re.search(r"\bleasing\b", following, re.I) or \
            _LEASE_WORD.search(matched):
        return "lease"  # "collects $85M a year in rent from X": the tenant's rent
    if "DEBT" in noun_class(following):
        return "loan"
    # "The loan ... includes $5B from A": the sentence's own words (not its names: "Tamsin
    # Capital") say what it is
    whole = noun_class(re.sub(r"(?<!^)\b[A-Z][\w\-’']*", " ", sentence))
    if "DEBT" in whole and "EQUITY" not in whole and "DEAL" not in classes:
        return "loan"
    if (payer.kind or "") == "lender" and "DEAL" not in classes and \
            not re.search(r"\brais(?:e|es|ed|ing)\b", matched, re.I):
        return "loan"  # money a bank provides, with no word saying otherwise, is lent
    # ... a contract from a customer is what the recipient sells ...
    if "DEAL" in classes or ("DEAL" in noun_class(sentence) and
                             "COMPUTE" in noun_class(sentence)) or (
            "DEAL" in noun_class(following) and _sells_compute(payee)):
        if _sells_compute(payee) or "COMPUTE" in noun_class(sentence):
            return "compute_contract"
        if (payee.kind or "") in ("chipmaker", "hardware") or "GOODS" in classes:
            return "purchase"
        if _LEASE_WORD.search(matched):
            return "lease"
    if frame.deal_type == "acquisition" and "GOODS" in classes:
        return "purchase"  # "sold 2,000 used GPUs to": goods, not a company
    if frame.name == "customer_of":
        return "purchase" if payee.kind in ("chipmaker", "hardware") else "compute_contract"
    if frame.name == "compute_supplied_to":
        return "purchase" if "GOODS" in noun_class(clause) and not _sells_compute(payee) \
            else "compute_contract"
    return frame.deal_type
