"""Table-driven rules for dyad.extract.quotes: one tricky sentence per row (fictional people)."""
from __future__ import annotations

import pytest

from dyad import nlp
from dyad.extract.quotes import EXTRACTOR, extract_quotes, find_quoted
from dyad.records import Actor, Article, Mention


def _run(text: str, actors=(), mentions=()):
    article = Article(id="t", source="t", text=text)
    return extract_quotes(article, nlp.analyze(text), actors, mentions)


# text, expected [(kind, words in the quote, speaker as written)]
CASES = [
    ('"We will not give in," said Tomas Varga.', [("direct", "We will not give in", "Tomas Varga")]),
    ("“The talks went well,” Anna Kowal said.", [("direct", "The talks went well", "Anna Kowal")]),
    ("Anna Kowal said, «The border stays open».", [("direct", "The border stays open", "Anna Kowal")]),
    ("Lena Morro said the ministry's plan was dead.", [("indirect", "plan was dead", "Lena Morro")]),
    ("According to Piet Oster, the deal is off.", [("indirect", "the deal is off", "Piet Oster")]),
    ("Piet Oster told reporters that the deal is off.", [("indirect", "the deal is off", "Piet Oster")]),
    ("Piet Oster warned that prices would rise.", [("indirect", "prices would rise", "Piet Oster")]),
    ("Oster explained: The reform comes first and the rest later.",
     [("indirect", "The reform comes first", "Oster")]),
    ("Oster emphasized: “It is a turning point for the region.",
     [("direct", "It is a turning point", "Oster")]),
    ("Mara Lind added that “nothing is settled yet”.", [("mixed", "nothing is settled yet", "Mara Lind")]),
    ('"We tried," said Jon Bek, "but nobody listened."', [("direct", "nobody listened", "Jon Bek")]),
    ("Jon Bek noted that the vote failed, adding, “We will try again next year.”",
     [("indirect", "the vote failed", "Jon Bek"), ("direct", "We will try again", "Jon Bek")]),
    ("Tomas Varga said after the meeting he would resign.", [("indirect", "he would resign", "Tomas Varga")]),
    ("His aides called him a genius for the plan.", [("indirect", "a genius", "His aides")]),
    ("The fee is what Lena Morro calls a scandal.", [("indirect", "a scandal", "Lena Morro")]),
    ("Lena Morro responded to the charges with a long letter.", [("indirect", "the charges", "Lena Morro")]),
    ("Eli Grant accused the council of hiding the report.", [("indirect", "hiding the report", "Eli Grant")]),
    ("The vote was close; Ida Holm says the count will be repeated.",
     [("indirect", "the count will be repeated", "Ida Holm")]),
    ("“The plan is a disgrace to us all and to our children.” ― Maria Lopez",
     [("direct", "a disgrace to us all", "Maria Lopez")]),
    ("HOLM: We will not sign this treaty today.\n\nBEK: Then we will walk away from the table.",
     [("indirect", "We will not sign", "HOLM"), ("indirect", "walk away", "BEK")]),
    ("Ada Price repeated Eli Grant's claim that the vote was rigged.",
     [("indirect", "Eli Grant's claim", "Ada Price"), ("indirect", "the vote was rigged", "Eli Grant's")]),
    ("“We were promised jobs and we got nothing.” That is all. “Nothing at all for the workers here.” ― Maria Lopez",
     [("direct", "promised jobs", "Maria Lopez"), ("direct", "Nothing at all", "Maria Lopez")]),
    ("“As a farmer I’d rather lose what they call “progress” than my land.” ― Maria Lopez",
     [("direct", "than my land", "Maria Lopez")]),
    ("”Our town was forgotten by everyone.” ― Ana Ruiz", [("direct", "Our town was forgotten", "Ana Ruiz")]),
    ("As Tomas Varga put it, the reform is “a leap into the dark.”", [("direct", "a leap into the dark", "Tomas Varga")]),
    ("The reform, as a ministry memo put it, is “a question of survival.”",
     [("direct", "a question of survival", "a ministry memo")]),
    ("Tomas Varga put it on the table.", []),
    ("Said Morro: “There is no money left for the schools.”", [("direct", "no money left", "Morro")]),
    ("The committee forced Anna Kowal to admit that the funds had been lost.",
     [("indirect", "funds had been lost", "Anna Kowal")]),
    ("The Latest: Hope warns that the dam may fail.\n\nLONDON (AP) — The debate goes on.",
     [("indirect", "the dam may fail", "Hope")]),
    ("The country's 'rock-solid' economy grew.", []),
    ("The minister isn't sure it's over.", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_quote_rules(text, expected):
    got = [(q.kind, q.text, q.speaker_text) for q in _run(text)]
    assert len(got) == len(expected), got
    for (kind, words, speaker), (gkind, gtext, gspeaker) in zip(expected, got):
        assert gkind == kind, got
        assert words in gtext, got
        assert gspeaker == speaker, got


def test_offsets_cue_and_extractor():
    text = "Lena Morro said the plan was dead."
    (q,) = _run(text)
    assert text[q.start : q.end] == q.text
    assert q.cue == "said" and text[q.cue_start : q.cue_end] == "said"
    assert text[q.speaker_start : q.speaker_end] == "Lena Morro"
    assert q.extractor == EXTRACTOR and not q.resolved


QUOTED = [
    # text, quoted stretches
    ("He said “yes” and ‘no way at all’ today.", ["yes", "no way at all"]),
    ("Don't say 'rock' here.", []),
    ("«Une phrase» et „ein Satz“.", ["Une phrase", "ein Satz"]),
    ("''Typewriter quotes,'' he said.", ["Typewriter quotes,"]),
    ("“An open quote never closed\n\nNext paragraph.", ["An open quote never closed"]),
    ("“He calls it “a trap” and leaves.”", ["He calls it “a trap” and leaves."]),  # a quote inside a quote
    ("“One opener “typed by mistake, then the end.”", ["One opener “typed by mistake, then the end."]),
    ("”Our town was forgotten.” ― Ana Ruiz", ["Our town was forgotten."]),  # '”' typed for '“'
    ("He said “yes” and “no” today.", ["yes", "no"]),
]


@pytest.mark.parametrize("text,want", QUOTED)
def test_quotation_marks(text, want):
    spans = find_quoted(text)
    assert [text[s.start : s.end] for s in spans] == want


def test_quote_across_paragraphs_is_one():
    text = "Ida Holm said: “The first part runs on.\n\n“And the second part ends here.”"
    spans = find_quoted(text)
    assert len(spans) == 1 and len(spans[0].pieces) == 2
    quotes = _run(text)
    assert len(quotes) == 1 and "second part" in quotes[0].text


def _person(key, name, role=None):
    return Actor(key=key, type="person", name=name, code="FRAGOV", country="FRA", role=role)


def _mention(key, text, full, kind="name"):
    start = full.index(text)
    return Mention(article_id="t", actor_key=key, sentence_index=0, start=start, end=start + len(text),
                   text=text, kind=kind, extractor="test")


def test_pronoun_and_description_resolve_to_the_person_introduced():
    text = (
        "Claire Dumas, the foreign minister, said the talks were useful.\n\n"
        "She added that a deal was close.\n\n"
        "The minister explained that the border would reopen."
    )
    actors = (_person("person:claire-dumas", "Claire Dumas", "the foreign minister"),)
    mentions = (_mention("person:claire-dumas", "Claire Dumas", text),)
    quotes = _run(text, actors, mentions)
    assert [q.speaker_key for q in quotes] == ["person:claire-dumas"] * 3
    assert all(q.resolved and q.speaker_code == "FRAGOV" for q in quotes)
    assert quotes[1].speaker_text == "She"


def test_unresolved_speaker_is_kept_as_written():
    (q,) = _run("Officials in the capital said the border would reopen.")
    assert q.speaker_text == "Officials in the capital" and not q.resolved and q.speaker_key is None


def test_uncued_quote_paragraph_takes_the_previous_speaker():
    text = "“We are ready,” said Ola Brekke.\n\n“The rest is up to them.”"
    quotes = _run(text)
    assert [q.speaker_text for q in quotes] == ["Ola Brekke", "Ola Brekke"]
