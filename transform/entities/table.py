"""Company and fund names -> canonical entities.

Three things live here:

* the reference table (`transform/entities/entities.csv`, loaded once by `EntityTable.default()`);
* `EntityTable.resolve`, which maps a name as written to an entity id. Names the table knows
  (canonical name, legal name, brand, unit, an unambiguous description such as "the ChatGPT
  maker", a ticker) give the entity; any other name gives an open-world id
  `"org:" + slug(normalize_name(name))`, so the same unknown company always gets the same id
  and a later table refresh that adds it resolves it. Matching is on whole normalized names,
  never on prefixes: "Googleplex" is not Google, "Apple Hospitality" is not Apple;
* `EntityTable.find_mentions`, a gazetteer scan that finds known names and tickers in text.

Case rule for the scan (the `case_sensitive` CSV column): entities whose names are ordinary
words ("Arm", "Meta", "Oracle", "Switch", "Stack", "Vantage", "Lambda", "Scale AI", ...) are
flagged, and then every one of their names and aliases matches only as written (an alias that
starts in lower case, "the iPhone maker", may also start with a capital). All other names match
in any capitalisation, so lower-case social posts ("nvidia puts $100B into openai") still hit.
`resolve` itself is case-insensitive throughout: it is given names already judged to be parties.

Ticker rule for the scan: a ticker of the table counts only as "(NASDAQ: NVDA)" (an exchange
name, a colon, the ticker; the mention is the ticker), as a cashtag "$NVDA" or "$nvda" (the
mention includes the "$"), or as a standalone all-capitals word of three or more letters
("CORZ holders"). Bare lower-case tickers ("nvda") match only in text written in lower case
(social posts) and only when they are no English word; two-letter tickers ("MS") never match.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from wordfreq import zipf_frequency

from transform.entities.folding import (
    ARTICLE_BEFORE,
    fold,
    is_word_char,
    written_as,
    written_in_lower_case,
)

logger = logging.getLogger(__name__)

KINDS = frozenset(
    {"chipmaker", "hyperscaler", "neocloud", "ai_lab", "hardware", "datacenter", "miner",
     "investor", "lender", "other"}
)
OPEN_WORLD_PREFIX = "org:"
CSV_COLUMNS = ("entity_id", "name", "aliases", "ticker", "cik", "kind", "country",
               "case_sensitive")

# Words that carry no identity in a company name: legal forms, "holdings"/"group", articles.
_FILLER_WORDS = frozenset(
    {"the", "inc", "incorporated", "corp", "corporation", "co", "company", "cos", "ltd",
     "limited", "llc", "llp", "lp", "plc", "pbc", "sa", "sas", "sarl", "spa", "ag", "nv",
     "se", "bv", "gmbh", "kk", "asa", "oyj", "ab", "pte", "pty", "holdings", "holding",
     "group", "opco"}
)
# Legal forms removed from the end of an unknown name for display ("Acme Robotics, Inc.").
_LEGAL_SUFFIX_RE = re.compile(
    r"[\s,]+(?:inc|incorporated|corp|corporation|co|ltd|limited|l\.?l\.?c|llp|l\.?p|plc|pbc"
    r"|s\.?a|s\.?a\.?s|ag|n\.?v|se|b\.?v|gmbh|k\.?k|asa|oyj|ab|pte|pty|opco)\.?[\s,.]*$",
    re.IGNORECASE,
)
_POSSESSIVE_RE = re.compile(r"['’]s\b|(?<=s)['’](?=\s|$)", re.IGNORECASE)
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EXCHANGES = (
    r"(?:NASDAQ(?:\s+Helsinki)?|NYSE(?:\s+(?:American|Arca))?|AMEX|TSXV?|LSE|TSE|TYO|HKEX"
    r"|SEHK|HKG|KRX|KOSPI|TWSE|TPE|ASX|OTC(?:QX|QB)?|Euronext|XETRA|SIX|OSE|Oslo|Helsinki)"
)
_EXCHANGE_TICKER_RE = re.compile(
    rf"\b{_EXCHANGES}\s*:\s*([A-Za-z0-9]{{1,6}})\b", re.IGNORECASE
)
_CASHTAG_RE = re.compile(r"(?<![\w$])\$([A-Za-z]{1,6})(?!\w)")
_CAPS_TOKEN_RE = re.compile(r"(?<![\w$])([A-Z]{3,6})(?!\w)")
_TICKER_PREFIX_RE = re.compile(rf"^\s*(?:\$|{_EXCHANGES}\s*:\s*)", re.IGNORECASE)
_END = ""  # trie key for "a surface ends here": never a single character


@dataclass(frozen=True)
class Entity:
    """One company or fund of the reference table."""

    entity_id: str
    name: str
    aliases: tuple[str, ...]
    ticker: str | None
    cik: str | None
    kind: str
    country: str | None
    case_sensitive: bool = False

    def as_record(self) -> dict[str, object]:
        """The row of the `entities` lake table (load/schemas.py ENTITIES) for this entity."""
        return {"entity_id": self.entity_id, "name": self.name, "aliases": list(self.aliases),
                "ticker": self.ticker, "cik": self.cik, "kind": self.kind}


@dataclass(frozen=True)
class Resolution:
    """What a written name resolves to; `known` is False for open-world (`org:`) ids."""

    entity_id: str
    name: str
    known: bool


@dataclass(frozen=True)
class EntityMention:
    """A known entity found in text: `text[start:end] == surface`."""

    start: int
    end: int
    surface: str
    entity_id: str


@dataclass(frozen=True)
class _Surface:
    """One name or alias as written, in the gazetteer."""

    text: str
    entity_id: str
    case_sensitive: bool


def normalize_name(name: str) -> str:
    """The matching key of a company name.

    Accents dropped, casefolded, possessive "'s" removed, "&" read as "and", dots and
    apostrophes dropped ("N.V." -> "nv", "Amazon.com" -> "amazoncom"), other punctuation read
    as a space, then legal forms and filler words removed ("OpenAI OpCo, LLC" -> "openai").
    If only filler is left the filler is kept, so a name never becomes empty; the result is
    "" only when the name has no letter or digit at all.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    # a possessive after a name ("Acme's"); not the whole name ("'S" is a letter)
    text = (_POSSESSIVE_RE.sub("", text) or text).replace("&", " and ")
    text = re.sub(r"[.'’‘`]", "", text)
    tokens = re.sub(r"[\W_]+", " ", text).split()
    kept = [t for t in tokens if t not in _FILLER_WORDS]
    while kept and kept[0] == "and":  # "KKR & Co." leaves a dangling "and"
        kept.pop(0)
    while kept and kept[-1] == "and":
        kept.pop()
    return " ".join(kept or tokens)


