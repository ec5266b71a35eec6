"""Who sees a meeting: pages and API answer 404 to everyone else."""

import pytest
from django.urls import reverse

from satupintu.minutes import access
from satupintu.minutes.tests.conftest import schedule
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db


def _staff_urls(meeting):
    item = meeting.agenda_items.first()
    urls = [
        reverse("minutes:staff_detail", args=[meeting.pk]),
        reverse("minutes:staff_pdf", args=[meeting.pk]),
        reverse("minutes:edit", args=[meeting.pk]),
        reverse("minutes:attendance", args=[meeting.pk]),
        f"/api/v1/kantor/rapat/{meeting.pk}/",
    ]
    if item:
        urls.append(reverse("minutes:agenda_edit", args=[meeting.pk, item.pk]))
    return urls


def test_other_opd_staff_get_404_everywhere(client, published, people):
    client.force_login(people["dinkes"])
    for url in _staff_urls(published):
        assert client.get(url).status_code == 404, url
    for action in ("approve", "reopen", "submit"):
        response = client.post(
            f"/api/v1/kantor/rapat/{published.pk}/tindakan/", {"action": action, "note": "x"}
        )
        assert response.status_code == 404
    assert (
        client.post(reverse("minutes:act", args=[published.pk]), {"action": "reopen"}).status_code
        == 404
    )
    listing = client.get(reverse("minutes:staff_list"))
    assert published.title not in listing.content.decode()
    assert client.get("/api/v1/kantor/rapat/").json()["count"] == 0


@pytest.mark.parametrize("who", ["chair", "notulis", "colleague", "invitee", "city"])
def test_people_who_see_the_meeting(client, meeting, people, who):
    client.force_login(people[who])
    assert client.get(reverse("minutes:staff_detail", args=[meeting.pk])).status_code == 200
    assert client.get(f"/api/v1/kantor/rapat/{meeting.pk}/").status_code == 200


def test_staff_of_an_invited_unit_and_of_units_above_see_it(people, setwan, opd_b):
    meeting = schedule(people["notulis"], setwan, people, invited_units=[opd_b])
    assert access.visible_meetings(people["dinkes"]).filter(pk=meeting.pk).exists()
    division = OrgUnit.objects.create(
        code="SETWAN-RISALAH", name="Bagian Risalah", kind="bidang", parent=setwan
    )
    other = schedule(people["notulis"], division, people, invited_users=[])
    # staff of SETWAN (above the division) see it; staff of the division do not see SETWAN's own
    assert access.visible_meetings(people["colleague"]).filter(pk=other.pk).exists()
    division_staff = make_staff(division, Membership.Role.OPERATOR)
    assert not access.visible_meetings(division_staff).filter(pk=meeting.pk).exists()
    assert access.visible_meetings(division_staff).filter(pk=other.pk).exists()


def test_citizens_never_reach_the_back_office(client, meeting, citizen):
    client.force_login(citizen)
    assert client.get(reverse("minutes:staff_detail", args=[meeting.pk])).status_code == 404
    assert client.get(f"/api/v1/kantor/rapat/{meeting.pk}/").status_code == 403


def test_drafts_and_internal_meetings_are_never_public(client, people, setwan, meeting):
    from satupintu.minutes.tests.conftest import publish

    internal = schedule(
        people["notulis"], setwan, people, title="Rapat internal kepegawaian", is_public=False
    )
    publish(internal, people)
    for m in (meeting, internal):  # a public draft, an internal published meeting
        assert client.get(reverse("minutes:public_detail", args=[m.pk])).status_code == 404
        assert client.get(reverse("minutes:public_pdf", args=[m.pk])).status_code == 404
    listing = client.get(reverse("minutes:public_list")).content.decode()
    assert meeting.title not in listing and internal.title not in listing
    assert (
        client.get(reverse("minutes:public_list") + "?q=kepegawaian")
        .content.decode()
        .count("Rapat internal kepegawaian")
        == 0
    )
