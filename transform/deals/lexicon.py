"""The vocabulary deal frames are written in: verb forms, noun classes and pattern macros.

Frames (transform.deal_frames) are regular expressions over a sentence *skeleton*: the
sentence with every party mention replaced by `⟨P3⟩` and every money amount by `⟨M1⟩` (a
candidate deal amount) or `⟨X2⟩` (a valuation, share price or other figure that is never a
deal amount). Macros keep the patterns readable:

    {A} {B} {C}     one party, captured as group A / B / C (a pronoun `⟨Q4⟩` counts too)
    {A+}            a list of parties ("Blackstone and Magnetar", "A, B and the C")
    {A+M}           a list of parties each with its own amount ("Nebius $3B and IREN $2B")
    {A!}            a named party only (not a pronoun: "to fund its buildout" is no deal)
    {M}             a candidate deal amount
    {_}             a short gap: words, amounts and pronouns but no named party, no sentence end
    {__}            a longer gap of the same kind
    {obj}           an object phrase: may cross parties ("Nvidia-based computing capacity")
    {app}           an optional appositive after a party (", a Wyoming data-center developer,")
    {np}            a few words before a party ("the", "chip designer", "the equity portion of")
    {v:buy}         every inflection of a verb ("buy buys buying bought")
    {GOODS} {COMPUTE} {SPACE} {DEBT} {EQUITY} {DEAL}   noun classes below
"""

from __future__ import annotations

import re

_IRREGULAR = {
    "buy": "buy buys buying bought", "lend": "lend lends lending lent",
    "sell": "sell sells selling sold", "lead": "lead leads leading led",
    "win": "win wins winning won", "put": "put puts putting", "pay": "pay pays paying paid",
    "give": "give gives giving gave given", "take": "take takes taking took taken",
    "get": "get gets getting got gotten", "strike": "strike strikes striking struck",
    "spend": "spend spends spending spent", "make": "make makes making made",
    "sink": "sink sinks sinking sank sunk", "have": "have has having had",
    "be": "be is are was were been being", "agree": "agree agrees agreeing agreed",
    "lease": "lease leases leasing leased", "use": "use uses using used",
    "issue": "issue issues issuing issued", "raise": "raise raises raising raised",
    "secure": "secure secures securing secured", "close": "close closes closing closed",
    "acquire": "acquire acquires acquiring acquired", "receive":
    "receive receives receiving received", "source": "source sources sourcing sourced",
    "procure": "procure procures procuring procured", "purchase":
    "purchase purchases purchasing purchased", "provide": "provide provides providing provided",
    "finance": "finance finances financing financed", "guarantee":
    "guarantee guarantees guaranteeing guaranteed", "absorb": "absorb absorbs absorbing absorbed",
    "supply": "supply supplies supplying supplied", "rent": "rent rents renting rented",
    "ship": "ship ships shipping shipped", "tap": "tap taps tapping tapped",
    "plan": "plan plans planning planned", "sign": "sign signs signing signed",
    "ink": "ink inks inking inked", "land": "land lands landing landed",
    "clinch": "clinch clinches clinching clinched", "grant": "grant grants granting granted",
    "award": "award awards awarding awarded", "deploy": "deploy deploys deploying deployed",
    "invest": "invest invests investing invested", "order": "order orders ordering ordered",
    "deliver": "deliver delivers delivering delivered", "offer": "offer offers offering offered",
    "obtain": "obtain obtains obtaining obtained", "extend": "extend extends extending extended",
    "arrange": "arrange arranges arranging arranged", "back": "back backs backing backed",
    "cover": "cover covers covering covered", "inject": "inject injects injecting injected",
    "pour": "pour pours pouring poured", "plow": "plow plows plowing plowed",
    "advance": "advance advances advancing advanced", "loan": "loan loans loaning loaned",
    "sublease": "sublease subleases subleasing subleased", "enter": "enter enters entering entered",
    "reach": "reach reaches reaching reached", "expand": "expand expands expanding expanded",
    "negotiate": "negotiate negotiates negotiating negotiated", "add": "add adds adding added",
    "choose": "choose chooses choosing chose chosen", "select": "select selects selecting selected",
    "pick": "pick picks picking picked", "underwrite": "underwrite underwrites underwriting "
    "underwrote underwritten", "contract": "contract contracts contracting contracted",
    "commit": "commit commits committing committed", "collect": "collect collects collecting "
    "collected", "draw": "draw draws drawing drew drawn", "announce": "announce announces "
    "announcing announced", "finalize": "finalize finalizes finalizing finalized",
    "book": "book books booking booked", "borrow": "borrow borrows borrowing borrowed",
    "backstop": "backstop backstops backstopping backstopped",
    "host": "host hosts hosting hosted", "anchor": "anchor anchors anchoring anchored",
    "reserve": "reserve reserves reserving reserved", "seek": "seek seeks seeking sought",
    "refinance": "refinance refinances refinancing refinanced", "join": "join joins joining "
    "joined", "run": "run runs running ran", "serve": "serve serves serving served",
    "explore": "explore explores exploring explored",
    "swallow": "swallow swallows swallowing swallowed", "snap": "snap snaps snapping snapped",
    "scoop": "scoop scoops scooping scooped",
}


