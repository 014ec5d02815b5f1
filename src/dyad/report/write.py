"""Writing the brief to a file: build it from the store, render it as HTML or Markdown."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from dyad.report.brief import build_brief
from dyad.report.chart import timeline_png
from dyad.report.render import render_html, render_markdown


def write_brief(store: Any, a: str, b: str, *, since: str | None = None, format: str = "html",  # noqa: A002
                path: str | Path) -> Path:
    """Write the brief for ``a`` and ``b`` to ``path`` and return it.

    ``format="html"``: one self-contained HTML file, the chart as inline SVG, no scripts.
    ``format="md"``: Markdown; the chart is written beside it as ``<stem>-chart.png`` and
    linked as an image.
    """
    if format not in ("html", "md"):
        raise ValueError(f"format must be 'html' or 'md', not {format!r}")
    brief = build_brief(store, a, b, since=since)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if format == "html":
        path.write_text(render_html(brief), encoding="utf-8")
        return path
    chart_name = None
    if brief.chart_svg:
        chart_name = f"{path.stem}-chart.png"
        timeline_png(brief.series, brief.a, brief.b, path.parent / chart_name)
    path.write_text(render_markdown(brief, chart_name), encoding="utf-8")
    return path
