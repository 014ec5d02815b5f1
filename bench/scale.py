"""Ingest throughput with one and two process workers and on a two-worker Dask ``LocalCluster``,
and the driver's peak memory as the corpus grows.

The corpus is generated: fictional articles whose names, numbers, places and dates vary, so
that near-duplicate detection keeps them apart and every article is stored. Each run ingests the
same corpus into a fresh SQLite store, in a subprocess of its own, so that its peak resident
memory (``getrusage`` of that process: the driver, without its workers) is its own.

Printed (and with ``--json`` as one object): articles/s of each run, the ratios the scale-out
is judged by (``LocalCluster`` / ``--workers 2``, ``--workers 2`` / ``--workers 1``), and the
driver's peak memory at N/10 and N articles with one worker (its growth ratio), with the
machine's load average at the start, since a busy machine lowers every parallel figure.

Usage: python bench/scale.py [--articles 2000] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

FIRST = ["Arman", "Dariush", "Nikolai", "Parisa", "Yelena", "Kamran", "Oleg", "Shirin", "Timur", "Leyla",
         "Bahram", "Irina", "Farid", "Marat", "Soraya", "Gleb", "Navid", "Zarina", "Pavel", "Roya"]
LAST = ["Vakili", "Orlov", "Sadeghpour", "Belova", "Karimzadeh", "Lebedev", "Mirfakhr", "Sokolova",
        "Ahmadvand", "Zhukov", "Tavassoli", "Gromov", "Nasseri", "Kuznetsova", "Rahbari", "Fedorov"]
ROLES = ["Foreign Minister", "Deputy Foreign Minister", "Energy Minister", "trade envoy", "ambassador"]
PAIRS = [("Iranian", "Russian"), ("Turkish", "Azerbaijani"), ("Indian", "Chinese"), ("French", "German"),
         ("Brazilian", "Argentine"), ("Kenyan", "Ethiopian")]
TOPICS = ["grain exports", "a transport corridor", "gas swaps", "banking links", "rail freight", "shipping",
          "tourism visas", "customs tariffs", "satellite launches", "wheat deliveries", "port construction"]
CITIES = ["Tehran", "Moscow", "Ankara", "Baku", "Delhi", "Beijing", "Paris", "Berlin", "Brasilia", "Nairobi"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
VERBS = ["met", "hosted", "received", "held talks with", "telephoned"]


def article(rng: random.Random, n: int) -> str:
    a, b = rng.choice(PAIRS)
    p1, p2 = f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    t = rng.sample(TOPICS, 3)
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2015, 2026)
    city = rng.choice(CITIES)
    money, share = rng.randint(2, 900), rng.randint(3, 60)
    return (
        f"{city.upper()}, {month} {day} - {a} {rng.choice(ROLES)} {p1} {rng.choice(VERBS)} {b} "
        f"{rng.choice(ROLES)} {p2} in {city} on {month} {day}, {year}, to discuss {t[0]} and {t[1]}.\n\n"
        f"{p1.split()[-1]} said trade worth {money} million dollars had grown by {share} percent, "
        f"while {p2.split()[-1]} told reporters that {t[2]} would need another round of talks "
        f"(bulletin {n}).\n\n"
        f"The two governments agreed to meet again in {rng.choice(CITIES)} in {rng.choice(MONTHS)} {year + 1}, "
        f"officials said, and signed a memorandum on {t[1]} numbered {rng.randint(100, 99999)}."
    )


def write_corpus(folder: Path, n: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for chunk in range(0, n, 500):  # JSONL files of 500 articles
        with open(folder / f"part{chunk // 500:04d}.jsonl", "w", encoding="utf-8") as fh:
            for i in range(chunk, min(n, chunk + 500)):
                fh.write(json.dumps({"text": article(rng, i), "url": f"https://bench.example/{i}",
                                     "outlet": "Bench Wire"}) + "\n")


RUN = """
import json, resource, sys
from dyad.batch import ingest
kwargs = json.loads(sys.argv[3])
s = ingest([sys.argv[1]], db=sys.argv[2], **kwargs)
print(json.dumps({"seconds": s.seconds, "inserted": s.inserted, "duplicates": s.duplicates,
                  "failed": s.n_failed, "driver_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(corpus: Path, db: Path, **kwargs) -> dict:
    done = subprocess.run([sys.executable, "-c", RUN, str(corpus), f"sqlite:///{db}", json.dumps(kwargs)],
                          capture_output=True, text=True, check=True)
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["articles_per_s"] = round(out["inserted"] / out["seconds"], 2) if out["seconds"] else None
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        write_corpus(big, args.articles)
        write_corpus(small, max(1, args.articles // 10))
        runs = {
            "workers_1": run(big, Path(tmp) / "w1.db", workers=1),
            "workers_2": run(big, Path(tmp) / "w2.db", workers=2),
            "local_cluster_2": run(big, Path(tmp) / "lc.db", dask="local:2"),
            "workers_1_tenth": run(small, Path(tmp) / "small.db", workers=1),
        }
    rate = {k: v["articles_per_s"] for k, v in runs.items()}
    result = {
        "articles": args.articles,
        "load_average_at_start": round(load, 2),
        "cpus": os.cpu_count(),
        "runs": runs,
        "ratio_workers_2_vs_1": round(rate["workers_2"] / rate["workers_1"], 3),
        "ratio_local_cluster_2_vs_workers_2": round(rate["local_cluster_2"] / rate["workers_2"], 3),
        "driver_peak_mb_growth_tenth_to_full": round(
            runs["workers_1"]["driver_peak_mb"] / runs["workers_1_tenth"]["driver_peak_mb"], 3),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in runs.items():
            print(f"{k:18s} {v['inserted']:6d} articles  {v['articles_per_s']:6.2f} articles/s  "
                  f"driver peak {v['driver_peak_mb']:.0f} MB")
        print(f"--workers 2 / --workers 1: {result['ratio_workers_2_vs_1']}   LocalCluster(2) / --workers 2: "
              f"{result['ratio_local_cluster_2_vs_workers_2']}   driver memory N vs N/10: "
              f"{result['driver_peak_mb_growth_tenth_to_full']}   (load average at start {load:.2f} "
              f"on {os.cpu_count()} CPUs)")
    return result


if __name__ == "__main__":
    main()
