"""cluster_events: reports of one real-world event become one event. Fictional actors."""
from __future__ import annotations

import random

import pytest

from dyad.analysis import cluster_events
from dyad.store import open_store
from tests.store.test_events_store import fill


def row(art: str, date: str | None, precision: str = "day", *, seq: int = 0,
        plover: str = "CONSULT", cameo: str = "040", modality: str = "asserted",
        sources=("VLDGOV",), targets=("NRL",), article_date: str | None = "2024-04-20",
        outlet: str | None = None, sentence_index: int | None = None, intensity: float = 1.0):
    return {
        "article_id": art, "seq": seq, "sentence_index": seq if sentence_index is None else sentence_index,
        "start": 10 * seq, "end": 10 * seq + 4, "trigger": "met", "plover": plover, "cameo": cameo,
        "root": cameo[:2], "quad_class": 1, "intensity": intensity, "modality": modality,
        "sources": list(sources), "targets": list(targets), "source_keys": [], "target_keys": [],
        "source_spans": [], "target_spans": [], "mode": None, "context": [],
        "date": date, "date_precision": precision if date else "unknown",
        "article_date": article_date, "url": f"https://news.example/{art}", "title": art,
        "outlet": outlet or f"outlet-{art}", "sentence": "…", "extractor": "events.test.v1",
    }


def groups(rows) -> list[list[tuple[str, int]]]:
    """Each cluster as its sorted (article, seq) reports, clusters sorted."""
    return sorted(
        sorted((r["article_id"], r["seq"]) for r in c["reports"]) for c in cluster_events(rows)
    )


CASES = [
    ("days within the window", [row("a", "2024-04-10"), row("b", "2024-04-13")],
     [[("a", 0), ("b", 0)]]),
    ("days beyond the window", [row("a", "2024-04-10"), row("b", "2024-04-14")],
     [[("a", 0)], [("b", 0)]]),
    ("the window runs from the earliest day, no chaining",
     [row("a", "2024-04-10"), row("b", "2024-04-13"), row("c", "2024-04-16")],
     [[("a", 0), ("b", 0)], [("c", 0)]]),
    ("a month contains the day", [row("a", "2024-04-20"), row("b", "2024-04", "month")],
     [[("a", 0), ("b", 0)]]),
    ("another month", [row("a", "2024-04-30"), row("b", "2024-05", "month")],
     [[("a", 0)], [("b", 0)]]),
    ("a year contains the month", [row("a", "2024-04", "month"), row("b", "2024", "year")],
     [[("a", 0), ("b", 0)]]),
    ("two months alike", [row("a", "2024-04", "month"), row("b", "2024-04", "month")],
     [[("a", 0), ("b", 0)]]),
    ("undated joins its own article", [row("a", "2024-04-10"), row("a", None, seq=1)],
     [[("a", 0), ("a", 1)]]),
    ("undated never joins another article", [row("a", "2024-04-10"), row("b", None)],
     [[("a", 0)], [("b", 0)]]),
    ("two undated in two articles", [row("a", None), row("b", None)], [[("a", 0)], [("b", 0)]]),
    ("two undated in one article", [row("a", None), row("a", None, seq=1)], [[("a", 0), ("a", 1)]]),
    ("modality is part of the event",
     [row("a", "2024-04-10"), row("b", "2024-04-10", modality="planned")],
     [[("a", 0)], [("b", 0)]]),
    ("type is part of the event",
     [row("a", "2024-04-10"), row("b", "2024-04-10", plover="ACCUSE", cameo="112")],
     [[("a", 0)], [("b", 0)]]),
    ("direction is part of the event",
     [row("a", "2024-04-10"), row("b", "2024-04-10", sources=("NRL",), targets=("VLD",))],
     [[("a", 0)], [("b", 0)]]),
    ("country parts, not full codes",
     [row("a", "2024-04-10", sources=("VLDGOV",)), row("b", "2024-04-11", sources=("VLD",)),
      row("c", "2024-04-11", sources=("VLD", "KST"))],
     [[("a", 0), ("b", 0)], [("c", 0)]]),
    ("CAMEO root when there is no PLOVER type",
     [row("a", "2024-04-10", plover="", cameo="042"), row("b", "2024-04-10", plover="", cameo="040"),
      row("c", "2024-04-10", plover="", cameo="112")],
     [[("a", 0), ("b", 0)], [("c", 0)]]),
]


