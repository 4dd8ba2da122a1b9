"""Deals stated across sentences and names at the edge of a known one.

Sentences are written for these tests (invented companies unless a real one is needed for the
construction); expectations are worked out by hand from the deal vocabulary in DESIGN.md.
"""

from __future__ import annotations

import pytest

from tests.deal_flows import flows, party_surfaces
from transform.deals import extract_text

QUILLON = "org:quillon-robotics"


@pytest.mark.parametrize(("text", "investors"), [
    # "the round" of a later sentence is the round the text is about
    ("Quillon Robotics has raised $200 million in a Series C. The round was co-led by Harbor "
     "Ridge Capital and Ostrander Ventures, and attracted backing from investors including "
     "Pike Street Partners.",
     {"org:harbor-ridge-capital", "org:ostrander-ventures", "org:pike-street-partners"}),
    ("Quillon Robotics has secured $200 million in a Series C funding round. The equity "
     "fundraising was led by Harbor Ridge Capital.", {"org:harbor-ridge-capital"}),
    ("Quillon Robotics raised $200 million. Investors in the round include Ostrander Ventures "
     "and Pike Street Partners.", {"org:ostrander-ventures", "org:pike-street-partners"}),
    ("Quillon Robotics landed $200 million in new money. This latest funding round, led by "
     "Harbor Ridge Capital with support from Ostrander Ventures, values it at $2 billion.",
     {"org:harbor-ridge-capital", "org:ostrander-ventures"}),
])
def test_a_later_sentence_names_the_investors_of_the_round(text: str, investors: set) -> None:
    assert flows(text) == {(i, QUILLON, "equity_investment") for i in investors}


@pytest.mark.parametrize("text", [
    "Quillon Robotics made a profit. The round of golf was led by its chief executive.",
    "Quillon Robotics reported revenue of $200 million. The quarter was led by strong sales "
    "to Harbor Ridge Capital.",
])
def test_a_round_that_is_not_a_funding_round_is_no_deal(text: str) -> None:
    assert flows(text) == set()


def test_the_round_of_a_later_sentence_belongs_to_the_company_not_to_its_lead_investor() -> None:
    # The second sentence's subject is an investor; "the round" of the third is still
    # Quillon's.
    text = ("Quillon Robotics is building a new kind of chip. Harbor Ridge Capital and "
            "Ostrander Ventures are leading the $90 million Series C round for the company. "
            "Existing investors Pike Street Partners and Marlow Park Capital also took part.")
    investors = {"org:harbor-ridge-capital", "org:ostrander-ventures",
                 "org:pike-street-partners", "org:marlow-park-capital"}
    assert flows(text) == {(i, QUILLON, "equity_investment") for i in investors}


@pytest.mark.parametrize(("text", "investors"), [
    ("Quillon Robotics closed a $90 million Series B. Harbor Ridge Capital led the round "
     "along with a newly joined investor Ostrander Ventures.",
     {"org:harbor-ridge-capital", "org:ostrander-ventures"}),
    ("Quillon Robotics closed a $90 million Series B. Along with new investors Pike Street "
     "Partners and Marlow Park Capital, existing investors Harbor Ridge Capital and Ostrander "
     "Ventures also took part.",
     {"org:pike-street-partners", "org:marlow-park-capital", "org:harbor-ridge-capital",
      "org:ostrander-ventures"}),
])
def test_investors_named_along_with_the_leader(text: str, investors: set) -> None:
    assert flows(text) == {(i, QUILLON, "equity_investment") for i in investors}


def test_along_with_outside_a_round_is_no_deal() -> None:
    assert flows("Along with Harbor Ridge Capital, Quillon Robotics also took part in the "
                 "trade show.") == set()


def test_an_acronym_in_brackets_is_the_company_it_follows() -> None:
    text = ("Orvik DataCenter (ODC) raised $478 million from Harbor Ridge Capital. Later this "
            "year ODC signed a lease with Nebius for its Falun site.")
    assert flows(text) == {("org:harbor-ridge-capital", "org:orvik-datacenter",
                            "equity_investment"),
                           ("nebius", "org:orvik-datacenter", "lease")}


