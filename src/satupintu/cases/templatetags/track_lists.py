"""The tracking page's step list and public history, each rendered by one format string.

Every uncached visit renders both (the page is kept only per case version). As template loops
they were a third of the page's rendering: a node walk and a variable lookup per value, for
six steps and as many events. The values go through `conditional_escape`, as `{{ }}` does,
and the note through the `linebreaksbr` filter itself, so the HTML is byte for byte what the
loops made (cases/tests/test_track_lists.py compares them). The reporter's history, with its
files and links, stays a template loop.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# The loops' own whitespace is kept, so the page does not change.
_STEP = (
    '\n    <li class="track-step step-{state}"{current}>'
    '\n      <span class="step-label">{label}</span>'
    '\n      <span class="step-when">{state_label}{reached}</span>'
    "\n    </li>\n  "
)
_REACHED = ' · <time datetime="{iso}">{text}</time>'
_EVENT = "\n    <li><strong>{when}</strong> — {heading}\n      {note}\n      \n    </li>\n  "
_NOTE = "<p>{}</p>"


@register.simple_tag
def step_items(steps):
    """`progress.steps` (cases.progress.Step) as the step list's items."""
    esc = conditional_escape
    return mark_safe(  # noqa: S308 - every value is escaped here
        "".join(
            _STEP.format(
                state=esc(step.state),
                current=' aria-current="step"' if step.state == "current" else "",
                label=esc(step.label),
                state_label=esc(step.state_label),
                reached=_REACHED.format(iso=esc(step.reached_iso), text=esc(step.reached_text))
                if step.reached_at
                else "",
            )
            for step in steps
        )
    )


@register.simple_tag
def public_event_items(events):
    """`selectors.track_timeline(case, is_reporter=False)` as the history's items."""
    esc = conditional_escape
    return mark_safe(  # noqa: S308 - every value is escaped here; the note by linebreaksbr
        "".join(
            _EVENT.format(
                when=esc(event.when_text),
                heading=esc(event.heading),
                note=_NOTE.format(linebreaksbr(event.shown_note, autoescape=True))
                if event.shown_note
                else "",
            )
            for event in events
        )
    )
