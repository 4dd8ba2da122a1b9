"""References to a party named before: defined terms, descriptions, "the latter", pronouns.

`Nebius Group N.V. (the "Company")` makes "the Company" mean Nebius from then on; "the
chipmaker", "le fabricant de puces" and "the startup" resolve to an earlier party of a
compatible kind; "the latter" and "the former" to the last two companies named; "it", "its",
"which", "we" to the sentence's or the discourse's subject. `transform.entities.parties` calls
these in order between the known entities and the open-world names.
"""

from __future__ import annotations

import re

from transform.entities.discourse import Discourse, Party, overlaps, ungoverned
from transform.entities.words import DESCRIPTION_KINDS, SUBJECT_ONLY_DESCRIPTIONS

_PRONOUN = re.compile(r"\b(?:it|its|which|who|we|our|us|ils|elle|il|lui)\b", re.IGNORECASE)
# "Y, qui lui achète": the company a French relative clause is about, right before it.
_QUI_BEFORE = re.compile(r",\s*qui\s+$", re.IGNORECASE)
_DESCRIPTION = re.compile(
    r"\b(?:(?:the|this|that|la|le|cet|cette|ce|au|du)\s+|l['’]\s*)(?P<mods>(?:[\w\-]+\s+){0,3}?)(?P<head>"
    + "|".join(sorted((re.escape(h) for h in DESCRIPTION_KINDS), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


# A description followed by a name labels that name ("the chipmaker Nvidia", "la société
# d'investissement Blisce", "the AI lab Anthropic"): the name is the party, not an antecedent.
_NAMED_NEXT = re.compile(r"(?:\s+(?:de|d['’]|du|des|of)\s*[a-zà-ÿ][\w\-]*)?"
                         r"(?:\s+[a-zà-ÿ][\w\-]*(?:ne|ise|ais|aise|ien|ienne|ain|aine|ique|ois|oise|an|ese))?"
                         r"\s+[A-Z](?:[\w&.\-]*[a-z]|[A-Z0-9&]+\b)")

_OPENS_A_CLAUSE = re.compile(r"(?:^|[,;:]\s*)[^\w]*$")
_TITLE_CASE_NAME = re.compile(r"(?:[A-Z][\w\-]*\s+)+[A-Z][\w\-]*")
_LATTER = re.compile(r"\b(?:the\s+|ce\s+|cette\s+|la\s+|le\s+)(?P<which>latter|former|dernière|"
                     r"dernier|premier|première)\b", re.IGNORECASE)
_LAST_ONE = frozenset({"latter", "dernière", "dernier"})


def defined_terms(sentence: str, discourse: Discourse, taken: list[Party]) -> list[Party]:
    """Defined terms of earlier sentences and this one ("Meridian", "the Landlord")."""
    out: list[Party] = []
    for term, party in discourse.defined.items():
        # "Meridian" is not the term inside "Meridian AI, LLC": a longer name goes on
        for match in re.finditer(rf"\b(?:the\s+)?{re.escape(term)}\b(?!\s+[A-Z][A-Za-z])",
                                 sentence):
            if not overlaps(*match.span(), taken + out):
                out.append(Party(match.start(), match.end(), match.group(), party.entity_id,
                                 party.name, party.known, party.kind, "defined_term"))
    return out


# A description by the side a company took in a deal read earlier in the document: "Pour
# boucler l'opération, l'acquéreur a emprunté ...", "the buyer will fund it with debt".
_ROLE_DESCRIPTION = re.compile(
    r"\b(?:the|this|le|la|l['’])\s*(?P<role>acquirer|acquiror|buyer|purchaser|acquéreur|"
    r"acheteur|repreneur)\b", re.IGNORECASE)
_ROLE_OF = {"acquirer": "payer:acquisition", "acquiror": "payer:acquisition",
            "buyer": "payer:acquisition", "purchaser": "payer:acquisition",
            "acquéreur": "payer:acquisition", "acheteur": "payer:acquisition",
            "repreneur": "payer:acquisition"}


def _by_role(sentence: str, discourse: Discourse, taken: list[Party]) -> list[Party]:
    """Role descriptions ("the acquirer") resolved to the newest company that took that side
    in a deal the document stated before; none when no such deal was read."""
    out: list[Party] = []
    for match in _ROLE_DESCRIPTION.finditer(sentence):
        if overlaps(*match.span(), taken) or _NAMED_NEXT.match(sentence, match.end()):
            continue  # "the buyer, Halden Cloud": the name is the party
        role = _ROLE_OF[match.group("role").lower()]
        target = next((p for p in reversed(discourse.recent)
                       if role in discourse.roles.get(p.entity_id, ())), None)
        if target is not None:
            out.append(Party(match.start(), match.end(), match.group(), target.entity_id,
                             target.name, target.known, target.kind, "description"))
    return out


def references(sentence: str, discourse: Discourse, taken: list[Party]) -> list[Party]:
    """Descriptions that refer to a company named before ("the company", "the chipmaker",
    "the latter", "the acquirer"), read once the sentence's names are known."""
    out: list[Party] = _by_role(sentence, discourse, taken)
    for match in _LATTER.finditer(sentence):
        # "the latter", "the former": the last and the one before it of the two companies the
        # previous sentence (or this one, before it) named
        named = [p for p in taken if p.end <= match.start() and p.via in ("entity", "open_world")]
        pool = named if len(named) >= 2 else discourse.recent
        distinct = list({p.entity_id: p for p in reversed(pool)}.values())  # newest first
        if len(distinct) < 2 or overlaps(*match.span(), taken + out):
            continue
        target = distinct[0] if match.group("which").lower() in _LAST_ONE else distinct[1]
        out.append(Party(match.start(), match.end(), match.group(), target.entity_id,
                         target.name, target.known, target.kind, "description"))
    for match in _DESCRIPTION.finditer(sentence):
        if overlaps(*match.span(), taken + out) or _NAMED_NEXT.match(sentence, match.end()) or \
                _TITLE_CASE_NAME.fullmatch(match.group("mods") + match.group("head")):
            # "la société d'investissement Blisce": a label of the name after it; "The
            # European Investment Bank": a name in title case, not a description
            continue
        kinds = DESCRIPTION_KINDS[match.group("head").lower()]
        before = sorted((p for p in taken + out if p.end <= match.start()),
                        key=lambda p: p.start)
        if match.group("head").lower() in SUBJECT_ONLY_DESCRIPTIONS and (
                before or not _OPENS_A_CLAUSE.search(sentence, 0, match.start())):
            continue  # (open-world names are read after this: the words before tell)
        last = [p for p in (discourse.history[-1] if discourse.history else [])
                if kinds is None or (p.kind or "unknown") in kinds]
        if not before and last and re.match(r"(?:this|that|cette|cet|ce)\b", match.group(),
                                            re.IGNORECASE):
            # "L'acheteur est la société belge X. Cette société ...": a demonstrative points
            # at the company the sentence before named last
            target = last[-1]
        elif kinds is not None and not before and last:
            # "Derrière CoreWeave, on retrouve Nvidia. Le fabricant de puces ...": a kind
            # named in the sentence before is meant (its subject, else the last one named)
            # rather than an older subject of that kind.
            subject = discourse.subjects[-1] if discourse.subjects else None
            target = next((p for p in last if subject is not None
                           and p.entity_id == subject.entity_id), last[-1])
        elif kinds is None and before and re.search(r"[:;]\s*$", sentence[:match.start()]):
            # "Lambda, its rival, took the same path: the company raised ...": a description
            # that opens a clause after a colon is the sentence's subject.
            target = before[0]
        elif kinds is None and before and discourse.subjects and \
                not ungoverned(before, sentence, examples=True):
            # "Backed by investors such as A and B, the company has raised ...": the companies
            # named before are objects and examples, so the company is what the text is about
            target = discourse.subjects[-1]
        elif kinds is None:
            # "the company", "the maker": the subject, not whoever was named last; an object
            # description ("bought the maker's stock") is not the buyer itself.
            nearest = {before[-1].entity_id} if before else set()
            target = discourse.antecedent(None, before[:-1], nearest) if before else (
                discourse.subjects[-1] if discourse.subjects else None)
        else:
            target = discourse.antecedent(kinds, before)
        if target is not None:
            out.append(Party(match.start(), match.end(), match.group(), target.entity_id,
                             target.name, target.known, target.kind, "description"))
    return out


# "have extended it", "lent it", "gave it": a pronoun right after a verb is its object.
_AFTER_A_VERB = re.compile(r"\b(?:[a-z]+ed|gave|give|gives|lent|lend|lends|sold|sell|sells|paid|"
                           r"pay|pays|sent|send|bought|buy|buys|owe|owes|grant|grants|offer|"
                           r"offers|extend|extends|hand|hands|made|make|makes)\s+$")
# A subject pronoun followed by what it does ("It has committed", "It will buy").
_ACTING = re.compile(r"\s+(?:also\s+)?(?:has|have|had|will|would|agreed|signed|plans|planned|"
                     r"committed|commits|said|says|bought|buys|raised|raises|invested|invests)\b")


_STRESSED_LUI = re.compile(r"\b(?:selon|avec|chez|contre|sans|sur|entre|comme|que)\s+$",
                           re.IGNORECASE)
_CLITIC_VERB_AFTER = re.compile(r"\s+(?:en\s+|y\s+)?(?:a|avait|aura|aurait|va|allait)?\s*"
                                r"[a-zà-ÿ]{3,}")


def pronouns(sentence: str, discourse: Discourse, taken: list[Party]) -> list[Party]:
    """Pronouns resolved to a party: "which" to the company right before its comma, "we" to
    the speaker, "it" / "its" to the sentence's first company, else the discourse's subject;
    upper-case "US" and "IT" are no pronouns."""
    out = []
    for match in _PRONOUN.finditer(sentence):
        if overlaps(*match.span(), taken):
            continue
        word = match.group().lower()
        if len(match.group()) > 1 and match.group().isupper():
            continue  # "US" (the United States), "IT" (information technology): no pronouns
        # a pronoun resolved earlier in the sentence counts: "It has committed to pay Oracle
        # ..., and its contracts with CoreWeave": "its" is what "It" is
        # (an "It" that acts, not "It's not clear" or "It is expected")
        acting = [p for p in out if _ACTING.match(sentence, p.end)]
        before = sorted((p for p in [*taken, *acting] if p.end <= match.start()),
                        key=lambda p: p.start)
        if word == "lui" and (_STRESSED_LUI.search(sentence, 0, match.start())
                              or not _CLITIC_VERB_AFTER.match(sentence, match.end())):
            continue  # "selon lui", "avec lui": a person, not a dative clitic before a verb
        if word == "lui":
            # "Y, qui lui achète des puces", "pour lui louer des GPU": the dative is the last
            # company named before that is not the clause's own subject (the "qui" before
            # it, else the sentence's first company)
            relative = _QUI_BEFORE.search(sentence, 0, match.start())
            subject = next((p for p in reversed(before) if p.end <= relative.start()), None) \
                if relative else (before[0] if before else None)
            target = next((p for p in reversed(before) if subject is None
                           or p.entity_id != subject.entity_id), None)
        elif word in ("which", "who"):
            # "OpenAI, which plans to ..." : the party right before the comma.
            prefix = sentence[:match.start()].rstrip()
            target = before[-1] if before and prefix.endswith(",") and \
                sentence[before[-1].end:match.start()].strip(" ,") == "" else None
        elif word in ("we", "our", "us") and discourse.speakers:
            target = discourse.speakers[-1]
        elif word == "it" and before and discourse.subjects and \
                _AFTER_A_VERB.search(sentence, 0, match.start()) and \
                discourse.subjects[-1].entity_id not in {p.entity_id for p in before}:
            # "Lenders including A and B have extended it billions": an object "it" is not the
            # clause's own subject but what the text was about
            target = discourse.subjects[-1]
        else:
            # "it"/"its": the sentence's first party when it came before, else the last
            # sentence's subject (the first party remembered from it).
            target = before[0] if before else (
                discourse.subjects[-1] if discourse.subjects else None)
        if target is not None:
            out.append(Party(match.start(), match.end(), match.group(), target.entity_id,
                             target.name, target.known, target.kind, "pronoun"))
    return out


def the_company(sentence: str, parties: list[Party]) -> list[Party]:
    """A filing's "the Company" that nothing earlier resolved: the sentence's first company
    ("Orrin Cloud, Inc. entered into an agreement ... to invest $100 million in the Company")."""
    out = []
    for match in re.finditer(r"\bthe Company\b", sentence):
        if overlaps(*match.span(), parties):
            continue
        first = min((p for p in parties if p.via in ("entity", "open_world")
                     and p.end <= match.start()), key=lambda p: p.start, default=None)
        if first is not None:
            out.append(Party(match.start(), match.end(), match.group(), first.entity_id,
                             first.name, first.known, first.kind, "description"))
    return out
