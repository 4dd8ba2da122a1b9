"""A list of companies invested in or lent to: one investor or lender, each company listed;
and the clauses that only look like such a list.

Sentences are written for these tests with invented companies.
"""

from __future__ import annotations

import pytest

from tests.deal_flows import flows
from transform.deals import extract_text

EACH = {("org:harwick-semiconductor", payee, "equity_investment")
        for payee in ("org:tallis-cloud", "org:quorra-ai", "org:brindle-labs")}


@pytest.mark.parametrize("text", [
    "Harwick Semiconductor has invested in Tallis Cloud, Quorra AI and Brindle Labs.",
    "Harwick Semiconductor has invested in three of them—Tallis Cloud, Quorra AI, and Brindle "
    "Labs—as reported by the Daily Ledger.",
    "Harwick Semiconductor has invested in three of them: Tallis Cloud, Quorra AI and Brindle "
    "Labs.",
])
def test_each_company_of_an_investee_list_is_invested_in(text: str) -> None:
    assert flows(text) == EACH


def test_each_borrower_of_a_list_borrows() -> None:
    assert flows("Orton Bank lent $200 million to Tallis Cloud and Quorra AI.") == {
        ("org:orton-bank", "org:tallis-cloud", "loan"), ("org:orton-bank", "org:quorra-ai", "loan")}


@pytest.mark.parametrize(("text", "not_read"), [
    # a second clause with its own verb or figure, not a list of investees
    ("Harwick Semiconductor is expected to lead a $800 million round in Tallis Cloud, and "
     "Quorra Capital is weighing a smaller ticket.",
     ("org:harwick-semiconductor", "org:quorra-capital")),
    ("Orton Bank has lent $650 million to Tallis Cloud, and Pilgrim Bank has lent a further "
     "$400 million.", ("org:orton-bank", "org:pilgrim-bank")),
    ("Harwick Semiconductor a investi 8 milliards de dollars dans Tallis Cloud, et Quorra "
     "Capital environ 3 milliards.", ("org:harwick-semiconductor", "org:quorra-capital")),
    ("Pemberton Group has been taking a stake in Tallis Cloud and acquiring chip startup Quorra "
     "AI.", ("org:pemberton", "org:quorra-ai")),
])
def test_a_clause_after_the_investee_is_no_list(text: str, not_read: tuple) -> None:
    lang = "fr" if " dans " in text else "en"
    assert not any((payer, payee) == not_read for payer, payee, kind in flows(text, lang)
                   if kind in ("equity_investment", "loan"))


def test_more_goods_from_a_second_vendor_are_bought_by_the_same_buyer() -> None:
    text = ("Quorra AI has agreed to buy 10 gigawatts of custom accelerators from Brindle Systems "
            "and 6 gigawatts of GPUs from Harwick Semiconductor.")
    assert flows(text) == {("org:quorra-ai", "org:brindle-systems", "purchase"),
                           ("org:quorra-ai", "org:harwick-semiconductor", "purchase")}


def test_a_second_payee_after_a_first_figure_s_duration_is_paid_its_own_figure() -> None:
    text = ("Quorra AI agreed to pay Tallis Cloud $17.4 billion over five years and Brindle Cloud "
            "up to $24 billion for about 200,000 GPUs.")
    got = {(m.payer_id, m.payee_id, m.deal_type, m.amount_usd)
           for m in extract_text("t", text)}
    assert ("org:quorra-ai", "org:brindle-cloud", "compute_contract", 24e9) in got
    assert not any(payer == "org:brindle-cloud" for payer, _, _, _ in got)
