"""People are not parties: telling a person's name from a company's among capitalised runs.

News and filings name people next to companies all the time ("Nvidia CEO Jensen Huang said",
"By Jordan Novak", "Billionaire Elon Musk's AI startup xAI"). A run is taken for a person when
probablepeople's name model reads it as a person's name and the words around it say so (a role
or title before it, a role or a verb of saying after it, a possessive followed by a
description). Either alone is not enough: the model reads many two-word company names as people
("Westmark Power"), and roles also follow companies ("Nvidia, the chipmaker").
"""

from __future__ import annotations

import re

import probablepeople

from transform.entities.words import is_company_word

_PERSON_ROLE = (r"(?:ceo|chief|founder|co-founder|cofounder|president|chair|chairman|"
                r"chairwoman|executive|analyst|reporter|director|spokesperson|spokesman|"
                r"spokeswoman|billionaire|minister|secretary|head|partner|investor|"
                r"entrepreneur|pdg|fondateur|directeur|patron|researcher|engineer|scientist|"
                r"professor|chercheur|ingénieur|scientifique|professeur)")
# "by" marks a byline ("By Jordan Novak"), not the agent of a deal: a round is "led by" firms.
_PERSON_BEFORE = re.compile(
    rf"(?:\b{_PERSON_ROLE}|\b(?:researcher|engineer|scientist|founder|co-founder|cofounder|"
    rf"executive|chercheur|ingénieur)s|(?<!led )(?<!backed )(?<!funded )(?<!financed )(?<!joined )"
    rf"(?<!acquired )(?<!owned )(?<!provided )(?<!made )\bby|\bmr\.?|\bms\.?|\bdr\.?|\bm\.|"
    rf"\bmme|\b(?:co-)?founded\s+by|\bfondée?s?\s+par|\bdirigée?s?\s+par)"
    rf"\s+(?:[\w.-]+\s+){{0,3}}$", re.IGNORECASE)
# "trading firm Jane Street", "VC firms Jane Street and ...": a firm is no person.
_FIRM_BEFORE = re.compile(r"\b(?:firms?|funds?|company|companies|group|lender|bank|"
                          r"fonds|société|firme|banque)\s+$", re.IGNORECASE)
# "Jane Doyle and Mark Baines", "Jane Doyle, Mark Baines": a name listed after a person's is a
# person's.
_NAME_AND_BEFORE = re.compile(r"\b([A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+){1,2})(?:,?\s+"
                              r"(?:and|et)|,)\s+$")
_PERSON_AFTER = re.compile(
    rf"^(?:,\s+(?:the\s+|its\s+|a\s+|le\s+|la\s+)?(?:[\w-]+\s+){{0,3}}{_PERSON_ROLE}\b"
    r"|\s+(?:said|says|told|wrote|a\s+dit|a\s+déclaré|estime|affirme|explique|déclare|"
    r"assure|souligne|précise|a\s+(?:affirmé|expliqué|indiqué|précisé|estimé|assuré))\b"
    r"|\s+(?:added|noted|explained|declared|argued)(?=\s*[,.:]|\s+that\b)"
    r"|['’]s\s+(?:[A-Z]{2,}\s+)?[a-z])", re.IGNORECASE)


# "le laboratoire de Sam Altman", "la société d'Elon Musk": a company described by its owner.
_OWNED_BY = re.compile(r"\b(?:laboratoire|groupe|société|entreprise|start-up|startup|firme|"
                       r"empire|fonds|holding)\s+(?:de\s+|d['’])\s*$", re.IGNORECASE)


def described_as_firm(sentence: str, start: int) -> bool:
    """The word before a name calls it a firm ("trading firm Jane Street", "VC firms ...")."""
    return bool(_FIRM_BEFORE.search(sentence[max(0, start - 30):start]))


def said_of_a_person(sentence: str, start: int, end: int) -> bool:
    """The words around a name say it is a person's: a role or title before it ("CEO",
    "billionaire", "By" of a byline), a role or a verb of saying after it, or a possessive
    followed by a description ("Elon Musk's AI startup")."""
    before = sentence[max(0, start - 50):start]
    if described_as_firm(sentence, start):
        return False
    if _PERSON_BEFORE.search(before) or _OWNED_BY.search(before) or \
            _PERSON_AFTER.match(sentence[end:end + 60]):
        return True
    pair = _NAME_AND_BEFORE.search(before)
    if pair is None:
        return False
    first_start = start - len(before) + pair.start(1)
    first_end = start - len(before) + pair.end(1)
    return looks_like_a_person(pair.group(1)) and said_of_a_person(sentence, first_start,
                                                                   first_end)


def looks_like_a_person(surface: str) -> bool:
    """True for a two- or three-word name that probablepeople's name model (a CRF trained on
    people and company names) reads as a person's, with no company word in it ("Jensen
    Huang", "Lisa Su"; not "Arbor Ridge Credit", which ends in a company word). One-word
    names are left alone: the model reads most one-word company names as surnames."""
    words = surface.split()
    if not 2 <= len(words) <= 3 or any(is_company_word(w) for w in words) or \
            not all(re.fullmatch(r"[A-Z][a-zà-ÿ'’-]+", w) for w in words):
        return False
    try:
        return probablepeople.tag(surface)[1] == "Person"
    except probablepeople.RepeatedLabelError:
        return False
