"""Lists of investors and customers, people beside firms, and names that open with a code.

Sentences are written for these tests with invented companies (a real one only where the
construction needs a known party); expectations are worked out by hand from the deal
vocabulary in DESIGN.md.
"""

from __future__ import annotations

import pytest

from tests.deal_flows import flows
from tests.deal_flows import party_surfaces as names
from transform.deals import extract_text
from transform.entities.discourse import Discourse
from transform.entities.parties import find_parties
from transform.entities.table import EntityTable

TARVO = "org:tarvo-labs"


@pytest.mark.parametrize(("text", "investors"), [
    ("Tarvo Labs raised a $60 million Series B from Pine Hill Ventures. Existing investors "
     "Redgate Partners and Lowmoor Capital also took part in the round.",
     {"org:pine-hill-ventures", "org:redgate-partners", "org:lowmoor-capital"}),
    ("Tarvo Labs closed a $60 million round led by Pine Hill Ventures. Redgate Partners, "
     "Lowmoor Capital and Estuary Fund participated in the financing.",
     {"org:pine-hill-ventures", "org:redgate-partners", "org:lowmoor-capital",
      "org:estuary-fund"}),
])
def test_investors_who_took_part_in_the_round_of_an_earlier_sentence(text: str,
                                                                     investors: set) -> None:
    assert flows(text) == {(i, TARVO, "equity_investment") for i in investors}


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Brisa Compute has signed three AI labs as customers: Meta, Anthropic and Mistral AI.",
     "en", {("meta", "org:brisa-compute", "compute_contract"),
            ("anthropic", "org:brisa-compute", "compute_contract"),
            ("mistral", "org:brisa-compute", "compute_contract")}),
    ("Brisa Compute revendique des clients tels que Mistral AI, Poolside et même Meta.",
     "fr", {("mistral", "org:brisa-compute", "compute_contract"),
            ("poolside", "org:brisa-compute", "compute_contract"),
            ("meta", "org:brisa-compute", "compute_contract")}),
    # tenants rent space: a lease
    ("Orrin Data counts Oracle and Google among its tenants.",
     "en", {("oracle", "org:orrin-data", "lease"), ("google", "org:orrin-data", "lease")}),
])
def test_listed_customers_pay_their_vendor(text: str, lang: str, expected: set) -> None:
    assert flows(text, lang) == expected


def test_a_list_of_customers_with_no_vendor_before_it_is_no_deal() -> None:
    assert flows("Customers such as Meta and Anthropic want more capacity.") == set()


@pytest.mark.parametrize(("sentence", "expected"), [
    # a firm is no person, even when its name reads like one or is made of common words
    ("The round was led by trading firm Jane Street and Coatue.", ["Jane Street", "Coatue"]),
    ("Tarvo Labs, backed by VC firms Mark Ellis and Oakhurst Ventures, grew fast.",
     ["Tarvo Labs", "Mark Ellis", "Oakhurst Ventures"]),
    # researchers named before a round, and a second person coordinated with the first
    ("Tarvo Labs, founded by former Google researchers Jane Doyle and Mark Baines, raised "
     "$20 million from Index Ventures.", ["Tarvo Labs", "Google", "Index Ventures"]),
    # "led by" names firms; a byline's "By" names a person
    ("By Jane Doyle", []),
    # a short code opens a firm's name when a company word ends it
    ("Tarvo Labs raised $40 million in a Series A led by G2 Venture Partners.",
     ["Tarvo Labs", "G2 Venture Partners"]),
])
def test_people_and_firms_among_capitalised_names(sentence: str, expected: list) -> None:
    assert names(sentence) == expected


def test_two_members_of_one_list_are_no_counterparties() -> None:
    # no frame reads this sentence; the two-party fallback must not pair the two lead
    # investors with each other
    assert flows("The startup raised $75 million in a round led by trading firm Jane Street "
                 "and Coatue.") == set()


POLAR, MERIDIAN = "org:polar-systems", "org:meridian-ai"


