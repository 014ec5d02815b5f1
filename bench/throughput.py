"""Throughput of ``dyad ingest`` against bare spaCy, measured in the same process.

The seed articles are repeated (as distinct files) until the corpus holds at least
``--min-words`` words. The baseline is spaCy's ``nlp.pipe`` over the same raw texts
with the same pinned pipeline. Printed: articles/s and words/s for both, the ratio
(Dyad / spaCy; 1.0 means Dyad's cleaning, extraction and storage cost nothing on top
of parsing), and the peak resident memory of this process.

Usage: python bench/throughput.py [--seeds DIR] [--min-words 50000] [--workers 1] [--json]
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def build_corpus(seeds: Path, folder: Path, min_words: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"{seeds}: no .txt seed articles")
    out: list[str] = []
    words = 0
    copy = 0
    while words < min_words:
        for i, text in enumerate(texts):
            # each copy is its own file and source; the runner processes every one of them
            (folder / f"copy{copy:03d}_{i}.txt").write_text(text, encoding="utf-8")
            out.append(text)
            words += len(text.split())
        copy += 1
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--min-words", type=int, default=50_000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from dyad import nlp
    from dyad.batch import ingest

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        texts = build_corpus(args.seeds, corpus, args.min_words)
        words = sum(len(t.split()) for t in texts)

        model = nlp.load()  # both sides start with the pipeline loaded
        list(model.pipe(texts[:2]))  # warm-up

        t0 = time.perf_counter()
        for _ in model.pipe(texts, batch_size=8):
            pass
        spacy_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        summary = ingest(
            [corpus], db=f"sqlite:///{Path(tmp) / 'bench.db'}", workers=args.workers,
            link_duplicates=False,  # store every copy: measure the whole write path
        )
        dyad_s = time.perf_counter() - t0

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "articles": len(texts),
        "words": words,
        "spacy_articles_per_s": round(len(texts) / spacy_s, 2),
        "spacy_words_per_s": round(words / spacy_s),
        "dyad_articles_per_s": round(len(texts) / dyad_s, 2),
        "dyad_words_per_s": round(words / dyad_s),
        "ratio_vs_spacy": round(spacy_s / dyad_s, 3),
        "peak_rss_mb": round(peak_mb, 1),
        "workers": args.workers,
        "stored": summary.inserted + summary.updated,
        "linked_duplicates": summary.duplicates,
        "failed": summary.n_failed,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k:>22}: {v}")
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
