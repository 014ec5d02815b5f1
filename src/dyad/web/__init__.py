"""The web app: JSON API and HTML pages over the store (see ``app.create_app``)."""
from __future__ import annotations

__all__ = ["create_app", "serve"]


def __getattr__(name: str):
    if name in __all__:
        from dyad.web import app

        return getattr(app, name)
    raise AttributeError(f"module 'dyad.web' has no attribute {name!r}")
