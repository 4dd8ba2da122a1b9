"""Keep secrets out of every log line, whoever logs it.

Secrets are never logged on purpose (the HTTP client does not log headers, settings hold them
as SecretStr). This is the second line of defence: a log record factory that replaces any
secret value in the formatted message and traceback before any handler, Prefect's included,
sees the record.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

MASK = "***"
_lock = threading.Lock()
_secrets: set[str] = set()
_installed = False


def _redact(text: str) -> str:
    for secret in _secrets:
        if secret and secret in text:
            text = text.replace(secret, MASK)
    return text


def install(secrets: Iterable[str]) -> None:
    """Redact these values (besides any registered before) from all log records from now on."""
    global _installed
    with _lock:
        _secrets.update(s for s in secrets if s and len(s) >= 4)
        if _installed:
            return
        previous = logging.getLogRecordFactory()

        def factory(*args: object, **kwargs: object) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            if not _secrets:
                return record
            message = record.getMessage()
            clean = _redact(message)
            if record.exc_info:
                formatter = logging.Formatter()
                record.exc_text = _redact(formatter.formatException(record.exc_info))
                record.exc_info = None
            if clean != message:
                record.msg, record.args = clean, None
            return record

        logging.setLogRecordFactory(factory)
        _installed = True
