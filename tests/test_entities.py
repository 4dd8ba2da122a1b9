"""Reference entity table and name resolver (transform/entities/table.py and entities.csv)."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transform.entities import (
    Entity,
    EntityMention,
    EntityTable,
    Resolution,
    normalize_name,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
# The vocabulary and the CIKs below are copied from the brief / shared README, not from the code.
KIND_VOCABULARY = {"chipmaker", "hyperscaler", "neocloud", "ai_lab", "hardware", "datacenter",
                   "miner", "investor", "lender", "other"}
KNOWN_CIKS = {"nvidia": 1045810, "oracle": 1341439, "microsoft": 789019, "amd": 2488,
              "broadcom": 1730168, "intel": 50863, "google": 1652044, "amazon": 1018724,
              "meta": 1326801, "coreweave": 1769628}


@pytest.fixture(scope="module")
def table() -> EntityTable:
    return EntityTable.default()


@pytest.fixture(scope="module")
def csv_rows() -> list[dict[str, str]]:
    text = resources.files("transform.entities").joinpath("entities.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def ids(mentions: list[EntityMention]) -> list[str]:
    return [m.entity_id for m in mentions]


# --- normalize_name -------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "key"), [
    ("OpenAI OpCo, LLC", "openai"),
    ("NVIDIA Corporation", "nvidia"),
    ("Meta Platforms, Inc.", "meta platforms"),
    ("Nvidia's", "nvidia"),
    ("Microsoft’s", "microsoft"),
    ("Weights & Biases", "weights and biases"),
    ("KKR & Co. Inc.", "kkr"),
    ("Nebius Group N.V.", "nebius"),
    ("  The   Carlyle Group ", "carlyle"),
    ("Société Générale S.A.", "societe generale"),
    ("Run:ai", "run ai"),
])
def test_normalize_name(written: str, key: str) -> None:
    assert normalize_name(written) == key


@pytest.mark.parametrize("written", ["Inc.", "The Company", "Holdings Group, Ltd."])
def test_normalize_name_never_empties_a_name(written: str) -> None:
    assert normalize_name(written).strip()


# --- resolve --------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "entity_id"), [
    ("NVIDIA Corporation", "nvidia"),
    ("nvidia", "nvidia"),
    ("OpenAI OpCo, LLC", "openai"),
    ("the ChatGPT maker", "openai"),
    ("The ChatGPT maker", "openai"),
    ("the Claude developer", "anthropic"),
    ("the Claude maker", "anthropic"),
    ("the iPhone maker", "apple"),
    ("the Facebook parent", "meta"),
    ("the Grok developer", "xai"),
    ("Amazon Web Services", "amazon"),
    ("Amazon Web Services, Inc.", "amazon"),
    ("AWS", "amazon"),
    ("Azure", "microsoft"),
    ("Microsoft Azure", "microsoft"),
    ("Alphabet", "google"),
    ("Alphabet's Google", "google"),
    ("Google Cloud", "google"),
    ("Google LLC", "google"),
    ("Meta Platforms, Inc.", "meta"),
    ("Facebook", "meta"),
    ("Oracle Cloud Infrastructure", "oracle"),
    ("OCI", "oracle"),
    ("Advanced Micro Devices, Inc.", "amd"),
    ("Lambda", "lambda"),
    ("Lambda Labs", "lambda"),
    ("Lambda, Inc.", "lambda"),
    ("X.AI Corp.", "xai"),
    ("Morgan Stanley Senior Funding, Inc.", "morgan-stanley"),
    ("MUFG Bank, Ltd.", "mufg"),
    ("Mitsubishi UFJ Financial Group", "mufg"),
    ("Iris Energy", "iren"),
    ("SoftBank Group Corp.", "softbank"),
    ("Vantage Data Centers'", "vantage"),
    ("J.P. Morgan", "jpmorgan"),
    ("Global Infrastructure Partners", "blackrock"),
])
def test_resolve_known_names(table: EntityTable, written: str, entity_id: str) -> None:
    resolution = table.resolve(written)
    assert resolution.known
    assert resolution.entity_id == entity_id
    assert resolution.name == table.by_id(entity_id).name


@pytest.mark.parametrize(("written", "entity_id"), [
    ("NVDA", "nvidia"), ("$NVDA", "nvidia"), ("$crwv", "coreweave"), ("NASDAQ: NBIS", "nebius"),
    ("nvda", "nvidia"), ("ORCL", "oracle"), ("CORZ", "core-scientific"),
])
def test_resolve_tickers(table: EntityTable, written: str, entity_id: str) -> None:
    assert table.resolve(written) == Resolution(entity_id, table.by_id(entity_id).name, True)


def test_short_lowercase_word_is_not_read_as_a_ticker(table: EntityTable) -> None:
    # "OWL" is Blue Owl's ticker, but a lower-case three-letter word is just a word.
    assert table.by_ticker("OWL").entity_id == "blue-owl"
    assert not table.resolve("owl").known


def test_lookup_and_by_id(table: EntityTable) -> None:
    assert table.lookup("Amazon Web Services").entity_id == "amazon"
    assert table.lookup("Acme Robotics") is None
    assert table.lookup("   ") is None
    assert table.by_id("openai").name == "OpenAI"
    assert table.by_id("org:openai") is None


@pytest.mark.parametrize("ticker", ["NVDA", "nvda", "$NVDA", "NASDAQ: NVDA", "Nasdaq:NVDA"])
def test_by_ticker_forms(table: EntityTable, ticker: str) -> None:
    assert table.by_ticker(ticker).entity_id == "nvidia"


def test_by_ticker_exchange_suffix_and_leading_zeros(table: EntityTable) -> None:
    assert table.by_ticker("0700.HK").entity_id == "tencent"
    assert table.by_ticker("700").entity_id == "tencent"
    assert table.by_ticker("ZZZZ") is None


@pytest.mark.parametrize(("entity_id", "cik"), sorted(KNOWN_CIKS.items()))
def test_by_cik_int_and_padded_string(table: EntityTable, entity_id: str, cik: int) -> None:
    assert table.by_cik(cik).entity_id == entity_id
    assert table.by_cik(f"{cik:010d}").entity_id == entity_id
    assert table.by_cik(str(cik)).entity_id == entity_id
    assert table.by_cik(f"CIK{cik:010d}").entity_id == entity_id


def test_by_cik_rejects_garbage(table: EntityTable) -> None:
    assert table.by_cik("not-a-cik") is None
    assert table.by_cik(-5) is None
    assert table.by_cik(99999999999) is None


def test_open_world_ids_are_stable_and_distinct(table: EntityTable) -> None:
    first = table.resolve("Acme Robotics, Inc.")
    assert first == Resolution("org:acme-robotics", "Acme Robotics", False)
    for variant in ("Acme Robotics", "ACME ROBOTICS INC", "acme robotics", "Acme Robotics's",
                    " Acme  Robotics Corp. "):
        assert table.resolve(variant).entity_id == first.entity_id
    assert table.resolve("Acme Robotic Arms").entity_id != first.entity_id
    assert table.resolve("Acme").entity_id != first.entity_id


def test_open_world_keeps_written_capitalisation(table: EntityTable) -> None:
    assert table.resolve("the DeltaGrid Power Co., Ltd.").name == "DeltaGrid Power"
    # (Firmus Technologies is in the table now: an unknown name of the same shape.)
    assert table.resolve("Kestrel Compute Pty Ltd").name == "Kestrel Compute"


@pytest.mark.parametrize("written", ["Googleplex", "Lambda Capital", "Apple Hospitality REIT",
                                     "Metaverse Holdings", "OpenAIish", "Armada"])
def test_no_prefix_matching(table: EntityTable, written: str) -> None:
    resolution = table.resolve(written)
    assert not resolution.known
    assert resolution.entity_id.startswith("org:")


@pytest.mark.parametrize("blank", ["", "   ", "\n\t", "--", "..."])
def test_resolve_rejects_blank_names(table: EntityTable, blank: str) -> None:
    with pytest.raises(ValueError):
        table.resolve(blank)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda s: any(c.isalnum() for c in s)))
@example("'S")  # a name that is all possessive keeps its letter
def test_resolve_never_raises_and_is_deterministic(name: str) -> None:
    table = EntityTable.default()
    resolution = table.resolve(name)
    assert resolution == table.resolve(name)
    if resolution.known:
        assert table.by_id(resolution.entity_id) is not None
    else:
        assert re.fullmatch(r"org:\S+", resolution.entity_id)
        assert resolution.name.strip()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.from_regex(r"[a-z]{6,10}", fullmatch=True), min_size=1, max_size=3))
def test_open_world_id_ignores_case_and_legal_form(words: list[str]) -> None:
    table = EntityTable.default()
    name = " ".join(words)
    assert table.resolve(name.upper() + ", Inc.").entity_id == table.resolve(name).entity_id


# --- find_mentions --------------------------------------------------------------------------

def test_mentions_report_exact_spans(table: EntityTable) -> None:
    text = "Nvidia's $100 billion bet on OpenAI, and Microsoft’s Azure deal with Oracle."
    mentions = table.find_mentions(text)
    assert ids(mentions) == ["nvidia", "openai", "microsoft", "microsoft", "oracle"]
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface
    assert [m.surface for m in mentions][:3] == ["Nvidia", "OpenAI", "Microsoft"]


def test_longest_alias_wins(table: EntityTable) -> None:
    mentions = table.find_mentions("Amazon Web Services will give OpenAI access to GPUs.")
    assert [(m.surface, m.entity_id) for m in mentions] == [
        ("Amazon Web Services", "amazon"), ("OpenAI", "openai")]
    one = table.find_mentions("OpenAI has added Alphabet's Google as a cloud provider.")
    assert [(m.surface, m.entity_id) for m in one][1] == ("Alphabet's Google", "google")
    legal = table.find_mentions("an agreement with Meta Platforms, Inc., pursuant to which")
    assert [m.surface for m in legal] == ["Meta Platforms, Inc."]


def test_mentions_do_not_overlap_and_are_in_order(table: EntityTable) -> None:
    text = "Google Cloud and Lambda Labs; Core Scientific and CoreWeave (NASDAQ: CRWV)."
    mentions = table.find_mentions(text)
    assert ids(mentions) == ["google", "lambda", "core-scientific", "coreweave", "coreweave"]
    ends = [-1] + [m.end for m in mentions]
    assert all(m.start >= prev for m, prev in zip(mentions, ends, strict=False))


@pytest.mark.parametrize("text", [
    "negotiated at arm's length", "the meta question is who pays", "a switch to cheaper chips",
    "a stack of invoices", "aligned with the plan", "from a vantage point", "a lambda function",
    "an apple pie", "helping enterprises scale AI workloads", "the core team", "ask the oracle",
    "crusoe-style survival", "sheer perplexity", "by the poolside",
])
def test_common_words_do_not_match(table: EntityTable, text: str) -> None:
    assert table.find_mentions(text) == []


@pytest.mark.parametrize(("text", "entity_id"), [
    ("Arm's chips", "arm"), ("Meta signed", "meta"), ("Switch and Stack", "switch"),
    ("leased from Vantage", "vantage"), ("Lambda raised", "lambda"), ("Apple bought", "apple"),
    ("Crusoe built", "crusoe"), ("The iPhone maker said", "apple"), ("Scale AI raised", "scale-ai"),
])
def test_common_word_names_match_when_capitalised(
        table: EntityTable, text: str, entity_id: str) -> None:
    assert ids(table.find_mentions(text))[0] == entity_id


def test_lowercase_social_text_finds_distinctive_names(table: EntityTable) -> None:
    text = "nvidia puts $100B into openai, openai spends it on nvidia gpus. coreweave next?"
    assert ids(table.find_mentions(text)) == ["nvidia", "openai", "openai", "nvidia", "coreweave"]
    assert ids(table.find_mentions("amd: here, have warrants")) == ["amd"]


def test_word_boundaries(table: EntityTable) -> None:
    assert table.find_mentions("Googleplex and artificial intelligence and OpenAIs") == []
    assert ids(table.find_mentions("Nvidia-backed CoreWeave")) == ["nvidia", "coreweave"]


@pytest.mark.parametrize(("text", "surface", "entity_id"), [
    ("NVIDIA Corporation (NASDAQ: NVDA) today announced", "NVDA", "nvidia"),
    ("Oracle (NYSE:ORCL) shares", "ORCL", "oracle"),
    ("loading up on $NVDA calls", "$NVDA", "nvidia"),
    ("$crwv ripping", "$crwv", "coreweave"),
    ("CORZ holders voted it down", "CORZ", "core-scientific"),
])
def test_ticker_forms_match(table: EntityTable, text: str, surface: str, entity_id: str) -> None:
    assert (surface, entity_id) in [(m.surface, m.entity_id) for m in table.find_mentions(text)]


@pytest.mark.parametrize("text", ["nvda at a $5T market cap", "corz holders", "MS and GS led it",
                                  "a $100B deal", "NOPE not a ticker"])
def test_other_ticker_forms_do_not_match(table: EntityTable, text: str) -> None:
    assert table.find_mentions(text) == []


# --- custom tables --------------------------------------------------------------------------

def _entity(entity_id: str, name: str, *aliases: str, **extra: object) -> Entity:
    fields = {"ticker": None, "cik": None, "kind": "other", "country": "US"} | extra
    return Entity(entity_id, name, tuple(aliases), **fields)


def test_from_rows_builds_a_working_table() -> None:
    table = EntityTable.from_rows([_entity("acme", "Acme", "Acme Robotics", ticker="ACME",
                                           cik="0000000042", case_sensitive=True)])
    assert table.resolve("Acme Robotics, Inc.").entity_id == "acme"
    assert table.by_cik(42).entity_id == "acme"
    assert ids(table.find_mentions("Acme and ACME and acme")) == ["acme", "acme"]


@pytest.mark.parametrize("rows", [
    [_entity("acme", "Acme"), _entity("acme", "Other")],
    [_entity("acme", "Acme", "Widgets"), _entity("widgets", "Widgets Inc.")],
    [_entity("acme", "Acme", kind="bakery")],
    [_entity("acme", "Acme", cik="42")],
    [_entity("Acme Co", "Acme")],
    [_entity("acme", "Acme", ticker="AC"), _entity("other", "Other", ticker="ac")],
])
def test_from_rows_rejects_inconsistent_tables(rows: list[Entity]) -> None:
    with pytest.raises(ValueError):
        EntityTable.from_rows(rows)


def test_as_record_matches_the_entities_table_contract(table: EntityTable) -> None:
    from load.schemas import ENTITIES

    record = table.by_id("nvidia").as_record()
    assert list(record) == ENTITIES.columns
    assert "NVIDIA Corporation" in record["aliases"]


# --- the packaged table ---------------------------------------------------------------------

def test_table_integrity(csv_rows: list[dict[str, str]], table: EntityTable) -> None:
    assert len(csv_rows) >= 110
    assert len(table.entities) == len(csv_rows)
    entity_ids = [row["entity_id"] for row in csv_rows]
    assert len(set(entity_ids)) == len(entity_ids)
    owners: dict[str, str] = {}
    tickers: dict[str, str] = {}
    for row in csv_rows:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row["entity_id"]), row
        assert row["kind"] in KIND_VOCABULARY, row
        assert row["cik"] == "" or re.fullmatch(r"\d{10}", row["cik"]), row
        assert re.fullmatch(r"[A-Z]{2}", row["country"]), row
        assert row["case_sensitive"] in {"true", "false"}, row
        surfaces = [row["name"], *(a for a in row["aliases"].split("|") if a)]
        for surface in surfaces:
            key = normalize_name(surface)
            assert owners.setdefault(key, row["entity_id"]) == row["entity_id"], surface
        if row["ticker"]:
            assert tickers.setdefault(row["ticker"].upper(), row["entity_id"]) == row["entity_id"]


def test_brief_ciks_are_in_the_table(csv_rows: list[dict[str, str]]) -> None:
    by_id = {row["entity_id"]: row for row in csv_rows}
    for entity_id, cik in KNOWN_CIKS.items():
        assert by_id[entity_id]["cik"] == f"{cik:010d}"


def test_common_word_entities_are_case_sensitive(table: EntityTable) -> None:
    for entity_id in ("arm", "lambda", "apple", "meta", "oracle", "crusoe", "vantage", "stack",
                      "switch", "aligned", "scale-ai"):
        assert table.by_id(entity_id).case_sensitive, entity_id
    for entity_id in ("nvidia", "openai", "coreweave", "microsoft", "amazon", "amd", "intel"):
        assert not table.by_id(entity_id).case_sensitive, entity_id


def test_default_table_is_cached() -> None:
    assert EntityTable.default() is EntityTable.default()


def _reference_deal_parties(markdown: str) -> set[str]:
    """Payer/payee names from the first column of REFERENCE-DEALS.md, plus named lenders."""
    names: set[str] = set()
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or "→" not in cells[0] or cells[0].startswith("payer"):
            continue
        for pair in cells[0].split(";"):
            for name in re.sub(r"\(.*?\)", "", pair).split("→"):
                if name.strip() and name.strip() != "lenders":
                    names.add(name.strip())
        if cells[0].startswith("lenders"):
            listed = re.search(r"\(([^)]*)\)", cells[2]).group(1)
            names.update(n.strip() for n in re.split(r",| and ", listed)
                         if n.strip() and n.strip() != "others")
    return names


def test_reference_deal_parties_resolve(table: EntityTable) -> None:
    path = SHARED / "REFERENCE-DEALS.md"
    if not path.exists():
        pytest.skip("shared/ reference deals not available")
    parties = _reference_deal_parties(path.read_text("utf-8"))
    assert {"Nvidia", "OpenAI", "Blue Owl", "Magnetar"} <= parties  # the parser read the table
    unresolved = sorted(p for p in parties if not table.resolve(p).known)
    assert unresolved == []


def test_gold_set_parties_resolve_and_are_found(table: EntityTable) -> None:
    path = SHARED / "gold" / "dev.jsonl"
    if not path.exists():
        pytest.skip("shared/ gold set not available")
    missing = []
    for line in path.read_text("utf-8").splitlines():
        case = json.loads(line)
        found = set(ids(table.find_mentions(case["text"])))
        for deal in case["deals"]:
            for party in (deal["payer"], deal["payee"]):
                if not party:
                    continue
                resolution = table.resolve(party)
                assert resolution.known, party
                entity = table.by_id(resolution.entity_id)
                # A common-word name written in lower case is, by the case rule, not a mention.
                lowercase_common = entity.case_sensitive and entity.name not in case["text"]
                if resolution.entity_id not in found and not lowercase_common:
                    missing.append((case["id"], party))
    assert missing == []


def test_common_word_names_in_lower_case_social_posts() -> None:
    """All-lower-case posts do not capitalise names: a common-word name counts there when the
    post names another company too, and not after an article ("the meta question")."""
    table = EntityTable.default()
    post = "meta paying coreweave $14.2B and google $10B+ for compute lol"
    assert ids(table.find_mentions(post)) == ["meta", "coreweave", "google"]
    assert ids(table.find_mentions("the meta question is who pays for all of this")) == []
    assert "meta" not in ids(table.find_mentions("so the meta trade here is coreweave calls"))


# --- the AI-infrastructure web: entries added from public lists -----------------------------

def test_every_kind_is_in_the_vocabulary_and_ids_are_unique(
        csv_rows: list[dict[str, str]]) -> None:
    assert {row["kind"] for row in csv_rows} <= KIND_VOCABULARY
    ids_ = [row["entity_id"] for row in csv_rows]
    assert len(ids_) == len(set(ids_))
    assert ids_ == sorted(ids_)  # the file is kept sorted by entity_id
    assert len(csv_rows) >= 250


def test_aliases_do_not_collide_across_entities(table: EntityTable) -> None:
    owners: dict[str, str] = {}
    clashes = []
    for entity in table.entities:
        for surface in {entity.name, *entity.aliases}:
            key = normalize_name(surface)
            if owners.setdefault(key, entity.entity_id) != entity.entity_id:
                clashes.append((surface, entity.entity_id, owners[key]))
    assert clashes == []


@pytest.mark.parametrize(("written", "entity_id"), [
    ("Texas Instruments Incorporated", "texas-instruments"),
    ("Applied Materials, Inc.", "applied-materials"),
    ("KLA-Tencor", "kla"),
    ("Lam Research Corporation", "lam-research"),
    ("Ares Management Corporation", "ares"),
    ("Banco Santander", "santander"),
    ("BNP Paribas", "bnp-paribas"),
    ("Deutsche Bank AG", "deutsche-bank"),
    ("Royal Bank of Canada", "rbc"),
    ("Temasek Holdings", "temasek"),
    ("Abu Dhabi Investment Authority", "adia"),
    ("Norges Bank Investment Management", "nbim"),
    ("HIVE Digital Technologies", "hive-digital"),
    ("Firmus Technologies Pty Ltd", "firmus"),
    ("Sesterce", "sesterce"),
    ("Northern Data Group", "northern-data"),
    ("Hitachi Energy", "hitachi"),
    ("Juniper Networks", "juniper"),
    ("Vistra Corp.", "vistra"),
    ("Iron Mountain Data Centers", "iron-mountain"),
])
def test_new_entries_resolve(table: EntityTable, written: str, entity_id: str) -> None:
    assert table.resolve(written) == Resolution(entity_id, table.by_id(entity_id).name, True)


@pytest.mark.parametrize(("ticker", "entity_id", "cik"), [
    ("TXN", "texas-instruments", 97476), ("AMAT", "applied-materials", 6951),
    ("LRCX", "lam-research", 707549), ("KLAC", "kla", 319201), ("ADI", "analog-devices", 6281),
    ("NEE", "nextera", 753308), ("JNPR", "juniper", 1043604),
])
def test_new_entries_by_ticker_and_cik(table: EntityTable, ticker: str, entity_id: str,
                                       cik: int) -> None:
    assert table.by_ticker(ticker).entity_id == entity_id
    assert table.by_cik(cik).entity_id == entity_id


@pytest.mark.parametrize(("text", "expected"), [
    ("Ares and Blue Owl led the $4 billion financing", ["ares", "blue-owl"]),
    ("Nscale signed with Microsoft; Fluidstack with Anthropic",
     ["nscale", "microsoft", "fluidstack", "anthropic"]),
    ("Temasek and GIC joined the round", ["temasek", "gic"]),
    ("Texas Instruments and Lam Research shares rose", ["texas-instruments", "lam-research"]),
])
def test_new_entries_are_found_in_text(table: EntityTable, text: str,
                                       expected: list[str]) -> None:
    assert ids(table.find_mentions(text)) == expected


@pytest.mark.parametrize("text", [
    "the ares of the field", "a flex office", "a hive of activity", "the fortress balance sheet",
    "with cadence and credo", "coherent plans", "a juniper bush", "the etched glass",
])
def test_new_common_word_names_do_not_match_lower_case(table: EntityTable, text: str) -> None:
    assert table.find_mentions(text) == []


def test_lower_case_tickers_count_only_in_lower_case_posts(table: EntityTable) -> None:
    post = "nvda puts up to $2B into openai, then crwv rents it the gpus. now what"
    assert [m.entity_id for m in table.find_mentions(post)] == ["nvidia", "openai", "coreweave"]
    sentence = "Analysts at Nvda Research said Nvidia will invest in OpenAI."
    assert "nvidia" in [m.entity_id for m in table.find_mentions(sentence)]
    assert [m.surface for m in table.find_mentions("The nvda ticker rose; Nvidia fell.")] == [
        "Nvidia"]
