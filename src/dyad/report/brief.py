"""The relationship brief: a cited account of what the store holds about one dyad.

    from dyad.report import write_brief  (dyad.report.write)
    with open_store(url) as store:
        write_brief(store, "IRN", "RUS", format="html", path="iran-russia.html")

Every sentence of the brief is a ``Claim``: its words plus the (article, sentence) pairs it
rests on. Rendering numbers those pairs in order of first use, puts ``[n]`` after each
claim and lists the references (article title, url, id, sentence index and the sentence's
text). Nothing is stated that does not come from a stored record, and a section with
nothing to cite is left out rather than filled with uncited prose.

Sections: scope (period covered, sources, counts), a figure (the timeline), the main events
in date order with their modality, the main voices of each side with representative quotes,
the stances of each side toward the other, and how outlets differ. Counts are of events
(clusters of reports), asserted events only where the text says so.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dyad.analysis.clusters import side_codes
from dyad.analysis.series import dyad_series
from dyad.analysis.voices import (
    UNKNOWN_OUTLET,
    actor_codes,
    dyad_stances,
    dyad_voices,
    holder_country,
    outlet_breakdown,
)
from dyad.codes import country_of
from dyad.report.chart import timeline_svg
from dyad.report.model import Brief, Cite, Claim, Reference, Section

MAX_EVENTS = 20
MAX_SPEAKERS = 4
MAX_QUOTE_CHARS = 300



def _num(v: float | None) -> str:
    return "n/a" if v is None else f"{v:+.1f}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _listing(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _clean_quote(text: str) -> str:
    """A quote as shown in the brief: one line, inner double quotes made single, capped."""
    text = " ".join(text.split()).replace("“", "‘").replace("”", "’").replace('"', "'")
    return text if len(text) <= MAX_QUOTE_CHARS else text[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0] + " …"


def _uniq(cites: list[Cite]) -> tuple[Cite, ...]:
    return tuple(dict.fromkeys(cites))


class _Builder:
    def __init__(self, store: Any, a: str, b: str, since: str | None):
        self.store, self.a, self.b, self.since = store, country_of(a), country_of(b), since
        actors = store.list_actors()
        self.names = {x["key"]: x["name"] for x in actors}
        self.codes = actor_codes(actors)
        self._articles: dict[str, dict[str, Any] | None] = {}

    def name(self, key: str) -> str:
        return self.names.get(key, key)

    def prefetch(self, article_ids: Iterable[str]) -> None:
        """Read what the brief cites of these articles in bulk (``Store.cited_articles``)."""
        missing = {i for i in article_ids if i not in self._articles}
        if missing:
            found = self.store.cited_articles(missing)
            for i in missing:
                self._articles[i] = found.get(i)

    def article(self, article_id: str) -> dict[str, Any] | None:
        self.prefetch([article_id])
        return self._articles[article_id]

    def keep(self, row: dict[str, Any]) -> bool:
        return self.since is None or bool(row.get("date") and row["date"] >= self.since)

    def stance_cites(self, s: dict[str, Any]) -> list[Cite]:
        art = self.article(s["article_id"])
        if art is None:
            return []
        starts = set(s.get("quote_starts") or ())
        found = [(s["article_id"], q["sentence_index"]) for q in art["quotes"] if q["start"] in starts]
        if found:  # the quotes it rests on; else the sentences holding its evidence words
            return found
        for start, _end in s.get("evidence") or ():
            for sent in art["sentences"]:
                if sent["start"] <= start < sent["end"]:
                    found.append((s["article_id"], sent["index"]))
        return found

    def side_label(self, event: dict[str, Any], side: str) -> str:
        keys = event.get("source_keys" if side == "sources" else "target_keys") or []
        persons = [k for k in keys if k.startswith("person:")]
        codes = side_codes(event, side)
        label = _listing([self.name(c) for c in codes]) or "?"
        if persons:
            return f"{self.name(persons[0])} ({label})"
        return label


def _event_sentences(bld: _Builder, clusters: list[dict[str, Any]]) -> Section:
    ranked = sorted(clusters, key=lambda c: (-c["n_reports"], -abs(c["intensity"] or 0.0), c["id"]))
    chosen = {c["id"] for c in ranked[:MAX_EVENTS]}
    section = Section("Main events, in order", as_list=True)
    for c in clusters:
        if c["id"] not in chosen:
            continue
        reports = c["reports"]
        when = (f"{c['date']} ({c['date_precision']} precision)" if c.get("date")
                else f"Undated (first reported {c['first_reported']})" if c.get("first_reported")
                else "Undated")
        triggers = _listing([f"‘{t}’" for t in dict.fromkeys(r["trigger"] for r in reports if r.get("trigger"))])
        text = (f"{when}: {bld.side_label(c, 'sources')} toward {bld.side_label(c, 'targets')}, "
                f"{c['type'] or 'CAMEO ' + str(c['cameo'])} ({triggers}), {c['modality']}, intensity "
                f"{_num(c['intensity'])}, in {_plural(c['n_reports'], 'report')} from "
                f"{_plural(c['n_articles'], 'article')}")
        section.claims.append(Claim(text, _uniq([(r["article_id"], r["sentence_index"]) for r in reports])))
    return section


def _voice_sections(bld: _Builder, quotes: list[dict], stances: list[dict]) -> list[Section]:
    voices = dyad_voices(quotes, stances, bld.a, bld.b, codes=bld.codes, limit=MAX_SPEAKERS,
                         n_quotes=len(quotes) or 1)
    out = []
    for side, other in ((bld.a, bld.b), (bld.b, bld.a)):
        section = Section(f"Voices of {bld.name(side)}", as_list=True)
        for sp in voices[side]:
            mine = sp["quotes"]
            about = [q for q in mine if any(country_of(m) == other for m in q.get("mentioned", ()))]
            roles = "; ".join(sp["roles"])
            who = sp["name"] or "an unnamed speaker"
            desc = f"{who} ({roles + '; ' if roles else ''}{sp['code'] or side})"
            section.claims.append(Claim(
                f"{desc} is quoted {_plural(sp['n_statements'], 'time')} in "
                f"{_plural(sp['n_articles'], 'article')}"
                + (f", {len(about)} of them mentioning {bld.name(other)}" if about else ""),
                _uniq([(q["article_id"], q["sentence_index"]) for q in mine]),
            ))
            for q in (about or mine)[:2]:
                section.claims.append(Claim(
                    f"{who}, {q['kind']} quote: “{_clean_quote(q['text'])}”",
                    ((q["article_id"], q["sentence_index"]),),
                ))
        if section.claims:
            out.append(section)
    return out


def _stance_section(bld: _Builder, stances: list[dict]) -> Section:
    section = Section("Stances of each side toward the other", as_list=True)
    groups: dict[tuple[str, str], list[dict]] = {}
    for s in dyad_stances(stances, bld.a, bld.b, codes=bld.codes):
        groups.setdefault((s["holder_key"], s["direction"]), []).append(s)
    for (holder, direction), rows in sorted(groups.items(), key=lambda kv: (kv[0][1], -len(kv[1]), kv[0][0])):
        cites = _uniq([c for s in rows for c in bld.stance_cites(s)])
        if not cites:
            continue
        score = sum(float(s["score"]) for s in rows) / len(rows)
        polarity = "positive" if score > 0 else "negative" if score < 0 else "neutral"
        target = bld.name(direction.split("->")[1])
        section.claims.append(Claim(
            f"{rows[0]['holder_name']} ({direction.split('->')[0]}) expresses a {polarity} stance "
            f"toward {target} (mean score {_num(score)} over {_plural(len(rows), 'stance')})", cites))
    return section


def _outlet_section(bld: _Builder, clusters: list[dict], stances: list[dict]) -> Section:
    section = Section("How outlets differ", as_list=True)
    by_id = {c["id"]: c for c in clusters}
    a, b = bld.a, bld.b
    for o in outlet_breakdown(clusters, stances, a, b):
        name = "Articles with no stated outlet" if o["outlet"] == UNKNOWN_OUTLET else o["outlet"]
        if o["n_events"]:
            ab, ba = o["directions"][f"{a}->{b}"], o["directions"][f"{b}->{a}"]
            cites = [(r["article_id"], r["sentence_index"]) for i in o["event_ids"]
                     for r in by_id[i]["reports"] if (r.get("outlet") or UNKNOWN_OUTLET) == o["outlet"]]
            section.claims.append(Claim(
                f"{name} {'report' if o['outlet'] == UNKNOWN_OUTLET else 'reports'} "
                f"{_plural(o['n_events'], 'asserted event')} between the two: "
                f"{ab['n_events']} from {bld.name(a)} toward {bld.name(b)} (net intensity "
                f"{_num(ab['net_intensity'])}) and {ba['n_events']} from {bld.name(b)} toward "
                f"{bld.name(a)} (net intensity {_num(ba['net_intensity'])}), "
                f"{o['n_cooperation']} cooperative and {o['n_conflict']} conflictual", _uniq(cites)))
        for side in (a, b):
            st = o["stance"][side]
            if not st:
                continue
            rows = [s for s in stances if (s.get("outlet") or UNKNOWN_OUTLET) == o["outlet"]
                    and country_of(s["target"]) == side]
            cites = _uniq([c for s in rows for c in bld.stance_cites(s)])
            if cites:
                lean = "positive" if st["score"] > 0 else "negative" if st["score"] < 0 else "neutral"
                section.claims.append(Claim(
                    f"Statements in {name if name != 'Articles with no stated outlet' else 'those articles'} "
                    f"lean {lean} toward {bld.name(side)} (mean stance score {_num(st['score'])} over "
                    f"{_plural(st['n'], 'stance')})", cites))
    return section


def _scope_section(bld: _Builder, cited: list[Cite], clusters: list[dict]) -> Section:
    section = Section("Scope and sources")
    first_cite: dict[str, Cite] = {}
    for c in cited:
        first_cite.setdefault(c[0], c)
    bld.prefetch(first_cite)
    arts = [bld.article(i) for i in first_cite]
    arts = [x for x in arts if x]
    outlets: dict[str, int] = {}
    for art in arts:
        outlets[art.get("outlet") or ""] = outlets.get(art.get("outlet") or "", 0) + 1
    named = [f"{k} ({v})" for k, v in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0])) if k]
    unknown = outlets.get("", 0)
    all_cites = tuple(first_cite.values())
    sources = _listing(named + ([f"{_plural(unknown, 'article')} with no stated outlet"] if unknown else []))
    section.claims.append(Claim(
        f"This brief on {bld.name(bld.a)} ({bld.a}) and {bld.name(bld.b)} ({bld.b}) rests on "
        f"{_plural(len(arts), 'stored article')}: {sources}", all_cites))
    dated = sorted((x["date"], first_cite[x["id"]]) for x in arts if x.get("date"))
    if dated:
        section.claims.append(Claim(
            (f"They were published between {dated[0][0]} and {dated[-1][0]}" if dated[0][0] != dated[-1][0]
             else f"{'They were' if len(dated) == len(arts) else 'The dated ones were'} published on {dated[0][0]}")
            + (f", and {_plural(len(arts) - len(dated), 'article')} carry no publication date"
               if len(dated) < len(arts) else ""), _uniq([c for _, c in dated] + list(all_cites))))
    edates = [(c["date"], (r["article_id"], r["sentence_index"])) for c in clusters if c.get("date")
              for r in c["reports"][:1]]
    if edates:
        edates.sort()
        section.claims.append(Claim(
            f"The events they report are dated between {edates[0][0]} and {edates[-1][0]}"
            + (f" (only events after {bld.since} are included)" if bld.since else ""),
            _uniq([edates[0][1], edates[-1][1]])))
    asserted = [c for c in clusters if c["modality"] == "asserted"]
    if asserted:
        ab = [c for c in asserted if bld.a in c["sources"] and bld.b in c["targets"]]
        ba = [c for c in asserted if c not in ab]
        net = lambda cs: sum(c["intensity"] or 0.0 for c in cs)  # noqa: E731
        section.claims.append(Claim(
            f"Counting each event once across its reports, they record "
            f"{_plural(len(ab), 'asserted event')} from {bld.name(bld.a)} toward {bld.name(bld.b)} "
            f"(net intensity {_num(net(ab))}) and {len(ba)} from {bld.name(bld.b)} toward "
            f"{bld.name(bld.a)} (net intensity {_num(net(ba))})",
            _uniq([(r["article_id"], r["sentence_index"]) for c in asserted for r in c["reports"]])))
    return section


def build_brief(store: Any, a: str, b: str, *, since: str | None = None) -> Brief:
    """The brief's content (sections of cited claims and the references), not yet rendered.

    Raises ``ValueError`` when the store holds no event and no stance between the two.
    """
    bld = _Builder(store, a, b, since)
    clusters = store.list_clusters(dyad=(bld.a, bld.b), since=since)
    quotes = [q for q in store.list_quotes() if bld.keep(q)]
    stances = [s for s in store.list_stances() if bld.keep(s)]
    bld.prefetch(s["article_id"] for s in stances
                 if {holder_country(s.get("holder_key"), bld.codes), country_of(s["target"])} == {bld.a, bld.b})
    body: list[Section] = [_event_sentences(bld, clusters), *_voice_sections(bld, quotes, stances),
                           _stance_section(bld, stances), _outlet_section(bld, clusters, stances)]
    body = [s for s in body if s.claims]
    if not clusters and not dyad_stances(stances, bld.a, bld.b, codes=bld.codes):
        raise ValueError(f"the store holds no events and no stances between {bld.a} and {bld.b}")
    cited = [c for s in body for claim in s.claims for c in claim.cites]
    scope = _scope_section(bld, cited, clusters)
    series = dyad_series(clusters, a=bld.a, b=bld.b, freq="month")
    caption = None
    if series:
        counted = [c for c in clusters if c["modality"] == "asserted"]
        caption = Claim(
            f"Figure: net intensity of asserted events per month, {bld.a} toward {bld.b} and "
            f"{bld.b} toward {bld.a}, over {series[0]['period']} to {series[-1]['period']}",
            _uniq([(r["article_id"], r["sentence_index"]) for c in counted for r in c["reports"]]))
    sections = [scope, *body]
    numbers: dict[Cite, int] = {}
    for claim in [*scope.claims, *([caption] if caption else []), *(c for s in body for c in s.claims)]:
        for cite in claim.cites:
            numbers.setdefault(cite, len(numbers) + 1)
    references = []
    bld.prefetch(art_id for art_id, _ in numbers)
    for (art_id, index), n in numbers.items():
        art = bld.article(art_id) or {}
        sentence = next((s["text"] for s in art.get("sentences", ()) if s["index"] == index), "")
        references.append(Reference(n, art_id, index, sentence, art.get("title"), art.get("url"),
                                    art.get("outlet"), art.get("date")))
    return Brief(
        a=bld.a, b=bld.b, since=since, sections=sections, references=references, numbers=numbers,
        title=f"{bld.name(bld.a)} and {bld.name(bld.b)}: relationship brief",
        chart_svg=timeline_svg(series, bld.a, bld.b) if series else None, chart_caption=caption,
        series=series,
    )
