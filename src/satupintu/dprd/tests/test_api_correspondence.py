"""Council correspondence in the staff API: the council letters each user sees as on the pages,
a letter's dispositions with their group (komisi/fraksi/alat kelengkapan), and who gets 404."""

import pytest

from satupintu.dprd import correspondence
from satupintu.dprd.tests import test_correspondence
from satupintu.dprd.tests.test_correspondence import fresh, register
from satupintu.letters.models import ClassificationCode
from satupintu.letters.tests.conftest import ensure_codes
from satupintu.org.models import OrgUnit
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db
BASE = "/api/v1/dprd/kantor/surat/"
council = test_correspondence.council  # the fixture


@pytest.fixture
def disposed(council):
    letter = register(council)
    correspondence.dispose(
        actor=fresh(council.ketua),
        letter=letter,
        groups=[correspondence.group_key(council.k3)],
        instructions=["siapkan_bahan"],
    )
    return letter


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_setwan_pimpinan_and_komisi_see_the_letter_with_its_group(client, council, disposed):
    other = register(council, subject="Aspirasi nelayan", external_number="13/FRT/2026")
    client.force_login(council.officer)
    assert ids(client.get(BASE)) == [other.pk, disposed.pk]
    client.force_login(council.ketua)
    assert set(ids(client.get(BASE))) == {other.pk, disposed.pk}
    client.force_login(council.k3_member)
    assert ids(client.get(BASE)) == [disposed.pk]
    assert ids(client.get(BASE, {"tab": "belum-dibaca"})) == [disposed.pk]

    detail = client.get(f"{BASE}{disposed.pk}/")
    assert detail.status_code == 200
    [disposition] = detail.json()["dispositions"]
    assert disposition["to_group"] == correspondence.group_key(council.k3)
    assert disposition["to_group_label"] == "Komisi III"
    assert disposition["recipient"] == "Komisi III" and disposition["to_user"] is None
    # Opening it marked it read, as the page does.
    assert ids(client.get(BASE, {"tab": "belum-dibaca"})) == []


def test_outsider_member_and_opd_staff_get_nothing(client, council, disposed):
    client.force_login(council.outsider)
    assert ids(client.get(BASE)) == []
    assert client.get(f"{BASE}{disposed.pk}/").status_code == 404
    client.force_login(make_staff(OrgUnit.objects.get(code="DPU")))
    assert client.get(BASE).status_code == 403
    assert client.get(f"{BASE}{disposed.pk}/").status_code == 403
    client.logout()
    assert client.get(BASE).status_code in (401, 403)


def test_sekda_letters_never_come_through_the_council_list(client, council, disposed):
    from satupintu.letters import services as letter_services

    ensure_codes()
    setda = OrgUnit.objects.get(code="SETDA")
    officer = make_staff(setda)
    plain = letter_services.register_incoming(
        actor=officer,
        unit=setda,
        subject="Surat biasa untuk Sekda",
        classification=ClassificationCode.objects.get(code="000.5.3.1"),
        sender_name="Warga",
    )
    client.force_login(council.officer)
    assert plain.pk not in ids(client.get(BASE))
    assert client.get(f"{BASE}{plain.pk}/").status_code == 404


def test_unknown_tab_lists_as_without_tab(client, council, disposed):
    client.force_login(council.k3_member)
    assert ids(client.get(BASE, {"tab": "<script>"})) == [disposed.pk]


def test_e_office_api_shows_the_group_of_a_disposition(client, council, disposed):
    client.force_login(council.officer)
    detail = client.get(f"/api/v1/kantor/surat/{disposed.pk}/")
    assert detail.status_code == 200, detail.content
    [disposition] = detail.json()["dispositions"]
    assert disposition["to_group_label"] == "Komisi III" and disposition["to_unit"] is None
