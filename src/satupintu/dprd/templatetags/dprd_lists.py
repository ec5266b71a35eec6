"""The dapil page's list of proposals, rendered by one format string.

Every request renders the list (it has no page cache: support counts change all the time).
As a template loop, its 25 rows with three variables each were a fifth of the page's time,
and `format_html_join` nearly as much (Django's lazy-aware escaping, per value). The values
are plain strings (`dprd.views._labelled`), which the standard library escapes exactly as
Django's `escape` does (Django calls it), so the HTML is the same.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_ITEM = '<li><a href="{}">{}</a> <span class="muted">— {}</span></li>'


@register.simple_tag
def proposal_items(rows):
    """`rows` as `dprd.views._labelled` prepares them: path, title and details, all `str`."""
    return mark_safe(  # noqa: S308 - every value is escaped just above
        "".join(
            _ITEM.format(escape(r["path"]), escape(r["title"]), escape(r["details"])) for r in rows
        )
    )