@pytest.mark.parametrize(("text", "deal_type"), [
    # the licensee pays the licensor, whichever of them is the subject
    ("Meridian AI licensed its inference technology to Polar Systems for $300 million.",
     "purchase"),
    ("Polar Systems will license Meridian AI's chip designs for $300 million.", "purchase"),
    ("Meridian AI granted Polar Systems a licence to its models in exchange for $300 million.",
     "purchase"),
    ("Polar Systems paid Meridian AI $300 million for a license to its models.", "purchase"),
    # with the licensor's staff hired as well, it is an acqui-hire
    ("Polar Systems agreed to license technology from Meridian AI for $300 million and hire "
     "its founders.", "acquisition"),
])
def test_a_licensee_pays_the_licensor(text: str, deal_type: str) -> None:
    assert flows(text) == {(POLAR, MERIDIAN, deal_type)}


def test_debt_rounds_make_their_lead_and_participants_lenders() -> None:
    text = ("Blue Harbor Credit led a $750 million debt financing for Orrin Cloud, with Kestrel "
            "Bank and Pell Capital participating.")
    assert flows(text) == {(lender, "org:orrin-cloud", "loan") for lender in (
        "org:blue-harbor-credit", "org:kestrel-bank", "org:pell-capital")}
    later = "Orrin Cloud raised $750 million in debt. The financing was led by Blue Harbor Credit."
    assert flows(later) == {("org:blue-harbor-credit", "org:orrin-cloud", "loan")}


def test_a_targets_own_takeover_named_after_it() -> None:
    mentions = extract_text("t", "Tarvo Data walked away from its planned takeover by Meridian "
                                 "AI after regulators objected.")
    assert [(m.payer_id, m.payee_id, m.deal_type, m.status) for m in mentions] == [
        (MERIDIAN, "org:tarvo-data", "acquisition", "terminated")]


ORRIN, TARVO_CLOUD, HALDEN = "org:orrin-cloud", "org:tarvo-cloud", "org:halden-cloud"


def deals(text: str, lang: str = "en") -> set[tuple]:
    return {(m.payer_id, m.payee_id, m.deal_type, m.amount_usd, m.status)
            for m in extract_text("t", text, lang=lang)}


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the banks of a group "led by" X lend; the borrower, not the bank, buys the chips
    ("Tarvo Cloud a emprunté 2 milliards de dollars auprès d'un groupe de banques mené par BNP "
     "Paribas pour acheter des GPU Nvidia.", "fr",
     {("bnp-paribas", TARVO_CLOUD, "loan", 2e9, "announced"),
      (TARVO_CLOUD, "nvidia", "purchase", None, "announced")}),
    ("Orrin Cloud borrowed $2.3 billion from a syndicate of banks led by Kestrel Bank.", "en",
     {("org:kestrel-bank", ORRIN, "loan", 2.3e9, "announced")}),
    # goods pledged as collateral are not bought in this deal
    ("Orrin Cloud borrowed $2.3 billion from Blue Harbor Credit, using its Nvidia GPUs as "
     "collateral.", "en", {("org:blue-harbor-credit", ORRIN, "loan", 2.3e9, "announced")}),
    # turning to a supplier, past a relative clause whose figure is another deal's
    ("Halden Cloud, qui a levé 400 millions de dollars l'an dernier, s'est tourné vers Nvidia "
     "pour équiper son nouveau centre de données.", "fr",
     {(HALDEN, "nvidia", "purchase", None, "announced")}),
    # renting a brand's chips from a cloud, hedged
    ("Selon The Information, Orrin AI envisagerait de louer des puces Nvidia auprès de Tarvo "
     "Cloud.", "fr", {("org:orrin-ai", TARVO_CLOUD, "compute_contract", None, "rumored")}),
    # what one company owes another
    ("Orrin Cloud owes Tarvo Cloud $300 million for the capacity.", "en",
     {(ORRIN, TARVO_CLOUD, "compute_contract", 3e8, "announced")}),
])
def test_lenders_buyers_and_debts_of_payment(text: str, lang: str, expected: set) -> None:
    assert deals(text, lang) == expected


