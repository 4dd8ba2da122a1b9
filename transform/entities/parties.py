"""Who can be a party in a sentence: known entities, unknown organisations, and references.

Kinds of party mention, found in this order (earlier kinds win overlaps):

* known entities from the reference table (`EntityTable.find_mentions`, aliases included);
* SEC defined terms, acronyms and tickers in brackets, and references that point back to a
  party (`transform.entities.references`: defined terms, "the chipmaker", "the latter"),
  resolved against the discourse (`transform.entities.discourse`): the parties seen so far in
  the document, newest first, filtered by the kind of company a description names;
* open-world organisations: runs of capitalised words that are not common sentence words,
  places, publications, people's titles or product names ("Galaxy Digital", "Lepton AI",
  "Weights & Biases"), so a company missing from the table is still a party under its name;
  in a post written in lower case, the names `transform.entities.social_names` reads;
* "the Company" nothing resolved, and pronouns ("it", "its", "which", "we").
"""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from transform.entities.discourse import Discourse, Party, overlaps
from transform.entities.name_words import (
    HEADLINE_ZIPF,
    first_word_start,
    guess_kind,
    is_common_word,
    is_currency_code,
    is_headline,
    is_place_or_product,
    not_name_word,
    split_headline_run,
)
from transform.entities.people import described_as_firm, looks_like_a_person, said_of_a_person
from transform.entities.places import place_names
from transform.entities.products import product_parties
from transform.entities.references import defined_terms, pronouns, references, the_company
from transform.entities.social_names import (
    described_start,
    is_lowercase_register,
    lowercase_names,
)
from transform.entities.table import EntityTable
from transform.entities.words import (
    DESCRIPTION_KINDS,
    NAME_STOPWORDS,
    PLACE_AND_PRODUCT_WORDS,
    TITLE_WORDS,
    is_company_word,
)

__all__ = ["Discourse", "Party", "find_parties", "guess_kind", "is_common_word", "is_headline"]

