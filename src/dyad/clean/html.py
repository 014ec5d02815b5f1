"""Main text and metadata from an HTML page, by trafilatura.

trafilatura is the only HTML extractor Dyad uses; this module is its one seam, so that the
rest of the cleaning stage sees plain paragraphs and metadata fields, never an lxml tree.

Around trafilatura, three structural corrections of the page (none looks at wording):

- hidden schema.org blocks (microdata under ``display:none``) are machine-readable copies of the
  headline, dates, image URLs and often the whole article: they are dropped from the body (not
  from the metadata search, which reads them first), unless the hidden copy is the only place
  the article's text appears;
- an article body split into several containers of the same class (a template that closes the
  body around each ad slot) is joined, so that the extractor, which takes the first container,
  sees all of it; teaser lists (each part under a link or a heading of its own) are left alone;
- the headline that opens the body is the title, kept in ``title``, not repeated in ``body``.

And bounds on what a hostile page can cost (the page is parsed by trafilatura's lxml parser,
whose ``huge_tree`` stays off: libxml2's own caps on depth and text-node size hold):

- a tag with more than :data:`MAX_ATTRIBUTES` attributes loses them before parsing (libxml2
  checks each new attribute against the others: a million of them take hours);
- a page with more than :data:`MAX_FALLBACK_BLOCKS` block elements is extracted by
  trafilatura's own algorithm alone, without its readability and jusText fallbacks, which
  copy the tree and compare every paragraph with its neighbours (quadratic in the count);
- the extensive date search, regular expressions over the whole serialised page, is made
  on pages up to :data:`MAX_DATE_SEARCH_CHARS` characters only;
- a fragment (a feed item, a JSONL ``html`` field: no ``<html>``, ``<head>`` or ``<body>``)
  is wrapped into a page, which trafilatura otherwise refuses when it holds one block.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dyad.clean.metadata import strip_site_name
from dyad.text import normalise

_AUTHOR_SPLIT = re.compile(r"\s*;\s*")

# An element marked with this attribute is pruned from the tree the body is extracted from.
_DROP = "data-dyad-drop"
_HIDDEN_MICRODATA = (
    ".//*[(@itemscope or @itemprop) and (@hidden or "
    "contains(translate(@style, ' ', ''), 'display:none') or "
    "contains(translate(@style, ' ', ''), 'visibility:hidden'))]"
)
# words of a hidden article body looked up in the visible text to tell a copy from the only text
_COPY_PROBE_WORDS = 12
# each part of a split body must hold this many words of paragraph text
_MIN_PART_WORDS = 50
_NOT_SHOWN = frozenset({"script", "style", "noscript", "template"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HEADING_CLASS = re.compile(r"title|heading|headline", re.IGNORECASE)

#: a tag with more attributes than this has them dropped before parsing
MAX_ATTRIBUTES = 1_000
#: pages with more block elements than this are extracted without trafilatura's fallbacks
MAX_FALLBACK_BLOCKS = 5_000
#: pages longer than this get trafilatura's quick date search, not the extensive one
MAX_DATE_SEARCH_CHARS = 2_000_000
# a start tag long enough to hold MAX_ATTRIBUTES attributes (each at least " a=1" long)
_LONG_TAG = re.compile(rf"<([A-Za-z][\w:-]*)([^<>]{{{4 * MAX_ATTRIBUTES},}})>")
_ATTRIBUTE = re.compile(r"""[\s"'][^\s"'<>/=]+\s*=""")
_PAGE = re.compile(r"<(?:html|head|body)[\s>]", re.IGNORECASE)
_BLOCKS = ("p", "div", "li", "td", "th", "tr", "pre", "blockquote", "section", "article",
           "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "br", "table", "ul", "ol")


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    """What trafilatura found: body paragraphs joined by blank lines, plus metadata."""

    body: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    authors: tuple[str, ...] = ()
    outlet: str | None = None


@lru_cache(maxsize=1)
def _config():
    from trafilatura.settings import use_config

    config = use_config()
    # No SIGALRM-based timeout: it only works in the main thread and the batch runner may not be.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


@lru_cache(maxsize=1)
def _body_container_xpath():
    """trafilatura's first body-container expression, every match instead of the first only."""
    from lxml.etree import XPath
    from trafilatura.xpaths import BODY_XPATH, REGEXP_NS

    source = BODY_XPATH[0].path.strip().removesuffix("[1]")
    return XPath(source, namespaces={"re": REGEXP_NS})


def _words(element) -> list[str]:
    return normalise(element.text_content()).split()


def _outermost(elements: list) -> list:
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]


def _visible_text(root, hidden: set) -> str:
    """The page's text outside ``hidden`` elements and outside scripts and styles, normalised."""
    texts = []
    for element in root.iter():
        if element in hidden:
            continue
        if isinstance(element.tag, str) and element.tag not in _NOT_SHOWN and element.text:
            texts.append(element.text)
        if element.tail and element.getparent() not in hidden:
            texts.append(element.tail)
    return " ".join(normalise(" ".join(texts)).split())


def _mark_hidden_microdata(tree) -> None:
    """Mark hidden schema.org blocks for pruning, unless one holds the page's only article text."""
    hidden = _outermost(tree.xpath(_HIDDEN_MICRODATA))
    if not hidden:
        return
    visible = None
    for block in hidden:
        bodies = block.xpath("descendant-or-self::*[@itemprop='articleBody']")
        if bodies:
            probe = " ".join(_words(bodies[0])[:_COPY_PROBE_WORDS])
            if visible is None:
                inside = {d for b in hidden for d in b.iter()}
                body = tree.find("body")
                visible = _visible_text(body if body is not None else tree, inside)
            if probe and probe not in visible:
                continue  # the hidden copy is the only one: keep it
        block.set(_DROP, "")


def _depth(element) -> int:
    return sum(1 for _ in element.iterancestors())


def _paragraph_words(element) -> int:
    return sum(len(p.text_content().split()) for p in element.iter("p"))


def _is_teaser(element) -> bool:
    """A part under a link, or right after a heading of its own: an item of a list of posts."""
    if any(a.tag == "a" for a in element.iterancestors()):
        return True
    before = element.getprevious()
    return before is not None and (before.tag in _HEADING_TAGS
                                   or bool(_HEADING_CLASS.search(before.get("class") or "")))


def _join_split_body(tree) -> None:
    """Move the later parts of a body split into same-class containers into the first part."""
    found = _body_container_xpath()(tree)
    if len(found) < 2:
        return
    first = found[0]
    depth = _depth(first)
    parts = [e for e in found[1:]
             if e.tag == first.tag and e.get("class") == first.get("class") and _depth(e) == depth
             and first not in e.iterancestors() and e not in first.iterancestors()]
    if not parts or any(_paragraph_words(p) < _MIN_PART_WORDS or _is_teaser(p) for p in [first, *parts]):
        return
    for part in parts:
        if part.text and part.text.strip():
            last = first[-1] if len(first) else None
            if last is None:
                first.text = (first.text or "") + part.text
            else:
                last.tail = (last.tail or "") + part.text
        for child in list(part):
            first.append(child)
        parent, tail = part.getparent(), part.tail
        before = part.getprevious()
        parent.remove(part)
        if tail:
            if before is None:
                parent.text = (parent.text or "") + tail
            else:
                before.tail = (before.tail or "") + tail


def _drop_title_heading(body, title: str | None) -> bool:
    """Remove the heading that opens the body when it is the title; True when removed."""
    if not title or len(body) < 2 or body[0].tag != "head":
        return False
    if normalise("".join(body[0].itertext())).casefold() != normalise(title).casefold():
        return False
    body.remove(body[0])
    return True


def _paragraphs(text: str) -> str:
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _drop_attribute_floods(html: str) -> str:
    """Start tags with more than MAX_ATTRIBUTES attributes, reduced to their name."""
    def reduce(m: re.Match[str]) -> str:
        return f"<{m[1]}>" if len(_ATTRIBUTE.findall(m[2])) > MAX_ATTRIBUTES else m[0]

    return _LONG_TAG.sub(reduce, html) if len(html) > 4 * MAX_ATTRIBUTES else html


def _as_page(html: str) -> str:
    """A fragment wrapped into a page (a whole page is left as it is)."""
    if _PAGE.search(html[:20_000]):
        return html
    return f"<html><body>{html}</body></html>"


def _blocks(tree) -> int:
    return sum(1 for _ in tree.iter(_BLOCKS))


def extract_html(html: str, *, url: str | None = None) -> HtmlExtraction:
    """Extract the article body and its metadata from ``html``; empty body when nothing is found."""
    import trafilatura
    from trafilatura.utils import load_html
    from trafilatura.xml import xmltotxt

    try:
        tree = load_html(_as_page(_drop_attribute_floods(html)))
        if tree is None:
            return HtmlExtraction(body="")
        _mark_hidden_microdata(tree)
        _join_split_body(tree)
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            fast=_blocks(tree) > MAX_FALLBACK_BLOCKS,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            date_extraction_params={"extensive_search": len(html) <= MAX_DATE_SEARCH_CHARS,
                                    "original_date": True},
            config=_config(),
            prune_xpath=f".//*[@{_DROP}]",  # applied after the metadata search, before the body's
        )
    except (ValueError, TypeError, AttributeError):  # malformed markup trafilatura cannot parse
        doc = None
    if doc is None:
        return HtmlExtraction(body="")
    text = doc.text or ""
    if doc.body is not None and _drop_title_heading(doc.body, doc.title):
        text = xmltotxt(doc.body, False)
    authors = tuple(a for a in _AUTHOR_SPLIT.split(doc.author or "") if a)
    date = (doc.date or "")[:10] or None
    return HtmlExtraction(
        body=_paragraphs(text),
        title=strip_site_name((doc.title or "").strip(), doc.sitename, url) or None,
        date=date,
        authors=authors,
        outlet=(doc.sitename or "").strip() or None,
    )