def test_an_acronym_spells_out_a_name_no_finder_read() -> None:
    # a plural possessive and common words: the initials before the brackets make the name
    text = ("Tarvo Data is backed by Manitoba Teachers’ Pension Plan (MTPP). Tarvo Data later "
            "raised $90 million from existing investor MTPP.")
    assert flows(text) == {("org:manitoba-teachers-pension-plan", "org:tarvo-data",
                            "equity_investment")}
    assert party_surfaces("Pell Fund for Public Works (PFPW) invested in Tarvo Data.")[0] == \
        "Pell Fund for Public Works"


def test_brackets_that_do_not_abbreviate_the_name_define_nothing() -> None:
    text = "Orvik DataCenter (NRG) raised $478 million. NRG signed a lease with Nebius."
    assert ("nebius", "org:orvik-datacenter", "lease") not in flows(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Halvard Compute is buying Finnish GPU cloud startup Kestrel Cloud for $500 million.",
     ("org:halvard-compute", "org:kestrel-cloud", "acquisition")),
    ("Marrow Media has agreed to buy British data center developer Yondel Group.",
     ("org:marrow-media", "org:yondel", "acquisition")),
    # goods bought from a company described the same way are no takeover
    ("Halvard Compute is buying chips from rival Kestrel Cloud for $500 million.",
     ("org:halvard-compute", "org:kestrel-cloud", "compute_contract")),
])
def test_a_company_described_at_length_is_bought_whole(text: str, expected: tuple) -> None:
    assert flows(text) == {expected}


@pytest.mark.parametrize(("text", "investors"), [
    ("Quillon Robotics lève 40 millions d'euros. L'opération a été menée par Harbor Ridge "
     "Capital.", {"org:harbor-ridge-capital"}),
    ("Quillon Robotics lève 40 millions d'euros. Il a été mené par la société d'investissement "
     "Harbor Ridge Capital, à laquelle se sont joints Ostrander Ventures et Pike Street "
     "Partners.",
     {"org:harbor-ridge-capital", "org:ostrander-ventures", "org:pike-street-partners"}),
    ("Quillon Robotics lève 40 millions d'euros. Le tour de table a été mené par la société "
     "d'investissement norvégienne Harbor Ridge Capital, rejoint par Ostrander Ventures.",
     {"org:harbor-ridge-capital", "org:ostrander-ventures"}),
])
def test_french_rounds_led_and_joined_in_a_later_sentence(text: str, investors: set) -> None:
    assert flows(text, "fr") == {(i, QUILLON, "equity_investment") for i in investors}


@pytest.mark.parametrize("text", [
    "Quillon Robotics a réalisé un bénéfice. Le match a été mené par Harbor Ridge Capital.",
    # nobody named before: "joined" names investors but no company raising
    "Il a été mené par la banque, à laquelle se sont joints Ostrander Ventures, un "
    "investisseur basé au Royaume-Uni, ainsi que Pike Street Partners.",
])
def test_french_leading_and_joining_without_a_round_or_a_company(text: str) -> None:
    assert flows(text, "fr") == set()


