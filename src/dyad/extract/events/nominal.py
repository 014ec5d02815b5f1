"""Who a common noun phrase names, for ``extract.events``, when the words that say it are not its
modifiers: an apposition that names the actor ("Norland's ally, Kestria, ..." is Kestria, not
Norland), and the doer of a participle on the noun ("a council resolution drafted by Kestria" is
Kestria's, not the council's).

Written for Dyad: general rules of English noun phrases, not fitted to any one text.
"""
from __future__ import annotations

from collections.abc import Callable

from dyad.records import Mention

Resolver = Callable[[int], list[Mention]]


def named_by(ctx, h: int, resolve: Resolver) -> list[Mention]:
    """The actors that common noun ``h`` names through its apposition or the "by"-agent of a
    participle on it; [] when it has neither (its modifiers then speak)."""
    toks = ctx.toks
    if toks[h].pos != "NOUN":
        return []
    # "a resolution put forward by Kestria", "the plan drafted by Norland and Kestria"
    agents = [p for c in ctx.child(h, "acl") if toks[c].tag == "VBN" for a in ctx.child(c, "agent")
              for p in ctx.child(a, "pobj")]
    found = [m for p in agents for m in resolve(p)]
    if found:
        # "by Norland, Kestria and Sudria": the rest of the list may be parsed as appositions of the noun
        return found + [m for k in ctx.child(h, "appos") if k > agents[0] and ctx.mention_at[k] is not None
                        for m in resolve(k)]
    for k in ctx.kids[h]:
        m = ctx.mention_at[k]
        if toks[k].dep == "appos" and k > h and m is not None and ctx.actor[m.actor_key].code:
            found += resolve(k)  # "its neighbour, Kestria,": the apposition is who it is
    return found
