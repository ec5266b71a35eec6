"""Editors' rich text, cleaned with an allow-list (nh3, the Ammonia sanitiser): paragraphs,
headings, lists, emphasis, links and tables survive; scripts, styles, event handlers,
`javascript:` links and everything else are removed, never escaped into view."""

import nh3

TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"https", "http", "mailto", "tel"}
MAX_CHARS = 50_000


def clean(html: str) -> str:
    return nh3.clean(
        (html or "")[:MAX_CHARS],
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def text_of(html: str) -> str:
    """The words of the cleaned body, for search and feeds' plain summaries."""
    return " ".join(nh3.clean(html or "", tags=set()).split())
