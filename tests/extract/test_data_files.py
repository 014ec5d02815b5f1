"""Every lexicon and table is a data file that says in its first line what it is and who reads it."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import dyad
from dyad.extract import lexicon

PACKAGE = Path(dyad.__file__).resolve().parent
DATA_FILES = sorted(p for p in PACKAGE.glob("**/data/*") if p.is_file())
READER = re.compile(r"\bread (?:by|through) dyad\.[a-z_.]+", re.IGNORECASE)


def test_the_package_has_its_data_files() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in DATA_FILES}
    assert {"extract/events/data/predicates.tsv", "extract/actors/data/words.json",
            "clean/data/junk.json"} <= names


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_first_line_says_what_and_who_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        data = json.loads(text)
        about = next(iter(data.items()))
        assert about[0] == "_about", f"{path.name}: the first key must be _about"
        header = about[1]
    else:
        header = text.splitlines()[0]
        assert header.startswith("# "), f"{path.name}: the first line must be a # comment"
    assert READER.search(header), f"{path.name}: the header must name its reader: {header!r}"


def test_word_lists_load_as_frozensets_without_their_notes(tmp_path: Path) -> None:
    f = tmp_path / "words.json"
    f.write_text(json.dumps({"_about": "test; read by dyad.test", "preps": ["of", "to", "of"]}), encoding="utf-8")
    assert lexicon.words(f) == {"preps": frozenset({"of", "to"})}


def test_tsv_rows_skip_comments_and_blank_lines(tmp_path: Path) -> None:
    f = tmp_path / "t.tsv"
    f.write_text("# header; read by dyad.test\n\nstrike\tV\n#not a row\nvisit\tV\n", encoding="utf-8")
    assert lexicon.tsv(f) == [["strike", "V"], ["visit", "V"]]
