"""Settings, read from the environment and `.env` (prefix CIRCULARITY_, nested with `__`).

Only `flows/` and the CLI read settings; every other package takes plain arguments. Secrets are
`SecretStr`, so printing or logging a settings object never shows them; `secret_values()` lists
them for the log redaction filter. `.env.example` documents every setting.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from detect.cycles import DetectOptions
from extract.http import ClientConfig

VERSION = "0.1.0"

CNBC_FEED = "https://search.cnbc.com/rs/search/combinedcms/view.xml?partnerId=wrss01&id={}"
CNBC_TECHNOLOGY, CNBC_FINANCE = "19854910", "10000664"


class HttpSettings(BaseModel):
    """The one polite HTTP client shared by every source."""

    contact_email: SecretStr | None = Field(
        default=None, description="Contact e-mail sent in the User-Agent (required by SEC EDGAR)."
    )
    # A page about this deployment, named in the User-Agent when set (none by default: a
    # User-Agent must not point at a page that does not exist).
    project_url: str = ""
    # The client's own defaults, so the two never drift apart.
    connect_timeout: float = ClientConfig.connect_timeout
    read_timeout: float = ClientConfig.read_timeout
    max_body_bytes: int = ClientConfig.max_body_bytes
    max_retries: int = ClientConfig.max_retries
    backoff_factor: float = ClientConfig.backoff_factor
    max_retry_after: float = ClientConfig.max_retry_after
    unreachable_cooldown_seconds: float = ClientConfig.unreachable_cooldown_seconds
    body_deadline_seconds: float = ClientConfig.body_deadline_seconds
    default_rate_per_second: float = ClientConfig.default_rate_per_second
    # Host or parent domain -> requests per second; hosts under one key share one budget.
    rate_limits: dict[str, float] = Field(
        default_factory=lambda: {
            "sec.gov": 9.0,  # EDGAR allows 10/s across all its hosts; stay under it
            "cnbc.com": 1.0,
            "theinformation.com": 0.5,
            "bsky.app": 5.0,
            "bsky.social": 5.0,
        }
    )
    respect_robots: bool = ClientConfig.respect_robots
    # Host -> statuses meaning "slow down" there (EDGAR answers 403 to a client over its rate).
    throttle_statuses: dict[str, list[int]] = Field(default_factory=lambda: {"sec.gov": [403]})

    def user_agent(self) -> str:
        """The User-Agent: "circularity/<version>", then in parentheses the project URL and
        the contact e-mail when they are set: "circularity/0.1.0 (+https://...; ops@x.org)"."""
        details = [f"+{self.project_url.strip()}"] if self.project_url.strip() else []
        if self.contact_email and self.contact_email.get_secret_value():
            details.append(self.contact_email.get_secret_value())
        return f"circularity/{VERSION}" + (f" ({'; '.join(details)})" if details else "")


class SourceSettings(BaseModel):
    """What every source has: a switch, the hosts it may fetch from, a cap per run."""

    enabled: bool = True
    allowed_hosts: list[str] = Field(default_factory=list)
    max_items_per_run: int = 200


class CnbcSettings(SourceSettings):
    """CNBC: section RSS feeds (Technology and Finance by default)."""

    allowed_hosts: list[str] = Field(default_factory=lambda: ["cnbc.com"])
    # Backfills read the dated site map under this base (/site-map/articles/<y>/<Month>/<d>/).
    sitemap_base: str = "https://www.cnbc.com"
    feeds: list[str] = Field(
        default_factory=lambda: [CNBC_FEED.format(CNBC_TECHNOLOGY), CNBC_FEED.format(CNBC_FINANCE)]
    )


class TheInformationSettings(SourceSettings):
    """The Information: Atom feed; full text only with a subscriber session cookie."""

    enabled: bool = True
    allowed_hosts: list[str] = Field(default_factory=lambda: ["theinformation.com"])
    feed: str = "https://www.theinformation.com/feed"
    # Backfills read the article sitemap (a urlset or sitemap index of dated article URLs).
    sitemap: str = "https://www.theinformation.com/sitemap-articles.xml"
    session_cookie: SecretStr | None = None


class BlueskySettings(SourceSettings):
    """Bluesky: post search (needs an app password) and author feeds (public)."""

    enabled: bool = True
    allowed_hosts: list[str] = Field(default_factory=lambda: ["bsky.social", "bsky.app"])
    pds_url: str = "https://bsky.social"
    appview_url: str = "https://public.api.bsky.app"
    handle: str | None = None
    app_password: SecretStr | None = None
    queries: list[str] = Field(
        default_factory=lambda: ["nvidia openai investment", "coreweave contract",
                                 "data center lease gpu", "neocloud financing"]
    )
    authors: list[str] = Field(default_factory=list)
    max_pages: int = 10


class EdgarSettings(SourceSettings):
    """SEC EDGAR: submissions of configured filers and full-text search.

    `ciks` empty means every filer in the reference entity table. Needs the contact e-mail
    (`http.contact_email`): without it EDGAR is skipped with that reason at the start of a run.
    """

    enabled: bool = True
    allowed_hosts: list[str] = Field(default_factory=lambda: ["sec.gov"])
    data_url: str = "https://data.sec.gov"
    efts_url: str = "https://efts.sec.gov"
    archives_url: str = "https://www.sec.gov"
    ciks: list[str] = Field(default_factory=list)
    search_phrases: list[str] = Field(
        default_factory=lambda: ["compute capacity agreement", "GPU", "data center lease"]
    )
    max_pages: int = 10
    forms: list[str] = Field(
        default_factory=lambda: ["8-K", "8-K/A", "10-Q", "10-Q/A", "10-K", "10-K/A"]
    )


class DetectSettings(BaseModel):
    """Which deals make the money graph and which loops the runs' detect stage keeps."""

    max_length: int = Field(default=4, ge=2, le=8)
    include_rumored: bool = False
    include_terminated: bool = False
    time_ordered_only: bool = False
    tolerance_days: float = Field(default=0.0, ge=0.0)
    min_confidence: float = Field(default=0.5, ge=0.0, le=1.0)

    def options(self, **overrides: Any) -> DetectOptions:
        """These settings as detect options, with keyword overrides (None means the
        setting)."""
        values = self.model_dump()
        values.update({k: v for k, v in overrides.items() if v is not None})
        return DetectOptions(**values)