# A capitalised name word: "Galaxy", "TeraWulf", "xAI", "Run:ai", "ZT", "Weights", "Co."
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ][\w'’.:\-]*[\w.]|[A-Z]|[a-z]{1,3}[A-Z][\w\-]*)"
# "Banque de l'Estuaire", "Caisse d'Épargne": a French institution's name goes on after an
# elided "de".
_ELIDED_DE = "|".join(rf"(?<={word})" for word in ("Banque", "Caisse", "Crédit", "Fonds",
                                                    "Société", "Compagnie", "Groupe"))
_OPEN_NAME = re.compile(
    rf"(?<![\w$]){_NAME_WORD}(?:(?:\s+|\s*&\s*|\s+(?:of|de|du|des)\s+|\s+\d\s+(?=[A-Z][a-z])|"
    rf"(?:{_ELIDED_DE})(?:\s+de\s+l['’]\s*|\s+d['’]\s*|\s+de\s+la\s+))"
    rf"{_NAME_WORD}){{0,5}}"
)
_DEFINED_TERM = re.compile(
    r"\(\s*(?:together\s+with\s+its\s+subsidiaries,\s*|collectively,\s*)?"
    r"(?:the\s+)?[\"“]([A-Z][\w&.\- ]{1,40})[\"”]\s*\)"
)

# "Ector County", "Richland Parish": a name followed by a local government's area is a place.
_ADMIN_AREA = re.compile(r"\s+(?:County|Parish|Borough|Township)\b")
# ", Virginia", ", Norway": a name followed by its state or country is a place.
_IN_REGION = re.compile(r",\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b(?!['’\-])")
# Capitalised words that open company names ("I Squared Capital", "New Era Energy") though they
# are common words elsewhere: kept before two more name words ending in a company word.
_NAME_OPENERS = frozenset({"I", "New", "First", "Next"})
_TRAILING_UNIT = re.compile(
    r"(?:\.com)?(?:\s+(?:Ventures|Capital|Bank|USA|Securities|Funding|Group|Holdings|"
    r"Asset\s+Management|Management|Investments?|Investment|Cloud|Web\s+Services|Partners|"
    r"Senior\s+Funding|Global|NV|LLC|Inc\.?))+\b"
)


# A known name followed by one or two capitalised words and a company word: an investment arm
# of the known company ("Samsung Catalyst Fund", "SoftBank Vision Fund"), or another company
# named after the same word ("Vantage Fjord Data", "Lumen Forge Systems").
_LONGER_NAME = re.compile(
    r"(?:\s+(?!(?:AI|Cloud|Series|Class|The|And|Of|In|For)\b)[A-Z][a-z][\w\-]*){1,2}\s+"
    r"(?:(?P<unit>Fund|Funds|Ventures|Capital|Partners|Investments|Investment\s+Fund)|"
    r"Data|Hosting|Silicon|Systems|Labs|Compute|Computing|Mining|Energy|Networks|Robotics|"
    r"Semiconductor|Semiconductors|Technologies|Digital|Infrastructure|Photonics|Power)\b")


def _named_before(sentence: str, start: int, name: str) -> int | None:
    """Where a longer capitalised name starts that a known company named by one common word
    ("Switch", "Flex") ends ("Global Switch"): a word before it that is no label, place,
    title or function word. None when there is none."""
    if " " in name or not is_common_word(name) or is_headline(sentence):
        return None  # in a headline every word is capitalised
    before = re.search(r"(?<![\w'’\-])([A-Z][a-z]+)\s+$", sentence[:start])
    if before and not not_name_word(before.group(1), False) and \
            not is_place_or_product(before.group(1)) and \
            before.group(1).lower() not in _LABEL_WORDS:
        return before.start(1)
    return None


def _known(sentence: str, table: EntityTable) -> list[Party]:
    out = []
    # a post that names a company in lower case ("... (siriun semi)") names others so too
    lowercase = is_lowercase_register(sentence) and bool(lowercase_names(sentence))
    for mention in table.find_mentions(sentence, other_names=lowercase):
        entity = table.by_id(mention.entity_id)
        assert entity is not None
        end = mention.end
        if re.match(r"-(?:based|backed|owned|listed|led|linked|powered|made)\b", sentence[end:]):
            continue  # "the Nvidia-backed cloud provider": a modifier, not a party
        named_from = _named_before(sentence, mention.start, entity.name)
        if named_from is not None:
            # "Global Switch" is not Switch: another company, named here with both words
            surface = sentence[named_from:mention.end]
            other = table.resolve(surface)
            known = table.by_id(other.entity_id) if other.known else None
            out.append(Party(named_from, mention.end, surface, other.entity_id, other.name,
                             other.known, known.kind if known else guess_kind(surface),
                             "open_world"))
            continue
        # "AMD Ventures", "Goldman Sachs Bank USA": a unit of a known company is that company.
        unit = _TRAILING_UNIT.match(sentence, end)
        if unit and (sentence[mention.start].isupper() or mention.surface.isupper()):
            end = unit.end()
        else:
            longer = _LONGER_NAME.match(sentence, end)
            if longer and sentence[mention.start].isupper() and not any(
                    w.lower() in PLACE_AND_PRODUCT_WORDS or w.lower() in NAME_STOPWORDS
                    for w in longer.group().split()[:-1]):
                if longer.group("unit"):
                    end = longer.end()  # "Samsung Catalyst Fund": an investment arm
                else:
                    continue  # "Vantage Fjord Data": another company, found as a new name
        out.append(Party(mention.start, end, sentence[mention.start:end], entity.entity_id,
                         entity.name, True, entity.kind, "entity"))
    return out



_PREFIX = re.compile(r"^(?:[\w-]+-(?:based|backed|owned|listed|headquartered)\s+|[LlDd]['’])")
def _open_world(sentence: str, table: EntityTable, taken: list[Party],
                headline: bool, discourse: Discourse | None = None) -> list[Party]:
    out = []
    for match in _OPEN_NAME.finditer(sentence):
        start, end = match.span()
        prefix = _PREFIX.match(match.group())
        if prefix:
            start += prefix.end()
            descriptor = re.match(r"[a-zà-ÿ][\w\-]*(?:\s+|$)", sentence[start:end])
            if descriptor:  # "L'hébergeur Eclairion": the noun after the article is no name
                start += descriptor.end()
                if start >= end:
                    continue  # "L'opérateur de ...": no name at all
        words = sentence[start:end].split()
        if headline and len(words) > 1:
            pieces = split_headline_run(words)
            if len(pieces) != 1 or pieces[0] != words:
                for piece in pieces:
                    piece_start = sentence.index(piece[0], start)
                    piece_end = sentence.index(piece[-1], piece_start) + len(piece[-1])
                    out += _open_world_span(sentence, table, taken + out, piece_start,
                                            piece_end, headline, discourse)
                continue
        out += _open_world_span(sentence, table, taken + out, start, end, headline, discourse)
    return out


# Institutions named after the country they serve; "Brightwater Partners of London" is a firm
# and where it is.
_INSTITUTION_WORDS = frozenset({"bank", "fund", "authority", "corporation", "council", "banque",
                                "system", "board", "plan",
                                "fonds", "caisse"})


# Words that make a region of a place ("Central Texas", "Greater Paris"), not an agency.
_REGION_WORDS = frozenset(
    "north south east west northern southern eastern western central greater upper lower new "
    "old great mid nord sud est ouest grand grande haute basse northeast northwest southeast "
    "southwest northeastern northwestern southeastern southwestern".split())
# "its campus in X", "son site de X", "the data center near X": what follows a facility and a
# preposition of place is where it stands.
_FACILITY_AT = re.compile(
    r"\b(?:campus(?:es)?|sites?|facilit(?:y|ies)|data\s*cent(?:er|re)s?|datacent(?:er|re)s?|"
    r"plants?|parcs?|parks?|usines?|entrepôts?)\s+(?:in|at|near|outside|de|d['’]|du|à|en|près\s+de)"
    r"\s+(?:l['’]|la\s+|le\s+|les\s+)?$")


# The kinds of document a defined term of a filing names ("the Datacenter Lease").
_CONTRACT_WORDS = frozenset({"lease", "leases", "agreement", "agreements", "obligations",
                             "notes", "indenture", "warrant", "warrants", "facility",
                             "commitments", "contingencies"})
# After a possessive: a description of a company, then its name ("'s artificial
# intelligence startup xAI", "'s neurotechnology company, Neuralink").
_OWNS_A_NAMED_COMPANY = re.compile(r"\s+(?:[a-z][\w\-]*\s+){0,4}?(?:startup|start-up|company|"
                                   r"firm|venture|lab|laboratory|outfit)\s*,?\s+[A-Z]")
_CONTRACT_TITLE_AFTER = re.compile(r"\s+(?:[A-Z][\w\-]*\s+){0,2}?(?:Agreements?|Leases?|Facility|"
                                   r"Notes|Indenture|Warrants?|Obligations|Commitments?)\b")
_INDEFINITE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)
# What an unknown name before it describes, after "a"/"an": a financing or a facility.
_MODIFIED_NOUN = re.compile(r"\s+(?:[a-z\-]+\s+)?(?:facility|loan|tranche|bond|notes|line|"
                            r"refund|credit|tax|project|campus|site|cluster|deployment)\b")


