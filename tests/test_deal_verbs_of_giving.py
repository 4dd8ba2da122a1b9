"""Money given, handed or wired to a company: who pays, and what for.

Sentences are written for these tests with invented companies (real ones only where a post's
register needs them).
"""

from __future__ import annotations

import pytest

from tests.deal_flows import flows


@pytest.mark.parametrize(("text", "expected"), [
    ("tallis cloud just gave quorra ai $50M lol",
     ("org:tallis-cloud", "org:quorra-ai", "equity_investment")),
    ("nvidia just handed coreweave another $2B lmao",
     ("nvidia", "coreweave", "equity_investment")),
    ("Tallis Cloud gave Quorra AI a $50 million loan.",
     ("org:tallis-cloud", "org:quorra-ai", "loan")),
])
def test_money_given_to_a_company_funds_it(text: str, expected: tuple) -> None:
    assert expected in flows(text)


def test_something_else_given_with_a_figure_is_no_deal() -> None:
    assert flows("Orton Partners gave Quorra AI a deadline to repay $5 million.") == set()


def test_a_check_written_to_a_company_funds_it() -> None:
    assert flows("Pemberton Capital wrote a $300 million check to Quorra AI.") == {
        ("org:pemberton-capital", "org:quorra-ai", "equity_investment")}
