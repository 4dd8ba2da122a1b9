"""`circularity demo`: the shipped corpus through the real nightly flow, offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.command_line import main
from flows.demo import build_routes, load_corpus
from load.lake import Lake

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_the_demo_runs_the_real_flow_and_prints_the_loops(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)  # no developer .env is read
    data = tmp_path / "demo-data"
    assert main(["demo", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert ("Nvidia → OpenAI (equity_investment, up to $100B, 2025-09-22) → Nvidia "
            "(purchase") in out
    assert "Nvidia → Lambda (lease" in out and "Amazon → Anthropic" in out
    for source in ("cnbc", "the_information", "bluesky", "edgar"):
        line = next(x for x in out.splitlines() if x.startswith(f"{source}: "))
        assert line.startswith(f"{source}: ok (") and " 0 documents" not in line
    report = data / "report.html"
    assert report.is_file() and "<svg" in report.read_text(encoding="utf-8")
    lake = Lake(str(data))
    versions = {name: lake.version(name) for name in ("documents", "deals", "cycles")}
    assert main(["demo", "--data-dir", str(data)]) == 0  # a second run changes nothing
    assert {name: lake.version(name) for name in ("documents", "deals", "cycles")} == versions


def test_every_corpus_article_has_a_page_in_its_source_format() -> None:
    articles = load_corpus()
    routes = build_routes(articles, "http://127.0.0.1:1")
    by_source = {a["source"] for a in articles}
    assert by_source == {"cnbc", "the_information", "bluesky", "edgar"}
    pages = [path for path in routes if path.startswith(("/cnbc/20", "/articles/"))]
    assert len(pages) == sum(1 for a in articles if a["source"] in ("cnbc", "the_information"))
    assert routes["/robots.txt"][1].startswith(b"User-agent: *")