class Settings(BaseSettings):
    """All settings of a circularity deployment."""

    model_config = SettingsConfigDict(
        env_prefix="CIRCULARITY_",
        env_nested_delimiter="__",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    data_dir: str = "./data"
    # Seconds deal extraction may spend on one document; a longer one is quarantined (stage
    # extract, with the reason) and read again by a reprocess with a larger budget. 0: no limit.
    extract_budget_seconds: float = Field(default=60.0, ge=0)
    # Processes that parse and extract during reprocess (0: one per core; 1: in the flow's own
    # process). Writes always happen in the flow's process, in order.
    workers: int = Field(default=0, ge=0)
    # A Dask scheduler for the parse and extract work ("tcp://host:8786"), or "local" for a
    # LocalCluster of `workers` processes; empty: the local process pool.
    dask_address: str = ""
    storage_options: dict[str, str] = Field(default_factory=dict)
    http: HttpSettings = Field(default_factory=HttpSettings)
    cnbc: CnbcSettings = Field(default_factory=CnbcSettings)
    the_information: TheInformationSettings = Field(default_factory=TheInformationSettings)
    bluesky: BlueskySettings = Field(default_factory=BlueskySettings)
    edgar: EdgarSettings = Field(default_factory=EdgarSettings)
    detect: DetectSettings = Field(default_factory=DetectSettings)
    nightly_cron: str = "0 3 * * *"
    # Table maintenance (compact, vacuum, checkpoint) for the `maintain` deployment, and how
    # long superseded files are kept (time travel reaches back this far).
    maintain_cron: str = "0 4 * * 0"
    retention_hours: int = Field(default=168, ge=0)
    timezone: str = "UTC"
    task_retries: int = 2
    task_retry_delay_seconds: float = 10.0
    max_fetch_attempts: int = 5
    # A second run on the same storage root waits this long for the first to finish (0: it
    # refuses at once).
    lock_wait_seconds: float = Field(default=0.0, ge=0.0)

    @field_validator("data_dir")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("data_dir must not be empty")
        return value

    def source(self, name: str) -> SourceSettings:
        """The settings section of a source by name."""
        section = getattr(self, name, None)
        if not isinstance(section, SourceSettings):
            raise KeyError(f"unknown source {name!r}")
        return section

    def secret_values(self) -> list[str]:
        """Every secret's plain value that is set, for the log redaction filter."""
        secrets = [
            self.http.contact_email,
            self.the_information.session_cookie,
            self.bluesky.app_password,
        ]
        return [s.get_secret_value() for s in secrets if s is not None and s.get_secret_value()]


SOURCES = ("cnbc", "the_information", "bluesky", "edgar")
# The same names as a type, so deployments offer them as a choice in the Prefect UI.
SourceName = Literal["cnbc", "the_information", "bluesky", "edgar"]


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment and `.env`, with keyword overrides on top."""
    return Settings(**overrides)  # type: ignore[arg-type]
