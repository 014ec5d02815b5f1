"""Tricky sentences for dyad.extract.stance: who holds a stance toward whom, and which way.

Invented sentences about fictional countries (Norland NOR, Sudria SUD, Vessia VES), a fictional
alliance (the Pact) and fictional people. Each row: text, who speaks it (a person key, or None
for the report's own narrative), the holder expected, the target and the polarity expected
(None: no stance of that holder toward that target at all).
"""
from __future__ import annotations

import pytest

from dyad import nlp
from dyad.extract.stance import extract_stances
from dyad.records import Actor, Article, Mention, Quote

ACTORS = (
    Actor(key="NOR", type="country", name="Norland", code="NOR", country="NOR"),
    Actor(key="SUD", type="country", name="Sudria", code="SUD", country="SUD"),
    Actor(key="VES", type="country", name="Vessia", code="VES", country="VES"),
    Actor(key="SUDREB", type="org", name="Sudrian rebels", code="SUDREB", country="SUD", sector="REB"),
    Actor(key="PACT", type="org", name="the Pact", code="PACT"),
    Actor(key="person:ivo-rask", type="person", name="Ivo Rask", code="NORGOV", country="NOR"),
    Actor(key="person:lena-morv", type="person", name="Lena Morv", code="SUDDIP", country="SUD"),
    Actor(key="person:ute-kall", type="person", name="Ute Kall", code="VESGOV", country="VES"),
    Actor(key="person:oda-brenn", type="person", name="Oda Brenn", code="VESDIP", country="VES"),
)
NAMES = {
    "Norland": "NOR", "Sudria": "SUD", "Vessia": "VES", "Sudrian rebels": "SUDREB", "the Pact": "PACT",
    "Ivo Rask": "person:ivo-rask", "Rask": "person:ivo-rask", "Lena Morv": "person:lena-morv",
    "Morv": "person:lena-morv", "Ute Kall": "person:ute-kall", "Kall": "person:ute-kall",
    "Oda Brenn": "person:oda-brenn",
}
RASK, MORV, KALL = "person:ivo-rask", "person:lena-morv", "person:ute-kall"


def _mentions(text):
    out, taken = [], set()
    for name in sorted(NAMES, key=len, reverse=True):
        pos = text.find(name)
        while pos >= 0:
            span = set(range(pos, pos + len(name)))
            if not span & taken:
                taken |= span
                out.append(Mention(article_id="t", actor_key=NAMES[name], sentence_index=0, start=pos,
                                   end=pos + len(name), text=name, kind="name", extractor="test"))
            pos = text.find(name, pos + 1)
    return tuple(out)


def stances(text, speaker=None):
    """{(holder key, target): polarity}; a speaker's words are the whole text, quoted."""
    quotes = ()
    if speaker:
        name = next(a.name for a in ACTORS if a.key == speaker)
        quotes = (Quote(article_id="t", sentence_index=0, start=0, end=len(text), text=text, kind="direct",
                        speaker_text=name, speaker_key=speaker, resolved=True),)
    article = Article(id="t", source="t", text=text)
    got = extract_stances(article, nlp.analyze(text), ACTORS, _mentions(text), quotes)
    return {(s.holder_key, s.target): s.polarity for s in got}