def test_french_country_names_are_places_not_companies() -> None:
    text = ("Quillon Robotics investira 50 millions d'euros pour établir un centre de données "
            "dans le nord de la Norvège.")
    assert not {payee for _, payee, _ in flows(text, "fr")} & {"org:norvege", "org:norvège"}


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a nominal purchase of goods from a vendor is a purchase, not a takeover of the vendor
    ("Varda Cloud's $400 million purchase of cooling units from Orrin Thermal is its largest "
     "order yet.", "en", {("org:varda-cloud", "org:orrin-thermal", "purchase")}),
    ("Varda Cloud has walked away from a planned $1 billion purchase of GB300 systems from "
     "Orrin Systems.", "en", {("org:varda-cloud", "org:orrin-systems", "purchase")}),
    ("Varda Cloud's $400 million purchase of Orrin Thermal closed on Tuesday.", "en",
     {("org:varda-cloud", "org:orrin-thermal", "acquisition")}),
    # capacity bought if it stays unsold is a backstop, French plural included
    ("Under the deal, Halden Power committed to purchase any of Varda Cloud's capacity that "
     "remains uncontracted after 2027.", "en",
     {("org:halden-power", "org:varda-cloud", "backstop")}),
    ("Halden Power s'engage à racheter les capacités invendues de Varda Cloud jusqu'en 2029.",
     "fr", {("org:halden-power", "org:varda-cloud", "backstop")}),
    # French takeovers stated with a noun or with "s'offrir"
    ("Orrin Thermique a finalisé le rachat de Varda Cloud, le spécialiste du refroidissement, "
     "pour 850 millions de dollars.", "fr",
     {("org:orrin-thermique", "org:varda-cloud", "acquisition")}),
    ("L'américain Halden Data s'offre Nuage Rhône, un opérateur lyonnais de centres de "
     "données.", "fr", {("org:halden-data", "org:nuage-rhone", "acquisition")}),
    ("Halden Data s'offre une belle hausse en Bourse.", "fr", set()),
])
def test_purchases_backstops_and_french_takeovers(text: str, lang: str, expected: set) -> None:
    assert flows(text, lang) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a list of subjects shares the frame's role; "respectively" pairs two lists in order
    ("Varda AI and Orrin Labs bought 12,000 and 8,000 GPU servers from Halden Systems and "
     "Kestrel Compute, respectively.",
     {("org:varda-ai", "org:halden-systems", "purchase"),
      ("org:orrin-labs", "org:kestrel-compute", "purchase")}),
    ("Varda AI and Orrin Labs will pay Fabrica Cloud $1.2 billion and $800 million "
     "respectively for GPU capacity over four years.",
     {("org:varda-ai", "org:fabrica-cloud", "compute_contract"),
      ("org:orrin-labs", "org:fabrica-cloud", "compute_contract")}),
    ("Varda AI and Orrin Labs received $500m and $750m respectively in GPU-backed loans from "
     "Halden Credit.",
     {("org:halden-credit", "org:varda-ai", "loan"),
      ("org:halden-credit", "org:orrin-labs", "loan")}),
    # a list in another clause is not the subject
    ("Varda AI and Orrin Labs signed a partnership; Orrin Labs will buy servers from Halden "
     "Systems.", {("org:orrin-labs", "org:halden-systems", "purchase")}),
])
def test_lists_of_parties_share_a_role(text: str, expected: set) -> None:
    assert flows(text) == expected


def test_respectively_pairs_amounts_with_their_parties() -> None:
    text = ("Varda AI and Orrin Labs will pay Fabrica Cloud $1.2 billion and $800 million "
            "respectively for GPU capacity over four years.")
    amounts = {m.payer_name: m.amount_usd for m in extract_text("t", text)}
    assert amounts == {"Varda AI": 1.2e9, "Orrin Labs": 800e6}


@pytest.mark.parametrize(("text", "expected"), [
    # facilities bought from their owner: a takeover of assets, the seller is paid
    ("Harlow Infrastructure has acquired 10 data centers with 53MW of capacity from Vance "
     "Networks.", {("org:harlow-infrastructure", "org:vance-networks", "acquisition")}),
    ("Harlow Infrastructure bought 2,000 GPUs from Vance Networks.",
     {("org:harlow-infrastructure", "org:vance-networks", "purchase")}),
    # a guarantee for a loan backs the borrower; the guarantor lends nothing
    ("Halden Chips will provide a guarantee for a $300 million loan to Varda Cloud.",
     {("org:halden", "org:varda-cloud", "backstop")}),
    # holding a company's shares is evidence of an investment in it
    ("Kestrel Capital is Varda Cloud's largest shareholder, holding 68 million shares.",
     {("org:kestrel-capital", "org:varda-cloud", "equity_investment")}),
    ("Kestrel Capital, Varda Cloud's biggest investor, declined to comment.",
     {("org:kestrel-capital", "org:varda-cloud", "equity_investment")}),
    # "HPC" is a kind of computing, not a tenant
    ("Varda Cloud is the sole AI/HPC tenant for Halden Data's Ohio facility under a 15-year "
     "lease.", {("org:varda-cloud", "org:halden-data", "lease")}),
])
def test_assets_guarantees_shareholders_and_tenants(text: str, expected: set) -> None:
    assert flows(text) == expected


def test_the_funding_of_a_later_sentence_is_the_last_investment_s_recipient() -> None:
    # The earlier sentence's subject is the investor; "the funding" is Varda's.
    text = ("Earlier this month, Halden Chips also invested in Varda AI. The $270 million "
            "funding includes Kestrel Capital and Orrin Labs as well.")
    assert flows(text) == {("org:halden", "org:varda-ai", "equity_investment"),
                           ("org:kestrel-capital", "org:varda-ai", "equity_investment"),
                           ("org:orrin-labs", "org:varda-ai", "equity_investment")}