def test_a_party_that_opens_a_clause_is_the_subject_of_its_coordinated_verb() -> None:
    # "... and Tarvo Cloud turns around and buys": Tarvo Cloud buys, not the first subject
    found = flows("Orrin Cloud signed a $9 billion deal with Tarvo Cloud, and Tarvo Cloud turns "
                  "around and buys $5 billion of Dell servers.")
    assert (TARVO_CLOUD, "dell", "purchase") in found
    assert (ORRIN, "dell", "purchase") not in found
    # a relative pronoun opens no main clause: "which aims ..., and joined" is still Nvidia's
    found = flows("Nvidia led a $2 billion round for Reflection Labs, which aims to compete "
                  "with Chinese models, and joined a $2 billion seed round for Tarvo Cloud.")
    assert ("nvidia", TARVO_CLOUD, "equity_investment") in found


@pytest.mark.parametrize(("text", "expected"), [
    # a ticker in brackets is the company before it, not another party
    ("Orrin Telecom (NYSE: ORTL) closed the sale of its Latin American operations to Pell "
     "Capital for $2.7 billion.", {("org:pell-capital", "org:orrin-telecom", "acquisition")}),
    # "the latter" and "the former" of the two companies named before
    ("Orrin Cloud and Tarvo Data signed a deal on Monday. The latter is the former's landlord.",
     {(ORRIN, "org:tarvo-data", "lease")}),
    ("Pell Capital has bought two firms this year, Data4 and Compass Vault. It acquired the "
     "latter for $5.5 billion.", {("org:pell-capital", "org:compass-vault", "acquisition")}),
    # a supplier or a source named with its customer's possessive
    ("AMD is Orrin Cloud's second source of GPUs.", {(ORRIN, "amd", "purchase")}),
    ("Tarvo Systems, Orrin Cloud's main supplier, shipped servers.",
     {(ORRIN, "org:tarvo-systems", "purchase")}),
    # what a company owned, bought from it
    ("Pell Capital agreed to buy Sharp's former LCD panel plant for about $700 million.",
     {("org:pell-capital", "org:sharp", "acquisition")}),
])
def test_tickers_latter_former_suppliers_and_owned_sites(text: str, expected: set) -> None:
    assert flows(text) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the subject before an appositive that names other companies or people
    ("Quorra Labs, fondée il y a deux ans par d'anciens chercheurs de Meta, Yangqing Jia et "
     "Junjie Bai, a levé 11 millions de dollars auprès de CRV et Fusion Fund.", "fr",
     {("org:crv", "org:quorra-labs", "equity_investment"),
      ("org:fusion-fund", "org:quorra-labs", "equity_investment")}),
    ("Nvidia, which owns a stake in Orrin Cloud, invested $500 million in Tarvo Data.", "en",
     {("nvidia", "org:tarvo-data", "equity_investment"),
      ("nvidia", ORRIN, "equity_investment")}),
    # a company inside the appositive only describes the subject: no deal with it
    ("Tarvo Data, a rival of Orrin Cloud, raised $90 million from Pell Capital.", "en",
     {("org:pell-capital", "org:tarvo-data", "equity_investment")}),
])
def test_appositives_after_the_subject(text: str, lang: str, expected: set) -> None:
    assert flows(text, lang) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a headline names the company after a place's possessive; the lede describes it
    ("London's Blackfriars Compute Raises £250 Million\n\nThe GPU cloud raised the money from "
     "Balderton Capital and Nvidia, it said.",
     {("org:balderton-capital", "org:blackfriars-compute", "equity_investment"),
      ("nvidia", "org:blackfriars-compute", "equity_investment")}),
    # a name in title case after "The" is a name, not a description of an earlier company
    ("Finnish AI Data Centre Gets Backing\n\nThe European Investment Bank will lend €300 "
     "million to Kajaani Compute for its site.",
     {("org:european-investment-bank", "org:kajaani-compute", "loan")}),
])
def test_headlines_and_their_ledes(text: str, expected: set) -> None:
    assert flows(text) == expected


