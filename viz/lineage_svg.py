"""A lineage drawn small as static SVG, for the briefing (no script, prints as vectors).

It draws the same positions `graph_view.build_lineage_view` computes for the interactive page:
level bands from national (top) to district, years left to right, one box per observation.
"""

from __future__ import annotations

from html import escape

from pilotgraph.viz.graph_view import GraphView

WIDTH = 660
#: vertical squeeze of the interactive layout: bands of 200 px become 68 px
Y_SCALE = 0.34
#: text size in SVG units: shown at its natural size (1 unit = 1 CSS px) 12 is 9 pt
FONT_SIZE = 12
FONT = "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"


def _short(text: str, n: int = 9) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def lineage_svg(view: GraphView, *, width: int = WIDTH, y_scale: float = Y_SCALE, font_size: float = FONT_SIZE,
                name_chars: int = 9) -> str:
    """Static SVG of a lineage view: bands, year columns, observation chain and linked entities.

    Every text is `font_size` units high and names are cut to `name_chars` characters; shown at
    its natural size (`width` CSS px) the drawing prints its text at `font_size` px.
    """
    entities = [n for n in view.nodes if not n.get("caption")]
    if not entities:
        return ""
    fs = font_size
    xs = [n["x"] for n in entities]
    min_x, max_x = min(xs), max(xs)
    left_pad, right_pad = fs * 5.5, fs * (name_chars + 1)
    span = max(max_x - min_x, 1)
    scale = min((width - left_pad - right_pad) / span, 0.55) if max_x > min_x else 0.55
    band_h = view.bands[0]["height"] * y_scale if view.bands else 68
    top_pad = fs * 2
    bands = {b["level"]: (i, b) for i, b in enumerate(view.bands)}
    first_y = view.bands[0]["y"] if view.bands else 0

    def sx(x: float) -> float:
        return left_pad + (x - min_x) * scale + (0 if max_x > min_x else (width - left_pad - right_pad) / 2)

    def sy(y: float) -> float:
        return top_pad + (y - first_y) * y_scale + band_h / 2

    height = int(top_pad + band_h * len(view.bands) + 8)
    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'font-family="{FONT}" class="lineage-svg">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" '
           'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#7f1d1d"/></marker></defs>']
    for level, (i, b) in bands.items():
        y0 = top_pad + i * band_h
        out.append(f'<rect x="0" y="{y0:.1f}" width="{width}" height="{band_h:.1f}" '
                   f'fill="{"#eef2f7" if i % 2 == 0 else "#f8fafc"}"/>')
        out.append(f'<text x="4" y="{y0 + band_h / 2 + fs * 0.4:.1f}" font-size="{fs}" font-weight="bold" '
                   f'fill="#475569">{escape(b["label"])}</text>')
    for col in view.columns:
        x = sx(col["x"])
        out.append(f'<line x1="{x:.1f}" y1="{top_pad}" x2="{x:.1f}" y2="{height - 8}" stroke="#cbd5e1" '
                   'stroke-dasharray="4 4"/>')
        out.append(f'<text x="{x:.1f}" y="{top_pad - fs * 0.6:.1f}" font-size="{fs}" text-anchor="middle" '
                   f'font-weight="bold">{col["year"]}</text>')
    pos = {n["id"]: (sx(n["x"]), sy(n["y"])) for n in entities}
    for e in view.edges:
        if e["from"] not in pos or e["to"] not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e["from"]], pos[e["to"]]
        timeline = e.get("type") == "TIMELINE"
        colour = "#7f1d1d" if timeline else e.get("color", "#94a3b8")
        marker = ' marker-end="url(#arrow)"' if timeline else ""
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
                   f'stroke-width="{2.5 if timeline else 1}"{marker}/>')
    for n in entities:
        x, y = pos[n["id"]]
        if n.get("observation"):
            bg = n["color"]["background"] if isinstance(n.get("color"), dict) else "#c62828"
            year = n["years"][0] if n.get("years") else "?"
            out.append(f'<rect x="{x - fs * 2.2:.1f}" y="{y - fs * 0.85:.1f}" width="{fs * 4.4:.1f}" '
                       f'height="{fs * 1.7:.1f}" rx="4" fill="{bg}"/>')
            out.append(f'<text x="{x:.1f}" y="{y + fs * 0.4:.1f}" font-size="{fs}" text-anchor="middle" fill="#fff">'
                       f'{year}</text>')
        else:
            colour = n.get("color", "#607d8b") if isinstance(n.get("color"), str) else "#607d8b"
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>')
            out.append(f'<text x="{x + 7:.1f}" y="{y + fs * 0.35:.1f}" font-size="{fs}" fill="#334155">'
                       f'{escape(_short(n.get("name", ""), name_chars))}</text>')
    out.append("</svg>")
    return "".join(out)
