"""Where the tests find ``../shared`` (the seed articles, gold sets and dev corpus, beside the
repository and never copied into it), and a clear failure when it is missing.

A test that needs it calls ``shared("eval/seeds.gold.json")``: the path when it exists, else
``pytest.fail`` (at collection time too) naming the path, so a missing ``../shared`` fails the run
instead of collecting nothing.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("DYAD_SHARED", Path(__file__).resolve().parents[1].parent / "shared")).resolve()


def shared(relative: str) -> Path:
    path = ROOT / relative
    if not path.exists():
        pytest.fail(f"{path}: missing; these tests read ../shared beside the repository "
                    f"(set DYAD_SHARED to its folder)", pytrace=False)
    return path


#: lines of the MIT notice that every table derived from PETRARCH-2 / Phoenix must carry
MIT_NOTICE = (
    "# The MIT License (MIT)",
    "# Copyright (c) 2014 Open Event Data",
    "# Permission is hereby granted, free of charge, to any person obtaining a copy of",
    "# The above copyright notice and this permission notice shall be included in all",
    '# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR',
    "# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.",
)
