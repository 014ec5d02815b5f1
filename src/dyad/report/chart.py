"""A static SVG timeline of a dyad (the brief's figure): net intensity per period, one
line per direction. Every string placed in the SVG is XML-escaped."""
from __future__ import annotations

from html import escape
from typing import Any

COLOURS = ("#2457a6", "#c46a12")


def timeline_svg(series: list[dict[str, Any]], a: str, b: str, *, width: int = 760,
                 height: int = 260) -> str:
    """An ``<svg>`` element (no XML declaration) for the rows of ``dyad_series``."""
    periods = list(dict.fromkeys(c["period"] for c in series))
    cells = {(c["period"], c["source"]): c for c in series}
    left, right, top, bottom = 56, 16, 30, 40
    values = [c["intensity_sum"] for c in series] or [0.0]
    lo, hi = min(0.0, *values), max(0.0, *values)
    if hi == lo:
        hi = lo + 1.0
    pad = (hi - lo) * 0.08
    hi, lo = hi + pad, lo - (pad if lo < 0 else 0)

    def x(i: int) -> float:
        if len(periods) < 2:
            return (left + width - right) / 2
        return left + i * (width - left - right) / (len(periods) - 1)

    def y(v: float) -> float:
        return top + (hi - v) / (hi - lo) * (height - top - bottom)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-family="sans-serif" font-size="11">',
        f"<title>{escape(a)} and {escape(b)}: net intensity of events per period</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fff"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#999"/>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#999"/>',
    ]
    for k in range(5):
        v = lo + (hi - lo) * k / 4
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" fill="#555">{v:+.1f}</text>')
    if lo < 0 < hi:
        out.append(f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" '
                   'stroke="#777" stroke-dasharray="3 3"/>')
    every = max(1, -(-len(periods) // 10))
    for i, period in enumerate(periods):
        if i % every == 0 or i == len(periods) - 1:
            anchor = "start" if i == 0 and len(periods) > 1 else "end" if i == len(periods) - 1 and len(periods) > 1 else "middle"
            out.append(f'<text x="{x(i):.1f}" y="{height - bottom + 16}" text-anchor="{anchor}" '
                       f'fill="#555">{escape(period)}</text>')
    for (source, target), colour in zip(((a, b), (b, a)), COLOURS):
        points = []
        for i, period in enumerate(periods):
            cell = cells.get((period, source))
            points.append((x(i), y(cell["intensity_sum"] if cell else 0.0), cell))
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                   + " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points) + '"/>')
        for px, py, cell in points:
            n = cell["n_events"] if cell else 0
            label = f"{cell['period']} {source}→{target}: {n} events" if cell else ""
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{4 if n else 2}" fill="{colour}">'
                       f"<title>{escape(label)}</title></circle>")
    for i, ((source, target), colour) in enumerate(zip(((a, b), (b, a)), COLOURS)):
        lx = width - right - 240 + i * 120
        out.append(f'<line x1="{lx}" y1="14" x2="{lx + 20}" y2="14" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{lx + 25}" y="18" fill="#222">{escape(source)} → {escape(target)}</text>')
    out.append('<text x="8" y="18" fill="#555">net intensity (cooperation − conflict)</text>')
    out.append("</svg>")
    return "\n".join(out)


def timeline_png(series: list[dict[str, Any]], a: str, b: str, path) -> None:
    """The same timeline as :func:`timeline_svg`, drawn with matplotlib into a PNG file
    (for the Markdown brief, whose readers may not show SVG)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    periods = list(dict.fromkeys(c["period"] for c in series))
    cells = {(c["period"], c["source"]): c for c in series}
    fig, ax = plt.subplots(figsize=(7.6, 2.6), dpi=100)
    try:
        for (source, target), colour in zip(((a, b), (b, a)), COLOURS):
            values = [cells[(p, source)]["intensity_sum"] if (p, source) in cells else 0.0 for p in periods]
            ax.plot(range(len(periods)), values, marker="o", color=colour, label=f"{source} → {target}")
        ax.axhline(0, color="#777", linewidth=0.8, linestyle="--")
        every = max(1, -(-len(periods) // 10))
        ticks = [i for i in range(len(periods)) if i % every == 0 or i == len(periods) - 1]
        ax.set_xticks(ticks, [periods[i] for i in ticks])
        ax.set_ylabel("net intensity")
        ax.legend(loc="upper left", fontsize=8, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
