"""What kind of deal the words say: type words come from the sentence, never from a company's
name; share subscriptions, financing agreements, supply agreements and rent have their own
types; a contract's defined title is no company.

Sentences are written for these tests with invented companies (a real one only where the
construction needs a known cloud); expectations are worked out by hand from the deal
vocabulary in DESIGN.md.
"""

from __future__ import annotations

import pytest

from tests.deal_flows import flows, party_surfaces
from transform.entities.parties import Discourse, find_parties
from transform.entities.table import EntityTable

CORRAND = "org:corrand-compute"


def test_a_name_is_no_type_word() -> None:
    # "Infrastructure" in the name said compute; the sentence's words say equity
    text = ("BGO a plus que doublé sa participation au capital de Corrand Infrastructure, pour "
            "200 millions d'euros.")
    assert flows(text, "fr") == {("org:bgo", "org:corrand-infrastructure", "equity_investment")}


@pytest.mark.parametrize(("text", "expected"), [
    ("On May 3, 2026, Corrand Compute plc signed a Subscription Agreement with Pellham Ventures, "
     "under which Pellham Ventures will take up 4 million newly issued ordinary shares for $80 "
     "million.", ("org:pellham-ventures", CORRAND, "equity_investment")),
    ("Corrand Compute entered into a $200 million financing agreement with Ostry Financial "
     "Services to pay for the servers.", ("org:ostry-financial", CORRAND, "loan")),
    ("The landlord, Ellery Realty, will collect about $40 million a year in rent from Corrand "
     "Compute under the deal.", (CORRAND, "org:ellery-realty", "lease")),
])
def test_the_agreement_s_own_words_give_its_type(text: str, expected: tuple) -> None:
    assert flows(text) == {expected}


def test_a_supply_agreement_sells_goods() -> None:
    found = flows("Microsoft is negotiating a long-term supply agreement with Samsung.")
    assert found == {("microsoft", "samsung", "purchase")}


def test_a_contract_s_title_after_an_article_is_no_company() -> None:
    text = "Corrand Compute signed a Data Center Lease with Ellery Realty for 40 MW."
    assert party_surfaces(text) == ["Corrand Compute", "Ellery Realty"]
    assert flows(text) == {(CORRAND, "org:ellery-realty", "lease")}


def test_a_tender_offer_for_all_outstanding_shares_is_a_takeover() -> None:
    text = ("Pellham Systems, Inc. will commence a tender offer to acquire all outstanding shares "
            "of Corrand Compute, Inc. at $24.50 per share in cash, for a total equity value of "
            "approximately $2.9 billion.")
    assert flows(text) == {("org:pellham-systems", CORRAND, "acquisition")}


def test_money_paid_in_advance_to_suppliers_buys_their_goods() -> None:
    text = ("Pellham Systems has paid $700 million in advance to Trevane Semiconductor and Orrin "
            "Micro to ensure a stable supply of high-bandwidth memory.")
    assert flows(text) >= {("org:pellham-systems", "org:trevane-semiconductor", "purchase"),
                           ("org:pellham-systems", "org:orrin-micro", "purchase")}


def test_a_contract_s_title_named_after_its_goods_is_no_company() -> None:
    text = ("Corrand Compute ended the Accelerator Supply Agreement with Vexmoor Semiconductor, "
            "under which it had agreed to buy $410 million of inference accelerators.")
    assert "Accelerator" not in party_surfaces(text)


def test_a_sum_paid_in_advance_to_suppliers_names_them_after_it() -> None:
    text = ("Pellham Systems has paid $700 million in advance to Trevane Semiconductor and Orrin "
            "Micro to ensure a stable supply of high-bandwidth memory.")
    assert flows(text) == {("org:pellham-systems", "org:trevane-semiconductor", "purchase"),
                           ("org:pellham-systems", "org:orrin-micro", "purchase")}


@pytest.mark.parametrize("text", [
    "pellham systems backstopping corrand compute's lease w/ ellery realty, up to $1.1B if "
    "corrand can't pay. wild",
    "Corrand Compute signed a lease with Ellery Realty for 40 MW. Pellham Systems will "
    "backstop Corrand Compute's lease obligations.",
])
def test_a_guarantee_of_a_tenant_s_lease_is_paid_to_the_landlord(text: str) -> None:
    found = flows(text)
    assert ("org:pellham-systems", "org:ellery-realty", "backstop") in found
    assert ("org:pellham-systems", CORRAND, "backstop") not in found


def test_a_business_sold_to_a_list_of_buyers_is_bought_by_each() -> None:
    text = ("Corrand Compute (CRDC) is selling its data centers and colocation operations to "
            "several financial firms -- including Pellham Ventures, Orrin Capital and Ostry "
            "Partners, the company confirmed.")
    buyers = {"org:pellham-ventures", "org:orrin-capital", "org:ostry-partners"}
    assert {(b, CORRAND, "acquisition") for b in buyers} <= flows(text)


def test_a_ticker_in_brackets_after_a_name_is_that_company() -> None:
    discourse = Discourse(EntityTable.default())
    parties = find_parties("Corrand Compute (CRDC) sold a campus.", discourse)
    assert [(p.surface, p.entity_id) for p in parties] == [("Corrand Compute", CORRAND),
                                                           ("CRDC", CORRAND)]
    found = flows("Corrand Compute (CRDC) is selling its Reno campus to Pellham Ventures for "
                  "$200 million.")
    assert found == {("org:pellham-ventures", CORRAND, "acquisition")}