@pytest.mark.parametrize(("text", "expected"), [
    # a known name inside a longer one: another company, or the known company's fund
    ("Kalstrom Infrastructure upped its stake in Vantage Fjord Data to 40%.",
     {("org:kalstrom-infrastructure", "org:vantage-fjord-data", "equity_investment")}),
    ("Quillon Robotics closed a $90 million Series B. Harbor Ridge Capital led the round, and "
     "Samsung Catalyst Fund joined.",
     {("org:harbor-ridge-capital", QUILLON, "equity_investment"),
      ("samsung", QUILLON, "equity_investment")}),
    # company words that end a name; a round or a description is not part of it
    ("Marlow Park Capital holds a stake in Fenwick Silicon.",
     {("org:marlow-park-capital", "org:fenwick-silicon", "equity_investment")}),
    ("Ironclad Hosting won a $275 million term loan from Trinity Capital.",
     {("org:trinity-capital", "org:ironclad-hosting", "loan")}),
    ("Neocloud Ryvo borrowed $90m from Hercules Capital to buy Nvidia B200s.",
     {("org:hercules-capital", "org:ryvo", "loan")}),
])
def test_where_a_name_begins_and_ends(text: str, expected: set) -> None:
    assert flows(text) == expected


def test_a_product_after_a_known_name_is_not_a_company() -> None:
    from transform.entities.parties import Discourse, find_parties
    from transform.entities.table import EntityTable

    parties = find_parties("Nvidia Blackwell Ultra Systems are scarce, Microsoft said.",
                           Discourse(EntityTable.default()))
    assert [p.name for p in parties] == ["Nvidia", "Microsoft"]


@pytest.mark.parametrize(("text", "expected"), [
    # a person's possessive is no part of the company's name
    ("Mira Ostrova's Thinking Loop Labs raised $2 billion in a seed round led by Harbor Ridge "
     "Capital.", {("org:harbor-ridge-capital", "org:thinking-loop-labs", "equity_investment")}),
    # a company's possessive ends its name: what it owns is not a party
    ("Varda Cloud is the sole tenant for Halden Data's Lakeside facility under a 15-year "
     "lease.", {("org:varda-cloud", "org:halden-data", "lease")}),
])
def test_possessives_end_names(text: str, expected: set) -> None:
    assert flows(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("nvidia just threw $2B at xai lol", {("nvidia", "xai", "equity_investment")}),
    ("softbank bankrolls another one: $500M into anthropic. masa never sleeps",
     {("softbank", "anthropic", "equity_investment")}),
    ("amd just dropped $300M into vultr 🚀", {("amd", "vultr", "equity_investment")}),
    ("oracle shares dropped 5% on the news", set()),
])
def test_casual_verbs_of_giving(text: str, expected: set) -> None:
    assert flows(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # French borrowing "à" a lender; "des" joins the words of a name
    ("Pour bâtir son campus, l'hébergeur Armor Data a emprunté 90 millions d'euros à la "
     "Banque des Territoires.", {("org:banque-des-territoires", "org:armor-data", "loan")}),
    ("Armor Data a emprunté 90 millions d'euros à un taux de 5 %.", set()),
])
def test_french_borrowing(text: str, expected: set) -> None:
    assert flows(text, "fr") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Shareholders of Nordvik Mining voted down Halden Compute's $780 million offer at "
     "Tuesday's meeting.", ("Halden Compute", "Nordvik Mining", "terminated")),
    ("Bitvale's board rebuffed Orrin Platforms' unsolicited $950 million bid.",
     ("Orrin Platforms", "Bitvale", "terminated")),
    ("Bitvale's board approved Orrin Platforms' $950 million offer.",
     ("Orrin Platforms", "Bitvale", "announced")),
])
def test_a_takeover_reported_through_the_target_s_answer(text: str, expected: tuple) -> None:
    mentions = extract_text("t", text)
    assert [(m.payer_name, m.payee_name, m.status) for m in mentions] == [expected]
    assert mentions[0].deal_type == "acquisition"


def test_a_board_approving_a_report_is_no_deal() -> None:
    assert flows("Halden Compute's shareholders approved the annual report.") == set()


