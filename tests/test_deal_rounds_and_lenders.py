"""Rounds and loans whose investors or lenders stand around the round, not beside a verb.

Sentences are written for these tests with invented companies (a real one only where the
construction needs a known party); expectations are worked out by hand from the deal
vocabulary in DESIGN.md.
"""

from __future__ import annotations

import pytest

from tests.deal_flows import flows
from transform.deals import extract_text
from transform.deals.extractor import extract_document
from transform.entities.parties import Discourse, find_parties
from transform.entities.table import EntityTable

TARVO = "org:tarvo-data"




def invested(investors: set[str], payee: str = TARVO) -> set[tuple[str, str, str]]:
    return {(i, payee, "equity_investment") for i in investors}


@pytest.mark.parametrize(("text", "investors"), [
    # co-investors beside the investor of a round
    ("Pell Capital led a $1.4 billion Series E round in infrastructure company Tarvo Data, "
     "alongside US tech investor Valor Equity Partners.",
     {"org:pell-capital", "valor"}),
    ("Kestrel Labs has invested in Tarvo Data, joining Samsung and AFW Partners among others in "
     "a $693 million Series D round.", {"org:kestrel-labs", "samsung", "org:afw-partners"}),
    # a relative clause inside the round's noun phrase
    ("Tarvo Data has raised $330 million in equity funding. The funding round, which was "
     "materially upsized, was led by Pell Capital with participation from Nvidia.",
     {"org:pell-capital", "nvidia"}),
    # the funding "comes from" investors of the round of an earlier sentence
    ("According to Tarvo Data's announcement, the Series B round is one of the largest this "
     "year. The funding comes from a mix of investors, including Pell Capital and Estuary Fund.",
     {"org:pell-capital", "org:estuary-fund"}),
    # a round that raised money from a consortium, in a sentence that names no company
    ("Tarvo Data's journey began with a $30 million seed round in January, led by Pell "
     "Capital. This was followed by a Series A round in September, raising about $200 million "
     "from a consortium including Mizuho and KDDI.",
     {"org:pell-capital", "mizuho", "org:kddi"}),
    # fronted backers
    ("Backed by Pell Capital and Estuary Fund, Tarvo Data plans to build three data centres.",
     {"org:pell-capital", "org:estuary-fund"}),
])
def test_investors_around_a_round(text: str, investors: set) -> None:
    assert flows(text) == invested(investors)


def test_alongside_another_investment_is_no_co_investor() -> None:
    assert flows("Nvidia invested $1 billion in Tarvo Data alongside its investment in Orrin "
                 "Cloud.") == {("nvidia", TARVO, "equity_investment"),
                               ("nvidia", "org:orrin-cloud", "equity_investment")}


@pytest.mark.parametrize(("text", "investors"), [
    ("Parmi les bailleurs de fonds de Tarvo Data, figurent l'éditeur américain Salesforce, la "
     "banque BNP Paribas et le transporteur CMA CGM.",
     {"salesforce", "bnp-paribas", "org:cma-cgm"}),
    ("Tarvo Data vient de lever 40 millions d'euros. Soutenue par Otium, Omnes Capital et "
     "Adélie Capital, la startup ambitionne de grandir.",
     {"org:otium", "org:omnes-capital", "org:adelie-capital"}),
    ("Tarvo Data boucle un tour de table seed de 7,5 millions d'euros, mené par Global Ventures "
     "et soutenu par l'Inria, OneRagtime et Mi8.",
     {"org:global-ventures", "org:inria", "org:oneragtime", "org:mi8"}),
])
def test_french_backers_listed_with_their_labels(text: str, investors: set) -> None:
    assert flows(text, "fr") == invested(investors)


def test_a_french_passive_takeover_keeps_its_direction() -> None:
    text = ("L'opérateur de centres de données Tarvo Data a annoncé lundi qu'il allait être "
            "racheté par Pell Capital et Estuary Fund pour 15 milliards de dollars.")
    assert flows(text, "fr") == {("org:pell-capital", TARVO, "acquisition"),
                                 ("org:estuary-fund", TARVO, "acquisition")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Tarvo Data said on Monday it had secured a $500 million loan. The lender, Kestrel Bank, "
     "will be repaid from contract revenue.", {("org:kestrel-bank", TARVO, "loan")}),
    # the guarantor of a loan is no lender; the loan's lender is named after it
    ("Halden Semiconductor will guarantee a $300 million loan to Tarvo Data. The loan, provided "
     "by Kestrel Bank, will fund chips for an Ohio site.",
     {("org:halden-semiconductor", TARVO, "backstop"), ("org:kestrel-bank", TARVO, "loan")}),
    ("Tarvo Data closed a $400 million debt financing. Kestrel Bank is acting as the initial "
     "lender.", {("org:kestrel-bank", TARVO, "loan")}),
])
def test_a_lender_named_after_its_loan(text: str, expected: set) -> None:
    assert flows(text) == expected


