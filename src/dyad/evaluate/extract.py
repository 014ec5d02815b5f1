"""Score the cleaning stage on extraction gold (``extract/*.extract.jsonl``, see FORMAT.md).

Per page: token-level precision, recall and F1 of the body that ``dyad.clean`` extracts from
the HTML, the same F1 for the body the line classifier keeps from ``flattened_text`` (pages
that reach Dyad already stripped of their markup), and exact-match accuracy of title, date
and author. Scores are averaged over pages; a field absent from the whole gold set is ``None``.
"""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from dyad.clean import clean
from dyad.clean.text import clean_text
from dyad.evaluate.common import mean, token_prf
from dyad.records import RawDocument
from dyad.text import normalise

SCORE_NAMES = (
    "body_precision",
    "body_recall",
    "body_f1",
    "flattened_body_f1",
    "title_accuracy",
    "date_accuracy",
    "author_accuracy",
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\|)\s*", re.IGNORECASE)


def _same(gold: str, predicted: str | None) -> bool:
    return bool(predicted) and normalise(gold).casefold() == normalise(predicted).casefold()


def _names(text: str) -> set[str]:
    return {n for n in (normalise(p).casefold() for p in _NAME_SPLIT.split(text)) if n}


def _author_match(gold: str, authors: tuple[str, ...]) -> bool:
    if not authors:
        return False
    if _same(gold, ", ".join(authors)):
        return True
    predicted: set[str] = set()
    for author in authors:
        predicted |= _names(author)
    return _names(gold) == predicted


def _read_html(base: Path, rel: str) -> str:
    data = gzip.decompress((base / rel).read_bytes())
    return data.decode("utf-8", errors="replace")


def score_page(record: dict, base: Path) -> dict:
    """Scores and predictions for one gold page."""
    gold = record.get("expected_text")
    detail: dict = {"id": record["id"]}
    html = _read_html(base, record["html_path"]) if record.get("html_path") else None
    if html is not None:
        article = clean(RawDocument(source=record["id"], kind="html", html=html, url=record.get("url")))
        p, r, f = token_prf(article.text, gold)
        detail.update(body_precision=p, body_recall=r, body_f1=f)
        for field, value in (("title", article.title), ("date", article.date)):
            if record.get(f"expected_{field}"):
                detail[f"{field}_ok"] = _same(record[f"expected_{field}"], value)
                detail[f"{field}_predicted"] = value
        if record.get("expected_author"):
            detail["author_ok"] = _author_match(record["expected_author"], article.authors)
            detail["author_predicted"] = list(article.authors)
    if record.get("flattened_text") is not None:
        cleaned = clean_text(record["flattened_text"])
        detail["flattened_body_f1"] = token_prf(cleaned.body, gold)[2]
    return detail


def score_extract(path: str | Path, *, limit: int | None = None) -> dict:
    """Score the cleaning stage on an extraction gold file; FORMAT.md's JSON shape."""
    path = Path(path)
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                records.append(json.loads(line))
    records = [r for r in records if r.get("expected_text") is not None]
    if limit is not None:
        records = records[:limit]
    pages = [score_page(r, path.parent) for r in records]

    def avg(key: str) -> float | None:
        return mean(float(p[key]) for p in pages if key in p)

    scores = {name: avg(name) for name in SCORE_NAMES[:4]}
    for field in ("title", "date", "author"):
        scores[f"{field}_accuracy"] = avg(f"{field}_ok")
    return {"set": path.name, "n": len(pages), "scores": scores, "pages": pages}