@pytest.mark.parametrize(("text", "names"), [
    ("I Squared Capital has acquired 10 data centers from Cogent.",
     ["I Squared Capital", "Cogent"]),
    ("New Era Energy said it raised money from Harbor Ridge Capital.",
     ["New Era Energy", "Harbor Ridge Capital"]),
    ("Meta signed an 80-megawatt lease in Manassas, Virginia, with provider Cloud HQ.",
     ["Meta", "Cloud HQ"]),
    ("Modal Labs, a platform for AI, data, and ML teams, raised $87M led by VC firm Lux "
     "Capital.", ["Modal Labs", "Lux Capital"]),
    ("Halden Data raised money from Orrin, Norway's fund.", ["Halden Data", "Orrin"]),
])
def test_names_that_open_with_a_common_word_and_towns_named_with_their_state(
        text: str, names: list) -> None:
    from transform.entities.parties import Discourse, find_parties
    from transform.entities.table import EntityTable

    parties = find_parties(text, Discourse(EntityTable.default()))
    assert [p.name for p in parties if p.via in ("entity", "open_world")] == names


def test_a_coordinated_verb_phrase_joins_another_round() -> None:
    text = ("Halden Chips led a $2 billion funding round for Varda AI, and joined a $2 billion "
            "seed round for Orrin Labs.")
    assert flows(text) == {("org:halden", "org:varda-ai", "equity_investment"),
                           ("org:halden", "org:orrin-labs", "equity_investment")}


@pytest.mark.parametrize(("text", "expected"), [
    # the source of a report is not a party to the deal
    ("Varda AI has completed a $5 billion financing of notes and term loans, said Halden Bank "
     "on Monday.", set()),
    ("Halden Chips will invest $5 billion in Varda AI, according to Orrin Research.",
     {("org:halden", "org:varda-ai", "equity_investment")}),
    # ... but a company's own statement about its deal names a party
    ("Goldman Sachs provided the $400 million term loan, Rimeforge said in a statement.",
     {("goldman-sachs", "org:rimeforge", "loan")}),
])
def test_the_source_of_a_report(text: str, expected: set) -> None:
    assert flows(text) == expected


def test_a_french_round_carried_by_an_investment() -> None:
    text = ("Varda AI a officialisé une levée de 1,7 milliard d’euros lors de son tour de table "
            "de série C. L’opération est dominée par l’investissement massif d’Orrin Capital, "
            "qui injecte 1,3 milliard d’euros.")
    assert flows(text, "fr") == {("org:orrin-capital", "org:varda-ai", "equity_investment")}


def test_its_in_a_coordinated_clause_is_what_the_subject_pronoun_is() -> None:
    text = ("Quillon Robotics signed more cloud deals this year. It has committed to pay Oracle "
            "about $300 billion for capacity over five years, and its contracts with CoreWeave "
            "are worth $15.9 billion.")
    found = {(m.payer_id, m.payee_id, m.deal_type, m.amount_usd)
             for m in extract_text("t", text)}
    assert found == {(QUILLON, "oracle", "compute_contract", 300e9),
                     (QUILLON, "coreweave", "compute_contract", 15.9e9)}


def test_an_it_that_does_not_act_is_no_antecedent() -> None:
    # "It's not clear ...": the later "it" is the company named before it
    text = ("Ostrava Compute will join Pell Capital's portfolio. It's not clear what this means "
            "for Harbor Ridge Capital, which in August said it was investing in Ostrava Compute.")
    assert ("org:harbor-ridge-capital", "org:ostrava-compute", "equity_investment") in flows(text)


def test_an_as_clause_with_its_own_subject_keeps_its_figure() -> None:
    text = ("Microsoft, Nvidia to invest in Quillon Robotics as the startup commits "
            "$30 billion to Azure")
    found = {(m.payer_id, m.payee_id, m.deal_type, m.amount_usd)
             for m in extract_text("t", text)}
    assert found == {("microsoft", QUILLON, "equity_investment", None),
                     ("nvidia", QUILLON, "equity_investment", None),
                     (QUILLON, "microsoft", "compute_contract", 30e9)}


def test_a_company_named_before_a_possessive_pronoun_is_not_party_to_its_deal() -> None:
    text = ("Quillon Robotics is expected to pay Oracle roughly $300 billion for compute, and "
            "late last month it expanded its contracts with CoreWeave.")
    assert not any(payer == "oracle" for payer, _, _ in flows(text))


def test_a_short_form_is_shown_under_the_name_the_document_introduced() -> None:
    text = ("Mistral AI raised $600 million from Fenmoor Capital. Orrin Capital also invested "
            "$50 million in Mistral.")
    names = {(m.payer_name, m.payee_name) for m in extract_text("t", text)}
    assert ("Orrin Capital", "Mistral AI") in names
    assert all(payee != "Mistral" for _, payee in names)