def test_underwriting_a_loan_is_lending_it() -> None:
    assert flows("Kestrel Bank has underwritten a $3.8 billion bridge loan for Tarvo Data.") == {
        ("org:kestrel-bank", TARVO, "loan")}


def test_a_company_whose_founder_invests_in_person_is_no_party() -> None:
    assert flows("Amazon's founder Jeff Bezos has invested in chipmaker Tarvo Data.") == set()
    assert flows("Amazon's CEO Andy Jassy said Amazon will invest $4 billion in Tarvo Data.") == {
        ("amazon", TARVO, "equity_investment")}


@pytest.mark.parametrize(("sentence", "lang", "expected"), [
    ("Kestrel Labs invested alongside US tech investor Valor Equity Partners.", "en",
     ["Kestrel Labs", "Valor Equity Partners"]),
    # an article and a noun with no name after them
    ("L'opérateur de centres de données Tarvo Data a été racheté.", "fr", ["Tarvo Data"]),
    # a label before an upper-case name is no reference to an earlier company
    ("Tarvo Data a emprunté auprès de la banque BNP Paribas.", "fr", ["Tarvo Data", "BNP Paribas"]),
])
def test_what_is_and_is_not_a_party(sentence: str, lang: str, expected: list) -> None:
    found = find_parties(sentence, Discourse(EntityTable.default()))
    assert [p.surface for p in found] == expected


def test_single_sentence_reads_agree_with_document_reads() -> None:
    text = "Kestrel Labs has invested in Tarvo Data, joining Samsung in a $693 million round."
    assert {(m.payer_id, m.payee_id) for m in extract_text("t", text)} == {
        ("org:kestrel-labs", TARVO), ("samsung", TARVO)}


ORRIN_TELECOM, PELL = "org:orrin-telecom", "org:pell-capital"


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the buyer of sites or a business pays the seller; goods sold are a purchase
    ("Tarvo Data has signed an agreement for the sale of 11 data centres to Pell Capital for "
     "€550 million.", "en", {(PELL, TARVO, "acquisition")}),
    ("Orrin Telecom has closed the sale of its Latin American operations to Pell Capital for "
     "US$2.7 billion.", "en", {(PELL, ORRIN_TELECOM, "acquisition")}),
    ("Orrin Telecom vend dix de ses centres de données pour 1,4 milliard de dollars à Pell "
     "Capital.", "fr", {(PELL, ORRIN_TELECOM, "acquisition")}),
    ("Orrin Telecom sold 2,000 used GPUs to Pell Capital for $40 million.", "en",
     {(PELL, ORRIN_TELECOM, "purchase")}),
    ("Pell Capital will acquire most of the assets of bankrupt data center firm Tarvo Data for "
     "$775 million.", "en", {(PELL, TARVO, "acquisition")}),
    # an offer the target answers: the bidder would have paid
    ("Tarvo Data has rejected an $800 million acquisition offer from Pell Capital.", "en",
     {(PELL, TARVO, "acquisition")}),
])
def test_sales_assets_and_answered_offers(text: str, lang: str, expected: set) -> None:
    assert flows(text, lang) == expected


def test_where_a_document_was_filed_is_no_party() -> None:
    assert flows("Tarvo Data filed a press release with Nasdaq announcing it had closed a $32 "
                 "million revenue contract.") == set()


@pytest.mark.parametrize(("sentence", "expected"), [
    # a project, a currency code and a state are no companies; "VC" ends a firm's name
    ("Tarvo Data raised AUD 330 million to build Project Southgate in Tasmania.", ["Tarvo Data"]),
    ("Evroc closed a seed round with participation from EQT Ventures and Norrsken VC.",
     ["Evroc", "EQT Ventures", "Norrsken VC"]),
    ("The VC said no.", []),
])
def test_projects_currencies_regions_and_firms(sentence: str, expected: list) -> None:
    found = find_parties(sentence, Discourse(EntityTable.default()))
    assert [p.surface for p in found] == expected


