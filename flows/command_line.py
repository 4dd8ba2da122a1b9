"""The `circularity` command.

    circularity run [--source NAME ...]     the nightly job on the local defaults
    circularity status                      each table's rows and last commit; the last run
    circularity parse --source NAME FILE    parse a saved response (.gz ok), print JSON lines
    circularity extract [-i IN] [-o OUT]    deal mentions from JSON Lines texts (no network)
    circularity reprocess [--source NAME]   re-parse and re-extract the raw store (no network)
    circularity backfill --start D --end D  a past window, in chunks, resumable
    circularity deals [--entity N]          the deals, newest first
    circularity detect                      rebuild deals and loops; print the loops
    circularity report [-o FILE]            the money web as one self-contained HTML page
    circularity serve                       deployments: nightly on cron, backfill, reprocess,
                                            detect

Prefect is imported only by the commands that run flows, so `parse` (and other offline
commands) start instantly and work with no Prefect server. Errors end as one clear line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from flows import money_commands
from flows.server_guard import guard_temporary_server

EXIT_OK, EXIT_SOURCE_FAILED, EXIT_ERROR = 0, 1, 2


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _dumps(row: dict[str, Any]) -> str:
    return json.dumps(row, default=_json_default, ensure_ascii=False)


class _NoTracebacks(logging.Filter):
    """Drop the traceback from log records: the message already says what failed and why.

    Prefect's engine logs a failed task's traceback; the CLI promises one clear line per failed
    source and never a traceback (use --verbose to see them).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info, record.exc_text = None, None
        return True


def _progress_on_terminal() -> None:
    """Draw backfill and reprocess progress as a bar when stderr is a terminal."""
    if sys.stderr.isatty():
        from rich.console import Console

        from flows import run_artifacts

        run_artifacts.console_bar = Console(stderr=True)


def _quiet_tracebacks(verbose: bool) -> None:
    """Tracebacks stay out of the terminal (the log file keeps them)."""
    if verbose:
        return
    for name in ("", "prefect"):
        for handler in logging.getLogger(name).handlers:
            if not isinstance(handler, logging.FileHandler):
                handler.addFilter(_NoTracebacks())


def cmd_run(args: argparse.Namespace) -> int:
    """Run the nightly flow; one line per source, the log in a file; exit 1 when a source
    failed (exit-code policy: 0 every source ran or was skipped by settings, 1 a source
    failed, 2 the command could not run)."""
    from flows.app_settings import load_settings
    from flows.console import log_file_path, route_logs, summary_line
    from flows.preflight import SETTING_HINTS, unreachable_sources
    from flows.runtime import build_connectors, selected_sources

    settings = load_settings()
    names = selected_sources(settings, args.source or None)
    connectors, skipped = build_connectors(settings)
    runnable = [n for n in names if n in connectors]
    down = unreachable_sources(settings, runnable)
    if runnable and len(down) == len(runnable):
        # Not one source can be reached: say so now, without starting Prefect.
        log_path = route_logs(log_file_path(settings), args.verbose)
        return _report_unreachable(settings, names, skipped, down, log_path)
    from flows.nightly_flow import nightly
    from flows.run_artifacts import final_summary

    log_path = route_logs(log_file_path(settings), args.verbose)
    _quiet_tracebacks(args.verbose)
    guard_temporary_server()  # a killed CLI takes Prefect's temporary server with it
    summary = final_summary(nightly(sources=args.source or None, return_state=True))
    failed = 0
    for result in summary["sources"]:
        line = (
            f"{result['source']}: {result['status']}"
            f" (discovered {result['discovered']}, fetched {result['fetched']},"
            f" documents {result['documents']}, mentions {result['mentions']},"
            f" quarantined {result['quarantined']})"
        )
        if result["status"] == "failed":
            failed += 1
            line = summary_line(result["source"], result["error"],
                                SETTING_HINTS.get(result["source"]))
        elif result["status"] == "skipped":
            line = f"{result['source']}: skipped ({result['error']})"
        print(line)
    if summary.get("deals") is not None:
        report = f" (report: {summary['report']})" if summary.get("report") else ""
        print(f"deals {summary['deals']}, loops {summary['loops']}{report}")
    print(f"run {summary['run_id']}: {summary['status']} (log: {log_path})")
    return EXIT_SOURCE_FAILED if failed else EXIT_OK


