"""Speaker attribution, one construction per row: invented sentences, fictional people.

Each row runs the parse, the actor layer and the quote rules, then looks up the quote that holds
``words`` and compares its speaker (the resolved actor's name, else the phrase as written).
"""
from __future__ import annotations

import pytest

from dyad import nlp
from dyad.extract.actors import extract_actors
from dyad.extract.quotes import extract_quotes
from dyad.records import Article


def _speaker_of(text: str, words: str) -> str | None:
    article = Article(id="t", source="t", text=text)
    analysis = nlp.analyze(text)
    actors, mentions = extract_actors(article, analysis)
    names = {a.key: a.name for a in actors}
    quotes = extract_quotes(article, analysis, actors, mentions)
    hits = [q for q in quotes if words in text[q.start : q.end]]
    assert hits, [(q.text, q.speaker_text) for q in quotes]
    q = hits[0]
    return names.get(q.speaker_key or "") or q.speaker_text


# construction, text, words inside the quote, expected speaker
ROWS = [
    # the subject as written
    ("name said that", "Tomas Varga said that the border would stay open.", "border would stay", "Tomas Varga"),
    ("name told object that", "Anna Kowal told reporters that the deal was off.", "deal was off", "Anna Kowal"),
    ("direct quote, name said", "“We will not give in,” Lena Morro said.", "not give in", "Lena Morro"),
    ("direct quote, said name", "“We will not give in,” said Lena Morro.", "not give in", "Lena Morro"),
    ("colon after cue", "Piet Oster said: “The reform comes first.”", "reform comes first", "Piet Oster"),
    ("split direct quote", "“We tried,” said Jon Bek, “but nobody listened.”", "nobody listened", "Jon Bek"),
    ("perfect tense", "Mara Lind has warned that prices will rise.", "prices will rise", "Mara Lind"),
    ("modal cue", "Ivo Rask would later say that the plan had failed.", "plan had failed", "Ivo Rask"),
    ("according to name", "According to Olga Brandt, the talks will resume in May.", "talks will resume", "Olga Brandt"),
    ("according to, after", "The talks will resume in May, according to Olga Brandt.", "talks will resume", "Olga Brandt"),
    # titles and affiliations inside the speaker phrase
    ("title before name", "Foreign Minister Ana Ruiz said the embassy would reopen.", "embassy would reopen", "Ana Ruiz"),
    ("title with 'to' phrase", "Ambassador to Peru Ana Ruiz said the embassy would reopen.", "embassy would reopen",
     "Ana Ruiz"),
    ("country title 'to' phrase", "Norwegian Ambassador to Chile Lars Vik has underlined the need for new talks.",
     "the need for new talks", "Lars Vik"),
    ("organisation title 'to' phrase",
     "Ruritanian Ambassador to the United Nations Ivan Petrov said the report was false.", "report was false",
     "Ivan Petrov"),
    ("long office title", "Deputy Prime Minister Helga Storm said the budget was balanced.", "budget was balanced",
     "Helga Storm"),
    ("honorific", "Dr. Amal Haddad said the vaccine was safe.", "vaccine was safe", "Amal Haddad"),
    ("party in parentheses", "“We lost the vote,” said Rep. Jane Doe (D-Md.).", "lost the vote", "Jane Doe"),
    ("party in parentheses, name first", "Sen. John Roe (R-Ohio) said the bill would pass.", "bill would pass",
     "John Roe"),
    ("affiliation in parentheses", "Karl Uhl (Green Party) said the tax was unfair.", "tax was unfair", "Karl Uhl"),
    # named appositives win over the description they follow
    ("appositive after description",
     "A spokesman for the ministry, Maria Volkova, said that the agent had been produced abroad.",
     "produced abroad", "Maria Volkova"),
    ("appositive after possessive description",
     "Varga's mother, Edit Varga, said that she had forgiven the driver.", "forgiven the driver", "Edit Varga"),
    ("appositive, direct quote after",
     "The mayor of Lund, Jens Olsen, said: “We will rebuild the bridge.”", "rebuild the bridge", "Jens Olsen"),
    ("appositive, direct quote before",
     "“The bridge will be rebuilt,” the mayor of Lund, Jens Olsen, said.", "bridge will be rebuilt", "Jens Olsen"),
    ("appositive with indefinite office",
     "A presidential aide, Igor Sokol, said that imports could be taxed.", "imports could be taxed", "Igor Sokol"),
    ("appositive with 'former'",
     "A former envoy, Nadia Lamb, warned that the ceasefire would not hold.", "ceasefire would not hold",
     "Nadia Lamb"),
    ("appositive, participle cue",
     "The ministry's spokesman, Omar Said, denied the claims, saying that the video was fake.",
     "video was fake", "Omar Said"),
    ("name, then appositive description",
     "Ruth Abel, a physicist at the Delft institute, said the results were sound.", "results were sound",
     "Ruth Abel"),
    ("name, long appositive with relative clause",
     "Ruth Abel, a physicist whose work was funded by the state, said the results were sound.",
     "results were sound", "Ruth Abel"),
    # relative pronouns
    ("relative 'who'", "The panel heard from Tariq Aziz, who said the dam was unsafe.", "dam was unsafe",
     "Tariq Aziz"),
    ("relative 'who' after appositive",
     "Dara Quinn met the envoy, Matthew Rook, who had said that the bill failed.", "bill failed",
     "Matthew Rook"),
    ("relative 'who' after title", "It was Senator Ella Hart who said the law was flawed.", "law was flawed",
     "Ella Hart"),
    # participles and their subjects
    ("participle adding", "Jon Bek noted that the vote failed, adding that he would try again.", "try again",
     "Jon Bek"),
    ("participle saying after object", "Dana Moss sent two letters to the council saying that the claims were false.",
     "claims were false", "Dana Moss"),
    ("participle after 'by'", "Eli Grant continued by saying that the plan was dead.", "plan was dead", "Eli Grant"),
    ("cue joined inside the reported clause",
     "Noor Rahman said that relations were at a low and warned that sanctions would follow.",
     "sanctions would follow", "Noor Rahman"),
    ("participle beside a parenthetical cue",
     "Kovia, Ivo Rask noted, had vetoed the plan, adding that he was not surprised.", "not surprised",
     "Ivo Rask"),
    ("the clause after the cue, not one before it",
     "Writing for a panel that agreed Kovia won the debate, Ada Price noted that the plan was sound.",
     "plan was sound", "Ada Price"),
    ("clause after a semicolon", "The vote was close; Ida Holm says the count will be repeated.",
     "count will be repeated", "Ida Holm"),
    # speakers named by the layout
    ("signature after a dash", "“We were promised a school and got a car park.” ― Maria Lopez, Lund",
     "got a car park", "Maria Lopez"),
    ("signature after an uncued quote that follows another speaker",
     "“The rest is up to them,” said Ola Brekke.\n\n“We were promised a school and got a car park.” ― Maria Lopez",
     "got a car park", "Maria Lopez"),
    ("transcript label", "HOLM: We will not sign this treaty today.\n\nBEK: Then we will walk away from the table.",
     "walk away", "BEK"),
    ("transcript label in a quoted transcript",
     "Part of the transcript follows.\n\n\"HOLM: We will not sign this treaty today, or tomorrow either.",
     "not sign this treaty", "HOLM"),
    ("headline label", "Varga: The border will stay open.\n\nTomas Varga spoke in Lund on Monday.",
     "border will stay open", "Tomas Varga"),
    # parenthetical cues and introducing clauses
    ("parenthetical cue", "The plan, Ivo Rask said, will fail within a year.", "fail within a year", "Ivo Rask"),
    ("colon after a non-cue verb", "Ada Price defended the plan: “It is the only way forward for all of us.”",
     "only way forward", "Ada Price"),
    ("comma after a non-cue verb",
     "Ada Price, also on television, defended her decision, “We had no other choice in the matter.”",
     "no other choice", "Ada Price"),
    ("verb cue beats 'according to' a report",
     "Eli Grant said the drones were built abroad, according to a report by the Daily Post.",
     "drones were built", "Eli Grant"),
    ("subject after a direct quote and cue", "“This is the end,” declared Hana Ito.", "This is the end", "Hana Ito"),
    # an object does what the verb's complement says; the idiom 'as X put it'
    ("object control", "The committee forced Anna Kowal to admit that the funds had been lost.",
     "funds had been lost", "Anna Kowal"),
    ("a cue above keeps its subject", "Ida Holm asked the crowd to welcome the new mayor.", "welcome the new mayor",
     "Ida Holm"),
    ("a purpose is no control", "Lena Morro emailed Tomas Varga to thank him for the report.", "the report",
     "Lena Morro"),
    ("as X put it", "As Lena Morro put it in a letter to the council last week, “nobody asked the farmers.”",
     "nobody asked", "Lena Morro"),
    # pronouns: agreement and distance
    ("pronoun, one person", "Ana Ruiz arrived on Monday.\n\n“The talks went well,” she said.", "talks went well",
     "Ana Ruiz"),
    ("pronoun agrees in gender (Mrs)",
     "Mrs Ana Ruiz met Mr Pavel Novak.\n\n“The talks went well,” she said.", "talks went well", "Ana Ruiz"),
    ("pronoun agrees in gender (Mr)",
     "Mr Pavel Novak met Mrs Ana Ruiz.\n\n“The talks went well,” he said.", "talks went well", "Pavel Novak"),
    ("pronoun takes the previous sentence's subject",
     "“It is over,” said Lena Morro. Daniel Brooks rounded on the committee. “You are scared,” he shouted.",
     "You are scared", "Daniel Brooks"),
    ("pronoun takes the previous speaker",
     "Pavel Novak met Ivo Rask. Novak said that the talks had failed. He added that a deal was far off.",
     "deal was far off", "Pavel Novak"),
    ("pronoun in relative clause takes the sentence subject",
     "Ivo Rask met the press in Lund.\n\nOla Brekke has threatened to leave the union, which he said could "
     "no longer handle the debt.", "no longer handle", "Ola Brekke"),
    ("pronoun not taken from a possessor inside the reported clause",
     "Ada Price said that Eli Grant had resigned.\n\n“I am sorry to see him go,” she said.", "sorry to see him go",
     "Ada Price"),
    ("pronoun gender from a title before the name",
     "Ana Ruiz met Mr. Novak on Monday.\n\nMr. Novak said the talks had failed. “It went well,” she said.",
     "It went well", "Ana Ruiz"),
    ("pronoun takes a subject earlier in its sentence, the main verb's or not",
     "Senator Maria Lopez (D-Ore.) met the banker on Monday.\n\nProfessor Tomas Varga spoke first. Lopez "
     "scolded him: “You misled the committee about the money,” she said.", "misled the committee", "Maria Lopez"),
    ("subject pronoun of an introducing clause",
     "Ali Karimi ordered three days of mourning. In his message, he praised the general: “He was a stellar "
     "example to us all.”", "stellar example", "Ali Karimi"),
    # descriptions referring back
    ("definite description with a role",
     "Claire Dumas, the foreign minister, spoke on Monday.\n\nThe minister said the border would reopen.",
     "border would reopen", "Claire Dumas"),
    ("definite description, previous speaker",
     "Omar Haddad said the talks were useful. “We agreed on a lot,” the diplomat said.", "agreed on a lot",
     "Omar Haddad"),
    ("demonstrative description",
     "Ivan Petrov said relations were improving. This senior official also said that a deal was near.",
     "deal was near", "Ivan Petrov"),
    ("description after a participle chain",
     "Omar Haddad said the meeting was long. The senior diplomat continued by saying that the parties had agreed.",
     "parties had agreed", "Omar Haddad"),
    ("surname repeats the person", "Tomas Varga met the press. Varga later said the border would stay open.",
     "border would stay", "Tomas Varga"),
    ("surname spelt with one letter changed",
     "Military spokesman Yahya Sarea said the attack had worked.\n\n“These attacks are our right,” Saree said.",
     "attacks are our right", "Yahya Sarea"),
    ("possessor is not the speaker", "Tomas Varga lost the case. Varga's lawyer said the ruling was unjust.",
     "ruling was unjust", "Varga's lawyer"),
    ("introducing description stays unresolved",
     "Ada Price said the vote was fair. The chairman of the audit committee said that the count was flawed.",
     "count was flawed", "The chairman of the audit committee"),
    # speakers that are not persons, and quotes without a speaker nearby
    ("organisation speaker", "The ministry said that the border would stay closed.", "border would stay",
     "The ministry"),
    ("uncued quote paragraph keeps the speaker", "“We are ready,” said Ola Brekke.\n\n“The rest is up to them.”",
     "rest is up to them", "Ola Brekke"),
    ("subjectless cue after a name", "“The facts have not changed,” Hope Larsen told the party forum.",
     "facts have not changed", "Hope Larsen"),
    ("two speakers in turn",
     "“We will fight,” said Ada Price. “We will negotiate,” said Eli Grant.", "We will negotiate", "Eli Grant"),
    ("quote between two cues goes to its own",
     "Ada Price said the vote was fair. “It was a disgrace,” Eli Grant replied.", "It was a disgrace",
     "Eli Grant"),
    # subjectless participles and split subjects
    ("quoted word parsed as a second subject",
     "“He would be a fine judge. One of the best in the state,” Rep. Mira Holt said in an interview.",
     "fine judge", "Mira Holt"),
    ("participle after 'stopped short of'",
     "Ivo Rask criticised the ruling but stopped short of calling the judges biased.", "biased",
     "Ivo Rask"),
    ("participle under a preposition, passive main clause",
     "After saying her knee was “badly swollen,” Lena Morro was taken to hospital.", "badly swollen",
     "Lena Morro"),
    ("sentence-opening participle",
     "Claiming the count was flawed, Tomas Varga told the court that the result must be annulled.",
     "the count was flawed", "Tomas Varga"),
    ("cue and colon closing the paragraph before the quote",
     "Piet Oster spoke next.\n\nOster said:\n\n“The reform comes first, and the budget will follow.”",
     "reform comes first", "Piet Oster"),
]


@pytest.mark.parametrize("construction,text,words,speaker", ROWS, ids=[r[0] for r in ROWS])
def test_speaker(construction, text, words, speaker):
    assert _speaker_of(text, words) == speaker


def test_the_table_is_large():
    assert len(ROWS) >= 60 and len({r[0] for r in ROWS}) == len(ROWS)
