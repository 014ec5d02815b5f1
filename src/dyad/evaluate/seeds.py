"""Score the pipeline on hand-annotated articles (``seeds.gold.json``, see FORMAT.md).

Parts of the gold that no extractor covers yet score ``None`` ("not scored"), never 0.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

from dyad.evaluate.events import score_seed_events
from dyad.evaluate.quotes import score_seed_quotes, score_seed_stances
from dyad.records import ArticleResult, RawDocument
from dyad.text import normalise

SCORE_NAMES = (
    "boilerplate_removed",
    "must_keep_kept",
    "meta_title",
    "meta_date",
    "people_found",
    "quotes_recall",
    "quotes_speaker_accuracy",
    "events_recall",
    "events_precision",
    "events_f1",
    "events_modality_accuracy",
    "nonasserted_stored_as_asserted",
    "stances_accuracy",
)


def _name_key(name: str) -> list[str]:
    """The words of a name, normalised, lower-cased, hyphens and dots folded to spaces
    ("Amir-Abdollahian" ~ "Amir Abdollahian", "Jane E. Doe" ~ "Jane E Doe")."""
    return re.sub(r"[-\u2010-\u2014.]", " ", normalise(name).lower()).split()


def _names_match(gold: str, predicted: str, aliases: tuple[str, ...] = ()) -> bool:
    """A predicted person name matches a gold person when it equals the gold name or one of its
    aliases, or one holds the other as whole words ("Putin" in "Vladimir Putin"); a shared
    surname alone matches only when the first names agree on their initial, so that another
    person of the same family name is not taken for the gold one."""
    p = _name_key(predicted)
    if not p:
        return False
    for name in (gold, *aliases):
        g = _name_key(name)
        if not g:
            continue
        if g == p or _contains(g, p) or _contains(p, g):
            return True
        if g[-1] == p[-1] and len(g) > 1 and len(p) > 1 and g[0][0] == p[0][0]:
            return True
    return False


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return 0 < n < len(longer) and any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _person_hit(person: dict, result: ArticleResult) -> tuple[bool, str]:
    """Whether a gold person is found with the right code and role; and why not."""
    aliases = tuple(person.get("aliases") or ())
    candidates = [a for a in result.actors if a.type == "person" and _names_match(person["name"], a.name, aliases)]
    if not candidates:
        return False, "not found"
    words = [w.lower() for w in person.get("role_contains", [])]
    for actor in candidates:
        role = (actor.role or "").lower()
        if actor.code == person["actor"] and (not words or any(w in role for w in words)):
            return True, ""
    best = candidates[0]
    return False, f"found as {best.name!r} code={best.code!r} role={best.role!r}"


def score_article(gold: dict, result: ArticleResult) -> dict:
    """Per-article counts and misses for the parts built so far."""
    body = normalise(result.article.text)
    body_lines = {normalise(line).strip() for line in result.article.text.splitlines()}
    detail: dict = {"id": gold["id"], "missed": []}
    missed = detail["missed"]

    bp_total = bp_ok = 0
    for line in gold.get("boilerplate", []):
        bp_total += 1
        if normalise(line).strip() in body_lines:
            missed.append(f"boilerplate line kept: {line!r}")
        else:
            bp_ok += 1
    for sub in gold.get("boilerplate_contains", []):
        bp_total += 1
        if normalise(sub) in body:
            missed.append(f"boilerplate text kept: {sub[:60]!r}")
        else:
            bp_ok += 1
    keep_ok = 0
    for sub in gold.get("must_keep", []):
        if normalise(sub) in body:
            keep_ok += 1
        else:
            missed.append(f"body text lost: {sub[:60]!r}")

    meta = gold.get("meta", {})
    art = result.article
    predicted = {"title": art.title, "date": art.date, "outlet": art.outlet, "authors": list(art.authors)}
    meta_ok: dict[str, bool] = {}
    for key in ("title", "date", "outlet"):
        if key in meta:
            want, got = meta[key], predicted[key]
            ok = (want is None and got is None) or (
                want is not None and got is not None and normalise(want) == normalise(got)
            )
            meta_ok[key] = ok
            if not ok:
                missed.append(f"meta {key}: want {want!r}, got {got!r}")
    if "authors" in meta:
        want = sorted(normalise(a) for a in meta["authors"])
        got = sorted(normalise(a) for a in predicted["authors"])
        meta_ok["authors"] = want == got
        if want != got:
            missed.append(f"meta authors: want {meta['authors']!r}, got {predicted['authors']!r}")

    people_ok = 0
    for person in gold.get("people", []):
        hit, why = _person_hit(person, result)
        people_ok += hit
        if not hit:
            missed.append(f"person {person['name']} ({person['actor']}): {why}")

    quotes = score_seed_quotes(gold, art, result.quotes)
    stances = score_seed_stances(gold, result.stances)
    missed.extend(f"quote: {m}" for m in quotes["missed"])
    missed.extend(f"stance: {m}" for m in stances["missed"])
    events = score_seed_events(gold, art, result.events, result.sentences)
    missed.extend(f"event: {m}" for m in events.get("missed", []))

    detail.update(
        quotes=quotes,
        stances=stances,
        events=events,
        boilerplate=(bp_ok, bp_total),
        must_keep=(keep_ok, len(gold.get("must_keep", []))),
        meta=meta_ok,
        people=(people_ok, len(gold.get("people", []))),
    )
    return detail


def _ratio(pairs: list[tuple[int, int]]) -> float | None:
    num = sum(p[0] for p in pairs)
    den = sum(p[1] for p in pairs)
    return round(num / den, 4) if den else None


def _event_scores(parts: list[dict]) -> dict:
    """Sum per-article event counts into recall, precision, F1 and modality accuracy."""
    if not parts:
        return {}
    tp = sum(p["matched"] for p in parts)
    gold = sum(p["gold"] for p in parts)
    pred = sum(p["predicted"] for p in parts)
    recall = tp / gold if gold else None
    precision = sum(p["predicted_matched"] for p in parts) / pred if pred else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall
        else (0.0 if precision is not None and recall is not None else None)
    )
    typed = sum(p["typed_matches"] for p in parts)
    return {
        "events_recall": None if recall is None else round(recall, 4),
        "events_precision": None if precision is None else round(precision, 4),
        "events_f1": None if f1 is None else round(f1, 4),
        "events_modality_accuracy": round(sum(p["modality_right"] for p in parts) / typed, 4) if typed else None,
        "nonasserted_stored_as_asserted": sum(p["nonasserted_stored_as_asserted"] for p in parts),
    }


def event_errors(details: list[dict]) -> dict:
    """Missed gold events and false predictions of every article, grouped by cause (see
    ``evaluate.events.MISS_CAUSES``), each cause with its count and its examples."""
    from dyad.evaluate.events import FALSE_CAUSES, MISS_CAUSES

    out: dict = {}
    for side, causes in (("missed", MISS_CAUSES), ("false", FALSE_CAUSES)):
        groups: dict[str, dict] = {c: {"n": 0, "examples": []} for c in causes}
        for d in details:
            for cause, desc in d.get("events", {}).get("errors", {}).get(side, []):
                groups[cause]["n"] += 1
                groups[cause]["examples"].append(f"{d['id']}: {desc}")
        out[side] = {c: g for c, g in groups.items() if g["n"]}
    return out


def score_seeds(
    gold_path: str | Path,
    *,
    article: str | None = None,
    process_fn: Callable[[RawDocument], ArticleResult] | None = None,
) -> dict:
    """Run the pipeline over each gold article's file and score it."""
    if process_fn is None:
        from dyad.pipeline import process as process_fn  # noqa: PLW0127
    gold_path = Path(gold_path)
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    base = gold_path.parent.parent  # gold "file" paths are relative to eval/'s parent
    articles = [a for a in data["articles"] if article is None or a["id"].startswith(article)]
    if not articles:
        raise ValueError(f"{gold_path}: no article with id {article!r}")
    details = []
    for gold in articles:
        path = base / gold["file"]
        raw = RawDocument(source=str(path), kind="text", text=path.read_text(encoding="utf-8"))
        details.append(score_article(gold, process_fn(raw)))

    def meta_score(key: str) -> float | None:
        vals = [d["meta"][key] for d in details if key in d["meta"]]
        return round(sum(vals) / len(vals), 4) if vals else None

    scores: dict[str, float | int | None] = {name: None for name in SCORE_NAMES}
    scores.update(
        boilerplate_removed=_ratio([d["boilerplate"] for d in details]),
        must_keep_kept=_ratio([d["must_keep"] for d in details]),
        meta_title=meta_score("title"),
        meta_date=meta_score("date"),
        people_found=_ratio([d["people"] for d in details]),
        quotes_recall=_ratio([(d["quotes"]["found"], d["quotes"]["total"]) for d in details]),
        quotes_speaker_accuracy=_ratio([(d["quotes"]["speaker_right"], d["quotes"]["found"]) for d in details]),
        stances_accuracy=_ratio([(d["stances"]["right"], d["stances"]["total"]) for d in details]),
    )
    scores.update(_event_scores([d["events"] for d in details]))
    return {
        "set": str(gold_path),
        "n": len(details),
        "scores": scores,
        "meta_outlet": meta_score("outlet"),
        "meta_authors": meta_score("authors"),
        "not_scored": [k for k, v in scores.items() if v is None],
        "event_errors": event_errors(details),
        "articles": details,
    }
