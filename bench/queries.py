"""Cold and warm latency, and peak memory, of the reads a team makes on a large store.

    python bench/make_store.py 100000 --db sqlite:////tmp/dyad-100k.db
    python bench/queries.py --db sqlite:////tmp/dyad-100k.db [--repeat 3] [--timeout 120] [--json]

Each query runs in a process of its own (so its peak memory is its own): the process opens
the app (``dyad.web.create_app`` under fastapi's ``TestClient``, Host 127.0.0.1) or the store,
runs the query once (cold: a fresh process, its connection and caches new; the operating
system's file cache is whatever earlier queries left), then ``--repeat`` more times (warm:
the fastest is printed). A query that passes ``--timeout`` seconds is killed and printed as
such. Memory: the process's peak resident set, and how much of it the query added over the
process after start-up.

Queries (the pair is ``--dyad``, IRN-RUS by default):

    series      GET /api/dyads/A/B/series                 the dyad's monthly series
    events      GET /api/events?limit=50                  the first events page
    dyad_events GET /api/events?dyad=A-B&limit=50         the dyad's first events page
    quotes      GET /api/quotes?limit=50                  a page of quotes
    clusters    GET /api/events?clustered=true&limit=50   a page of clustered events
    network     GET /api/network                          the actor network
    search      GET /api/search?q=talks                   full-text search
    dyad_page   GET /dyad/A/B                             the dashboard's dyad page
    brief       dyad.report.write.write_brief (HTML)    the relationship brief
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

QUERIES = {
    "series": "/api/dyads/{a}/{b}/series",
    "events": "/api/events?limit=50",
    "dyad_events": "/api/events?dyad={a}-{b}&limit=50",
    "quotes": "/api/quotes?limit=50",
    "clusters": "/api/events?clustered=true&limit=50",
    "network": "/api/network",
    "search": "/api/search?q=talks",
    "dyad_page": "/dyad/{a}/{b}",
    "brief": None,
}
TARGETS = {"series": 0.2, "events": 0.2, "dyad_events": 0.2, "quotes": 1.0, "clusters": 1.0,
           "network": 1.0, "dyad_page": 1.0, "search": 1.0, "brief": 10.0}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(name: str, db: str, a: str, b: str, repeat: int) -> dict:
    """In this process: the query's cold and warm times and memory."""
    sys.path.insert(0, str(ROOT / "src"))
    if name == "brief":
        from dyad.report.write import write_brief
        from dyad.store import open_store
        store = open_store(db)
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="dyad-bench-brief-"))

        def call() -> int:
            path = write_brief(store, a, b, format="html", path=folder / "brief.html")
            return Path(path).stat().st_size if path else 0
    else:
        from fastapi.testclient import TestClient

        from dyad.web import create_app
        client = TestClient(create_app(db), base_url="http://127.0.0.1")
        client.__enter__()
        target = QUERIES[name].format(a=a, b=b)

        def call() -> int:
            response = client.get(target)
            if response.status_code != 200:
                raise SystemExit(f"{target}: HTTP {response.status_code}: {response.text[:200]}")
            return len(response.content)
    base = _rss_mb()
    t0 = time.perf_counter()
    size = call()
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        warm.append(time.perf_counter() - t0)
    peak = _rss_mb()
    return {"query": name, "cold_s": round(cold, 4), "warm_s": round(min(warm), 4) if warm else None,
            "peak_mb": round(peak), "added_mb": round(peak - base), "bytes": size}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--dyad", default="IRN-RUS")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--only", help="comma-separated query names")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    a, b = args.dyad.upper().split("-")
    if args.one:
        print(json.dumps(run_one(args.one, args.db, a, b, args.repeat)))
        return
    sys.path.insert(0, str(ROOT / "src"))
    from dyad.store import open_store
    with open_store(args.db) as store:
        counts = store.counts()
    names = args.only.split(",") if args.only else list(QUERIES)
    results = []
    for name in names:
        cmd = [sys.executable, __file__, "--one", name, "--db", args.db, "--dyad", args.dyad,
               "--repeat", str(args.repeat)]
        t0 = time.perf_counter()
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            results.append({"query": name, "error": f"over {args.timeout:.0f} s"})
            continue
        if done.returncode != 0:
            results.append({"query": name, "error": (done.stderr.strip().splitlines() or ["?"])[-1][:200]})
            continue
        row = json.loads(done.stdout.strip().splitlines()[-1])
        row["process_s"] = round(time.perf_counter() - t0, 1)
        row["target_s"] = TARGETS.get(name)
        results.append(row)
        if not args.json:
            print(f"  {name}: cold {row['cold_s']:.3f} s, warm {row['warm_s']:.3f} s", file=sys.stderr)
    out = {"db": args.db, "counts": counts, "dyad": args.dyad, "repeat": args.repeat, "results": results}
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{args.db}: {counts['events']:,} events, {counts['articles']:,} articles, "
          f"{counts['quotes']:,} quotes, {counts['stances']:,} stances; dyad {args.dyad}")
    print(f"{'query':<12} {'cold s':>9} {'warm s':>9} {'target':>7} {'warm/target':>11} {'peak MB':>8} {'added MB':>9}")
    for r in results:
        if "error" in r:
            print(f"{r['query']:<12} {r['error']}")
            continue
        ratio = r["warm_s"] / r["target_s"] if r["warm_s"] is not None and r["target_s"] else float("nan")
        print(f"{r['query']:<12} {r['cold_s']:>9.3f} {r['warm_s']:>9.3f} {r['target_s']:>7.1f} "
              f"{ratio:>11.2f} {r['peak_mb']:>8} {r['added_mb']:>9}")


if __name__ == "__main__":
    main()
