"""Table maintenance: `circularity maintain` and the maintain flow compact and vacuum every
table without changing a row."""

from __future__ import annotations

from pathlib import Path

import pytest
from deltalake import DeltaTable

from flows.command_line import main
from flows.maintenance import maintain
from load.lake import Lake
from load.schemas import TABLES
from tests.flow_env import apply_env, flow_env
from tests.test_lake import doc_row


def fill(lake: Lake, commits: int) -> None:
    for batch in range(commits):
        lake.upsert("documents", [doc_row(f"{batch}-{i}") for i in range(5)])


def contents(lake: Lake) -> dict[str, list[dict]]:
    return {name: lake.read(name).sort(list(TABLES[name].key)).to_dicts() for name in TABLES}


def data_files(lake: Lake) -> int:
    folder = Path(lake.table_uri("documents"))
    return sum(1 for _ in folder.glob("*.parquet"))


def test_the_command_compacts_and_vacuums_and_keeps_every_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, []))
    lake = Lake(str(tmp_path / "data"))
    fill(lake, 6)
    before = contents(lake)
    assert data_files(lake) == 6
    assert main(["maintain", "--retention-hours", "0"]) == 0
    out = capsys.readouterr().out
    assert "documents      compacted 6 file(s) into 1, deleted 6 old file(s)" in out
    assert contents(lake) == before
    assert data_files(lake) == 1
    assert len(DeltaTable(lake.table_uri("documents")).file_uris()) == 1
    assert main(["maintain", "--retention-hours", "-1"]) == 2


def test_the_default_retention_keeps_a_week_of_versions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, []))
    lake = Lake(str(tmp_path / "data"))
    fill(lake, 3)
    version = lake.version("documents")
    assert main(["maintain"]) == 0  # 168 h: the replaced files are younger, so they stay
    assert data_files(lake) == 4  # three old files kept for time travel, plus the compacted one
    old = DeltaTable(lake.table_uri("documents"), version=version).to_pyarrow_table()
    assert old.num_rows == 15


@pytest.mark.usefixtures("prefect_harness")
def test_the_flow_maintains_the_storage_root(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, []))
    lake = Lake(str(tmp_path / "data"))
    fill(lake, 4)
    result = maintain(retention_hours=0)
    assert result["tables"]["documents"] == {"added": 1, "removed": 4, "deleted": 4}
    assert result["tables"]["cycles"] == {"added": 0, "removed": 0, "deleted": 0}
    assert lake.row_count("documents") == 20
