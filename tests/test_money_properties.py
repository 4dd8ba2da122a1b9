"""Property tests of transform.money: any amount written in any supported format, embedded in
a neutral sentence, reads back as exactly one amount with its value, qualifier and period; and
valuations, share prices, market values and percentages never read back as deal amounts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from transform.money import find_amounts

SCALES = {"million": Decimal(10) ** 6, "billion": Decimal(10) ** 9,
          "trillion": Decimal(10) ** 12}
EN_LETTERS = {"million": ["M", "mn", "m"], "billion": ["B", "bn", "b"], "trillion": ["T", "tn"]}
FR_SCALES = {"million": "millions", "billion": "milliards"}  # French singular below 2 too
THOUSANDS_FR = [" ", "\u00a0", "\u202f"]
QUALIFIERS = {
    "en": {None: [""], "up_to": ["up to ", "as much as "], "about": ["about ", "roughly ",
                                                                     "approximately ", "~"],
           "at_least": ["more than ", "at least ", "over ", "north of "]},
    "fr": {None: [""], "up_to": ["jusqu'à "], "about": ["environ ", "près de "],
           "at_least": ["plus de ", "au moins "]},
}
PERIODS = {"en": {"total": [""], "per_year": [" a year", " per year", " annually"]},
           "fr": {"total": [""], "per_year": [" par an", " chaque année"]}}
SENTENCES = {
    "en": ["The company said on Tuesday it agreed to pay {} for the assets.",
           "Under the terms disclosed in the filing, {} changes hands at closing.",
           "hearing they will hand over {} lol"],
    "fr": ["Selon le document, la société versera {} au fournisseur.",
           "L'accord porte sur {}, selon des sources proches du dossier."],
}


@dataclass(frozen=True)
class Written:
    """An amount rendered as text, with the reading the parser must give back."""

    lang: str
    text: str
    value: float
    qualifier: str | None
    period: str


def _english_number(units: int, decimals: str) -> str:
    return f"{units:,}" + (f".{decimals}" if decimals else "")


def _french_number(units: int, decimals: str, separator: str) -> str:
    grouped = f"{units:,}".replace(",", separator)
    return grouped + (f",{decimals}" if decimals else "")


@st.composite
def written_amounts(draw: st.DrawFn, lang: str | None = None) -> Written:
    """Any supported written form of an amount, with qualifier and period words."""
    lang = lang or draw(st.sampled_from(["en", "fr"]))
    units = draw(st.integers(min_value=1, max_value=9999))
    decimals = draw(st.sampled_from(["", "5", "25", "07"]))
    mantissa = Decimal(f"{units}.{decimals}" if decimals else str(units))
    qualifier = draw(st.sampled_from(sorted(QUALIFIERS[lang], key=str)))
    period = draw(st.sampled_from(sorted(PERIODS[lang])))
    if lang == "en":
        scale = draw(st.sampled_from(sorted(SCALES)))
        number = _english_number(units, decimals)
        styles = [f"${number} {scale}", f"${number}{draw(st.sampled_from(EN_LETTERS[scale]))}",
                  f"US${number} {scale}", f"USD {number} {scale}", f"{number} {scale} dollars",
                  f"${int(mantissa * SCALES[scale]):,}"]
        core = draw(st.sampled_from(styles))
        if qualifier == "at_least" and draw(st.booleans()) and core.startswith("$"):
            before, after = "", "+"  # "$10B+"
        else:
            before, after = draw(st.sampled_from(QUALIFIERS[lang][qualifier])), ""
    else:
        scale = draw(st.sampled_from(sorted(FR_SCALES)))
        number = _french_number(units, decimals, draw(st.sampled_from(THOUSANDS_FR)))
        core = f"{number} {FR_SCALES[scale]} de dollars"
        before, after = draw(st.sampled_from(QUALIFIERS[lang][qualifier])), ""
    text = before + core + after + draw(st.sampled_from(PERIODS[lang][period]))
    return Written(lang, text, float(mantissa * SCALES[scale]), qualifier, period)


@settings(max_examples=400, deadline=None)
@given(amount=written_amounts(), data=st.data())
def test_every_written_format_reads_back(amount: Written, data: st.DataObject) -> None:
    sentence = data.draw(st.sampled_from(SENTENCES[amount.lang])).format(amount.text)
    found = find_amounts(sentence, amount.lang)
    assert len(found) == 1, (sentence, [a.text for a in found])
    (read,) = found
    assert abs(read.value - amount.value) <= 1e-9 * amount.value, (sentence, read.value)
    assert read.qualifier == amount.qualifier, sentence
    assert read.period == amount.period, sentence
    assert read.currency == "USD" and read.vague is False
    assert read.text == amount.text, sentence


COMPANIES = ["Nvidia", "OpenAI", "Anthropic", "CoreWeave", "Acme Robotics"]
NOT_DEALS = {
    "en": ["{co} raised new funding in a round that values it at {amt}.",
           "{co} is now valued at {amt}, people familiar with the matter said.",
           "Investors bought in at a valuation of {amt}.",
           "{co}'s market value topped {amt} on Wednesday.",
           "{co}'s market capitalization reached {amt} after the rally.",
           "{co} posted revenue of {amt} for the quarter.",
           "{co} reported a net loss of {amt} for the year.",
           "Blue Owl closed its latest fund at {amt}."],
    "fr": ["{co} est désormais valorisée à {amt}.",
           "La capitalisation boursière de {co} a dépassé {amt} mercredi.",
           "Le chiffre d'affaires de {co} a atteint {amt}."],
}
PRICES = ["{co} shares closed at ${p} on Friday.",
          "The investor bought the stock at ${p} a share.",
          "The warrants carry an exercise price of ${p} per share.",
          "Analysts raised their price target on {co} to ${p}."]
PERCENTAGES = {"en": ["{co} bought a {p}% stake in the venture.", "{co} shares rose {p} %.",
                      "{co} will own {p} percent of the company."],
               "fr": ["{co} détient une participation de {p} % du capital.",
                      "L'action {co} a progressé de {p}%."]}


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_valuations_and_market_figures_are_never_deals(data: st.DataObject) -> None:
    lang = data.draw(st.sampled_from(["en", "fr"]))
    amount = data.draw(written_amounts(lang))
    company = data.draw(st.sampled_from(COMPANIES))
    sentence = data.draw(st.sampled_from(NOT_DEALS[lang])).format(co=company, amt=amount.text)
    found = find_amounts(sentence, lang)
    assert found, sentence
    assert all(a.role != "deal" for a in found), (sentence, [(a.text, a.role) for a in found])


@settings(max_examples=200, deadline=None)
@given(units=st.integers(min_value=0, max_value=999), cents=st.integers(0, 99),
       company=st.sampled_from(COMPANIES), template=st.sampled_from(PRICES))
def test_share_prices_are_never_deals(units: int, cents: int, company: str,
                                      template: str) -> None:
    sentence = template.format(co=company, p=f"{units}.{cents:02d}")
    found = find_amounts(sentence)
    assert len(found) == 1, sentence
    assert found[0].role in ("share_price", "price_target"), (sentence, found[0].role)


@settings(max_examples=200, deadline=None)
@given(lang=st.sampled_from(["en", "fr"]), units=st.integers(min_value=0, max_value=100),
       decimals=st.sampled_from(["", "5", "25"]), company=st.sampled_from(COMPANIES),
       data=st.data())
def test_percentages_are_never_amounts(lang: str, units: int, decimals: str, company: str,
                                       data: st.DataObject) -> None:
    mark = "," if lang == "fr" else "."
    number = f"{units}{mark}{decimals}" if decimals else str(units)
    sentence = data.draw(st.sampled_from(PERCENTAGES[lang])).format(co=company, p=number)
    assert find_amounts(sentence, lang) == [], sentence
