"""The commands that show the money web: `circularity deals`, `detect` and `report`.

They read and write the lake directly (plain stage functions, no Prefect server), so they
answer in a second: `deals` lists the `deals` table; `detect` rebuilds `deals` and `cycles`
from the stored mentions and prints the loops (or, with --from-mentions, finds the loops of
`circularity extract` output with no tables at all); `report` writes the HTML page.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

EXIT_OK, EXIT_ERROR = 0, 2
SOURCES = ["cnbc", "the_information", "bluesky", "edgar"]


def _dumps(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, default=str)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _options(args: argparse.Namespace) -> Any:
    from flows.app_settings import load_settings

    return load_settings().detect.options(
        max_length=args.max_length, include_rumored=args.include_rumored or None,
        time_ordered_only=args.time_ordered or None, since=getattr(args, "since", None))


def _lake() -> Any:
    from flows.app_settings import load_settings
    from flows.runtime import build_lake

    return build_lake(load_settings())


def _stored_deals(command: str) -> Any:
    """The `deals` table, or None after saying how to build it."""
    lake = _lake()
    if not lake.exists("deals"):
        print(f"{command}: no deals yet: `circularity run` builds them (or `circularity "
              "detect` from the mentions already stored)", file=sys.stderr)
        return None
    return lake.read("deals")


def cmd_deals(args: argparse.Namespace) -> int:
    """Print the deals, newest first: payer → payee, type, amount, status, sources."""
    import polars as pl

    from detect.presentation import deal_line, deal_record
    from transform.entities import EntityTable

    deals = _stored_deals("deals")
    if deals is None:
        return EXIT_ERROR
    if args.entity:
        wanted = {args.entity.casefold(), EntityTable.default().resolve(args.entity).entity_id}
        deals = deals.filter(
            pl.col("payer_id").is_in(list(wanted)) | pl.col("payee_id").is_in(list(wanted))
            | pl.col("payer_name").str.to_lowercase().is_in(list(wanted))
            | pl.col("payee_name").str.to_lowercase().is_in(list(wanted)))
    if args.since:
        since = datetime.combine(args.since, datetime.min.time(), tzinfo=UTC)
        deals = deals.filter(pl.col("last_reported_at") >= since)
    deals = deals.sort(["first_reported_at", "deal_id"], descending=[True, False],
                       nulls_last=True)
    for row in deals.iter_rows(named=True):
        print(_dumps(deal_record(row)) if args.format == "json" else deal_line(row))
    if args.format == "table":
        print(f"{deals.height} deal(s)", file=sys.stderr)
    return EXIT_OK


def _read_mentions(path: str) -> list[dict[str, Any]]:
    """`circularity extract` lines from a file or stdin; OSError and ValueError say why."""
    source: TextIO = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    try:
        return [json.loads(line) for line in source if line.strip()]
    finally:
        if source is not sys.stdin:
            source.close()


def cmd_detect(args: argparse.Namespace) -> int:
    """Rebuild deals and loops from the stored mentions (or find the loops of `extract`
    output with --from-mentions) and print them, one per line or as JSON objects."""
    from detect.from_mentions import loops_from_mentions
    from detect.presentation import deals_by_id, loop_line, loop_record

    options = _options(args)
    if args.from_mentions:
        try:
            mentions = _read_mentions(args.from_mentions)
        except OSError as exc:
            print(f"detect: cannot read {args.from_mentions}: {exc.strerror}", file=sys.stderr)
            return EXIT_ERROR
        except json.JSONDecodeError as exc:
            print(f"detect: not JSON Lines: {exc}", file=sys.stderr)
            return EXIT_ERROR
        loops, deals = loops_from_mentions(mentions, options)
        origin = f"{len(mentions)} mention(s)"
    else:
        from flows.money_web import rebuild_cycles, rebuild_deals

        lake = _lake()
        if not lake.exists("deal_mentions"):
            print("detect: no deal mentions stored yet; run `circularity run` first, or give "
                  "`circularity extract` output with --from-mentions FILE (- for stdin)",
                  file=sys.stderr)
            return EXIT_ERROR
        _, frame = rebuild_deals(lake)
        _, loops = rebuild_cycles(lake, options, frame)
        deals = deals_by_id(frame)
        origin = f"the tables under {lake.storage.root}"
    for loop in loops:
        print(_dumps(loop_record(loop, deals)) if args.format == "json" else
              loop_line(loop, deals))
    if args.format == "table":
        print(f"{len(loops)} loop(s) in {len(deals)} deal(s) from {origin}", file=sys.stderr)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write the self-contained HTML report of the money web and its loops."""
    from detect.cycles import find_deal_loops
    from detect.report import render_report, write_report

    deals = _stored_deals("report")
    if deals is None:
        return EXIT_ERROR
    loops = find_deal_loops(deals, _options(args))
    page = render_report(list(deals.sort("deal_id").iter_rows(named=True)), loops,
                         generated_at=datetime.now(UTC).replace(microsecond=0))
    path = write_report(Path(args.output), page)
    print(f"{path.resolve()}: {deals.height} deal(s), {len(loops)} loop(s)")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """Run the nightly flow on the shipped demo corpus served on loopback, then print the
    loops and where the run wrote the report: the whole pipeline with no network and no
    credentials."""
    from flows.console import route_logs
    from flows.demo import demo_environment, demo_site, environment, load_corpus
    from flows.run_artifacts import final_summary
    from flows.server_guard import guard_temporary_server

    data_dir = Path(args.data_dir).resolve()
    with demo_site(load_corpus()) as base, environment(demo_environment(base, data_dir)):
        from flows.nightly_flow import nightly

        log_path = route_logs(data_dir / "logs" / "circularity.log", args.verbose)
        guard_temporary_server()  # a killed demo takes Prefect's temporary server with it
        summary = final_summary(nightly(return_state=True))
    for result in summary["sources"]:
        print(f"{result['source']}: {result['status']} ({result['documents']} documents, "
              f"{result['mentions']} deal mentions)")
    print(f"{summary['deals']} deals, {summary['loops']} loops:")
    for line in summary["loop_lines"]:
        print("  " + line)
    print(f"report: {summary['report']}")
    print(f"tables: {data_dir / 'tables'}  log: {log_path}")
    return EXIT_OK if summary["status"] == "ok" else 1


