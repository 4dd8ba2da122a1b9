"""Company names written in lower case, as posts write them (transform.entities.social_names).

Posts are written for these tests with invented companies; a known company is used where the
construction needs one.
"""

from __future__ import annotations

import pytest

from tests.deal_flows import flows
from transform.entities.parties import Discourse, find_parties
from transform.entities.social_names import is_lowercase_register, lowercase_names
from transform.entities.table import EntityTable


@pytest.mark.parametrize(("post", "names"), [
    ("nvda puts $1B into thalassa ai and nobody blinks", ["thalassa ai"]),
    ("kavala compute is borrowing €400M from a greek bank lol", ["kavala compute"]),
    ("msft is about to drop ~$4B on a gpu rental with an outfit called fjellnett", ["fjellnett"]),
    ("$KNVA (kernova) borrowed $400m from blue owl last year 🤡", ["kernova"]),
    # ordinary words before a company word are no name
    ("the ai bubble is real and the big cloud players know it", []),
    # a list a role introduces: the position names its items
    ("ok so brindle robotics raised $80M and the backers are: quarrow, vk, tamsin partners, "
     "others", ["brindle robotics", "quarrow", "vk", "tamsin partners"]),
    ("lol the lenders include ostvik and harrowgate and some big funds",
     ["ostvik", "harrowgate"]),
    ("the investors: a few angels and some big funds, nothing crazy", []),
    # more company words: credit, reit, vc, grid, colo
    ("brannock paid back the $300M bridge from ostvik credit early 👀",
     ["brannock", "ostvik credit"]),
    ("kkr just bought quarrow colo for $2B 🏗️", ["quarrow colo"]),
    # the rare word that opens a post (after a thread's number) and a verb: its subject
    ("2/ brindlefall sold its campus to tamsin reit for $1.3B", ["brindlefall", "tamsin reit"]),
    ("brindlefall walked away from the takeover 😬 board said no", ["brindlefall"]),
    # ... but not a rare word that opens it without a verb after it
    ("lmaooo this round is wild 🚀", []),
    # a role list after a short qualifier
    ("the lenders on the $2.5B fennmoor grid loan: ostvik, harrowgate, soc gen. that's it",
     ["fennmoor grid", "ostvik", "harrowgate", "soc gen"]),
])
def test_names_a_post_writes_in_lower_case(post: str, names: list) -> None:
    assert [post[s:e] for s, e in lowercase_names(post)] == names


@pytest.mark.parametrize(("sentence", "expected"), [
    ("nvda puts $1B into thalassa ai and nobody blinks", True),
    ("$CRWV renting 40MW from a miner, tells you everything rn", True),
    # edited prose has few capitals too, but opens with one and carries no cashtag or emoji
    ("They will need to choose between safeguarding their data and the experience they get.",
     False),
])
def test_what_reads_as_a_post(sentence: str, expected: bool) -> None:
    assert is_lowercase_register(sentence) is expected


@pytest.mark.parametrize(("post", "expected"), [
    # a description and the name in brackets that labels it are one party
    ("so meta just threw $600M at a korean memory startup nobody has heard of (siriun semi). "
     "zuck is buying everything", {("meta", "org:siriun-semi", "equity_investment")}),
    ("wild that blue owl is lending $3.1B to a company (yarrowby dc) whose only tenant is meta",
     {("blue-owl", "org:yarrowby-dc", "loan")}),
    # spending on a rental of GPUs with a provider is compute
    ("hearing msft is about to drop ~$4B on a 5-yr gpu rental with a norwegian outfit called "
     "fjellnett. nothing confirmed yet", {("microsoft", "org:fjellnett", "compute_contract")}),
])
def test_deals_in_posts(post: str, expected: set) -> None:
    assert flows(post) >= expected


def test_investors_a_post_lists_after_a_role_invest() -> None:
    post = "ok so brindle robotics raised $80M and the backers are: quarrow, vk, tamsin partners"
    assert {(f"org:{investor}", "org:brindle-robotics", "equity_investment")
            for investor in ("quarrow", "vk", "tamsin-partners")} == flows(post)


def test_a_known_company_in_lower_case_counts_beside_a_lower_case_name() -> None:
    post = "so meta just threw $600M at siriun semi lol"
    found = find_parties(post, Discourse(EntityTable.default()))
    assert [p.entity_id for p in found] == ["meta", "org:siriun-semi"]


def test_a_role_noun_s_bracketed_list_names_its_members() -> None:
    post = "sedgemoor compute borrowed $650M from three banks (tollbridge, ravensholt, kessock)"
    assert flows(post) == {(f"org:{bank}", "org:sedgemoor-compute", "loan")
                           for bank in ("tollbridge", "ravensholt", "kessock")}


def test_a_company_word_after_an_opening_name_belongs_to_the_name() -> None:
    assert flows("harlow systems placed a ~$300M order with $AMD for mi355x, ships q3.") == {
        ("org:harlow-systems", "amd", "purchase")}


def test_a_short_lower_case_fragment_of_a_post_names_its_role_s_company() -> None:
    discourse = Discourse(EntityTable.default())
    first = "wrenmoor just walked from its $1.4B lease at the gorsedale campus."
    discourse.remember(find_parties(first, discourse), first)
    fragment = "landlord (pendle digital) -18% premarket"
    assert [p.surface for p in find_parties(fragment, discourse)] == ["pendle digital"]


def test_a_rare_word_owning_a_round_is_a_company() -> None:
    post = "hearing $NVDA is about to drop ~$2B into quillfeather's series C. not final 👀"
    assert "quillfeather" in [p.surface for p in find_parties(post, Discourse(
        EntityTable.default()))]
