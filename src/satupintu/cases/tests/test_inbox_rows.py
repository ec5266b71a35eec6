"""The staff inbox's rows: read as values (cases.selectors.inbox_rows) and rendered by one
format string (cases/templatetags/inbox_rows.py), with exactly the HTML of the template loop
they replaced and the names the Case objects gave."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext_lazy, override

from satupintu.cases import selectors
from satupintu.cases.tests.helpers import act, file_case, unit, verify
from satupintu.cases.workflow import kinds
from satupintu.testing.factories import make_staff

# The loop as inbox.html had it (before the tag), whitespace included; the Case objects'
# names are the rows' strings now (case.category.name → row.category, and so on).
ROW_LOOP = """  {% load i18n %}{% for case in page %}
  <tr>
    <td class="mono"><a href="{{ inbox_url }}{{ case.tracking_code }}/">{{ case.tracking_code }}</a></td>
    <td>{{ case.title }}{% if case.category %}<br><span class="muted">{{ case.category }}{% if case.region %} · {{ case.region }}{% endif %}</span>{% endif %}</td>
    <td>{{ case.status_label }}</td>
    <td>{{ case.unit|default:"—" }}{% if case.assignee %}<br><span class="muted">{{ case.assignee }}</span>{% endif %}</td>
    <td>{% if case.paused_at %}{% translate "dijeda" %}{% elif case.due_date %}<span class="{% if case.due_date < today and not case.closed_at %}overdue{% endif %}">{{ case.due_date|date:"d-m-Y" }}</span>{% if case.due_date < today and not case.closed_at %} <span class="overdue">{% translate "terlambat" %}</span>{% elif case.due_date <= due_soon and not case.closed_at %} <span class="badge">{% translate "segera" %}</span>{% endif %}{% endif %}</td>
  </tr>
  {% endfor %}"""  # noqa: E501
TAG = "  {% load inbox_rows %}{% inbox_row_items page inbox_url today due_soon %}"

MARKUP = "<b>Jl. \"Soekarno-Hatta\" & 'Gn. Samarinda'</b>"
TODAY = date(2026, 8, 18)
DUE_SOON = date(2026, 8, 21)
WHEN = datetime(2026, 8, 10, 2, 0, tzinfo=UTC)


def _row(**values):
    row = {
        "tracking_code": "ADU-7K2M9Q",
        "title": "Jalan berlubang",
        "status_label": "Diteruskan ke unit",
        "category": "Jalan rusak",
        "region": "Sepinggan",
        "unit": "DPU",
        "assignee": "",
        "due_date": TODAY,
        "paused_at": None,
        "closed_at": None,
    }
    return SimpleNamespace(**{**row, **values})


def _rows():
    return [
        _row(),
        _row(title=MARKUP, category=MARKUP, region=MARKUP, unit=MARKUP, assignee=MARKUP),
        _row(status_label=gettext_lazy("Diproses"), due_date=date(2026, 8, 17)),  # late
        _row(due_date=date(2026, 8, 17), closed_at=WHEN),  # late but closed: no badge
        _row(due_date=DUE_SOON),  # soon
        _row(due_date=date(2026, 8, 22)),  # later
        _row(due_date=date(2026, 8, 22), paused_at=WHEN),  # paused wins
        _row(due_date=None, category="", region="Klandasan Ilir", unit="", assignee="Budi"),
        _row(category="Jalan rusak", region=""),
        _row(due_date=date(987, 1, 5)),  # a four-digit year, zero-padded like the filter's
    ]


def _render(source: str, rows) -> str:
    context = {"page": rows, "inbox_url": "/kantor/kasus/", "today": TODAY, "due_soon": DUE_SOON}
    return engines["django"].from_string(source).render(context)


def test_rows_are_the_loops_html_byte_for_byte():
    rows = _rows()
    for language in ("id", "en"):
        with override(language):
            assert _render(TAG, rows) == _render(ROW_LOOP, rows)


def test_rows_escape_what_people_typed():
    html = _render(TAG, [_row(title=MARKUP, assignee=MARKUP)])

    assert "<b>" not in html
    assert "&lt;b&gt;Jl. &quot;Soekarno-Hatta&quot; &amp; &#x27;Gn. Samarinda&#x27;" in html


def test_no_rows_render_nothing():
    assert _render(TAG, []) == "  "


# --- The rows' values ---------------------------------------------------------------------------


def _labels() -> dict:
    labels = {}
    for kind in kinds():
        labels.update(kind.status_labels)
    return labels


def test_rows_name_what_the_case_objects_named(category, coordinator):
    dpu = unit("DPU")
    operator = make_staff(dpu, full_name="Siti Rahma")
    case = verify(file_case(category, title="Drainase tersumbat")[0], coordinator)
    case = act(case, "assign", operator, assignee=operator)
    category.name_en = "Damaged road"
    category.save()

    with override("en"):
        (row,) = selectors.inbox_rows(selectors.inbox(operator, selectors.InboxFilter()), _labels())
        label = str(_labels()[case.status])

    assert row.tracking_code == case.tracking_code
    assert row.title == "Drainase tersumbat"
    assert row.category == "Damaged road"  # the category's translated name, as case.category
    assert row.region == case.region.name
    assert row.unit == str(dpu)
    assert row.assignee == str(operator) == "Siti Rahma"
    assert row.status_label == label == "Forwarded to unit"
    assert row.due_date == case.due_date
    assert row.paused_at is None and row.closed_at is None


def test_an_assignee_without_a_name_is_masked(category, coordinator):
    operator = make_staff(unit("DPU"), full_name="", email="petugas.jalan@balikpapan.go.id")
    case = verify(file_case(category)[0], coordinator)
    act(case, "assign", operator, assignee=operator)

    (row,) = selectors.inbox_rows(selectors.inbox(operator, selectors.InboxFilter()), _labels())

    assert row.assignee == str(operator)
    assert "petugas.jalan@" not in row.assignee


def test_a_page_of_rows_costs_the_same_queries_however_many(category, coordinator):
    operator = make_staff(unit("DPU"))
    verify(file_case(category)[0], coordinator)
    cases = selectors.inbox(operator, selectors.InboxFilter())
    with CaptureQueriesContext(connection) as one:
        selectors.inbox_rows(cases[:50], _labels())
    for _ in range(3):
        act(verify(file_case(category)[0], coordinator), "assign", operator, assignee=operator)
    with CaptureQueriesContext(connection) as four:
        rows = selectors.inbox_rows(cases[:50], _labels())

    assert len(rows) == 4
    # The rows with their region, the units, the categories, the assignees (none at first).
    assert (len(one), len(four)) == (3, 4)


def test_inbox_page_says_when_there_is_nothing(client, category, coordinator):
    operator = make_staff(unit("DPU"))
    client.force_login(operator)

    empty = client.get("/kantor/kasus/").content.decode()
    case = verify(file_case(category)[0], coordinator)
    listed = client.get("/kantor/kasus/").content.decode()

    assert "Tidak ada kasus." in empty
    assert "Tidak ada kasus." not in listed
    assert f'<a href="/kantor/kasus/{case.tracking_code}/">{case.tracking_code}</a>' in listed