def test_an_abbreviation_with_a_full_stop_does_not_end_the_clause_before_the_amount() -> None:
    mentions = extract_text("t", "Pell Capital will acquire most of the assets of Tarvo Data "
                                 "Inc. for $775 million, adding new holdings.")
    assert [(m.payer_id, m.payee_id, m.amount_usd) for m in mentions] == [
        (PELL, TARVO, 775e6)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a name with a figure inside it, after its description
    ("Tarvo Data has been acquired by investment trust Digital 9 Infrastructure for £231 "
     "million.", "en", {("org:digital-9-infrastructure", TARVO, "acquisition")}),
    # a stake described as an interest in the company's equity
    ("Pell Capital will acquire a 75 percent controlling interest in the equity of Tarvo Data "
     "for $850 million in cash.", "en", {(PELL, TARVO, "equity_investment")}),
    # a round led and joined in a fronted phrase, its company named before
    ("Tarvo Data secured $117 million in a mix of equity and debt. Led by Lifeline Ventures "
     "with participation from byFounders and Varma, this capital injection marks an "
     "expansion.", "en", invested({"org:lifeline-ventures", "org:byfounders", "org:varma"})),
    ("Walden International was among Tarvo Data's early investors.", "en",
     invested({"org:walden-international"})),
    ("Tarvo Data has received $200m in funding from Pell Capital. Sofina was also involved.",
     "en", invested({PELL, "org:sofina"})),
    # warrants that let the holder buy the issuer's capital
    ("L'accord inclut des bons de souscription permettant à Tarvo Data d'acquérir jusqu'à 10 % "
     "du capital de Pell Capital.", "fr", {(PELL, TARVO, "warrant")}),
])
def test_names_stakes_fronted_rounds_and_warrants(text: str, lang: str, expected: set) -> None:
    assert flows(text, lang) == expected


def amounts_of(title: str | None, text: str) -> list[tuple]:
    return [(m.payer_id, m.payee_id, m.deal_type, m.amount_usd, m.period)
            for m in extract_document("t", title=title, summary=None, text=text)]


MERIDIAN, ORRIN = "org:meridian-ai", "org:orrin-cloud"


@pytest.mark.parametrize(("title", "text", "expected"), [
    # a headline states the deal; the text's first sentence gives its figure
    ("Orrin Cloud signs deal with Meridian AI",
     "The agreement is worth $4 billion over five years, the companies said.",
     [(MERIDIAN, ORRIN, "compute_contract", 4e9, "total")]),
    (None, "Meridian AI has agreed to rent capacity from Orrin Cloud. The deal is valued at $4 "
     "billion.", [(MERIDIAN, ORRIN, "compute_contract", 4e9, "total")]),
    (None, "Orrin Cloud will buy 50,000 GPUs from AMD. The order is worth about $1.5 billion, "
     "the firm said.", [(ORRIN, "amd", "purchase", 1.5e9, "total")]),
    # the noun that refers back types the deal when the first reading was only "an agreement"
    (None, "Tarvo Data announced a landmark agreement with Amazon Web Services. The $5.5 "
     "billion, 15-year lease positions the company well.",
     [("amazon", TARVO, "lease", 5.5e9, "total")]),
    # a valuation is no deal figure; a figure three sentences on belongs to something else
    (None, "Meridian AI is in talks to buy Tarvo Data. The acquisition would value the company "
     "at $5 billion.", [(MERIDIAN, TARVO, "acquisition", None, "total")]),
    (None, "Meridian AI has agreed to rent capacity from Orrin Cloud. Both are growing. Demand "
     "is strong. The deal is valued at $4 billion.",
     [(MERIDIAN, ORRIN, "compute_contract", None, "total")]),
])
def test_a_later_sentence_gives_the_deals_figure(title: str | None, text: str,
                                                 expected: list) -> None:
    assert amounts_of(title, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "the Company" with nothing earlier: the sentence's first company
    ("On May 5, 2026, Tarvo Data, Inc. entered into a Securities Purchase Agreement with "
     "Pell Capital, pursuant to which Pell Capital invested $100 million in the Company.",
     [(PELL, TARVO, "equity_investment", 1e8)]),
    # a defined term is not the first word of a longer name; "IT" is no pronoun
    ('On March 3, 2026, Tarvo Data, Inc. (the "Company") entered into a Master Services '
     'Agreement with Meridian AI, LLC ("Meridian"), pursuant to which the Company will provide '
     "Meridian with GPU compute capacity for about $2.1 billion over five years.",
     [(MERIDIAN, TARVO, "compute_contract", 2.1e9)]),
    # "Inc. (" does not end the clause the amount is looked for in
    ('Tarvo Data, Inc. (the "Company") filed this report. On September 9, 2026, the Company '
     'completed its acquisition of Orrin Holdings, Inc. ("Orrin") for $1.2 billion in cash.',
     [(TARVO, "org:orrin", "acquisition", 1.2e9)]),
])
def test_filing_language(text: str, expected: list) -> None:
    assert [(m.payer_id, m.payee_id, m.deal_type, m.amount_usd)
            for m in extract_document("t", title=None, summary=None, text=text)] == expected


