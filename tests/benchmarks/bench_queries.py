"""Latency of lineage and spread on both stores, on synthetic graphs of 10k / 100k (/ 1M) facts.

    python tests/benchmarks/bench_queries.py                 # 10k and 100k, both stores
    python tests/benchmarks/bench_queries.py --million       # adds 1M (long on a 2-core machine)
    python tests/benchmarks/bench_queries.py --stores local --sizes 10000

Neo4j is the server at NEO4J_URI (NEO4J_USERNAME/NEO4J_PASSWORD/NEO4J_DATABASE), else the test
server of tests/neo4j-server is started for the run. Its database is emptied before each size.
Prints one table: store, relationships, load time, and p50/p95/max of each query in ms.
Targets (issue 4): p95 <= 20 ms at 1M relationships on Neo4j, <= 5 ms at 100k on the embedded store.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/: synthetic.py, neo4j_server.py

from synthetic import fact_count, synthetic_corpus  # noqa: E402

from pilotgraph import queries  # noqa: E402
from pilotgraph.graph.local_store import LocalStore  # noqa: E402
from pilotgraph.graph.store import GraphStore  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure(fn: Callable[[str], object], keys: list[str], warmup: int) -> dict[str, float]:
    for key in keys[:warmup]:
        fn(key)
    times = []
    for key in keys[warmup:]:
        start = time.perf_counter()
        fn(key)
        times.append((time.perf_counter() - start) * 1000)
    return {"p50": statistics.median(times), "p95": percentile(times, 0.95), "max": max(times), "n": len(times)}


QUERIES: dict[str, Callable[[GraphStore, str], object]] = {
    # one store round trip, the floor under every query
    "primitive facts(1)": lambda s, k: s.facts([k]),
    "lineage both d2": lambda s, k: queries.lineage(s, k, direction="both", depth=2),
    "lineage down d3": lambda s, k: queries.lineage(s, k, direction="down", depth=3),
    "spread": lambda s, k: queries.spread(s, k),
}


class Neo4jTarget:
    """The Neo4j to benchmark: NEO4J_URI, or the project's test server started for this run."""

    def __init__(self, heap: str, page_cache: str):
        self.server = None
        uri = os.environ.get("NEO4J_URI")
        if uri:
            self.conn = {"uri": uri, "user": os.environ.get("NEO4J_USERNAME") or os.environ.get("NEO4J_USER", "neo4j"),
                         "password": os.environ.get("NEO4J_PASSWORD", ""),
                         "database": os.environ.get("NEO4J_DATABASE", "neo4j")}
            return
        import neo4j_server

        neo4j_server.build_server()
        self.server = neo4j_server.Neo4jTestServer(
            password=secrets.token_urlsafe(18), page_cache=page_cache,
            java_opts=f"-Xms{heap} -Xmx{heap} -XX:+UseParallelGC")
        uri = self.server.start(timeout=300)
        self.conn = {"uri": uri, "user": "neo4j", "password": self.server.password, "database": "neo4j"}
        neo4j_server._wait_for_bolt(self.conn, timeout=60)

    def empty_store(self) -> GraphStore:
        import neo4j

        from pilotgraph.graph.neo4j_store import Neo4jStore

        driver = neo4j.GraphDatabase.driver(self.conn["uri"], auth=(self.conn["user"], self.conn["password"]))
        while True:
            records, _, _ = driver.execute_query(
                "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n", database_=self.conn["database"])
            if records[0]["n"] == 0:
                break
        store = Neo4jStore(driver, self.conn["database"], owns_driver=True)
        store.ensure_schema()
        return store

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()


def load(store: GraphStore, batches, chunk: int = 200) -> float:
    start = time.perf_counter()
    for i in range(0, len(batches), chunk):
        store.load_many(batches[i:i + chunk])
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000],
                        help="numbers of fact relationships (default: 10000 100000)")
    parser.add_argument("--million", action="store_true", help="add the 1,000,000-relationship graph")
    parser.add_argument("--stores", default="local,neo4j", help="comma-separated: local, neo4j")
    parser.add_argument("--queries", type=int, default=300, help="measured calls per query and size")
    parser.add_argument("--warmup", type=int, default=30, help="unmeasured calls first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--heap", default="1g", help="heap of the started Neo4j test server")
    parser.add_argument("--page-cache", default="512m", help="page cache of the started Neo4j test server")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes + ([1_000_000] if args.million else [])))
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]

    target = Neo4jTarget(args.heap, args.page_cache) if "neo4j" in stores else None
    rows = []
    try:
        for size in sizes:
            t0 = time.perf_counter()
            batches = synthetic_corpus(size, seed=args.seed)
            print(f"# generated {fact_count(batches):,} facts in {len(batches):,} reports "
                  f"({time.perf_counter() - t0:.1f} s)", flush=True)
            for kind in stores:
                store = LocalStore(":memory:") if kind == "local" else target.empty_store()
                seconds = load(store, batches)
                programmes, _ = store.search_entities(None, ["Pilot"], None, None, 0)
                rng = random.Random(args.seed)
                keys = [rng.choice(programmes).key for _ in range(args.queries + args.warmup)]
                counts = store.counts()["relationships"]
                facts = sum(v for k, v in counts.items() if k not in ("IN", "MENTIONED_IN", "PART_OF"))
                for name, fn in QUERIES.items():
                    stats = measure(lambda k, fn=fn, store=store: fn(store, k), keys, args.warmup)
                    rows.append((kind, facts, seconds, name, stats))
                    print(f"  {kind:6} {facts:>9,} {name:16} p50 {stats['p50']:7.2f} ms  p95 {stats['p95']:7.2f} ms",
                          flush=True)
                store.close()
            del batches
    finally:
        if target is not None:
            target.close()

    print()
    print("| store | relationships | load s | query | p50 ms | p95 ms | max ms | n |")
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    for kind, facts, seconds, name, s in rows:
        print(f"| {kind} | {facts:,} | {seconds:.1f} | {name} | {s['p50']:.2f} | {s['p95']:.2f} | {s['max']:.2f} | {s['n']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
