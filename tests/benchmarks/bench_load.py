"""Load throughput into Neo4j: relationships/s through `Neo4jStore.load_many`, next to per-row MERGE.

Run it as a script (it is not a test)::

    python tests/benchmarks/bench_load.py [--relationships 100000] [--baseline-rows 3000]

Neo4j is the server at NEO4J_URI (NEO4J_USERNAME/NEO4J_PASSWORD/NEO4J_DATABASE), else the test
server of tests/neo4j-server is started for the run (as `bench_queries` does). Its database is
emptied first.

1. A synthetic corpus (`tests/synthetic.py`) of at least `--relationships` fact relationships is
   loaded into the empty database through one `load_many` call over a generator, the way
   `pilotgraph load` hands its reports over as it extracts them (the store writes a chunk while it
   draws the next). The time covers everything the load writes: reports, sentences, entities,
   mentions, facts, PART_OF.
   Before it, unless `--warmup 0`, a corpus of another seed (as large, by default) is loaded and
   deleted, so both the load and the baseline meet a server whose query plans and JIT-compiled code
   are warm, as a running server's are. On a fresh JVM the JIT compilers take a core for about a
   minute: loading 100k facts after a 20k-fact warm-up cost the server 39 s of CPU, after a
   100k-fact one 24 s.
2. The baseline, in the same run and on the same server: `--baseline-rows` of those fact
   relationships, spread over the corpus, are deleted and written again one by one, each as its
   own auto-commit ``MATCH … MATCH … MERGE (a)-[r:TYPE {fact_id: …}]->(b) SET r += …`` statement
   (entities already present, so the baseline does strictly less work per row than the load).
   Its rate is extrapolated to the corpus.

3. The ceiling, in the same run and on the same server: as many relationships as the load wrote,
   each with a fact's seven properties, CREATEd between nodes already present (about eight
   relationships per node) by the simplest batched statement, in chunks of `CHUNK_ROWS` rows, one
   transaction each: no new nodes, no MERGE, no lists, no index lookups.
   A loader that writes through Cypher, and must also create the sentences, cannot do much better
   on this server, so the load's share of it says how much is left to gain in the loader and how
   much only a bigger machine would give. The ceiling's nodes and relationships are deleted
   afterwards, untimed.

Two rates are printed for the load, each next to the baseline: every relationship it wrote
(facts + IN + MENTIONED_IN + PART_OF: the headline, since the baseline too is one statement per
relationship) and fact relationships alone (the load's time still covering everything else).
Targets (issue 3, point 9): >= 30,000 relationships/s and >= 50x the per-row baseline.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/: synthetic.py, neo4j_server.py
sys.path.insert(0, str(HERE))         # bench_queries: the Neo4j target

from bench_queries import Neo4jTarget  # noqa: E402
from synthetic import fact_count, synthetic_corpus  # noqa: E402

from pilotgraph.graph.model import ENTITY, check_fact_type  # noqa: E402
from pilotgraph.graph.neo4j_load import CHUNK_ROWS  # noqa: E402

TARGET_RATE = 30_000
TARGET_RATIO = 50.0


def per_row_baseline(store, facts) -> float:
    """Seconds to delete-then-MERGE `facts` one auto-commit statement each (the delete is not timed)."""
    database = store.database
    with store.driver.session(database=database) as session:
        for fact in facts:
            session.run(f"MATCH ()-[r:{check_fact_type(fact.type)} {{fact_id: $id}}]->() DELETE r",
                        id=fact.fact_id).consume()
    start = time.perf_counter()
    with store.driver.session(database=database) as session:
        for fact in facts:
            session.run(f"MATCH (a:Entity {{key: $source}}) MATCH (b:Entity {{key: $target}}) "
                        f"MERGE (a)-[r:{check_fact_type(fact.type)} {{fact_id: $id}}]->(b) SET r += $props",
                        source=fact.source, target=fact.target, id=fact.fact_id,
                        props={"year": fact.year, "status": fact.status, "report": fact.report,
                               "sentence": fact.sentence, "start": fact.start, "end": fact.end}).consume()
    return time.perf_counter() - start


def ceiling(store, relationships: int) -> float:
    """Seconds to CREATE `relationships` fact-like relationships between nodes already present.

    The nodes (label ``BenchCeiling``, one per four relationships, as the load has one sentence per
    four relationships) are created before the clock starts, and each gets about eight
    relationships, so no node is dense. Chunked like the load, one transaction per chunk, and like
    the load a chunk finds its nodes once and its rows refer to them by position. The rows are
    built before the clock starts; nodes and relationships are deleted afterwards, untimed.
    """
    nodes = max(2, relationships // 4)
    query = ("CALL () { UNWIND $ids AS id MATCH (x) WHERE elementId(x) = id RETURN collect(x) AS nodes } "
             "UNWIND $rows AS p WITH nodes[p[0]] AS a, nodes[p[1]] AS b, p "
             "CREATE (a)-[r:BENCH_CEILING]->(b) SET r.fact_id = p[2], r.year = p[3], r.status = p[4], "
             "r.report = p[5], r.sentence = p[6], r.start = p[7], r.`end` = p[8]")
    with store.driver.session(database=store.database) as session:
        ids = session.run("UNWIND range(1, $n) AS i CREATE (x:BenchCeiling) RETURN elementId(x) AS id", n=nodes).value()
        chunks = []
        for first in range(0, relationships, CHUNK_ROWS):
            pairs = [(i, i % nodes, (7 * i + 1) % nodes) for i in range(first, min(relationships, first + CHUNK_ROWS))]
            used = sorted({a for _, a, _ in pairs} | {b for _, _, b in pairs})
            position = {n: k for k, n in enumerate(used)}
            chunks.append({"ids": [ids[n] for n in used],
                           "rows": [[position[a], position[b], f"ceiling-{i}", 2015 + i % 11, "achieved",
                                     f"report-{i // 40}", f"report-{i // 40}#{i}", i % 500, i % 500 + 40]
                                    for i, a, b in pairs]})
        start = time.perf_counter()
        for chunk in chunks:
            session.execute_write(lambda tx: tx.run(query, chunk).consume())
        seconds = time.perf_counter() - start
        while session.run("MATCH (x:BenchCeiling) WITH x LIMIT 2000 DETACH DELETE x RETURN count(*)").single()[0]:
            pass
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relationships", type=int, default=100_000, help="fact relationships (default 100000)")
    parser.add_argument("--baseline-rows", type=int, default=3_000, help="rows of the per-row baseline (default 3000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=None,
                        help="facts loaded and deleted before timing, as on a server that has been running (default: "
                             "as many as --relationships; 0 times a cold server)")
    parser.add_argument("--heap", default="1g", help="heap of the started Neo4j test server")
    parser.add_argument("--page-cache", default="512m", help="page cache of the started Neo4j test server")
    args = parser.parse_args(argv)
    if args.warmup is None:
        args.warmup = args.relationships
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # as `Neo4jStore.from_settings` does

    t0 = time.perf_counter()
    batches = synthetic_corpus(args.relationships, seed=args.seed)
    facts = fact_count(batches)
    print(f"corpus: {len(batches):,} reports, {facts:,} facts, "
          f"{sum(len(b.mentions) for b in batches):,} mentions, {sum(len(b.sentences) for b in batches):,} sentences "
          f"(generated in {time.perf_counter() - t0:.1f} s)", flush=True)

    target = Neo4jTarget(args.heap, args.page_cache)
    try:
        if args.warmup:  # a running server has compiled its query plans and JIT-compiled its code paths
            t0 = time.perf_counter()
            warm = target.empty_store()
            warm.load_many(b for b in synthetic_corpus(args.warmup, seed=args.seed + 1))
            warm.close()
            print(f"warm-up: {args.warmup:,} facts loaded and deleted ({time.perf_counter() - t0:.1f} s)", flush=True)
        store = target.empty_store()
        start = time.perf_counter()
        results = store.load_many(b for b in batches)
        seconds = time.perf_counter() - start
        if any(r.status != "created" for r in results):
            print(f"warning: {sum(r.status != 'created' for r in results)} reports were not created")
        counts = store.counts()["relationships"]
        written = sum(counts.values())
        loaded_facts = sum(v for k, v in counts.items() if k not in ("IN", "MENTIONED_IN", "PART_OF"))
        if loaded_facts != facts:
            print(f"warning: the graph holds {loaded_facts:,} fact relationships, the corpus {facts:,}")
        fact_rate, all_rate = loaded_facts / seconds, written / seconds
        print(f"load_many: {seconds:.2f} s, {written:,} relationships, {all_rate:,.0f} relationships/s "
              f"({loaded_facts:,} of them facts: {fact_rate:,.0f} fact relationships/s)", flush=True)

        sample = random.Random(args.seed).sample([f for b in batches for f in b.facts],
                                                 min(args.baseline_rows, facts))
        base_seconds = per_row_baseline(store, sample)
        base_rate = len(sample) / base_seconds
        print(f"per-row MERGE baseline: {len(sample):,} auto-commit statements in {base_seconds:.2f} s, "
              f"{base_rate:,.0f} relationships/s (extrapolated to the corpus: {facts / base_rate:.0f} s)")
        ceiling_seconds = ceiling(store, written)
        ceiling_rate = written / ceiling_seconds
        print(f"ceiling (bare UNWIND … CREATE of {written:,} relationships between existing nodes, "
              f"{CHUNK_ROWS:,} per transaction): {ceiling_seconds:.2f} s, {ceiling_rate:,.0f} relationships/s; "
              f"the load runs at {all_rate / ceiling_rate:.0%} of it")
        store.close()
    finally:
        target.close()

    ratio = all_rate / base_rate
    print(f"load_many / per-row ratio: {ratio:.1f}x for every relationship, "
          f"{fact_rate / base_rate:.1f}x counting fact relationships only")
    ok = all_rate >= TARGET_RATE and ratio >= TARGET_RATIO
    print(f"targets (>= {TARGET_RATE:,} relationships/s, >= {TARGET_RATIO:.0f}x the baseline): "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