# "Les Américains de X", "les Britanniques de Y": French news names a company by its nation's
# people first.
_PEOPLE_OF_A_NATION = re.compile(r"[A-Z][a-zà-ÿ]+(?:ains|aines|ais|aises|ois|oises|iens|iennes|"
                                 r"ands|andes|ques|ens|ols)")


# Institutions named by what they hold and what they are: "Public Sector Pension Investment
# Board", "Healthcare of Ontario Pension Plan", "Teachers Retirement System of Texas",
# "European Innovation Council" (none of these words alone makes a company's name).
_INSTITUTION_MODIFIERS = frozenset({"pension", "pensions", "investment", "retirement",
                                    "superannuation", "innovation", "development", "wealth",
                                    "sovereign", "endowment", "provident", "insurance"})
_INSTITUTION_TAILS = frozenset({"plan", "board", "system", "council", "authority", "agency",
                                "corporation", "commission", "office"})
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "its", "their", "our", "la", "le",
                       "les", "sa", "son", "ses"})
_ROMAN = re.compile(r"(?=[IVX]{1,5}$)X{0,3}(?:IX|IV|V?I{0,3})")


def _names_an_institution(words: list[str]) -> bool:
    """True for a run whose words name an institution: "... Pension Plan", "... Investment
    Board", "... Innovation Council"."""
    bare = [w.strip(".,").lower() for w in words]
    # (a name stands before them: "Pension Plan" alone is a plan, or the end of a name cut
    # at a possessive, "Ontario Teachers’ Pension Plan")
    return any(bare[i] in _INSTITUTION_TAILS and bare[i - 1] in _INSTITUTION_MODIFIERS
               and bare[i - 2] not in _ARTICLES for i in range(2, len(bare)))


def _numbered_fund(words: list[str]) -> bool:
    """True for a fund's number after its name: "Stellmoor Partners Fund III", "Fund II"."""
    return len(words) > 1 and words[-2].strip(".,").lower() in ("fund", "funds") and \
        bool(_ROMAN.fullmatch(words[-1].strip(".,")))