def test_a_company_word_ends_a_name_in_a_headline() -> None:
    assert names("Sundance Digital Signs $1.1 Billion Dell Order With Taiwan Partner") == [
        "Sundance Digital", "Dell"]


def test_a_plural_role_noun_opening_a_sentence_is_no_name() -> None:
    assert names("Lenders including Blackstone and Magnetar have extended billions.") == [
        "Blackstone", "Magnetar"]


def test_an_example_in_a_noun_phrase_is_not_the_sentence_s_subject() -> None:
    text = ("Orrin Cloud has borrowed heavily. Lenders including Blackstone and Magnetar have "
            "extended it billions in loans. Its customers include Microsoft.")
    assert ("microsoft", ORRIN, "compute_contract") in flows(text)
    assert ("microsoft", "blackstone", "compute_contract") not in flows(text)


@pytest.mark.parametrize(("text", "lang", "payers", "payee", "kind"), [
    # one member of the list is read by the sentence's frame or model: the others join it
    ("Halvard Compute secured a $400 million term loan from lenders including Greyfell Bank, "
     "Osprey Credit and Tamsin Capital.", "en",
     {"org:greyfell-bank", "org:osprey-credit", "org:tamsin-capital"}, "org:halvard-compute",
     "loan"),
    # a description before a member does not end the list, nor a second conjunction
    ("Marlin Grid's backers include Dutch pension fund Veldhoven Pensioen, insurers Kestrel "
     "Re and Pallas Life, and sovereign investor Corran Holdings.", "en",
     {"org:veldhoven-pensioen", "org:kestrel-re", "org:pallas-life", "org:corran"},
     "org:marlin-grid", "equity_investment"),
    ("Norvane Data a levé 200 millions d'euros auprès de Sorbier Capital, Caudal Gestion et "
     "Fonds Aubrac.", "fr",
     {"org:sorbier-capital", "org:caudal-gestion", "org:fonds-aubrac"}, "org:norvane-data",
     "equity_investment"),
])
def test_every_company_of_a_coordinated_list_shares_the_deal_one_of_them_is_read_in(
        text: str, lang: str, payers: set, payee: str, kind: str) -> None:
    assert {(p, payee, kind) for p in payers} <= flows(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("According to Bloomberg, Greyfell Bank and Osprey Credit will lend $300 million to "
     "Halvard Compute.", "en"),
    ("D'après Les Echos, Greyfell Bank et Osprey Credit prêteraient 300 millions d'euros à "
     "Halvard Compute.", "fr"),
])
def test_the_source_of_a_report_is_no_member_of_the_list_after_it(text: str,
                                                                  lang: str) -> None:
    payers = {payer for payer, _, _ in flows(text, lang)}
    assert payers == {"org:greyfell-bank", "org:osprey-credit"}


def test_a_list_is_closed_by_a_conjunction_so_an_appositive_is_no_list() -> None:
    # "Pallas Life, the insurer of Kestrel Re, ..." names one investor, described
    got = flows("Pallas Life, the insurer owned by Kestrel Re, invested $50 million in "
                "Marlin Grid.")
    assert got == {("org:pallas-life", "org:marlin-grid", "equity_investment")}


