"""The house rules of the layout (DESIGN.md, "Layout"), checked on every module's imports.

- `load` imports no other stage; `extract` imports no `transform`; `transform`, `load`,
  `extract`, `detect` and `records` never import `flows`; `records` imports no stage at run time.
- No file in flows/ shares a name with a top-level package or a library it imports.
- Every source has its folder with its selectors and its connector; every folder's
  `__init__.py` says what it holds.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
STAGES = ("extract", "transform", "load", "detect", "flows", "records")


def imported_packages(path: Path) -> set[str]:
    """Top-level names of the project packages a module imports at run time (imports under
    `if TYPE_CHECKING:` only serve annotations and are left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only |= {id(child) for child in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & set(STAGES)


def modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


FORBIDDEN = {
    "load": {"extract", "transform", "detect", "flows"},
    "extract": {"transform", "load", "detect", "flows"},
    "transform": {"extract", "load", "detect", "flows"},
    "detect": {"extract", "flows"},
    "records": {"extract", "transform", "load", "detect", "flows"},
}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_stages_import_only_what_the_layout_allows(package: str) -> None:
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_packages(path) & FORBIDDEN[package])
        for path in modules(package)
    }
    assert {name: bad for name, bad in offenders.items() if bad} == {}


def test_no_flows_file_shadows_a_package() -> None:
    shadowed = set(STAGES) | {"prefect", "polars", "pyarrow", "deltalake", "requests", "http",
                              "logging", "json"}
    assert {p.stem for p in (REPO / "flows").glob("*.py")} & shadowed == set()


@pytest.mark.parametrize("source", ["cnbc", "the_information", "bluesky", "edgar"])
def test_each_source_has_its_folder(source: str) -> None:
    folder = REPO / "extract" / source
    assert (folder / "connector.py").is_file() and (folder / "__init__.py").is_file()
    if source != "bluesky":  # Bluesky is a JSON API: nothing to select
        assert (folder / "selectors.toml").is_file()


def test_every_package_folder_says_what_it_holds() -> None:
    missing = [str(init.relative_to(REPO)) for package in STAGES
               for init in (REPO / package).rglob("__init__.py")
               if not ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))]
    assert missing == []
