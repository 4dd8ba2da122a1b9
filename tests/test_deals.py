"""Deal extraction behaviour: direction from the frame, types, amounts, status, negation, spans.

Sentences are written for these tests; expectations are worked out by hand from the deal
vocabulary in DESIGN.md (payer = the party whose money goes out).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from transform.deals import DealMention, extract_document, extract_text


def flows(text: str, lang: str = "en") -> set[tuple[str, str, str]]:
    return {(m.payer_id, m.payee_id, m.deal_type) for m in extract_text("t", text, lang=lang)}


def only(text: str, lang: str = "en") -> DealMention:
    mentions = extract_text("t", text, lang=lang)
    assert len(mentions) == 1, [(m.payer_id, m.payee_id, m.deal_type) for m in mentions]
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # active and passive voice, same flow
        ("Broadcom agreed to acquire Marvell for $60 billion.",
         ("broadcom", "marvell", "acquisition")),
        ("Marvell will be acquired by Broadcom for $60 billion.",
         ("broadcom", "marvell", "acquisition")),
        # money received: the source pays
        ("Crusoe raised $1.4 billion from Mubadala.", ("mubadala", "crusoe", "equity_investment")),
        ("Nebius secured a $1 billion credit facility from Goldman Sachs.",
         ("goldman-sachs", "nebius", "loan")),
        # a contract landed from a customer: the customer pays the cloud
        ("Nscale landed a $2 billion contract from Microsoft for GPU capacity in Norway.",
         ("microsoft", "nscale", "compute_contract")),
        # the provider is the subject
        ("Oracle will supply xAI with cloud computing capacity under a multiyear deal.",
         ("xai", "oracle", "compute_contract")),
        ("Dell will supply CoreWeave with GB300 servers.", ("coreweave", "dell", "purchase")),
        # possessive agreement with a counterparty: direction from what each party sells
        ("OpenAI's agreement with CoreWeave is worth $4 billion.",
         ("openai", "coreweave", "compute_contract")),
        # leases: lessee pays lessor, in both voices
        ("Microsoft will lease a 300-megawatt campus from Applied Digital.",
         ("microsoft", "applied-digital", "lease")),
        ("The campus will be leased to Microsoft by Applied Digital for 15 years.",
         ("microsoft", "applied-digital", "lease")),
        # loans
        ("JPMorgan lent Lambda $500 million against its GPUs.", ("jpmorgan", "lambda", "loan")),
        # warrants: the issuer pays in shares
        ("Cipher Mining issued warrants to Google for 5% of its stock.",
         ("cipher-mining", "google", "warrant")),
        # backstop: the guarantor pays the provider whose capacity goes unsold
        ("Nvidia agreed to buy any unsold capacity at Lambda's data centers.",
         ("nvidia", "lambda", "backstop")),
        # purchase of goods from a maker
        ("Meta will buy $10 billion of AMD chips.", ("meta", "amd", "purchase")),
    ],
)
def test_direction_and_type_come_from_the_frame(text: str, expected: tuple) -> None:
    assert flows(text) == {expected}  # exactly this flow: not its reverse, nothing spurious


def test_coordination_with_ellipsis_gives_both_deals_with_their_amounts() -> None:
    mentions = extract_text(
        "t", "Google will invest up to $2 billion in Anthropic, and Amazon up to $4 billion.")
    amounts = {(m.payer_id, m.payee_id): (m.amount_usd, m.amount_qualifier) for m in mentions}
    assert amounts[("google", "anthropic")] == (2e9, "up_to")
    assert amounts[("amazon", "anthropic")] == (4e9, "up_to")


def test_list_of_investors_each_get_the_deal() -> None:
    found = flows("Lambda raised $480 million in a round led by SoftBank and Nvidia.")
    assert found == {("softbank", "lambda", "equity_investment"),
                     ("nvidia", "lambda", "equity_investment")}


def test_several_deals_and_a_reverse_flow_in_one_sentence() -> None:
    found = flows("Nvidia will invest $2 billion in xAI, which will buy Nvidia GPUs with the "
                  "money.")
    assert found == {("nvidia", "xai", "equity_investment"), ("xai", "nvidia", "purchase")}


def test_subject_carries_into_a_coordinated_verb_phrase() -> None:
    found = flows("Anthropic signed a $5 billion cloud deal with Microsoft and will also buy "
                  "Nvidia systems.")
    assert found == {("anthropic", "microsoft", "compute_contract"),
                     ("anthropic", "nvidia", "purchase")}


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft is not buying Nscale, a spokesperson said.",
        "Nvidia denied a report that it would invest $5 billion in Mistral.",
        "Oracle has no plans to acquire CoreWeave.",
    ],
)
def test_negated_deals_are_dropped(text: str) -> None:
    assert flows(text) == set()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Amazon is in talks to invest $10 billion in OpenAI.", "rumored"),
        ("Amazon will invest $10 billion in OpenAI, people familiar with the matter said.",
         "rumored"),
        ("Amazon will invest $10 billion in OpenAI, Bloomberg reported.", "rumored"),
        ("Amazon has taken a stake in OpenAI, a source confirmed to Reuters.", "rumored"),
        ("Amazon will invest $10 billion in OpenAI.", "announced"),
        ("Amazon called off its plan to invest $10 billion in OpenAI.", "terminated"),
    ],
)
def test_status(text: str, status: str) -> None:
    assert only(text).status == status


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI is valued at $500 billion after a share sale.",
        "Nvidia's market value passed $4 trillion as its shares rose 3%.",
        "Microsoft expects to spend $80 billion on data centers this year.",
        "CoreWeave reported revenue of $1.4 billion for the quarter.",
        "Blue Owl closed its third infrastructure fund at $7 billion.",
    ],
)
def test_figures_that_are_not_deals_produce_nothing(text: str) -> None:
    assert flows(text) == set()


def test_amount_qualifier_period_and_duration() -> None:
    mention = only("Meta will pay Nebius about $1 billion a year over five years for GPU "
                   "capacity.")
    assert (mention.payer_id, mention.payee_id) == ("meta", "nebius")
    assert (mention.amount_usd, mention.amount_qualifier, mention.period) == (
        1e9, "about", "per_year")
    assert mention.duration_years == 5


def test_valuation_next_to_the_deal_amount_is_not_taken() -> None:
    mention = only("SoftBank will invest $15 billion in OpenAI in a round that values the "
                   "startup at $500 billion.")
    assert mention.amount_usd == 15e9


def test_unknown_companies_come_through_under_their_name() -> None:
    mention = only("Granite Falls Compute secured a $120 million loan from Ridgeline Capital.")
    assert mention.payer_id.startswith("org:") and mention.payee_id.startswith("org:")
    assert mention.payer_name == "Ridgeline Capital"
    assert mention.payee_name == "Granite Falls Compute"
    assert mention.deal_type == "loan" and mention.amount_usd == 120e6


def test_description_refers_back_to_a_company_named_earlier() -> None:
    found = flows("AMD reported strong demand for its MI450 accelerators. OpenAI will buy six "
                  "gigawatts of GPUs from the chipmaker.")
    assert found == {("openai", "amd", "purchase")}


def test_evidence_span_points_into_the_text() -> None:
    text = "Markets were calm on Monday.\n\nIntel will sell $2 billion of stock to SoftBank."
    mention = only(text)
    assert text[mention.char_start:mention.char_end] == mention.evidence
    assert mention.evidence.startswith("Intel will sell")
    assert (mention.payer_id, mention.payee_id) == ("softbank", "intel")


def test_french_sentences() -> None:
    assert flows("Nvidia investira jusqu'à 1 milliard d'euros dans Mistral AI.", "fr") == {
        ("nvidia", "mistral", "equity_investment")}
    mention = only("Microsoft versera à Nscale environ 2 milliards de dollars par an pour des "
                   "capacités de calcul.", "fr")
    assert (mention.payer_id, mention.payee_id, mention.period) == (
        "microsoft", "nscale", "per_year")
    assert only("SoftBank envisagerait de racheter Ampere pour 6,5 milliards de dollars.",
                "fr").status == "rumored"


def test_document_fields_share_one_discourse() -> None:
    mentions = extract_document(
        "d", title="Lambda lands Microsoft deal", summary=None,
        text="The cloud provider will rent thousands of GPUs to Microsoft under the contract.",
        published_at=datetime(2025, 11, 3, tzinfo=UTC))
    assert {(m.payer_id, m.payee_id, m.deal_type) for m in mentions} == {
        ("microsoft", "lambda", "compute_contract")}
    assert {m.field for m in mentions} <= {"title", "text"}


def test_mention_ids_are_deterministic() -> None:
    text = "Nvidia will invest $5 billion in Intel."
    first = [m.mention_id for m in extract_text("doc-1", text)]
    assert first == [m.mention_id for m in extract_text("doc-1", text)]
    assert first != [m.mention_id for m in extract_text("doc-2", text)]


def test_a_generic_vehicle_is_one_party_per_document() -> None:
    """"The SPV" of one story is not "the SPV" of another: joined, they would make a loop."""
    text = "Nvidia will invest $2 billion in the SPV, which will buy Nvidia chips."
    first = {(m.payer_id, m.payee_id) for m in extract_text("story-1", text)}
    second = {(m.payer_id, m.payee_id) for m in extract_text("story-2", text)}
    vehicles = {party for pair in first | second for party in pair if party != "nvidia"}
    assert len(first) == len(second) == 2
    assert len(vehicles) == 2 and all(v.startswith("org:spv@") for v in vehicles)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # funding rounds stated as nouns, investors around them
        ("Brightmoor AI's $250 million Series B, led by Kestrel Ventures with participation "
         "from Nvidia, will fund a second cluster.", "en",
         {("org:kestrel-ventures", "org:brightmoor-ai", "equity_investment"),
          ("nvidia", "org:brightmoor-ai", "equity_investment")}),
        ("Tallow Compute closed a $90 million Series A. Granite Ridge Capital led the round.",
         "en", {("org:granite-ridge-capital", "org:tallow-compute", "equity_investment")}),
        # stakes as evidence of an investment; a sold stake is none
        ("Larkspur Holdings took a 12% stake in Vireo Grid for $40 million.", "en",
         {("org:larkspur", "org:vireo-grid", "equity_investment")}),
        ("Samsung, which owns 9% of Rebellions, said it would not add to its position.", "en",
         {("samsung", "rebellions", "equity_investment")}),
        ("Cobalt Partners sold its remaining stake in Vireo Grid last week.", "en", set()),
        # lenders named around the loan they provide
        ("A $300 million term loan was provided to Fenmore Cloud by Ridgeview Credit.", "en",
         {("org:ridgeview-credit", "org:fenmore-cloud", "loan")}),
        ("Apollo bought $800 million of notes issued by Harrow Data Campus.", "en",
         {("apollo", "org:harrow-data", "loan")}),
        # purchases through use, a customer relationship, the vendor after "from"
        ("Quillmark deploys AMD's MI355X systems in its Oslo hall.", "en",
         {("org:quillmark", "amd", "purchase")}),
        ("Tessaract Cloud will buy Nvidia systems from Dell for its new site.", "en",
         {("org:tessaract-cloud", "dell", "purchase")}),
        ("OpenAI will spend $10 billion to buy Broadcom chips.", "en",
         {("openai", "broadcom", "purchase")}),
        # a contract won from a customer; a GPU cloud's order with a server maker is a purchase
        ("Gridfire Compute wins a $50 million compute contract from Helion Labs.", "en",
         {("org:helion-labs", "org:gridfire-compute", "compute_contract")}),
        ("Cumulus Cloud placed a $200 million order with Supermicro for liquid-cooled servers.",
         "en", {("org:cumulus-cloud", "super-micro", "purchase")}),
        # light verbs, contrast, respectively
        ("Mistral picks Fluidstack for its new supercomputer.", "en",
         {("mistral", "fluidstack", "compute_contract")}),
        ("Not Nvidia but AMD will supply Vela AI with GPUs, in a $400 million order.", "en",
         {("org:vela-ai", "amd", "purchase")}),
        # being a vendor's customer (possessive, apposition, French), paying to use
        ("Orrin Labs is one of Nebius's biggest customers.", "en",
         {("org:orrin-labs", "nebius", "compute_contract")}),
        ("Vantor remains one of Dell's top server customers.", "en",
         {("org:vantor", "dell", "purchase")}),
        ("Microsoft, CoreWeave's largest customer, accounted for 62% of its revenue.", "en",
         {("microsoft", "coreweave", "compute_contract")}),
        ("mistral pays fluidstack to host its models lol", "en",
         {("mistral", "fluidstack", "compute_contract")}),
        ("Helsing reste un client important de Nvidia.", "fr",
         {("org:helsing", "nvidia", "purchase")}),
        # French prepositions: "louer à" rents out, "auprès de" rents or borrows from
        ("Datacentre Loire loue à Pixtral Labs 20 MW sur son site de Nantes.", "fr",
         {("org:pixtral-labs", "org:datacentre-loire", "lease")}),
        ("Nebius a emprunté 1 milliard de dollars auprès de BNP Paribas.", "fr",
         {("bnp-paribas", "nebius", "loan")}),
    ],
)
def test_constructions_written_for_the_extractor(text: str, lang: str, expected: set) -> None:
    assert flows(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "payer", "payee"),
    [
        # a known company named by a short form keeps it; a long form or a unit gives way
        ("Tessara Cloud secured a $180 million loan from Fortress.", "Fortress", "Tessara Cloud"),
        ("AMD Ventures will invest $20 million in Vantablock AI.", "AMD", "Vantablock AI"),
        ("Supermicro will supply Tessara Cloud with GB300 servers.", "Tessara Cloud",
         "Super Micro"),
    ],
)
def test_a_party_is_shown_under_its_shortest_proper_name(text: str, payer: str,
                                                         payee: str) -> None:
    mention = only(text)
    assert (mention.payer_name, mention.payee_name) == (payer, payee)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harlow Capital's $250 million in Caspian Cloud is straight equity.",
         {("org:harlow-capital", "org:caspian-cloud", "equity_investment")}),
        ("Meridian Holdings' $1.6 billion bid for Anvil Semiconductor lapsed last week.",
         {("org:meridian", "org:anvil-semiconductor", "acquisition")}),
        ("Lepton AI was folded into Nvidia in a deal worth several hundred million dollars.",
         {("nvidia", "lepton-ai", "acquisition")}),
    ],
)
def test_money_and_takeovers_stated_as_nouns(text: str, expected: set) -> None:
    assert flows(text) == expected


def test_an_open_world_entity_is_named_from_a_mention_written_with_its_name() -> None:
    from transform.deals import entity_rows
    from transform.entities.table import EntityTable

    table = EntityTable.default()
    mentions = [  # a pronoun first ("Its customers ..."), then the name as written
        {"payer_id": "microsoft", "payer_text": "Microsoft", "payee_id": "org:tarvo-data",
         "payee_text": "Its"},
        {"payer_id": "org:pell-capital", "payer_text": "Pell Capital",
         "payee_id": "org:tarvo-data", "payee_text": "Tarvo Data"},
        {"payer_id": "org:kestrel-bank", "payer_text": "the lender",
         "payee_id": "org:tarvo-data", "payee_text": "Tarvo Data"},
    ]
    names = {r["entity_id"]: r["name"] for r in entity_rows(table, mentions)}
    assert names["org:tarvo-data"] == "Tarvo Data"
    assert names["org:pell-capital"] == "Pell Capital"
    assert names["org:kestrel-bank"] == "Kestrel Bank"  # only a description: from its id
