"""A company the sentence only describes: "the company" after a list of backers, "the
acquirer" of a deal read before, "le spécialiste ..." opening a clause; people listed as
founders; investors that "participate as" one; lenders that "originate" a loan.

Sentences are written for these tests with invented companies (a real one only where the
construction needs a known party); expectations are worked out by hand from the deal
vocabulary in DESIGN.md.
"""

from __future__ import annotations

import pytest

from tests.deal_flows import flows
from transform.deals import extract_text
from transform.entities.parties import Discourse, find_parties
from transform.entities.table import EntityTable

KETTERING = "org:kettering-ai"


def test_the_company_after_a_fronted_list_of_known_backers_is_the_text_s_subject() -> None:
    # The backers are examples of "investors such as ...": "the company" is the one the text
    # is about, not the last backer the table knows.
    text = ("Kettering AI is valued at more than $5 billion. Backed by investors such as "
            "Nvidia, Oracle and Cisco, the company has raised $970 million to date.")
    assert flows(text) == {(backer, KETTERING, "equity_investment")
                           for backer in ("nvidia", "oracle", "cisco")}


def test_a_backer_the_list_could_not_name_does_not_make_the_next_backer_the_company() -> None:
    # "Teller Point Pension Trustees" is no name the extractor reads; the company raising is
    # still "the company", not the backer listed after the gap.
    text = ("Kettering AI is valued at more than $5 billion. Backed by investors such as "
            "Nvidia, Oracle, Cisco, Teller Point Pension Trustees, and Ashgrove Capital, the "
            "company has raised $970 million to date.")
    got = flows(text)
    assert {(b, KETTERING, "equity_investment") for b in ("nvidia", "oracle", "cisco")} <= got
    assert not {payee for _, payee, _ in got} - {KETTERING}


def test_founders_listed_with_commas_are_people_and_the_company_follows_them() -> None:
    sentence = ("Founded in 2019 by Aidan Gomez, Nick Frosst, and Ivan Zhang, Kettering AI is "
                "valued at over $5.5bn.")
    assert [p.surface for p in find_parties(sentence, Discourse(EntityTable.default()))] == [
        "Kettering AI"]
    text = sentence + (" Backed by investors such as Nvidia and Oracle, the company has raised "
                       "$970 million to date.")
    assert flows(text) == {("nvidia", KETTERING, "equity_investment"),
                           ("oracle", KETTERING, "equity_investment")}


def test_a_name_that_modifies_a_deal_noun_is_not_what_the_sentence_is_about() -> None:
    # "the Quillon deal" is a deal; "The company" of the next sentence is Harrowby Cloud.
    text = ("But the Quillon deal isn't Harrowby Cloud's only large AI contract. The company "
            "is also reportedly in talks with Meta about a $20 billion compute deal.")
    assert ("meta", "org:harrowby-cloud", "compute_contract") in flows(text)


@pytest.mark.parametrize(("text", "lang"), [
    ("Sancerre Numérique rachète Argentan Data pour 95 millions d'euros. Pour boucler "
     "l'opération, l'acquéreur a emprunté 60 millions d'euros au Crédit Armorique.", "fr"),
    ("Sancerre Cloud agreed to buy Argentan Data for $95 million. To pay for it, the buyer "
     "borrowed $60 million from Orton Bank.", "en"),
])
def test_the_acquirer_of_an_earlier_sentence_borrows(text: str, lang: str) -> None:
    got = flows(text, lang)
    buyer = "org:sancerre-numerique" if lang == "fr" else "org:sancerre-cloud"
    lender = "org:credit-armorique" if lang == "fr" else "org:orton-bank"
    assert got == {(buyer, "org:argentan-data", "acquisition"), (lender, buyer, "loan")}


def test_a_buyer_with_no_deal_read_before_is_nobody() -> None:
    assert flows("The buyer borrowed $60 million from Orton Bank, the bank said.") == set()