def _person_said_here(name: str, sentence: str, start: int, end: int,
                      discourse: Discourse | None, owner: bool = False) -> bool:
    """True when `name` (at `start`..`end`) reads as a person's and the words around it say so
    (with `owner`, also a possessive before the company it describes); the surname is then
    remembered, so that a later "Walter said" or "Walter's stakes" names no company."""
    if not looks_like_a_person(name) or not (
            said_of_a_person(sentence, start, end) or
            (owner and _OWNS_A_NAMED_COMPANY.match(sentence, end))):
        return False
    if discourse is not None:
        discourse.people.add(name.split()[-1])
    return True


def _common_plural(word: str) -> bool:
    """True for a plural of a common noun ("Regulators", "Analysts", "Lenders"): the word and
    its singular are both words of the language ("Siemens" is not a plural of "Siemen")."""
    return bool(re.fullmatch(r"[A-Z][a-z]{3,}s", word)) and \
        zipf_frequency(word.lower(), "en") >= 3.0 and zipf_frequency(word[:-1].lower(), "en") >= 3.0


def _region_of_a_place(words: list[str]) -> bool:
    """True for a part of a place: "Southeast Asia", "Northern Virginia", "West Texas"."""
    return len(words) >= 2 and words[0].lower() in _REGION_WORDS and \
        all(is_place_or_product(w) for w in words[1:])


def _noun_and_place(words: list[str]) -> bool:
    """True for an agency named by a noun and its place, mid-sentence: "Investissement
    Québec", "Enterprise Ireland", "Business France" (not "Central Texas")."""
    if len(words) != 2 or not words[0][:1].isupper():
        return False
    noun, place = words[0], words[1].strip(".,")
    return is_common_word(noun) and noun.lower() not in _REGION_WORDS and \
        not is_place_or_product(noun) and is_place_or_product(place) and \
        " ".join(words).lower() not in place_names()


def _french_participle(word: str) -> bool:
    """True for a French past participle ("Baptisé", "Nommée", "Fondée")."""
    return bool(re.fullmatch(r"[A-ZÉ][a-zà-ÿ]{2,}(?:é|ée|és|ées)", word)) and \
        zipf_frequency(word.lower(), "fr") >= 2.0


def _ends_of_a_place(words: list[str]) -> bool:
    """True for a name that ends "<company word> of <place>": "Industrial Bank of Korea",
    "Development Bank of Japan" (the place is part of it)."""
    return len(words) > 2 and words[-2] in ("of", "de", "du", "des") and \
        words[-3].lower() in _INSTITUTION_WORDS and is_place_or_product(words[-1].strip(".,"))


