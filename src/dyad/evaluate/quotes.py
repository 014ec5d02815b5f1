"""Score quote extraction: ``*.quotes.jsonl`` (PolNeAR-style) and the seeds' quotes and stances.

A predicted quote matches a gold one when their character spans overlap by at least half of
the shorter; matching is greedy and one-to-one, largest overlap first. Scores by kind
(``direct_f1`` …) take recall over the gold quotes of that type and precision over the predicted
quotes of that kind, the kinds need not agree (PolNeAR's own labels are uneven: ``''typewriter''``
quotes are often labelled indirect); ``strict_by_kind`` matches within one kind only, and
``kind_confusion`` counts gold type -> predicted kind over matched pairs. Its speaker matches when
the normalised names are equal or one contains the other's last name (FORMAT.md). Gold speakers
that are pronouns ("he", "they") are scored apart: right when we wrote the same pronoun, or when
the name we resolved it to matches the record's automatic ``speaker_resolved``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from dyad.codes import split_code
from dyad.records import Article, Quote
from dyad.text import normalise

KINDS = ("direct", "indirect", "mixed")
PRONOUNS = frozenset(
    "i me my we us our you he him his she her they them their it its this that who".split()
)
_NAME_NOISE = re.compile(r"[^\w\s]")


def _name(text: str | None) -> str:
    text = normalise(text).lower().replace("-", " ").replace("'s", "")
    words = _NAME_NOISE.sub(" ", text).split()
    while words and words[0] in ("the", "a", "an", "mr", "mrs", "ms", "dr"):
        words = words[1:]
    return " ".join(words)


def names_match(gold: str | None, predicted: str | None) -> bool:
    """Equal after normalisation, or one contains the other's last name."""
    g, p = _name(gold), _name(predicted)
    if not g or not p:
        return False
    if g == p:
        return True
    gw, pw = g.split(), p.split()
    return gw[-1] in pw or pw[-1] in gw


def key_name(key: str | None) -> str | None:
    """A readable name from an actor key: 'person:mehdi-khorsand' -> 'mehdi khorsand'."""
    if not key:
        return None
    return key.split(":", 1)[-1].replace("-", " ")


def _spans_len(spans) -> int:
    return sum(b - a for a, b in spans)


def _overlap(a_spans, b_spans) -> int:
    return sum(max(0, min(b1, b2) - max(a1, a2)) for a1, b1 in a_spans for a2, b2 in b_spans)