CASES = [
    # the report tells an attitude: holder is the subject, target the object
    ("Ivo Rask accused Sudria of arming the rebels.", None, RASK, "SUD", "negative"),
    ("Ivo Rask blamed Sudria for the attack.", None, RASK, "SUD", "negative"),
    ("Ivo Rask condemned Sudria on Monday.", None, RASK, "SUD", "negative"),
    ("Ivo Rask criticised the Pact in a speech.", None, RASK, "PACT", "negative"),
    ("Ivo Rask praised Sudria for its help.", None, RASK, "SUD", "positive"),
    ("Ivo Rask thanked Vessia and Sudria.", None, RASK, "SUD", "positive"),
    ("Ivo Rask thanked Vessia and Sudria.", None, RASK, "VES", "positive"),
    ("Lena Morv welcomed Norland at the summit.", None, MORV, "NOR", "positive"),
    ("Ivo Rask openly accused Sudria and Vessia of deepening their military cooperation.", None, RASK, "VES", "negative"),
    ("Ivo Rask openly accused Sudria and Vessia of deepening their military cooperation.", None, RASK, "SUD", "negative"),
    ("Sudria was condemned by Ivo Rask.", None, RASK, "SUD", "negative"),
    ("Ivo Rask posted a message blaming Sudria for the attacks.", None, RASK, "SUD", "negative"),
    ("Ivo Rask spoke out against Sudria.", None, RASK, "SUD", "negative"),
    ("Ivo Rask denied Lena Morv's claims.", None, RASK, "SUD", "negative"),  # a person stands for her side
    ("Ivo Rask rebuked Lena Morv.", None, RASK, "SUD", "negative"),
    ("Lena Morv warned Norland.", None, MORV, "NOR", "negative"),
    ("Ute Kall applauded the Sudrian rebels.", None, KALL, "SUDREB", "positive"),
    # ... and only when it is told, not when it is denied or said of others
    ("Ivo Rask did not condemn Sudria.", None, RASK, "SUD", None),
    ("Ivo Rask met Lena Morv in Sudria.", None, RASK, "SUD", None),
    ("Ivo Rask wants to praise Sudria.", None, RASK, "SUD", None),
    ("Lena Morv said Ivo Rask had praised Sudria.", None, MORV, "SUD", None),
    # an accusation quoted by the other side is the quoter's charge, not praise
    ("Sudria is now offering Vessia an unprecedented level of support.", RASK, RASK, "SUD", None),
    ("Sudria is now offering Vessia an unprecedented level of support.", RASK, RASK, "VES", None),
    ("Sudria and Vessia are deepening their cooperation.", RASK, RASK, "SUD", None),
    ("Sudria has the best means of helping Vessia.", RASK, RASK, "VES", None),
    ("We are concerned that Sudria will strengthen its partnership with Vessia.", RASK, RASK, "SUD", "negative"),
    ("They accuse Sudria of supporting Vessia.", RASK, RASK, "SUD", "negative"),
    # ... while the speaker's own side in the relation makes it theirs
    ("Our cooperation with Sudria keeps growing.", RASK, RASK, "SUD", "positive"),
    ("Sudria and Norland are deepening their cooperation.", RASK, RASK, "SUD", "positive"),
    ("We support Sudria and we welcome Vessia.", RASK, RASK, "VES", "positive"),
    ("Sudria is our strategic partner.", RASK, RASK, "SUD", "positive"),
    ("Norland has offered Sudria strong support.", RASK, RASK, "SUD", "positive"),
    # the own side's hostile acts: the stance is toward whom they are aimed at
    ("Norland's sanctions on Sudria will stay in place.", RASK, RASK, "SUD", "negative"),
    ("Norland's sanctions on Sudria will stay in place.", RASK, RASK, "NOR", None),
    ("Norland will punish Sudria.", RASK, RASK, "NOR", None),
    ("Sudria's sanctions against Vessia are illegal.", RASK, RASK, "SUD", "negative"),
    ("Sudria attacked Vessia last night.", RASK, RASK, "SUD", "negative"),
    # words of other senses
    ("Sudria is closing its embassy in Norland.", RASK, RASK, "SUD", None),
    ("Sudria is closing the Norland consulate.", RASK, RASK, "NOR", None),
    ("Relations with Sudria are close.", RASK, RASK, "SUD", "positive"),
    # mockery: a friendly word under a mocking modifier
    ("Our so-called partners in Sudria have betrayed us.", RASK, RASK, "SUD", "negative"),
    ("The self-styled friends of Norland in Sudria cheered.", MORV, MORV, "SUD", "negative"),
    ("Sudria, a self-proclaimed ally, stayed silent.", RASK, RASK, "SUD", "negative"),
    # negation
    ("Sudria is not our partner.", RASK, RASK, "SUD", "negative"),
    ("Sudria has never supported us.", RASK, RASK, "SUD", "negative"),
    ("We do not trust Sudria.", RASK, RASK, "SUD", "negative"),
    ("Sudria is no longer a reliable friend.", RASK, RASK, "SUD", "negative"),
    ("We will never trust Sudria again.", RASK, RASK, "SUD", "negative"),
    ("There is no better friend than Sudria.", RASK, RASK, "SUD", "positive"),
    ("Sudria is not an enemy.", RASK, RASK, "SUD", "positive"),
    ("Sudria is not our enemy but our partner.", RASK, RASK, "SUD", "positive"),
    # concessions: the main clause decides
    ("Although Sudria criticised us, Sudria remains our partner.", RASK, RASK, "SUD", "positive"),
    ("Despite our friendship with Sudria, we condemn Sudria's aggression.", RASK, RASK, "SUD", "negative"),
    ("Though Sudria once was a friend, Sudria has betrayed us.", RASK, RASK, "SUD", "negative"),
    # rebels are a side of their own
    ("We condemn the Sudrian rebels.", RASK, RASK, "SUDREB", "negative"),
    ("We condemn the Sudrian rebels.", RASK, RASK, "SUD", None),
    ("We support the Sudrian rebels against Sudria.", RASK, RASK, "SUDREB", "positive"),
    # a state's words about itself are no stance
    ("Norland values its friendship with Sudria.", RASK, RASK, "SUD", "positive"),
    ("The Pact condemns Sudria's aggression.", RASK, RASK, "SUD", "negative"),
    ("Sudria's aggression is a threat to the Pact.", MORV, MORV, "SUD", "negative"),
    ("We thank Vessia for its help.", MORV, MORV, "VES", "positive"),
    ("Vessia's hegemony must end.", MORV, MORV, "VES", "negative"),
    # targets named without a name: the article's pair, plural pronouns, descriptions
    ("Norland and Sudria signed a deal. Close cooperation between the two countries will grow.", RASK, RASK, "SUD", "positive"),
    ("Norland and Sudria met. Bilateral cooperation is growing.", RASK, RASK, "SUD", "positive"),
    ("We met the Sudrian rebels yesterday, and they are terrorists.", RASK, RASK, "SUDREB", "negative"),
    ("Sudria held talks. They are terrorists.", RASK, RASK, "SUD", None),  # "they" is no country
    ("Vessia has spoken again. The regime is a threat to us.", RASK, RASK, "VES", "negative"),
    ("Sudria left the Pact. The alliance is obsolete.", RASK, RASK, "PACT", "negative"),
    # a pronoun holder is the person last named as a subject
    ("Lena Morv rounded on Ivo Rask. She accused Vessia of lying.", None, MORV, "VES", "negative"),
    ("Lena Morv rounded on Ivo Rask. She accused Vessia of lying.", None, RASK, "VES", None),
    # coordinated targets; degrees of hostile words; others' relations; warnings
    ("The claims of Vessia, Sudria, and the Pact are false.", RASK, RASK, "SUD", "negative"),
    ("It is a great shame for Sudria.", RASK, RASK, "SUD", "negative"),
    ("Vessia and its allies failed.", RASK, RASK, "VES", "negative"),
    ("We warn Sudria that our patience is running out.", RASK, RASK, "SUD", "negative"),
    # ", which" after a mention stands for it where the parse hangs the clause elsewhere
    ("Ivo Rask aimed his remarks at Sudria, which he called a dangerous aggressor.", None, RASK, "SUD", "negative"),
    # naming frames: the complement's words judge the object
    ("Ivo Rask called Sudria a threat.", None, RASK, "SUD", "negative"),
    ("Ivo Rask named Sudria and Vessia as terrorists.", None, RASK, "VES", "negative"),
    ("Ivo Rask sees Vessia as a reliable partner.", None, RASK, "VES", "positive"),
    ('Ivo Rask called Sudria "no friend of peace".', None, RASK, "SUD", "negative"),
    ("Ivo Rask did not call Sudria a threat.", None, RASK, "SUD", None),
    # a person may judge their own side's people and organs
    ("Ivo Rask praised Norland's army.", None, RASK, "NOR", "positive"),
    ("Lena Morv appreciated Norland's help.", None, MORV, "NOR", "positive"),
    # a hostile noun judges who did the act, as a passive verb tells it
    ("The attack was planned and carried out by Sudria.", RASK, RASK, "SUD", "negative"),
    ("The invasion, which our officials said was ordered by Sudria, failed.", RASK, RASK, "SUD", "negative"),
    # a place is no target; nor is the side a friendly word fights against
    ("We won with the help of brave people inside Sudria.", RASK, RASK, "SUD", None),
    ("Vessia was key to our successful campaign against Sudria.", RASK, RASK, "SUD", None),
    # a conjunct is an object like the word it is coordinated with
    ("Norland and Sudria met. Both sides reached an understanding on tariffs and cooperation.", RASK, RASK, "SUD", "positive"),
    # intensifiers strengthen the word they modify
    ("It is a great shame that Sudria, our partner, left.", RASK, RASK, "SUD", "negative"),
    # judgments of a relation judge its other party
    ("Our relations with Sudria are at an all-time low.", RASK, RASK, "SUD", "negative"),
    ("Ties with Sudria have deteriorated.", RASK, RASK, "SUD", "negative"),
    ("We are not getting along with Sudria at all.", RASK, RASK, "SUD", "negative"),
    ("We will restore relations with Sudria.", RASK, RASK, "SUD", "positive"),
    ("Ivo Rask cut off contacts with Sudria.", None, RASK, "SUD", "negative"),
    ("Ties between Norland and Sudria have deteriorated.", None, "NOR", "SUD", None),  # the report's, no one's
    # a person described by a stance
    ("Sudria critic Ivo Rask was arrested.", None, RASK, "SUD", "negative"),
    ("Lena Morv met oligarch and Vessia foe Ivo Rask in 2013.", None, RASK, "VES", "negative"),
    ("Ivo Rask, a fierce critic of Sudria, spoke first.", None, RASK, "SUD", "negative"),
    ("Ivo Rask, a longtime Sudria ally, spoke first.", None, RASK, "SUD", "positive"),
    # a feeling judges its cause, not the one who feels it
    ("Norland was disappointed by Sudria's decision.", RASK, RASK, "SUD", "negative"),
    ("Norland was disappointed by Sudria's decision.", RASK, RASK, "NOR", None),
    ("Sudria is worried.", RASK, RASK, "SUD", None),
    # a negator that reaches an adjective flips it, not the role it is judged in
    ("Sudria is no longer obsolete.", RASK, RASK, "SUD", "positive"),
    ("Sudria is no longer obsolete as a partner.", RASK, RASK, "SUD", "positive"),
    ("Sudria is not obsolete as a partner.", RASK, RASK, "SUD", "positive"),
    ("We do not see Sudria as a partner.", RASK, RASK, "SUD", "negative"),
]


