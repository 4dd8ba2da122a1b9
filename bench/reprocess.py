"""Reprocess benchmark: the full path (read + parse + extract + write) against trafilatura.

Builds a corpus of stored CNBC-like article pages of realistic size (the real 1.2 MB page in
../shared/fixtures/real is the template when present), stores it the way ingestion does (raw
store blobs + `raw_documents` rows), then times two things on the same pages in the same run:

1. the full reprocess path, as the reprocess flow runs it: `flows.reprocess_pool` reads the
   index, worker processes read, un-gzip, parse and extract the blobs batch by batch, and this
   process writes each chunk in order (`write_computed`), then
   `flows.stages.drop_stale_mentions`;
2. `trafilatura.extract(html)` on the same bodies, each read and decoded before its timer starts.

Neither pass holds the corpus in memory, so the peak RSS printed at the end (this process, and
the largest worker) shows whether memory grows with the corpus. Run from the repo root:
`python bench/reprocess.py [--pages 2000] [--workers N] [--workdir DIR] [--keep] [--profile]`.
Corpus building is not timed.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import html
import io
import logging
import os
import platform
import pstats
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from extract import cnbc  # noqa: E402
from extract.parsers import parse_batch  # noqa: E402
from flows import reprocess_pool, stages  # noqa: E402
from load import quarantine  # noqa: E402
from load.lake import Lake  # noqa: E402
from load.raw_store import RawStore  # noqa: E402
from records import RawInput  # noqa: E402
from transform.deals import entity_rows, mention_rows  # noqa: E402
from transform.entities import EntityTable  # noqa: E402

REAL_PAGE = REPO.parent / "shared" / "fixtures" / "real" / "cnbc" / "cnbc_2023_04_28.html.gz"
CHUNK_SIZE = 250
INDEX_BATCH = 1000
T = TypeVar("T")
SEED = 20240601

# ------------------------------------------------------------------------------ prose

# Real names from the reference entity table, with the ticker CNBC would link (None: private).
# Only characters that need no escaping in HTML, JSON or the page's double-escaped JSON, so a
# headline can be dropped into every spot of the template as is.
COMPANIES = {
    "Nvidia": "NVDA", "Microsoft": "MSFT", "Oracle": "ORCL", "Amazon": "AMZN", "Google": "GOOGL",
    "Meta": "META", "AMD": "AMD", "Broadcom": "AVGO", "Intel": "INTC", "CoreWeave": "CRWV",
    "OpenAI": None, "Anthropic": None, "xAI": None, "Lambda": None, "Crusoe": None,
    "Nebius": "NBIS", "SoftBank": "SFTBY", "Blackstone": "BX", "Brookfield": "BN",
    "BlackRock": "BLK", "Blue Owl": "OWL", "Apollo": "APO", "KKR": "KKR", "Magnetar": None,
    "MGX": None, "Equinix": "EQIX", "Digital Realty": "DLR", "Applied Digital": "APLD",
    "Core Scientific": "CORZ", "IREN": "IREN", "Cisco": "CSCO", "Dell": "DELL",
    "Super Micro": "SMCI", "TSMC": "TSM", "Micron": "MU", "Samsung": None,
    "Goldman Sachs": "GS", "JPMorgan": "JPM", "Morgan Stanley": "MS", "Mistral AI": None,
    "Fluidstack": None, "Vantage": None, "Databricks": None, "Scale AI": None,
}
NAMES = list(COMPANIES)
GOODS = ["GPU clusters", "data center capacity", "Nvidia Blackwell chips", "cloud compute",
         "AI servers", "power and cooling equipment", "custom accelerators"]
PLACES = ["Texas", "Abilene", "Ohio", "Wisconsin", "Norway", "the United Arab Emirates",
          "Virginia", "Arizona", "Georgia", "Pennsylvania"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
DEAL_SENTENCES = [
    "{a} will invest up to {m} in {b}, the companies said on {day}, as demand for {g} keeps "
    "outrunning supply.",
    "{a} has raised {m} in a funding round led by {b}, valuing the company at {v}.",
    "{a} signed a {n}-year agreement to lease {g} from {b} for about {m}, according to a "
    "regulatory filing.",
    "{a} agreed to acquire {b} for {m} in cash and stock, the largest deal in its history.",
    "{b} arranged a {m} loan to {a}, secured by the {g} it operates in {place}.",
    "{a} agreed to buy {m} worth of {g} from {b} over the next {n} years.",
    "{a} is in talks to invest {m} in {b}, according to people familiar with the matter.",
    "{a} is reportedly weighing a {m} purchase of {g} from {b}, though no agreement has been "
    "signed.",
    "{a} is said to be nearing a deal to lease {g} in {place} from {b} for roughly {m}.",
]
DEAL_FOLLOW_UPS = [
    "The {place} site is expected to draw more than {n} gigawatts once fully built.",
    "Neither company disclosed further terms.", "Shares of {a} rose {p}% in extended trading.",
    "A spokesperson for {b} declined to comment.",
    "Analysts said the arrangement ties the two companies more closely than ever.",
]
NEUTRAL_SENTENCES = [
    "{a} reported quarterly revenue of {m}, up {p}% from a year earlier, ahead of the {m2} "
    "analysts had expected.",
    "Shares of {a} have gained {p}% so far this year, giving the company a market value of about "
    "{v}.",
    "The S&P 500 closed {p2}% higher on {day}, while the Nasdaq Composite added {p2}%.",
    "Capital expenditures at the largest cloud providers are on track to top {v} this year, "
    "according to estimates compiled by analysts.",
    "Gross margin came in at {gm}%, compared with {gm2}% in the same period last year.",
    "{a} guided to revenue of between {m} and {m2} for the current quarter.",
    "Investors have questioned how quickly spending on {g} will turn into profit.",
    "The stock trades at about {n}0 times forward earnings, above its five-year average.",
    "{a} said operating expenses rose {p}% as it hired engineers and expanded in {place}.",
    "Bond yields edged up on {day}, with the 10-year Treasury at {p2}%.",
]
DEAL_HEADLINES = ["{a} to invest {m} in {b} as AI build-out accelerates",
                  "{a} strikes {m} deal with {b} for {g}",
                  "{a} in talks to back {b} at {v} valuation"]
NEUTRAL_HEADLINES = ["{a} shares jump {p}% after revenue beats estimates",
                     "{a} stock slides as investors question AI spending",
                     "Here is what to watch in {a} earnings this week"]


def _money(rng: random.Random, low: float = 0.2, high: float = 40.0) -> str:
    """A dollar amount as a news story writes it: $750 million, $4 billion, $1.5 billion."""
    value = rng.uniform(low, high)
    if value < 1:
        return f"${int(value * 1000) // 50 * 50 or 50} million"
    if value < 10 and rng.random() < 0.5:
        return f"${value:.1f} billion"
    return f"${int(value)} billion"


def _fill(templates: list[str], rng: random.Random) -> str:
    """Fill templates (joined by a space) with the same two distinct companies, and figures."""
    a, b = rng.sample(NAMES, 2)
    return " ".join(template.format(
        a=a, b=b, m=_money(rng), m2=_money(rng), v=f"${rng.randint(5, 900)} billion",
        g=rng.choice(GOODS), place=rng.choice(PLACES), day=rng.choice(DAYS),
        n=rng.randint(2, 9), p=rng.randint(2, 48), p2=round(rng.uniform(0.1, 4.9), 1),
        gm=rng.randint(35, 78), gm2=rng.randint(35, 78)) for template in templates)


def _paragraph(rng: random.Random, deal: bool) -> str:
    """One paragraph: a deal statement with a follow-up, or two to three neutral sentences."""
    if deal:
        return _fill([rng.choice(DEAL_SENTENCES), rng.choice(DEAL_FOLLOW_UPS)], rng)
    return " ".join(_fill([rng.choice(NEUTRAL_SENTENCES)], rng)
                    for _ in range(rng.randint(2, 3)))


def _linked(paragraph: str) -> str:
    """Paragraph HTML with the first listed company linked to its quote page, as CNBC does."""
    text = html.escape(paragraph, quote=False)
    for name, ticker in COMPANIES.items():
        if ticker and name in text:
            link = f'<a href="https://www.cnbc.com/quotes/{ticker}/">{name}</a>'
            return text.replace(name, link, 1)
    return text


def _plain(text: str) -> str:
    """Text safe in every slot of the template (HTML attribute, JSON, double-escaped JSON)."""
    return re.sub(r"[<>\"'\\]", "", text.replace("&", " and "))


@dataclass(frozen=True)
class PageSpec:
    """What one generated page says: the parts that vary from page to page."""

    url_path: str  # e.g. 2024/05/03/slug.html
    headline: str
    published: datetime
    description: str
    key_points: list[str]
    paragraphs: list[str]
    cnbc_id: int


def page_spec(index: int, rng: random.Random) -> PageSpec:
    """A deterministic page: 8-20 paragraphs, about a third of them stating a deal."""
    paragraphs = [_paragraph(rng, deal=rng.random() < 1 / 3) for _ in range(rng.randint(8, 20))]
    deal_story = rng.random() < 0.5
    headline = _fill([rng.choice(DEAL_HEADLINES if deal_story else NEUTRAL_HEADLINES)], rng)
    published = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 700_000))
    slug = re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-")
    return PageSpec(
        url_path=f"{published:%Y/%m/%d}/{slug}-{index}.html", headline=headline,
        published=published, description=_plain(paragraphs[0].split(". ")[0] + "."),
        key_points=[_fill([rng.choice(NEUTRAL_SENTENCES)], rng)
                    for _ in range(rng.randint(2, 3))],
        paragraphs=paragraphs, cnbc_id=108_000_000 + index)


# ------------------------------------------------------------------------------ pages

_SLOT = re.compile(r"\x00(\w+)\x00")
_BODY_OPEN = '<div class="ArticleBody-articleBody"'
_TAG = re.compile(r"<(/?)(div|span)\b[^>]*>")


def _children(page: str, open_tag_end: int) -> tuple[list[str], int]:
    """Top-level div/span children of the element whose open tag ends at `open_tag_end`,
    and where its closing tag starts."""
    depth, start, kids = 0, open_tag_end, []
    for match in _TAG.finditer(page, open_tag_end):
        if match.group(1):
            if depth == 0:
                return kids, match.start()
            depth -= 1
            if depth == 0:
                kids.append(page[start:match.end()])
        else:
            start = match.start() if depth == 0 else start
            depth += 1
    raise SystemExit("template: article body is never closed")


def _swap(page: str, pattern: str, slot: str, expected_min: int) -> str:
    """Replace every match of `pattern` by a slot; fail loudly when the page has changed."""
    result, count = re.subn(pattern, f"\x00{slot}\x00", page)
    if count < expected_min:
        raise SystemExit(f"template: {slot!r} found {count} times, expected >= {expected_min}")
    return result


class Template:
    """The real CNBC page with slots where the per-page URL, headline, date and body go.

    Its head, inline styles and scripts (the bulk of the 1.2 MB) stay as they are, so every
    generated page costs a parser what a real one does. Widgets of the real body (image,
    related links, video, pull quote, ad slots) stay too, between generated paragraph groups.
    """

    def __init__(self, page: str) -> None:
        start = page.index(_BODY_OPEN)
        open_end = page.index(">", start) + 1
        kids, close = _children(page, open_end)
        self.widgets = [k for k in kids if not k.startswith('<div class="group"><p')]
        page = page[:open_end] + "\x00body\x00" + page[close:]
        page = _swap(page, r"(?<=<div class=\"RenderKeyPoints-list\"><div><div class=\"group\">)"
                           r"<ul>.*?</ul>", "key_points", 1)
        page = _swap(page, r"31% of new crypto buyers influenced by friends\.[^\"<\\]*?"
                           r"(?:advisor says|cautious)", "headline", 10)
        page = _swap(page, r"A third of new cryptocurrency investors are primarily motivated by "
                           r"friends to make their purchase\. It may not always be sage advice, "
                           r"experts warn\. ?", "description", 2)
        for sep, slot in (("/", "path_slash"), (r"\\u002F", "path_escaped")):
            # Without ".html": the page state also names the page by its bare path.
            page = _swap(page, sep.join(["2023", "04", "28", "many-new-bitcoin-crypto-buyers-"
                                         "influenced-by-friends-why-to-be-cautious"]), slot, 3)
        page = _swap(page, r"2023-04-28T18:23:00\+0000", "date", 5)
        page = _swap(page, r"\b107232889\b", "cnbc_id", 3)
        self.parts = _SLOT.split(page)

    def render(self, spec: PageSpec, rng: random.Random) -> str:
        """The page for one spec."""
        lead, middle, tail = self.widgets[:2], self.widgets[2:-1], self.widgets[-1:]
        groups, paragraphs = [], list(spec.paragraphs)
        while paragraphs:
            size = rng.randint(2, 4)
            take, paragraphs = paragraphs[:size], paragraphs[size:]
            groups.append('<div class="group">' + "".join(f"<p>{_linked(p)}</p>" for p in take)
                          + "</div>")
            # One body widget after each paragraph group, in the real page's order.
            if len(groups) // 2 < len(middle):
                groups.append(middle[len(groups) // 2])
        bare_path = spec.url_path.removesuffix(".html")
        values = {
            "body": "".join(lead + groups + tail),
            "key_points": "<ul>" + "".join(f"<li>{html.escape(k, quote=False)}</li>"
                                           for k in spec.key_points) + "</ul>",
            "headline": spec.headline, "description": spec.description,
            "path_slash": bare_path, "path_escaped": bare_path.replace("/", r"\u002F"),
            "date": spec.published.strftime("%Y-%m-%dT%H:%M:%S+0000"),
            "cnbc_id": str(spec.cnbc_id),
        }
        return "".join(values[p] if i % 2 else p for i, p in enumerate(self.parts))


class PaddedTemplate:
    """Fallback without the real page: tests/sites.article_page plus ~1 MB of inline CSS/JS."""

    def __init__(self, pad_bytes: int = 1_100_000) -> None:
        rng = random.Random(SEED)
        rules = []
        while sum(map(len, rules)) < pad_bytes * 3 // 4:
            name = "".join(rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij", k=12))
            rules.append(f".{name}-wrapper{{margin:{rng.randint(0, 40)}px;color:#"
                         f"{rng.randrange(16**6):06x};font-size:{rng.randint(10, 30)}px}}")
        config = ",".join(f'"k{i}":{rng.randint(0, 10**9)}' for i in range(pad_bytes // 64))
        self.padding = (f"<style>{''.join(rules)}</style>"
                        f"<script>window.__bench_config={{{config}}};</script>")

    def render(self, spec: PageSpec, rng: random.Random) -> str:
        """The page for one spec."""
        from tests.sites import Article, article_page  # only here: needs the dev extra

        slug = spec.url_path.rsplit("/", 1)[1].removesuffix(".html")
        article = Article(slug=slug, headline=spec.headline, published=spec.published,
                          paragraphs=spec.paragraphs)
        return article_page(article, "https://www.cnbc.com").replace(
            "</head>", self.padding + "</head>", 1)


def load_template() -> Template | PaddedTemplate:
    """The real page as template when ../shared is there, else the padded test page."""
    if REAL_PAGE.exists():
        return Template(gzip.decompress(REAL_PAGE.read_bytes()).decode("utf-8"))
    print(f"note: {REAL_PAGE} not found; using tests/sites.article_page padded to ~1 MB")
    return PaddedTemplate()


# ------------------------------------------------------------------------------ corpus


def _check_parses(body: bytes, url: str, raw_id: str, spec: PageSpec) -> None:
    """Fail loudly when a generated page does not parse back into what was generated."""
    doc = cnbc.parse_article(body, url, raw_id)
    problems = [
        name for name, ok in [
            ("title", doc.title == spec.headline),
            ("published_at", doc.published_at == spec.published),
            ("canonical_url", doc.canonical_url == url),
            ("paywalled", not doc.paywalled),
            ("paragraphs", doc.text.split("\n\n") == spec.paragraphs),
        ] if not ok
    ]
    if problems:
        raise SystemExit(f"generated page {url} parses wrong: {', '.join(problems)}")


def build_corpus(lake: Lake, raw_store: RawStore, pages: int) -> tuple[list[str], int]:
    """Generate, store and index `pages` article pages; returns their raw ids and total size
    (the bodies are not kept: each is stored and dropped)."""
    template = load_template()
    rng = random.Random(SEED)
    checked = {0, 1, pages // 2, pages - 1,
               *random.Random(SEED + 1).sample(range(pages), min(4, pages))}
    fetched_at = datetime(2025, 6, 1, tzinfo=UTC)
    rows, raw_ids, total = [], [], 0
    for index in range(pages):
        spec = page_spec(index, rng)
        body = template.render(spec, rng).encode("utf-8")
        url = f"https://www.cnbc.com/{spec.url_path}"
        raw_id, blob_path = raw_store.put(body)
        if index in checked:
            _check_parses(body, url, raw_id, spec)
        rows.append({
            "raw_id": raw_id, "source": cnbc.SOURCE, "url": url, "final_url": url,
            "fetched_at": fetched_at + timedelta(seconds=index), "status": 200,
            "content_type": "text/html; charset=utf-8", "byte_size": len(body),
            "blob_path": blob_path, "etag": None, "last_modified": None,
        })
        raw_ids.append(raw_id)
        total += len(body)
        if len(rows) == INDEX_BATCH:  # index in batches: building stays flat in memory too
            lake.upsert("raw_documents", rows, update_matched=False)
            rows = []
    if rows:
        lake.upsert("raw_documents", rows, update_matched=False)
    return raw_ids, total


# ------------------------------------------------------------------------------ timed runs


@dataclass(frozen=True)
class FullPathResult:
    """Totals and wall time of one full reprocess."""

    seconds: float
    raw: int
    documents: int
    mentions: int
    failures: int


def reset_peak_rss() -> bool:
    """Start this process's peak-RSS count afresh (Linux: /proc/self/clear_refs), so the peak
    read afterwards is the full path's, not corpus building's; False where unsupported."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_rss_mb() -> float:
    """This process's peak RSS since the last reset (VmHWM), else since it started."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_full_path(root: str, workers: int) -> FullPathResult:
    """Timed: read the index; read blobs, parse and extract in `workers` processes; write,
    chunk by chunk, in order; then the final cleanup (the reprocess flow's calls)."""
    lake = Lake(root)
    seen_at = datetime.now(UTC)
    raw = documents = mentions = failures = 0
    start = time.perf_counter()
    refs = reprocess_pool.raw_refs(lake)
    for computed in reprocess_pool.computed_chunks(
            lake, refs, chunk_size=CHUNK_SIZE, workers=workers, seen_at=seen_at,
            budget_seconds=None):
        result = reprocess_pool.write_computed(lake, computed, seen_at)
        raw += result.raw
        documents += result.documents
        mentions += result.mentions
        failures += result.failures
    stages.drop_stale_mentions(lake)
    return FullPathResult(time.perf_counter() - start, raw, documents, mentions, failures)


def run_trafilatura(raw_store: RawStore, raw_ids: list[str]) -> tuple[float, int]:
    """Timed: trafilatura.extract on each body, read from the raw store and decoded to str
    beforehand (reading and decoding untimed).

    Returns (seconds spent inside extract, pages it returned text for).
    """
    import trafilatura

    seconds, extracted = 0.0, 0
    for raw_id in raw_ids:
        page = raw_store.get(raw_id).decode("utf-8")
        start = time.perf_counter()
        text = trafilatura.extract(page)
        seconds += time.perf_counter() - start
        extracted += bool(text)
    return seconds, extracted


def profile_chunk(root: str, workdir: Path) -> None:
    """Where the full path spends its time: the phases of one chunk, timed one by one.

    Reads the first chunk from the corpus's raw store and writes into a fresh lake, like the
    first chunk of a reprocess; then profiles the next chunk's reprocess_chunk with cProfile.
    """
    corpus = Lake(root)
    raw_store = RawStore(corpus.storage)
    lake = Lake(str(workdir / "profile-lake"))
    seen_at = datetime.now(UTC)
    table = EntityTable.default()
    inputs_iter = (RawInput(r.source, r.url, r.raw_id, raw_store.get(r.raw_id), r.published_hint)
                   for r in reprocess_pool.raw_refs(corpus))
    chunk_iter = stages.chunks(inputs_iter, CHUNK_SIZE)
    phases: dict[str, float] = {}

    def timed(name: str, call: Callable[[], T]) -> T:
        start = time.perf_counter()
        value = call()
        phases[name] = time.perf_counter() - start
        return value

    inputs = timed("read blobs (raw store get)", lambda: next(chunk_iter))
    documents, failures = timed("parse (parse_batch)", lambda: parse_batch(
        [(i.source, i.body, i.url, i.raw_id, i.published_hint) for i in inputs]))

    def extract() -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        for doc in documents:
            rows += mention_rows(doc.doc_id, doc.source, title=doc.title, summary=doc.summary,
                                 text=doc.text, lang=doc.lang, published_at=doc.published_at,
                                 table=table)
        return rows

    mentions = timed("extract (mention_rows)", extract)
    entities = timed("extract (entity_rows)", lambda: entity_rows(table, mentions))
    timed("write deal_mentions", lambda: stages.write_mentions(
        lake, mentions, [d.doc_id for d in documents]))
    timed("write entities", lambda: stages.write_entities(lake, entities))
    timed("write documents", lambda: stages.write_documents(lake, documents))
    timed("write quarantine (record + resolve)", lambda: (
        quarantine.record(lake, []),
        quarantine.resolve(lake, cnbc.SOURCE, [i.url for i in inputs], "parse", seen_at)))
    total = sum(phases.values())
    print(f"\nprofile: one chunk of {len(inputs)} pages ({len(documents)} documents, "
          f"{len(mentions)} mentions, {len(failures)} failures), fresh lake")
    for name, seconds in phases.items():
        print(f"  {name:<38} {seconds:8.3f} s  {seconds / total:6.1%}  "
              f"{seconds / len(inputs) * 1000:7.2f} ms/page")
    print(f"  {'total':<38} {total:8.3f} s")
    following = next(chunk_iter, None)
    if following:
        profiler = cProfile.Profile()
        profiler.runcall(stages.reprocess_chunk, lake, following, seen_at)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
        print(f"\ncProfile of reprocess_chunk on the next {len(following)} pages "
              "(top 15 by own time):")
        print("\n".join(out.getvalue().splitlines()[4:]))


# ------------------------------------------------------------------------------ main


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument("--workers", type=int, default=0,
                        help="processes that parse and extract (default 0: one per core)")
    parser.add_argument("--workdir", type=Path, help="new or empty folder (default: temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder at the end")
    parser.add_argument("--profile", action="store_true",
                        help="also time parse / extract / write on one chunk")
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    if args.workdir and args.workdir.exists() and any(args.workdir.iterdir()):
        parser.error(f"--workdir {args.workdir} is not empty: a benchmark needs a fresh lake")
    return args


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, run both timed passes and print the comparison."""
    args = _arguments(argv)
    logging.basicConfig(level=logging.WARNING)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="circularity-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    root = str(workdir / "data")
    try:
        start = time.perf_counter()
        lake = Lake(root)
        raw_store = RawStore(lake.storage)
        raw_ids, total_bytes = build_corpus(lake, raw_store, args.pages)
        print(f"corpus: {len(raw_ids)} pages built and stored in "
              f"{time.perf_counter() - start:.1f} s (not timed) under {workdir}")
        workers = reprocess_pool.worker_count(args.workers)
        reset_peak_rss()
        full = run_full_path(root, workers)
        own = peak_rss_mb()  # the full path's peak in this (the writing) process
        worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if full.documents != len(raw_ids) or full.failures:
            raise SystemExit(f"full path lost pages: {full}")
        trafilatura_seconds, extracted = run_trafilatura(raw_store, raw_ids)
        full_rate = full.documents / full.seconds
        trafilatura_rate = len(raw_ids) / trafilatura_seconds
        mean_size = total_bytes / len(raw_ids)
        print(f"\n{'pages':<44} {len(raw_ids):>10}")
        print(f"{'mean page size':<44} {mean_size / 1e6:>8.2f} MB")
        print(f"{'full path: documents / mentions written':<44} "
              f"{full.documents:>5} / {full.mentions}")
        print(f"{'full path wall time':<44} {full.seconds:>8.2f} s")
        print(f"{'full path docs/s (read+parse+extract+write)':<44} {full_rate:>10.1f}")
        print(f"{'trafilatura.extract time (str in memory)':<44} {trafilatura_seconds:>8.2f} s"
              f"  ({extracted} pages with text)")
        print(f"{'trafilatura.extract docs/s':<44} {trafilatura_rate:>10.1f}")
        print(f"{'full path peak RSS: writer / largest worker':<44} {own:>6.0f} / {worker:.0f} MB")
        print(f"\nPython {platform.python_version()}, polars {version('polars')}, "
              f"deltalake {version('deltalake')}, trafilatura {version('trafilatura')}, "
              f"{os.cpu_count()} CPUs ({platform.machine()}), {workers} worker(s), "
              f"chunks of {CHUNK_SIZE}")
        if args.profile:
            profile_chunk(root, workdir)
        print(f"ratio (full path / trafilatura.extract): {full_rate / trafilatura_rate:.2f}x")
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
