"""The tracking page's format-string lists (cases/templatetags/track_lists.py) make exactly
the HTML of the template loops they replaced, markup and quotes included."""

from datetime import UTC, datetime
from types import SimpleNamespace

from django.template import engines
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from satupintu.cases.progress import CURRENT, DONE, TODO, Step

# The loops as track.html had them (before the tags), whitespace included.
STEP_LOOP = """  {% for step in steps %}
    <li class="track-step step-{{ step.state }}"{% if step.state == "current" %} aria-current="step"{% endif %}>
      <span class="step-label">{{ step.label }}</span>
      <span class="step-when">{{ step.state_label }}{% if step.reached_at %} · <time datetime="{{ step.reached_iso }}">{{ step.reached_text }}</time>{% endif %}</span>
    </li>
  {% endfor %}"""  # noqa: E501
EVENT_LOOP = """  {% for event in timeline %}
    <li><strong>{{ event.when_text }}</strong> — {{ event.heading }}
      {% if event.shown_note %}<p>{{ event.shown_note|linebreaksbr }}</p>{% endif %}
      {% if is_reporter %}files{% endif %}
    </li>
  {% endfor %}"""
TAGS = "  {% load track_lists %}{% step_items steps %}|  {% public_event_items timeline %}"

MARKUP = "<b>Jl. \"Soekarno-Hatta\" & 'Gn. Samarinda'</b>"
WHEN = datetime(2026, 8, 18, 1, 30, tzinfo=UTC)


def _loops(steps, timeline) -> str:
    engine = engines["django"]
    context = {"steps": steps, "timeline": timeline, "is_reporter": False}
    return (
        engine.from_string(STEP_LOOP).render(context)
        + "|"
        + engine.from_string(EVENT_LOOP).render(context)
    )


def _tags(steps, timeline) -> str:
    return engines["django"].from_string(TAGS).render({"steps": steps, "timeline": timeline})


def _steps():
    return [
        Step("received", MARKUP, DONE, WHEN),
        Step("verified", "Diverifikasi", DONE, None),
        Step("in_progress", gettext_lazy("Diproses"), CURRENT, WHEN),
        Step("answered", "Dijawab", CURRENT, None),
        Step("closed", "Selesai", TODO),
    ]


def _events():
    return [
        SimpleNamespace(when_text="18 Agu 2026 09:30", heading=MARKUP, shown_note=""),
        SimpleNamespace(
            when_text="18 Agu 2026 10:00",
            heading=gettext_lazy("Balasan"),
            shown_note=f"Baris satu {MARKUP}\r\nbaris dua\n\nbaris empat",
        ),
        # A value already marked safe is not escaped again by {{ }}, nor by the tag.
        SimpleNamespace(when_text=mark_safe("<em>kemarin</em>"), heading="x", shown_note="a"),
    ]


def test_the_tags_make_the_loops_html_exactly():
    for language in ("id", "en"):
        with override(language):
            assert _tags(_steps(), _events()) == _loops(_steps(), _events())


def test_markup_in_a_label_or_a_note_is_escaped():
    html = _tags(_steps(), _events())
    assert "<b>" not in html
    assert "&lt;b&gt;Jl. &quot;Soekarno-Hatta&quot; &amp; &#x27;Gn. Samarinda&#x27;" in html
    assert "baris dua<br><br>baris empat" in html
    assert 'aria-current="step"' in html
    assert html.count('aria-current="step"') == 2


def test_empty_lists_render_nothing():
    assert _tags([], []) == _loops([], []) == "  |  "
