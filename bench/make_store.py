"""Build a large store from real pipeline output, for ``bench/queries.py``.

    python bench/make_store.py 1000000 --db sqlite:////tmp/dyad-1m.db
    python bench/make_store.py 100000 --db postgresql://USER@HOST/NAME --fresh

Seed: the bundled demo corpus (``src/dyad/demo``) and ``--synth`` fictional articles
(``tests/fixtures/synth.py``) are ingested into the store with ``dyad.batch.ingest`` (the real
pipeline). Replication: the seed's rows are copied ``K`` times inside the database with
``INSERT ... SELECT`` over a table of copy numbers, in chunks of copies (one transaction
each), until the store holds about ``N`` events. Copy ``k`` of an article:

* has the id ``<seed id>~k``, the source ``<seed source>#k`` (so ids, sources and content
  hashes stay unique) and the same text, sentences, mentions, quotes and stances;
* is dated ``k * 3`` days (modulo ten years) before its seed (an undated seed counts as
  2025-06-01), and so are its events' dates (a month or year date moves with its day);
* has its event actors' country parts varied: every eighth copy keeps IRN and RUS, the
  others replace one or both by countries of a pool of 20 (codes keep their sectors:
  IRNGOV -> CHNGOV), in the event columns, the event JSON and the side tables, and in
  stance targets;
* has its LSH band keys shifted, so copies are not near-duplicates of one another.

Then every event's cluster key is recomputed and the clusters are built again from scratch
(``cluster_sync.rebuild``), as migration 7 does for an existing store.

Actors stay those of the seed (mentions point at them). Prints what it built, the time and
the row counts; ``--json`` prints them as JSON.
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dyad.batch import ingest  # noqa: E402
from dyad.store import open_store, resolve_url  # noqa: E402
from dyad.store.cluster_sync import rebuild, refresh_keys  # noqa: E402
from dyad.store.schema import metadata  # noqa: E402
from tests.fixtures.synth import write_corpus  # noqa: E402

POOL = ["CHN", "TUR", "IND", "FRA", "DEU", "GBR", "USA", "SAU", "ARE", "IRQ",
        "SYR", "PAK", "KAZ", "AZE", "ARM", "GEO", "UKR", "BLR", "EGY", "ISR"]
COPIED = ("articles", "sentences", "article_actors", "mentions", "events", "event_countries",
          "quotes", "stances", "minhash_bands")
UNDATED = "2025-06-01"


def copy_countries(k: int) -> tuple[str, str]:
    """What IRN and RUS become in copy ``k``."""
    if k % 8 == 0:
        return "IRN", "RUS"
    p, q = POOL[k % 20], POOL[(k // 20 + 3 * k + 7) % 20]
    if q == p:
        q = POOL[(k + 1) % 20]
    return {1: ("IRN", q), 2: (p, "RUS"), 3: ("IRN", q), 4: (p, "RUS")}.get(k % 8, (p, q))


class Sql:
    """The few expressions that differ between SQLite and PostgreSQL."""

    def __init__(self, dialect: str) -> None:
        self.pg = dialect == "postgresql"

    def shift_day(self, x: str) -> str:
        if self.pg:
            return f"to_char(({x})::date - c.shift, 'YYYY-MM-DD')"
        return f"date({x}, '-' || c.shift || ' days')"

    def new_id(self, x: str) -> str:
        return f"({x} || '~' || c.k)"

    def codes(self, x: str) -> str:
        """IRN and RUS prefixes inside a JSON text of codes replaced by the copy's."""
        return f"replace(replace({x}, '\"IRN', '\"' || c.c1), '\"RUS', '\"' || c.c2)"

    def code(self, x: str) -> str:
        return (f"(CASE WHEN substr({x}, 1, 3) = 'IRN' THEN c.c1 || substr({x}, 4) "
                f"WHEN substr({x}, 1, 3) = 'RUS' THEN c.c2 || substr({x}, 4) ELSE {x} END)")

    def json_set(self, data: str, sets: dict[str, str]) -> str:
        """``data`` (JSON text) with the paths in ``sets`` ("a.b" -> SQL expression) replaced."""
        if self.pg:
            out = f"({data})::jsonb"
            for path, value in sets.items():
                out = f"jsonb_set({out}, '{{{path.replace('.', ',')}}}', coalesce(to_jsonb({value}), 'null'::jsonb))"
            return f"({out})::text"
        args = ", ".join(f"'$.{path}', {value}" for path, value in sets.items())
        return f"json_set({data}, {args})"

    def event_date(self) -> str:
        day = self.shift_day
        month, year = day("s.date || '-15'"), day("s.date || '-07-01'")
        return ("(CASE s.date_precision "
                f"WHEN 'day' THEN {day('s.date')} "
                f"WHEN 'month' THEN substr({month}, 1, 7) "
                f"WHEN 'year' THEN substr({year}, 1, 4) "
                "ELSE s.date END)")


