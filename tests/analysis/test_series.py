"""dyad_series: directed counts of events (not reports) per period. Fictional actors."""
from __future__ import annotations

import pytest

from dyad.analysis import cluster_events, dyad_series
from tests.analysis.test_clusters import row

ROWS = [
    # One meeting VLD->NRL, reported three times: one event.
    row("a", "2024-04-10", article_date="2024-04-11", intensity=1.0),
    row("b", "2024-04-11", article_date="2024-04-12", intensity=1.0),
    row("b", None, seq=1, article_date="2024-04-12", intensity=1.0),
    # NRL accuses VLD in April; NRL shells VLD in June (month precision).
    row("c", "2024-04-22", plover="ACCUSE", cameo="112", sources=("NRLGOV",), targets=("VLD",),
        intensity=-2.0),
    row("d", "2024-06", "month", plover="ASSAULT", cameo="194", sources=("NRLMIL",),
        targets=("VLD",), intensity=-10.0),
    # VLD demands of NRL in June; a planned agreement (not asserted) in May.
    row("e", "2024-06-03", plover="REQUEST", cameo="102", sources=("VLD",), intensity=-2.0),
    row("f", "2024-05-20", plover="AGREE", cameo="057", modality="planned", intensity=8.0),
    # Another dyad, ignored.
    row("g", "2024-04-15", sources=("KST",), targets=("NRL",)),
]
for r, quad in zip(ROWS, (1, 1, 1, 3, 4, 3, 1, 1)):
    r["quad_class"] = quad


def cell(series, period, source):
    return next(s for s in series if s["period"] == period and s["source"] == source)


def test_monthly_series_both_directions_gaps_filled():
    series = dyad_series(ROWS, a="VLD", b="NRL")
    assert [(s["period"], s["source"], s["target"]) for s in series] == [
        ("2024-04", "VLD", "NRL"), ("2024-04", "NRL", "VLD"),
        ("2024-05", "VLD", "NRL"), ("2024-05", "NRL", "VLD"),
        ("2024-06", "VLD", "NRL"), ("2024-06", "NRL", "VLD"),
    ]
    april = cell(series, "2024-04", "VLD")
    assert (april["n_events"], april["n_reports"]) == (1, 3)  # events, not reports
    assert april["by_type"] == {"CONSULT": 1} and april["n_quad1"] == 1
    assert (april["intensity_sum"], april["intensity_mean"]) == (1.0, 1.0)
    assert april["period_start"] == "2024-04-01"
    back = cell(series, "2024-04", "NRL")
    assert back["by_type"] == {"ACCUSE": 1} and back["n_quad3"] == 1
    may = cell(series, "2024-05", "VLD")  # only a planned event: not counted by default
    assert may["n_events"] == 0 and may["intensity_mean"] is None and may["by_type"] == {}
    june = cell(series, "2024-06", "NRL")
    assert june["by_type"] == {"ASSAULT": 1} and june["n_quad4"] == 1
    assert june["intensity_sum"] == -10.0


def test_modality_none_counts_every_modality():
    may = cell(dyad_series(ROWS, a="VLD", b="NRL", modality=None), "2024-05", "VLD")
    assert may["n_events"] == 1 and may["by_type"] == {"AGREE": 1}
    planned = dyad_series(ROWS, a="VLD", b="NRL", modality="planned")
    assert sum(s["n_events"] for s in planned) == 1


def test_same_counts_from_clusters_and_from_rows():
    assert dyad_series(cluster_events(ROWS), a="VLD", b="NRL") == dyad_series(ROWS, a="VLD", b="NRL")


def test_argument_order_and_sector_codes():
    series = dyad_series(ROWS, a="NRLGOV", b="VLD")
    assert series[0]["source"] == "NRL" and series[0]["n_events"] == 1
    assert sum(s["n_events"] for s in series) == 4


def test_weekly_and_daily_leave_out_coarse_dates():
    weekly = dyad_series(ROWS, a="VLD", b="NRL", freq="week")
    assert weekly[0]["period"] == "2024-W15" and weekly[0]["period_start"] == "2024-04-08"
    # The June shelling is dated by month only: in no week.
    assert sum(s["n_events"] for s in weekly) == 3
    assert weekly[-1]["period"] == "2024-W23"
    assert len({s["period"] for s in weekly}) == 9  # W15..W23, gaps filled
    daily = dyad_series(ROWS, a="VLD", b="NRL", freq="day")
    assert daily[0]["period"] == "2024-04-10"
    assert [s["period"] for s in daily if s["n_events"]] == ["2024-04-10", "2024-04-22", "2024-06-03"]


def test_undated_event_placed_on_its_publication_date():
    rows = [row("x", None, article_date="2024-03-05")]
    [forward, back] = dyad_series(rows, a="VLD", b="NRL", freq="day")
    assert forward["period"] == "2024-03-05" and forward["n_events"] == 1
    assert back["n_events"] == 0


def test_empty_and_bad_arguments():
    assert dyad_series([], a="VLD", b="NRL") == []
    assert dyad_series(ROWS, a="VLD", b="XYZ") == []
    with pytest.raises(ValueError, match="freq"):
        dyad_series(ROWS, a="VLD", b="NRL", freq="year")
