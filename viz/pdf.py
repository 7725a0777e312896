"""HTML to PDF with the machine's headless Chromium (no network, no downloaded browser).

Chromium is found as $PILOTGRAPH_CHROMIUM, or `chromium`, `chromium-browser`, `google-chrome` on
PATH; Debian's `chromium` package provides it. The page is printed from a local file with every
network feature switched off, so nothing can be fetched while printing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pilotgraph.errors import ConfigurationError, PilotgraphError

#: flags that keep a headless Chromium offline and free of first-run work
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
)


def find_chromium() -> str:
    override = os.environ.get("PILOTGRAPH_CHROMIUM")
    if override:
        if shutil.which(override) or Path(override).is_file():
            return override
        raise ConfigurationError(f"PILOTGRAPH_CHROMIUM={override} is not an executable")
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    raise ConfigurationError("writing a PDF needs Chromium: install it (Debian: `apt-get install chromium`) "
                             "or set PILOTGRAPH_CHROMIUM to its path")


def html_to_pdf(html: str, out: str | Path, *, timeout: float = 120.0) -> Path:
    """Print `html` (a self-contained page) to the PDF file `out`; returns its path."""
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    chromium = find_chromium()
    with tempfile.TemporaryDirectory(prefix="pilotgraph-pdf-") as tmp:
        page = Path(tmp) / "briefing.html"
        page.write_text(html, encoding="utf-8")
        cmd = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
               "--no-pdf-header-footer", "--print-to-pdf-no-header", f"--print-to-pdf={out}",
               "--virtual-time-budget=5000", page.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PilotgraphError(f"Chromium did not finish printing the PDF within {timeout:.0f} s") from exc
    if not out.is_file() or out.stat().st_size == 0:
        tail = (proc.stderr or "").strip().splitlines()[-3:]
        raise PilotgraphError(f"Chromium wrote no PDF (exit {proc.returncode}): {' | '.join(tail)}")
    return out


def pdf_page_count(path: str | Path) -> int:
    """Pages of a PDF Chromium wrote (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page[^s]", Path(path).read_bytes()))