def test_goods_supplied_for_a_company_s_data_centers_are_bought_by_it() -> None:
    text = ("Trevane Semiconductor and Orrin Micro have signed letters of intent to supply memory "
            "chips for Pellham Systems' data centers.")
    assert flows(text) >= {("org:pellham-systems", "org:trevane-semiconductor", "purchase"),
                           ("org:pellham-systems", "org:orrin-micro", "purchase")}


def test_an_agreement_with_a_chip_maker_that_says_nothing_else_buys_its_goods() -> None:
    assert flows("OpenAI has signed an agreement with AMD valued at more than $10 billion.") == {
        ("openai", "amd", "purchase")}
    merger = ("On March 19, 2026, Trevane Semiconductor Inc. entered into an Agreement and Plan of "
              "Merger with Pellham Systems, pursuant to which Pellham Systems will acquire "
              "Trevane Semiconductor for $6.5 billion in cash.")
    assert flows(merger) == {("org:pellham-systems", "org:trevane-semiconductor", "acquisition")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Ostry Telecom said it has agreed to sell a significant minority stake in Corrand Data "
     "Centres to the Pellham Infrastructure Fund.",
     ("org:pellham-infrastructure-fund", "org:corrand-data-centres", "equity_investment")),
    ("As part of the agreement, Ellery Realty will lease Corrand Compute the land for the "
     "development of the facility.", (CORRAND, "org:ellery-realty", "lease")),
    ("GPU cloud provider Corrand Compute has entered into a $300 million agreement to secure 40 "
     "megawatts of capacity at Ellery Realty's upcoming data center in Ohio.",
     (CORRAND, "org:ellery-realty", "lease")),
])
def test_stakes_sold_sites_leased_and_megawatts_secured(text: str, expected: tuple) -> None:
    assert expected in flows(text)


@pytest.mark.parametrize("text", [
    "U.S. investment fund Pellham Ventures and British investment firm Orrin Capital announced "
    "on Friday they will invest together up to 3.5 billion euros by 2027 in a large-scale data "
    "centre in Portugal.",
    "Chip leader Nvidia is to build a $200 million artificial intelligence centre in Indonesia "
    "this year, in a team-up with local telco firm Ostry Telecom.",
    "On December 1, 2026, Ellery Energy S.A. and Corrand Compute, Inc. signed a non-binding "
    "memorandum of understanding to study jointly the development of up to 500 MW of data "
    "center capacity, with an estimated build cost of $6 billion.",
])
def test_two_companies_acting_together_pay_each_other_nothing(text: str) -> None:
    assert flows(text) == set()


def test_a_titled_agreement_after_an_article_is_no_company() -> None:
    text = "Corrand Compute signed a Revolving Credit Agreement with Ostry Bank for $350 million."
    assert party_surfaces(text) == ["Corrand Compute", "Ostry Bank"]


def test_a_short_form_of_a_name_given_in_full_earlier_in_the_sentence_is_that_company() -> None:
    text = ("On April 2, 2026, Oxwell Cloud Holdings, Inc. issued to Runnel Compute Labs a warrant "
            "covering up to 4,800,000 Class A shares of Oxwell, exercisable at $0.01 each.")
    assert flows(text) == {("org:oxwell-cloud", "org:runnel-compute-labs", "warrant")}


def test_a_dash_appositive_does_not_hide_the_subject() -> None:
    text = ("Corrand Compute (CRDC)—a cloud operator backed by U.S. private equity firm Pellham "
            "Ventures—said it has agreed to sell $300 million of its shares to Orrin Capital.")
    assert ("org:orrin-capital", CORRAND, "equity_investment") in flows(text)
    assert ("org:orrin-capital", "org:pellham-ventures", "equity_investment") not in flows(text)


def test_a_participle_after_a_comma_has_the_main_subject() -> None:
    text = ("Pellham Systems has provided a guarantee of $1.4 billion on Ostry Cloud bonds, "
            "obtaining in return warrants to purchase 24 million shares of Corrand Compute.")
    found = flows(text)
    assert (CORRAND, "org:pellham-systems", "warrant") in found
    assert (CORRAND, "org:ostry-cloud", "warrant") not in found


def test_a_coordinated_clause_with_its_own_subject_is_read_from_that_subject() -> None:
    text = ("Last month Orrin AI agreed to pay Corrand Compute up to $14.2 billion for cloud "
            "computing, and in August it signed a six-year cloud deal with Ostry Cloud worth more "
            "than $10 billion.")
    found = flows(text)
    assert ("org:orrin-ai", "org:ostry-cloud", "compute_contract") in found
    assert ("org:ostry-cloud", CORRAND, "compute_contract") not in found


def test_a_relative_clause_s_coordinated_verb_keeps_the_relative_s_subject() -> None:
    text = ("Pellham Systems, which first invested in Corrand Compute in 2023 and already owned "
            "about 7% of the company, was little changed.")
    assert flows(text) == {("org:pellham-systems", CORRAND, "equity_investment")}


def test_goods_bought_from_a_vendor_are_no_takeover() -> None:
    text = ("In the ordinary course of business, Corrand Compute purchases graphics processing "
            "units, systems and networking equipment from Trevane Semiconductor.")
    assert flows(text) == {(CORRAND, "org:trevane-semiconductor", "purchase")}


def test_lenders_extending_it_loans_lend_to_what_the_text_is_about() -> None:
    text = ("Corrand Compute has paid for its expansion with borrowed money. Lenders including "
            "Ostry Bank and Pellham Credit have extended it billions of dollars in loans.")
    assert flows(text) == {("org:ostry-bank", CORRAND, "loan"),
                           ("org:pellham-credit", CORRAND, "loan")}
