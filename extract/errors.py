"""Error classes every connector raises, so the pipeline can decide: retry or quarantine.

`transient` errors (timeouts, connection failures, 429/5xx after the client's own retries, a
bot-challenge page) are worth trying again on a later run; every other error is permanent for
the input that caused it and goes to the quarantine table with its reason.
"""

from __future__ import annotations


class SourceError(Exception):
    """Base class: an input from a source could not be handled.

    `transient` tells the pipeline whether a later attempt may succeed.
    """

    transient: bool = False

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url

    @property
    def error_class(self) -> str:
        """Short, stable name of the error kind, as stored in the quarantine table."""
        return type(self).__name__


class TransientError(SourceError):
    """A failure that may go away by itself: retried by tasks and on later runs."""

    transient = True


class FetchTimeout(TransientError):
    """Connect or read timeout after the client's retries."""


class ConnectionFailed(TransientError):
    """The host could not be reached after the client's retries."""


class ServerBusy(TransientError):
    """429 or 5xx answered by the server after the client's retries."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(message, url=url)
        self.status = status


class ChallengePage(TransientError):
    """A bot-challenge or interstitial page was served instead of content."""


class PermanentError(SourceError):
    """A failure that will not go away by retrying the same request."""


class HttpStatusError(PermanentError):
    """A 4xx answer (other than 429) or an unexpected status."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(message, url=url)
        self.status = status


class BodyTooLarge(PermanentError):
    """The response body is larger than the configured cap; it was not read to the end."""


class HostNotAllowed(PermanentError):
    """The URL (or a redirect target) is on a host outside the source's allowlist."""


class RobotsDisallowed(PermanentError):
    """robots.txt of the host disallows this URL for our user agent."""


class MalformedInput(PermanentError):
    """The body could not be parsed at all: broken XML/JSON, a hostile feed, a wrong shape."""


class LayoutChanged(PermanentError):
    """A page no longer matches the site's selectors: the site changed, update the selectors."""


class NotAnArticle(PermanentError):
    """A page fetched as an article is not one (a homepage, a section front, a tag page): no
    article type in its metadata and no article body. Refused, never stored as a document."""


class MissingDocument(PermanentError):
    """A referenced document (for example a filing's primary document) is not where expected."""


class ConfigurationError(Exception):
    """Settings make a source unusable (missing contact e-mail, missing credentials)."""


class ParserCrashed(PermanentError):
    """A parser failed with an unexpected exception: a bug or an input it never anticipated.

    The input is quarantined with the exception's type and message instead of crashing the run;
    `circularity reprocess` retries it after the parser is fixed.
    """
