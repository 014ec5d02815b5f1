"""Table-driven tests for the flattened-text line classifier, on small fictional pages."""
from __future__ import annotations

import pytest

from dyad.clean import clean, clean_text
from dyad.clean.metadata import find_byline, find_date, find_dateline
from dyad.records import RawDocument

P1 = ("The harbour council of Valdmere agreed on Monday to open a second ferry route to the "
      "island of Osk, after months of talks with the fishing cooperatives of the northern coast.")
P2 = ("Officials said that the new route would run twice a day during the summer and that the "
      "fares would be set by the council after a public consultation in the spring.")
P3 = ("The cooperatives, which had asked for the route for years, welcomed the decision but warned "
      "that the old pier at Osk would need repairs before the larger boats could dock there safely.")
TEASER = ("In other news, the town museum of Brellick reopened its gallery of maps after a long "
          "restoration that was paid for by a bequest from a local family of sailors and merchants.")

CASES = [
    # (name, page, must be kept, must be gone)
    ("menu before body", "Home\nWorld\nSports\nWeather\n\n" + P1 + "\n\n" + P2,
     [P1, P2], ["Sports", "Weather"]),
    ("subheading between paragraphs", P1 + "\n\nA route long awaited\n" + P2 + "\n\n" + P3,
     ["A route long awaited", P2], []),
    ("related headlines inside the body",
     P1 + "\n\nRelated News:\n\nCouncil votes on new budget\n\n" + P2 + "\n\n" + P3,
     [P1, P2, P3], ["Related News:", "Council votes on new budget"]),
    ("comment form ends the article",
     P1 + "\n\n" + P2 + "\n\n3 Comments\n\nLeave a Reply\n\nYour email address will not be published.",
     [P1, P2], ["3 Comments", "Leave a Reply", "Your email address"]),
    ("teaser paragraphs after an end marker go too",
     P1 + "\n\n" + P2 + "\n\n" + P3 + "\n\nMore Stories\n\nMuseum reopens map gallery\n\n" + TEASER,
     [P1, P3], ["More Stories", "Museum reopens map gallery", TEASER]),
    ("share and subscribe debris",
     "Share this article\n\n" + P1 + "\n\nSubscribe\n\n" + P2 + "\n\nFollow us on Mastodon",
     [P1, P2], ["Share this article", "Subscribe", "Follow us on Mastodon"]),
    ("a lead sentence dense with names and titles is body",
     "Valdmere Deputy Harbour Minister Ilse Brannock visited Osk Island on Monday.\n\n" + P2,
     ["Ilse Brannock visited Osk Island on Monday.", P2], []),
    ("loading and copyright lines", P1 + "\n\nLoading...\n\n" + P2 + "\n\n© 2031 Valdmere Post",
     [P1, P2], ["Loading", "© 2031"]),
    # debris sentences inside the only line of a one-line text
    ("a licence footer at the end of a one-line text",
     P1 + " " + P2 + "  All Content by Valdmere News Agency is licensed under a Creative Commons Attribution 4.0 "
     "International License.", [P1, P2], ["All Content by", "Creative Commons"]),
    ("an image caption inside a one-line text",
     P1 + " Image copyright Osk Photo Image caption The old pier at Osk. " + P2,
     [P1, P2], ["Image copyright", "The old pier at Osk."]),
    # captions and credits as lines of their own
    ("caption and credit lines",
     P1 + "\n\nImage copyright Osk Photo Image caption Ferries at the old pier of Osk\n\nAFP/Getty Images\n\nAP\n\n"
     "Brell Hanno/Getty Images\n\nMedia playback is unsupported on your device\n\n" + P2,
     [P1, P2], ["Image caption", "Getty", "Hanno", "Media playback"]),
    ("a caption ending in a bracketed credit", P1 + "\n\nFerries wait at the old pier of Osk on Monday [Ilse Brand/Osk Photo]\n\n" + P2,
     [P1, P2], ["Ferries wait", "Ilse Brand"]),
    ("related links ending in Read more and share-bar captions",
     P1 + "\n\nCouncil votes on the harbour budget Read more\n\nFacebook Twitter Pinterest The new ferry at Osk "
     "Photograph: Ilse Brand/Osk Photo\n\n" + P2, [P1, P2], ["Read more", "Pinterest", "Photograph:"]),
    ("a map legend line", P1 + "\n\n\u2588\u2588 Harbour council\n\n" + P2, [P1, P2], ["Harbour council"]),
]


