"""The Jinja environment of the views: one place that knows where templates and assets live.

Pages are rendered to strings (not through Starlette's template response) so the CLI can write
the same HTML the server serves, e.g. the briefing.

>>> "试点" in render("_smoke.html", word="试点")
True
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from pilotgraph.graph.model import ENTITY_TYPE_LABELS_ZH, FACT_TYPE_LABELS_ZH, LEVEL_LABELS_ZH

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
#: URL prefix under which `routes` serves STATIC_DIR
STATIC_PREFIX = "/viz-static"
#: bumped with the assets so browsers do not keep stale copies
ASSET_VERSION = "5"


def static_url(name: str) -> str:
    return f"{STATIC_PREFIX}/{name}?v={ASSET_VERSION}"


def entity_url(key: str) -> str:
    """URL of an entity's page; keys hold ':' and Chinese, so they are percent-encoded."""
    return "/view/entity/" + quote(key, safe=":")


def lineage_url(key: str) -> str:
    return "/view/lineage/" + quote(key, safe=":")


def region_url(key_or_code: str) -> str:
    code = key_or_code.split(":", 1)[1] if key_or_code.startswith("region:") else key_or_code
    return "/view/region/" + quote(code, safe="")


def to_json(value) -> Markup:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def period_zh(period: str) -> str:
    """`2021:summary` -> `2021年总结`; anything else unchanged."""
    year, _, kind = str(period).partition(":")
    label = {"summary": "总结", "plan": "计划"}.get(kind)
    return f"{year}年{label}" if label and year.isdigit() else str(period)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)),
                      autoescape=select_autoescape(["html", "xml"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(static=static_url, entity_url=entity_url, lineage_url=lineage_url,
                       region_url=region_url, type_zh=ENTITY_TYPE_LABELS_ZH, fact_zh=FACT_TYPE_LABELS_ZH,
                       level_zh=LEVEL_LABELS_ZH)
    env.filters["tojson_script"] = to_json
    env.filters["period_zh"] = period_zh
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