def _open_world_span(sentence: str, table: EntityTable, taken: list[Party], start: int,
                     end: int, headline: bool, discourse: Discourse | None) -> list[Party]:
    out: list[Party] = []
    words = sentence[start:end].split()
    titled = next((i for i, w in enumerate(words) if i and w.strip(".,").lower() in TITLE_WORDS),
                  None)
    if titled is not None:
        # "Commerce Secretary Howard Lutnick", "Nvidia CEO Jensen Huang": a person follows the
        # title; only what stands before it can be an organisation.
        words = words[:titled]
        end = sentence.index(words[-1], start) + len(words[-1])
    owner = next((i for i, w in enumerate(words[:-1]) if re.search(r"['’]s$", w)), None)
    if owner is not None:
        head = [w.rstrip(".,") for w in words[:owner + 1]]
        head[-1] = re.sub(r"['’]s$", "", head[-1])
        if looks_like_a_person(" ".join(head)) or looks_like_a_person(" ".join(head[1:])) or \
                " ".join(head).lower() in place_names():
            if discourse is not None and " ".join(head).lower() not in place_names():
                discourse.people.add(head[-1])
            # "Billionaire Elon Musk's AI startup", "Mira Murati's Thinking Machines Lab",
            # "London's Blackfriars Compute": a person's or a place's possessive is no part of
            # a name; what follows it may be one.
            rest = sentence.index(words[owner + 1], start + len(" ".join(words[:owner + 1])))
            return _open_world_span(sentence, table, taken, rest, end, headline, discourse)
        # "Halden Data's Lakeside facility": the owner is the name; what it owns is not.
        words = words[:owner + 1]
        end = sentence.index(words[-1], start) + len(words[-1])
    if len(words) > 2 and words[-2].lower() in ("series", "class", "tranche") and \
            re.fullmatch(r"[A-Z]\d?[+-]?[.,]?", words[-1]):
        # "Zettabyte Cloud's Series B": the round is not part of the name
        words = words[:-2]
        end = sentence.index(words[-1], start) + len(words[-1])
    if len(words) > 3 and words[0] in ("Les", "les") and \
            _PEOPLE_OF_A_NATION.fullmatch(words[1]) and words[2] in ("de", "du", "des"):
        # "Les Américains de Halden Data": the nation's people before the company's name
        rest = sentence.index(words[3], start + len(" ".join(words[:3])))
        return _open_world_span(sentence, table, taken, rest, end, headline, discourse)
    if len(words) > 2 and words[0] in ("IA", "AI") and words[1] in ("de", "du", "des"):
        # "clients IA de Halden Cloud": the field and its preposition before the name
        rest = sentence.index(words[2], start + len(words[0]) + len(words[1]) + 1)
        return _open_world_span(sentence, table, taken, rest, end, headline, discourse)
    if len(words) > 1 and words[0] in ("IA", "AI") and \
            re.search(r"\b(?:d|l)['’]\s*$", sentence[:start]):
        # "le laboratoire d'IA Lumerolle": the field ends the description before the name
        rest = sentence.index(words[1], start + len(words[0]))
        return _open_world_span(sentence, table, taken, rest, end, headline, discourse)
    if words and words[0] in ("Project", "Projet", "Projects", "Operation", "Opération"):
        return out  # "Project Southgate", "Projet Aurora": a project, not a company
    if len(words) == 1 and is_currency_code(words[0]) and \
            re.match(r"\s*\d", sentence[end:]):
        return out  # "SEK 3bn": a currency's code before a figure
    has_suffix = any(is_company_word(w) for w in words) or _names_an_institution(words)
    # "Sakura Compute", "Stavanger Data": a place named with a company word is a name; a place
    # with a product word ("Texas GPU cluster") is not.
    place_named = len(words) > 1 and any(
        is_company_word(w) and not is_place_or_product(w) for w in words)
    numbered = any(w.isdigit() for w in words[1:-1])  # "Digital 9 Infrastructure"
    if words and not numbered and all(is_company_word(w) or (not_name_word(w, headline) and not (
            place_named and is_place_or_product(w))) for w in words):
        return out  # "GPU", "Cloud": no name in it
    # Trim words that cannot be part of a name at either end ("On", "Texas", "CEO");
    # a place or product word stays inside a suffixed name ("US Innovative Technology Fund").
    # "Corona Fission", "Prairie Vault": a place followed by one rare capitalised word is a
    # company named after the place, not a place and a word.
    place_then_name = len(words) == 2 and is_place_or_product(words[0]) and \
        not not_name_word(words[1], headline) and not is_common_word(words[1])
    while words and not_name_word(words[0], headline) and not (
            (has_suffix or place_then_name) and len(words) > 1
            and is_place_or_product(words[0])) and not (
            has_suffix and len(words) > 2 and (
                words[0] in _NAME_OPENERS or re.fullmatch(r"[A-Z]\d", words[0]))):
        start = sentence.index(words[0], start) + len(words[0])
        words = words[1:]
        while start < end and sentence[start] in " &":
            start += 1
    if len(words) > 1 and start == first_word_start(sentence) and \
            _french_participle(words[0]):
        # "Baptisé Kyutai, ce laboratoire ...", "Fondée en 2023, Brevane ...": a participle
        # that opens the sentence is no part of the name after it
        start = sentence.index(words[1], start + len(words[0]))
        words = words[1:]
    if _opens_with_a_label(words, start == first_word_start(sentence)):
        # "Neocloud Ryvo borrowed ...", "Texas Miner Pecos Hash": a label, then the name
        start = sentence.index(words[1], start + len(words[0]))
        words = words[1:]
    last_company = max((i for i, w in enumerate(words) if is_company_word(w)), default=None)
    if last_company is not None and 0 < last_company < len(words) - 1 and all(
            is_common_word(w) for w in words[last_company + 1:]) and \
            not _ends_of_a_place(words[:last_company + 3]) and \
            not _numbered_fund(words[:last_company + 2]):
        # "Blackfriars Compute Raises £250 Million": the name ends at its company word
        words = words[:last_company + 1]
        end = sentence.index(words[-1], start) + len(words[-1])
    owner = next((i for i in range(1, len(words) - 2) if words[i] in ("de", "of", "d'")
                  and looks_like_a_person(" ".join(words[i + 1:]))), None)
    if owner is not None:
        # "Founders Fund de Peter Thiel", "the Vision Fund of Masayoshi Son": the owner named
        # after the fund is no part of its name
        words = words[:owner]
        end = sentence.index(words[-1], start) + len(words[-1])
    firm = described_as_firm(sentence, start)
    whole_run = list(words)
    run_end = sentence.index(words[-1], start) + len(words[-1]) if words else end
    if 2 <= len(words) <= 3 and not_name_word(words[-1], headline) and \
            _person_said_here(" ".join(words), sentence, start, run_end, discourse):
        # "Founded in 2019 by Aidan Gomez": the whole run is a person's name, though its last
        # word alone is also a place's (and would be trimmed off as one)
        return out
    while words and not_name_word(words[-1], headline) and not is_company_word(words[-1]) \
            and not _numbered_fund(words) and not _names_an_institution(words[-3:]) \
            and not (firm and len(words) > 1 and words[-1][0].isupper()) \
            and not _ends_of_a_place(words) \
            and not (start != first_word_start(sentence) and _noun_and_place(words)):
        end = sentence.rindex(words[-1], start, end)
        words = words[:-1]
        end = len(sentence[:end].rstrip(" &"))
    # "the Datacenter Lease", "Purchase Obligations": a defined term of a contract ends with
    # the kind of document it is; what stands before it is no company
    ends_in = {w.strip(".,").lower() for w in whole_run[len(words) - 1:]}
    if words and _INDEFINITE.search(sentence, 0, start) and \
            _CONTRACT_TITLE_AFTER.match(sentence, end) and \
            not table.resolve(" ".join(words)).known:
        return out  # "a Revolving Credit Agreement with": a contract's title, not a company
    if not words or overlaps(start, end, taken) or (
            ends_in & _CONTRACT_WORDS and
            (not any(is_company_word(w) for w in words) or _INDEFINITE.search(sentence, 0, start))
            and not table.resolve(" ".join(words)).known):
        return out  # (a company word does not save "a Data Center Lease": a company has no "a")
    surface = sentence[start:end].rstrip(".,")
    # "Orrin Cloud's customers": the possessive is no part of the name (as for a known one)
    possessive = bool(re.search(r"\w['’]s?$", surface))
    written_end = start + len(surface)  # with the possessive: what people's names are read on
    surface = re.sub(r"['’]s?$", "", surface) if possessive else surface
    end = start + len(surface)
    if len(surface) < 2 or surface.isdigit():
        return out
    if start == first_word_start(sentence) and len(surface.split()) == 1 and (
            is_common_word(surface) or _common_plural(surface) or
            re.fullmatch(r"[A-Z][a-z]{3,}ly", surface) or (
                re.fullmatch(r"[A-Z][a-zà-ÿ]+(?:ed|ée?s?|ués?|ue?s?|ies?|tes?)", surface)
                and re.match(r"\s+(?:by|par)\b", sentence[end:]))):
        # "Private lender X ...", "Concurrently, ...", "Soutenue par A, B ...": a word that
        # only starts it
        return out
    if headline and len(surface.split()) == 1 and is_common_word(surface, zipf=HEADLINE_ZIPF):
        return out  # "... as Longtime Chip Rivals Join Forces": capitals of a headline
    if not has_suffix and all(is_common_word(w) for w in surface.split()) and not firm and \
            not (possessive and start != first_word_start(sentence)) and \
            not (start != first_word_start(sentence) and _noun_and_place(surface.split())):
        # (a person's name of common words is remembered all the same: "CEO Mark Walter ...
        # Walter's stakes")
        _person_said_here(surface, sentence, start, written_end, discourse)
        return out  # "Risk Factors", "Procedures", "Commerce": headings and defined terms
    if re.search(r"\b(?:County|Parish|Borough|Township)$", surface) or \
            _ADMIN_AREA.match(sentence, end):
        return out  # "Richland Parish", "Ector County": a local government's area
    if any(p.via == "description" and re.fullmatch(r"\s+(?:de|d['’]|of)\s*",
                                                   sentence[p.end:start]) for p in taken):
        return out  # "au géant de Redmond": where the company described is, not a company
    if not has_suffix and re.search(r"\b(?:a|an)\s+$", sentence[:start]) and \
            _MODIFIED_NOUN.match(sentence, end):
        return out  # "a VAT facility", "an SOFR loan": a name that describes a thing
    if not has_suffix and (_region_of_a_place(surface.split()) or
                           _FACILITY_AT.search(sentence, 0, start)):
        return out  # "Southeast Asia"; "son campus de Saint-Ouen": places
    if not has_suffix and _IN_REGION.match(sentence, end) and \
            _IN_REGION.match(sentence, end).group(1).lower() in place_names():
        return out  # "Manassas, Virginia": a town named with its state or country
    if _person_said_here(surface, sentence, start, written_end, discourse, owner=possessive):
        # ("Elon Musk's artificial intelligence startup xAI": an owner's possessive before
        # the company it describes; "Rustbelt Power's data-centre unit" is a company's)
        return out  # "CEO Jensen Huang said", "By Jordan Novak": people are not parties
    if discourse is not None and surface in discourse.people:
        return out  # "Sungkyue Shin, chief financial officer ... Shin said": the same person
    # "Oxbow Cloud Holdings ... shares of Oxbow": a short form of a name this sentence or an
    # earlier one gave in full
    earlier = next((p for p in reversed(taken) if p.via == "open_world" and not p.known
                    and len(p.surface.split()) > 1
                    and p.surface.split()[0].lower() == surface.lower()), None)
    if earlier is None and discourse:
        earlier = discourse.by_first_word(surface) or discourse.by_initials(surface)
    if earlier is not None:
        out.append(Party(start, end, surface, earlier.entity_id, earlier.name,
                         earlier.known, earlier.kind, "open_world"))
        return out
    resolution = table.resolve(surface)
    kind = None
    if resolution.known:
        entity = table.by_id(resolution.entity_id)
        kind = entity.kind if entity else None
    out.append(Party(start, end, surface, resolution.entity_id, resolution.name,
                     resolution.known, kind or guess_kind(surface), "open_world"))
    return out


