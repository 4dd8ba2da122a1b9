"""Unit tests of transform.money: formats, qualifiers, periods, durations, roles, FX.

Every expectation below is worked out by hand from the sentence, not copied from the code's
output: e.g. "19,4 milliards" is 19.4 * 10**9, "through 2031" from 2025-09-30 is
(2031-12-31 - 2025-09-30) / 365.25 = 6.25 years.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from importlib import resources

import pytest

from transform.money import ROLES, Amount, find_amounts, parse_amount, to_usd

B, M, T = 1e9, 1e6, 1e12


def only(text: str, lang: str = "en", as_of: date | None = None) -> Amount:
    amounts = find_amounts(text, lang, as_of)
    assert len(amounts) == 1, [a.text for a in amounts]
    return amounts[0]


# (lang, sentence, the expression's text, value, currency)
FORMATS = [
    ("en", "Nvidia will invest $100 billion in the lab.", "$100 billion", 100 * B, "USD"),
    ("en", "The chipmaker signed a $6.3B pact.", "$6.3B", 6.3 * B, "USD"),
    ("en", "It agreed a $6.3bn deal.", "$6.3bn", 6.3 * B, "USD"),
    ("en", "Microsoft is renting $17.4bn of GPUs.", "$17.4bn", 17.4 * B, "USD"),
    ("en", "The contract is worth US$6.3 billion.", "US$6.3 billion", 6.3 * B, "USD"),
    ("en", "The contract is worth USD 6.3 billion.", "USD 6.3 billion", 6.3 * B, "USD"),
    ("en", "The contract is worth 6.3 billion dollars.", "6.3 billion dollars", 6.3 * B, "USD"),
    ("en", "Plans call for $1.5 trillion of spending.", "$1.5 trillion", 1.5 * T, "USD"),
    ("en", "Crusoe got a $750M facility.", "$750M", 750 * M, "USD"),
    ("en", "Crusoe got a $750 million facility.", "$750 million", 750 * M, "USD"),
    ("en", "Lambda took a $350mn loan.", "$350mn", 350 * M, "USD"),
    ("en", "JPMorgan lent it $2.3 billion.", "$2.3 billion", 2.3 * B, "USD"),
    ("en", "The buyer paid $1,300,000,000 in cash.", "$1,300,000,000", 1.3 * B, "USD"),
    ("en", "They bought stock at $414.79 a share.", "$414.79", 414.79, "USD"),
    ("en", "a $5T company", "$5T", 5 * T, "USD"),
    ("en", "It would cost 10 billion dollars.", "10 billion dollars", 10 * B, "USD"),
    ("en", "It would cost one billion dollars.", "one billion dollars", 1 * B, "USD"),
    ("en", "It would cost a billion dollars.", "a billion dollars", 1 * B, "USD"),
    ("en", "It would cost twenty-five million dollars.", "twenty-five million dollars",
     25 * M, "USD"),
    ("en", "Ottawa backed a C$53 billion program.", "C$53 billion", 53 * B, "CAD"),
    ("en", "Mistral raised €30bn from banks.", "€30bn", 30 * B, "EUR"),
    ("en", "Arm got £2 billion from the fund.", "£2 billion", 2 * B, "GBP"),
    ("en", "SoftBank raised ¥1 trillion in bonds.", "¥1 trillion", 1 * T, "JPY"),
    ("en", "It spent 30 billion yuan on chips.", "30 billion yuan", 30 * B, "CNY"),
    ("en", "Samsung pledged 5 trillion won in loans.", "5 trillion won", 5 * T, "KRW"),
    ("en", "The deal was 2 billion euros.", "2 billion euros", 2 * B, "EUR"),
    ("en", "The warrants are exercisable at 50 cents apiece.", "50 cents", 0.5, "USD"),
    ("fr", "Microsoft versera 19,4 milliards de dollars.", "19,4 milliards de dollars",
     19.4 * B, "USD"),
    ("fr", "Un contrat de 12,5 milliards de dollars.", "12,5 milliards de dollars",
     12.5 * B, "USD"),
    ("fr", "Meta versera 600 millions de dollars.", "600 millions de dollars", 600 * M, "USD"),
    ("fr", "Elle vaut 5 000 milliards de dollars.", "5 000 milliards de dollars", 5 * T, "USD"),
    ("fr", "Elle vaut 5\u202f000 milliards de dollars.", "5\u202f000 milliards de dollars",
     5 * T, "USD"),
    ("fr", "Elle vaut 5\u00a0000 milliards de dollars.", "5\u00a0000 milliards de dollars",
     5 * T, "USD"),
    ("fr", "Mistral a levé 30 milliards d'euros.", "30 milliards d'euros", 30 * B, "EUR"),
    ("fr", "Mistral a levé 1,7 milliard d\u2019euros.", "1,7 milliard d\u2019euros", 1.7 * B,
     "EUR"),
    ("fr", "Il a signé pour un milliard de dollars.", "un milliard de dollars", 1 * B, "USD"),
    ("fr", "Il a signé pour deux milliards de dollars.", "deux milliards de dollars", 2 * B,
     "USD"),
    ("fr", "Le contrat atteint 12,5 G$.", "12,5 G$", 12.5 * B, "USD"),
    ("fr", "Le contrat atteint 600 M€.", "600 M€", 600 * M, "EUR"),
    ("fr", "Le contrat atteint 3 milliards de dollars canadiens.",
     "3 milliards de dollars canadiens", 3 * B, "CAD"),
    ("fr", "Un prêt de 1 billion de dollars.", "1 billion de dollars", 1 * T, "USD"),
]


@pytest.mark.parametrize(("lang", "sentence", "expression", "value", "currency"), FORMATS)
def test_formats(lang: str, sentence: str, expression: str, value: float,
                 currency: str) -> None:
    amount = only(sentence, lang)
    assert amount.text == expression
    assert sentence[amount.start:amount.end] == expression
    assert amount.value == pytest.approx(value, rel=1e-12)
    assert amount.currency == currency
    assert amount.vague is False


# (lang, expression, value, ISO code): every spelling of a currency the reader knows
CURRENCY_SPELLINGS = [
    ("en", "U.S.$5 billion", 5 * B, "USD"), ("en", "CA$5 billion", 5 * B, "CAD"),
    ("en", "A$5 billion", 5 * B, "AUD"), ("en", "HK$5 billion", 5 * B, "HKD"),
    ("en", "S$5 billion", 5 * B, "SGD"), ("en", "NT$5 billion", 5 * B, "TWD"),
    ("en", "CHF 5 billion", 5 * B, "CHF"), ("en", "SEK 5 billion", 5 * B, "SEK"),
    ("en", "SAR 5 billion", 5 * B, "SAR"), ("en", "AED 5 billion", 5 * B, "AED"),
    ("en", "KRW 5 trillion", 5 * T, "KRW"), ("en", "CN¥5 billion", 5 * B, "CNY"),
    ("en", "RMB 5 billion", 5 * B, "CNY"), ("en", "Rs 500 crore", 5 * B, "INR"),
    ("en", "₹500 crore", 5 * B, "INR"), ("en", "5 billion American dollars", 5 * B, "USD"),
    ("en", "5 billion Canadian dollars", 5 * B, "CAD"),
    ("en", "5 billion Australian dollars", 5 * B, "AUD"),
    ("en", "5 billion Swiss francs", 5 * B, "CHF"), ("en", "5 billion kronor", 5 * B, "SEK"),
    ("en", "5 billion riyals", 5 * B, "SAR"), ("en", "5 billion dirhams", 5 * B, "AED"),
    ("en", "5 billion pounds sterling", 5 * B, "GBP"), ("en", "5 billion rupees", 5 * B, "INR"),
    ("en", "5 billion renminbi", 5 * B, "CNY"), ("en", "5 billion EUR", 5 * B, "EUR"),
    ("fr", "5 milliards de dollars américains", 5 * B, "USD"),
    ("fr", "5 milliards de livres sterling", 5 * B, "GBP"),
    ("fr", "5 milliards de francs suisses", 5 * B, "CHF"),
    ("fr", "5 milliards $ US", 5 * B, "USD"), ("fr", "5 milliards $CA", 5 * B, "CAD"),
    ("fr", "5 milliards de yens", 5 * B, "JPY"), ("fr", "5 milliards de yuans", 5 * B, "CNY"),
]


@pytest.mark.parametrize(("lang", "expression", "value", "currency"), CURRENCY_SPELLINGS)
def test_currency_spellings(lang: str, expression: str, value: float, currency: str) -> None:
    amount = only(f"The group agreed to pay {expression} for it.", lang)
    assert (amount.text, amount.currency) == (expression, currency)
    assert amount.value == pytest.approx(value)


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "Petrobras paid R$5 billion for it."),  # Brazilian reais: no rate, not read as USD
    ("en", "Humain will buy 18,000 of Nvidia's chips."),
    ("en", "Meta bought a 49% stake in the startup."),
    ("en", "Shares slid 8 % after hours."),
    ("en", "The company will deploy 10 gigawatts at a 1.4-gigawatt campus."),
    ("en", "AMD granted warrants for 160 million shares in 2024."),
    ("en", "The lab serves hundreds of millions of users."),
    ("en", "Nvidia sold two million chips in 2025."),
    ("en", "It posted 49 per cent growth in 2025 and 300 MW of capacity."),
    ("en", "Google trains a multibillion-parameter model."),
    ("en", "He weighs 200 pounds and won 2 titles."),
    ("fr", "Nvidia détient 8,5 % du capital et 160 millions d'actions."),
    ("fr", "Le campus de 1,4 gigawatt ouvrira en 2026."),
])
def test_no_amount(lang: str, sentence: str) -> None:
    assert find_amounts(sentence, lang) == []


# (lang, sentence, qualifier, expression including the qualifier words)
QUALIFIERS = [
    ("en", "Nvidia will invest up to $100 billion.", "up_to", "up to $100 billion"),
    ("en", "Nvidia will invest as much as $2 billion.", "up_to", "as much as $2 billion"),
    ("en", "The backstop could cost as many as $2 billion.", "up_to", "as many as $2 billion"),
    ("en", "It is capped at a maximum of $5 billion.", "up_to", "a maximum of $5 billion"),
    ("en", "It will pay about $1 billion.", "about", "about $1 billion"),
    ("en", "It will pay around $1 billion.", "about", "around $1 billion"),
    ("en", "It will pay roughly 10 billion dollars.", "about", "roughly 10 billion dollars"),
    ("en", "It will pay approximately US$17.4 billion.", "about",
     "approximately US$17.4 billion"),
    ("en", "It will pay nearly $3 billion.", "about", "nearly $3 billion"),
    ("en", "It will pay almost $3 billion.", "about", "almost $3 billion"),
    ("en", "It will pay some $3 billion.", "about", "some $3 billion"),
    ("en", "It will pay close to $3 billion.", "about", "close to $3 billion"),
    ("en", "It will pay an estimated $3 billion.", "about", "an estimated $3 billion"),
    ("en", "amazon might put ~$10B into it", "about", "~$10B"),
    ("en", "It will pay more than $10 billion.", "at_least", "more than $10 billion"),
    ("en", "It will pay over $10 billion.", "at_least", "over $10 billion"),
    ("en", "It will pay at least $10 billion.", "at_least", "at least $10 billion"),
    ("en", "It will pay upwards of $10 billion.", "at_least", "upwards of $10 billion"),
    ("en", "It will pay north of $10 billion.", "at_least", "north of $10 billion"),
    ("en", "It will pay in excess of $10 billion.", "at_least", "in excess of $10 billion"),
    ("en", "amazon might put $10B+ into openai", "at_least", "$10B+"),
    ("en", "It will pay $10 billion-plus.", "at_least", "$10 billion-plus"),
    ("en", "It will pay $10 billion or more.", "at_least", "$10 billion or more"),
    ("en", "It will pay $5.83 billion.", None, "$5.83 billion"),
    ("en", "The buyer will hand over $1 billion at closing.", None, "$1 billion"),
    ("en", "The buyer will pay over $1 billion at closing.", "at_least", "over $1 billion"),
    ("fr", "SoftBank investira jusqu'à 22,5 milliards de dollars.", "up_to",
     "jusqu'à 22,5 milliards de dollars"),
    ("fr", "Meta versera environ 600 millions de dollars.", "about",
     "environ 600 millions de dollars"),
    ("fr", "Il paiera près de 3 milliards de dollars.", "about", "près de 3 milliards de dollars"),
    ("fr", "Il paiera quelque 3 milliards de dollars.", "about", "quelque 3 milliards de dollars"),
    ("fr", "Il paiera plus de 10 milliards de dollars.", "at_least",
     "plus de 10 milliards de dollars"),
    ("fr", "Il paiera plus d'un milliard de dollars.", "at_least",
     "plus d'un milliard de dollars"),
    ("fr", "Il paiera au moins 4 milliards d'euros.", "at_least", "au moins 4 milliards d'euros"),
]


@pytest.mark.parametrize(("lang", "sentence", "qualifier", "expression"), QUALIFIERS)
def test_qualifiers(lang: str, sentence: str, qualifier: str | None, expression: str) -> None:
    amount = only(sentence, lang)
    assert amount.qualifier == qualifier
    assert amount.text == expression


def test_over_five_years_is_a_duration_not_a_qualifier() -> None:
    amount = only("Microsoft will pay about $9.7 billion over five years for capacity.")
    assert amount.qualifier == "about"
    assert amount.duration_years == 5
    assert amount.text == "about $9.7 billion"


# (lang, sentence, period, value) with the value per year for monthly/quarterly figures
PERIODS = [
    ("en", "OpenAI will pay more than $30 billion a year.", "per_year", 30 * B),
    ("en", "OpenAI will pay $30 billion per year.", "per_year", 30 * B),
    ("en", "OpenAI will pay $30 billion annually.", "per_year", 30 * B),
    ("en", "OpenAI will pay $30 billion each year.", "per_year", 30 * B),
    ("en", "It is a $30 billion-a-year deal.", "per_year", 30 * B),
    ("en", "Annual base rent under the lease is about $450 million.", "per_year", 450 * M),
    ("en", "The lab brings in $1 billion in annual revenue.", "per_year", 1 * B),
    ("en", "It will pay $10 million a month.", "per_year", 120 * M),
    ("en", "It will pay $5 million per quarter.", "per_year", 20 * M),
    ("en", "Core Scientific will get about $8.7 billion in total.", "total", 8.7 * B),
    ("en", "Aggregate base rent is about $5.5 billion.", "total", 5.5 * B),
    ("en", "It raised $3 billion a year ago.", "total", 3 * B),
    ("fr", "Meta versera 600 millions de dollars par an.", "per_year", 600 * M),
    ("fr", "Meta versera 600 millions de dollars chaque année.", "per_year", 600 * M),
    ("fr", "Le loyer annuel atteint 450 millions de dollars.", "per_year", 450 * M),
]


@pytest.mark.parametrize(("lang", "sentence", "period", "value"), PERIODS)
def test_periods(lang: str, sentence: str, period: str, value: float) -> None:
    amount = only(sentence, lang)
    assert amount.period == period
    assert amount.value == pytest.approx(value)


def test_period_words_are_inside_the_span() -> None:
    amount = only("CoreWeave will pay Galaxy about $1 billion a year to lease capacity.")
    assert amount.text == "about $1 billion a year"


AS_OF = date(2025, 9, 30)
# (lang, sentence, as_of, duration in years)
DURATIONS = [
    ("en", "Microsoft will pay $9.7 billion over five years.", None, 5),
    ("en", "It will pay $1.3 billion over a four-year period.", None, 4),
    ("en", "Base rent is $5.5 billion over an initial term of 15 years.", None, 15),
    ("en", "AWS signed a seven-year, $38 billion agreement.", None, 7),
    ("en", "Google signed a six-year contract worth more than $10 billion.", None, 6),
    ("en", "It signed a 10-year lease worth $3.7 billion.", None, 10),
    ("en", "It will pay $1 billion a year over a 15-year term.", None, 15),
    ("en", "It will pay $1 billion a year for 12 years.", None, 12),
    ("en", "It will pay $900 million over 18 months.", None, 1.5),
    ("en", "It will pay $100 billion over the next decade.", None, 10),
    ("en", "It bought $14.2 billion of capacity through 2031.", AS_OF, 6.3),
    ("en", "It bought $6.3 billion of capacity through April 2032.", AS_OF, 6.6),
    ("en", "It bought $14.2 billion of capacity through December 14, 2031.", AS_OF, 6.2),
    ("en", "It bought $14.2 billion of capacity through 2031.", None, None),
    ("en", "It invested $5 billion over the past five years.", None, None),
    ("en", "It invested $5 billion five years ago.", None, None),
    ("en", "It signed a multiyear deal worth $5 billion.", None, None),
    ("fr", "Un contrat de 12,5 milliards de dollars sur cinq ans.", None, 5),
    ("fr", "Meta versera 600 millions de dollars par an pendant cinq ans.", None, 5),
    ("fr", "Un accord de 2 milliards d'euros d'une durée de sept ans.", None, 7),
    ("fr", "Un bail de 15 ans pour 450 millions de dollars.", None, 15),
    ("fr", "Il achète pour 14 milliards de dollars jusqu'en 2031.", AS_OF, 6.3),
]


@pytest.mark.parametrize(("lang", "sentence", "as_of", "years"), DURATIONS)
def test_durations(lang: str, sentence: str, as_of: date | None, years: float | None) -> None:
    amount = only(sentence, lang, as_of)
    if years is None:
        assert amount.duration_years is None
    else:
        assert amount.duration_years == pytest.approx(years, abs=0.05)


def test_duration_belongs_to_the_amount_of_its_clause() -> None:
    text = ("OpenAI signed a five-year, $11.9 billion agreement with CoreWeave and will also "
            "buy $350 million of its stock.")
    first, second = find_amounts(text)
    assert first.duration_years == 5
    assert second.duration_years is None


def test_duration_in_another_sentence_does_not_attach() -> None:
    text = "Fluidstack signed a 10-year lease. Google agreed to cover up to $1.8 billion of rent."
    assert only(text).duration_years is None


# (lang, sentence, the role of each amount in order)
ROLE_CASES = [
    ("en", "Cerebras will deliver capacity under an agreement valued at more than $10 billion.",
     ["deal"]),
    ("en", "SoftBank will acquire Ampere in an all-cash transaction valued at $6.5 billion.",
     ["deal"]),
    ("en", "The order is valued at $2 billion.", ["deal"]),
    ("en", "SoftBank will put $30 billion into OpenAI as part of a $40 billion funding round "
           "that values the ChatGPT maker at $300 billion.",
     ["deal", "round_total", "valuation"]),
    ("en", "Anthropic, valued at $183 billion, is hiring.", ["valuation"]),
    ("en", "The startup was valued at $61.5 billion in March.", ["valuation"]),
    ("en", "Google will invest at a valuation of more than $350 billion.", ["valuation"]),
    ("en", "OpenAI's valuation has climbed to $500 billion.", ["valuation"]),
    ("en", "OpenAI closed the round at a $300 billion post-money valuation.", ["valuation"]),
    ("en", "The takeover values the chip designer at $40 billion.", ["deal"]),
    ("en", "Nvidia's market value topped $5 trillion, while Broadcom's climbed past "
           "$1.5 trillion.", ["market_value", "market_value"]),
    ("en", "nvda at a $5T market cap, analysts slapping $250 targets on it",
     ["market_value", "price_target"]),
    ("en", "Nvidia, now worth about $4.5 trillion, agreed to pay $900 million for Enfabrica.",
     ["market_value", "deal"]),
    ("en", "Intel will issue shares at a purchase price of $23.28 per share, for an aggregate "
           "purchase price of approximately $5.0 billion.", ["share_price", "deal"]),
    ("en", "Nvidia bought $2 billion of stock at $23 a share.", ["deal", "share_price"]),
    ("en", "The warrants carry an exercise price of $0.01 per share.", ["share_price"]),
    ("en", "The shares were bought at $87.20 a share.", ["share_price"]),
    ("en", "Analysts raised the price target on AMD to $260 from $200.",
     ["price_target", "price_target"]),
    ("en", "The company posted revenue of $1.2 billion.", ["revenue"]),
    ("en", "CoreWeave posted a net loss of $290 million on revenue of $1.2 billion.",
     ["earnings", "revenue"]),
    ("en", "Intel posted a net loss of $18.7 billion for 2024.", ["earnings"]),
    ("en", "It forecast sales of about $65 billion for the quarter.", ["revenue"]),
    ("en", "Remaining performance obligations jumped to $455 billion.", ["revenue"]),
    ("en", "Microsoft expects to spend about $80 billion this year building data centers.",
     ["capex"]),
    ("en", "Meta raised its capital expenditure forecast to $70 billion to $72 billion.",
     ["capex", "capex"]),
    ("en", "Meta will spend billions of dollars on Google's TPUs.", ["deal"]),
    ("en", "Nvidia will invest $5 billion in Intel.", ["deal"]),
    ("en", "Amazon will invest $20 billion in data centers in Pennsylvania.", ["capex"]),
    ("en", "Blue Owl closed its third infrastructure fund at $7 billion.", ["fund_size"]),
    ("en", "Brookfield is raising a $5 billion fund for AI.", ["fund_size"]),
    ("en", "Microsoft's stake in OpenAI is worth about $135 billion.", ["stake_value"]),
    ("en", "OpenAI projects burning roughly $115 billion through 2029.", ["cash_burn"]),
    ("en", "Dell is nearing a deal worth more than $5 billion.", ["deal"]),
    ("en", "It signed a contract with Meta worth $14 billion.", ["deal"]),
    ("en", "Amazon is investing another $4 billion in Anthropic, bringing its total commitment "
           "to $8 billion.", ["deal", "cumulative_total"]),
    ("en", "Broadcom booked a $10 billion order and then an $11 billion order.",
     ["deal", "deal"]),
    ("en", "They placed $10 billion and $11 billion orders.", ["deal", "deal"]),
    ("en", "The $2.5 billion (€2.3 billion) deal closed.", ["deal", "equivalent"]),
    ("en", "Microsoft will take a $3.1 billion charge on its stake.", ["earnings"]),
    ("en", "The lab lost $13.5 billion in the first half.", ["earnings"]),
    ("en", "The company had $3.2 billion in cash and equivalents.", ["cash_balance"]),
    ("en", "The board approved a $60 billion buyback.", ["buyback"]),
    ("en", "Alphabet raised its capex guidance to $85 billion from $75 billion.",
     ["capex", "capex"]),
    ("en", "TSMC will invest $100 billion in U.S. chip plants.", ["capex"]),
    ("en", "The campus will cost roughly $25 billion to build.", ["capex"]),
    ("en", "Q3 revenue: $57.0 billion, up 62%.", ["revenue"]),
    ("en", "Anthropic will spend $30 billion on compute capacity from Microsoft.", ["deal"]),
    ("en", "The cloud charges $2 per GPU-hour.", ["unit_price"]),
    ("en", "Nvidia shares closed at $182.16 on Friday.", ["share_price"]),
    ("en", "The startup raised $13 billion in a Series F round.", ["deal"]),
    ("fr", "Nvidia pèse 4 000 milliards de dollars en Bourse.", ["market_value"]),
    ("en", "Nvidia became the first $4 trillion company.", ["market_value"]),
    ("en", "It is the latest trillion-dollar company.", ["market_value"]),
    ("en", "Mistral is now a $14 billion startup.", ["valuation"]),
    ("fr", "La capitalisation boursière de Nvidia a dépassé les 5 000 milliards de dollars, "
           "tandis que celle de Microsoft avoisine les 4 000 milliards.",
     ["market_value", "market_value"]),
    ("fr", "Une levée de fonds de 6,6 milliards de dollars valorisant OpenAI à 157 milliards "
           "de dollars.", ["round_total", "valuation"]),
    ("fr", "Le chiffre d'affaires a atteint 35 milliards de dollars.", ["revenue"]),
    ("fr", "La perte nette s'élève à 5 milliards de dollars.", ["earnings"]),
    ("fr", "SoftBank investira 22,5 milliards de dollars dans OpenAI.", ["deal"]),
    ("fr", "Un contrat d'une valeur de 2 milliards d'euros.", ["deal"]),
    ("fr", "La start-up est désormais valorisée à 300 milliards de dollars.", ["valuation"]),
]


@pytest.mark.parametrize(("lang", "sentence", "roles"), ROLE_CASES)
def test_roles(lang: str, sentence: str, roles: list[str]) -> None:
    assert [a.role for a in find_amounts(sentence, lang)] == roles
    assert set(roles) <= set(ROLES)


def test_two_amounts_keep_distinct_spans() -> None:
    text = "They placed $10 billion and $11 billion orders."
    first, second = find_amounts(text)
    assert (first.text, second.text) == ("$10 billion", "$11 billion")
    assert first.end <= second.start
    assert (first.value, second.value) == (10 * B, 11 * B)


def test_ranges_give_one_amount_per_bound_with_the_shared_scale() -> None:
    amounts = find_amounts("It guided to $70-72 billion, or 5 to 7 billion dollars.")
    assert [a.value for a in amounts] == [70 * B, 72 * B, 5 * B, 7 * B]
    assert {a.currency for a in amounts} == {"USD"}


def test_french_range_with_entre() -> None:
    amounts = find_amounts("Il investira entre 5 et 7 milliards de dollars.", "fr")
    assert [a.value for a in amounts] == [5 * B, 7 * B]


def test_elided_currency_is_carried_within_the_sentence_only() -> None:
    french = ("La capitalisation de Nvidia a dépassé les 5 000 milliards de dollars, tandis "
              "que celle de Microsoft avoisine les 4 000 milliards.")
    second = find_amounts(french, "fr")[1]
    assert (second.value, second.currency, second.qualifier) == (4 * T, "USD", "about")
    assert find_amounts("It has 4 billion users. Revenue was $5 billion.")[0].value == 5 * B
    assert len(find_amounts("It paid $5 billion for 160 million shares.")) == 1



@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Ils vont investir respectivement jusqu'à 5 milliards et 10 milliards de dollars."),
    ("en", "They will invest up to 5 billion and 10 billion dollars respectively."),
])
def test_a_pair_of_figures_shares_the_currency_written_after_the_second(
        lang: str, text: str) -> None:
    amounts = find_amounts(text, lang)
    assert [(a.value, a.currency) for a in amounts] == [(5 * B, "USD"), (10 * B, "USD")]
    assert amounts[0].qualifier == "up_to"
    # a year is no figure of the pair
    assert [a.value for a in find_amounts("In 2025 and 10 billion dollars later.")] == [10 * B]


# (lang, sentence, expression, currency)
VAGUE = [
    ("en", "Lambda landed a multibillion-dollar contract from Microsoft.", "multibillion-dollar",
     "USD"),
    ("en", "Lambda landed a multi-billion dollar contract.", "multi-billion dollar", "USD"),
    ("en", "Meta will spend billions of dollars on TPUs.", "billions of dollars", "USD"),
    ("en", "It is a deal worth tens of billions of dollars.", "tens of billions of dollars", "USD"),
    ("en", "It is a deal worth tens of billions.", "tens of billions", "USD"),
    ("en", "The deal is worth hundreds of millions.", "hundreds of millions", "USD"),
    ("en", "Nvidia will pay several hundred million dollars.", "several hundred million dollars",
     "USD"),
    ("en", "It is a billion-dollar deal.", "billion-dollar", "USD"),
    ("en", "They signed a multibillion-euro deal.", "multibillion-euro", "EUR"),
    ("fr", "Un contrat de plusieurs milliards de dollars.", "plusieurs milliards de dollars",
     "USD"),
    ("fr", "Des dizaines de milliards d'euros sont en jeu.", "Des dizaines de milliards d'euros",
     "EUR"),
]


@pytest.mark.parametrize(("lang", "sentence", "expression", "currency"), VAGUE)
def test_vague_amounts(lang: str, sentence: str, expression: str, currency: str) -> None:
    amount = only(sentence, lang)
    assert amount.text == expression
    assert (amount.vague, amount.value, amount.value_usd) == (True, None, None)
    assert amount.currency == currency


def test_parse_amount_reads_one_expression() -> None:
    amount = parse_amount("US$6.3 billion")
    assert amount is not None
    assert (amount.value, amount.currency, amount.start, amount.end) == (6.3 * B, "USD", 0, 14)
    french = parse_amount("environ 600 millions de dollars par an", "fr")
    assert french is not None
    assert (french.value, french.qualifier, french.period) == (600 * M, "about", "per_year")
    assert parse_amount("49%") is None


def test_to_usd_uses_the_latest_rate_on_or_before_the_date() -> None:
    # fx_rates.csv: EUR 2019 1.120, 2024 1.082, 2026 1.170 (rows dated January 1)
    assert to_usd(100.0, "EUR", date(2024, 6, 30)) == pytest.approx(108.2)
    assert to_usd(100.0, "EUR", date(2024, 1, 1)) == pytest.approx(108.2)
    assert to_usd(100.0, "EUR", datetime(2024, 6, 30, 12, 0)) == pytest.approx(108.2)
    assert to_usd(100.0, "EUR", date(2015, 1, 1)) == pytest.approx(112.0)
    assert to_usd(100.0, "eur", None) == pytest.approx(117.0)
    assert to_usd(123.0, "USD", None) == 123.0


def test_to_usd_rejects_an_unknown_currency_by_name() -> None:
    with pytest.raises(ValueError, match="XYZ"):
        to_usd(1.0, "XYZ", None)


def test_amounts_carry_converted_values() -> None:
    amount = only("Mistral raised €30bn from banks.", as_of=date(2024, 6, 30))
    assert amount.value_usd == pytest.approx(30 * B * 1.082)
    assert only("It paid $2 billion.").value_usd == 2 * B


def test_rate_table_covers_the_required_currencies_every_year() -> None:
    source = resources.files("transform.money").joinpath("fx_rates.csv")
    with source.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and set(rows[0]) == {"date", "currency", "usd_per_unit"}
    years: dict[str, set[int]] = {}
    for row in rows:
        assert float(row["usd_per_unit"]) > 0
        years.setdefault(row["currency"], set()).add(date.fromisoformat(row["date"]).year)
    for code in ("EUR", "GBP", "CAD", "JPY", "CNY", "CHF", "AUD", "KRW", "INR", "SAR", "AED",
                 "SEK"):
        assert set(range(2019, 2027)) <= years[code], code


def test_spans_index_the_input_text() -> None:
    text = ("On September 8, 2025, Nebius agreed a contract of approximately US$17.4 billion "
            "through 2031 that may increase to approximately US$19.4 billion.")
    for amount in find_amounts(text, as_of=date(2025, 9, 8)):
        assert text[amount.start:amount.end] == amount.text
    assert [a.text for a in find_amounts(text)] == ["approximately US$17.4 billion",
                                                    "approximately US$19.4 billion"]