def _report_unreachable(settings: Any, names: list[str], skipped: dict[str, str],
                        down: dict[str, str], log_path: Path) -> int:
    """Record and print a run in which no source could be reached."""
    import uuid

    from flows.console import summary_line
    from flows.preflight import SETTING_HINTS
    from flows.runtime import build_lake
    from load import runs

    lake = build_lake(settings)
    run_id, started = str(uuid.uuid4()), datetime.now(UTC)
    results = []
    for name in names:
        if name in down:
            results.append(runs.SourceResult(source=name, status="failed",
                                              error=f"unreachable: {down[name]}"))
            print(summary_line(name, f"unreachable: {down[name]}", SETTING_HINTS.get(name)))
        else:
            reason = skipped.get(name, "disabled in settings")
            results.append(runs.SourceResult(source=name, status="skipped", error=reason))
            print(f"{name}: skipped ({reason})")
    parameters = {"sources": names, "preflight": "no source reachable"}
    runs.start_run(lake, run_id, "circularity-nightly", parameters, started)
    status = runs.finish_run(lake, run_id, "circularity-nightly", parameters, started,
                             datetime.now(UTC), results)
    logging.getLogger(__name__).error("run %s: no source reachable: %s", run_id, down)
    print(f"run {run_id}: {status}: no source could be reached, Prefect not started "
          f"(log: {log_path})")
    return EXIT_SOURCE_FAILED


def cmd_maintain(args: argparse.Namespace) -> int:
    """Compact, vacuum and checkpoint every table; one line per table."""
    from flows.app_settings import load_settings
    from flows.maintenance import maintain_storage

    if args.retention_hours is not None and args.retention_hours < 0:
        print("maintain: --retention-hours must be 0 or more", file=sys.stderr)
        return EXIT_ERROR
    for name, done in maintain_storage(load_settings(), args.retention_hours).items():
        print(f"{name:<14} compacted {done['removed']} file(s) into {done['added']},"
              f" deleted {done['deleted']} old file(s)")
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    """Print each table's row count and last commit, then the last run's summary."""
    from flows.app_settings import load_settings
    from flows.runtime import build_lake
    from load.runs import last_run
    from load.schemas import TABLES

    lake = build_lake(load_settings())
    print(f"storage root: {lake.storage.root}")
    for name in TABLES:
        commit = lake.last_commit(name)
        if commit is None:
            print(f"  {name:<14} absent")
            continue
        rows = lake.row_count(name)  # from the Delta log: no data file is read
        print(f"  {name:<14} {rows:>8} rows  v{commit['version']}"
              f"  {commit['timestamp']:%Y-%m-%d %H:%M:%S} UTC  {commit['operation']}")
    run = last_run(lake)
    if run is None:
        print("no run yet")
        return EXIT_OK
    finished = run["finished_at"].strftime("%Y-%m-%d %H:%M:%S") if run["finished_at"] else "-"
    print(f"last run {run['run_id']} ({run['flow']}): {run['status']},"
          f" started {run['started_at']:%Y-%m-%d %H:%M:%S}, finished {finished}")
    if run.get("deals") is not None:
        print(f"  deals {run['deals']}, loops {run['loops']}"
              " (`circularity deals`, `circularity detect`, `circularity report`)")
    for source in run["sources"] or []:
        detail = f" - {source['error']}" if source.get("error") else ""
        print(f"  {source['source']:<16} {source['status']:<8} documents {source['documents']}"
              f"  quarantined {source['quarantined']}{detail}")
    return EXIT_OK


