"""A stated deal's status, and whether it is stated at all (negation).

`terminated` (called off, walked away, voted down, would have acquired) wins over `rumored`
(in talks, considering, people familiar, reportedly, "X reported"), which wins over the default
`announced`. Cues are read in the clause of the deal, and attribution ("..., people familiar
with the matter said") anywhere in the sentence; a relative clause that states a fact
("Google, which already supplies Anthropic with capacity, is in talks to ...") keeps its own
status.
"""

from __future__ import annotations

import re

_TERMINATED = re.compile(
    r"\b(?:called\s+off|call\s+off|walk(?:ed|s|ing)?\s+away|scrap(?:ped|s|ping)?|collaps\w*|"
    r"terminat\w*|voted\s+(?:it\s+|them\s+)?down|vote\s+down|abandon\w*|fell\s+(?:apart|through)|"
    r"fall(?:s|en)?\s+(?:apart|through)|(?:is|was|now)\s+(?:officially\s+)?dead|"
    r"dropped\s+(?:its\s+|the\s+)?(?:plans?|bid|deal)|pull(?:ed|s)?\s+out|back(?:ed|s)?\s+out|"
    r"would\s+have\s+(?:acquired|bought|invested|purchased|merged)|(?<!non-)(?<!non)cancel+\w*|"
    r"no\s+longer\s+(?:plans?|going)|blocked|abandonn\w*|renonc\w*|annul\w*|mis\s+fin|"
    r"rebuff\w*|spurn\w*|turned\s+down|rejected\s+(?:the\s+|an?\s+)?\S*\s*(?:offer|bid)|"
    r"rompu\w*|échou\w*)\b",
    re.IGNORECASE,
)
_RUMORED = re.compile(
    r"\b(?:in\s+(?:early\s+|advanced\s+|late[- ]stage\s+|exclusive\s+|preliminary\s+)?"
    r"(?:talks|discussions|negotiations)|consider\w*|weigh\w*|explor\w*|mull\w*|eye(?:s|ing|d)|"
    r"nearing|negotiat\w*|is\s+said\s+to|are\s+said\s+to|said\s+to\s+be|reportedly|"
    r"rumou?r\w*|hearing|might|could|may\s+(?:invest|buy|acquire|put|take|sign|pay)|"
    r"people\s+(?:familiar|briefed|with\s+(?:direct\s+)?knowledge|close|aware|involved)|"
    r"(?:a\s+|one\s+)?person\s+(?:familiar|briefed|with\s+(?:direct\s+)?knowledge|close)|"
    r"sources?\s+(?:said|say|says|told|familiar|close|with|confirmed)|(?:\w+\s+)?sources\s+told|"
    r"according\s+to\s+(?:people|sources|a\s+person|a\s+report|reports|the\s+information|"
    r"bloomberg|reuters|the\s+(?:financial\s+times|wall\s+street\s+journal|new\s+york\s+times)|"
    r"the\s+ft|the\s+wsj)|"
    r"(?:the\s+information|bloomberg(?:\s+news)?|reuters|the\s+(?:ft|wsj|financial\s+times|"
    r"wall\s+street\s+journal|new\s+york\s+times)|ft|wsj|cnbc|semafor|axios)\W+"
    r"(?:reported|reports|has\s+learned|learned)|"
    r"envisag\w*|serai(?:t|ent)|aurai(?:t|ent)|pourrai(?:t|ent)|selon\s+(?:des|plusieurs|les|"
    r"le|la|bloomberg|reuters)|en\s+(?:discussions?|négociations?|pourparlers)|"
    r"sources\s+proches|discussions\s+avancées)\b",
    re.IGNORECASE,
)
_HEADLINE_REPORTS = re.compile(r",\s*(?:[A-Z]{2,5}|[A-Z]\w+(?:\s+[A-Z]\w+)*)\s+Reports?\s*$")
_FACT_CLAUSE = re.compile(r",\s*(?:which|who)\s+already\b[^,]*,", re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(?:not|never|no\s+plans?\s+to|denied|denies|deny|ruled\s+out|rules\s+out|declined\s+to|"
    r"won['’]t|wouldn['’]t|isn['’]t|aren['’]t|doesn['’]t|didn['’]t|hasn['’]t|haven['’]t|"
    r"dément\w*|n['’]\w+\s+pas|ne\s+\w+\s+pas|pas\s+l['’]intention)\b",
    re.IGNORECASE,
)


# "It borrowed $2.3B from A last year and is now in talks with B": a rumour in a coordinated
# verb phrase after the deal is the next deal's, not this one's.
_NEXT_VERB_PHRASE = re.compile(r"\s+and\s+(?:is|are|was|were|has|have|will|would)\s+"
                               r"(?:now\s+|also\s+)?", re.IGNORECASE)


def fact_clauses(sentence: str) -> list[tuple[int, int]]:
    """Spans of ", which already ... ," clauses: facts stated inside a rumour."""
    return [m.span() for m in _FACT_CLAUSE.finditer(sentence)]


def status_of(sentence: str, clause: tuple[int, int]) -> str:
    """Status of a deal stated in `sentence[clause[0]:clause[1]]`."""
    start, end = clause
    for fact_start, fact_end in fact_clauses(sentence):
        if fact_start <= start and end <= fact_end:
            text = sentence[fact_start:fact_end]
            return "terminated" if _TERMINATED.search(text) else "announced"
    outside_facts = sentence
    for fact_start, fact_end in fact_clauses(sentence):
        outside_facts = (outside_facts[:fact_start] + " " * (fact_end - fact_start)
                         + outside_facts[fact_end:])
    if _TERMINATED.search(outside_facts):
        return "terminated"
    rumour = next((m for m in _RUMORED.finditer(outside_facts)
                   if not (m.start() >= end and _NEXT_VERB_PHRASE.search(outside_facts, end,
                                                                          m.start()))), None)
    if rumour is not None or _HEADLINE_REPORTS.search(sentence):
        return "rumored"
    return "announced"



def is_negated(text: str) -> bool:
    """True when the text of a matched frame denies the deal ("is not buying", "denied")."""
    return bool(_NEGATION.search(text))
