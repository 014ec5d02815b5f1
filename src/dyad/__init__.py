"""Dyad: cited event, actor and quote records from news about international relations.

The public library API::

    from dyad import process, ingest, open_store, RawDocument

    result = process(RawDocument(source="note.txt", kind="text", text="..."))
    summary = ingest(["articles/"], db="sqlite:///dyad.db")
    with open_store("sqlite:///dyad.db") as store:
        store.list_actors(type="person")

Heavy modules (spaCy) load on first use, not on ``import dyad``.
"""
from __future__ import annotations

from importlib import import_module

from dyad.records import (
    Actor,
    Analysis,
    Article,
    ArticleResult,
    Entity,
    IngestProblem,
    Mention,
    RawDocument,
    Sentence,
    Token,
)

__version__ = "0.1.0"

_LAZY = {
    "process": ("dyad.pipeline", "process"),
    "ingest": ("dyad.batch", "ingest"),
    "iter_documents": ("dyad.ingest", "iter_documents"),
    "open_store": ("dyad.store", "open_store"),
    "clean": ("dyad.clean", "clean"),
    "analyze": ("dyad.nlp", "analyze"),
    "export_events": ("dyad.export", "export_events"),
    "cluster_events": ("dyad.analysis", "cluster_events"),
}

__all__ = [
    "Actor", "Analysis", "Article", "ArticleResult", "Entity", "IngestProblem", "Mention",
    "RawDocument", "Sentence", "Token", "__version__", *_LAZY,
]


def __getattr__(name: str):
    if name in _LAZY:
        module, attr = _LAZY[name]
        return getattr(import_module(module), attr)
    raise AttributeError(f"module 'dyad' has no attribute {name!r}")
