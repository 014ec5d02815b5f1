"""actor_network and top_dyads: edges count events (clusters of reports), not reports.
Fictional actors (VLD, NRL, KST)."""
from __future__ import annotations

import pytest

from dyad.analysis import cluster_events
from dyad.analysis.network import actor_network, top_dyads
from tests.analysis.test_clusters import row

ROWS = [
    # one meeting VLD->NRL reported three times (two articles): one event, +1 each
    row("a", "2024-04-10", intensity=1.0),
    row("b", "2024-04-11", intensity=1.0),
    row("b", None, seq=1, intensity=1.0),
    # NRL threatens VLD: conflict
    row("c", "2024-04-22", plover="THREATEN", cameo="138", sources=("NRLMIL",), targets=("VLDGOV",),
        intensity=-7.0),
    # a planned visit: not counted by default
    row("d", "2024-05-01", modality="planned", intensity=2.0),
    # two targets at once; and one self-loop that must not become an edge
    row("e", "2024-06-01", plover="AID", cameo="070", sources=("KST",), targets=("VLD", "NRL"),
        intensity=7.0),
    row("f", "2024-06-02", sources=("VLD",), targets=("VLDGOV",)),
    # no source: no edge
    row("g", "2024-06-03", sources=(), targets=("NRL",)),
]
ROWS[3]["quad_class"] = 4


def edge(net, source, target):
    return next(e for e in net["edges"] if (e["source"], e["target"]) == (source, target))


def test_edges_count_events_not_reports():
    net = actor_network(ROWS)
    vn = edge(net, "VLD", "NRL")
    assert (vn["n_events"], vn["n_reports"], vn["net_intensity"]) == (1, 3, 1.0)
    nv = edge(net, "NRL", "VLD")
    assert (nv["n_events"], nv["net_intensity"], nv["n_quad4"]) == (1, -7.0, 1)
    assert {(e["source"], e["target"]) for e in net["edges"]} == {
        ("VLD", "NRL"), ("NRL", "VLD"), ("KST", "VLD"), ("KST", "NRL")}
    assert net["n_events"] == 3  # meeting, threat, aid (self-loop and sourceless left out)


def test_nodes_sum_their_edges():
    net = actor_network(ROWS)
    nodes = {n["id"]: n for n in net["nodes"]}
    assert set(nodes) == {"VLD", "NRL", "KST"}
    assert (nodes["VLD"]["out_events"], nodes["VLD"]["in_events"]) == (1, 2)
    assert nodes["KST"]["n_events"] == 1  # one event, two edges
    assert nodes["KST"]["net_intensity_out"] == 14.0


@pytest.mark.parametrize("kwargs, expected", [
    ({"modality": None}, {("VLD", "NRL"): 2}),          # the planned visit counts too
    ({"modality": "planned"}, {("VLD", "NRL"): 1}),
    ({"level": "code"}, {("VLDGOV", "NRL"): 1, ("NRLMIL", "VLDGOV"): 1}),
    ({"min_events": 2, "modality": None}, {("VLD", "NRL"): 2}),
])
def test_options(kwargs, expected):
    net = actor_network(ROWS, **kwargs)
    got = {(e["source"], e["target"]): e["n_events"] for e in net["edges"]}
    for pair, n in expected.items():
        assert got[pair] == n
    if kwargs.get("modality") == "planned" or "min_events" in kwargs:
        assert set(got) == set(expected)


def test_clusters_and_rows_give_the_same_network():
    assert actor_network(cluster_events(ROWS)) == actor_network(ROWS)
    assert actor_network([]) == {"nodes": [], "edges": [], "n_events": 0}
    with pytest.raises(ValueError):
        actor_network(ROWS, level="galaxy")


def test_names_label_nodes():
    net = actor_network(ROWS, names={"VLD": "Vladia"})
    assert {n["id"]: n["name"] for n in net["nodes"]}["VLD"] == "Vladia"


def test_top_dyads_join_both_directions():
    pairs = top_dyads(ROWS)
    first = pairs[0]
    assert (first["a"], first["b"], first["n_events"], first["a_to_b"], first["b_to_a"]) == (
        "NRL", "VLD", 2, 1, 1)
    assert first["net_intensity"] == -6.0
    assert top_dyads(ROWS, limit=1) == [first]