def _loop_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--max-length", type=int, help="longest loop in hops (default: the "
                        "setting CIRCULARITY_DETECT__MAX_LENGTH, 4)")
    parser.add_argument("--include-rumored", action="store_true", help="rumored deals too")
    parser.add_argument("--time-ordered", action="store_true",
                        help="only loops whose hops were reported in money order")


def add_commands(sub: Any) -> None:
    """Register `deals`, `detect` and `report` on the CLI's subparsers."""
    deals = sub.add_parser("deals", help="the deals, newest first")
    deals.add_argument("--entity", help="only deals with this company (name, alias or id)")
    deals.add_argument("--since", type=_day, help="only deals reported on or after this day")
    deals.add_argument("--format", choices=["table", "json"], default="table")
    deals.set_defaults(func=cmd_deals)

    detect = sub.add_parser("detect", help="rebuild deals and loops, print the loops")
    detect.add_argument("--from-mentions", metavar="FILE",
                        help="`circularity extract` output (- for stdin): no tables")
    _loop_flags(detect)
    detect.add_argument("--since", type=_day, help="only deals first reported since this day")
    detect.add_argument("--format", choices=["table", "json"], default="table")
    detect.set_defaults(func=cmd_detect)

    demo = sub.add_parser("demo", help="the whole pipeline on a shipped sample corpus, offline")
    demo.add_argument("--data-dir", default="demo-data",
                      help="storage root of the demo (default: ./demo-data)")
    demo.set_defaults(func=cmd_demo)

    report = sub.add_parser("report", help="write the HTML report of the money web")
    report.add_argument("-o", "--output", default="report.html", help="(default: report.html)")
    _loop_flags(report)
    report.set_defaults(func=cmd_report)
