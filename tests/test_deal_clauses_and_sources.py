"""Subjects, sources and clitics around a deal: an appositive's backer, a pronoun that signs,
a headline's verb, a report's source, French dative clitics, acronyms of a name given before.

Sentences are written for these tests with invented companies.
"""

from __future__ import annotations

import pytest

from tests.deal_flows import flows, party_surfaces
from transform.deals import extract_text


def test_an_appositive_backer_and_the_pronoun_that_signs() -> None:
    text = ("Tallis Cloud (NASDAQ: TLLS), a GPU cloud provider backed by Harwick Semiconductor, "
            "said on Tuesday it had signed a five-year, $11.2 billion agreement with Quorra AI.")
    mentions = {(m.payer_id, m.payee_id, m.deal_type): m for m in extract_text("t", text)}
    assert set(mentions) == {
        ("org:harwick-semiconductor", "org:tallis-cloud", "equity_investment"),
        ("org:quorra-ai", "org:tallis-cloud", "compute_contract")}
    # the contract's figure is said after the appositive: it is not the backer's
    assert mentions["org:harwick-semiconductor", "org:tallis-cloud",
                    "equity_investment"].amount_usd is None
    assert mentions["org:quorra-ai", "org:tallis-cloud", "compute_contract"].amount_usd == 11.2e9


def test_a_company_that_is_a_subject_keeps_the_deal_its_pronoun_states() -> None:
    text = "Brindle Systems said on Tuesday it would acquire Osmora, a data startup."
    assert flows(text) == {("org:brindle-systems", "org:osmora", "acquisition")}


def test_a_headline_verb_ends_the_name_before_it() -> None:
    assert flows("Quorra AI Secures $400 Million From Pemberton Capital") == {
        ("org:pemberton-capital", "org:quorra-ai", "equity_investment")}


def test_a_common_plural_opening_a_sentence_is_no_company() -> None:
    text = "Regulators blocked Harwick Semiconductor's $4 billion acquisition of Tallis Cloud."
    assert flows(text) == {("org:harwick-semiconductor", "org:tallis-cloud", "acquisition")}


def test_an_acronym_of_a_name_given_before_is_that_company() -> None:
    text = ("Pellmore Digital Group is in talks to receive $1 billion from Stanhope Partners. "
            "The investment in PDG, a player backed by Warrick Pincott, would be a loan.")
    names = {(m.payer_name, m.payee_name) for m in extract_text("t", text)}
    assert ("Warrick Pincott", "Pellmore Digital Group") in names
    assert not any("PDG" in pair for pair in names)


def test_buying_a_company_s_notes_is_lending_to_it() -> None:
    assert flows("Pemberton Capital bought $1 billion of Tallis Cloud's senior notes.") == {
        ("org:pemberton-capital", "org:tallis-cloud", "loan")}


def test_a_french_newspaper_quoted_is_no_party() -> None:
    text = ("Selon Les Echos, Harwick Semiconductor serait en discussions pour racheter Tallis "
            "Cloud pour 4 milliards d'euros.")
    mentions = extract_text("t", text, lang="fr")
    assert [(m.payer_id, m.payee_id, m.deal_type, m.status) for m in mentions] == [
        ("org:harwick-semiconductor", "org:tallis-cloud", "acquisition", "rumored")]


def test_a_french_dative_clitic_is_the_other_company() -> None:
    text = ("Le fabricant de puces Harwick Semiconductor a pris une participation de 5 % dans "
            "Tallis Cloud, qui lui achète en retour pour 2 milliards de dollars de processeurs.")
    assert flows(text, "fr") == {
        ("org:harwick-semiconductor", "org:tallis-cloud", "equity_investment"),
        ("org:tallis-cloud", "org:harwick-semiconductor", "purchase")}


@pytest.mark.parametrize("sentence", [
    "Harwick Semiconductor a investi ; selon lui, le marché est porteur.",
    "Harwick Semiconductor travaille avec lui depuis 2020.",
])
def test_a_stressed_lui_is_a_person_not_a_company(sentence: str) -> None:
    assert "lui" not in party_surfaces(sentence)


def test_talks_with_a_backer_for_a_sum_and_a_rumour_kept_to_its_own_clause() -> None:
    text = ("Tallis Cloud needs money to pay for all those chips. It borrowed $2.3 billion from "
            "Orton Bank last year and is now in talks with Pilgrim Bank for another $3 billion.")
    assert {(m.payer_id, m.payee_id, m.deal_type, m.status)
            for m in extract_text("t", text)} == {
        ("org:orton-bank", "org:tallis-cloud", "loan", "announced"),
        ("org:pilgrim-bank", "org:tallis-cloud", "loan", "rumored")}
    assert flows("Quorra AI is in talks with Pemberton Capital for another $500 million.") == {
        ("org:pemberton-capital", "org:quorra-ai", "equity_investment")}


def test_a_company_ruled_out_by_rather_than_is_no_party() -> None:
    text = "Quorra AI signed a compute deal with Tallis Cloud rather than with Brindle Cloud."
    assert flows(text) == {("org:quorra-ai", "org:tallis-cloud", "compute_contract")}


def test_a_french_appositive_with_an_adverb_names_a_backer_of_the_subject() -> None:
    text = ("Quorra AI, déjà soutenue par Pemberton Capital, a levé 200 millions d'euros auprès "
            "d'Orton Ventures.")
    assert flows(text, "fr") == {("org:pemberton-capital", "org:quorra-ai", "equity_investment"),
                                 ("org:orton-ventures", "org:quorra-ai", "equity_investment")}


@pytest.mark.parametrize(("text", "lang"), [
    # an adjective of finance is no verb of financing
    ("Nomination : Claire Vasseur prend la direction financière de Brière Data. Elle était "
     "auparavant directrice financière de Tallis Cloud France.", "fr"),
    # a question about a deal states none
    ("Huang was asked whether Harwick Semiconductor was part of a consortium to buy Tallis "
     "Cloud.", "en"),
    # electricity bought from a utility is outside the deal vocabulary
    ("Tamworth Compute LLC entered into a 20-year power purchase agreement with Elsdon Valley "
     "Electric Cooperative for up to 300 MW.", "en"),
])
def test_no_deal_in_a_job_a_question_or_a_power_contract(text: str, lang: str) -> None:
    assert flows(text, lang) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Le groupe Raxa, plateforme de centres de données, a signé un accord de financement de "
     "100 millions de dollars auprès de la Société financière Orvane.",
     {("org:orvane", "org:raxa", "loan")}),
    ("Samsung a souscrit pour 25 millions de dollars d'obligations convertibles émises par la "
     "start-up grenobloise Taillefer Silicium.",
     {("samsung", "org:taillefer-silicium", "loan")}),
    ("La Banque de la Dordogne a accordé à Bauges Compute un prêt de 15 millions d'euros.",
     {("org:banque-de-la-dordogne", "org:bauges-compute", "loan")}),
])
def test_french_financing_agreements_bond_subscriptions_and_bank_names(text: str,
                                                                       expected: set) -> None:
    assert flows(text, "fr") == expected
