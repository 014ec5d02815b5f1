"""What the event tests share: the events of an invented text, through the whole pipeline or
through analysis and extraction alone, and the checks most rows make."""
from __future__ import annotations

from dyad.pipeline import process
from dyad.records import RawDocument


def pipeline_events(text: str):
    """The events ``dyad.pipeline.process`` gives for ``text`` as a plain-text document (cleaned,
    parsed, actors and events extracted)."""
    return process(RawDocument(source="test", kind="text", text=text)).events


def countries(codes) -> set[str]:
    return {c[:3] for c in codes}


def find(text: str, plover: str):
    """The first ``plover`` event of ``text`` through the pipeline; fails, listing what was found, if none."""
    events = pipeline_events(text)
    hits = [e for e in events if e.plover == plover]
    assert hits, f"no {plover} event in {[(e.plover, e.trigger, e.sources, e.targets) for e in events]}"
    return hits[0]


def check_row(events, plover: str, root: str, sources: set[str], targets: set[str], modality: str | None) -> None:
    """One table row: an event of this type and root with exactly these source and target
    countries, and this modality unless it is None."""
    hit = [e for e in events if e.plover == plover and e.root == root and countries(e.sources) == sources
           and countries(e.targets) == targets]
    assert hit, [(e.plover, e.cameo, e.sources, e.targets, e.modality) for e in events]
    if modality is not None:
        assert hit[0].modality == modality
