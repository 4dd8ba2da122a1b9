"""Every output the pipeline derives from stored input, written to files, to compare two trees.

Refactors and speed-ups must not change a byte of what the pipeline produces. This script runs
the public entry points that stay put across a refactor (`circularity parse`, `circularity
extract`, `extract.parsers.parse_raw`, `transform.deals.mention_rows` and the benchmark's full
reprocess path) over:

- every fixture under tests/fixtures/ and ../shared/fixtures/real/ (documents as the CLI prints
  them, or the error it reports; feeds through each connector's feed parser);
- every labelled set (tests/labelled/*.jsonl, ../shared/gold/dev.jsonl) through `extract`;
- the deal mentions of every parsed fixture document (the pipeline's whole-document path);
- the benchmark corpus (bench/reprocess.py's pages) through the full reprocess path, with the
  resulting tables read back and sorted by key.

Usage, from the repository root:

    python bench/output_digest.py --write OUT_DIR [--pages 2000]
    python bench/output_digest.py --compare OUT_DIR [--pages 2000]

`--compare` recomputes everything into a temporary folder and reports each file that differs
(exit 1) or "identical" (exit 0).
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import gzip
import io
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# A stable URL per source for fixtures, so documents are keyed the same in both trees.
FIXTURE_URLS = {
    "cnbc": "https://www.cnbc.com/2025/09/22/{stem}.html",
    "the_information": "https://www.theinformation.com/articles/{stem}",
    "bluesky": "https://public.api.bsky.app/xrpc/app.bsky.feed.searchPosts?q={stem}",
    "edgar": "https://www.sec.gov/Archives/edgar/data/1045810/000104581025000210/{name}",
}


def _cli(argv: list[str]) -> str:
    """Run the `circularity` CLI in-process; stdout, stderr and the exit code as one text."""
    from flows.command_line import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except Exception as exc:  # noqa: BLE001 - a crash is an output to compare too
            code = f"crash {type(exc).__name__}: {exc}"
    return f"{out.getvalue()}--- stderr\n{err.getvalue()}--- exit {code}\n"


def _fixtures() -> list[tuple[str, Path]]:
    """(source, path) of every fixture file of the four sources, in a fixed order."""
    found = []
    for base in (REPO / "tests" / "fixtures", SHARED / "fixtures" / "real"):
        for source in FIXTURE_URLS:
            folder = base / source
            if folder.is_dir():
                found += [(source, p) for p in sorted(folder.iterdir()) if p.is_file()]
    return found


def _feed_refs(source: str, body: bytes, url: str) -> str:
    """A feed's refs through the connector's feed parser, or the error it raises."""
    from extract import cnbc, the_information

    parser = {"cnbc": cnbc.parse_feed, "the_information": the_information.parse_feed}[source]
    try:
        return "\n".join(json.dumps(ref.__dict__, default=str, sort_keys=True)
                         for ref in parser(body, url)) + "\n"
    except Exception as exc:  # noqa: BLE001 - the error message is part of the output
        return f"error {type(exc).__name__}: {exc}\n"


def _document_mentions(source: str, body: bytes, url: str) -> str:
    """Deal mentions of each document a fixture parses into (empty when it does not parse)."""
    from extract.parsers import parse_raw
    from transform.deals import mention_rows

    try:
        documents = parse_raw(source, body, url, "raw-fixture")
    except Exception as exc:  # noqa: BLE001
        return f"error {type(exc).__name__}\n"
    lines = []
    for doc in documents:
        rows = mention_rows(doc.doc_id, doc.source, title=doc.title, summary=doc.summary,
                            text=doc.text, lang=doc.lang, published_at=doc.published_at)
        lines += [json.dumps(row, default=str, sort_keys=True) for row in rows]
    return "\n".join(lines) + "\n"


def write_fixture_outputs(out: Path) -> int:
    """Parse output, feed refs and document mentions of every fixture; returns files written."""
    count = 0
    for source, path in _fixtures():
        body = path.read_bytes()
        if path.suffix == ".gz":
            body = gzip.decompress(body)
        name = path.name.removesuffix(".gz")
        url = FIXTURE_URLS[source].format(stem=Path(name).stem, name=name)
        key = f"{path.parent.parent.name}-{source}-{name}"
        (out / f"parse-{key}.txt").write_text(
            _cli(["parse", "--source", source, str(path), "--url", url]), encoding="utf-8")
        (out / f"mentions-{key}.txt").write_text(
            _document_mentions(source, body, url), encoding="utf-8")
        if name.endswith(".xml") and source in ("cnbc", "the_information"):
            (out / f"feed-{key}.txt").write_text(_feed_refs(source, body, url), encoding="utf-8")
        count += 1
    return count


def write_labelled_outputs(out: Path) -> int:
    """`circularity extract` over every labelled set; returns the number of sets."""
    sets = sorted((REPO / "tests" / "labelled").glob("*.jsonl"))
    if (SHARED / "gold" / "dev.jsonl").exists():
        sets.append(SHARED / "gold" / "dev.jsonl")
    for path in sets:
        target = out / f"extract-{path.parent.name}-{path.stem}.jsonl"
        log = _cli(["extract", "-i", str(path), "-o", str(target)])
        (out / f"extract-{path.parent.name}-{path.stem}.log").write_text(log, encoding="utf-8")
    return len(sets)


def write_corpus_outputs(out: Path, pages: int) -> None:
    """The benchmark corpus through the full reprocess path; tables read back, sorted."""
    import polars as pl

    from bench.reprocess import build_corpus, run_full_path
    from load.lake import Lake
    from load.raw_store import RawStore

    with tempfile.TemporaryDirectory(prefix="circularity-digest-") as root:
        lake = Lake(root)
        with contextlib.redirect_stdout(io.StringIO()):
            build_corpus(lake, RawStore(lake.storage), pages)
        run_full_path(root, workers=2)  # the pool path: tables equal a serial run's
        keys = {"documents": "doc_id", "deal_mentions": "mention_id", "entities": "entity_id"}
        for table, key in keys.items():
            frame = lake.read(table).sort(key)
            # Times of this run (first/last seen, fetched) differ between runs by nature.
            frame = frame.select([c for c in frame.columns
                                  if frame.schema[c] not in (pl.Datetime("us", "UTC"),)
                                  or c == "published_at"])
            frame.write_ndjson(out / f"corpus-{table}.jsonl")


def write_all(out: Path, pages: int) -> None:
    """Every output into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    fixtures = write_fixture_outputs(out)
    sets = write_labelled_outputs(out)
    if pages:
        write_corpus_outputs(out, pages)
    print(f"{fixtures} fixtures, {sets} labelled sets, {pages} corpus pages -> {out}")


def compare(expected: Path, actual: Path) -> list[str]:
    """Names of files that differ or exist on one side only."""
    left = {p.name for p in expected.iterdir()}
    right = {p.name for p in actual.iterdir()}
    differ = sorted(left ^ right)
    differ += sorted(n for n in left & right
                     if not filecmp.cmp(expected / n, actual / n, shallow=False))
    return differ


def main(argv: list[str] | None = None) -> int:
    """Write the outputs, or compare them with a folder written before."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, metavar="OUT_DIR")
    mode.add_argument("--compare", type=Path, metavar="OUT_DIR")
    parser.add_argument("--pages", type=int, default=2000,
                        help="benchmark corpus pages (0 skips the corpus)")
    args = parser.parse_args(argv)
    if args.write:
        write_all(args.write, args.pages)
        return 0
    with tempfile.TemporaryDirectory(prefix="circularity-digest-now-") as now:
        write_all(Path(now), args.pages)
        differ = compare(args.compare, Path(now))
    for name in differ:
        print(f"differs: {name}")
    print("identical" if not differ else f"{len(differ)} outputs differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
