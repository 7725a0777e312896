"""Interactive graph views and leadership briefings, served offline by the API process.

* `graph_view` turns a `Subgraph` into the nodes, edges and options vis-network draws (built
  with pyvis, styled by entity and relation type, aggregated or laid out for big graphs);
* `pages` gathers what each page shows (home, entity, lineage, region) from a `GraphStore`;
* `briefing` writes the one-page leadership briefing (HTML with SVG charts; PDF via Chromium);
* `routes` is the FastAPI router the app includes: HTML pages under `/`, `/view/...`, `/briefing`
  and the package's own static assets under `/viz-static/` — no page loads anything from
  another host, so the views work on intranets without internet access.
"""
