"""Names of institutions that carry no company word: pension plans and boards, councils,
numbered funds, French banks named with an elided "de".

Sentences are written for these tests with invented names.
"""

from __future__ import annotations

import pytest

from tests.deal_flows import flows, party_surfaces


@pytest.mark.parametrize(("sentence", "name"), [
    ("Hallam Partners Fund III invested $20 million in Quorra AI.", "Hallam Partners Fund III"),
    ("Quorra AI raised money from Bramble Fund II.", "Bramble Fund II"),
    ("Healthcare of Manitoba Pension Plan invested in Quorra AI.",
     "Healthcare of Manitoba Pension Plan"),
    ("Public Sector Pension Investment Board invested in Quorra AI.",
     "Public Sector Pension Investment Board"),
    ("The round included Teachers Retirement System of Texas.",
     "Teachers Retirement System of Texas"),
    ("European Innovation Council invested in Quorra AI.", "European Innovation Council"),
    ("Le prêt vient de la Banque de l'Estuaire.", "Banque de l'Estuaire"),
    ("La Caisse d'Épargne Rhône-Alpes pilote le syndicat bancaire.",
     "Caisse d'Épargne Rhône-Alpes"),
])
def test_an_institution_is_named_whole(sentence: str, name: str) -> None:
    assert name in party_surfaces(sentence)


@pytest.mark.parametrize("sentence", [
    "The Pension Plan approved the budget.",  # a plan, not a named institution
    "The Board approved the lease.",
])
def test_an_institution_word_alone_names_nothing(sentence: str) -> None:
    assert party_surfaces(sentence) == []


def test_a_pension_board_invests() -> None:
    text = "Public Sector Pension Investment Board invested $200 million in Quorra AI."
    assert flows(text) == {("org:public-sector-pension-investment-board", "org:quorra-ai",
                            "equity_investment")}


def test_a_french_bank_named_with_an_elided_de_lends() -> None:
    text = "La Banque de l'Estuaire a accordé à Causses Datacenters un prêt de 50 millions d'euros."
    assert flows(text, "fr") == {("org:banque-de-lestuaire", "org:causses-datacenters",
                                  "loan")}