def test_a_french_specialist_opening_the_clause_is_the_company_named_before() -> None:
    text = ("Beaumesnil Compute muscle son bilan. Le spécialiste normand du calcul intensif a "
            "obtenu de la Banque Fayolle une ligne de crédit renouvelable de 75 millions "
            "d'euros.")
    assert flows(text, "fr") == {("org:banque-fayolle", "org:beaumesnil-compute", "loan")}


def test_a_specialist_after_another_company_is_a_company_not_named_yet() -> None:
    # The specialist bought is the Luxembourg firm of the first sentence, not the place the
    # second sentence is about: no deal with anyone but that firm.
    text = ("Les Américains de Halvard Data Centers ont annoncé lundi avoir racheté la "
            "luxembourgeoise Etrix Everywhere. Le campus d'Offenbach, à quelques kilomètres "
            "de Mayence, leur faisait envie. Halvard Data Centers a racheté le spécialiste "
            "luxembourgeois des centres de données sur mesure.")
    assert {payee for _, payee, _ in flows(text, "fr")} <= {"org:etrix-everywhere"}


@pytest.mark.parametrize(("text", "investors"), [
    ("Tarrow AI is raising $300 million in new funding. Harland Electronics also plans to "
     "participate as a new investor, alongside returning investors Merrow Capital and Dunstan "
     "Holdings.", {"org:harland-electronics", "org:merrow-capital", "org:dunstan"}),
    ("Tarrow AI is raising $300 million. Harland Electronics is joining as a strategic "
     "backer.", {"org:harland-electronics"}),
])
def test_an_investor_that_participates_as_one_invests_in_the_round(text: str,
                                                                   investors: set) -> None:
    assert flows(text) == {(i, "org:tarrow-ai", "equity_investment") for i in investors}


def test_investors_named_as_a_noun_participate_in_nothing() -> None:
    # "investors as well as investors": no verb of taking part comes before "as"
    text = ("Tarrow AI's round is ongoing and Tarrow AI is talking to its current investors "
            "as well as investors in Korea to participate in the capital raise.")
    assert flows(text) == set()


def test_banks_that_originate_a_loan_lend_it() -> None:
    text = ("Vessel Compute has obtained a $700 million loan from three banks. Orton Bank, "
            "Pilgrim Bank and Selby Trust originated the five-year, fixed-rate loan to Vessel "
            "Compute.")
    assert flows(text) == {(bank, "org:vessel-compute", "loan")
                           for bank in ("org:orton-bank", "org:pilgrim-bank", "org:selby-trust")}


def test_a_nation_s_people_before_a_french_company_name_are_no_part_of_it() -> None:
    sentence = ("Les Américains de Halvard Data Centers ont annoncé lundi avoir racheté la "
                "luxembourgeoise Etrix Everywhere.")
    assert [p.surface for p in find_parties(sentence, Discourse(EntityTable.default()))] == [
        "Halvard Data Centers", "Etrix Everywhere"]
    assert flows(sentence, "fr") == {("org:halvard-data-centers", "org:etrix-everywhere",
                                      "acquisition")}


def test_a_count_of_shares_held_is_a_stake_in_each_company_named() -> None:
    text = ("Both companies are backed by Harwick Semiconductor, which holds 7.7 million shares "
            "of Tallis Digital and 24.2 million shares of Morrow Cloud.")
    assert flows(text) == {("org:harwick-semiconductor", "org:tallis-digital",
                            "equity_investment"),
                           ("org:harwick-semiconductor", "org:morrow-cloud",
                            "equity_investment")}


def test_a_purchase_as_a_noun_names_its_buyer_after_by() -> None:
    text = ("Orton Bank took part in a new financing for the purchase of Harwick "
            "Semiconductor chips by Morrow Cloud.")
    assert ("org:morrow-cloud", "org:harwick-semiconductor", "purchase") in flows(text)


def test_compute_provided_to_a_list_of_customers_is_sold_to_each() -> None:
    text = ("The facility will be leased to Tallis Cloud, which has a deal to provide computing "
            "power to Pennick AI and Quarrow Labs.")
    got = flows(text)
    assert {("org:pennick-ai", "org:tallis-cloud", "compute_contract"),
            ("org:quarrow-labs", "org:tallis-cloud", "compute_contract")} <= got