@pytest.mark.parametrize("name, rows, expected", CASES, ids=[c[0] for c in CASES])
def test_cluster_rules(name, rows, expected):
    assert groups(rows) == expected


def test_order_of_rows_does_not_matter():
    rows = [row("a", "2024-04-10"), row("b", "2024-04-12", article_date="2024-04-13"),
            row("a", None, seq=1), row("c", "2024-04", "month"), row("d", "2024-04-18"),
            row("e", None), row("b", "2024-04-11", seq=2, article_date="2024-04-13")]
    want = cluster_events(rows)
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster_events(shuffled) == want


def test_cluster_fields_and_stable_id():
    rows = [
        row("a", "2024-04-11", article_date="2024-04-12", outlet="Herald", intensity=2.0),
        row("a", "2024-04", "month", seq=1, article_date="2024-04-12", outlet="Herald"),
        row("b", "2024-04-10", cameo="042", sources=("VLD",), article_date="2024-04-14",
            outlet="Post", intensity=3.0),
        row("c", "2024-04-12", article_date="2024-04-15", outlet="Herald"),
    ]
    [event] = cluster_events(rows)
    assert event["type"] == "CONSULT" and event["root"] == "04" and event["cameo"] == "040"
    assert event["sources"] == ["VLD"] and event["targets"] == ["NRL"]
    assert event["source_codes"] == ["VLDGOV", "VLD"]
    assert event["modality"] == "asserted"
    # The earliest date among the reports with the best precision (day).
    assert (event["date"], event["date_precision"]) == ("2024-04-10", "day")
    assert event["first_reported"] == "2024-04-12"
    assert (event["n_reports"], event["n_articles"], event["n_outlets"]) == (4, 3, 2)
    assert event["intensity"] == pytest.approx((2 + 1 + 3 + 1) / 4)
    assert event["article_ids"] == ["a", "b", "c"]
    first = event["reports"][0]
    assert {k: first[k] for k in ("article_id", "sentence_index", "start", "end", "url", "title", "outlet")} == {
        "article_id": "a", "sentence_index": 0, "start": 0, "end": 4,
        "url": "https://news.example/a", "title": "a", "outlet": "Herald",
    }
    # A later report does not change the id; it is the earliest report's.
    later = rows + [row("z", "2024-04-13", article_date="2024-04-30")]
    [again] = cluster_events(later)
    assert again["id"] == event["id"] and again["n_articles"] == 4
    assert len(event["id"]) == 16


def test_events_are_ordered_by_date_undated_last():
    rows = [row("a", None), row("b", "2024-05-01"), row("c", "2024-04-01"),
            row("d", "2024", "year", plover="ACCUSE", cameo="112")]
    assert [c["article_ids"] for c in cluster_events(rows)] == [["d"], ["c"], ["b"], ["a"]]


def test_a_coarse_report_joins_the_earliest_compatible_event():
    rows = [row("b", "2024-04-20"), row("c", "2024-04-01"), row("d", "2024-04", "month")]
    assert groups(rows) == [[("b", 0)], [("c", 0), ("d", 0)]]
    # ... unless its own article already reports one of them.
    rows = [row("b", "2024-04-20"), row("c", "2024-04-01"), row("b", "2024-04", "month", seq=1)]
    assert groups(rows) == [[("b", 0), ("b", 1)], [("c", 0)]]


def test_window_can_be_widened():
    rows = [row("a", "2024-04-10"), row("b", "2024-04-15")]
    assert len(cluster_events(rows)) == 2
    assert len(cluster_events(rows, window_days=7)) == 1


def test_clusters_over_the_store(sqlite_url):
    with open_store(sqlite_url) as store:
        fill(store)
        rows = store.list_events()
    events = cluster_events(rows)
    assert len(rows) == 9 and len(events) == 6
    meeting = next(e for e in events if e["type"] == "CONSULT" and e["date"] == "2024-04-15")
    assert (meeting["n_reports"], meeting["n_articles"], meeting["n_outlets"]) == (4, 3, 2)
    assert meeting["cameo"] == "040" and meeting["context"] == ["diplomatic"]
    assert [(r["article_id"], r["trigger"]) for r in meeting["reports"]] == [
        ("art-a1", "met"), ("art-a1", "talked"), ("art-b2", "held talks"), ("art-c3", "meeting"),
    ]
    # The second meeting, four days after the first, is another event.
    assert any(e["type"] == "CONSULT" and e["date"] == "2024-04-19" and e["n_reports"] == 1
               for e in events)
