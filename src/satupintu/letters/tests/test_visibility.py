"""Rahasia letters are seen only by their chain, on every path; other OPDs get 404."""

from datetime import timedelta

import pytest
from django.utils import timezone

from satupintu.letters import selectors, services
from satupintu.letters.models import Letter
from satupintu.letters.tests.conftest import pdf_upload, register
from satupintu.org.models import Membership
from satupintu.testing.factories import make_staff

SECRET = Letter.Sifat.SECRET


@pytest.fixture
def secret(org, code):
    letter = register(
        org.tu_setda,
        org.setda,
        sifat=SECRET,
        subject="Rahasia: hasil pemeriksaan khusus",
        number="R/1",
        scans=[pdf_upload()],
    )
    services.dispose(
        actor=org.sekda,
        letter=letter,
        to_users=[org.asisten2],
        to_units=[],
        instructions=["pelajari"],
        due_date=timezone.localdate() + timedelta(days=2),
    )
    return letter


@pytest.fixture
def ordinary(org, code):
    return register(org.tu_setda, org.setda, subject="Undangan biasa", number="B/1")


@pytest.fixture
def outsiders(org):
    """Staff who see SETDA's ordinary letters (by unit) but are not in the secret's chain."""
    other_tu = make_staff(org.setda, Membership.Role.OPERATOR, full_name="TU lain")
    city_admin = make_staff(org.setda.parent, Membership.Role.ADMIN, full_name="Admin kota")
    return [other_tu, org.asisten1, city_admin]


def test_chain_sees_the_secret_letter(org, secret):
    for person in (org.tu_setda, org.sekda, org.asisten2):
        assert selectors.visible_letters(person).filter(pk=secret.pk).exists(), person


def test_outsiders_do_not_see_it_anywhere(org, secret, ordinary, outsiders):
    for person in outsiders:
        visible = selectors.visible_letters(person)
        if person != org.asisten1:  # asisten I sits below SETDA: not SETDA's mail
            assert ordinary in visible, person
        assert secret not in visible
        assert secret not in selectors.search(person, selectors.SearchFilters(query="Rahasia"))
        assert secret not in selectors.inbox(person)


def test_secret_is_hidden_from_outsider_pages_api_and_exports(
    client, org, secret, ordinary, outsiders
):
    for person in outsiders:
        client.force_login(person)
        assert client.get(f"/kantor/surat/{secret.pk}/").status_code == 404
        file_id = secret.files.get().pk
        assert client.get(f"/kantor/surat/{secret.pk}/berkas/{file_id}/").status_code == 404
        assert client.get(f"/api/v1/kantor/surat/{secret.pk}/").status_code == 404
        if person != org.asisten1:
            assert client.get(f"/kantor/surat/{ordinary.pk}/").status_code == 200

        archive = client.get("/kantor/surat/arsip/", {"q": "Rahasia"}).content.decode()
        assert "hasil pemeriksaan" not in archive
        listing = client.get("/api/v1/kantor/surat/").json()
        ids = [row["id"] for row in listing["results"]]
        assert secret.pk not in ids
        found = client.get("/api/v1/kantor/surat/", {"q": "R/1"}).json()
        assert found["count"] == 0
        export = b"".join(client.get("/kantor/surat/arsip/csv/").streaming_content).decode()
        assert "hasil pemeriksaan" not in export
        dispositions = client.get("/api/v1/kantor/surat/disposisi/").json()
        assert all(row["letter_id"] != secret.pk for row in dispositions["results"])


def test_chain_member_sees_secret_on_every_path(client, org, secret):
    client.force_login(org.asisten2)
    assert client.get(f"/kantor/surat/{secret.pk}/").status_code == 200
    assert "hasil pemeriksaan" in client.get("/kantor/surat/").content.decode()
    assert client.get(f"/api/v1/kantor/surat/{secret.pk}/").status_code == 200
    export = b"".join(client.get("/kantor/surat/arsip/csv/").streaming_content).decode()
    assert "hasil pemeriksaan" in export


def test_withdrawn_recipient_loses_the_secret(org, code):
    letter = register(org.tu_setda, org.setda, sifat=SECRET, number="R/2")
    (d,) = services.dispose(
        actor=org.sekda,
        letter=letter,
        to_users=[org.asisten1],
        instructions=["pelajari"],
        due_date=timezone.localdate(),
    )
    assert letter in selectors.visible_letters(org.asisten1)
    services.withdraw(actor=org.sekda, disposition=d)
    assert letter not in selectors.visible_letters(org.asisten1)


def test_superuser_is_not_in_the_chain(org, secret, ordinary, django_user_model):
    root = django_user_model.objects.create_superuser(email="root@contoh.id", password="x" * 12)
    assert ordinary in selectors.visible_letters(root)
    assert secret not in selectors.visible_letters(root)


def test_staff_of_another_opd_get_404(client, org, ordinary):
    client.force_login(org.tu_dinkes)
    assert client.get(f"/kantor/surat/{ordinary.pk}/").status_code == 404
    assert client.get(f"/api/v1/kantor/surat/{ordinary.pk}/").status_code == 404
    response = client.post(
        f"/api/v1/kantor/surat/{ordinary.pk}/disposisi/",
        {"to_users": [org.tu_dinkes.pk], "instructions": ["arsip"], "due_date": "2099-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert "Undangan biasa" not in client.get("/kantor/surat/arsip/").content.decode()
    export = b"".join(client.get("/kantor/surat/arsip/csv/").streaming_content).decode()
    assert "Undangan biasa" not in export
    assert client.get("/api/v1/kantor/surat/").json()["count"] == 0


def test_disposition_opens_the_letter_to_the_recipient_opd(org, ordinary):
    assert ordinary not in selectors.visible_letters(org.kadis_dpu)
    services.dispose(
        actor=org.sekda,
        letter=ordinary,
        to_units=[org.dpu],
        instructions=["ditindaklanjuti"],
        due_date=timezone.localdate(),
    )
    assert ordinary in selectors.visible_letters(org.kadis_dpu)
    assert ordinary in selectors.visible_letters(org.tu_dpu)  # the unit's staff help act on it
    assert ordinary not in selectors.visible_letters(org.tu_dinkes)


def test_citizens_cannot_open_the_eoffice(client, citizen, ordinary):
    client.force_login(citizen)
    assert client.get("/kantor/surat/").status_code == 404
    assert client.get(f"/kantor/surat/{ordinary.pk}/").status_code == 404
    assert client.get("/api/v1/kantor/surat/").status_code == 403