def match(gold_spans: list, pred_spans: list) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of span lists (overlap >= half the shorter)."""
    pairs = []
    for gi, g in enumerate(gold_spans):
        for pi, p in enumerate(pred_spans):
            ov = _overlap(g, p)
            if ov and ov * 2 >= min(_spans_len(g), _spans_len(p)):
                pairs.append((ov, gi, pi))
    pairs.sort(key=lambda x: -x[0])
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else None
    r = tp / n_gold if n_gold else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    rnd = lambda x: None if x is None else round(x, 4)  # noqa: E731
    return {"precision": rnd(p), "recall": rnd(r), "f1": rnd(f)}


def _kind_prf(gold_matched: int, pred_matched: int, n_pred: int, n_gold: int) -> dict:
    """Per kind: recall over gold quotes of that type, precision over predictions of that kind."""
    p = pred_matched / n_pred if n_pred else None
    r = gold_matched / n_gold if n_gold else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    rnd = lambda x: None if x is None else round(x, 4)  # noqa: E731
    return {"precision": rnd(p), "recall": rnd(r), "f1": rnd(f)}


def _pred_spans(q: Quote) -> list[tuple[int, int]]:
    return [(q.start, q.end)]


def _speaker_right(gold: dict, q: Quote, names: dict[str, str]) -> bool:
    resolved = names.get(q.speaker_key or "") or key_name(q.speaker_key)
    spk = gold.get("speaker") or ""
    if not spk:  # no source annotated: right when we named none either
        return not q.speaker_text and not q.speaker_key
    if _name(spk) in PRONOUNS:
        if _name(q.speaker_text) == _name(spk):
            return True
        return bool(gold.get("speaker_resolved")) and names_match(gold["speaker_resolved"], resolved)
    return names_match(spk, q.speaker_text) or names_match(spk, resolved)


def score_quotes(path: str | Path, *, split: str | None = "dev", limit: int | None = None) -> dict:
    """Quote P/R/F1 (overall and by kind) and speaker accuracy on a ``*.quotes.jsonl`` file."""
    from dyad import nlp
    from dyad.extract.quotes import extract_quotes

    try:
        from dyad.extract.actors import extract_actors
    except ImportError:  # the actor layer is optional for this score
        extract_actors = None

    path = Path(path)
    records = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if split is None or rec.get("split", split) == split:
                    records.append(rec)
    if limit is not None:
        records = records[:limit]
    tp = n_pred = n_gold = 0
    by_kind = {k: [0, 0, 0, 0] for k in KINDS}  # gold matched, pred matched, pred, gold
    strict = {k: [0, 0, 0] for k in KINDS}  # tp, pred, gold when matched within the kind
    confusion: dict[str, int] = {}
    spk_ok = spk_n = pro_ok = pro_n = 0
    for rec in records:
        article = Article(id=rec["id"], source=str(path), text=rec["text"])
        analysis = nlp.analyze(article.text)
        actors, mentions = extract_actors(article, analysis) if extract_actors else ((), ())
        quotes = extract_quotes(article, analysis, actors, mentions)
        names = {a.key: a.name for a in actors}
        gold = rec.get("quotes", [])
        gold_spans = [[tuple(s) for s in g.get("quote_spans") or []] for g in gold]
        pred_spans = [_pred_spans(q) for q in quotes]
        pairs = match(gold_spans, pred_spans)
        tp, n_pred, n_gold = tp + len(pairs), n_pred + len(quotes), n_gold + len(gold)
        for gi, pi in pairs:
            g, q = gold[gi], quotes[pi]
            key = f"{g.get('type')}->{q.kind}"
            confusion[key] = confusion.get(key, 0) + 1
            right = _speaker_right(g, q, names)
            if _name(g.get("speaker")) in PRONOUNS:
                pro_n, pro_ok = pro_n + 1, pro_ok + right
            else:
                spk_n, spk_ok = spk_n + 1, spk_ok + right
        for gi, pi in pairs:
            if gold[gi].get("type") in by_kind:
                by_kind[gold[gi]["type"]][0] += 1
            by_kind[quotes[pi].kind][1] += 1
        for kind in KINDS:
            gk = [i for i, g in enumerate(gold) if g.get("type") == kind]
            pk = [i for i, q in enumerate(quotes) if q.kind == kind]
            by_kind[kind][2] += len(pk)
            by_kind[kind][3] += len(gk)
            kp = match([gold_spans[i] for i in gk], [pred_spans[i] for i in pk])
            strict[kind][0] += len(kp)
            strict[kind][1] += len(pk)
            strict[kind][2] += len(gk)
    overall = _prf(tp, n_pred, n_gold)
    kinds = {k: _kind_prf(*v) for k, v in by_kind.items()}
    all_ok, all_n = spk_ok + pro_ok, spk_n + pro_n
    scores = {
        **overall,
        "direct_f1": kinds["direct"]["f1"],
        "indirect_f1": kinds["indirect"]["f1"],
        "mixed_f1": kinds["mixed"]["f1"],
        "speaker_accuracy": round(all_ok / all_n, 4) if all_n else None,
        "pronoun_speaker_accuracy": round(pro_ok / pro_n, 4) if pro_n else None,
    }
    return {
        "set": str(path),
        "n": len(records),
        "scores": scores,
        "split": split,
        "counts": {"gold": n_gold, "predicted": n_pred, "matched": tp},
        "by_kind": {
            k: {**kinds[k], "gold": v[3], "predicted": v[2], "gold_matched": v[0], "predicted_matched": v[1]}
            for k, v in by_kind.items()
        },
        "strict_by_kind": {k: _prf(*v) for k, v in strict.items()},
        "named_speaker_accuracy": round(spk_ok / spk_n, 4) if spk_n else None,
        "kind_confusion": dict(sorted(confusion.items())),
    }


# --------------------------------------------------------------------------- seeds


def _quote_words(article: Article, q: Quote) -> tuple[str, str]:
    return normalise(q.text), normalise(article.text[q.start : q.end])


def score_seed_quotes(gold_article: dict, article: Article, quotes) -> dict:
    """Gold ``quotes`` of one seed article: found (text contains ``contains``) and attributed."""
    found = right = 0
    missed: list[str] = []
    for g in gold_article.get("quotes", []):
        want = normalise(g["contains"])
        hits = [q for q in quotes if any(want in w for w in _quote_words(article, q))]
        if not hits:
            missed.append(f"quote not found: {g['contains'][:60]!r}")
            continue
        found += 1
        if any(
            names_match(g["speaker"], q.speaker_text) or names_match(g["speaker"], key_name(q.speaker_key))
            for q in hits
        ):
            right += 1
        else:
            got = [(q.speaker_text, q.speaker_key) for q in hits]
            missed.append(f"quote {g['contains'][:40]!r}: speaker want {g['speaker']!r}, got {got!r}")
    return {"total": len(gold_article.get("quotes", [])), "found": found, "speaker_right": right, "missed": missed}


#: Sectors that stand against their own state; a stance toward them is not one toward their country.
_OWN_SIDE_SECTORS = frozenset({"REB", "OPP"})


def _side(code: str) -> str:
    """A stance target's side: a country with any of its sectors but rebels and opposition
    (``RUSGOV`` -> ``RUS``), those two as sides of their own (``SYRREB``), an organisation itself."""
    country, sector = split_code(code.upper())
    if country is None:
        return code.upper()
    return country + sector if sector in _OWN_SIDE_SECTORS else country


def _target_match(gold: str, predicted: str) -> bool:
    """Same side: a country and its organs are one (``RUS`` ~ ``RUSGOV`` ~ ``RUSMIL``); rebels
    and opposition are sides of their own (``SYRREB`` matches only ``SYRREB``)."""
    return _side(gold) == _side(predicted)


def score_seed_stances(gold_article: dict, stances) -> dict:
    """Gold ``stances`` of one seed article: a stance of that holder toward that target, polarity right."""
    found = right = 0
    missed: list[str] = []
    for g in gold_article.get("stances", []):
        hits = [
            s for s in stances
            if (names_match(g["holder"], s.holder_name) or names_match(g["holder"], key_name(s.holder_key)))
            and _target_match(g["target"], s.target)
        ]
        if not hits:
            missed.append(f"stance not found: {g['holder']} -> {g['target']}")
            continue
        found += 1
        best = max(hits, key=lambda s: abs(s.score))
        if best.polarity == g["polarity"]:
            right += 1
        else:
            missed.append(f"stance {g['holder']} -> {g['target']}: want {g['polarity']}, got {best.polarity} ({best.score})")
    return {"total": len(gold_article.get("stances", [])), "found": found, "right": right, "missed": missed}

