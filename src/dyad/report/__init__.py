"""The relationship brief: a cited HTML or Markdown document about one dyad."""
from __future__ import annotations

from dyad.report.brief import build_brief
from dyad.report.model import Brief, Claim
from dyad.report.write import write_brief

__all__ = ["Brief", "Claim", "build_brief", "write_brief"]
