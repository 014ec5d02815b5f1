"""Throughput of ``dyad ingest`` against bare spaCy, measured in the same process.

Corpus: the seed articles are repeated, whole copies at a time, until the corpus holds at
least ``--min-words`` raw (uncleaned) words. Each copy is one JSONL file in its own folder,
and every record carries a URL of its own (``https://bench.invalid/copyNNN/<seed>``), so:

* every record is a distinct article: article ids come from the canonical URL, so the
  store holds one row per record although the body texts repeat;
* every copy cleans to the same text as the first: no record names an outlet, so the
  repeated-line filter (``dyad.clean.repeated.RepeatedLines``) groups documents by folder,
  i.e. by copy, and no line can recur across copies. (An ``outlet`` field would do the
  same, but it would replace the outlet the cleaner reads from the text.)

Both properties are checked, and the script exits with an error if either fails: before
timing, the cleaned text of each copy must equal that of the first copy of its seed; after
the run, the SQLite store must hold exactly one ``articles`` row per record, each with the
cleaned text of its seed.

Baseline: spaCy's ``nlp.pipe`` (``batch_size=8``) with the same pinned pipeline over exactly
the cleaned texts that Dyad parses, obtained by running Dyad's cleaning
(``dyad.clean.clean`` with the runner's repeated-line filter) over the same RawDocuments
the ingest reads. That cleaning is done before the timed part and is not counted in the
baseline; Dyad's timed run cleans, parses, extracts and stores on its own. Words are the
cleaned words (whitespace-split) on both sides, so both words/s and the ratio are on the
same words.

Both sides are warmed before timing: spaCy parses two texts, Dyad processes two documents
(one-time costs such as lazy imports are not throughput).

Timing: ``--rounds`` rounds (3), each parsing the texts with spaCy and then ingesting the corpus
into a fresh store; each side's fastest round is its figure (noise on a shared machine only ever
slows a run), and the ratio of each round is printed too.

Printed: articles/s and words/s for both, the ratio (Dyad / spaCy throughput; 1.0 means
Dyad's cleaning, extraction and storage cost nothing on top of parsing), the same ratio in
CPU seconds of this process and its worker processes (steadier on a busy machine; one worker
only), the peak resident memory of this process and of the largest worker process (the runner
forks its workers, one by default, with the pipeline already loaded), and the store checks.

Usage: python bench/throughput.py [--seeds DIR] [--min-words 50000] [--workers 1] [--rounds 3] [--json]
                                   [--profile FILE]
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
URL = "https://bench.invalid/copy{copy:03d}/{seed}"


class BenchError(SystemExit):
    """A check of the benchmark's own premises failed: its figures would mean nothing."""

    def __init__(self, message: str):
        super().__init__(f"throughput benchmark: FAILED: {message}")


