"""A person described by their stance: "Kremlin critic X", "oligarch and Sudria foe X",
"X, a fierce critic of Sudria", "X, a longtime Sudria ally". Table: ``data/roles.tsv``.

Two shapes, read from the words as well as the parse (which often takes "foe" for a verb):
a role noun right after a mention of the side and right before the person's name; or a role
noun in apposition to the person, whose own modifiers ("Sudria ally", "critic of Sudria")
name the side. The described person holds the stance; the report tells it.
"""
from __future__ import annotations

from pathlib import Path

from dyad.extract import lexicon

ROLES = {row[0].strip().lower(): float(row[1]) for row in lexicon.tsv(Path(__file__).resolve().parent / "data" / "roles.tsv")}
NAME_REACH = 4  # tokens of a name after the role noun


def role_credits(tree, by_head: dict[int, tuple[str, str]], inside_quote) -> list[tuple[str, str, float, int]]:
    """(holder key, target side, value, role noun token) for each role noun that describes a
    person; ``by_head`` maps mention heads to (key, side); words inside quotes are skipped."""
    toks, out = tree.toks, []
    for t in toks:
        value = ROLES.get(t.lemma.lower(), ROLES.get(t.text.lower()))
        if value is None or inside_quote(t.i):
            continue
        pairs = []
        person = _name_after(toks, t.i, by_head)
        if person is not None and t.i > 0 and (t.i - 1) in by_head:
            pairs.append((person, t.i - 1))  # "Sudria foe Ivo Rask"
        described = _described(tree, t.i, by_head)
        if described is not None:
            pairs += [(described, j) for j in sorted(tree.within(t.i)) if j in by_head and j != described]
        for p, j in pairs:
            (hkey, _), (tkey, tside) = by_head[p], by_head[j]
            if tkey != hkey:
                out.append((hkey, tside, value, t.i))
    return out


def _name_after(toks, i: int, by_head) -> int | None:
    """The person mention whose name follows the role noun at i directly."""
    for j in range(i + 1, min(len(toks), i + 1 + NAME_REACH)):
        if toks[j].pos != "PROPN" or toks[j].sentence != toks[i].sentence:
            return None
        if j in by_head and by_head[j][0].startswith("person:"):
            return j
    return None


def _described(tree, i: int, by_head) -> int | None:
    """The person the role noun at i stands in apposition to ("X, a critic of Y")."""
    toks = tree.toks
    t = toks[i]
    if t.dep == "appos" and t.head in by_head and by_head[t.head][0].startswith("person:"):
        return t.head
    for c in tree.children[i]:
        if toks[c].dep == "appos" and c in by_head and by_head[c][0].startswith("person:"):
            return c
    return None
