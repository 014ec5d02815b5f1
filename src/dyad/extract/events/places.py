"""Places in event sentences: the country of a place named at a token, and the one country a
sentence sets its act in. The only module of ``extract.events`` that reads the actors'
gazetteer (``pyproject.toml`` allows exactly this import across the extraction packages).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from dyad.codes import split_code
from dyad.extract.actors import gazetteer as codes
from dyad.extract.events.arguments import REPORT_VERBS, WORDS

if TYPE_CHECKING:
    from dyad.extract.events.arguments import Context


SCENE_PREPS = WORDS["scene_preps"]


def scene_country(ctx: Context, sentence: int) -> tuple[str, tuple[int, int]] | None:
    """The one country where the sentence places its act ("near the town of Samarra", "in eastern
    Beirut", "outside of the Iraqi city of Basra"), with the place's span; None when it names none
    or several."""
    toks = ctx.toks
    found: dict[str, tuple[int, int]] = {}
    for t in toks:
        if t.sentence != sentence or t.dep != "pobj" or toks[t.head].text.lower() not in SCENE_PREPS:
            continue
        if _in_reporter(ctx, t.i):
            continue  # "..., diplomats in Nairobi said": where the news comes from, not the scene
        got = place_at(ctx, t.i)
        if got is not None:
            found.setdefault(got[0], got[1])
    return next(iter(found.items())) if len(found) == 1 else None


def _in_reporter(ctx: Context, k: int) -> bool:
    """Whether token ``k`` lies in the subject of a reporting verb ("sources in Nairobi said")."""
    toks = ctx.toks
    for _ in range(6):
        h = toks[k].head
        if h == k:
            return False
        if toks[k].dep == "nsubj" and toks[h].lemma.lower() in REPORT_VERBS:
            return True
        k = h
    return False


def place_at(ctx: Context, p: int) -> tuple[str, tuple[int, int]] | None:
    """The country of the place named at token ``p`` ("West Darfur State", "the town of Samarra",
    "Algiers"), with the name's span; None for anything else."""
    toks = ctx.toks
    if toks[p].pos != "PROPN":
        named = [q for k in ctx.child(p, "prep") if toks[k].text.lower() == "of" for q in ctx.child(k, "pobj")]
        named += [q for q in ctx.child(p, "appos")]  # "the capital Bamako"
        return place_at(ctx, named[0]) if named and toks[named[0]].pos == "PROPN" else None
    first = min([p, *[k for k in ctx.child(p, "compound") if toks[k].pos == "PROPN"]])
    texts = [ctx.article.text[toks[a].start:toks[b].end] for a in range(first, p + 1) for b in range(p, a - 1, -1)]
    hit = next((h for h in map(codes.lookup, texts) if h is not None), None)
    if hit is None or not hit.code or hit.kind == "demonym":
        return None
    if hit.kind == "geo" and toks[p].ent_type not in ("GPE", "LOC", "FAC"):
        return None  # a world place spaCy does not see as one ("Charlotte" the person)
    country, _ = split_code(hit.code)
    return (country, (toks[first].start, toks[p].end)) if country else None
