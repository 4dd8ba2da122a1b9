"""Word lists for finding parties: what a capitalised word that is not a company looks like,
and which kinds of company a definite description ("the chipmaker") can refer to.

Data, kept apart from the logic in `transform.parties` so it can grow without touching code.
"""

from __future__ import annotations

import re

from transform.entities.places import place_words

_ANY = None
_LABS = frozenset({"ai_lab", "unknown", "other"})
_CLOUDS = frozenset({"neocloud", "hyperscaler", "datacenter", "miner"})
_CHIPS = frozenset({"chipmaker"})
_MONEY = frozenset({"investor", "lender"})
_HARDWARE = frozenset({"hardware", "chipmaker"})

# Head noun of "the <modifiers> <head>" -> kinds it can refer to (None: any party).
DESCRIPTION_KINDS: dict[str, frozenset[str] | None] = {
    "chipmaker": _CHIPS, "chip maker": _CHIPS, "chip designer": _CHIPS,
    "chip company": _CHIPS, "chip giant": _CHIPS, "gpu maker": _CHIPS, "chip firm": _CHIPS,
    "semiconductor company": _CHIPS, "fondeur": _CHIPS,
    # "the startup", "la start-up" of the press are as often a GPU cloud as an AI lab
    "startup": _LABS | {"neocloud"}, "start-up": _LABS | {"neocloud"}, "ai lab": _LABS,
    "lab": _LABS,
    "ai company": _LABS,
    "ai developer": _LABS, "model maker": _LABS, "ai firm": _LABS,
    "cloud provider": _CLOUDS, "cloud company": _CLOUDS, "cloud computing company": _CLOUDS,
    "cloud firm": _CLOUDS, "neocloud": _CLOUDS, "gpu cloud": _CLOUDS, "hyperscaler": _CLOUDS,
    "data center operator": _CLOUDS, "data-center operator": _CLOUDS, "operator": _CLOUDS,
    "data center developer": _CLOUDS, "developer": _ANY, "landlord": _CLOUDS, "miner": _CLOUDS,
    "bitcoin miner": _CLOUDS, "hébergeur": _CLOUDS, "mineur": _CLOUDS, "néocloud": _CLOUDS,
    "géant": _ANY, "asset manager's": _MONEY,
    "investor": _MONEY, "fund": _MONEY, "asset manager": _MONEY, "lender": _MONEY,
    "bank": _MONEY, "private-credit firm": _MONEY, "investment firm": _MONEY,
    "server maker": _HARDWARE, "hardware maker": _HARDWARE,
    "company": _ANY, "firm": _ANY, "group": _ANY, "maker": _ANY, "société": _ANY,
    "groupe": _ANY, "entreprise": _ANY,
    # French descriptions of the press: "le fabricant de puces", "le loueur de puissance de calcul"
    "fabricant de puces": _CHIPS, "concepteur de puces": _CHIPS,
    "laboratoire": _LABS, "créateur de chatgpt": _LABS, "loueur": _CLOUDS,
    "éditeur de logiciels": _CLOUDS, "banque": _MONEY, "créancier": _MONEY,
    # what the press calls a company it has named: "the specialist", "la jeune pousse" (read
    # as the sentence's subject only: SUBJECT_ONLY_DESCRIPTIONS)
    "specialist": _ANY, "spécialiste": _ANY, "jeune pousse": _LABS | {"neocloud"},
    "pépite": _ANY, "licorne": _ANY, "unicorn": _ANY, "outfit": _ANY,
}
# Descriptions that refer back only when they open the clause ("Le spécialiste normand du
# calcul a obtenu ..."); after another company ("X a racheté le spécialiste luxembourgeois
# des centres de données") they describe a company the text has not named.
SUBJECT_ONLY_DESCRIPTIONS = frozenset({"specialist", "spécialiste", "jeune pousse", "pépite",
                                       "licorne", "unicorn", "outfit"})

# Words ending a company name ("Brookfield Asset Management", "Lepton AI", "ZT Systems").
ORG_SUFFIXES = frozenset(
    """n.a. n.a na credit inc inc. corp corp. corporation co co. company ltd ltd. limited llc
    plc ag sa nv n.v.
    se group holdings holding capital partners management technologies technology systems
    labs lab ai ia networks computing compute gpu cloud neocloud digital mining energy bank ventures
    hosting silicon photonics
    fund funds vc reit
    lp l.p llp l.l.p l.l.c gmbh bv b.v s.a s.a.s sas sarl pte pty
    infrastructure data centers centres realty semiconductor semiconductors micro devices
    platforms solutions industries robotics financial asset investments trust securities
    """.split()
)

