"""Staff search: title, agenda, discussion, decisions; only meetings the user may see."""

import pytest

from satupintu.minutes import selectors, services
from satupintu.minutes.tests.conftest import schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(people, setwan, opd_b):
    a = schedule(people["notulis"], setwan, people, title="Rapat paripurna APBD")
    item = services.add_agenda_item(actor=people["notulis"], meeting=a, title="Pandangan fraksi")
    services.update_agenda_item(
        actor=people["notulis"],
        item=item,
        changes={"discussion": "Fraksi membahas banjir Klandasan", "decisions": "Bentuk pansus"},
    )
    b = schedule(people["notulis"], setwan, people, title="Rapat koordinasi stunting")
    dinkes_head = people["dinkes"]
    from satupintu.org.models import Membership
    from satupintu.testing.factories import make_staff

    head = make_staff(opd_b, Membership.Role.HEAD)
    c = schedule(
        head,
        opd_b,
        {"chair": head, "notulis": dinkes_head},
        title="Rapat internal Dinkes banjir",
        invited_users=[],
        is_public=False,
    )
    return a, b, c


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("paripurna", [0]),
        ("fraksi", [0]),  # agenda title
        ("klandasan", [0]),  # discussion
        ("pansus", [0]),  # decisions
        ("stunting", [1]),
        ("rapat", [0, 1]),
        ("banjir pansus", [0]),  # every word
        ("jembatan", []),
    ],
)
def test_staff_search(meetings, people, query, expected):
    found = selectors.staff_meetings(people["notulis"], selectors.MeetingFilter(query=query))
    assert sorted(m.pk for m in found) == sorted(meetings[i].pk for i in expected)


def test_search_never_leaks_other_units(meetings, people):
    found = selectors.staff_meetings(people["colleague"], selectors.MeetingFilter(query="banjir"))
    assert [m.pk for m in found] == [meetings[0].pk]
    found = selectors.staff_meetings(people["dinkes"], selectors.MeetingFilter(query="banjir"))
    assert [m.pk for m in found] == [meetings[2].pk]


def test_filters(meetings, people, client):
    found = selectors.staff_meetings(
        people["notulis"], selectors.MeetingFilter(kind="koordinasi", status="draft")
    )
    assert list(found) == []
    client.force_login(people["notulis"])
    html = client.get("/kantor/rapat/?q=stunting&status=draft").content.decode()
    assert "Rapat koordinasi stunting" in html and "Rapat paripurna APBD" not in html
