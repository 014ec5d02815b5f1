"""Exports: GDELT-style CSV, PLOVER JSONL and Parquet, from a store of fictional events."""
from __future__ import annotations

import csv
import dataclasses
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dyad.export import FORMATS, export_events
from dyad.export.gdelt import COLUMNS, GDELT_COLUMNS, actor_name
from dyad.export.plover import REQUIRED
from dyad.records import Event, EventDate
from dyad.store import open_store
from tests.store.test_events_store import fill, make_result


@pytest.fixture
def store(sqlite_url):
    with open_store(sqlite_url) as s:
        fill(s)
        yield s


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


def test_gdelt_csv_columns_and_codes(store, tmp_path):
    path = tmp_path / "events.csv"
    n = export_events(store, path, "gdelt-csv")
    header, rows = read_csv(path)
    assert n == len(rows) == 6  # six events, each with one source and one target country
    assert header == list(COLUMNS)
    assert header[:len(GDELT_COLUMNS)] == [
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code",
        "Actor1Name", "Actor1CountryCode", "Actor2Code", "Actor2Name", "Actor2CountryCode",
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone", "DATEADDED",
        "SOURCEURL",
    ]
    assert len({r["GLOBALEVENTID"] for r in rows}) == 6
    assert all(r["GLOBALEVENTID"].isdigit() for r in rows)
    meeting = next(r for r in rows if r["SQLDATE"] == "20240415")
    assert meeting["EventCode"] == "040" and meeting["EventRootCode"] == "04"
    assert (meeting["NumMentions"], meeting["NumArticles"], meeting["NumSources"]) == ("4", "3", "2")
    assert (meeting["Actor1Code"], meeting["Actor1CountryCode"]) == ("VLDGOV", "VLD")
    assert (meeting["Actor2Code"], meeting["Actor2CountryCode"]) == ("NRLDIP", "NRL")
    assert meeting["Actor1Name"] == "VLDGOV"  # a fictional country has no name to give
    assert (meeting["MonthYear"], meeting["Year"]) == ("202404", "2024")
    assert meeting["FractionDate"] == f"{2024 + (4 * 30 + 15) / 365:.4f}"
    assert meeting["SOURCEURL"] == "https://news.example/art-a1"
    assert (meeting["ArticleId"], meeting["SentenceIndex"]) == ("art-a1", "0")
    assert meeting["IsRootEvent"] == "1" and meeting["AvgTone"] == ""
    assert len(meeting["DATEADDED"]) == 14 and meeting["DATEADDED"].isdigit()
    assert (meeting["Modality"], meeting["PloverType"], meeting["DatePrecision"]) == (
        "asserted", "CONSULT", "day")
    assert meeting["Extractor"] == "events.test.v1" and len(meeting["DyadEventId"]) == 16
    text = make_result("art-a1").article.text
    assert text[int(meeting["EvidenceStart"]):int(meeting["EvidenceEnd"])] == "met"
    # The second meeting's CAMEO code keeps its leading zero.
    second = next(r for r in rows if r["SQLDATE"] == "20240419")
    assert (second["EventCode"], second["EventBaseCode"]) == ("042", "042")
    # Coarse dates go on the first day of their period; the precision column says so.
    planned = next(r for r in rows if r["Modality"] == "planned")
    assert (planned["SQLDATE"], planned["DatePrecision"]) == ("20240501", "month")
    shelling = next(r for r in rows if r["PloverType"] == "ASSAULT")
    assert (shelling["SQLDATE"], shelling["DatePrecision"], shelling["QuadClass"]) == (
        "20230101", "year", "4")
    assert shelling["GoldsteinScale"] == "-10.00" and shelling["IsRootEvent"] == "0"
    nato = next(r for r in rows if r["Actor1Code"] == "NATO")
    assert nato["Actor1CountryCode"] == "" and nato["Actor2CountryCode"] == "VLD"


