"""SQL expressions that apply Dyad's rules inside the database, the same on both backends.

SQLite runs Python's own functions (registered on every connection by ``engine.py``);
PostgreSQL gets the equivalent expressions, written here.
"""
from __future__ import annotations

import sqlalchemy as sa

from dyad.codes import CAMEO_SECTORS

_SECTORS = "|".join(sorted(CAMEO_SECTORS))


def fold(conn: sa.Connection, expr: sa.ColumnElement) -> sa.ColumnElement:
    """``expr`` case-folded (``str.casefold`` on SQLite, ``lower`` on PostgreSQL)."""
    if conn.dialect.name == "sqlite":
        return sa.func.dyad_fold(expr)
    return sa.func.lower(expr)


def country_of(conn: sa.Connection, expr: sa.ColumnElement) -> sa.ColumnElement:
    """``codes.country_of`` of ``expr``: the first three letters of a country code followed by
    CAMEO sectors, else the whole code, upper-cased."""
    if conn.dialect.name == "sqlite":
        return sa.func.dyad_country_of(expr)
    code = sa.func.upper(sa.func.btrim(expr))
    return sa.case(
        (code.regexp_match(f"^[A-Z]{{3}}({_SECTORS})*$"), sa.func.substr(code, 1, 3)),
        else_=code,
    )
