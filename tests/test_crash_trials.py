"""Crash trials: the nightly run killed with SIGKILL at random moments, then run again.

Ten trials, each on a fresh storage root: a child process runs the nightly flow against a
loopback site whose answers take a little while (so the run spends time in every stage), and
is killed at a moment drawn from a seeded random generator across the run's length (measured
by an uninterrupted reference run). The next run, in this process, must complete the work:
every table's logical content (timestamps of fetching and runs aside) equals the reference
run's, with no duplicate keys, no lost document or mention, and no row left `running`.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flows.nightly_flow import nightly
from flows.writer_lock import LOCK_NAME
from load.lake import Lake
from load.schemas import TABLES
from tests.conftest import REPO
from tests.flow_env import apply_env, flow_env
from tests.sites import Article, article_page, rss_feed

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

TRIALS = 10
SEED = 20261204
ARTICLES = [Article(f"deal-{i}", f"Story {i}", datetime(2025, 9, 20 + i, 12, tzinfo=UTC),
                    [f"Nvidia will invest ${i} billion in OpenAI, which will buy Nvidia chips.",
                     "Shares rose."]) for i in range(1, 7)]
# Columns that record when something happened, not what: they differ between any two runs.
WHEN = {"raw_documents": {"fetched_at"}, "runs": set(), "quarantine": {"first_seen_at",
                                                                      "last_seen_at"}}
CONTENT_TABLES = ["raw_documents", "documents", "deal_mentions", "entities", "deals", "cycles",
                  "quarantine"]


def serve_slowly(server: HTTPServer) -> list[str]:
    """The site, each answer after 0.15 s: the run lasts long enough to be caught anywhere."""
    base = server.url_for("").rstrip("/")
    pages = {a.path: article_page(a, base) for a in ARTICLES}

    def answer(request: Request) -> Response:
        time.sleep(0.15)
        if request.path == "/robots.txt":
            return Response("User-agent: *\nAllow: /\n", content_type="text/plain")
        if request.path == "/rss/technology.xml":
            return Response(rss_feed(ARTICLES, base), content_type="application/rss+xml")
        page = pages.get(request.path)
        return Response(page or "gone", status=200 if page else 404, content_type="text/html")

    server.expect_request(re.compile(".*")).respond_with_handler(answer)
    return [base + "/rss/technology.xml"]


def content(lake: Lake) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, sorted by key, without the columns that say when."""
    out = {}
    for name in CONTENT_TABLES:
        frame = lake.read(name)
        keys = list(TABLES[name].key)
        assert frame.select(keys).n_unique() == frame.height, f"duplicate keys in {name}"
        out[name] = frame.drop([c for c in WHEN.get(name, set()) if c in frame.columns]) \
            .sort(keys).to_dicts()
    return out


def test_ten_sigkills_at_random_moments_then_a_rerun_give_the_uninterrupted_tables(
        loopback_server: HTTPServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from prefect.settings import PREFECT_API_URL

    feeds = serve_slowly(loopback_server)
    (tmp_path / "reference").mkdir()
    reference_env = flow_env(tmp_path / "reference", feeds)
    apply_env(monkeypatch, tmp_path / "reference", reference_env)
    started = time.monotonic()
    assert nightly()["status"] == "ok"
    run_seconds = time.monotonic() - started
    expected = content(Lake(reference_env["CIRCULARITY_DATA_DIR"]))
    assert expected["documents"] and expected["deals"] and expected["cycles"]

    moments = random.Random(SEED)
    killed_mid_run = 0
    for trial in range(TRIALS):
        root = tmp_path / f"trial-{trial}"
        root.mkdir()
        env = flow_env(root, feeds)
        apply_env(monkeypatch, root, env)
        child = subprocess.Popen(
            [sys.executable, "-c", "from flows.nightly_flow import nightly; nightly()"],
            cwd=root / "work", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, **env, "PREFECT_API_URL": str(PREFECT_API_URL.value()),
                 "PYTHONPATH": str(REPO)})
        lock = Path(env["CIRCULARITY_DATA_DIR"]) / LOCK_NAME
        deadline = time.monotonic() + 120
        while not lock.exists() and child.poll() is None:  # the flow has begun
            assert time.monotonic() < deadline, "the child never started its flow"
            time.sleep(0.02)
        time.sleep(moments.uniform(0.0, run_seconds * 1.1))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        killed_mid_run += child.returncode == -signal.SIGKILL
        assert nightly()["status"] == "ok", f"trial {trial}: the rerun did not complete"
        lake = Lake(env["CIRCULARITY_DATA_DIR"])
        assert content(lake) == expected, f"trial {trial}: tables differ from the reference"
        assert "running" not in lake.read("runs")["status"].to_list()
    assert killed_mid_run >= TRIALS - 2  # the moments fell inside the runs, not after them
