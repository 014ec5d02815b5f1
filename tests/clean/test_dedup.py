"""Near-duplicate detection: MinHash signatures over word 5-grams, and the lookup against the
LSH bands a real SQLite store keeps."""
from __future__ import annotations

import subprocess
import sys

import pytest

from dyad.clean.dedup import (
    NUM_PERM,
    Deduplicator,
    band_keys,
    estimate_jaccard,
    minhash_signature,
    shingles,
)
from dyad.records import Article, ArticleResult
from dyad.store import open_store
from tests.fixtures.make_bad_inputs import ARTICLE, SECOND_ARTICLE

STORY = ARTICLE + (
    "\n\nThe envoy's office said the agenda also covered wheat deliveries through the port of "
    "Olya, where new grain terminals were opened last autumn, and a proposal to simplify visas "
    "for truck drivers crossing between the two countries on the corridor's eastern branch.\n\n"
    "Analysts in Moscow said the meeting was a sign that both governments wanted to keep trade "
    "moving despite the slow pace of the railway works, which have been delayed by a shortage "
    "of rails and by disputes over who should pay for the last section of the line.\n\n"
    "No date has been set for the signing of the customs agreement, which would cut the time "
    "that freight trains spend at the border from two days to a few hours, officials said."
)
# The same story as reprinted by another (fictional) outlet: new dateline tag, curly
# quotes, one word added, a closing line added.
REPRINT = (
    STORY.replace("(Caspian Ledger)", "(Volga Wire)")
    .replace("steady progress", "steady, real progress")
    .replace("'", "\u2019")
    + "\n\nThis article was first published by the Caspian Ledger."
)

def _result(article_id: str, source: str, text: str) -> ArticleResult:
    return ArticleResult(article=Article(id=article_id, source=source, text=text, content_hash=article_id,
                                         minhash=minhash_signature(text)))


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'dedup.db'}") as s:
        yield s


def test_lightly_edited_copy_is_a_near_duplicate(store):
    store.save(_result("original00000001", "a.txt", STORY), raw_hash="a")
    store.save(_result("other00000000002", "b.txt", SECOND_ARTICLE), raw_hash="b")
    found = Deduplicator(store).original_of(_result("reprint000000003", "c.txt", REPRINT))
    assert found is not None and found[0] == "original00000001"
    assert found[1] >= 0.85


def test_different_article_is_not_a_near_duplicate(store):
    store.save(_result("original00000001", "a.txt", ARTICLE), raw_hash="a")
    assert Deduplicator(store).original_of(_result("other00000000002", "b.txt", SECOND_ARTICLE)) is None
    assert estimate_jaccard(minhash_signature(ARTICLE), minhash_signature(SECOND_ARTICLE)) < 0.2


def test_normalisation_ignores_case_spacing_and_quote_style():
    plain = 'He said "the talks went well" in Moscow.'
    fancy = "HE  said \u201cthe talks went well\u201d\nin   Moscow."
    assert minhash_signature(plain) == minhash_signature(fancy)


def test_signatures_are_deterministic_across_processes():
    here = minhash_signature(ARTICLE)
    code = (
        "from dyad.clean.dedup import minhash_signature;"
        "from tests.fixtures.make_bad_inputs import ARTICLE;"
        "print(','.join(map(str, minhash_signature(ARTICLE))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert tuple(int(v) for v in out.stdout.strip().split(",")) == here
    assert len(here) == NUM_PERM and all(isinstance(v, int) and 0 <= v < 2**64 for v in here)


def test_short_and_empty_texts():
    assert minhash_signature("") == () and minhash_signature("  ... ") == ()
    assert shingles("Two words") == {"two words"}
    assert len(minhash_signature("Two words", num_perm=16)) == 16


def test_lookup_bookkeeping(store):
    sig = minhash_signature(ARTICLE)
    store.save(_result("a000000000000001", "a.txt", ARTICLE), raw_hash="a")
    store.save(_result("a000000000000001", "a.txt", ARTICLE), raw_hash="a")  # saved again: no new bands
    # the input an article came from is never its own duplicate; another input's copy is
    assert Deduplicator(store).original_of(_result("a000000000000001", "a.txt", ARTICLE)) is None
    assert Deduplicator(store).original_of(_result("c000000000000003", "c.txt", ARTICLE)) == ("a000000000000001", 1.0)
    store.save(_result("b000000000000002", "b.txt", ARTICLE + " Later edition."), raw_hash="b")
    assert [c[0] for c in store.near_duplicate_candidates(sig)] == ["a000000000000001", "b000000000000002"]
    assert band_keys(minhash_signature(ARTICLE, num_perm=64)) == []  # only full signatures are banded
    with pytest.raises(ValueError):
        Deduplicator(store, threshold=0)
