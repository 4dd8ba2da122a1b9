"""The raw store: every fetched body kept as-is, content-addressed, never rewritten.

A body's id is the sha256 of its bytes, so the same response fetched twice is stored once.
On a local disk, blobs are gzip files written under a temporary name and renamed into place: a
crash leaves either no blob or a whole one, never a torn file under the final name. On an object
store a PUT is already atomic (an object is whole or absent), and a rename is a copy plus a
delete, so a blob is one existence check and one PUT straight to its final key: no temporary
name, no rename, no directory markers. Two writers racing on the same key write the same bytes
(the key is their hash), so the check needs no lock.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import uuid

from load.storage import StorageRoot

log = logging.getLogger(__name__)


def raw_id_of(body: bytes) -> str:
    """The content address of a body: its sha256 in hex."""
    return hashlib.sha256(body).hexdigest()


class RawStore:
    """Content-addressed gzip blobs under `<root>/raw/<ab>/<cd>/<sha256>.gz`."""

    def __init__(self, storage: StorageRoot) -> None:
        self.storage = storage

    @staticmethod
    def blob_path(raw_id: str) -> str:
        """The blob's path relative to the storage root."""
        return f"raw/{raw_id[:2]}/{raw_id[2:4]}/{raw_id}.gz"

    def exists(self, raw_id: str) -> bool:
        """True when the blob is stored."""
        info = self.storage.fs.get_file_info(self.storage.path(self.blob_path(raw_id)))
        return info.type.name == "File"

    def put(self, body: bytes) -> tuple[str, str]:
        """Store a body unless already there; return (raw_id, blob path relative to the root)."""
        raw_id = raw_id_of(body)
        relative = self.blob_path(raw_id)
        if self.exists(raw_id):
            return raw_id, relative
        final = self.storage.path(relative)
        # mtime=0 keeps the gzip bytes a pure function of the body.
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        if not self.storage.local:
            with self.storage.fs.open_output_stream(final, compression=None) as out:
                out.write(compressed)
            return raw_id, relative
        folder = relative.rsplit("/", 1)[0]
        self.storage.ensure_dir(folder)
        temp = self.storage.path(folder, f".{raw_id}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
        with self.storage.fs.open_output_stream(temp, compression=None) as out:
            out.write(compressed)
        self.storage.fs.move(temp, final)
        return raw_id, relative

    def get(self, raw_id: str) -> bytes:
        """The stored body; raises FileNotFoundError when absent and ValueError when corrupt."""
        path = self.storage.path(self.blob_path(raw_id))
        with self.storage.fs.open_input_stream(path, compression=None) as stream:
            body = gzip.decompress(stream.read())
        if raw_id_of(body) != raw_id:
            raise ValueError(f"raw blob {raw_id} is corrupt: content hash differs")
        return body
