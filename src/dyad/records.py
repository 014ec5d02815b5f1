"""Typed records that flow one way through Dyad.

files -> RawDocument -> (clean) Article -> (nlp) Analysis -> (extract) Actor, Mention -> ArticleResult

All records are frozen; stages build new ones with ``dataclasses.replace``.
Character offsets (``start``/``end``) always index into ``Article.text``, the cleaned text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

record = dataclass(frozen=True, slots=True, kw_only=True)


@record
class RawDocument:
    """One article as read from an input file, before cleaning.

    ``source`` names where it came from: a path, plus ``#N`` for the N-th record of a
    JSONL, WARC or feed file (1-based), so that every document has a stable source key.
    Exactly one of ``text`` (already flattened plain text) and ``html`` is set.
    """

    source: str
    kind: str  # "text" | "html" | "jsonl" | "warc" | "feed"
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None  # ISO date (YYYY-MM-DD) when the input states one
    outlet: str | None = None
    authors: tuple[str, ...] = ()


@record
class Article:
    """A cleaned article: body text without boilerplate, plus metadata."""

    id: str
    source: str
    text: str
    url: str | None = None
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    dateline: str | None = None  # place named in a dateline ("TEHRAN", "Tehran (IP)")
    content_hash: str = ""  # hash of the normalised cleaned text
    removed_lines: tuple[str, ...] = ()  # lines the cleaner dropped, for inspection
    minhash: tuple[int, ...] = ()  # MinHash signature of the text, for near-duplicate search


@record
class Sentence:
    index: int
    start: int
    end: int
    text: str


@record
class Token:
    """A token of the parse; ``head`` and ``i`` are article-level token indices."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sentence: int
    ent_type: str = ""  # "" outside an entity
    ent_iob: str = "O"  # "B" | "I" | "O"
    whitespace: str = ""


@record
class Entity:
    label: str  # spaCy label: PERSON, GPE, NORP, ORG, ...
    start: int
    end: int
    text: str
    sentence: int
    token_start: int
    token_end: int  # exclusive


@record
class Analysis:
    """What the NLP layer gives the extractors: plain records, no spaCy objects."""

    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]


@record
class Actor:
    """A coded actor. ``key`` is stable across articles ("IRN", "IRNGOV", "NATO",
    "person:mehdi-khorsand")."""

    key: str
    type: str  # "country" | "org" | "person"
    name: str
    code: str  # CAMEO-style code: ISO3 + sector ("IRNGOV"), org abbreviation ("NATO"), "" if unknown
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # GOV MIL DIP LEG JUD MED BUS OPP REB CVL
    role: str | None = None  # as the text gives it: "Iran's envoy to Russia"
    affiliation: str | None = None


@record
class Mention:
    """One place in the text that refers to an actor."""

    article_id: str
    actor_key: str
    sentence_index: int
    start: int
    end: int
    text: str
    kind: str  # "name" | "surname" | "title" | "description" | "alias" | "pronoun"
    extractor: str


@record
class EventDate:
    """When an event happened, as resolved from the text and the publication date."""

    value: str | None = None  # ISO: "2021-04-13", "2021-04", "2021"; None when unknown
    precision: str = "unknown"  # "day" | "month" | "year" | "unknown"
    rule: str = "none"  # how it was resolved, e.g. "explicit-day", "weekday-before-pubdate"
    text: str | None = None  # the words that gave it ("on April 13", "on Tuesday evening")
    weekday: str | None = None  # kept when only a weekday is known


@record
class Event:
    """Who did what to whom: one predicate with its source and target actors.

    ``sources``/``targets`` are actor codes ("IRNGOV", "RUS", "NATO"); PLOVER allows
    several on each side. Offsets: ``start``/``end`` span the predicate; each actor
    mention's span is in ``source_spans``/``target_spans`` (same order as the codes).
    """

    article_id: str
    sentence_index: int
    start: int
    end: int
    trigger: str
    plover: str  # PLOVER event type, or "STATEMENT" (extension for CAMEO 01-02)
    cameo: str  # CAMEO code as a string ("042")
    root: str  # two-digit CAMEO root ("04")
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    intensity: float  # -10 (most conflictual) .. +10 (most cooperative)
    modality: str  # "asserted" | "planned" | "hypothetical" | "denied"
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    source_keys: tuple[str, ...] = ()  # actor keys (persons keep their own key)
    target_keys: tuple[str, ...] = ()
    source_spans: tuple[tuple[int, int], ...] = ()
    target_spans: tuple[tuple[int, int], ...] = ()
    mode: str | None = None  # PLOVER mode
    context: tuple[str, ...] = ()  # PLOVER context
    date: EventDate = field(default_factory=EventDate)
    attributed_to: str | None = None  # actor key of the speaker when stated inside a quote
    extractor: str = ""


@record
class Quote:
    """A statement attributed to a speaker: direct ("…"), indirect or mixed.

    ``start``/``end`` span the quoted or reported words; ``cue_start``/``cue_end`` the cue
    ("said", "according to"); ``speaker_start``/``speaker_end`` the speaker as written in
    this sentence (or the pronoun / description that refers to them).
    """

    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect" | "mixed"
    speaker_text: str | None = None
    speaker_key: str | None = None  # resolved actor key; None when unresolved
    speaker_code: str | None = None
    speaker_role: str | None = None
    resolved: bool = False
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    extractor: str = ""


@record
class Stance:
    """A holder's polarity toward an actor, from the words of their statements."""

    article_id: str
    holder_key: str  # speaker actor key, or "author:<name>" for an opinion piece's author
    holder_name: str
    target: str  # actor code ("RUS", "USAGOV", "NATO")
    polarity: str  # "positive" | "negative" | "neutral"
    score: float
    evidence: tuple[tuple[int, int], ...] = ()  # character spans of the evidence words
    quote_starts: tuple[int, ...] = ()  # start offsets of the quotes it rests on
    extractor: str = ""


@record
class ArticleResult:
    """Everything ``process()`` derives from one document."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    stances: tuple[Stance, ...] = ()
    extractors: dict[str, str] = field(default_factory=dict)  # stage name -> "name.version"


@record
class IngestProblem:
    """An input that could not become a RawDocument: one line of explanation.

    ``status`` is "skipped" (not an article kind we read, e.g. an image) or "failed"
    (should have been readable but was broken). ``source`` names the file and, for
    record-based formats, ``#N`` the record or line.
    """

    source: str
    status: str  # "skipped" | "failed"
    reason: str

    def line(self) -> str:
        return f"{self.source}: {self.status}: {self.reason}"
