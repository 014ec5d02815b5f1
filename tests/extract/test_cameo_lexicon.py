"""The CAMEO verb table derived from PETRARCH-2's CAMEO.2.0.txt (``events/data/cameo_verbs.tsv``).

``tools/derive_cameo_lexicon.py`` writes it; these tests read only the committed table, except the
last, which re-derives it from ../shared and expects the same bytes. The known entries were
checked in CAMEO.2.0.txt at the pinned commit: RATIFY ``- * &TREATY [057]``; EXPEL in the DEPORT
[174] block; VETO in the PROHIBIT [172] block with ``- * &SOLUTION [129]`` (&SOLUTION holds
RESOLUTION); ``SUMMON [040]``; IMPOSE ``- * SANCTIONS [163]``; CALL ``- * (FOR &CEASEFIRE) [0256]``
and ``+CALL_OFF [160]``; STRIKE ``- * DEAL [057]``; VISIT [042:043]; HOST [043:042].
"""
from __future__ import annotations

import functools
import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

import dyad
from tests.shared import MIT_NOTICE, shared

TABLE = Path(dyad.__file__).resolve().parent / "extract" / "events" / "data" / "cameo_verbs.tsv"
TOOL = Path(__file__).resolve().parents[2] / "tools" / "derive_cameo_lexicon.py"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
COLUMNS = "#phrase\tpos\tcameo\tplover\tquad\tintensity\tflags"
CAMEO = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{1,2}$")
PLOVER = {"STATEMENT", "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT",
          "ACCUSE", "REQUEST", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
          "ASSAULT"}
FLAGS = {"loc", "recip", "obj"}
MIT = MIT_NOTICE


def _lines() -> list[str]:
    return TABLE.read_text(encoding="utf-8").splitlines()


def _rows() -> list[list[str]]:
    """The rows as ``predicates._load`` reads a table: blank lines and # lines skipped, tab split."""
    return [line.split("\t") for line in _lines() if line.strip() and not line.startswith("#")]


@functools.cache
def _table() -> dict[str, tuple[str, str, str, int, float, frozenset[str]]]:
    return {r[0]: (r[1], r[2], r[3], int(r[4]), float(r[5]),
                   frozenset(f for f in (r[6] if len(r) > 6 else "").split(",") if f)) for r in _rows()}


def test_header_says_what_it_is_where_from_and_carries_the_mit_notice() -> None:
    lines = _lines()
    assert lines[0].startswith("# CAMEO verb patterns derived from PETRARCH-2's CAMEO.2.0.txt; read by dyad.extract.events")
    head = [line for line in lines if line.startswith("#")]
    assert any("openeventdata/petrarch2" in line and COMMIT in line for line in head)
    assert any("tools/derive_cameo_lexicon.py" in line for line in head), "the re-derive command"
    for line in MIT:
        assert line in head, f"MIT notice line missing: {line!r}"
    assert lines.index(MIT[0]) < lines.index(COLUMNS) < next(
        i for i, line in enumerate(lines) if not line.startswith("#"))


def test_rows_parse_with_the_predicate_table_rules() -> None:
    rows = _rows()
    assert len(rows) >= 2_000
    for row in rows:
        assert len(row) in (6, 7), row
        phrase, pos, cameo, plover, quad, intensity = row[:6]
        words = phrase.split()
        assert words and phrase == " ".join(words) and phrase == phrase.lower(), row
        assert all(re.fullmatch(r"[a-z]+", w) for w in words) and len(set(words)) == len(words), row
        assert pos == "V", row
        assert CAMEO.match(cameo) and cameo not in {"000"}, row
        assert plover in PLOVER, row
        assert quad in {"1", "2", "3", "4"}, row
        assert -10 <= float(intensity) <= 10, row
        if len(row) == 7:
            assert row[6] and set(row[6].split(",")) <= FLAGS, row


def test_one_row_per_phrase_sorted_by_code_under_root_lines() -> None:
    rows = _rows()
    phrases = Counter(r[0] for r in rows)
    assert not [p for p, n in phrases.items() if n > 1]
    assert [(r[2], r[0]) for r in rows] == sorted((r[2], r[0]) for r in rows)
    roots = [line[6:8] for line in _lines() if line.startswith("# --- ")]
    assert roots == sorted({r[2][:2] for r in rows})


def test_types_and_quads_follow_the_root_conventions() -> None:
    quad = {r: 1 if r <= "05" else 2 if r <= "08" else 3 if r <= "14" else 4 for r in
            (f"{i:02d}" for i in range(1, 21))}
    for phrase, (_, cameo, plover, q, _, flags) in _table().items():
        assert q == quad[cameo[:2]], phrase
        if cameo.startswith("036"):
            assert plover == "CONSULT", phrase
        elif cameo.startswith("087"):
            assert plover == "RETREAT", phrase
        elif cameo[:2] in {"01", "02"}:
            assert plover == "STATEMENT", phrase
        assert ("loc" in flags) == (cameo in {"042", "043"}), phrase
        assert ("recip" in flags) == (cameo in {"040", "043", "046"}), phrase


@pytest.mark.parametrize("phrase,cameo,plover,quad,intensity,flags", [
    ("ratify treaty", "057", "SUPPORT", 1, 8.0, {"obj"}),
    ("expel", "174", "COERCE", 4, -5.0, set()),
    ("veto", "172", "COERCE", 4, -5.0, set()),
    ("veto resolution", "129", "REJECT", 3, -5.0, {"obj"}),
    ("summon", "040", "CONSULT", 1, 1.0, {"recip"}),
    ("impose sanction", "163", "SANCTION", 4, -8.0, {"obj"}),
    ("call for ceasefire", "0256", "STATEMENT", 1, -0.3, set()),
    ("call off", "160", "SANCTION", 4, -4.0, set()),
    ("strike deal", "057", "SUPPORT", 1, 8.0, {"obj"}),
    ("visit", "042", "CONSULT", 1, 1.9, {"loc"}),
    ("host", "043", "CONSULT", 1, 2.8, {"loc", "recip"}),
    ("torture", "1822", "ASSAULT", 4, -9.0, set()),
    ("massacre", "202", "ASSAULT", 4, -10.0, set()),
])
def test_known_entries(phrase: str, cameo: str, plover: str, quad: int, intensity: float,
                       flags: set[str]) -> None:
    assert _table()[phrase] == ("V", cameo, plover, quad, intensity, frozenset(flags))


@pytest.mark.parametrize("phrase", ["strike", "say", "give", "hit", "call", "express", "release",
                                    "ratify", "negotiate", "take over"])
def test_traps_and_stop_lemmas_have_no_row(phrase: str) -> None:
    assert phrase not in _table()


def _tool():
    """tools/derive_cameo_lexicon.py, loaded as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("derive_cameo_lexicon", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module            # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_committed_table_is_what_the_tool_derives(tmp_path: Path) -> None:
    source = shared("reference/petrarch2/CAMEO.2.0.txt")
    out = tmp_path / "cameo_verbs.tsv"
    assert _tool().main([str(source), "--out", str(out)]) == 0
    assert out.read_bytes() == TABLE.read_bytes(), "cameo_verbs.tsv is stale: re-run the tool"