@pytest.mark.parametrize("text", [
    # "investigate" is no French "investi"
    "In 2022, the Greater London Agency (GLA) began to investigate delays to housing in the "
    "boroughs of Ealing, Hillingdon and Hounslow.",
    # a prediction about a company's value is no deal
    "Loop Capital a prédit que Nvidia pourrait atteindre 6 000 milliards de dollars.",
])
def test_words_that_only_look_like_deal_verbs(text: str) -> None:
    assert flows(text) == set()


def test_a_long_document_gets_no_two_party_guess() -> None:
    # two companies and a figure side by side, with no frame: a passage guesses, a long
    # document (a filing, a whole article) does not
    sentence = "Loop Capital a prédit que Nvidia pourrait atteindre 6 000 milliards de dollars."
    filler = " ".join(["Le marché des puces reste très disputé cette année."] * 60)
    assert flows(filler + " " + sentence, "fr") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Pell Capital Takes Control of Data-Centre Operator Tarvo Data\n\nThe group paid $3 "
     "billion for a 75% stake.", {(PELL, TARVO, "acquisition")}),
    ("Pell Capital walked away from its planned $1.2 billion purchase of Orrin Telecom's "
     "data-centre unit.", {(PELL, ORRIN_TELECOM, "acquisition")}),
    # a label between a place and the name: "Texas Miner Tarvo Data"
    ("Exclusive: Pell Capital in Talks to Buy Texas Miner Tarvo Data", {(PELL, TARVO,
                                                                        "acquisition")}),
    ("Tarvo Data raised $3.4 billion in debt. The financing, which also includes Kestrel Bank "
     "and Estuary Fund, will pay for its first site.",
     {("org:kestrel-bank", TARVO, "loan"), ("org:estuary-fund", TARVO, "loan")}),
])
def test_control_purchases_of_units_labels_and_financing_members(text: str,
                                                                   expected: set) -> None:
    assert flows(text) == expected


@pytest.mark.parametrize(("text", "investors"), [
    ("Tarvo Data closed a $90 million round. Backers include Pell Capital and Estuary Fund.",
     {"org:pell-capital", "org:estuary-fund"}),
    ("Tarvo Data raised $44 million in a Series A. Investors included Pell Capital and "
     "Estuary Fund.", {"org:pell-capital", "org:estuary-fund"}),
    ("Tarvo Data closed its Series B on Monday. Other new strategic investors participating "
     "in the round include Pell Capital and Estuary Fund.",
     {"org:pell-capital", "org:estuary-fund"}),
    ("Tarvo Data closed a $210 million Series B on Tuesday. Pell Capital took part, along "
     "with Estuary Fund and Orrin Ventures.",
     {"org:pell-capital", "org:estuary-fund", "org:orrin-ventures"}),
    ("Tarvo Data raised $44 million in a Series A led by Pell Capital. They joined existing "
     "investors Estuary Fund and Orrin Ventures.",
     {"org:pell-capital", "org:estuary-fund", "org:orrin-ventures"}),
])
def test_investors_listed_after_the_round_invest_in_the_company_that_raised(
        text: str, investors: set[str]) -> None:
    assert invested(investors) <= flows(text)


def test_a_company_listed_among_investors_is_not_the_next_sentences_topic() -> None:
    # "Investors included Pell Capital": Pell Capital is an example, the topic stays Tarvo
    discourse = Discourse(EntityTable.default())
    for sentence in ("Tarvo Data raised $44 million in a Series A.",
                     "Investors included Pell Capital and Estuary Fund."):
        discourse.remember(find_parties(sentence, discourse), sentence)
    assert [p.name for p in discourse.subjects] == ["Tarvo Data"]


@pytest.mark.parametrize("text", [
    "Orrin Cloud a accordé à Marlin Grid un bon de souscription pour l'achat de 10 millions "
    "d'actions Orrin Cloud.",
    "Pour sceller l'accord, Orrin Cloud a attribué à Marlin Grid des BSA qui lui donneront "
    "droit à 7 % de son capital.",
])
def test_a_single_french_warrant_and_bsa_are_warrants_from_the_issuer(text: str) -> None:
    assert flows(text, "fr") == {("org:orrin-cloud", "org:marlin-grid", "warrant")}
