"""Near-duplicate detection: MinHash signatures over word 5-grams, and the LSH index."""
from __future__ import annotations

import subprocess
import sys

import pytest

from dyad.clean.dedup import (
    NUM_PERM,
    NearDuplicateIndex,
    estimate_jaccard,
    minhash_signature,
    shingles,
)
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

def test_lightly_edited_copy_is_a_near_duplicate():
    index = NearDuplicateIndex()
    index.add("original", minhash_signature(STORY))
    index.add("other", minhash_signature(SECOND_ARTICLE))
    found = index.query(minhash_signature(REPRINT))
    assert [k for k, _ in found] == ["original"]
    assert found[0][1] >= 0.85


def test_different_article_is_not_a_near_duplicate():
    index = NearDuplicateIndex()
    index.add("original", minhash_signature(ARTICLE))
    assert index.query(minhash_signature(SECOND_ARTICLE)) == []
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


def test_index_bookkeeping():
    index = NearDuplicateIndex(threshold=0.85)
    sig = minhash_signature(ARTICLE)
    index.add("a", sig)
    index.add("a", sig)  # re-adding replaces, never duplicates
    index.add("b", sig)
    assert len(index) == 2 and "a" in index
    assert index.query(sig) == [("a", 1.0), ("b", 1.0)]
    with pytest.raises(ValueError, match="needs 128"):
        index.query(minhash_signature(ARTICLE, num_perm=64))
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=0)