@pytest.mark.parametrize(("text", "lang"), [
    ("Halvard Compute closed a $700 million debt package for its Ohio campus. The financing "
     "was provided by a syndicate of banks that includes Greyfell Bank, Osprey Credit and "
     "Tamsin Capital.", "en"),
    ("On May 4, 2026, Halvard Compute LLC entered into a credit agreement for a term loan "
     "facility of $700 million. The full amount of the facility was committed on the closing "
     "date by Greyfell Bank, Osprey Credit and Tamsin Capital.", "en"),
])
def test_the_lenders_a_later_sentence_names_for_the_financing_lend_to_the_borrower(
        text: str, lang: str) -> None:
    lenders = {"org:greyfell-bank", "org:osprey-credit", "org:tamsin-capital"}
    assert {(lender, "org:halvard-compute", "loan") for lender in lenders} <= flows(text, lang)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Marlin Grid's shareholders include Norway's largest pension investor Brannock "
     "Capital and the region's second-largest insurer Pallas Life.", "en",
     {("org:brannock-capital", "org:marlin-grid", "equity_investment"),
      ("org:pallas-life", "org:marlin-grid", "equity_investment")}),
    ("Marlin Grid's main investor is Brannock Capital.", "en",
     {("org:brannock-capital", "org:marlin-grid", "equity_investment")}),
    ("Norvane Data revendique un capital français avec des investisseurs tels que : Sorbier "
     "Capital, Caudal Gestion et Fonds Aubrac.", "fr",
     {("org:sorbier-capital", "org:norvane-data", "equity_investment"),
      ("org:caudal-gestion", "org:norvane-data", "equity_investment"),
      ("org:fonds-aubrac", "org:norvane-data", "equity_investment")}),
])
def test_a_companys_investors_named_as_its_shareholders(text: str, lang: str,
                                                        expected: set) -> None:
    assert flows(text, lang) == expected


def test_a_bank_consortium_that_led_the_financing_lends_to_the_company_that_closed_it() -> None:
    text = ("Halvard Compute has closed a $328 million financing to build two data centers. "
            "The funding includes $254 million in project finance and a VAT facility. The "
            "financing was led by a consortium of banking institutions – Greyfell Bank, Osprey "
            "Credit and Tamsin Capital – with Greyfell Bank also serving as Halvard's adviser.")
    lenders = {"org:greyfell-bank", "org:osprey-credit", "org:tamsin-capital"}
    assert flows(text) == {(lender, "org:halvard-compute", "loan") for lender in lenders}


def test_a_round_led_by_an_investor_is_no_loan() -> None:
    text = ("Halvard Compute raised $300 million. The financing was led by Veldhoven Pensioen.")
    assert flows(text) == {("org:veldhoven-pensioen", "org:halvard-compute",
                            "equity_investment")}


def test_lenders_listed_with_their_own_amounts_each_lend_their_share() -> None:
    text = ("Halvard Compute is raising a $10 billion bridge loan. The loan will be financed by "
            "12 banks and includes $5 billion from Greyfell Bank, $3 billion from Osprey Credit "
            "and $2 billion from Tamsin Capital, people familiar with the matter said.")
    got = {(m.payer_id, m.payee_id, m.deal_type, m.amount_usd)
           for m in extract_text("t", text)}
    assert got == {("org:greyfell-bank", "org:halvard-compute", "loan", 5e9),
                   ("org:osprey-credit", "org:halvard-compute", "loan", 3e9),
                   ("org:tamsin-capital", "org:halvard-compute", "loan", 2e9)}


def test_filing_lenders_who_committed_the_loan_lend_to_the_borrower_not_to_the_agent() -> None:
    text = ("Amendment No. 2 to the Credit Agreement among Halvard Compute Holdings, LLC, as "
            "borrower, the lenders party thereto and Greyfell Bank, as administrative agent, "
            "provides for incremental term loan commitments of $400 million, all of which were "
            "provided by Osprey Credit and Tamsin Capital.")
    assert flows(text) == {("org:osprey-credit", "org:halvard-compute", "loan"),
                           ("org:tamsin-capital", "org:halvard-compute", "loan")}


@pytest.mark.parametrize(("text", "agent_lends"), [
    ("Halvard Compute entered into a $300 million term loan with Greyfell Bank, N.A., as "
     "administrative agent.", False),
    ("Halvard Compute entered into a $300 million term loan with Greyfell Bank, N.A., as "
     "administrative agent and a lender.", True),
])
def test_an_administrative_agent_lends_only_when_the_filing_says_it_is_a_lender(
        text: str, agent_lends: bool) -> None:
    lent = ("org:greyfell-bank", "org:halvard-compute", "loan") in flows(text)
    assert lent is agent_lends


