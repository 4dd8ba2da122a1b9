"""The SEC EDGAR connector: submissions and full-text search, wired to the flow's shape."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from extract.connectors import Discovery, all_failed
from extract.edgar.discovery import discover
from extract.edgar.documents import SOURCE, is_throttle_page
from extract.errors import ChallengePage
from extract.fetching import Fetcher
from records import FetchedResponse


@dataclass(frozen=True)
class EdgarConnector:
    """SEC EDGAR: new filings of the configured filers (submissions API) and full-text search
    hits; each filing's primary document and EX-10/EX-99 exhibits are fetched as items."""

    ciks: tuple[str, ...]
    phrases: tuple[str, ...]
    forms: tuple[str, ...]
    allowed_hosts: tuple[str, ...]
    data_url: str = "https://data.sec.gov"
    efts_url: str = "https://efts.sec.gov"
    archives_url: str = "https://www.sec.gov"
    max_pages: int = 10
    name: str = SOURCE
    has_history: bool = True

    def discover(self, client: Fetcher, since: datetime | None,
                 until: datetime | None = None) -> Discovery:
        """Filing documents since the watermark; raises when every request failed."""
        result = discover(
            client,  # type: ignore[arg-type]
            ciks=list(self.ciks), phrases=list(self.phrases), forms=list(self.forms),
            since=since, until=until, data_url=self.data_url, efts_url=self.efts_url,
            archives_url=self.archives_url, allowed_hosts=self.allowed_hosts,
            max_pages=self.max_pages,
        )
        if not result.refs:
            failed = all_failed(result.failures, len(result.failures))
            if failed is not None:
                raise failed
        return Discovery(refs=list(result.refs), failures=list(result.failures),
                         watermark=result.watermark)

    def request_headers(self) -> dict[str, str] | None:
        """EDGAR needs no extra headers (the User-Agent carries the contact e-mail)."""
        return None

    def screen(self, response: FetchedResponse) -> None:
        """sec.gov's rate-limit page (served at times with status 200 in place of a document)
        is refused as transient: fetched again on a later run, never stored as the copy."""
        if is_throttle_page(response.body):
            raise ChallengePage(f"sec.gov rate-limit page served instead of {response.url}",
                                url=response.url)
