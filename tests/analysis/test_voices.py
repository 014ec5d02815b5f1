"""Voices, stances and outlets of a dyad. Fictional actors (VLD, NRL)."""
from __future__ import annotations

from dyad.analysis.voices import (
    UNKNOWN_OUTLET,
    dyad_stances,
    dyad_voices,
    holder_country,
    outlet_breakdown,
    speaker_id,
    speakers,
)
from tests.analysis.test_clusters import row


def quote(art, speaker_key, code, text, kind="direct", start=0, mentioned=(), outlet="Wire"):
    return {"article_id": art, "seq": start, "sentence_index": 0, "start": start, "end": start + len(text),
            "text": text, "kind": kind, "speaker_key": speaker_key, "speaker_code": code,
            "speaker_text": (speaker_key or "officials").split(":")[-1], "speaker_role": None,
            "speaker_name": speaker_key.split(":")[-1].title() if speaker_key else None,
            "mentioned": list(mentioned), "outlet": outlet, "date": "2024-04-01", "title": art}


def stance(art, holder, target, score, outlet="Wire"):
    return {"article_id": art, "seq": 0, "holder_key": holder, "holder_name": holder, "target": target,
            "polarity": "positive" if score > 0 else "negative", "score": score, "outlet": outlet,
            "evidence": [], "quote_starts": []}


QUOTES = [
    quote("a", "person:ana", "VLDGOV", "We will sign.", mentioned=("NRL",)),
    quote("a", "person:ana", "VLDGOV", "that talks went well", kind="indirect", start=40),
    quote("b", "person:ana", "VLDGOV", "No comment.", start=80),
    quote("b", "person:oleg", "NRLMIL", "They crossed the line.", mentioned=("VLDGOV",)),
    quote("c", None, None, "the deal is close", kind="indirect"),
]
CODES = {"person:ana": "VLDGOV", "person:oleg": "NRLMIL"}
STANCES = [
    stance("a", "person:ana", "NRL", 2.0),
    stance("b", "person:ana", "NRLGOV", -1.0),
    stance("b", "person:oleg", "VLD", -3.0, outlet=None),
    stance("b", "person:oleg", "KST", 1.0),
]


def test_speakers_rank_and_group():
    out = speakers(QUOTES, STANCES, codes=CODES)
    assert [s["id"] for s in out] == ["person:ana", "person:oleg", "text:officials"]
    ana = out[0]
    assert (ana["n_statements"], ana["n_articles"], ana["country"]) == (3, 2, "VLD")
    assert ana["quotes"][0]["kind"] == "direct" and ana["quotes"][-1]["kind"] == "indirect"
    assert ana["stances"] == [{"target": "NRL", "n": 2, "score": 0.5, "polarity": "positive",
                               "stances": STANCES[:2]}]
    assert speaker_id(QUOTES[-1]) == "text:officials"


def test_dyad_voices_split_by_side():
    sides = dyad_voices(QUOTES, STANCES, "VLD", "NRL", codes=CODES)
    assert [s["key"] for s in sides["VLD"]] == ["person:ana"]
    assert [s["key"] for s in sides["NRL"]] == ["person:oleg"]


def test_dyad_stances_keep_only_side_to_side():
    got = dyad_stances(STANCES, "VLD", "NRL", codes=CODES)
    assert [(s["holder_key"], s["direction"]) for s in got] == [
        ("person:ana", "VLD->NRL"), ("person:ana", "VLD->NRL"), ("person:oleg", "NRL->VLD")]
    assert holder_country("author:someone") is None
    assert holder_country("NRLGOV") == "NRL"


def test_outlet_breakdown_counts_events_per_outlet():
    rows = [
        row("a", "2024-04-10", sources=("VLD",), targets=("NRL",), outlet="Wire", intensity=2.0),
        row("b", "2024-04-11", sources=("VLD",), targets=("NRL",), outlet="Wire", intensity=2.0),
        row("c", "2024-04-11", sources=("VLD",), targets=("NRL",), outlet="Daily", intensity=2.0),
        row("d", "2024-04-20", sources=("NRL",), targets=("VLD",), outlet="Daily", intensity=-5.0),
        row("e", "2024-04-20", sources=("NRL",), targets=("VLD",), outlet="Daily", modality="planned"),
    ]
    rows[3]["quad_class"] = 4
    out = {o["outlet"]: o for o in outlet_breakdown(rows, STANCES, "VLD", "NRL")}
    wire, daily = out["Wire"], out["Daily"]
    assert (wire["n_events"], wire["n_reports"], wire["n_articles"]) == (1, 2, 2)
    assert wire["directions"]["VLD->NRL"] == {"n_events": 1, "net_intensity": 2.0, "mean_intensity": 2.0}
    assert (daily["n_events"], daily["n_cooperation"], daily["n_conflict"]) == (2, 1, 1)
    assert daily["directions"]["NRL->VLD"]["net_intensity"] == -5.0
    assert wire["stance"] == {"VLD": None, "NRL": {"n": 2, "score": 0.5}}
    assert out[UNKNOWN_OUTLET]["stance"]["VLD"] == {"n": 1, "score": -3.0}
    assert list(out)[0] == "Daily"  # most events first
