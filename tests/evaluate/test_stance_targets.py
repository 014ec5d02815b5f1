"""How the seed scorer matches a stance's target: by side (a country and its organs are one;
rebels and opposition are sides of their own)."""
from __future__ import annotations

import pytest

from dyad.evaluate.quotes import _target_match


@pytest.mark.parametrize("gold,predicted,same", [
    ("RUS", "RUS", True),
    ("RUSGOV", "RUS", True),
    ("RUS", "RUSGOV", True),
    ("IRNMIL", "IRN", True),
    ("IRQLEG", "IRQGOV", True),
    ("SYRREB", "SYRREB", True),
    ("SYRREB", "SYR", False),
    ("SYR", "SYRREB", False),
    ("IRNOPP", "IRNGOV", False),
    ("NATO", "NATO", True),
    ("NATO", "NAT", False),
    ("USA", "RUS", False),
])
def test_targets_match_by_side(gold, predicted, same):
    assert _target_match(gold, predicted) is same
