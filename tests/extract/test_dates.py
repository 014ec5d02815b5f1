"""Dates against the publication date: one expression per row."""
from __future__ import annotations

import re

import pytest

from dyad.extract.events.dates import resolve

ROWS = [
    ("Lavrov visited Iran on April 13.", "2021-05-03", "2021-04-13", "day", None),
    ("They met on December 30.", "2021-01-05", "2020-12-30", "day", None),
    ("He arrived on Tuesday evening.", "2021-05-03", "2021-04-27", "day", "Tuesday"),
    ("He arrived on Tuesday evening.", None, None, "unknown", "Tuesday"),
    ("The deal was signed in 2020.", "2021-05-03", "2020", "year", None),
    ("Ties have grown since late 2021.", None, "2021", "year", None),
    ("The talks began last month.", "2021-05-03", "2021-04", "month", None),
    ("The talks began last year.", "2021-05-03", "2020", "year", None),
    ("The talks began last year.", None, None, "unknown", None),
    ("Signed on 15 October 2003 in Sivas.", None, "2003-10-15", "day", None),
    ("Nothing dated here.", "2021-05-03", None, "unknown", None),
]


@pytest.mark.parametrize("text,pub,value,precision,weekday", ROWS)
def test_date_rows(text, pub, value, precision, weekday):
    d = resolve(text, pub)
    assert (d.value, d.precision, d.weekday) == (value, precision, weekday)


@pytest.mark.parametrize("pub", ["0001-01-02", "9999-12-30"])
@pytest.mark.parametrize("text", ["next month they will meet", "last year they met", "in December they met",
                                  "on Monday the ministers met", "they met on 3 January"])
def test_relative_dates_at_the_ends_of_the_calendar_never_raise_nor_give_impossible_values(pub, text):
    value = resolve(text, pub, 10).value
    assert value is None or re.fullmatch(r"(?!0000)\d{4}(-\d{2}(-\d{2})?)?", value), value