def test_gdelt_csv_filters_and_pairs(store, tmp_path):
    path = tmp_path / "asserted.csv"
    assert export_events(store, path, "gdelt-csv", modality="asserted", dyad=("VLD", "NRL")) == 3
    _, rows = read_csv(path)
    assert {r["Modality"] for r in rows} == {"asserted"}
    assert export_events(store, path, "gdelt-csv", since="2024-04-19") == 2
    # One row per source country x target country.
    event = Event(
        article_id="art-b2", sentence_index=2, start=0, end=4, trigger="NATO", plover="REQUEST",
        cameo="025", root="02", quad_class=1, intensity=3.0, modality="asserted",
        sources=("VLD", "KSTGOV"), targets=("NRL", "NATO", "NRLGOV"),
        date=EventDate(value="2024-04-18", precision="day"), extractor="events.test.v1",
    )
    result = make_result("art-b2")
    store.save(dataclasses.replace(result, events=(event,)), raw_hash="x")
    n = export_events(store, path, "gdelt-csv", dyad=("KST", "NATO"))
    _, rows = read_csv(path)
    assert n == len(rows) == 4
    assert {(r["Actor1Code"], r["Actor2Code"]) for r in rows} == {
        ("VLD", "NRLGOV"), ("VLD", "NATO"), ("KSTGOV", "NRLGOV"), ("KSTGOV", "NATO"),
    }  # NRL and NRLGOV are equally frequent: the more specific code represents the country
    assert len({r["DyadEventId"] for r in rows}) == 1
    assert len({r["GLOBALEVENTID"] for r in rows}) == 4


def test_actor_names_of_real_countries():
    assert actor_name("IRNGOV") == "IRAN"
    assert actor_name("RUS") == "RUSSIAN FEDERATION"
    assert actor_name("NATO") == "NATO"


def test_plover_jsonl(store, tmp_path):
    path = tmp_path / "events.jsonl"
    n = export_events(store, path, "plover-jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == 6
    records = [json.loads(line) for line in lines]
    for rec in records:
        assert set(REQUIRED) <= set(rec)
        assert isinstance(rec["source"], list) and isinstance(rec["recipient"], list)
        assert isinstance(rec["context"], list)
        assert {"modality", "cameo", "intensity", "offsets", "extractor", "url", "version"} <= set(rec)
        assert set(rec["offsets"]) == {
            "article_id", "sentence_index", "start", "end", "source_spans", "target_spans"}
    meeting = next(r for r in records if r["date"] == "2024-04-15")
    assert meeting["event"] == "CONSULT" and meeting["cameo"] == "040"
    assert meeting["source"] == ["VLDGOV"] and meeting["recipient"] == ["NRLDIP"]
    assert meeting["source_actor"] == ["VLD"]
    assert meeting["context"] == ["diplomatic"] and meeting["mode"] is None
    assert meeting["n_reports"] == 4 and len(meeting["reports"]) == 4
    assert meeting["offsets"]["source_spans"] == [[0, 3]]
    assert meeting["text"].startswith("Valdoria's foreign minister met")
    shelling = next(r for r in records if r["event"] == "ASSAULT")
    assert (shelling["date"], shelling["date_precision"], shelling["mode"]) == ("2023", "year", "artillery")
    undated_ids = {r["id"] for r in records}
    assert len(undated_ids) == 6


def test_parquet_reads_back_typed(store, tmp_path):
    path = tmp_path / "events.parquet"
    n = export_events(store, path, "parquet")
    table = pq.read_table(path)
    assert n == table.num_rows == 6
    schema = table.schema
    assert schema.field("cameo").type == pa.string()
    assert schema.field("quad_class").type == pa.int32()
    assert schema.field("n_reports").type == pa.int32()
    assert schema.field("intensity").type == pa.float64()
    assert schema.field("sources").type == pa.list_(pa.string())
    assert schema.field("context").type == pa.list_(pa.string())
    assert pa.types.is_struct(schema.field("reports").type.value_type)
    rows = table.to_pylist()
    meeting = next(r for r in rows if r["date"] == "2024-04-15")
    assert meeting["cameo"] == "040" and meeting["n_reports"] == 4 and meeting["n_articles"] == 3
    assert meeting["sources"] == ["VLD"] and meeting["source_codes"] == ["VLDGOV"]
    assert [r["article_id"] for r in meeting["reports"]] == ["art-a1", "art-a1", "art-b2", "art-c3"]
    assert sorted(r["cameo"] for r in rows) == ["025", "040", "042", "057", "112", "194"]


def test_empty_store_and_unknown_format(sqlite_url, tmp_path):
    with open_store(sqlite_url) as empty:
        for fmt in FORMATS:
            assert export_events(empty, tmp_path / f"none.{fmt}", fmt) == 0
        header, rows = read_csv(tmp_path / "none.gdelt-csv")
        assert header == list(COLUMNS) and rows == []
        assert pq.read_table(tmp_path / "none.parquet").num_rows == 0
        with pytest.raises(ValueError, match="format"):
            export_events(empty, tmp_path / "x", "tsv")
