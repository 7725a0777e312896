"""What every query shares: turning records into JSON-ready answers, and region attribution.

Kept to the pieces used by more than one question; each question lives in its own module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pilotgraph.errors import InvalidInput
from pilotgraph.graph.model import LEVELS, Entity, Fact, Report, region_key
from pilotgraph.graph.store import GraphStore, fact_sort_key

#: rank of each administrative level, lowest first; `zone` and unknown levels rank below all
LEVEL_RANK: dict[str, int] = {level: i for i, level in enumerate(LEVELS)}

#: relationship types through which a region (or its bodies) takes a programme up
ADOPTION_TYPES: tuple[str, ...] = ("RUNS", "PARTICIPATES_IN")


def entity_public(entity: Entity) -> dict:
    """The public shape of an entity: key, type, name, aliases, level (and code for regions)."""
    return {
        "key": entity.key,
        "type": entity.type,
        "name": entity.name,
        "aliases": list(entity.aliases),
        "level": entity.level,
        "code": entity.code,
    }


def entity_ref(key: str, entities: dict[str, Entity]) -> dict:
    """A short reference to the other end of a fact; unknown keys still answer with their key."""
    entity = entities.get(key)
    if entity is None:
        return {"key": key, "type": None, "name": key, "level": None}
    return {"key": entity.key, "type": entity.type, "name": entity.name, "level": entity.level}


def evidence(fact: Fact) -> dict:
    """Where a fact was read: report, section, sentence text and its character offsets."""
    return {
        "report": fact.report,
        "sentence": fact.sentence,
        "section": fact.section,
        "text": fact.text,
        "start": fact.start,
        "end": fact.end,
    }


def observation(fact: Fact, subject: str, entities: dict[str, Entity]) -> dict:
    """One dated observation seen from `subject` (one end of the fact)."""
    outgoing = fact.source == subject
    other = fact.target if outgoing else fact.source
    return {
        "fact_id": fact.fact_id,
        "year": fact.year,
        "status": fact.status,
        "type": fact.type,
        "direction": "out" if outgoing else "in",
        "subject": subject,
        "other": entity_ref(other, entities),
        "evidence": evidence(fact),
    }


def fact_public(fact: Fact) -> dict:
    """A fact as an edge: type, source, target, year, status and evidence."""
    return {
        "fact_id": fact.fact_id,
        "type": fact.type,
        "source": fact.source,
        "target": fact.target,
        "year": fact.year,
        "status": fact.status,
        "evidence": evidence(fact),
    }


def sort_facts(facts: Iterable[Fact]) -> list[Fact]:
    """Facts in the store's documented order, duplicates (same fact_id) removed."""
    unique = {f.fact_id: f for f in facts}
    return sorted(unique.values(), key=fact_sort_key)


def first_dated(facts: Sequence[Fact]) -> Fact | None:
    """The earliest fact with a known year (ties broken by the store order), else None."""
    dated = [f for f in facts if f.year is not None]
    return min(dated, key=fact_sort_key) if dated else None


def level_rank(level: str | None) -> int:
    return LEVEL_RANK.get(level or "", -1)


def normalize_region(code_or_key: str) -> str:
    """`330108` and `region:330108` name the same region."""
    value = code_or_key.strip()
    if not value:
        raise InvalidInput("a region code is required, e.g. 330108 or region:330108")
    return value if value.startswith("region:") else region_key(value)


def check_year_window(as_of: int | None, year_from: int | None,
                      year_to: int | None) -> tuple[int | None, int | None]:
    """`as_of` means "the graph as reports up to that year showed it": a window ending there."""
    if as_of is not None and (year_from is not None or year_to is not None):
        raise InvalidInput("give either as_of or a year_from/year_to window, not both")
    if as_of is not None:
        return None, as_of
    if year_from is not None and year_to is not None and year_from > year_to:
        raise InvalidInput(f"year_from ({year_from}) is after year_to ({year_to})")
    return year_from, year_to


class RegionResolver:
    """Attributes actors and facts to regions, the same way for every query.

    A region is its own region. An agency, organisation, pilot or platform is attributed to the
    region it is LOCATED_IN; failing that, to the region of the issuer of the report that states
    the fact (区市场监管局 in 滨江's report belongs to 滨江区).
    """

    def __init__(self, store: GraphStore, reports: dict[str, Report] | None = None):
        self.store = store
        self._located: dict[str, str | None] = {}
        # reports already read (e.g. by `GraphStore.neighbourhood`); all are read on the first miss
        self._reports: dict[str, Report] = dict(reports or {})
        self._all_reports = False

    def located_in(self, keys: Sequence[str]) -> dict[str, str | None]:
        """The earliest LOCATED_IN region of each key (None when there is none)."""
        missing = sorted({k for k in keys if k not in self._located})
        if missing:
            found: dict[str, list[Fact]] = {}
            wanted = set(missing)
            for fact in self.store.facts(missing, ["LOCATED_IN"], "out"):
                if fact.source not in wanted:
                    continue
                found.setdefault(fact.source, []).append(fact)
            for key in missing:
                facts = sorted(found.get(key, []), key=fact_sort_key)
                self._located[key] = facts[0].target if facts else None
        return {k: self._located[k] for k in keys}

    def report_region(self, report: str) -> str | None:
        if report not in self._reports and not self._all_reports:
            self._reports.update({r.key: r for r in self.store.reports()})
            self._all_reports = True
        found = self._reports.get(report)
        return found.region or None if found else None

    def actor_regions(self, facts: Sequence[Fact], entities: dict[str, Entity]) -> dict[str, str | None]:
        """The region of each fact's source (the actor), by fact_id."""
        sources = sorted({f.source for f in facts})
        located = self.located_in([s for s in sources if not s.startswith("region:")])
        out: dict[str, str | None] = {}
        for fact in facts:
            src = fact.source
            entity = entities.get(src)
            if src.startswith("region:") or (entity is not None and entity.type == "Region"):
                out[fact.fact_id] = src
            elif located.get(src):
                out[fact.fact_id] = located[src]
            else:
                out[fact.fact_id] = self.report_region(fact.report)
        return out
