"""Settings: `.env.example` documents every setting, and a `.env` file is read."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import BaseModel

from extract.http import ClientConfig
from flows.app_settings import Settings, load_settings
from tests.conftest import REPO


def setting_names(model: type[BaseModel], prefix: str = "CIRCULARITY_") -> set[str]:
    names = set()
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names |= setting_names(annotation, f"{prefix}{name.upper()}__")
        else:
            names.add(f"{prefix}{name.upper()}")
    return names


def test_env_example_lists_every_setting_and_nothing_else() -> None:
    text = (REPO / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*(CIRCULARITY_[A-Z_]+)=", text, re.MULTILINE))
    assert documented == setting_names(Settings)


def test_env_example_values_are_the_defaults(tmp_path: Path, monkeypatch) -> None:
    """Copying `.env.example` to `.env` changes nothing: its documented values are the real
    defaults (the code's, including the HTTP client's own)."""
    monkeypatch.chdir(tmp_path)
    for name in [n for n in os.environ if n.startswith("CIRCULARITY_")]:
        monkeypatch.delenv(name)
    documented = Settings(_env_file=REPO / ".env.example")  # type: ignore[call-arg]
    assert documented.model_dump() == Settings(_env_file=None).model_dump()  # type: ignore[call-arg]
    assert documented.http.read_timeout == ClientConfig.read_timeout


def test_a_dotenv_file_is_read_and_secrets_stay_hidden(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(
        "CIRCULARITY_DATA_DIR=/srv/lake\nCIRCULARITY_HTTP__CONTACT_EMAIL=ops@example.org\n"
        'CIRCULARITY_EDGAR__CIKS=["0001045810"]\n')
    settings = load_settings()
    assert settings.data_dir == "/srv/lake" and settings.edgar.ciks == ["0001045810"]
    assert "ops@example.org" not in repr(settings) and "ops@example.org" in (
        settings.http.user_agent())
    assert settings.secret_values() == ["ops@example.org"]
    # Name, version and contact; no project URL unless one is configured.
    assert settings.http.user_agent() == "circularity/0.1.0 (ops@example.org)"
    assert load_settings(http={"project_url": "https://lake.example.org/about"}).http \
        .user_agent() == "circularity/0.1.0 (+https://lake.example.org/about; ops@example.org)"