@pytest.mark.parametrize(("page", "keep", "gone"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_classifier(page: str, keep: list[str], gone: list[str]) -> None:
    body = clean_text(page).body
    for part in keep:
        assert part in body
    for part in gone:
        assert part not in body
    # every line of the page is kept or reported removed, whole or as its debris sentences
    removed = clean_text(page).removed_lines
    kept = set(body.split("\n\n"))
    for line in (ln.strip() for ln in page.splitlines() if ln.strip()):
        rest = line
        for piece in removed:
            rest = rest.replace(piece, "")
        assert line in removed or line in kept or " ".join(rest.split()) in kept or not rest.strip(), line


def test_known_boilerplate_is_dropped() -> None:
    page = P1 + "\n\nThe Valdmere Post is an independent paper since 1901.\n\n" + P2
    out = clean_text(page, known_boilerplate=frozenset({"The Valdmere Post is an independent paper since 1901."}))
    assert "independent paper" not in out.body and P2 in out.body


METADATA = [
    # (name, page, title, date, authors, outlet, dateline)
    ("title, date line and byline",
     "Ferry to Osk Approved\n\nMarch 4, 2030\n\nBy Ilse Marrow\n\n" + P1 + "\n\n" + P2,
     "Ferry to Osk Approved", "2030-03-04", ("Ilse Marrow",), None, None),
    ("slash date with categories", "Ferry to Osk Approved\n\n2030/03/04 | news, politics\n\n" + P1 + "\n\n" + P2,
     "Ferry to Osk Approved", "2030-03-04", (), None, None),
    ("agency dateline", "VALDMERE (AFP) - " + P1 + "\n\n" + P2, None, None, (), "AFP", "VALDMERE (AFP)"),
    ("capital dateline", "VALDMERE – " + P1 + "\n\n" + P2, None, None, (), None, "VALDMERE"),
    ("outlet prefix", "Coastal Review Online - " + P1 + "\n\n" + P2, None, None, (), "Coastal Review Online", None),
    ("closing bio", P1 + "\n\n" + P2 + "\n\nIlse Marrow is Senior Editor of the Coastal Review",
     None, None, ("Ilse Marrow",), None, None),
    ("no title when the text starts with the body", P1 + "\n\n" + P2, None, None, (), None, None),
]


@pytest.mark.parametrize(("page", "title", "date", "authors", "outlet", "dateline"),
                         [c[1:] for c in METADATA], ids=[c[0] for c in METADATA])
def test_metadata(page, title, date, authors, outlet, dateline) -> None:
    out = clean_text(page)
    assert (out.title, out.date, out.authors, out.outlet, out.dateline) == (title, date, authors, outlet, dateline)
    assert "Ferry to Osk Approved" not in out.body


@pytest.mark.parametrize(("line", "iso"), [
    ("Published 12 January 2029, 10:00", "2029-01-12"),
    ("Sept. 3, 2028", "2028-09-03"),
    ("2027-11-30T08:00", "2027-11-30"),
    ("on Friday, February 23", None),
    ("2027/02/30", None),
])
def test_find_date(line: str, iso: str | None) -> None:
    assert find_date(line) == iso


def test_find_byline_and_dateline() -> None:
    assert find_byline("By Ilse Marrow and Tomas Quell") == ("Ilse Marrow", "Tomas Quell")
    assert find_byline("by the way, the ferry is late") == ()
    assert find_dateline("Osk (IP) - The council met.") == ("Osk (IP)", "Iran Press")


def test_clean_prefers_given_metadata_and_ids_are_stable() -> None:
    raw = RawDocument(source="x.txt", kind="text", text="Ferry to Osk Approved\n\n" + P1 + "\n\n" + P2,
                      title="Given title", url="https://Example.org/a/")
    article = clean(raw)
    assert article.title == "Given title" and article.url == raw.url
    assert article.id == clean(RawDocument(source="y", kind="text", text=P1, url="https://example.org/a")).id
    no_url = clean(RawDocument(source="z", kind="text", text=P1 + "\n\n" + P2))
    assert no_url.id.startswith("a_") and len(no_url.id) == 18 and len(no_url.content_hash) == 40


def test_clean_html() -> None:
    html = ("<html><head><title>Ferry to Osk Approved</title></head><body><nav>Home | World</nav>"
            f"<article><h1>Ferry to Osk Approved</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>")
    article = clean(RawDocument(source="x.html", kind="html", html=html))
    assert P2 in article.text and "Home | World" not in article.text
    assert article.title == "Ferry to Osk Approved"


@pytest.mark.parametrize("page", ["", "\n\n", "x", "Loading", "© 2030\n" * 3, "一二三四五六七八九十。" * 20])
def test_degenerate_pages_do_not_crash(page: str) -> None:
    clean_text(page)