def overrides(sql: Sql) -> dict[str, dict[str, str]]:
    """table -> column -> the SQL expression of the copy's value (``s``: seed row, ``c``: copy)."""
    article_date = sql.shift_day(f"coalesce(s.date, '{UNDATED}')")
    ev_date = sql.event_date()
    seed_date = sql.shift_day(f"coalesce(a.date, '{UNDATED}')")
    ev_sort = (f"coalesce({ev_date}, (SELECT {seed_date} FROM bench_seed_articles a "
               "WHERE a.id = s.article_id), '~')")
    fact_sort = (f"coalesce((SELECT {seed_date} FROM bench_seed_articles a "
                 "WHERE a.id = s.article_id), '~')")
    return {
        "articles": {
            "id": sql.new_id("s.id"), "source": "(s.source || '#' || c.k)",
            "url": "(CASE WHEN s.url IS NULL THEN NULL ELSE s.url || '#' || c.k END)",
            "date": article_date, "content_hash": "(s.content_hash || '~' || c.k)",
        },
        "events": {
            "date": ev_date, "sources": sql.codes("s.sources"), "targets": sql.codes("s.targets"),
            "data": sql.json_set(sql.codes("s.data"), {"date.value": ev_date,
                                                      "article_id": sql.new_id("s.article_id")}),
            "sort_date": ev_sort, "ckey": "''", "cluster_id": "NULL",
        },
        "event_countries": {"country": sql.code("s.country")},
        "quotes": {"data": sql.json_set("s.data", {"article_id": sql.new_id("s.article_id")}),
                   "sort_date": fact_sort},
        "stances": {
            "target": sql.code("s.target"), "sort_date": fact_sort,
            "data": sql.json_set(sql.codes("s.data"), {"article_id": sql.new_id("s.article_id")}),
        },
        "minhash_bands": {"key": "(CASE WHEN s.key < 0 THEN s.key + c.k ELSE s.key - c.k END)"},
    }


def _q(name: str) -> str:
    return f'"{name}"'


