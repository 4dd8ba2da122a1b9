"""What a run writes where: a short summary on the terminal, the whole story in a log file.

The terminal of `circularity run` (and backfill, reprocess) gets one line per source and the
run's status; every log record, tracebacks included, goes to `<storage root>/logs/
circularity.log` (`./circularity.log` when the storage root is an object store). With
`--verbose` the terminal shows the log as well. Prefect's own console handlers are quieted the
same way; its records still reach the Prefect API (the UI) and the file.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from urllib.parse import urlsplit

from flows.app_settings import Settings

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_QUIET = logging.CRITICAL + 1
# A line of the terminal summary is cut here; the log file has the whole message.
SUMMARY_CHARS = 240


def log_file_path(settings: Settings) -> Path:
    """Where the run log goes: under a local storage root, else the working folder."""
    root = settings.data_dir
    if urlsplit(root).scheme in ("", "file"):
        return Path(urlsplit(root).path if root.startswith("file:") else root) / "logs" / \
            "circularity.log"
    return Path("circularity.log")


def route_logs(path: Path, verbose: bool) -> Path:
    """Send every record to `path` (appending); keep console handlers quiet unless verbose.

    Call after Prefect is imported: it installs its own console handlers on import.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    to_file = logging.FileHandler(path, encoding="utf-8")
    to_file.setLevel(logging.INFO)
    to_file.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.setLevel(min(root.level or logging.INFO, logging.INFO))
    loggers = [root, *[logging.getLogger(name) for name in list(logging.root.manager.loggerDict)
                       if name.startswith("prefect")]]
    for logger in loggers:
        for handler in logger.handlers:
            if _is_console(handler) and not verbose:
                handler.setLevel(_QUIET)
        if logger is root or not logger.propagate:
            logger.addHandler(to_file)
    return path


def _is_console(handler: logging.Handler) -> bool:
    stream = getattr(handler, "stream", None)
    return not isinstance(handler, logging.FileHandler) and (
        stream in (sys.stderr, sys.stdout) or type(handler).__name__.endswith("ConsoleHandler"))


def summary_line(source: str, error: str | None, hint: str | None = None) -> str:
    """"cnbc: FAILED: <reason, cut> (check: <hint>)"."""
    reason = (error or "unknown error").replace("\n", " ")
    if len(reason) > SUMMARY_CHARS:
        reason = reason[: SUMMARY_CHARS - 1] + "…"
    return f"{source}: FAILED: {reason}" + (f" (check: {hint})" if hint else "")
