"""Charts of the briefing: matplotlib drawn to SVG with a CJK font found on this machine.

Glyphs are embedded as paths, so the SVG reads the same on a machine without Chinese fonts and in
the PDF. No CJK font is shipped in the package: Debian's `fonts-noto-cjk` (or WenQuanYi) provides
one; without it the chart refuses with a message saying what to install, rather than drawing
empty boxes.
"""

from __future__ import annotations

import io
import os
import subprocess
from functools import lru_cache
from pathlib import Path

from pilotgraph.errors import ConfigurationError
from pilotgraph.graph.model import LEVEL_LABELS_ZH, LEVELS

#: files tried first (Debian/Ubuntu fonts-noto-cjk, fonts-wqy-*, Fedora, macOS)
CJK_FONT_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)
LEVEL_COLORS = {"district": "#90caf9", "city": "#42a5f5", "province": "#1565c0", "national": "#c62828",
                "zone": "#9e9e9e", None: "#bdbdbd"}


@lru_cache(maxsize=1)
def find_cjk_font() -> Path:
    """A font file with Chinese glyphs: $PILOTGRAPH_CJK_FONT, a known path, or fontconfig's answer."""
    override = os.environ.get("PILOTGRAPH_CJK_FONT")
    if override:
        if Path(override).is_file():
            return Path(override)
        raise ConfigurationError(f"PILOTGRAPH_CJK_FONT={override} is not a file")
    for candidate in CJK_FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", "sans-serif:lang=zh-cn"], capture_output=True,
                             text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    if out and Path(out).is_file() and any(s in out.lower() for s in ("cjk", "wqy", "hei", "song", "han", "ming")):
        return Path(out)
    raise ConfigurationError(
        "no font with Chinese glyphs found for the briefing charts; install one, e.g. "
        "`apt-get install fonts-noto-cjk` (Debian/Ubuntu), or point PILOTGRAPH_CJK_FONT at a .ttf/.otf/.ttc file")


@lru_cache(maxsize=1)
def _pyplot():
    """matplotlib's pyplot on the Agg backend with the CJK font registered (once per process)."""
    try:
        import matplotlib
    except ImportError as exc:  # the `viz` extra
        raise ConfigurationError("briefing charts need matplotlib: pip install 'pilotgraph[viz]'") from exc
    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot

    font = find_cjk_font()
    font_manager.fontManager.addfont(str(font))
    name = font_manager.FontProperties(fname=str(font)).get_name()
    matplotlib.rcParams.update({
        "font.family": [name], "font.sans-serif": [name, "DejaVu Sans"], "axes.unicode_minus": False,
        "svg.fonttype": "path", "svg.hashsalt": "pilotgraph", "font.size": 11,
    })
    return pyplot


def recognitions_chart(rows: list[dict], *, width: float = 6.4, height: float = 2.9, font_size: float = 11) -> str:
    """Stacked bars of recognitions per year by the award's level, as an SVG string.

    `rows` are items of `queries.recognitions` (each with `year` and `level`). `width` and
    `height` are inches and `font_size` points at the SVG's natural size: a page that shows the
    chart at that size (as the briefing does) prints its text at `font_size`. The legend gives
    each level's count.

    >>> svg = recognitions_chart([{"year": 2025, "level": "city"}, {"year": 2025, "level": "national"}])
    >>> svg.startswith("<svg") and "</svg>" in svg
    True
    """
    pyplot = _pyplot()
    years = sorted({r["year"] for r in rows if r.get("year") is not None})
    levels = [lv for lv in (*reversed(LEVELS), "zone", None) if any(r.get("level") == lv for r in rows)]
    empty = not rows or not years
    fig, ax = pyplot.subplots(figsize=(width, min(height, 1.2) if empty else height), dpi=100)
    if empty:
        ax.text(0.5, 0.5, "所选期间没有荣誉记录\nno recognitions in this period", ha="center", va="center",
                fontsize=font_size, color="#616e7c", transform=ax.transAxes)
        ax.set_axis_off()
    else:
        bottoms = [0] * len(years)
        for level in reversed(levels):  # lowest level at the bottom of each bar
            counts = [sum(1 for r in rows if r.get("year") == y and r.get("level") == level) for y in years]
            label = LEVEL_LABELS_ZH.get(level, "级别不详") if level else "级别不详"
            label += f" {sum(counts)}"
            ax.bar([str(y) for y in years], counts, bottom=bottoms, color=LEVEL_COLORS.get(level, "#bdbdbd"),
                   label=label, width=0.6, edgecolor="white")
            bottoms = [b + c for b, c in zip(bottoms, counts)]
        for i, total in enumerate(bottoms):
            ax.text(i, total + 0.05, str(total), ha="center", va="bottom", fontsize=font_size)
        ax.tick_params(labelsize=font_size)
        ax.set_ylabel("荣誉数 recognitions", fontsize=font_size)
        ax.set_xlabel("年份 year", fontsize=font_size)
        ax.set_ylim(0, max(bottoms) * 1.25 + 0.5)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(title="级别 level", frameon=False, fontsize=font_size, title_fontsize=font_size,
                  loc="upper left", bbox_to_anchor=(1.0, 1.0), handlelength=1.2, borderaxespad=0.3)
    fig.tight_layout()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    pyplot.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def inline_svg(svg: str) -> str:
    """An SVG ready to sit inside an HTML page: no metadata block, no namespace URLs.

    The HTML parser gives inline `<svg>` its namespace itself, and `href` replaces `xlink:href`,
    so the page carries no URL of another host, not even an inert one.
    """
    import re

    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    svg = svg.replace("xlink:href=", "href=")
    return svg
