"""How one entity's properties combine when several reports support it.

Each report that mentions an entity contributes its own aliases and level (its *support*).
The node's `aliases` and `level` are derived from the supports, so deleting a report removes
exactly its contribution. Both stores apply this one rule.

>>> e = Entity("pilot:x", "Pilot", "x")
>>> merged_entity(e, {"r2": (["y"], "city"), "r1": (["z", "y"], "national")}).aliases
['y', 'z']
"""

from __future__ import annotations

import json
from dataclasses import replace

from pilotgraph.graph.model import LEVELS, Entity

Support = dict[str, tuple[list[str], str | None]]  # report key -> (aliases, level)


_RANK = {level: i for i, level in enumerate(LEVELS)}


def level_rank(level: str | None) -> int:
    return _RANK.get(level, -1)


def merged_entity(base: Entity, supports: Support) -> Entity:
    """The entity as its supporting reports describe it together.

    aliases: the sorted union (never the canonical name); level: the highest administrative level
    any report gives, else the first non-hierarchical one (e.g. `zone`) in report-key order.
    """
    aliases: set[str] = set()
    level = None
    for report in sorted(supports):
        report_aliases, report_level = supports[report]
        aliases.update(a for a in report_aliases if a and a != base.name)
        if report_level and (level is None or level_rank(report_level) > level_rank(level)):
            level = report_level
    return replace(base, aliases=sorted(aliases), level=level, reports=sorted(supports))


#: compact and fast: supports are encoded for every entity of every report loaded into Neo4j
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def encode_support(supports: Support) -> list[str]:
    """Supports as a list of JSON strings ``[report, aliases, level]``: Neo4j properties cannot hold maps."""
    return [_encode([r, a, lv]) for r, (a, lv) in sorted(supports.items())]


def decode_support(encoded: list[str] | None) -> Support:
    """The inverse of `encode_support`; also reads the earlier ``{"r", "a", "l"}`` objects."""
    out: Support = {}
    for item in encoded or []:
        d = json.loads(item)
        if isinstance(d, dict):
            d = (d["r"], d["a"], d["l"])
        out[d[0]] = (list(d[1]), d[2])
    return out


def added_summary(added: Support) -> tuple[frozenset[str], str | None]:
    """What `added` alone contributes: its aliases, and the level `merged_entity` would take from it."""
    aliases: set[str] = set()
    level = None
    for report in sorted(added):
        report_aliases, report_level = added[report]
        aliases.update(report_aliases)
        if report_level and (level is None or level_rank(report_level) > level_rank(level)):
            level = report_level
    aliases.discard("")
    return frozenset(aliases), level


def extended_by(current: Entity, aliases: frozenset[str], new_level: str | None,
                reports: list[str]) -> Entity | None:
    """`current` extended by the `added_summary` of new supports from `reports`; None when unsettled.

    The load prepares the summaries before it opens a transaction, so only this runs in it.
    """
    level = current.level
    if new_level is not None:
        if level is None or level_rank(new_level) > level_rank(level):
            level = new_level
        elif level_rank(new_level) == level_rank(level) and new_level != level:
            return None
    merged = set(current.aliases)
    merged.update(aliases)
    merged.discard(current.name)
    return Entity(current.key, current.type, current.name, sorted(merged), level, current.code,
                  sorted(set(current.reports).union(reports)))


def extended_entity(current: Entity, added: Support) -> Entity | None:
    """`merged_entity` of the current supports plus `added`, computed from `current` alone.

    A load only adds supports of reports not yet counted, so aliases and reports are unions and the
    level the higher ranked one. Without the supports this cannot settle two different levels that
    both rank below the hierarchy (report-key order decides those): then it returns None and the
    caller merges the full supports.

    >>> e = Entity("pilot:x", "Pilot", "x", ["y"], "city", reports=["r2"])
    >>> extended_entity(e, {"r1": (["z"], "province")}).level
    'province'
    """
    if not added.keys().isdisjoint(current.reports):
        return None
    aliases, level = added_summary(added)
    return extended_by(current, aliases, level, list(added))
