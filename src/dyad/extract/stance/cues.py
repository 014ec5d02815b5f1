"""The stance extractor's data, loaded once: the polarity lexicon (``data/lexicon.tsv``), its
cue lists (``data/cues.json``: negators, concession marks, ...) and word lists
(``data/words.json``)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from dyad.extract import lexicon

WORDS = lexicon.words(Path(__file__).resolve().parent / "data" / "words.json")
DATA = Path(__file__).parent / "data"


def _load_lexicon(path: Path) -> tuple[dict[str, float], frozenset[str]]:
    out: dict[str, float] = {}
    flags: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, score, *flag = line.split("\t")
            out[word.strip().lower()] = float(score)
            if flag:
                flags[word.strip().lower()] = flag[0].strip()
    return out, flags


LEXICON, FLAGS = _load_lexicon(DATA / "lexicon.tsv")
MODIFIERS = frozenset({"poss", "amod", "compound", "nmod", "nn"})
OBJECTS = frozenset({"dobj", "pobj", "attr", "oprd", "dative"})
OWNER_PREPS = WORDS["owner_preps"]
HOSTILE_FRAMES = WORDS["hostile_frames"]
FIRST_PERSON = WORDS["first_person"]
THIRD_PERSON_POSSESSIVES = WORDS["third_person_possessives"]
HOSTILE_PREPS = WORDS["hostile_preps"]
LOCATIVE_PREPS = WORDS["locative_preps"]
CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# clauses a negator above them does not reach ("did not attack when Norland helped")
SCOPE_BOUNDARY = frozenset({"advcl", "relcl", "parataxis", "appos"})
SCOPE_ARCS = 4  # how deep below what it negates a negator still reaches
CUES = json.loads((DATA / "cues.json").read_text(encoding="utf-8"))
NEGATORS = frozenset(CUES["negators"])
NON_NEGATING = tuple(tuple(p.split()) for p in CUES["non_negating"])
INTENSIFYING_NEGATORS = frozenset(CUES["intensifying_negators"])
DEGREE_NEGATORS = frozenset(CUES["degree_negators"])
DEGREE_WORDS = frozenset(CUES["degree_words"])
MODAL_INTENSIFIERS = frozenset(CUES["modal_intensifiers"])
COMPARATIVE_QUANTIFIERS = frozenset(CUES["comparative_quantifiers"])
CONCESSIVE_MARKS = tuple(tuple(p.split()) for p in CUES["concessive_marks"])
CONCESSIVE_PREPS = tuple(tuple(p.split()) for p in CUES["concessive_preps"])
CONCESSIVE_WEIGHT = float(CUES["concessive_weight"])
NEG_RAISING = frozenset(CUES["neg_raising"])
ADJUNCT_PREPS = tuple(tuple(p.split()) for p in CUES["adjunct_preps"])
OPINION_MARKERS = tuple(CUES["opinion_markers"])
MIN_OPINION_MARKERS = int(CUES["min_opinion_markers"])
THRESHOLD = float(CUES["threshold"])
ADJECTIVE_ONLY = frozenset(CUES["adjective_only"])
IRONIC_MARKS = tuple(tuple(p.split()) for p in CUES["ironic_marks"])
PATIENT_PREPS = frozenset(CUES["patient_preps"])
INTENSIFIERS = frozenset(CUES["intensifiers"])
INTENSIFIER_WEIGHT = float(CUES["intensifier_weight"])
PRONOUN_SPEAKERS = frozenset(["i", "me", "we", "us", "you", "he", "him", "she", "her", "they", "them", "it", "who", "this", "that"])
SLUG = re.compile(r"[^a-z0-9]+")
