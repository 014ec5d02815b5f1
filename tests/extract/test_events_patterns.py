"""Table-driven tests for the general event and group-actor patterns (fictional sentences)."""
from __future__ import annotations

import pytest

from dyad.extract.actors import extract_actors
from dyad.extract.events import extract_events
from dyad.nlp import analyze
from dyad.records import Article


def events_of(text: str):
    article = Article(id="t", source="t", text=text)
    analysis = analyze(text)
    actors, mentions = extract_actors(article, analysis)
    return extract_events(article, analysis, actors, mentions)


# (text, plover, cameo root, source codes, target codes, modality or None when not checked)
PATTERNS = [
    ("Chile returned two Peruvian fishing boats to Peru on Monday.", "CONCEDE", "08", ("CHL",), ("PER",), "asserted"),
    # an act announced by its own actor is coded as intent; a conflictual or conditional one as a threat
    ("Chile said it would release the Peruvian prisoners.", "AGREE", "03", ("CHL",), ("PERCVL",), "asserted"),
    ("Ghana said it would close its border with Togo unless Lome ended the raids.",
     "THREATEN", "13", ("GHA",), ("TGO",), "asserted"),
    # a threat's target from its if/unless clause
    ("Senegal threatened to boycott the summit unless Mali freed the hostages.",
     "THREATEN", "13", ("SEN",), ("MLI",), "asserted"),
    # a protest staged to demand something takes the demand's target
    ("Thousands of Kenyan students staged demonstrations to demand the resignation of the Ugandan government.",
     "PROTEST", "14", ("KENCVL",), ("UGAGOV",), "asserted"),
    # demonym + group noun: police, protesters, rebels, army, opposition
    ("Peruvian police arrested Bolivian protesters on Monday.", "COERCE", "17", ("PERCOP",), ("BOLCVL",), "asserted"),
    ("Ugandan rebels clashed with the army in the north.", "ASSAULT", "19", ("UGAREB",), ("UGAMIL",), "asserted"),
    ("The Ugandan opposition accused the government of fraud.", "ACCUSE", "11", ("UGAOPP",), ("UGAGOV",), "asserted"),
    # a group placed by "in <city>"; a protest needs no target
    ("Demonstrators in Lusaka blocked roads on Monday.", "PROTEST", "14", ("ZMBCVL",), (), "asserted"),
    # international organisations
    ("The European Community gave Ghana 5 million dollars of aid.", "AID", "07", ("EU",), ("GHA",), "asserted"),
    ("Amnesty International accused the Malian government of torture.",
     "ACCUSE", "11", ("AMN",), ("MLIGOV",), "asserted"),
    # restrictions and deployments: the place is the target
    ("Israel lifted a curfew in the West Bank on Sunday.", "CONCEDE", "08", ("ISR",), ("PSE",), "asserted"),
    ("Syria deployed troops in Lebanon.", "MOBILIZE", "15", ("SYR",), ("LBN",), "asserted"),
    # describe ... as + a negative label; "the attack" takes the last attacker
    ("Kenya described Somalia's incursion as a violation of its sovereignty.",
     "ACCUSE", "11", ("KEN",), ("SOM",), "asserted"),
    ("Gunmen from Chad attacked a Sudanese village. Sudan condemned the attack.",
     "ACCUSE", "11", ("SDN",), ("TCDREB",), "asserted"),
    # "between A and B" gives the parties of a reciprocal act
    ("There is hope for the signing of a trade treaty between Peru and Chile.",
     "SUPPORT", "05", ("PER",), ("CHL",), "hypothetical"),
    # the means of an act takes the act's agent and target
    ("The Danish government is trying to pressure Norway through the imposition of sanctions.",
     "SANCTION", "16", ("DNKGOV",), ("NOR",), None),
    # an act hanging from a possessed noun: the possessor acts
    ("Brazil's role in opposing the Argentine plan was decisive.", "REJECT", "12", ("BRA",), ("ARG",), "asserted"),
    # a pronoun in reported speech: the speaker; the addressee of the conversation is the target
    ("The Greek president said in a telephone conversation with Cypriot President Andreas Kostas that he "
     "welcomes the proposal.", "SUPPORT", "05", ("GRCGOV",), ("CYPGOV",), "asserted"),
    ("Egypt said Israel must withdraw from Gaza.", "REQUEST", "10", ("EGY",), ("ISR",), "asserted"),
    # one protest told in two predicates is one event
    ("Malian workers began a hunger strike on Monday in protest against the Guinean government.",
     "PROTEST", "14", ("MLILAB",), ("GINGOV",), "asserted"),
    # readiness, plans and vows: an intent to cooperate, or a threat when the act is conflictual
    ("Chile is prepared to impose a curfew in Peru.", "THREATEN", "13", ("CHL",), ("PER",), "asserted"),
    ("Chile is ready to host talks between Peru and Bolivia.", "AGREE", "03", ("CHL",), ("PER", "BOL"), None),
    ("The Malian army prepared to resume shelling Guinean positions.", "MOBILIZE", "15", ("MLIMIL",), ("GIN",), None),
    ("Norway plans to impose sanctions on Chile.", "THREATEN", "13", ("NOR",), ("CHL",), None),
    # a future act told by someone else is announced intent: "X will provide aid, Y said"
    ("Sweden will provide food aid to Chad, the Red Cross said.", "AGREE", "03", ("SWE",), ("TCD",), "asserted"),
    # new predicates: summon, seek refuge, orders
    ("Chile summoned Peru's ambassador on Monday.", "ACCUSE", "11", ("CHL",), ("PERGOV",), "asserted"),
    ("Thousands of Malians sought refuge in Senegal.", "REQUEST", "10", ("MLI",), ("SEN",), "asserted"),
    # a complaint's target is what it is about, not its addressee
    ("Chad complained to the United Nations over Libyan air raids.", "ACCUSE", "11", ("TCD",), ("LBY",), "asserted"),
    # a demand noun with its clause; the demanded act is no event of its own
    ("The ILO repeated its demand that Chile free the strikers.", "REQUEST", "10", ("ILO",), ("CHL",), "asserted"),
    # named groups without a country, and peoples coded where they live
    ("UNITA rejected a Zambian peace plan.", "REJECT", "12", ("AGOREB",), ("ZMB",), "asserted"),
    ("Ethnic Hungarians in Slovakia demanded autonomy from the Slovak government.",
     "REQUEST", "10", ("SVKCVL",), ("SVKGOV",), "asserted"),
    ("Chadian rebels accused the government of fraud.", "ACCUSE", "11", ("TCDREB",), ("TCDGOV",), "asserted"),
    # "is opposed to": the subject holds the position
    ("Chile is opposed to Peruvian mediation.", "REJECT", "12", ("CHL",), ("PER",), "asserted"),
    # coordinated modifiers share the head noun; the parties of a reciprocal act have no target
    ("Senior Chilean and Peruvian officials agreed that trade should grow.", "AGREE", "03",
     ("CHL", "PERGOV"), (), "asserted"),
    # troops that arrive are deployed; peacekeepers protect
    ("Nigerian peacekeeping troops arrived in Liberia on Monday.", "AID", "07", ("NGAMIL",), ("LBR",), "asserted"),
    # an organisation expelled is a sanction (CAMEO 166), a person expelled a coercion
    ("Chad forced the UNHCR out of the country.", "SANCTION", "16", ("TCD",), ("UNHCR",), "asserted"),
    # a bombing with no named attacker: the place's country acts (CAMEO's unidentified forces)
    ("A roadside bomb near the town of Kandahar killed two Canadian soldiers.",
     "ASSAULT", "18", ("AFG",), ("CANMIL",), "asserted"),
    # an act that eases a restriction in a named place takes the place's country
    ("The Sudanese government lifted a state of emergency in West Darfur.", "CONCEDE", "08", ("SDNGOV",), ("SDN",),
     "asserted"),
    # an attack on a named place, or on people the text does not code, in another country
    ("Serbian forces shelled the town of Gorazde on Sunday.", "ASSAULT", "19", ("SRBMIL",), ("BIH",), "asserted"),
    ("Two Syrian gunmen killed 12 people in Tel Aviv.", "ASSAULT", "18", ("SYRREB",), ("ISR",), "asserted"),
    # withdrawing inspectors or aid workers cuts ties; announced, it is a threat
    ("Norway will withdraw its aid workers from Chad, the minister said.",
     "THREATEN", "13", ("NOR",), ("TCD",), "asserted"),
    # the actor of a complement clause two levels down: "refused to allow X to land"
    ("UNITA refused to allow United Nations planes to land.", "REJECT", "12", ("AGOREB",), ("UN",), "asserted"),
    # a purpose clause belongs to the intent it serves
    ("Norway is willing to send material to help defend Chad.", "AGREE", "03", ("NOR",), ("TCD",), None),
    # the parties of "between A and B" on a reciprocal verb with no subject
    ("The treaty was signed in Accra between Ghana and Togo on Monday.", "SUPPORT", "05", ("GHA",), ("TGO",), "asserted"),
    ("A ceasefire agreement was signed between Chad and Sudan.", "SUPPORT", "05", ("TCD",), ("SDN",), "asserted"),
    # "the two countries", "both sides": the last two states named before
    ("Chile and Peru settled their border dispute. The two countries signed a trade treaty on Monday.",
     "SUPPORT", "05", ("PER", "CHL"), (), "asserted"),
    ("The Chilean president praised the Peruvian foreign minister. Both sides discussed fishing rights.",
     "CONSULT", "04", ("PERGOV", "CHLGOV"), (), "asserted"),
    # a hyphenated pair of names is a coordination
    ("Chile-Peru talks resumed in Lima on Monday.", "CONSULT", "04", ("CHL", "PER"), (), None),
    # the agent of a participle on an event noun; a subject that undergoes the act
    ("Ghana faces sanctions imposed by the European Union.", "SANCTION", "16", ("EU",), ("GHA",), "asserted"),
    ("Chile and Peru are both under sanctions imposed by Bolivia.", "SANCTION", "16", ("BOL",), ("CHL", "PER"),
     "asserted"),
    ("The Togolese embassy came under attack from Ghanaian rebels.", "ASSAULT", "19", ("GHAREB",), ("TGOGOV",), None),
    ("The United States levied new sanctions against Chile on Monday.", "SANCTION", "16", ("USA",), ("CHL",),
     "asserted"),
    ("Chile and Peru are both under Western sanctions.", "SANCTION", "16", ("WST",), ("CHL", "PER"), "asserted"),
    # a list the parser reads as an apposition with conjuncts
    ("Peru was sanctioned by the EU, the UK, and the US.", "SANCTION", "16", ("EU", "GBR", "USA"), ("PER",),
     "asserted"),
    # the owner of a noun with an infinitive, or the subject of the verb holding it
    ("The Chilean foreign minister stressed the need to expand cooperation with Peru.",
     "COOPERATE", "03", ("CHLGOV",), ("PER",), "asserted"),
    # agreements renewed, struck, ratified; leaving one is a rejection of the partner
    ("Chile and Peru extended their fishing treaty on Monday.", "SUPPORT", "05", ("CHL", "PER"), (), "asserted"),
    ("Chile struck a trade deal with Peru on Monday.", "SUPPORT", "05", ("CHL",), ("PER",), "asserted"),
    ("Chile ratified the treaty with Peru.", "SUPPORT", "05", ("CHL",), ("PER",), "asserted"),
    ("Chile withdrew from the fishing treaty with Peru on Monday.", "REJECT", "12", ("CHL",), ("PER",), "asserted"),
    ("Chile pulled out of the fishing treaty with Peru.", "REJECT", "12", ("CHL",), ("PER",), "asserted"),
    # a willingness expressed is intent, with the partner of the act it holds
    ("Chile expressed its willingness to expand trade with Peru.", "AGREE", "03", ("CHL",), ("PER",), "asserted"),
    # a strike with military words is an attack; a conflict only when armed
    ("The armed conflict between Chile and Peru began in May.", "ASSAULT", "19", ("CHL",), ("PER",), "asserted"),
    ("The United States designated the Chilean navy a terrorist organisation.", "SANCTION", "16", ("USA",),
     ("CHLMIL",), "asserted"),
    # senses: a strike on a target or by a state is an attack; a threat noun holds its act
    ("A Chilean strike on Peruvian positions killed two soldiers.", "ASSAULT", "19", ("CHL",), ("PER",), "asserted"),
    ("Peruvian workers began a general strike against the government.", "PROTEST", "14", ("PERLAB",), ("PERGOV",),
     "asserted"),
    ("Chile repeated its threat to close the border with Peru.", "THREATEN", "13", ("CHL",), ("PER",), "asserted"),
    # the holder of a light verb's event noun acts; a need voiced by an actor is an event
    ("The Chilean president had a phone conversation with the Peruvian president.", "CONSULT", "04",
     ("CHLGOV",), ("PERGOV",), "asserted"),
    ("Chile stressed the need for consultations with Peru.", "CONSULT", "04", ("CHL",), ("PER",), None),
    ("A Chilean missile strike on Peruvian positions killed two soldiers.", "ASSAULT", "19", ("CHL",), ("PER",),
     "asserted"),
    # "denounced the new sanctions": the target is who imposed them
    ("Norway imposed new sanctions on Chile on Monday. The Chilean foreign ministry denounced the new sanctions.",
     "ACCUSE", "11", ("CHLGOV",), ("NOR",), "asserted"),
    # an offensive launched into a country, a withdrawal from one
    ("Chile began a military offensive into northern Peru on Wednesday.", "ASSAULT", "19", ("CHL",), ("PER",), None),
    ("On Sunday, Chile completed its withdrawal from Peru.", "RETREAT", "08", ("CHL",), ("PER",), None),
    # a vow or commitment needs no partner
    ("The Chilean government is committed to opening up the economy.", "AGREE", "03", ("CHLGOV",), (), None),
    # a thing done by someone names them: "crimes committed by X"
    ("Peruvian police launched an investigation into crimes committed by Chilean forces.", "ACCUSE", "09",
     ("PERCOP",), ("CHLMIL",), "asserted"),
    # "he", "his": the last coded person named before, when no speaker governs the clause
    ("Chilean President Ana Brel arrived in Lima. She also accused Peru of lying.", "ACCUSE", "11",
     ("CHLGOV",), ("PER",), "asserted"),
    ("Chilean President Ana Brel won the election. Her meeting with Peruvian officials lasted two hours.",
     "CONSULT", "04", ("CHLGOV",), ("PERGOV",), "asserted"),
    # an ability in the past tense is an act done
    ("Chile was able to reach an agreement with Peru on fishing.", "AGREE", "03", ("CHL",), ("PER",), "asserted"),
    # an attempted attack is an attack; an attempted deal is not a deal
    ("Chilean troops tried to shell Peruvian positions on Monday.", "ASSAULT", "19", ("CHLMIL",), ("PER",),
     "asserted"),
    # naming verbs accuse only with a negative label
    ("Chile called Peru a terrorist state.", "ACCUSE", "11", ("CHL",), ("PER",), "asserted"),
    ("Chile named Peru's government as a threat.", "ACCUSE", "11", ("CHL",), ("PERGOV",), "asserted"),
    # "spoke with" is a consultation
    ("The Chilean foreign minister spoke with his Peruvian counterpart.", "CONSULT", "04", ("CHLGOV",),
     ("PERGOV",), "asserted"),
    # a state after "on" under a verb of being takes the clause's place as target
    ("Chilean troops remained on alert in Peru today.", "MOBILIZE", "15", ("CHLMIL",), ("PER",), "asserted"),
]


