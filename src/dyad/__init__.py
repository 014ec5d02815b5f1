"""Dyad: cited event, actor and quote records from news about international relations."""
__version__ = "0.1.0"
