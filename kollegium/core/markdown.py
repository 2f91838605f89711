"""Markdown written by users, rendered to HTML that is safe to show on any page.

Python-Markdown passes raw HTML through, so its output is never trusted: nh3 (ammonia) keeps
only the tags and attributes below and only web and mail links. Headings are pushed down
so the text's highest heading becomes h3: a text cannot add a second h1 to the page that shows
it, and its sections sit under the page's own h2 sections.
"""

import re

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = {
    *("p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "del", "ins", "sub", "sup"),
    *("ul", "ol", "li", "dl", "dt", "dd", "a", "h3", "h4", "h5", "h6"),
    *("table", "thead", "tbody", "tr", "th", "td", "caption"),
}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "sane_lists", "fenced_code"]
HEADING = re.compile(r"<(/?)h([1-6])\b")
# Headings in user text start at this level (the page has its h1 and h2 sections).
FIRST_HEADING_LEVEL = 3


def _demote(html: str) -> str:
    levels = [int(level) for _slash, level in HEADING.findall(html)]
    if not levels:
        return html
    shift = FIRST_HEADING_LEVEL - min(levels)

    def replace(match: re.Match) -> str:
        return f"<{match.group(1)}h{min(int(match.group(2)) + shift, 6)}"

    return HEADING.sub(replace, html)


def render_markdown(text: str) -> SafeString:
    """Markdown -> sanitised HTML (links get rel="noopener noreferrer nofollow")."""
    html = markdown_lib.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    html = _demote(html)
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    # Safe only because nh3 has just removed everything not on the lists above.
    return mark_safe(clean)  # noqa: S308