def clean_display_name(name: str) -> str:
    """A written name tidied for display: original capitalisation, no possessive, no legal form.

    "Acme Robotics, Inc." -> "Acme Robotics"; "the Acme Group's" -> "Acme Group".
    """
    text = " ".join(name.split()).strip(" \"“”'‘’()[]{},;:")
    text = _POSSESSIVE_RE.sub("", text).strip()
    while (shorter := _LEGAL_SUFFIX_RE.sub("", text)) != text and shorter:
        text = shorter
    text = text.rstrip(" ,;:.")
    if text.lower().startswith("the ") and len(text) > 4:
        text = text[4:].lstrip()
    return text or name.strip()


def entities_from_csv(text: str) -> list[Entity]:
    """Parse the reference-table CSV (columns `CSV_COLUMNS`, aliases pipe-separated)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = set(CSV_COLUMNS) - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"entity CSV lacks columns {sorted(missing)}")
    rows = []
    for line_no, row in enumerate(reader, start=2):
        flag = (row["case_sensitive"] or "").strip().lower()
        if flag not in {"true", "false", ""}:
            raise ValueError(f"line {line_no}: case_sensitive must be true or false: {flag!r}")
        rows.append(Entity(
            entity_id=row["entity_id"].strip(),
            name=row["name"].strip(),
            aliases=tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip()),
            ticker=(row["ticker"] or "").strip() or None,
            cik=(row["cik"] or "").strip() or None,
            kind=row["kind"].strip(),
            country=(row["country"] or "").strip() or None,
            case_sensitive=flag == "true",
        ))
    return rows


class EntityTable:
    """The reference entities with their lookup indexes and the gazetteer for text scans."""

    def __init__(self, entities: tuple[Entity, ...]) -> None:
        """Index `entities`; raises ValueError on bad ids, kinds, CIKs or clashing names."""
        self.entities = entities
        self._by_id: dict[str, Entity] = {}
        self._by_key: dict[str, Entity] = {}
        self._by_ticker: dict[str, Entity] = {}
        self._by_cik: dict[str, Entity] = {}
        self._trie: dict = {}
        for entity in entities:
            self._index(entity)

    @classmethod
    def default(cls) -> EntityTable:
        """The packaged reference table, loaded once per process."""
        return _default_table()

    @classmethod
    def from_rows(cls, rows: Iterable[Entity]) -> EntityTable:
        """A table of the given entities (validated as the packaged one is)."""
        return cls(tuple(rows))

    def _index(self, entity: Entity) -> None:
        eid = entity.entity_id
        if not _SLUG_RE.match(eid):
            raise ValueError(f"entity_id {eid!r} is not a lower-case slug")
        if eid in self._by_id:
            raise ValueError(f"duplicate entity_id {eid!r}")
        if entity.kind not in KINDS:
            raise ValueError(f"{eid}: kind {entity.kind!r} not in {sorted(KINDS)}")
        if entity.cik is not None and not re.fullmatch(r"\d{10}", entity.cik):
            raise ValueError(f"{eid}: cik {entity.cik!r} is not 10 digits")
        self._by_id[eid] = entity
        for surface in (entity.name, *entity.aliases):
            key = normalize_name(surface)
            if not key:
                raise ValueError(f"{eid}: alias {surface!r} has no letters or digits")
            other = self._by_key.setdefault(key, entity)
            if other is not entity:
                raise ValueError(f"{surface!r} ({eid}) clashes with {other.entity_id!r}")
            self._add_to_trie(_Surface(surface, eid, entity.case_sensitive))
        if entity.ticker is not None:
            other = self._by_ticker.setdefault(_ticker_key(entity.ticker), entity)
            if other is not entity:
                raise ValueError(f"{eid}: ticker {entity.ticker!r} is {other.entity_id!r}'s")
        if entity.cik is not None:
            other = self._by_cik.setdefault(entity.cik, entity)
            if other is not entity:
                raise ValueError(f"{eid}: cik {entity.cik!r} is {other.entity_id!r}'s")

    def _add_to_trie(self, surface: _Surface) -> None:
        folded, _ = fold(surface.text)
        node = self._trie
        for ch in folded.strip():
            node = node.setdefault(ch, {})
        node.setdefault(_END, []).append(surface)

    def resolve(self, name: str) -> Resolution:
        """The entity a written name stands for: known, or a stable open-world `org:` id.

        Raises ValueError only for a name with no letter or digit (empty, blank, "--").
        """
        if not name or not name.strip():
            raise ValueError("cannot resolve an empty entity name")
        entity = self.lookup(name)
        if entity is not None:
            return Resolution(entity.entity_id, entity.name, True)
        key = normalize_name(name)
        if not key:
            raise ValueError(f"entity name {name!r} has no letters or digits")
        return Resolution(OPEN_WORLD_PREFIX + "-".join(key.split()), clean_display_name(name),
                          False)

    def lookup(self, name: str) -> Entity | None:
        """The known entity for a name, alias, description or ticker; None if unknown.

        Tickers count when written with "$" or an exchange prefix, in capitals, or, written
        in lower case, when four characters or longer ("nvda"), so "owl" is not Blue Owl.
        """
        if not name or not name.strip():
            return None
        entity = self._by_key.get(normalize_name(name))
        if entity is not None:
            return entity
        bare = _TICKER_PREFIX_RE.sub("", name).strip()
        prefixed = bare != name.strip()
        if re.fullmatch(r"[A-Za-z0-9.]+", bare) and (prefixed or bare.isupper() or len(bare) >= 4):
            return self.by_ticker(bare)
        return None

    def by_id(self, entity_id: str) -> Entity | None:
        """The entity with this id, if the table has it."""
        return self._by_id.get(entity_id)

    def by_ticker(self, ticker: str) -> Entity | None:
        """The entity listed under this ticker ("NVDA", "$nvda", "NASDAQ: NVDA", "0700.HK")."""
        bare = _TICKER_PREFIX_RE.sub("", ticker).strip()
        if not bare:
            return None
        entity = self._by_ticker.get(_ticker_key(bare))
        if entity is None and "." in bare:  # exchange suffix: "0700.HK", "9984.T"
            entity = self._by_ticker.get(_ticker_key(bare.split(".", 1)[0]))
        return entity

    def by_cik(self, cik: str | int) -> Entity | None:
        """The entity filing with the SEC under this CIK (int, bare or zero-padded string)."""
        if isinstance(cik, int):
            text = str(cik) if cik >= 0 else ""
        else:
            text = re.sub(r"^cik", "", cik.strip(), flags=re.IGNORECASE)
        if not text.isdigit() or len(text) > 10:
            return None
        return self._by_cik.get(text.zfill(10))

    def find_mentions(self, text: str, other_names: bool = False) -> list[EntityMention]:
        """Known entities named in `text`, non-overlapping, longest first, in text order.

        Names match on word boundaries, so a possessive ("Nvidia's") matches and a longer word
        ("Googleplex") does not; see the module docstring for the case and ticker rules. In
        text written all in lower case (social posts: "meta paying coreweave"), capitals say
        nothing, so the case rule is off there, when the text names another company too (a
        known one, or `other_names`: one the caller found).
        """
        candidates = self._name_candidates(text) + self._ticker_candidates(text)
        if written_in_lower_case(text) and (candidates or other_names):
            # Capitals say nothing here; a common-word name ("meta", "oracle") counts when the
            # text names another company too and no article makes it a noun ("the meta ...").
            spans = {(m.start, m.end) for m in candidates}
            candidates += [m for m in self._name_candidates(text, ignore_case=True)
                           if (m.start, m.end) not in spans
                           and not ARTICLE_BEFORE.search(text[:m.start])]
            # "nvda puts $2B into xai": a bare lower-case ticker that is no English word.
            candidates += [m for m in self._bare_ticker_candidates(text)
                           if (m.start, m.end) not in spans]
        candidates.sort(key=lambda m: (m.start - m.end, m.start))
        taken = bytearray(len(text))
        chosen = []
        for mention in candidates:
            if not any(taken[mention.start:mention.end]):
                taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
                chosen.append(mention)
        return sorted(chosen, key=lambda m: m.start)

    def _name_candidates(self, text: str, ignore_case: bool = False) -> list[EntityMention]:
        folded, origin = fold(text)
        found = []
        # Word starts only (`\w` is exactly `is_word_char`: alphanumeric or "_").
        for start in (m.start() for m in _WORD_START.finditer(folded)):
            node, pos = self._trie, start
            while pos < len(folded) and (node := node.get(folded[pos])) is not None:
                pos += 1
                if _END not in node or (pos < len(folded) and is_word_char(folded[pos])):
                    continue
                begin, end = origin[start], origin[pos - 1] + 1
                written = text[begin:end]
                for surface in node[_END]:
                    if not surface.case_sensitive or ignore_case or written_as(written,
                                                                                surface.text):
                        found.append(EntityMention(begin, end, written, surface.entity_id))
                        break
        return found

    def _bare_ticker_candidates(self, text: str) -> list[EntityMention]:
        """Lower-case tickers of social posts ("nvda", "amzn", "crwv"), not plain words."""
        found = []
        for match in _BARE_TICKER_RE.finditer(text):
            entity = self.by_ticker(match.group(1))
            if entity is not None and not _is_plain_word(match.group(1)):
                found.append(EntityMention(match.start(1), match.end(1), match.group(1),
                                           entity.entity_id))
        return found

    def _ticker_candidates(self, text: str) -> list[EntityMention]:
        found = []
        for pattern, whole in ((_EXCHANGE_TICKER_RE, False), (_CASHTAG_RE, True),
                               (_CAPS_TOKEN_RE, False)):
            for match in pattern.finditer(text):
                entity = self.by_ticker(match.group(1))
                if entity is None or (pattern is _CAPS_TOKEN_RE and entity.ticker != match[1]):
                    continue
                start, end = match.span(0) if whole else match.span(1)
                found.append(EntityMention(start, end, text[start:end], entity.entity_id))
        return found


_WORD_START = re.compile(r"(?<!\w)\w")


def _is_plain_word(token: str) -> bool:
    return zipf_frequency(token, "en") >= _PLAIN_WORD_ZIPF


# A lower-case token this frequent is a word ("meta", "arm", "now"), not a ticker.
_PLAIN_WORD_ZIPF = 3.0
_BARE_TICKER_RE = re.compile(r"(?<![\w$])([a-z]{3,5})(?![\w])")


def _ticker_key(ticker: str) -> str:
    """Tickers compare in capitals; all-digit tickers also without leading zeros ("0700")."""
    key = ticker.strip().upper()
    return (key.lstrip("0") or "0") if key.isdigit() else key


@functools.cache
def _default_table() -> EntityTable:
    text = resources.files("transform.entities").joinpath("entities.csv").read_text("utf-8")
    table = EntityTable.from_rows(entities_from_csv(text))
    logger.debug("loaded %d reference entities", len(table.entities))
    return table