def build(n: int, url: str, *, synth: int, chunk: int, fresh: bool, log) -> dict:
    url = resolve_url(url)
    backend = sa.make_url(url).get_backend_name()
    if backend == "sqlite":
        path = Path(sa.make_url(url).database or "")
        if path.exists():
            if not fresh:
                raise SystemExit(f"{path}: exists (pass --fresh to replace it)")
            for extra in ("", "-wal", "-shm"):
                Path(f"{path}{extra}").unlink(missing_ok=True)
    elif fresh:
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            for name in ("bench_copies", *(f"bench_seed_{t}" for t in COPIED)):
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
            metadata.drop_all(conn)
        engine.dispose()

    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="dyad-bench-seed-"))
    try:
        write_corpus(work / "synth", synth)
        summary = ingest([ROOT / "src" / "dyad" / "demo", work / "synth"], db=url)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seeded = time.perf_counter()
    with open_store(url) as store:
        seed_counts = store.counts()
    if seed_counts["events"] == 0:
        raise SystemExit("the seed corpus gave no events")
    copies = max(0, math.ceil(n / seed_counts["events"]) - 1)
    log(f"seed: {seed_counts['articles']} articles, {seed_counts['events']} events "
        f"({summary.seconds:.1f} s); {copies} copies to make")

    engine = sa.create_engine(url)
    sql = Sql(engine.dialect.name)
    over = overrides(sql)
    with engine.connect() as conn:
        with conn.begin():
            for table in COPIED:
                if table in metadata.tables:
                    conn.exec_driver_sql(f"DROP TABLE IF EXISTS bench_seed_{table}")
                    conn.exec_driver_sql(f"CREATE TABLE bench_seed_{table} AS SELECT * FROM {table}")
            conn.exec_driver_sql("DROP TABLE IF EXISTS bench_copies")
            conn.exec_driver_sql("CREATE TABLE bench_copies (k INTEGER PRIMARY KEY, shift INTEGER, "
                                 "c1 TEXT, c2 TEXT)")
        for lo in range(1, copies + 1, chunk):
            hi = min(copies, lo + chunk - 1)
            with conn.begin():
                conn.exec_driver_sql("DELETE FROM bench_copies")
                conn.execute(sa.text("INSERT INTO bench_copies VALUES (:k, :shift, :c1, :c2)"), [
                    {"k": k, "shift": (k * 3) % 3650, "c1": copy_countries(k)[0], "c2": copy_countries(k)[1]}
                    for k in range(lo, hi + 1)])
                for table in COPIED:
                    if table not in metadata.tables:
                        continue
                    cols = [c.name for c in metadata.tables[table].columns
                            if not (table == "mentions" and c.name == "id")]
                    exprs = []
                    for col in cols:
                        if col in over.get(table, {}):
                            exprs.append(over[table][col])
                        elif col == "article_id":
                            exprs.append(sql.new_id("s.article_id"))
                        else:
                            exprs.append(f"s.{_q(col)}")
                    conn.exec_driver_sql(
                        f"INSERT INTO {table} ({', '.join(map(_q, cols))}) "
                        f"SELECT {', '.join(exprs)} FROM bench_seed_{table} s CROSS JOIN bench_copies c")
            log(f"  copies {lo}-{hi} of {copies}: {time.perf_counter() - seeded:.0f} s")
        with conn.begin():
            for table in COPIED:
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS bench_seed_{table}")
            conn.exec_driver_sql("DROP TABLE bench_copies")
        copied = time.perf_counter()
        with conn.begin():  # the copies' keys changed with their actors: cluster again
            refresh_keys(conn)
            n_clusters = rebuild(conn)
        log(f"  {n_clusters:,} clusters: {time.perf_counter() - copied:.0f} s")
        conn.commit()
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    engine.dispose()
    with open_store(url) as store:
        counts = store.counts()
    done = time.perf_counter()
    return {"url": sa.make_url(url).render_as_string(hide_password=True), "target_events": n,
            "seed": seed_counts, "copies": copies, "counts": counts,
            "seconds_seed": round(seeded - started, 1), "seconds_total": round(done - started, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="about how many events")
    ap.add_argument("--db", required=True, help="database URL (sqlite:///FILE or postgresql://...)")
    ap.add_argument("--synth", type=int, default=30, help="fictional seed articles (30)")
    ap.add_argument("--chunk", type=int, default=500, help="copies per transaction (500)")
    ap.add_argument("--fresh", action="store_true", help="replace the SQLite file / drop Dyad's tables first")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out = build(args.n, args.db, synth=args.synth, chunk=args.chunk, fresh=args.fresh,
                log=(lambda m: print(m, file=sys.stderr)))
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"{out['url']}: {out['counts']['events']:,} events, {out['counts']['articles']:,} articles "
              f"({out['copies']} copies of {out['seed']['articles']} seed articles) in "
              f"{out['seconds_total']} s (seed {out['seconds_seed']} s)")
        print("rows: " + ", ".join(f"{k} {v:,}" for k, v in out["counts"].items()))


if __name__ == "__main__":
    main()
