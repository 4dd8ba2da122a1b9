"""`circularity detect --from-mentions`: the loops stated in texts, offline, from `extract`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.command_line import main

TEXTS = [
    {"id": "a", "text": "Nvidia will invest up to $100 billion in OpenAI, which will deploy "
                        "10 gigawatts of Nvidia systems."},
    {"id": "b", "text": "Microsoft has invested $13 billion in OpenAI. OpenAI will buy $250 "
                        "billion of Azure services from Microsoft."},
    {"id": "c", "text": "Nvidia is in talks to invest $2 billion in Lambda. Lambda has bought "
                        "thousands of Nvidia GPUs."},
]


def _loops(tmp_path: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> list[dict]:
    texts, mentions = tmp_path / "texts.jsonl", tmp_path / "mentions.jsonl"
    texts.write_text("".join(json.dumps(t) + "\n" for t in TEXTS), encoding="utf-8")
    assert main(["extract", "-i", str(texts), "-o", str(mentions)]) == 0
    capsys.readouterr()
    assert main(["detect", "--from-mentions", str(mentions), "--format", "json", *flags]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_the_loops_of_the_texts_with_their_evidence(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    loops = _loops(tmp_path, capsys)
    assert {tuple(loop["entity_ids"]) for loop in loops} == {
        ("microsoft", "openai"), ("nvidia", "openai")}
    nvidia = next(loop for loop in loops if loop["entity_ids"] == ["nvidia", "openai"])
    assert nvidia["entities"] == ["Nvidia", "OpenAI"] and nvidia["length"] == 2
    first, back = nvidia["hops"]
    assert (first["payer_id"], first["payee_id"], first["deals"][0]["deal_type"]) == (
        "nvidia", "openai", "equity_investment")
    assert first["deals"][0]["amount_usd"] == 100e9
    assert (back["payer_id"], back["deals"][0]["deal_type"]) == ("openai", "purchase")
    assert "Nvidia will invest up to $100 billion" in first["deals"][0]["evidence"][0]
    assert nvidia["cycle_id"] and isinstance(nvidia["score"], float)


def test_rumored_deals_close_loops_only_when_asked(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    plain = {tuple(loop["entity_ids"]) for loop in _loops(tmp_path, capsys)}
    wider = {tuple(loop["entity_ids"]) for loop in _loops(tmp_path, capsys, "--include-rumored")}
    assert ("lambda", "nvidia") not in plain and ("lambda", "nvidia") in wider


def test_without_mentions_it_says_what_to_give(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["detect"]) == 2
    assert "--from-mentions" in capsys.readouterr().err
