"""The storage root: a local folder or an object-store URI, seen through one filesystem API.

Delta tables get URIs (delta-rs opens them itself); raw blobs and exports go through a
`pyarrow.fs` filesystem, so the same code writes to a local disk or to S3.
"""

from __future__ import annotations

import os

import pyarrow.fs as pafs


def _is_uri(root: str) -> bool:
    return "://" in root


class StorageRoot:
    """Paths and URIs under one storage root (`CIRCULARITY_DATA_DIR`)."""

    def __init__(self, root: str, storage_options: dict[str, str] | None = None) -> None:
        if _is_uri(root) and not root.startswith("file://"):
            # Object stores read credentials from the environment (AWS_* variables).
            self.fs, self._base = pafs.FileSystem.from_uri(root.rstrip("/"))
            self._uri_base = root.rstrip("/")
            self.local = False
        else:
            local = root.removeprefix("file://")
            self._base = os.path.abspath(local)
            self._uri_base = self._base
            self.fs = pafs.LocalFileSystem()
            self.local = True
        self.storage_options = storage_options

    @property
    def root(self) -> str:
        """The root as a URI or absolute local path."""
        return self._uri_base

    def uri(self, *parts: str) -> str:
        """URI (or absolute local path) of a location under the root, for delta-rs."""
        if self.local:
            return os.path.join(self._base, *parts)
        return "/".join([self._uri_base, *parts])

    def path(self, *parts: str) -> str:
        """Path of a location under the root, for the pyarrow filesystem."""
        return "/".join([self._base.rstrip("/"), *parts])

    def ensure_dir(self, *parts: str) -> None:
        """Create a folder (and parents) under the root; a no-op on object stores (they have
        no folders, and pyarrow would write empty marker objects)."""
        if self.local:
            self.fs.create_dir(self.path(*parts), recursive=True)