# Descriptions that never start a company's name ("Miner", "Chipmaker", "Startup").
_LABEL_WORDS = frozenset({"miner", "operator", "developer", "chipmaker", "startup", "start-up",
                          "neocloud", "hyperscaler", "lender", "landlord", "designer"})


def _opens_with_a_label(words: list[str], opens_sentence: bool) -> bool:
    """A run of capitalised words that starts with a description of the name after it: any
    description at the start of a sentence ("Neocloud Ryvo borrowed"), elsewhere one that never
    starts a name ("Texas Miner Pecos Hash"; not "Bank of America")."""
    if len(words) < 2:
        return False
    first = words[0].lower()
    if opens_sentence and first in DESCRIPTION_KINDS and \
            not all(is_company_word(w) for w in words[1:]):
        return True
    return len(words) > 2 and first in _LABEL_WORDS and words[1].lower() != "of"


_ACRONYM = re.compile(r"\(\s*([A-Z][A-Z0-9&]{1,7})\s*\)")


_SPELLED_WORD = re.compile(r"([A-Z][\w\-]*)['’]?|(of|and|&|de|du|des|for|the)")


def _spelled_out(before: str, term: str) -> tuple[int, int] | None:
    """The span of the words just before an acronym whose capitals spell it, one word a
    letter ("Ontario Teachers' Pension Plan" for OTPP; "of", "and" skipped), or None."""
    words = list(_SPELLED_WORD.finditer(before))
    letters = term.replace("&", "")
    need, index, start = len(letters), len(words) - 1, None
    end = len(before.rstrip(" ,"))
    if not words or words[-1].end() < end:
        return None
    while need and index >= 0:
        word = words[index]
        if index < len(words) - 1 and words[index + 1].start() - word.end() > 1:
            return None  # the words must follow each other
        if word.group(1):
            if word.group(1)[0] != letters[need - 1]:
                return None
            need, start = need - 1, word.start()
        index -= 1
    return (start, end) if not need and start is not None else None


