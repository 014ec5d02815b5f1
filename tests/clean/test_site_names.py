"""A title's site-name part goes when it names the site: its stated name or its host's words."""
from __future__ import annotations

import pytest

from dyad.clean.metadata import strip_site_name

ROWS = [
    ("What is a dyad? | Example Cloud", "Example Cloud", None, "What is a dyad?"),
    ("Talks resume in Vienna - Example Solutions", "Example Solutions", None, "Talks resume in Vienna"),
    ("Harbor News - Port deal signed", "Harbor News", None, "Port deal signed"),
    pytest.param("Port deal signed – Harbor Daily – Your city, every day", "Harbor Daily", None, "Port deal signed",
                 marks=pytest.mark.xfail(strict=True, reason="a tagline after the site name hides it: only the last part is tried")),
    ("Ministers meet in Oslo | Northwind", None, "https://www.northwind.com/a/1", "Ministers meet in Oslo"),
    pytest.param("Ministers meet in Oslo | NWT", None, "https://www.north-west-times.org/x", "Ministers meet in Oslo",
                 marks=pytest.mark.xfail(strict=True, reason="initials are matched against whole host labels, not hyphenated words")),
    # a part that names nothing of the site stays
    ("Iran - Russia: a new treaty", "Harbor Daily", None, "Iran - Russia: a new treaty"),
    ("Talks - what comes next", None, None, "Talks - what comes next"),
    ("Trailing separator |", None, None, "Trailing separator"),
    ("", None, None, ""),
]


@pytest.mark.parametrize("title, site, url, expected", ROWS)
def test_strip_site_name(title, site, url, expected):
    assert (strip_site_name(title, site, url) or "") == expected
