"""The parties of a document as its sentences are read: who was named, defined and talked about.

`Party` is one mention of a company in a sentence; `Discourse` keeps what earlier sentences
said (their subjects, defined terms, speakers, the last company that raised money) so that a
later sentence's references can be resolved (transform.entities.references).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transform.entities.table import EntityTable

# The first company of "Lenders including Blackstone and Magnetar have ..." or "Investors
# included Blackstone" is an example of a noun phrase, not the sentence's subject.
_AN_EXAMPLE = re.compile(r"^[^,;]{0,40}\b(?:including|such\s+as|like|among\s+them|notamment|"
                         r"dont|comme|(?:investors|backers|lenders|shareholders)\s+"
                         r"(?:include|included|includes))\s*$", re.IGNORECASE)


# A company named right after one of these is the object of a preposition ("participation
# from A", "a round led by B"), not what the sentence is about (French "de" is left out: "la
# levée de Mistral" is about Mistral). Deal frames read a sentence's subject with it too.
OBJECT_PREPOSITIONS = r"(?:(?:from|by|with|par|avec|auprès\s+(?:de|du|des))\s+|auprès\s+d['’])"
_GOVERNED = re.compile(r"\b" + OBJECT_PREPOSITIONS + r"\s*(?:the\s+|la\s+|le\s+|les\s+|"
                       r"l['’]\s*)?$", re.IGNORECASE)
# "from A, B and C": the list's later members share the first one's preposition when a bare
# "and" joins them, or when the list goes on (or the sentence ends) after them; ", and D
# will ..." opens a clause of its own.
_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+|et\s+)?|\s+(?:and|et)\s+", re.IGNORECASE)
_LIST_GOES_ON = re.compile(r"\s*(?:[,;:.(]|and\b|et\b|$)", re.IGNORECASE)


# How many earlier sentences' companies a discourse keeps apart (`Discourse.history`).
HISTORY_SENTENCES = 3


@dataclass(frozen=True)
class Party:
    """A party mention: span in the sentence, what it resolves to, and how it was found."""

    start: int
    end: int
    surface: str
    entity_id: str
    name: str
    known: bool
    kind: str | None
    via: str  # "entity" | "open_world" | "defined_term" | "description" | "pronoun"


@dataclass
class Discourse:
    """Parties seen so far in one document, for resolving references in later sentences."""

    table: EntityTable
    recent: list[Party] = field(default_factory=list)
    defined: dict[str, Party] = field(default_factory=dict)
    speakers: list[Party] = field(default_factory=list)

    subjects: list[Party] = field(default_factory=list)
    # A long document (a filing, a whole article) asks more evidence of a loose reading.
    long_document: bool = False
    # The company an earlier sentence said received an investment: "the round" of a later one
    # is most likely its ("X invested in Cohere. The funding includes Oracle").
    last_raiser: Party | None = None
    # Deals read without a figure, for a later sentence that gives it ("The agreement is worth
    # $4 billion"): (the list holding the mention, its index), kept by the deal extractor.
    amountless: list[tuple[list, int]] = field(default_factory=list)
    sentences_since_deal: int = 0
    # The companies named in each of the last sentences (newest last), how often each was
    # referred to so far, and the first one the document named: what a later sentence's
    # deal may be with when it names only one side (transform.deals.cross_sentence).
    history: list[list[Party]] = field(default_factory=list)
    salience: dict[str, int] = field(default_factory=dict)
    first_named: str | None = None
    # Pairs of companies (frozensets of entity ids) a deal of the document was read between,
    # and each company's side in those deals ("payer:loan", "payee:equity_investment").
    read_pairs: set[frozenset[str]] = field(default_factory=set)
    # Surnames of the people named so far ("Sungkyue Shin, chief financial officer"): a later
    # "Shin said" is the same person, not a company.
    people: set[str] = field(default_factory=set)
    # The landlord of each tenant's lease read so far (tenant entity id -> landlord).
    landlords: dict[str, Party] = field(default_factory=dict)
    # The document is a post written in lower case (an earlier sentence was).
    lowercase_post: bool = False
    # Each company's first mention by name, for the name a deal is shown under.
    first_mention: dict[str, Party] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)

    def remember(self, parties: list[Party], sentence: str | None = None) -> None:
        """Add a sentence's resolved parties (newest last); its first party is its subject,
        unless the sentence names it as an example ("Lenders including Blackstone ...")."""
        named = [p for p in parties if p.via != "pronoun"]
        if named and not (sentence and _AN_EXAMPLE.search(sentence, 0, named[0].start)):
            subject = _subject(named, sentence) if sentence else named[0]
            if subject is not None:
                self.subjects.append(subject)
        self.recent.extend(p for p in parties if p.via in ("entity", "open_world"))
        del self.recent[:-40]
        named_here = [p for p in parties if p.via in ("entity", "open_world")]
        for party in named_here:
            self.first_mention.setdefault(party.entity_id, party)
        if named_here and self.first_named is None:
            self.first_named = named_here[0].entity_id
        self.history.append(named_here)
        del self.history[:-HISTORY_SENTENCES]
        for entity_id in {p.entity_id for p in parties}:
            self.salience[entity_id] = self.salience.get(entity_id, 0) + 1

    def by_first_word(self, surface: str) -> Party | None:
        """An earlier multi-word name that starts with this one ("Kestrel" after "Kestrel AI
        Labs"): the short form refers back to it."""
        key = surface.lower()
        for party in reversed(self.recent):
            words = party.surface.lower().split()
            if len(words) > 1 and words[0] == key and not party.known:
                return party
        return None

    def by_initials(self, surface: str) -> Party | None:
        """An earlier name of two words or more whose initials this one is ("PDG" after
        "Princeton Digital Group"): the acronym refers back to it."""
        if not (surface.isupper() and 2 <= len(surface) <= 5 and surface.isalpha()):
            return None
        for party in reversed(self.recent):
            words = [w for w in party.surface.split() if w[:1].isalpha()]
            if len(words) > 1 and "".join(w[0] for w in words).upper() == surface:
                return party
        return None

    def antecedent(self, kinds: frozenset[str] | None, before: list[Party],
                   exclude: set[str] | None = None) -> Party | None:
        """Newest compatible party: this sentence's earlier parties, then earlier sentences'
        subjects, then anything named before."""
        exclude = exclude or set()
        for party in [*reversed(before), *reversed(self.subjects), *reversed(self.recent)]:
            if party.entity_id in exclude:
                continue
            if kinds is None or (party.kind or "unknown") in kinds:
                return party
        return None


def _subject(named: list[Party], sentence: str) -> Party | None:
    """The first company named that is not the object of a preposition or a member of such
    an object's list ("The strength of the round, with participation from A, B and C, marks a
    milestone as D prepares ...": D)."""
    return next(iter(ungoverned(named, sentence)), None)


# "investors such as A, B", "backers including A": examples of a noun, not a clause's actors.
_EXAMPLE_OF = re.compile(r"\b(?:such\s+as|including|like|among\s+them|notamment|comme|tels?\s+que|"
                         r"telles\s+que)\s*$", re.IGNORECASE)


# "But the OpenAI deal isn't Oracle's only play": a name between an article and a deal noun
# modifies the noun; the clause is about the deal, not about that company.
_ARTICLE_BEFORE = re.compile(r"\b(?:the|this|that)\s+$", re.IGNORECASE)
_DEAL_NOUN_AFTER = re.compile(r"\s+(?:deal|agreement|contract|partnership|pact|tie-up|"
                              r"transaction|arrangement|investment|acquisition|takeover)s?\b")


def ungoverned(named: list[Party], sentence: str, examples: bool = False) -> list[Party]:
    """The companies named (in order) that are neither the object of a preposition nor a
    member of such an object's list; with `examples`, nor the examples of a noun ("investors
    such as A and B")."""
    out: list[Party] = []
    governed, previous_end = False, None
    for party in named:
        gap = sentence[previous_end if previous_end is not None else 0:party.start]
        in_list = previous_end is not None and _LIST_GAP.fullmatch(gap) and (
            "," not in gap or _LIST_GOES_ON.match(sentence, party.end) is not None)
        if not in_list:
            governed = _GOVERNED.search(gap) is not None or (
                examples and _EXAMPLE_OF.search(gap) is not None)
        if not governed and not (_ARTICLE_BEFORE.search(gap) and
                                 _DEAL_NOUN_AFTER.match(sentence, party.end)):
            out.append(party)
        previous_end = party.end
    return out


def overlaps(start: int, end: int, taken: list[Party]) -> bool:
    """True when the span [start, end) overlaps a party's."""
    return any(start < p.end and p.start < end for p in taken)