def _abbreviates(term: str, name: str) -> bool:
    """"EDC" for "EcoDataCenter", "D9" for "Digital 9 Infrastructure": the term's characters
    are, in order, capitals or digits of the name, starting with its first letter."""
    marks = [c for c in name if c.isupper() or c.isdigit()]
    if not marks or term[0] != name[0].upper():
        return False
    if _in_order(term, marks):
        return True
    # "CenturyLink (CTL)": a ticker spells the name's letters in order, not only its capitals
    return term.isalpha() and term.isupper() and len(term) <= 5 and \
        re.search(".*?".join(term), name.upper()) is not None


def _in_order(term: str, marks: list[str]) -> bool:
    """The term's characters are, in order, among the marks."""
    position = 0
    for char in term.replace("&", ""):
        while position < len(marks) and marks[position] != char:
            position += 1
        if position == len(marks):
            return False
        position += 1
    return True


def _define_acronyms(sentence: str, discourse: Discourse, parties: list[Party]) -> None:
    """"EcoDataCenter (EDC)": the acronym in brackets after a name is that party from then on
    (the same as a filing's defined term), not a second company."""
    for match in _ACRONYM.finditer(sentence):
        term = match.group(1)
        before = sentence[:match.start()].rstrip()
        owner = [p for p in parties if p.end == len(before)] or [
            p for p in _open_world(before, discourse.table, parties, False)
            if p.end == len(before)]
        if owner and _abbreviates(term, owner[-1].surface):
            discourse.defined[term] = owner[-1]
        elif not owner:
            # "Ontario Teachers' Pension Plan (OTPP)": a name no finder read, spelled out by the
            # capitalised words whose initials make the acronym
            span = _spelled_out(before, term)
            if span is not None and not overlaps(*span, parties):
                surface = before[span[0]:span[1]]
                found = discourse.table.resolve(surface)
                party = Party(span[0], span[1], surface, found.entity_id, found.name,
                              found.known, guess_kind(surface), "open_world")
                parties.append(party)
                parties.sort(key=lambda p: p.start)
                discourse.defined[term] = party