@pytest.mark.parametrize(("text", "expected"), [
    ("Halvard Compute closed its first construction facility. Greyfell Bank, Osprey Credit and "
     "Tamsin Capital have committed to the facility.",
     {("org:greyfell-bank", "org:halvard-compute", "loan"),
      ("org:osprey-credit", "org:halvard-compute", "loan"),
      ("org:tamsin-capital", "org:halvard-compute", "loan")}),
    ("Marlin Grid has secured an investment from Brannock Capital. The investment adds Brannock "
     "Capital to a roster of backers that now includes Pallas Life and Kestrel Re.",
     {("org:brannock-capital", "org:marlin-grid", "equity_investment"),
      ("org:pallas-life", "org:marlin-grid", "equity_investment"),
      ("org:kestrel-re", "org:marlin-grid", "equity_investment")}),
    ("Marlin Grid raised $40 million in a seed round. It works on grid software with the "
     "backing of investors like Pallas Life.",
     {("org:pallas-life", "org:marlin-grid", "equity_investment")}),
    ("Marlin Grid has secured $90 million. The deal includes $50 million from Pallas Life and "
     "$40 million from Kestrel Re.",
     {("org:pallas-life", "org:marlin-grid", "equity_investment"),
      ("org:kestrel-re", "org:marlin-grid", "equity_investment")}),
])
def test_backers_and_lenders_a_later_sentence_names_for_the_company(text: str,
                                                                     expected: set) -> None:
    assert flows(text) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # each company of a gapped list takes the figure written after it
    ("Marlin Grid raised $40 billion, with Pallas Life committing up to $10 billion and Kestrel "
     "Re up to $5 billion.", "en",
     {("org:pallas-life", "org:marlin-grid", 10e9), ("org:kestrel-re", "org:marlin-grid", 5e9)}),
    # ... also when the list of investors is the sentence's subject
    ("Brannock Capital and Tamsin Partners said they will invest in Marlin Grid, with Tamsin "
     "Partners committing up to $10 billion and Brannock Capital up to $5 billion.", "en",
     {("org:brannock-capital", "org:marlin-grid", 5e9),
      ("org:tamsin-partners", "org:marlin-grid", 10e9)}),
    # a coordinated verb phrase's figure is its own deal's, not the first one's
    ("Marlin Grid has agreed to buy 6 gigawatts of chips from Taurex Semiconductor, and to "
     "spend $300 billion on Orrin Cloud.", "en",
     {("org:marlin-grid", "org:taurex-semiconductor", None),
      ("org:marlin-grid", "org:orrin-cloud", 300e9)}),
    # ... also when the subject is a pronoun: the verb phrase is the subject's, not the
    # last company's before it
    ("Marlin Grid signed more deals. It has agreed to buy 6 gigawatts of GPUs from Taurex "
     "Semiconductor, and to spend about $300 billion on Orrin Cloud capacity.", "en",
     {("org:marlin-grid", "org:taurex-semiconductor", None),
      ("org:marlin-grid", "org:orrin-cloud", 300e9)}),
    # "le géant de Redmond" describes a company named before; the town is no party
    ("Orrin Cloud a investi 1 milliard de dollars dans Marlin Grid. Marlin Grid s'engage à "
     "acheter pour 25 milliards de dollars de services cloud au géant de Redmond.", "fr",
     {("org:orrin-cloud", "org:marlin-grid", 1e9), ("org:marlin-grid", "org:orrin-cloud", 25e9)}),
])
def test_figures_go_with_the_company_they_are_written_beside(text: str, lang: str,
                                                             expected: set) -> None:
    got = {(m.payer_id, m.payee_id, m.amount_usd) for m in extract_text("t", text, lang=lang)}
    assert got == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Marlin Grid rents capacity from neoclouds, committing more than $6 billion to "
     "multi-year contracts with Orrin Cloud, Tamsin Cloud and Kestrel Compute.", "en"),
    ("Marlin Grid loue de la capacité auprès de fournisseurs spécialisés, engageant plus de "
     "6 milliards de dollars sur des contrats pluriannuels avec Orrin Cloud, Tamsin Cloud et "
     "Kestrel Compute.", "fr"),
])
def test_contracts_with_a_list_of_providers_are_one_contract_with_each(text: str,
                                                                       lang: str) -> None:
    providers = {"org:orrin-cloud", "org:tamsin-cloud", "org:kestrel-compute"}
    assert {("org:marlin-grid", p, "compute_contract") for p in providers} <= flows(text, lang)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a demonstrative description points at the company the sentence before named last
    ("Orrin Cloud sold its data centers to Marlin Grid. Cette société est en partie détenue "
     "par l'investisseur Brannock Capital.", "fr",
     ("org:brannock-capital", "org:marlin-grid", "equity_investment")),
    ("Halvard Compute is majority owned by Brannock Capital.", "en",
     ("org:brannock-capital", "org:halvard-compute", "equity_investment")),
])
def test_an_owner_named_after_owned_by_holds_equity(text: str, lang: str,
                                                   expected: tuple) -> None:
    assert expected in flows(text, lang)


