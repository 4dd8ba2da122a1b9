"""Chips and systems named for their maker: the maker is the seller when nobody else is.

Sentences are written for these tests with invented buyers; the makers are real because a
product line belongs to one maker.
"""

from __future__ import annotations

import pytest

from tests.deal_flows import flows, party_surfaces


@pytest.mark.parametrize(("text", "expected"), [
    ("Quorra AI was the second-largest buyer, acquiring 224,000 Hopper chips.",
     {("org:quorra-ai", "nvidia", "purchase")}),
    ("Quorra AI and Bravenet purchased 196,000 and 169,000 Blackwell GPUs, respectively.",
     {("org:quorra-ai", "nvidia", "purchase"), ("org:bravenet", "nvidia", "purchase")}),
    ("Quorra AI will deploy 10,000 GB300 systems and a cluster of Trainium chips.",
     {("org:quorra-ai", "nvidia", "purchase"), ("org:quorra-ai", "amazon", "purchase")}),
    ("Quorra AI ordered 4,000 MI355X accelerators for its new cluster.",
     {("org:quorra-ai", "amd", "purchase")}),
])
def test_goods_named_by_product_are_bought_from_their_maker(text: str, expected: set) -> None:
    assert flows(text) == expected


@pytest.mark.parametrize("text", [
    # a seller is named: the servers are bought from it, whoever made their chips
    "Quorra AI's order for GB200 servers from Dellmar Systems was worth $5 billion.",
    "Quorra AI will rent 2,048 H200s from Voltage Park at $3.2 million a month.",
    "On-demand H100s now rent for under $2 an hour on Lambda, down from $8.",
])
def test_a_named_seller_is_the_seller_not_the_maker(text: str) -> None:
    assert not any(payee == "nvidia" for _, payee, _ in flows(text))


@pytest.mark.parametrize(("sentence", "parties"), [
    ("The plane is an A380 parked at gate B52.", []),  # codes that are not chips
    ("Nvidia's H100 chips are scarce.", ["Nvidia"]),  # the maker named: one party, its name
])
def test_no_product_party_without_an_unambiguous_product_or_beside_its_maker(
        sentence: str, parties: list[str]) -> None:
    assert party_surfaces(sentence) == parties


def test_graphics_processing_units_spelled_out_are_goods() -> None:
    text = ("Quorra AI raised a $750 million credit facility from Orton Bank to expand its data "
            "centers and acquire more graphics processing units from Harwick Semiconductor.")
    assert flows(text) == {("org:orton-bank", "org:quorra-ai", "loan"),
                           ("org:quorra-ai", "org:harwick-semiconductor", "purchase")}