@pytest.mark.parametrize("text,plover,root,sources,targets,modality", PATTERNS)
def test_patterns(text, plover, root, sources, targets, modality):
    events = events_of(text)
    hits = [e for e in events if e.plover == plover and e.root == root]
    assert hits, f"no {plover} in {[(e.plover, e.sources, e.targets) for e in events]}"
    e = hits[0]
    assert e.sources == sources and e.targets == targets
    assert modality is None or e.modality == modality


# (text, what must not be coded)
NOT_EVENTS = [
    ("Kenya described Somalia's offer as generous.", "ACCUSE"),  # no negative label
    ("Chile named Peru as its main partner.", "ACCUSE"),  # naming without a negative label
    ("Chile called Peru on Monday.", "STATEMENT"),  # "on Monday" is no "call on"
    # a habitual present is a disposition, no event
    ("Many ordinary Chileans invariably support Peru and condemn Bolivia.", "SUPPORT"),
    ("Many ordinary Chileans invariably support Peru and condemn Bolivia.", "ACCUSE"),
    ("Austria will help Hungary if Slovakia attacks it.", "ASSAULT"),  # a condition is no event
    ("Egypt said Israel must withdraw from Gaza.", "RETREAT"),  # the demand's content
    ("Zambia and Malawi held elections last March.", "PROTEST"),  # a month, not a march
    # background: a relative clause, a temporal clause, a purpose, a participle used as a noun
    ("Chile backed a UN resolution that aims to impose a blockade on Peru.", "COERCE"),
    ("Chile eased its curfew as Peruvian police cracked down on protesters.", "COERCE"),
    ("U.N. helicopters evacuated the wounded from the Bolivian town of Oruro.", "ASSAULT"),
    ("Chile promised to continue military aid to Peru.", "AID"),  # the promise's content
    ("Peru said Bolivia must be ready to mediate.", "AGREE"),  # the demand's content
    ("Chile and Peru must update the fishing treaty, the Chilean minister said.", "REQUEST"),  # a proposal
    ("Chile's foreign minister returned from Lima on Friday.", "CONCEDE"),  # travel, not a return of something
    # a state of relations is no event unless told as growing or wanted
    ("Chile and Peru have a long history of cooperation in fishing.", "COOPERATE"),
    ("The rift and conflict between Chile and Peru grew on Monday.", "ASSAULT"),  # a political conflict
    ("Chile withdrew its troops from Peru.", "REJECT"),  # a pull-back, not leaving an agreement
    # senses: a danger is no threat made, information is no aid, a state returned is readmitted
    ("Chile helped defeat the threat of terrorism in Peru.", "THREATEN"),
    ("Chile poses a threat to Peru.", "THREATEN"),
    ("Chile provided the text of a draft resolution to Peru.", "AID"),
    ("Chile gave Peru details of the plan.", "AID"),
    ("Chile wants to return Peru to the regional body.", "CONCEDE"),
    ("Chile repeated its threat to close the border with Peru.", "SANCTION"),  # the threat's content
    # an act only said to be needed, by nobody
    ("The crisis has doubled the need for consultations between Chile and Peru.", "CONSULT"),
    ("This level of relations requires the two sides to hold regular talks with Peru.", "CONSULT"),
    ("Peruvian pilots trained in Chile to fly the new fighter jets.", "CONSULT"),  # flying a plane is no trip
    # "pro-" and "anti-" name whom a thing favours, not whose it is
    ("Peruvian students condemned the pro-Chile policies of the government.", "ACCUSE"),
]


