"""Near-duplicate articles: MinHash signatures, their LSH bands, and the lookup against the store.

A wire story reprinted by several outlets, or a page re-published with a corrected
sentence, should be stored once and linked. The signature is a MinHash over the word
5-grams of the normalised, case-folded text (datasketch, the ``affine32`` scheme with a
fixed seed), so the same text gives the same signature in every process and on every
run, and signatures kept in the store stay comparable with new ones.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache

from dyad.records import ArticleResult
from dyad.text import normalise

#: signature length; the store keeps signatures of this length
NUM_PERM = 128
#: shingle size in words
SHINGLE = 5
#: datasketch's hashing scheme and seed; changing either invalidates stored signatures
SCHEME = "affine32"
SEED = 1
#: estimated Jaccard similarity above which two texts count as the same article
DEFAULT_THRESHOLD = 0.85

#: the LSH bands the store keeps for each signature: BANDS bands of ROWS values; two texts
#: of Jaccard 0.85 share a band with probability 0.994, of Jaccard 0.5 with 0.06
BANDS = 16
ROWS = 8

_WORD = re.compile(r"\w+", re.UNICODE)

def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The word ``size``-grams of the normalised, case-folded text (the whole text when
    it is shorter than ``size`` words; nothing for a text without words)."""
    words = _WORD.findall(normalise(text).casefold())
    if not words:
        return set()
    if len(words) < size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@lru_cache(maxsize=4)
def _template(num_perm: int):
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME)


def minhash_signature(text: str, num_perm: int = NUM_PERM) -> tuple[int, ...]:
    """The MinHash signature of ``text`` as plain ints; ``()`` for a text without words."""
    grams = shingles(text)
    if not grams:
        return ()
    m = _template(num_perm).copy()  # the permutations are made once
    m.update_batch(sorted(g.encode("utf-8") for g in grams))
    return tuple(int(v) for v in m.hashvalues)


def band_keys(signature: Sequence[int]) -> list[tuple[int, int]]:
    """(band, key) for each LSH band of a full signature (``NUM_PERM`` values): the key is a
    signed 64-bit hash of the band's values, so that it fits an SQL integer; [] otherwise."""
    if len(signature) != BANDS * ROWS:
        return []
    out = []
    for b in range(BANDS):
        values = signature[b * ROWS:(b + 1) * ROWS]
        digest = hashlib.blake2b(b"".join(int(v).to_bytes(8, "little") for v in values), digest_size=8).digest()
        out.append((b, int.from_bytes(digest, "little", signed=True)))
    return out


def estimate_jaccard(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Share of positions where two signatures agree: an estimate of their Jaccard similarity."""
    if not a or len(a) != len(b):
        raise ValueError(f"signatures differ in length ({len(a)} and {len(b)}) or are empty")
    return sum(x == y for x, y in zip(a, b)) / len(a)


class Deduplicator:
    """Exact and near-duplicate lookup against what is stored, asked of the store for each
    article (nothing is loaded at start, so a large store costs no start-up time or memory).

    ``store`` answers ``find_by_content_hash(hash)``, ``source_of(article_id)`` and
    ``near_duplicate_candidates(signature)`` (articles sharing an LSH band, with their source
    and signature); candidates are kept when their estimated Jaccard reaches ``threshold``.
    """

    def __init__(self, store, *, threshold: float = DEFAULT_THRESHOLD):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.store = store
        self.threshold = threshold

    def original_of(self, result: ArticleResult) -> tuple[str, float] | None:
        """The stored article that ``result`` duplicates, with the similarity; None if new."""
        art = result.article
        # the same text (or URL) already stored from another input is a duplicate,
        # even when it maps to the same article id
        same = self.store.find_by_content_hash(art.content_hash)
        if same and (self.store.source_of(same) or art.source) != art.source:
            return same, 1.0
        if (self.store.source_of(art.id) or art.source) != art.source:
            return art.id, 1.0
        if not art.minhash or len(art.minhash) != NUM_PERM:
            return None
        found = []
        for key, source, signature in self.store.near_duplicate_candidates(art.minhash):
            if source == art.source or len(signature) != len(art.minhash):
                continue
            sim = estimate_jaccard(art.minhash, signature)
            if sim >= self.threshold:
                found.append((key, sim))
        found.sort(key=lambda pair: (-pair[1], pair[0]))
        return found[0] if found else None
