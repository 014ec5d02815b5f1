"""Score event extraction on ``*.events.jsonl`` (sentence-level gold) and on the seeds' events.

Choices, documented:

- **Which predicted events count (``*.events.jsonl``).** Every extracted event, whatever its
  modality: the sentence sets code events as reported and do not annotate modality.
- **Types are scored as emitted.** An event matches only on its own CAMEO root or PLOVER type;
  the scorer maps nothing. Coding an announced act as intent ("agreed to", "will release" -> AGREE;
  "threatened to" -> THREATEN) is the extractor's work (``extract.events``).
- **Actor codes** (``code_matches``). Country-level: the country part of a code. Gold codes are
  CAMEO-style: non-ISO country codes are mapped (``JAP`` -> JPN, ``ITL`` -> ITA, ...); ``IGO``
  (and ``NGO``, ``IMG``, ``MNC``) name an organisation without saying which, so they match any
  predicted organisation code (one with no ISO country: ``UN``, ``NATO``, ``EU``, ...); a named
  organisation (``SCO``, ``ALQ``) matches the same code; a code whose country is unknown
  (``---REB``) matches on its sector. A gold side that is absent or null is not scored; an empty
  list matches only an empty prediction.
- **Matching.** Greedy, one-to-one, gold events in order, each taking the first unmatched
  predicted event that matches. A joint act and a directed one between the same parties match
  ("A and B met" and "A met B"): the sets code meetings and agreements both ways.
- **Pairs (seeds and dev articles).** Their gold writes one event per source-target pair, so a
  predicted event is split the same way: three sources and one target are three events; a joint
  act (several sources, no target: "Iran and Russia signed") is one event per pair of its sources,
  matched in either direction.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from dyad.codes import country_of, is_country, split_code
from dyad.records import Article, Event
from dyad.text import normalise

CAMEO_COUNTRY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "UK": "GBR", "GER": "DEU",
                 "SWZ": "CHE", "DRC": "COD", "SRP": "SRB", "YUG": "SRB", "PAL": "PSE", "KOS": "XKX"}
ORG_CLASSES = frozenset({"IGO", "NGO", "IMG", "MNC"})


def _is_org(code: str) -> bool:
    """A predicted code with no ISO country part: an organisation (UN, NATO, SCO, WHO)."""
    return bool(code) and split_code(code)[0] is None and not is_country(country_of(code))


def code_matches(gold: str, pred: str) -> bool:
    """Lenient, country-level match of one gold actor code with one predicted code:

    - a code that starts with a country (``IRNGOV``, ``ISR***``, CAMEO's ``UK``/``JAP``) matches
      any code of that country;
    - ``IGO``/``NGO``/``IMG``/``MNC`` (an organisation not named) match any organisation code;
    - a named organisation (``SCO``, ``ALQ``, ``WHO``, ``NATO``) matches the same code;
    - ``---REB``, ``---MIL`` (country unknown) match any code with that sector.
    """
    gold, pred = (gold or "").strip().upper(), (pred or "").strip().upper()
    if not gold or not pred:
        return False
    if gold.startswith("---"):
        sector = gold[3:6]
        return split_code(pred)[1] == sector or (len(pred) >= 6 and pred[3:6] == sector)
    head = gold[:3]
    if head in ORG_CLASSES:
        return _is_org(pred)
    if gold in CAMEO_COUNTRY:  # "UK"
        return country_of(pred) == CAMEO_COUNTRY[gold]
    country = CAMEO_COUNTRY.get(head, head)
    if is_country(country):  # "IRNGOV", "ISR***", "IRQCVLkur": the first three letters
        return country_of(pred) == country
    return _is_org(pred) and country_of(pred) == country_of(gold)


def _as_list(value) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _side_ok(gold: list[str] | None, pred: tuple[str, ...], strict: bool) -> bool:
    if gold is None:
        return True
    if not gold:
        return not pred
    if strict:
        return bool(set(gold) & set(pred))
    return any(code_matches(g, p) for g in gold for p in pred)


def _type_ok(gold: dict, ev: Event, strict: bool) -> bool:
    if "code" in gold and gold["code"]:
        return ev.cameo == gold["code"] if strict else ev.root == str(gold["code"])[:2]
    if "plover" in gold and gold["plover"]:
        return ev.plover == gold["plover"]
    return False


def _joint_ok(gs: list[str] | None, gt: list[str] | None, ev: Event, strict: bool) -> bool:
    """A joint act and a directed one between the same parties are the same event: gold "A and B
    met" (sources A, B; no target) matches "A met B", and gold "A met B" matches "A and B met"."""
    if gs is None or gt is None:
        return False
    if len(gs) >= 2 and not gt and ev.sources and ev.targets:
        parties = (*ev.sources, *ev.targets)
    elif len(ev.sources) >= 2 and not ev.targets and gs and gt:
        parties, gs = ev.sources, [*gs, *gt]
    else:
        return False
    return all(_side_ok(gs, (p,), strict) for p in parties) and all(_side_ok([g], parties, strict) for g in gs)


def match(gold_events: list[dict], predicted: list[Event], *, strict: bool) -> list[tuple[int, int]]:
    """Greedy one-to-one matches (gold index, predicted index)."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold_events):
        gs, gt = _as_list(g.get("source")), _as_list(g.get("target"))
        for pi, ev in enumerate(predicted):
            if pi in used:
                continue
            if _type_ok(g, ev, strict) and ((_side_ok(gs, ev.sources, strict) and _side_ok(gt, ev.targets, strict))
                                            or _joint_ok(gs, gt, ev, strict)):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float | None, float | None, float | None]:
    p = tp / n_pred if n_pred else None
    r = tp / n_gold if n_gold else None
    f = (2 * p * r / (p + r) if p and r else 0.0) if p is not None and r is not None else None
    return (None if p is None else round(p, 4), None if r is None else round(r, 4), None if f is None else round(f, 4))


def run_record(record: dict) -> tuple[Article, tuple[Event, ...]]:
    from dyad.extract.actors import extract_actors
    from dyad.extract.events import extract_events
    from dyad.nlp import analyze

    article = Article(id=str(record.get("id", "")), source=str(record.get("id", "")),
                      text=record["text"], date=record.get("date"))
    analysis = analyze(article.text)
    actors, mentions = extract_actors(article, analysis)
    return article, extract_events(article, analysis, actors, mentions)


def _type_of(gold: dict) -> str:
    return gold.get("plover") or str(gold.get("code", ""))[:2]


def score_events(path: str | Path, *, limit: int | None = None, detail: bool = False) -> dict:
    """Lenient and strict precision / recall / F1 of the event extractor on a ``*.events.jsonl``."""
    path = Path(path)
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if limit is not None:
        lines = lines[:limit]
    counts = Counter()
    per_type: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    records = []
    for line in lines:
        rec = json.loads(line)
        gold = rec.get("events") or []
        _, predicted = run_record(rec)
        pred = list(predicted)
        lenient = match(gold, pred, strict=False)
        strict = match(gold, pred, strict=True)
        counts["gold"] += len(gold)
        counts["pred"] += len(pred)
        counts["tp"] += len(lenient)
        counts["tp_strict"] += len(strict)
        matched_g = {g for g, _ in lenient}
        matched_p = {p for _, p in lenient}
        for gi, g in enumerate(gold):
            t = _type_of(g)
            per_type[t]["gold"] += 1
            if gi in matched_g:
                per_type[t]["tp"] += 1
        for pi, ev in enumerate(pred):
            per_type[ev.plover]["pred"] += 0 if pi in matched_p else 1
        for gi, pi in lenient:
            per_type[_type_of(gold[gi])]["pred"] += 1
        # confusion: gold type against the type of a predicted event with matching actors
        for gi, g in enumerate(gold):
            t = _type_of(g)
            if gi in matched_g:
                confusion[t][t] += 1
                continue
            gs, gt = _as_list(g.get("source")), _as_list(g.get("target"))
            other = next((ev for ev in pred if _side_ok(gs, ev.sources, False) and _side_ok(gt, ev.targets, False)), None)
            confusion[t][other.plover if other else "(none)"] += 1
        if detail:
            records.append({"id": rec.get("id"), "gold": gold, "matched": len(lenient),
                            "predicted": [[e.plover, e.cameo, list(e.sources), list(e.targets), e.trigger, e.modality]
                                          for e in pred]})
    lp, lr, lf = _prf(counts["tp"], counts["pred"], counts["gold"])
    sp, sr, sf = _prf(counts["tp_strict"], counts["pred"], counts["gold"])
    out = {
        "set": path.name,
        "n": len(lines),
        "scores": {"lenient_precision": lp, "lenient_recall": lr, "lenient_f1": lf,
                   "strict_precision": sp, "strict_recall": sr, "strict_f1": sf},
        "per_type": {t: dict(zip(("precision", "recall", "f1"), _prf(c["tp"], c["pred"], c["gold"])))
                     for t, c in sorted(per_type.items())},
        "confusion": {t: dict(c) for t, c in sorted(confusion.items())},
    }
    if detail:
        out["records"] = records
    return out


# --------------------------------------------------------------------------- seeds


@lru_cache(maxsize=8)  # one article's text, folded once for all its gold events
def _folded(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` normalised (``dyad.text.normalise``), lower-cased, hyphens and dashes as spaces,
    with the index in ``text`` of every character kept."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for c in normalise(ch).lower() if not ch.isspace() else " ":
            if c in "-\u2010\u2011\u2012\u2013\u2014":
                c = " "
            if c == " " and (not out or out[-1] == " "):
                continue
            out.append(c)
            where.append(i)
    return "".join(out), tuple(where)


def evidence_sentences(text: str, sentences, evidence: str) -> set[int]:
    """Indices of the pipeline's sentences that the evidence overlaps in ``text``, wherever it
    is written (empty when the evidence is not in the text)."""
    folded, where = _folded(text)
    needle = _folded(evidence)[0].strip()
    if not needle:
        return set()
    found: set[int] = set()
    k = folded.find(needle)
    while k >= 0:  # every place the evidence is written
        start, end = where[k], where[k + len(needle) - 1] + 1
        found |= {s.index for s in sentences if s.start < end and s.end > start}
        k = folded.find(needle, k + 1)
    return found


def _seed_type_ok(gold: dict, ev: Event) -> bool:
    root = gold.get("root") or (str(gold["code"])[:2] if gold.get("code") else None)
    return (root is not None and ev.root == root) or (bool(gold.get("plover")) and ev.plover == gold["plover"])


def _seed_actors_ok(gold: dict, ev: Event, joint: bool = False) -> bool:
    src, tgt = _as_list(gold.get("source")), _as_list(gold.get("target"))
    if _side_ok(src, ev.sources, False) and _side_ok(tgt, ev.targets, False):
        return True
    return joint and _side_ok(src, ev.targets, False) and _side_ok(tgt, ev.sources, False)


#: error causes, in the order ``--errors`` lists them
MISS_CAUSES = ("no event in its sentence", "wrong type (sense)", "wrong actors", "wrong modality",
               "evidence not found")
FALSE_CAUSES = ("no gold event in its sentence", "wrong type (sense)", "wrong actors", "wrong modality")


def _miss_cause(g: dict, events: tuple[Event, ...], sents: set[int], typed: bool) -> str:
    """Why a gold event found no match: the closest prediction in its sentence tells."""
    if typed:
        return "wrong modality"
    if not sents:
        return "evidence not found"
    here = [e for e in events if e.sentence_index in sents]
    if not here:
        return "no event in its sentence"
    if any(_seed_type_ok(g, e) for e in here):
        return "wrong actors"
    return "wrong type (sense)"


def _false_cause(e: Event, gold: list[dict], places: list[tuple[set[int], list[int]]], joint: bool = False) -> str:
    """Why a predicted event matched no gold event: what the gold says of its sentence."""
    there = [g for g, (sents, _) in zip(gold, places) if e.sentence_index in sents]
    if not there:
        return "no gold event in its sentence"
    typed = [g for g in there if _seed_type_ok(g, e)]
    if not typed:
        return "wrong type (sense)"
    if not any(_seed_actors_ok(g, e, joint) for g in typed):
        return "wrong actors"
    return "wrong modality"


def pairs(events) -> tuple[tuple[Event, ...], frozenset[int]]:
    """Each event split into one event per source-target pair (the gold's convention), and the
    indexes of the joint ones: an act of several sources and no target ("Iran and Russia signed
    an agreement") is one joint event per pair of its sources, matched in either direction."""
    out: list[Event] = []
    joint: set[int] = set()
    for e in events:
        if len(e.sources) >= 2 and not e.targets:
            for a, s in enumerate(e.sources):
                for t in e.sources[a + 1:]:
                    joint.add(len(out))
                    out.append(replace(e, sources=(s,), targets=(t,)))
        elif len(e.sources) <= 1 and len(e.targets) <= 1:
            out.append(e)
        else:
            out.extend(replace(e, sources=(s,), targets=(t,)) for s in e.sources for t in e.targets if s != t)
    return tuple(out), frozenset(joint)


def score_seed_events(gold_article: dict, article: Article, events, sentences=()) -> dict:
    """Counts for one seed article: gold events found (type, country-level actors, modality, in
    the sentence of their evidence), precision over predicted events with both sides coded,
    modality accuracy, and the non-asserted gold events stored as asserted.

    ``sentences`` are the pipeline's sentences of the article (``ArticleResult.sentences``); a gold
    event whose evidence is found in the text matches only events of the sentences it overlaps,
    one whose evidence is not found matches anywhere in the article. A non-asserted gold event
    counts as stored as asserted when an asserted prediction of its type and actors in its
    sentence is left unmatched by the asserted gold events there (a sentence can report a real
    cut in contacts and threatened sanctions side by side).

    Events are scored per source-target pair, as the gold is written: a predicted event of three
    sources and one target counts as three events (``pairs``)."""
    events, joint = pairs(events)
    gold = gold_article.get("events", [])
    used: set[int] = set()
    hits: set[int] = set()
    found = typed = modality_right = 0
    missed: list[str] = []
    causes: list[tuple[str, str]] = []  # (cause, description) of each gold event missed
    places: list[tuple[set[int], list[int]]] = []
    for g in gold:
        sents = evidence_sentences(article.text, sentences, g.get("evidence", ""))
        cands = [k for k, e in enumerate(events) if _seed_type_ok(g, e) and _seed_actors_ok(g, e, k in joint)]
        near = [k for k in cands if events[k].sentence_index in sents] if sents else cands
        places.append((sents, near))
        hit = next((k for k in near if k not in used and events[k].modality == g.get("modality", "asserted")), None)
        typed_hit = next((k for k in near if k not in used), None)
        if typed_hit is not None:
            typed += 1
        if hit is not None:
            used.add(hit)
            hits.add(hit)
            found += 1
            modality_right += 1
        else:
            if typed_hit is not None:
                used.add(typed_hit)
            desc = f"{g.get('source')}->{g.get('target')} {g.get('root') or g.get('code')} {g.get('modality')}: {g.get('evidence', '')[:60]!r}"
            missed.append(desc + ("" if typed_hit is None else f" (found as {events[typed_hit].modality})"))
            causes.append((_miss_cause(g, events, sents, typed_hit is not None), desc))
    stored_wrong = 0
    for g, (sents, near) in zip(gold, places):
        if g.get("modality", "asserted") != "asserted" and sents:
            if any(events[k].modality == "asserted" and k not in hits for k in near):
                stored_wrong += 1
    scored = [k for k, e in enumerate(events) if e.sources and e.targets]
    correct = sum(1 for k in scored if k in hits)
    wrong = [f"{events[k].plover} {events[k].cameo} {list(events[k].sources)}->{list(events[k].targets)} "
             f"{events[k].modality}: {events[k].trigger!r}" for k in scored if k not in hits]
    n_gold = len(gold)
    recall = found / n_gold if n_gold else None
    precision = correct / len(scored) if scored else None
    return {
        "gold": n_gold, "matched": found, "predicted": len(scored), "predicted_matched": correct,
        "typed_matches": typed, "modality_right": modality_right,
        "nonasserted_stored_as_asserted": stored_wrong,
        "recall": None if recall is None else round(recall, 4),
        "precision": None if precision is None else round(precision, 4),
        "f1": None if not recall or not precision else round(2 * recall * precision / (recall + precision), 4),
        "modality_accuracy": round(modality_right / typed, 4) if typed else None,
        "missed": missed, "wrong": wrong,
        "errors": {
            "missed": causes,
            "false": [(_false_cause(events[k], gold, places, k in joint), w)
                      for k, w in zip((k for k in scored if k not in hits), wrong)],
        },
    }
