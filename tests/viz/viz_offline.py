"""What "offline" means for the views, shared by the plain and the browser tests.

A page may name no other host at all. A vendored asset may still carry its licence header and
inert identifiers (an XML namespace is a name, never fetched); those few strings are listed here
by file, and anything else that looks like a URL fails the test.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

REMOTE = re.compile(r"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}|https?://", re.I)
#: inert URLs allowed in assets: licence headers of vendored code and XML namespace names
ALLOWED_IN_ASSETS: dict[str, set[str]] = {
    "vendor/vis-network/vis-network.min.js": {
        "https://visjs.github.io/vis-network/", "http://almende.com", "https://github.com/visjs",
        "http://www.apache.org/licenses/LICENSE-2.0", "http://opensource.org/licenses/MIT",
        "http://naver.github.io/egjs", "https://github.com/zloirock/core-js",
        "https://github.com/zloirock/core-js/blob/v3.51.0/LICENSE",
        # namespaces vis-network passes to createElementNS (names, not requests)
        "http://www.w3.org/2000/svg",
    },
    "graph.js": {"http://graphml.graphdrawing.org/xmlns"},
}
URL_TOKEN = re.compile(r"""(?:https?:)?//[^\s"'`()<>\\,;]+""", re.I)


def remote_urls(text: str) -> list[str]:
    """Everything in `text` that names another host (protocol-relative `//cdn...` included)."""
    found = []
    for match in URL_TOKEN.finditer(text):
        token = match.group(0).rstrip(".")
        if REMOTE.match(token):
            found.append(token)
    return found


class AssetLinks(HTMLParser):
    """The URLs a page loads: script src, link href, img src, and url() in inline styles."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag in ("img", "iframe", "source", "embed") and attrs.get("src"):
            self.urls.append(attrs["src"])


def asset_links(html: str) -> list[str]:
    parser = AssetLinks()
    parser.feed(html)
    return parser.urls
