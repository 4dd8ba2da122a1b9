"""Load a site's selectors (CSS selectors, JSON paths, markers) from the packaged TOML files.

Selectors live as data in each source folder's `selectors.toml` (`extract/<site>/selectors.toml`)
so that a site redesign is fixed by editing one data file, not parser code. The files are
shipped through pyproject's `package-data`.
"""

from __future__ import annotations

import copy
import functools
import importlib.resources
import re
import tomllib
from typing import Any

_SITE_NAME = re.compile(r"[a-z][a-z0-9_]*")  # site names are file stems: no paths, no dots


@functools.cache
def _parsed(site: str) -> dict[str, Any]:
    """The TOML of one site, read and parsed once per process."""
    resource = importlib.resources.files("extract").joinpath(site, "selectors.toml")
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise KeyError(f"no selectors file for site {site!r}") from exc
    return tomllib.loads(text)


def load_selectors(site: str) -> dict[str, Any]:
    """The selectors of `site` (for example "cnbc") as a dict, read from the packaged TOML.

    The file is parsed once and cached; every call returns its own deep copy so a caller that
    changes the dict cannot change what other parsers see. Raises KeyError for an unknown site
    and ValueError for a name that is not a plain lower-case identifier.
    """
    if not _SITE_NAME.fullmatch(site):
        raise ValueError(f"invalid site name {site!r}: expected a lower-case identifier")
    return copy.deepcopy(_parsed(site))
