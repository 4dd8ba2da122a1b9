"""`circularity run` on a machine where no source can be reached: calm, quick, one line each.

Every source is pointed at a closed loopback port. The command must end with exit code 1, one
line per source saying what failed and what to check, no traceback on the terminal, the whole
story in the log file under the storage root, and the run recorded as failed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import polars as pl

from load.lake import Lake

REPO = Path(__file__).resolve().parents[1]


def closed_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_offline_run_ends_at_once_with_one_line_per_source(tmp_path: Path) -> None:
    down = f"http://127.0.0.1:{closed_port()}"
    hosts = '["127.0.0.1"]'
    env = {
        **os.environ,
        "CIRCULARITY_DATA_DIR": str(tmp_path / "data"),
        "CIRCULARITY_CNBC__FEEDS": f'["{down}/rss.xml"]', "CIRCULARITY_CNBC__ALLOWED_HOSTS": hosts,
        "CIRCULARITY_THE_INFORMATION__FEED": f"{down}/feed",
        "CIRCULARITY_THE_INFORMATION__ALLOWED_HOSTS": hosts,
        "CIRCULARITY_BLUESKY__APPVIEW_URL": down, "CIRCULARITY_BLUESKY__PDS_URL": down,
        "CIRCULARITY_BLUESKY__AUTHORS": '["someone.bsky.social"]',
        "CIRCULARITY_BLUESKY__ALLOWED_HOSTS": hosts,
        "CIRCULARITY_HTTP__CONTACT_EMAIL": "ops@example.org",
        "CIRCULARITY_EDGAR__DATA_URL": down, "CIRCULARITY_EDGAR__EFTS_URL": down,
        "CIRCULARITY_EDGAR__ARCHIVES_URL": down, "CIRCULARITY_EDGAR__ALLOWED_HOSTS": hosts,
    }
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run([sys.executable, "-m", "flows.command_line", "run"], cwd=tmp_path,
                          env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
                          timeout=15)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:4]] == ["cnbc", "the_information", "bluesky",
                                                          "edgar"]
    assert all("FAILED: unreachable" in line and "(check: " in line for line in lines[:4])
    assert len(lines) == 5 and "no source could be reached" in lines[4]
    assert "Traceback" not in done.stdout + done.stderr and done.stderr == ""
    log = (tmp_path / "data" / "logs" / "circularity.log").read_text()
    assert "no source reachable" in log
    runs = Lake(str(tmp_path / "data")).read("runs")
    assert runs["status"].to_list() == ["failed"]
    sources = runs.select(pl.col("sources").explode()).unnest("sources")
    assert sources.filter(pl.col("status") == "failed").height == 4