@pytest.mark.parametrize(("sentence", "subject"), [
    ("The round's strength, with participation from Quarrow Ventures, Belling Capital and "
     "Tessel Fund, marks a milestone as Harlow Photonics prepares its chips.", "Harlow Photonics"),
    ("Together with Quarrow Ventures, Harlow Photonics built a lab.", "Harlow Photonics"),
    ("After a report from Quarrow Ventures, Harlow Photonics cut its prices.", "Harlow Photonics"),
    ("Harlow Photonics signed a deal with Quarrow Ventures.", "Harlow Photonics"),
    ("La levée a été menée par Quarrow Ventures et Belling Capital, et Harlow Photonics "
     "ouvrira un site.", "Harlow Photonics"),
])
def test_a_company_after_a_preposition_or_in_its_list_is_not_the_sentence_s_subject(
        sentence: str, subject: str) -> None:
    discourse = Discourse(EntityTable.default())
    discourse.remember(find_parties(sentence, discourse), sentence)
    assert [p.surface for p in discourse.subjects] == [subject]


def test_a_round_whose_investors_open_the_sentence_is_the_subject_s() -> None:
    text = ("Together with Quarrow Ventures, Harlow Photonics built a lab. The round was led by "
            "Dunmore Partners.")
    assert flows(text) == {("org:dunmore-partners", "org:harlow-photonics", "equity_investment")}


def test_a_person_named_in_full_is_no_company_when_named_again_by_surname() -> None:
    discourse = Discourse(EntityTable.default())
    first = ("Tarvo Labs is raising money, Maren Kolby, chief financial officer of the startup, "
             "told CNBC.")
    discourse.remember(find_parties(first, discourse), first)
    later = "The round is ongoing and Kolby said Tarvo Labs is talking to Pine Hill Ventures."
    assert [p.surface for p in find_parties(later, discourse)] == ["Tarvo Labs",
                                                                   "Pine Hill Ventures"]


def test_a_person_s_possessive_before_a_described_company_is_no_party() -> None:
    text = ("Ostry Bank has begun marketing a $5 billion debt package for Maren Kolby's "
            "artificial intelligence startup Tarvo Labs.")
    assert names(text) == ["Ostry Bank", "Tarvo Labs"]
    assert flows(text) == {("org:ostry-bank", TARVO, "loan")}


@pytest.mark.parametrize("suffix", ["L.P.", "LLP", "GmbH", "B.V.", "S.A.S.", "Pte"])
def test_a_legal_form_after_a_comma_is_no_company_of_its_own(suffix: str) -> None:
    text = (f"Brackenfield sold new shares to Nordvale Strategic Partners, {suffix} for $100 "
            "million.")
    assert names(text) == ["Brackenfield", "Nordvale Strategic Partners"]
