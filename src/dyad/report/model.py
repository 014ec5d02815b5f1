"""The brief's data model: sections of cited claims and the references they number.

Built by ``dyad.report.brief``, rendered by ``dyad.report.render``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

Cite = tuple[str, int]  # (article id, sentence index)


@dataclass
class Claim:
    text: str
    cites: tuple[Cite, ...]


@dataclass
class Section:
    title: str
    claims: list[Claim] = field(default_factory=list)
    as_list: bool = False


@dataclass
class Reference:
    n: int
    article_id: str
    sentence_index: int
    sentence: str
    title: str | None
    url: str | None
    outlet: str | None
    date: str | None


@dataclass
class Brief:
    a: str
    b: str
    title: str
    since: str | None
    sections: list[Section]
    references: list[Reference]
    numbers: dict[Cite, int]
    chart_svg: str | None = None
    chart_caption: Claim | None = None
    series: list[dict] = field(default_factory=list)  # the dyad series the chart draws