def read_saved(path: Path) -> bytes:
    """A saved response's bytes; `.gz` files are decompressed."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def cmd_parse(args: argparse.Namespace) -> int:
    """Parse a saved response of a source and print its documents as JSON lines."""
    from extract.parsers import parse_raw

    path = Path(args.file)
    body = read_saved(path)
    url = args.url or path.resolve().as_uri()
    raw_id = hashlib.sha256(body).hexdigest()
    if args.source == "edgar" and body.lstrip()[:1] == b"{":
        # A submissions, full-text search or filing-index answer: discovery data, not a
        # document. Print what it lists.
        from extract.edgar import describe_json_response

        for row in describe_json_response(body, url):
            print(_dumps(row))
        return EXIT_OK
    for document in parse_raw(args.source, body, url, raw_id):
        row = document.to_row()
        row["metadata"] = document.metadata
        print(_dumps(row))
    return EXIT_OK


def _parse_time(value: object) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def cmd_extract(args: argparse.Namespace) -> int:
    """JSON Lines in ({"id", "text", "lang"?, "published_at"?}), one line per deal out.

    A malformed line is reported on stderr with its number and skipped; the exit code is 1
    when any line was skipped.
    """
    from transform.deals import extract_text
    from transform.entities import EntityTable

    table = EntityTable.default()
    # Bytes in, decoded line by line: a line that is not UTF-8 is reported and skipped, the
    # same from a file as from stdin, and the other lines still go through.
    source = open(args.input, "rb") if args.input else sys.stdin.buffer  # noqa: SIM115
    sink = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    bad = 0
    try:
        for number, raw in enumerate(source, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
                item = json.loads(line)
                if not isinstance(item, dict) or "id" not in item or \
                        not isinstance(item.get("text"), str):
                    raise ValueError('expected an object with "id" and a string "text"')
                if item.get("lang") is not None and not isinstance(item["lang"], str):
                    raise ValueError('"lang" must be a language code like "en" or "fr"')
                mentions = extract_text(str(item["id"]), item["text"],
                                        lang=item.get("lang") or "en",
                                        published_at=_parse_time(item.get("published_at")),
                                        table=table)
            except UnicodeDecodeError as exc:
                bad += 1
                print(f"line {number}: skipped: not UTF-8 (byte {raw[exc.start]:#04x} at "
                      f"column {exc.start + 1})", file=sys.stderr)
                continue
            except (ValueError, TypeError) as exc:
                bad += 1
                print(f"line {number}: skipped: {exc}", file=sys.stderr)
                continue
            for mention in mentions:
                line = mention.to_json()
                # The text's date travels with its deals: `detect --time-ordered` needs it.
                line["published_at"] = item.get("published_at")
                sink.write(_dumps(line) + "\n")
    finally:
        if args.input:
            source.close()
        if args.output:
            sink.close()
    return EXIT_SOURCE_FAILED if bad else EXIT_OK


def cmd_reprocess(args: argparse.Namespace) -> int:
    """Re-parse and re-extract every stored raw body; print the totals."""
    from flows.reprocess_flow import reprocess

    _quiet_tracebacks(args.verbose)
    _progress_on_terminal()
    guard_temporary_server()  # a killed CLI takes Prefect's temporary server with it
    summary = reprocess(source=args.source, chunk_size=args.chunk_size)
    print(f"reprocessed {summary['raw']} raw bodies: {summary['documents']} documents,"
          f" {summary['mentions']} deal mentions, {summary['failures']} parse failures,"
          f" {summary['stale_mentions_deleted']} stale mentions removed")
    print(f"run {summary['run_id']}: {summary['status']}")
    return EXIT_OK


def cmd_backfill(args: argparse.Namespace) -> int:
    """Ingest a past date window; one line per source; exit 1 when a source failed."""
    from flows.backfill_flow import backfill
    from flows.run_artifacts import final_summary

    _quiet_tracebacks(args.verbose)
    _progress_on_terminal()
    guard_temporary_server()  # a killed CLI takes Prefect's temporary server with it
    summary = final_summary(backfill(
        start=date.fromisoformat(args.start), end=date.fromisoformat(args.end),
        sources=args.source or None, chunk_days=args.chunk_days, return_state=True))
    failed = 0
    for result in summary["sources"]:
        if result["status"] == "skipped":
            print(f"{result['source']}: skipped ({result['error']})")
            continue
        failed += result["status"] == "failed"
        print(f"{result['source']}: {result['status']} (discovered {result['discovered']},"
              f" documents {result['documents']}, mentions {result['mentions']},"
              f" quarantined {result['quarantined']})"
              + (f" - {result['error']}" if result["error"] else ""))
    print(f"backfill {summary['run_id']}: {summary['status']} ({summary['windows']} windows)")
    return EXIT_SOURCE_FAILED if failed else EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the deployments until interrupted."""
    from flows.app_settings import load_settings
    from flows.deployments import serve

    guard_temporary_server()  # a killed CLI takes Prefect's temporary server with it
    serve(load_settings())
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="circularity", description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="the nightly job: every enabled source since its watermark")
    run.add_argument("--source", action="append", help="only this source (repeatable)",
                     choices=["cnbc", "the_information", "bluesky", "edgar"])
    run.set_defaults(func=cmd_run)

    status = sub.add_parser("status", help="tables and the last run")
    status.set_defaults(func=cmd_status)

    maintain = sub.add_parser("maintain", help="compact and vacuum the tables")
    maintain.add_argument("--retention-hours", type=int, default=None,
                          help="keep files older versions need for this long (default: "
                               "CIRCULARITY_RETENTION_HOURS, 168)")
    maintain.set_defaults(func=cmd_maintain)

    parse = sub.add_parser("parse", help="parse a saved response and print documents")
    parse.add_argument("--source", required=True,
                       choices=["cnbc", "the_information", "bluesky", "edgar"])
    parse.add_argument("--url", help="the URL the response came from (default: the file's URI)")
    parse.add_argument("file")
    parse.set_defaults(func=cmd_parse)

    extract = sub.add_parser("extract", help="deal mentions from JSON Lines texts")
    extract.add_argument("-i", "--input", help="JSON Lines file (default: stdin)")
    extract.add_argument("-o", "--output", help="output file (default: stdout)")
    extract.set_defaults(func=cmd_extract)

    reprocess = sub.add_parser("reprocess", help="re-parse and re-extract the raw store")
    reprocess.add_argument("--source", choices=["cnbc", "the_information", "bluesky", "edgar"])
    reprocess.add_argument("--chunk-size", type=int, default=250)
    reprocess.set_defaults(func=cmd_reprocess)

    backfill = sub.add_parser("backfill", help="ingest a past date window, resumably")
    backfill.add_argument("--start", required=True, help="first day, YYYY-MM-DD (UTC)")
    backfill.add_argument("--end", required=True, help="last day, YYYY-MM-DD (UTC)")
    backfill.add_argument("--source", action="append",
                          choices=["cnbc", "the_information", "bluesky", "edgar"])
    backfill.add_argument("--chunk-days", type=int, default=7)
    backfill.set_defaults(func=cmd_backfill)

    money_commands.add_commands(sub)

    serve = sub.add_parser("serve", help="serve the deployments (nightly on cron, ...)")
    serve.set_defaults(func=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `circularity` console command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    # Without PREFECT_API_URL, Prefect starts a temporary local server. Its telemetry service
    # phones home (this pipeline only talks to its sources) and, on start, races the other
    # services for the SQLite database, printing "database is locked" tracebacks. Off unless
    # the user chose otherwise.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # Prefect gives its temporary server 20 s to start; a busy two-core machine (a backfill and
    # a test suite at once) can take longer, and the run then dies before reaching a source.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into `head`: nothing left to say
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the CLI's contract: one line, never a traceback
        if args.verbose:
            logging.getLogger(__name__).exception("command failed")
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