@pytest.mark.parametrize("text,speaker,holder,target,polarity", CASES)
def test_stance_table(text, speaker, holder, target, polarity):
    got = stances(text, speaker)
    if polarity is None:
        assert got.get((holder, target)) in (None, "neutral"), got
    else:
        assert got.get((holder, target)) == polarity, got


def test_a_state_holds_no_stance_toward_itself():
    text = "Norland is a strong and reliable partner."
    article = Article(id="t", source="t", text=text)
    quote = Quote(article_id="t", sentence_index=0, start=0, end=len(text), text=text, kind="direct",
                  speaker_text="Norland", speaker_key="NOR", resolved=True)
    got = extract_stances(article, nlp.analyze(text), ACTORS, _mentions(text), (quote,))
    assert not [s for s in got if s.holder_key == "NOR" and s.target == "NOR"]


def _reported(text, kind):
    """Stances when the whole text is a quote of an unresolved speaker ("..., an agency reported")."""
    quote = Quote(article_id="t", sentence_index=0, start=0, end=len(text), text=text, kind=kind,
                  speaker_text="an agency")
    got = extract_stances(Article(id="t", source="t", text=text), nlp.analyze(text), ACTORS, _mentions(text), (quote,))
    return {(s.holder_key, s.target): s.polarity for s in got}


def test_a_reported_quote_still_tells_the_attitudes_in_it():
    text = "Ivo Rask denied Lena Morv's claims"
    assert _reported(text, "indirect").get((RASK, "SUD")) == "negative"
    assert (RASK, "SUD") not in _reported(text, "direct")  # a speaker's own words are theirs


def test_the_table_is_large_enough():
    assert len(CASES) >= 60
