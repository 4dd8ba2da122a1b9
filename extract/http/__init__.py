"""The one polite HTTP client every source fetches through: User-Agent, per-host rate limits,
retries honouring Retry-After, timeouts, size caps, host allowlist, robots.txt, conditional GET.
"""

from extract.http.client import ClientConfig, PoliteClient
from extract.http.robots import RobotsFile, RobotsPolicy

__all__ = ["ClientConfig", "PoliteClient", "RobotsFile", "RobotsPolicy"]
