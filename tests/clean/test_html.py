"""The HTML seam: structural corrections around trafilatura, on invented pages through the real extractor."""
from __future__ import annotations

from lxml.html import fromstring

from dyad.clean.html import _join_split_body, _mark_hidden_microdata, extract_html

PART_ONE = (
    "The harbour authority of Velmora approved a new ferry timetable on Thursday after months of "
    "complaints from island residents about cancelled crossings. Under the plan, two additional boats "
    "will run between the mainland pier and the northern islands every morning, and the last evening "
    "departure moves one hour later to suit shift workers at the cannery."
)
PART_TWO = (
    "Critics on the town council said the timetable does nothing about the ageing fleet, which has "
    "spent more days in dry dock this year than at sea. The authority replied that three vessels are "
    "being refitted with new engines and that a tender for a fourth boat will be published before "
    "the end of the summer, once the regional budget has been agreed."
)
PART_THREE = (
    "Island shopkeepers welcomed the later departure, saying that tourists often had to leave before "
    "the evening markets opened. Several of them asked the authority to publish the timetable in print "
    "as well as online, since many older residents do not use the booking website at all and rely on "
    "the notice board outside the post office for news."
)
TITLE = "Velmora ferries get a new timetable"


def _page(article: str, extra: str = "", head: str = "") -> str:
    return (f"<html><head><title>{TITLE}</title>{head}</head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
            f"<main>{article}</main>{extra}"
            "<footer><p>Copyright Example Harbour Press. All rights reserved.</p></footer></body></html>")


def _hidden_schema(article_body: str) -> str:
    return ("<div style='display: none' itemscope itemtype='http://schema.org/NewsArticle'>"
            f"<div itemprop='headline'>{TITLE}</div>"
            "<div itemprop='datePublished'>2021-05-08T09:12:44+02:00</div>"
            "<div itemprop='image'>https://img.example.invalid/ferry-timetable-900x500.jpg</div>"
            f"<div itemprop='articleBody'>{article_body}</div></div>")


def _marked(tree) -> list[str]:
    return [e.get("itemtype") or e.get("itemprop") for e in tree.xpath("//*[@data-dyad-drop]")]


def test_hidden_schema_block_is_marked_for_pruning() -> None:
    article = f"<article><p>{PART_ONE}</p><p>{PART_TWO}</p></article>"
    tree = fromstring(_page(article, _hidden_schema(f"{PART_ONE} {PART_TWO}")))
    _mark_hidden_microdata(tree)
    assert _marked(tree) == ["http://schema.org/NewsArticle"]  # the outermost hidden block only


def test_hidden_schema_block_is_not_body_text() -> None:
    article = f"<article><h1>{TITLE}</h1><p>{PART_ONE}</p><p>{PART_TWO}</p></article>"
    found = extract_html(_page(article, _hidden_schema(f"{PART_ONE} {PART_TWO}")))
    assert PART_ONE in found.body and PART_TWO in found.body
    assert "2021-05-08T09:12:44" not in found.body
    assert "img.example.invalid" not in found.body
    assert found.body.count("island residents about cancelled crossings") == 1


def test_hidden_schema_block_still_feeds_the_metadata() -> None:
    article = f"<article><p>{PART_ONE}</p><p>{PART_TWO}</p></article>"
    found = extract_html(_page(article, _hidden_schema(f"{PART_ONE} {PART_TWO}")))
    assert found.date == "2021-05-08"


def test_hidden_article_body_that_is_the_only_copy_is_kept() -> None:
    visible = "<article><p>Subscribe to read the full story.</p></article>"
    page = _page(visible, _hidden_schema(f"<p>{PART_ONE}</p><p>{PART_TWO}</p>"))
    tree = fromstring(page)
    _mark_hidden_microdata(tree)
    assert _marked(tree) == []
    found = extract_html(page)
    assert "harbour authority of Velmora" in found.body


def test_hidden_block_without_microdata_is_left_to_the_extractor() -> None:
    # a collapsed section revealed by a script is not metadata: it is not pruned by this rule
    article = (f"<article><p>{PART_ONE}</p><p>{PART_TWO}</p>"
               f"<div style='display:none' class='more'><p>{PART_THREE}</p></div></article>")
    tree = fromstring(_page(article))
    _mark_hidden_microdata(tree)
    assert not tree.xpath("//*[@data-dyad-drop]")


def _split(article_class: str = "article-body") -> str:
    return (f"<article><h1>{TITLE}</h1>"
            f"<div class='row'><div class='{article_class}'><p>{PART_ONE}</p></div>"
            "<div class='rail'><div class='ad-slot'></div></div></div>"
            "<div class='row'><div class='ad'><span>Advertisement</span></div></div>"
            f"<div class='row'><div class='{article_class}'><p>{PART_TWO}</p><p>{PART_THREE}</p></div></div>"
            "</article>")


def test_body_split_around_an_ad_slot_is_joined() -> None:
    tree = fromstring(_page(_split()))
    _join_split_body(tree)
    [body] = tree.xpath("//div[@class='article-body']")
    text = body.text_content()
    assert text.index(PART_ONE) < text.index(PART_TWO) < text.index(PART_THREE)
    assert tree.xpath("//div[@class='ad']")  # what lay between the parts stays where it was


def test_joined_body_is_extracted_whole() -> None:
    found = extract_html(_page(_split()))
    for part in (PART_ONE, PART_TWO, PART_THREE):
        assert part in found.body
    assert found.body.index(PART_ONE) < found.body.index(PART_TWO) < found.body.index(PART_THREE)


def test_teasers_of_a_post_list_are_not_joined() -> None:
    items = "".join(
        f"<div class='item'><h2 class='entry-title'><a href='/p{n}'>Post {n}</a></h2>"
        f"<div class='post-content'><p>{text}</p></div></div>"
        for n, text in enumerate((PART_ONE, PART_TWO, PART_THREE)))
    tree = fromstring(_page(f"<section class='list'>{items}</section>"))
    _join_split_body(tree)
    assert len(tree.xpath("//div[@class='post-content']")) == 3


def test_short_parts_are_not_joined() -> None:
    tree = fromstring(_page(
        "<div class='wrap'><div class='article-body'><p>Ferries run again.</p></div></div>"
        f"<div class='wrap'><div class='article-body'><p>{PART_TWO}</p></div></div>"))
    _join_split_body(tree)
    assert len(tree.xpath("//div[@class='article-body']")) == 2


def test_headline_opening_the_body_is_the_title_only() -> None:
    article = f"<article><h1>{TITLE}</h1><p>{PART_ONE}</p><p>{PART_TWO}</p></article>"
    found = extract_html(_page(article))
    assert found.title == TITLE
    assert not found.body.startswith(TITLE)
    assert found.body.startswith(PART_ONE[:40])


def test_sub_heading_that_is_not_the_title_stays() -> None:
    article = (f"<article><h2>Who pays for the new boats</h2><p>{PART_ONE}</p>"
               f"<p>{PART_TWO}</p></article>")
    found = extract_html(_page(article))
    assert found.body.startswith("Who pays for the new boats")
