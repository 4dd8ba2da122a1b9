"""Prefect's temporary server dies with the CLI process that started it, however that ends.

Without `PREFECT_API_URL`, Prefect starts a temporary API server (a uvicorn subprocess) the
first time a flow runs and stops it at interpreter exit. A CLI killed with SIGKILL never gets
there, and the server (about 200 MB) stays behind. So the CLI starts that server itself, before
any flow, and hands a watchdog process the read end of a pipe whose write end only the CLI
holds: when the CLI ends, normally or killed, the operating system closes the write end, the
watchdog's read returns, and it stops the server (SIGTERM, then SIGKILL after a grace period).

Run as `python -m flows.server_guard PID` by `guard_temporary_server`, never by hand.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

logger = logging.getLogger(__name__)

GRACE_SECONDS = 5.0
_pipes: list[int] = []  # write ends kept open for the life of this process
_watchdogs: list[subprocess.Popen[bytes]] = []


def _uses_temporary_server() -> bool:
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    return not settings.api.url and settings.server.ephemeral.enabled


def guard_temporary_server() -> int | None:
    """Start Prefect's temporary server now (when no API URL is set) and tie it to this
    process; returns the server's pid, or None when an API server is configured (nothing to
    guard) or the server is already guarded. Prefect's clients later reuse this same server."""
    if _pipes or not _uses_temporary_server():
        return None
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    process = server.server_process
    if process is None:
        return None
    read_end, write_end = os.pipe()  # not inherited by later children (PEP 446)
    _watchdogs.append(subprocess.Popen(  # noqa: S603 - our own module, a pid argument
        [sys.executable, "-m", "flows.server_guard", str(process.pid)],
        stdin=read_end, start_new_session=True, close_fds=True,
        cwd=Path(__file__).resolve().parents[1]))
    os.close(read_end)
    _pipes.append(write_end)
    logger.debug("temporary Prefect server %s (pid %d) guarded", server.api_url, process.pid)
    return process.pid


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process now: not ours to stop
        return False
    return True


def _is_server(pid: int) -> bool:
    """Whether `pid` still runs the uvicorn server (where /proc tells), so a reused pid is
    never signalled."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.parent.exists():
        return _alive(pid)
    try:
        return b"uvicorn" in cmdline.read_bytes()
    except OSError:
        return False


def stop_server(pid: int, grace: float = GRACE_SECONDS) -> None:
    """SIGTERM the server, then SIGKILL it when it has not gone after `grace` seconds."""
    if not _is_server(pid):
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not _alive(pid) or not _is_server(pid):
            return
        time.sleep(0.1)
    if _is_server(pid):
        os.kill(pid, signal.SIGKILL)


def _watch(pid: int) -> None:
    """Block until the parent's end of the pipe closes, then stop the server."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the CLI, not for us
    while sys.stdin.buffer.read(4096):
        pass
    try:
        stop_server(pid)
    except ProcessLookupError:  # gone on its own (the CLI's normal exit stops it)
        pass


if __name__ == "__main__":
    _watch(int(sys.argv[1]))
