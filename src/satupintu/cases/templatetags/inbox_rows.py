"""The staff inbox's table rows, rendered by one format string.

A full page is 50 rows of five cells, and as a template loop each value was a node walk and a
variable lookup, each deadline three comparisons: the rows were half of the page's time and
the reason a full page (a unit with thousands of open cases) was markedly slower than a short
one. The values go through `conditional_escape` as `{{ }}` does and the deadline as the
`date` filter formats it, so the HTML is byte for byte what the loop made
(cases/tests/test_inbox_rows.py compares them).
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

# The loop's own whitespace is kept, so the page does not change.
_ROW = (
    "\n  <tr>"
    '\n    <td class="mono"><a href="{url}{code}/">{code}</a></td>'
    "\n    <td>{title}{category}</td>"
    "\n    <td>{status}</td>"
    "\n    <td>{unit}{assignee}</td>"
    "\n    <td>{due}</td>"
    "\n  </tr>\n  "
)
_CATEGORY = '<br><span class="muted">{name}{region}</span>'
_ASSIGNEE = '<br><span class="muted">{}</span>'
_DUE = '<span class="{css}">{date}</span>{badge}'


def _badges() -> dict[str, str]:
    """The deadline's words, translated once per page rather than once per row."""
    return {
        "paused": conditional_escape(gettext("dijeda")),
        "late": f' <span class="overdue">{conditional_escape(gettext("terlambat"))}</span>',
        "soon": f' <span class="badge">{conditional_escape(gettext("segera"))}</span>',
    }


def _due(row, today, due_soon, badges) -> str:
    if row.paused_at:
        return badges["paused"]
    if not row.due_date:
        return ""
    late = row.due_date < today and not row.closed_at
    if late:
        badge = badges["late"]
    elif row.due_date <= due_soon and not row.closed_at:
        badge = badges["soon"]
    else:
        badge = ""
    due = row.due_date
    # What the `date` filter makes of "d-m-Y" (zero-padded day and month, four-digit year),
    # without its formatter's per-call setup.
    date = f"{due.day:02d}-{due.month:02d}-{due.year:04d}"
    return _DUE.format(css="overdue" if late else "", date=date, badge=badge)


@register.simple_tag
def inbox_row_items(rows, inbox_url, today, due_soon):
    """`selectors.inbox_rows` as the table's rows; `inbox_url` + code is a case's page."""
    esc = conditional_escape
    url = esc(inbox_url)
    badges = _badges()
    return mark_safe(  # noqa: S308 - every value is escaped here
        "".join(
            _ROW.format(
                url=url,
                code=esc(row.tracking_code),
                title=esc(row.title),
                category=_CATEGORY.format(
                    name=esc(row.category), region=f" · {esc(row.region)}" if row.region else ""
                )
                if row.category
                else "",
                status=esc(row.status_label),
                unit=esc(row.unit or "—"),
                assignee=_ASSIGNEE.format(esc(row.assignee)) if row.assignee else "",
                due=_due(row, today, due_soon, badges),
            )
            for row in rows
        )
    )
