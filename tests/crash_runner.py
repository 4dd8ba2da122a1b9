"""Run the nightly flow in a subprocess and freeze it in the middle of a write, to be killed.

    python -m tests.crash_runner SIGNAL_FILE {documents|raw}

`documents`: the documents table write stops after its Parquet data file is on disk and before
the Delta commit (the state delta-rs leaves between writing data files and committing them).
`raw`: a raw blob write stops after half of its temporary file is written.
Either way the process touches SIGNAL_FILE and sleeps until the test sends SIGKILL.
"""

from __future__ import annotations

import sys
import time
import uuid
from pathlib import Path

import pyarrow.parquet as pq

from load import lake as lake_module
from load import raw_store as raw_module
from load.contract import conform
from load.schemas import TABLES


def _freeze(signal_file: Path) -> None:
    signal_file.write_text("frozen")
    while True:  # wait for SIGKILL
        time.sleep(0.1)


def main() -> None:
    signal_file, point = Path(sys.argv[1]), sys.argv[2]
    real_upsert = lake_module.Lake.upsert
    real_put = raw_module.RawStore.put

    def upsert(self, name, rows, **kwargs):
        if point == "documents" and name == "documents" and len(rows):
            data = conform(TABLES[name], rows)
            folder = Path(self.table_uri(name))
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(data, folder / f"part-00000-{uuid.uuid4()}-c000.snappy.parquet")
            _freeze(signal_file)
        return real_upsert(self, name, rows, **kwargs)

    def put(self, body):
        if point == "raw":
            temp = Path(self.storage.path("raw", f".crash.{uuid.uuid4().hex}.tmp"))
            temp.parent.mkdir(parents=True, exist_ok=True)
            temp.write_bytes(body[: len(body) // 2])
            _freeze(signal_file)
        return real_put(self, body)

    lake_module.Lake.upsert = upsert
    raw_module.RawStore.put = put
    from flows.nightly_flow import nightly

    nightly()


if __name__ == "__main__":
    main()
