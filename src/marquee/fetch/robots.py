"""What a site's robots.txt allows marquee to fetch, read with ``urllib.robotparser``.

The client fetches each host's robots.txt once per batch (through its own timeouts, cap
and pace) and keeps the rules here. RFC 9309 says what an answer other than the file
means: 401/403 forbid everything, any other 4xx (no robots.txt) allows everything, and a
5xx means the site cannot say, so nothing is fetched.
"""

from __future__ import annotations

import dataclasses
import logging
from urllib.robotparser import RobotFileParser

from marquee.fetch.errors import Disallowed

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class RobotsRules:
    """One host's rules for marquee's user agent; ``delay`` is its Crawl-delay."""

    parser: RobotFileParser | None  # None: no rules beyond ``refusal``
    agent: str
    refusal: str | None = None  # why everything is refused, if it is
    delay: float = 0.0

    @classmethod
    def parse(cls, body: bytes, agent: str, max_delay: float) -> RobotsRules:
        parser = RobotFileParser()
        parser.parse(body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(agent)
        return cls(parser, agent, delay=min(float(delay or 0), max_delay))

    @classmethod
    def for_status(cls, status: int, agent: str) -> RobotsRules:
        """Rules from an error answer for robots.txt itself."""
        if status in (401, 403):
            return cls(None, agent, refusal=f"robots.txt is {status}: the site forbids robots")
        if 400 <= status < 500:
            return cls(None, agent)
        return cls(None, agent, refusal=f"robots.txt could not be read ({status})")

    def check(self, url: str) -> None:
        """Raise :class:`Disallowed` unless marquee may fetch ``url``."""
        if self.refusal is not None:
            raise Disallowed(f"{url}: disallowed by robots.txt ({self.refusal})")
        if self.parser is not None and not self.parser.can_fetch(self.agent, url):
            raise Disallowed(f"{url}: disallowed by robots.txt")
