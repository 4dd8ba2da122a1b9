"""French clause structure: infinitive clauses that keep the main subject, promises to buy
what a cloud cannot sell, and descriptions that point at the company just named.

Sentences are written for these tests with invented companies (a real one only where the
construction needs a known chip maker); expectations are worked out by hand from the deal
vocabulary in DESIGN.md.
"""

from __future__ import annotations

import pytest

from tests.deal_flows import flows

HALDEN = "org:halden-cloud"


@pytest.mark.parametrize("text", [
    "Halden Cloud a emprunté 2 milliards de dollars auprès de Fenmoor Capital, une dette gagée "
    "sur ses serveurs, avant d'acheter avec cet argent des milliers de puces Nvidia.",
    "Halden Cloud a obtenu un prêt de 2 milliards de dollars de Fenmoor Capital pour acheter "
    "des processeurs Nvidia.",
])
def test_an_infinitive_clause_of_purpose_has_the_main_clause_s_subject(text: str) -> None:
    found = flows(text, "fr")
    assert (HALDEN, "nvidia", "purchase") in found
    assert ("org:fenmoor-capital", HALDEN, "loan") in found
    assert ("org:fenmoor-capital", "nvidia", "purchase") not in found


@pytest.mark.parametrize("text", [
    "Nvidia s'est engagé à racheter toute la capacité que Halden Cloud ne parviendrait pas à "
    "vendre d'ici à 2031.",
    "Nvidia rachètera les capacités invendues de Halden Cloud jusqu'en 2031.",
])
def test_a_promise_to_buy_what_a_cloud_cannot_sell_is_a_backstop(text: str) -> None:
    assert flows(text, "fr") == {("nvidia", HALDEN, "backstop")}


def test_a_noun_phrase_before_a_name_does_not_run_over_a_relative_pronoun() -> None:
    # "racheter toute la capacité que Halden Cloud ...": Halden Cloud is not what is bought
    found = flows("Nvidia s'est engagé à racheter toute la capacité que Halden Cloud ne "
                  "parviendrait pas à vendre.", "fr")
    assert found == {("nvidia", HALDEN, "backstop")}


def test_a_described_kind_opening_a_sentence_is_the_one_the_sentence_before_named() -> None:
    text = ("AMD a vendu des puces à Torvik AI. Derrière Halden Cloud, on retrouve Nvidia. Le "
            "fabricant de puces s'est engagé à racheter toute la capacité que Halden Cloud ne "
            "parviendrait pas à vendre.")
    found = flows(text, "fr")
    assert ("nvidia", HALDEN, "backstop") in found
    assert ("amd", HALDEN, "backstop") not in found


def test_the_french_takeover_verb_does_not_read_english_acquired() -> None:
    # "have acquired ... Nvidia's chips": goods bought, not Nvidia
    text = "Neocloud Halden Cloud has acquired thousands of Nvidia's high-performance chips."
    assert flows(text) == {(HALDEN, "nvidia", "purchase")}
    assert flows("Halden Cloud a acquis Torvik AI pour 40 millions d'euros.", "fr") == {
        (HALDEN, "org:torvik-ai", "acquisition")}


@pytest.mark.parametrize(("text", "expected"), [
    # a company passing under another's control is bought by it
    ("Spécialiste lyonnais de l'hébergement, Halden Cloud passe sous le contrôle de Fenmoor "
     "Capital.", ("org:fenmoor-capital", HALDEN, "acquisition")),
    ("Halden Cloud, détenu par Torvik AI depuis 2019, passe dans le giron de Fenmoor Capital.",
     ("org:fenmoor-capital", HALDEN, "acquisition")),
    ("La start-up Halden Cloud passe entre les mains de Fenmoor Capital.",
     ("org:fenmoor-capital", HALDEN, "acquisition")),
    # a lender grants the borrower a loan, the borrower named first
    ("Le Crédit Sorgue a accordé à Halden Cloud un prêt de 80 millions d'euros.",
     ("org:credit-sorgue", HALDEN, "loan")),
    ("La Banque Vauclair a octroyé à Halden Cloud un financement de 200 millions d'euros.",
     ("org:banque-vauclair", HALDEN, "loan")),
    # a supplier delivers goods to its customer
    ("Le fabricant américain Nvidia livrera 8 000 accélérateurs à Halden Cloud d'ici à "
     "l'automne.", (HALDEN, "nvidia", "purchase")),
    # spending on capacity at a provider
    ("La start-up Torvik AI s'est engagée à dépenser 90 millions d'euros sur cinq ans en "
     "capacité de calcul chez Halden Cloud.", ("org:torvik-ai", HALDEN, "compute_contract")),
    # taking a building on lease from the landlord that owns it
    ("Halden Cloud prendra à bail, pour douze ans, un bâtiment de 30 MW détenu par la "
     "foncière Vauclair Immobilier, moyennant 21 millions d'euros par an.",
     (HALDEN, "org:vauclair-immobilier", "lease")),
])
def test_french_takeovers_loans_deliveries_spending_and_leases(text: str,
                                                                 expected: tuple) -> None:
    assert expected in flows(text, "fr")


