"""Article text with its evidence highlighted, built from escaped segments.

The cleaned text is cut at every annotation boundary; each piece is HTML-escaped on its
own and, when annotations cover it, wrapped in a link to the record of the innermost one.
Nothing from the text or from an extracted string ever reaches the page unescaped: the only
markup is the fixed tags and attribute values written here, and those are escaped too.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Annotation:
    start: int
    end: int
    kind: str  # "event" | "arg" | "quote" | "mention" | "match"
    group: str  # the record's anchor id: "ev-3", "q-1", "m-12"
    anchor: str | None = None  # the id placed where the annotation starts
    title: str = ""


def article_annotations(article: dict[str, Any]) -> list[Annotation]:
    """Events (trigger and actor spans), quotes and actor mentions of a stored article."""
    anns: list[Annotation] = []
    for seq, e in enumerate(article.get("events", ())):
        group = f"ev-{seq}"
        label = f"event {seq}: {e.get('plover')} ({e.get('modality')}) “{e.get('trigger')}”"
        anns.append(Annotation(e["start"], e["end"], "event", group, group, label))
        for i, (s, t) in enumerate(list(e.get("source_spans", ())) + list(e.get("target_spans", ()))):
            anns.append(Annotation(s, t, "arg", group, None, label + " – actor"))
    for seq, q in enumerate(article.get("quotes", ())):
        group = f"q-{seq}"
        who = q.get("speaker_text") or "unknown speaker"
        anns.append(Annotation(q["start"], q["end"], "quote", group, group,
                               f"quote {seq} ({q.get('kind')}) by {who}"))
        if q.get("speaker_start") is not None and q.get("speaker_end") is not None:
            anns.append(Annotation(q["speaker_start"], q["speaker_end"], "speaker", group, None,
                                   f"speaker of quote {seq}"))
    for i, m in enumerate(article.get("mentions", ())):
        group = f"m-{i}"
        anns.append(Annotation(m["start"], m["end"], "mention", group, group,
                               f"mention of {m.get('actor_key')} ({m.get('kind')})"))
    return anns


def highlight(text: str, annotations: list[Annotation]) -> Markup:
    """``text`` as escaped HTML with ``annotations`` marked (see the module docstring)."""
    n = len(text)
    anns = [a for a in annotations if 0 <= a.start < a.end <= n]
    cuts = sorted({0, n, *(a.start for a in anns), *(a.end for a in anns)})
    starts: dict[int, list[Annotation]] = {}
    for a in anns:
        starts.setdefault(a.start, []).append(a)
    out: list[str] = []
    for p, q in zip(cuts, cuts[1:]):
        piece = escape(text[p:q])
        for a in starts.get(p, ()):
            if a.anchor:
                out.append(f'<span class="anchor" id="{escape(a.anchor)}"></span>')
        covering = [a for a in anns if a.start <= p and q <= a.end]
        if not covering:
            out.append(str(piece))
            continue
        inner = min(covering, key=lambda a: (a.end - a.start, a.kind != "event", a.group))
        kinds = " ".join(sorted({f"hl-{a.kind}" for a in covering}))
        groups = " ".join(dict.fromkeys(a.group for a in covering))
        out.append(
            f'<a class="hl {escape(kinds)}" href="#rec-{escape(inner.group)}" '
            f'data-ann="{escape(groups)}" title="{escape(inner.title)}">{piece}</a>'
        )
    return Markup("".join(out))


def mark_terms(text: str, terms: list[str]) -> Markup:
    """``text`` escaped, with case-insensitive occurrences of ``terms`` in ``<mark>``."""
    folded = text.lower()
    if len(folded) != len(text):  # lowering changed offsets: mark nothing rather than wrong
        return Markup(escape(text))
    anns = []
    for term in terms:
        t = term.lower()
        if not t or len(t) != len(term):
            continue
        i = folded.find(t)
        while i >= 0:
            anns.append((i, i + len(t)))
            i = folded.find(t, i + len(t))
    out, pos = [], 0
    for s, e in sorted(anns):
        if s < pos:
            continue
        out.append(str(escape(text[pos:s])))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))