def find_parties(sentence: str, discourse: Discourse) -> list[Party]:
    """Every party mention in a sentence, in text order, references resolved."""
    table = discourse.table
    parties = _known(sentence, table)
    for match in _DEFINED_TERM.finditer(sentence):
        if match.group(1).strip().lower() in NAME_STOPWORDS - {"company"}:
            continue  # (the "Lease"), (the "Agreement"): a document, not a party
        owner = [p for p in parties if p.end <= match.start()
                 and sentence[p.end:match.start()].strip(" ,.") in ("", "Inc", "Corp", "LLC")]
        if not owner:
            owner = [p for p in _open_world(sentence[:match.start()], table, parties, False)]
        if owner:
            term = match.group(1).strip()
            discourse.defined[term] = owner[-1]
            discourse.defined[term.lower()] = owner[-1]
    _define_acronyms(sentence, discourse, parties)
    tickers = _define_tickers(sentence, discourse, parties)
    parties += defined_terms(sentence, discourse, parties)
    # descriptions before the open-world names: "the startup" refers to a known company or an
    # earlier sentence's subject, not to a name this sentence lists beside it
    parties += references(sentence, discourse, parties)
    parties += _open_world(sentence, table, parties, is_headline(sentence), discourse)
    parties += the_company(sentence, parties)
    if is_lowercase_register(sentence) or (discourse.lowercase_post and
                                           not re.search(r"[A-Z][a-z]", sentence)):
        # (a short fragment of a post written in lower case is in its register too:
        # "landlord = stavely digital")
        discourse.lowercase_post = True
        parties += _lowercase_parties(sentence, table, parties)
    parties += product_parties(sentence, table, parties)
    parties += pronouns(sentence, discourse, parties)
    if tickers:  # "(NYSE: LUMN)", "(Nasdaq: IREN)": the listing of the name before it
        parties = [p for p in parties if not any(s <= p.start and p.end <= e for s, e in tickers)]
    return sorted(parties, key=lambda p: p.start)


def _lowercase_parties(sentence: str, table: EntityTable, taken: list[Party]) -> list[Party]:
    """Company names a post writes in lower case ("thalassa ai", "piraeus bank")."""
    out = []
    for start, end in lowercase_names(sentence):
        if overlaps(start, end, taken):
            continue
        surface = sentence[start:end]
        resolution = table.resolve(surface.title())
        entity = table.by_id(resolution.entity_id) if resolution.known else None
        # the party takes the place of the description its bracket labels
        described = described_start(sentence, start)
        if described < start and not overlaps(described, end, taken):
            end = sentence.index(")", end) + 1
            start = described
        out.append(Party(start, end, surface, resolution.entity_id, resolution.name,
                         resolution.known, entity.kind if entity else guess_kind(surface.title()),
                         "open_world"))
    return out


_TICKER = re.compile(r"\(\s*(?:NYSE(?:\s+American)?|NASDAQ|Nasdaq|TSXV?|LSE|ASX|AMEX|OTC\w*|"
                     r"Euronext(?:\s+\w+)?|SIX|HKEX|SGX|TYO|KRX|NSE|BSE|ETR|XETRA|CSE)\s*:\s*"
                     r"\$?([A-Z][A-Z0-9.\-]{0,6})\s*\)")


def _define_tickers(sentence: str, discourse: Discourse,
                    parties: list[Party]) -> list[tuple[int, int]]:
    """"Lumen Technologies (NYSE: LUMN)": the ticker names the company before it from then
    on; the bracket's spans, whose words (the exchange, the ticker) are no parties here."""
    spans = []
    for match in _TICKER.finditer(sentence):
        spans.append(match.span())
        before = sentence[:match.start()].rstrip()
        owner = [p for p in parties if p.end == len(before)] or [
            p for p in _open_world(before, discourse.table, parties, False)
            if p.end == len(before)]
        if owner:
            discourse.defined[match.group(1)] = owner[-1]
    return spans