# People's titles: "CEO Hock Tan", "Chief Executive Jensen Huang".
TITLE_WORDS = frozenset(
    "ceo cfo cto coo chief executive officer president chair chairman chairwoman vice founder "
    "co-founder director analyst analysts mr mrs ms dr m. mme minister secretary senator "
    "spokesperson spokesman spokeswoman".split()
)

_FUNCTION = """a an the this that these those its it it's their our his her we they you i
    he she on in at of for to by from with under over into onto after before as and or but
    nor so if while when where which who whom whose than then also even still yet all any
    each every some most more many much both either neither no not only other another such
    per via about around among between through during without within across against toward
    towards upon since until because though although however meanwhile moreover instead
    here there now today tomorrow yesterday last next earlier later new first second third
    separately together likewise overall plus minus according including excluding
    le la les un une des du de d' l' et ou mais en au aux dans sur pour par avec sans selon
    ce cette ces son sa ses leur leurs il elle ils elles on qui que quoi dont où si
    """.split()
_CALENDAR = """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december jan feb mar apr jun jul
    aug sep sept oct nov dec q1 q2 q3 q4 h1 h2 fy lundi mardi mercredi jeudi vendredi samedi
    dimanche janvier février mars avril mai juin juillet août septembre octobre novembre
    décembre""".split()
# Countries, US states, cities and regions: from the gazetteer (`transform.entities.places`).
_PLACES = sorted(place_words())
_PUBLICATIONS = """reuters bloomberg information journal wsj ft financial times cnbc axios
    semafor nyt post verge techcrunch barron's barrons forbes fortune economist nikkei
    dealbook insider echos figaro tribune libération mediapart bfm""".split()
_PRODUCTS = """ai ia gpu gpus tpu tpus cpu cpus chip chips blackwell rubin vera grace hopper
    instinct gb200 gb300 nvl72 h100 h200 h20 b200 b300 mi300 mi300x mi325x mi350 mi355x mi400
    mi450 trainium inferentia maia cobalt axion chatgpt claude gemini grok llama copilot
    colossus hyperion prometheus frontier lake mariner barber polaris forge helios campus
    series ipo spac llm llms api cloud ethernet nvlink infiniband ultra pro max hpc ml""".split()
_DOCUMENT = """item items agreement agreements master services order form securities purchase
    plan merger exhibit section form report annual quarterly current definitive material
    entry termination completion acquisition disposition assets financial statements
    condensed consolidated unaudited audited
    registrant commission act amendment amended restated credit facility term loan notes
    warrant warrants stock common preferred shares class press release subscription backstop
    capacity offtake framework memorandum understanding letter intent sheet indenture
    guarantee support lease leases supply purchase colocation hosting pursuant whereas hereby
    herein thereof thereto notwithstanding bsa bsar""".split()
_UNITS = """mw gw kw mwh gwh twh tb gb pb nm usd eur gbp cad aud jpy chf sgd inr cny rmb hkd krw
    billion billions million millions trillion trillions milliard milliards""".split()
_NEWS_WORDS = """shares stocks markets market investors analysts executives officials
    shareholders stockholders vcs lenders borrowers buyers sellers customers tenants suppliers
    backers bidders participants
    vendors landlords
    sources people person report reports reported according said says told deal deals
    talks sale big tech breaking update exclusive opinion watch live video markets""".split()

PLACE_AND_PRODUCT_WORDS = frozenset(_PLACES + _PRODUCTS)

# Capitalised words of a headline that are verbs or deal words, never part of a name.
HEADLINE_BREAKS = frozenset(
    """buy buys bought acquire acquires to invest invests invested rent rents lease leases
    sign signs signed ink inks inked deal deals pact takeover merger stake sells sell sold
    call calls off vote votes down push bets bet backs back nears near weigh weighs said
    says seals seal lands land wins win raises raise raised taps tap agrees agree plans plan
    valuation investment billion million trillion exclusive report reports new shareholders
    capacity chips gpus servers racks data center centers contract contracts order orders
    with from for in on at of as amid after over into up is are was be will warrants hands
    hand startup startups specialist maker makers designer firm company lab rival giant unit
    operator developer provider cloud secures secure secured closes close closed gets get
    nabs snags bags scoops books taps picks turns expands extends doubles completes
    announces unveils files borrows lends funds finances backs leads joins""".split()
)

# Lower-cased words that are never (the edge of) an open-world company name.
NAME_STOPWORDS = frozenset(
    _FUNCTION + _CALENDAR + _PLACES + _PUBLICATIONS + _PRODUCTS + _DOCUMENT + _NEWS_WORDS
    + _UNITS
)


def is_company_word(word: str) -> bool:
    """True for a word that ends or marks a company name ("Capital", "Inc.", "Labs's")."""
    return re.sub(r"['’]s?$", "", word.strip(".,")).lower() in ORG_SUFFIXES
