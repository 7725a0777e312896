"""Domain questions over a `GraphStore`, each written once from the store's primitives.

One module per question: `timeline`, `lineage`, `spread`, `originated`, `recognitions`, `path`,
`search` (search and profile), `stats`, `panel` (region-year panel, plan vs outcome) and
`export` (GraphML, GEXF, JSON). Every function takes the store as its first argument and
returns plain JSON-ready data (dicts, lists, str, int), so the API, the CLI and the differential
test see the same answer. Queries never import a concrete store.
"""

from pilotgraph.queries.lineage import lineage  # noqa: F401
from pilotgraph.queries.originated import originated  # noqa: F401
from pilotgraph.queries.panel import plan_vs_outcome, region_year_panel  # noqa: F401
from pilotgraph.queries.path import path  # noqa: F401
from pilotgraph.queries.recognitions import recognitions  # noqa: F401
from pilotgraph.queries.search import profile, search  # noqa: F401
from pilotgraph.queries.spread import spread  # noqa: F401
from pilotgraph.queries.stats import stats  # noqa: F401
from pilotgraph.queries.timeline import timeline  # noqa: F401