def verb_forms(verb: str) -> list[str]:
    """Every inflection of an English verb (irregular ones from the table above)."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb].split()
    if verb.endswith("e"):
        return [verb, verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    return [verb, verb + "s", verb + "ed", verb + "ing"]


NOUNS: dict[str, str] = {
    # Things bought from a chip or hardware maker.
    "GOODS": r"(?:chips?|gpus?|graphics processors|graphics processing units?|accelerators?|"
             r"processors?|servers?|systems?"
             r"|hardware|racks?|equipment|tpus?|cpus?|semiconductors?|silicon|memory"
             r"|superchips?|gb\d{3}s?|h\d{2,3}s?|b\d{3}s?|mi\d{3}x?s?|instinct|blackwell|rubin"
             r"|nodes|machines|boards|switches|networking gear|wafers|dram|hbm|superpods?"
             r"|clusters of \w+|gear|cooling units|distribution units|transformers|turbines"
             r"|transceivers|optics|optical modules|lasers|cables|modules"
             r"|generators|puces|processeurs|serveurs|accélérateurs|systèmes|gpu)",
    # What a cloud sells: capacity, compute, cloud services.
    "COMPUTE": r"(?:(?:computing|compute|cloud|gpu|tpu|ai|data[- ]cent(?:er|re)|server|"
               r"infrastructure|processing)\s+)*(?:capacity|compute|computing(?:\s+power)?|"
               r"cloud(?:\s+(?:services|computing|capacity|infrastructure))?|services|"
               r"instances|clusters?|access|infrastructure|hosting|workloads?|capacités?|"
               r"puissance de calcul|calcul|hébergement)",
    # What a landlord leases: space, sites, powered shells.
    "SPACE": r"(?:campus(?:es)?|data[- ]cent(?:er|re)s?|sites?|facilit(?:y|ies)|buildings?|"
             r"space|megawatts?|mw|gigawatts?|gw|halls?|colocation|premises|locaux)",
    "DEBT": r"(?:loans?|credit(?!\s+support)(?:\s+(?:facility|facilities|line|lines))?|debt|notes|"
            r"bonds?|"
            r"borrowings?|lending|term loan|loan facility|private credit|revolver|debentures|"
            r"(?:delayed[- ]draw|revolving|term|loan|credit|debt|financing)\s+facilit(?:y|ies)|"
            r"prêts?|dettes?|ligne de crédit|lignes de crédit|emprunts?|crédit|"
            r"financing agreements?|vendor financing)",
    "EQUITY": r"(?:investment|funding|equity|capital|stake|round|series [a-z]\b|cash injection"
              r"|backing|financement|investissement|participation)",
    "DEAL": r"(?:deals?|agreements?|contracts?|pacts?|partnerships?|orders?(?:\s+form)?|"
            r"arrangements?|commitments?|accords?|contrats?|transactions?|leases?|reservations?)",
}

GAP = r"(?:[^⟨.;!?]|(?<=\d)\.(?=\d)|(?<=\b[A-Z])\.|⟨[MXQ]\d+⟩){0,%d}?"
OBJ = r"(?:[^⟨.;!?]|(?<=\d)\.(?=\d)|⟨[MXQP]\d+⟩){0,100}?"
MACROS = {
    "{_}": GAP % 60,
    "{__}": GAP % 140,
    "{obj}": OBJ,
    "{M}": r"⟨M(?P<M>\d+)⟩",
    "{app}": r"(?:\s*,\s*(?:[^,⟨.;]|⟨[MXQP]\d+⟩|(?<=\d)\.(?=\d)){1,90}?,)?",
    # "the", "chip designer", "Anthropic's partner" (the possessor is not the party), "its
    # landlord, " (an appositive names the party)
    "{np}": r"(?:(?:the|a|an|its|their|his|her|le|la|les|l'|au|aux|du|des)\s*|⟨Q\d+⟩\s+|"
            r"⟨P\d+⟩['’]s?\s+(?=(?:[\w\-]+\s+){1,2}⟨P))?"
            r"(?:(?!(?:que|qui|that|which|who|dont)\b)[\w\-’'.&]+\s+){0,4}?"
            r"(?:of\s+|de\s+|d['’]\s*|[\w\-]+,\s+|[\w\-]+\s*[:(—–]\s*)?",
}
_NOT_A_LABEL = r"(?!(?:of|in|with|from|to|for|by|at|de|du|des|à|au|par|avec)\b)"
# Between two listed parties: a comma or "and", then an article and a label ("et le
# transporteur CMA CGM"), never a preposition ("X, a unit of Y" lists nothing).
_LIST_JOIN = r"(?:\s*,\s*(?:and\s+|et\s+|as\s+well\s+as\s+|ou\s+encore\s+|ainsi\s+que\s+)?|" \
             r"\s+(?:and|et|&|ou\s+encore|ainsi\s+que)\s+)" \
             r"(?:even\s+|même\s+)?(?:(?:(?:the|le|la|les|an?|une?)\s+|l['’]\s*)" \
             r"(?:" + _NOT_A_LABEL + r"[a-zà-ÿ][\w\-]*\s+){0,3}?|d['’]\s*|de\s+)?"


def _party(name: str, many: bool, with_amounts: bool = False, named: bool = False) -> str:
    one = rf"⟨{'P' if named else '[PQ]'}(?P<{name}>\d+)⟩"
    if with_amounts:
        return one + r"(?:\s*⟨M\d+⟩)?" + \
            rf"(?P<{name}_more>(?:{_LIST_JOIN}⟨P\d+⟩\s+(?:[\w\-]+\s+){{0,2}}?⟨M\d+⟩)*)"
    if not many:
        return one
    return one + rf"(?P<{name}_more>(?:{_LIST_JOIN}⟨P\d+⟩)*)"


_GATE_STOPWORDS = frozenset(
    "in to of by at on for the and with from as an a de du des la le les à au aux par et d l s "
    "its is was be or".split()
)


def literal_gate(template: str) -> frozenset[str] | None:
    """A cheap necessary condition for a frame: the words the template spells out (trigger
    verb forms, literal words and stems). Every match contains one of them at the start of a
    word, so a sentence none of whose words starts with one cannot match. None when the
    template spells out only very common words (no useful gate)."""
    words: set[str] = set()
    for group in re.findall(r"\{v:([a-z| ]+)\}", template):
        for verb in group.split("|"):
            words.update(verb_forms(verb.strip()))
    bare = re.sub(r"\{[^}]*\}", " ", template)
    bare = re.sub(r"\\[a-zA-Z]", " ", bare)  # \s \w \b \d
    bare = re.sub(r"\[[^\]]*\]", " ", bare)  # character classes
    literals = set()
    for word, quantifier in re.findall(r"([^\W\d_]+)([?*{]?)", bare):
        # "backstops?" requires only "backstop": a quantified last letter is optional.
        stem = word[:-1] if quantifier else word
        if stem:
            literals.add(stem.lower())
    words |= {w for w in literals if w not in _GATE_STOPWORDS}
    return frozenset(w.lower() for w in words) or None


def word_prefixes(text: str) -> frozenset[str]:
    """Every prefix of every word of a text, lower-cased: what frame gates are tested against."""
    return frozenset(word[:end] for word in re.findall(r"[^\W\d_]+", text.lower())
                     for end in range(1, len(word) + 1))


def compile_pattern(template: str) -> re.Pattern[str]:
    """Expand the macros of a frame template and compile it (case-insensitive)."""
    out = template
    for role in ("A", "B", "C"):
        out = out.replace("{" + role + "+M}", _party(role, True, with_amounts=True))
        out = out.replace("{" + role + "+}", _party(role, True))
        out = out.replace("{" + role + "!}", _party(role, False, named=True))
        out = out.replace("{" + role + "}", _party(role, False))
    for name, noun in NOUNS.items():
        out = out.replace("{" + name + "}", noun)
    for macro, expansion in MACROS.items():
        out = out.replace(macro, expansion)

    named = [False]

    def verbs(match: re.Match[str]) -> str:
        forms = [f for v in match.group(1).split("|") for f in verb_forms(v.strip())]
        alternatives = "|".join(sorted(set(forms), key=len, reverse=True))
        if named[0]:
            return rf"\b(?:{alternatives})\b"
        named[0] = True  # the frame's trigger verb, checked to really be a verb
        return rf"\b(?P<V>{alternatives})\b"

    out = re.sub(r"\{v:([a-z| ]+)\}", verbs, out)
    if "{" in out.replace("{0,", "").replace("{1,", ""):
        leftover = re.findall(r"\{[^}0-9][^}]*\}", out)
        if leftover:
            raise ValueError(f"unknown macro(s) {leftover} in frame {template!r}")
    return re.compile(out, re.IGNORECASE)


def noun_class(text: str) -> set[str]:
    """The noun classes (GOODS, COMPUTE, ...) whose words occur in a text."""
    return {name for name, noun in NOUNS.items()
            if re.search(rf"\b{noun}\b", text, re.IGNORECASE)}