def build_corpus(seeds: Path, folder: Path, min_words: int) -> tuple[int, int, dict[str, int]]:
    """Write the copies; return (number of seeds, raw words, seed index of each URL)."""
    paths = sorted(seeds.glob("*.txt"))
    if not paths:
        raise SystemExit(f"{seeds}: no .txt seed articles")
    # as the plain-text reader would see them (line ends normalised)
    texts = [p.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n") for p in paths]
    seed_of: dict[str, int] = {}
    words = 0
    copy = 0
    while words < min_words:
        sub = folder / f"copy{copy:03d}"  # its own folder: its own repeated-line group
        sub.mkdir()
        with open(sub / "articles.jsonl", "w", encoding="utf-8") as fh:
            for i, (path, text) in enumerate(zip(paths, texts)):
                url = URL.format(copy=copy, seed=path.stem)
                seed_of[url] = i
                fh.write(json.dumps({"url": url, "text": text}, ensure_ascii=False) + "\n")
                words += len(text.split())
        copy += 1
    return len(paths), words, seed_of


def cleaned_corpus(corpus: Path, seed_of: dict[str, int]) -> tuple[list[str], dict[int, str]]:
    """Clean the RawDocuments the ingest will read, as its runner does.

    Returns (cleaned texts in the ingest's order, cleaned text of each seed).
    Raises :class:`BenchError` when a document cannot be read or a copy does not clean to
    the same text as the first copy of its seed.
    """
    from dyad.clean import clean
    from dyad.clean.repeated import RepeatedLines
    from dyad.ingest import iter_documents
    from dyad.records import IngestProblem

    repeated = RepeatedLines()  # what dyad.batch._results feeds to the cleaner
    texts: list[str] = []
    seed_text: dict[int, str] = {}
    for raw in iter_documents([corpus]):
        if isinstance(raw, IngestProblem):
            raise BenchError(f"corpus input not readable: {raw.line()}")
        text = clean(raw, known_boilerplate=repeated.observe(raw)).text
        seed = seed_of[raw.url or ""]
        first = seed_text.setdefault(seed, text)
        if text != first:
            raise BenchError(
                f"{raw.source} ({raw.url}) cleans to {len(text.split())} words, the first copy "
                f"of its seed to {len(first.split())}: the copies are not the same text"
            )
        texts.append(text)
    if len(texts) != len(seed_of):
        raise BenchError(f"the corpus holds {len(seed_of)} records, the reader gave {len(texts)}")
    return texts, seed_text


def check_store(db: Path, seed_of: dict[str, int], seed_text: dict[int, str]) -> int:
    """Every record stored once, with its seed's cleaned text; returns the row count."""
    with sqlite3.connect(db) as conn:
        (count,) = conn.execute("SELECT COUNT(*) FROM articles").fetchone()
        rows = conn.execute("SELECT url, source, text FROM articles").fetchall()
    if count != len(seed_of):
        raise BenchError(f"the store holds {count} articles, the corpus {len(seed_of)} records")
    urls = {url for url, _, _ in rows}
    if urls != set(seed_of):
        missing = sorted(set(seed_of) - urls)[:3]
        raise BenchError(f"stored URLs differ from the corpus's (missing e.g. {missing})")
    for url, source, text in rows:
        expected = seed_text[seed_of[url]]
        if text != expected:
            raise BenchError(
                f"stored text of {source} ({url}) has {len(text.split())} words, its seed's "
                f"cleaned text {len(expected.split())}: not the same text"
            )
    return count


def _warm_up_dyad(corpus: Path) -> None:
    """Process two documents of the corpus outside the timed run, as the baseline parses two
    texts: one-time costs (lazy imports such as datasketch's, lexicon loading) are not throughput."""
    from dyad.ingest import iter_documents
    from dyad.pipeline import process

    for k, raw in enumerate(iter_documents([corpus])):
        if k >= 2:
            break
        process(raw)


def _cpu_with_workers() -> float:
    """CPU seconds of this process and of its finished worker processes (the runner stops its
    pool, and so waits for its workers, before ``ingest`` returns)."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--min-words", type=int, default=50_000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3,
                    help="interleaved timed rounds of both sides; each side's best round counts")
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--profile", type=Path, metavar="FILE",
        help="run Dyad's side under cProfile, write its stats to FILE and print the top costs "
        "(the profiler slows Dyad's side: the ratio is then not the real one)",
    )
    args = ap.parse_args(argv)

    from dyad import nlp
    from dyad.batch import ingest

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n_seeds, raw_words, seed_of = build_corpus(args.seeds, corpus, args.min_words)
        texts, seed_text = cleaned_corpus(corpus, seed_of)
        n = len(texts)
        words = sum(len(t.split()) for t in texts)  # cleaned words: what both sides parse

        model = nlp.load()  # both sides start with the pipeline loaded
        list(model.pipe(texts[:2]))  # warm-up
        _warm_up_dyad(corpus)  # and Dyad's side warmed the same way: lazy imports, lexicons

        spacy_runs, dyad_runs = [], []
        profiler = cProfile.Profile() if args.profile else None
        for r in range(args.rounds):  # interleaved, so that a drifting machine hits both sides
            t0, c0 = time.perf_counter(), time.process_time()
            for _ in model.pipe(texts, batch_size=8):
                pass
            spacy_runs.append((time.perf_counter() - t0, time.process_time() - c0))

            db = Path(tmp) / f"bench{r}.db"
            t0, c0 = time.perf_counter(), _cpu_with_workers()
            if profiler:
                profiler.enable()
            summary = ingest(
                [corpus], db=f"sqlite:///{db}", workers=args.workers,
                link_duplicates=False,  # store every copy: measure the whole write path
                # (without linking, the runner builds no near-duplicate index)
            )
            if profiler:
                profiler.disable()
            dyad_runs.append((time.perf_counter() - t0, _cpu_with_workers() - c0))

            if summary.n_failed or summary.problems:
                raise BenchError(f"ingest reported problems: {summary.problems[:3]}")
            if summary.words != words:
                raise BenchError(f"ingest parsed {summary.words} cleaned words, the baseline {words}")
            stored_rows = check_store(db, seed_of, seed_text)
        # best of the rounds on each side (as timeit does): noise only ever slows a run down
        spacy_s, spacy_cpu = min(t for t, _ in spacy_runs), min(c for _, c in spacy_runs)
        dyad_s, dyad_cpu = min(t for t, _ in dyad_runs), min(c for _, c in dyad_runs)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result = {
        "articles": n,
        "seeds": n_seeds,
        "copies": n // n_seeds,
        "words": words,
        "raw_words": raw_words,
        "spacy_articles_per_s": round(n / spacy_s, 2),
        "spacy_words_per_s": round(words / spacy_s),
        "dyad_articles_per_s": round(n / dyad_s, 2),
        "dyad_words_per_s": round(words / dyad_s),
        "ratio_vs_spacy": round(spacy_s / dyad_s, 3),
        "rounds": args.rounds,
        "ratio_per_round": [round(sp[0] / dy[0], 3) for sp, dy in zip(spacy_runs, dyad_runs)],
        # CPU seconds of this process: steadier than wall time on a shared machine, but
        # with --workers > 1 the pool's CPU time is not in it
        "ratio_cpu_vs_spacy": round(spacy_cpu / dyad_cpu, 3) if args.workers <= 1 else None,
        "peak_rss_mb": round(peak_mb, 1),
        "worker_peak_rss_mb": round(worker_peak_mb, 1),
        "workers": args.workers,
        "stored": summary.inserted + summary.updated,
        "stored_rows": stored_rows,
        "linked_duplicates": summary.duplicates,
        "failed": summary.n_failed,
    }
    if profiler:
        profiler.dump_stats(args.profile)
        result["profile"] = str(args.profile)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k:>22}: {v}")
    if profiler and not args.json:
        print()
        stats = pstats.Stats(str(args.profile))
        stats.sort_stats("cumulative").print_stats(25)
        stats.sort_stats("tottime").print_stats(15)
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