def test_lenders_listed_after_a_colon_lend_to_the_raiser() -> None:
    text = ("Le groupe Sorvane annonce une nouvelle levée de dette de 2,2 milliards d'euros auprès "
            "de quatre banques européennes : Banque Vauclair, Crédit Sorgue, Kessock Bank et "
            "Tollbridge Bank.")
    lenders = {"org:banque-vauclair", "org:credit-sorgue", "org:kessock-bank",
               "org:tollbridge-bank"}
    assert flows(text, "fr") == {(lender, "org:sorvane", "loan") for lender in lenders}


def test_a_relative_clause_about_the_lead_investor_s_past_does_not_hide_the_round() -> None:
    text = ("La start-up Halden Cloud lève 50 millions d'euros. Le tour de table a été mené par le "
            "fonds Fenmoor Capital, un spécialiste qui a déjà investi dans des entreprises comme "
            "Torvik AI, avec la contribution de soutiens déjà connus de Halden Cloud.")
    assert ("org:fenmoor-capital", HALDEN, "equity_investment") in flows(text, "fr")


def test_backers_of_a_company_listed_after_such_as_invest_in_it() -> None:
    text = ("La levée a reçu la contribution de soutiens déjà connus de Halden Cloud comme Torvik "
            "AI, Pellham Ventures et Orrin Capital.")
    investors = {"org:torvik-ai", "org:pellham-ventures", "org:orrin-capital"}
    assert {(i, HALDEN, "equity_investment") for i in investors} <= flows(text, "fr")
    english = ("The round also drew existing backers of Halden Cloud such as Pellham Ventures and "
               "Orrin Capital.")
    assert {(i, HALDEN, "equity_investment")
            for i in ("org:pellham-ventures", "org:orrin-capital")} <= flows(english)


def test_a_building_leased_between_a_landlord_and_a_cloud_is_paid_by_the_cloud() -> None:
    text = ("Vauclair Data louera à Halden Cloud un bâtiment de 40 MW pendant douze ans, pour 30 "
            "millions d'euros par an.")
    assert flows(text, "fr") == {(HALDEN, "org:vauclair-data", "lease")}


def test_a_french_sale_stated_as_a_noun_is_bought_by_whoever_it_goes_to() -> None:
    text = ("Halden Cloud a annoncé mardi la cession d'une participation de 70 % dans son "
            "activité de centres de données en France à Fenmoor Capital.")
    assert flows(text, "fr") == {("org:fenmoor-capital", HALDEN, "acquisition")}


def test_a_provider_s_customers_listed_after_a_colon_pay_it() -> None:
    text = ("L'accord s'ajoute à une liste de clients IA de Halden Cloud : Torvik AI, Pellham Labs "
            "ou encore Orrin AI.")
    customers = {"org:torvik-ai", "org:pellham-labs", "org:orrin-ai"}
    assert {(c, HALDEN, "compute_contract") for c in customers} <= flows(text, "fr")


@pytest.mark.parametrize(("text", "expected"), [
    ("Halden Cloud a injecté 300 millions d'euros dans Torvik AI.",
     (HALDEN, "org:torvik-ai", "equity_investment")),
    ("Vauclair Data annonce la finalisation de la vente de ses activités de centres de données à "
     "Fenmoor Capital.", ("org:fenmoor-capital", "org:vauclair-data", "acquisition")),
])
def test_accented_injection_and_a_sale_stated_as_a_noun(text: str, expected: tuple) -> None:
    assert expected in flows(text, "fr")