@pytest.mark.parametrize("text,plover", NOT_EVENTS)
def test_not_events(text, plover):
    assert plover not in {e.plover for e in events_of(text)}


def test_one_protest_per_telling():
    events = events_of("Malian workers began a hunger strike on Monday in protest against the Guinean government.")
    assert len([e for e in events if e.plover == "PROTEST"]) == 1


# (text, mention text, actor code)
GROUPS = [
    ("Ghanaian authorities deported the crew.", "Ghanaian authorities", "GHAGOV"),
    ("The Ugandan opposition boycotted the vote.", "Ugandan opposition", "UGAOPP"),
    ("Peruvian police fired tear gas.", "Peruvian police", "PERCOP"),
    ("Ghana deported 168 Liberians.", "Liberians", "LBR"),
    ("The European Community met in Brussels.", "The European Community", "EU"),
    ("The APEC forum agreed to meet in Tokyo.", "The APEC forum", "APEC"),
    ("Demonstrators in Baghdad blocked a road.", "Demonstrators", "IRQCVL"),
    ("Rebels attacked a village in Chad on Monday.", "Rebels", "TCDREB"),  # the only country in the text
    ("Hamas fired rockets.", "Hamas", "PSEREB"),
    ("The Kurdistan Workers' Party declared a truce.", "Kurdistan Workers' Party", "TURREB"),
    ("The Albanians of southern Serbia voted.", "Albanians", "SRBCVL"),
    ("Darfur rebels attacked a convoy.", "rebels", "SDNREB"),
    ("Iraqi Kurds voted on Sunday.", "Iraqi Kurds", "IRQCVL"),
]


@pytest.mark.parametrize("text,mention,code", GROUPS)
def test_group_mentions(text, mention, code):
    article = Article(id="g", source="g", text=text)
    actors, mentions = extract_actors(article, analyze(text))
    by_key = {a.key: a for a in actors}
    got = {(m.text, by_key[m.actor_key].code) for m in mentions}
    assert (mention, code) in got, got


def test_group_noun_waits_when_two_countries_are_named():
    text = "Rebels attacked a village near the border between Chad and Sudan."
    article = Article(id="g", source="g", text=text)
    actors, mentions = extract_actors(article, analyze(text))
    assert not [m for m in mentions if m.text == "Rebels"]


def test_two_titled_names_joined_inside_a_title_are_both_sources():
    # the parser hangs "Ana Brel and ... President" inside the compound title of the second name
    events = events_of("Chilean President Ana Brel and Peruvian President Tomas Ferrer spoke on the phone on Sunday.")
    calls = [e for e in events if e.plover == "CONSULT" and e.cameo == "041"]
    assert calls and {"CHLGOV", "PERGOV"} <= set(calls[0].sources)