def test_each_of_a_list_of_buyers_buys_the_chips() -> None:
    text = "Chinese tech companies Bravenet and Quillsoft each bought 230,000 Nvidia chips."
    assert flows(text) == {("org:bravenet", "nvidia", "purchase"),
                           ("org:quillsoft", "nvidia", "purchase")}


def test_lenders_listed_before_a_purpose_do_not_buy_what_the_borrower_buys() -> None:
    text = ("Pennick AI is in talks to borrow about $12 billion from a group led by Valmont "
            "Equity Partners and Arrowood Capital to buy Nvidia chips.")
    got = flows(text)
    assert {("org:valmont-equity-partners", "org:pennick-ai", "loan"),
            ("org:arrowood-capital", "org:pennick-ai", "loan")} <= got
    assert not {(payer, payee) for payer, payee, kind in got if kind == "purchase"} - {
        ("org:pennick-ai", "nvidia")}


@pytest.mark.parametrize(("text", "expected"), [
    # the one provided with chips buys them; a GPU cloud supplying GPUs sells compute
    ("Nvidia said it would provide Saudi Arabia's Halvern with chips that use 500 megawatts "
     "of power.", ("org:halvern", "nvidia", "purchase")),
    ("CoreWeave will supply Halvern with about 10,000 GPUs at a Texas campus.",
     ("org:halvern", "coreweave", "compute_contract")),
])
def test_a_company_provided_with_goods_pays_for_them(text: str, expected: tuple) -> None:
    assert expected in flows(text)


def test_a_french_round_led_by_a_fund_of_a_person_with_another_investor() -> None:
    text = ("Si Crusane Energy parvient à atteindre son objectif de 818 millions de dollars, "
            "cela porterait le total levé par la startup à 1,5 milliard de dollars. Selon le "
            "Financial Times, ce nouveau tour de table, mené par Fendrel Fund de Peter Thiel "
            "avec la participation de Felmore Ventures, valoriserait Crusane Energy à plus de "
            "3 milliards de dollars.")
    mentions = extract_text("t", text, lang="fr")
    assert {(m.payer_id, m.payee_id, m.deal_type) for m in mentions} == {
        ("org:fendrel-fund", "org:crusane-energy", "equity_investment"),
        ("org:felmore-ventures", "org:crusane-energy", "equity_investment")}
    assert all(m.amount_usd is None for m in mentions)  # 3 milliards is the valuation


def test_a_non_cancelable_order_is_not_a_cancelled_one() -> None:
    text = ("As of March 31, 2026, Norwick Cloud Corp. had outstanding non-cancelable purchase "
            "orders of $1.14 billion with NVIDIA Corporation for GB300 systems.")
    mentions = extract_text("t", text)
    assert [(m.payer_id, m.payee_id, m.status) for m in mentions] == [
        ("org:norwick-cloud", "nvidia", "announced")]


def test_stakes_taken_by_a_list_are_investments_not_takeovers() -> None:
    text = "Harlow Capital and Brisk Partners have taken stakes in Quorra AI."
    assert flows(text) == {("org:harlow-capital", "org:quorra-ai", "equity_investment"),
                           ("org:brisk-partners", "org:quorra-ai", "equity_investment")}


def test_a_person_named_after_a_title_is_a_person_when_named_again() -> None:
    text = ("Quorra AI raised $1.5 billion in new financing led by Tallow Global, a firm created "
            "by Harlan Pike and Orrin Partners founder and CEO Mark Walter. Tallow manages the "
            "pair's assets, including Walter's stakes in the Vellum Rovers and a racing team.")
    got = flows(text)
    assert ("org:tallow-global", "org:quorra-ai", "equity_investment") in got
    assert not any(payer.endswith("walter") for payer, _, _ in got)
    discourse = Discourse(EntityTable.default())
    first, second = text.split(". ", 1)
    discourse.remember(find_parties(first, discourse), first)
    assert [p.surface for p in find_parties(second, discourse)] == ["Tallow", "Vellum Rovers"]
