"""Drafting an outgoing council letter on /kantor/dprd/surat/keluar/baru/: SETWAN's staff draft
it with SETWAN's kop, it is numbered with SETWAN's template when signed, a failed form keeps
what was typed, the draft is audited, and nobody else reaches the page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from satupintu.core.models import AuditEvent
from satupintu.dprd import correspondence
from satupintu.dprd.models import CouncilLetter
from satupintu.dprd.tests import test_correspondence
from satupintu.dprd.tests.test_correspondence import fresh, login
from satupintu.letters import services as letter_services
from satupintu.letters.models import Letter, UnitLetterSettings
from satupintu.org.models import OrgUnit
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db
URL = "/kantor/dprd/surat/keluar/baru/"
council = test_correspondence.council  # the fixture


def form_data(council, **changes):
    data = {
        "letter_type": "surat_dinas",
        "subject": "Jawaban atas undangan RDP drainase",
        "sifat": "biasa",
        "classification": "000.5.3.1",
        "body": "Dengan hormat, bersama ini kami sampaikan jadwal RDP.",
        "signer": council.sekwan.pk,
        "external_recipients": "Forum RT Kelurahan Sepinggan",
        "aksi": "simpan",
    }
    data.update(changes)
    return data


def test_setwan_drafts_a_council_letter_numbered_with_setwan_template(client, council):
    UnitLetterSettings.objects.create(
        org_unit=council.setwan,
        number_code="DPRD",
        number_template="{klasifikasi}/{urut}/{unit}/{tahun}",
        letterhead_name="DEWAN PERWAKILAN RAKYAT DAERAH KOTA BALIKPAPAN",
    )
    login(client, council.officer)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "DEWAN PERWAKILAN RAKYAT DAERAH KOTA BALIKPAPAN" in html
    assert 'name="unit"' not in html  # the drafting unit is always SETWAN
    inbox = client.get("/kantor/dprd/surat/").content.decode()
    assert reverse("dprd:correspondence_draft") in inbox

    response = client.post(URL, form_data(council, aksi="ajukan"))
    assert response.status_code == 302, response.content.decode()[:2000]
    letter = Letter.objects.get(subject="Jawaban atas undangan RDP drainase")
    assert response["Location"] == reverse("dprd:correspondence_detail", args=[letter.pk])
    assert letter.org_unit == council.setwan and letter.direction == Letter.Direction.OUTGOING
    assert letter.status == Letter.Status.TO_SIGN and letter.letter_number == ""
    assert CouncilLetter.objects.filter(letter=letter).exists()
    assert AuditEvent.objects.filter(action__startswith="letters.", object_id=str(letter.pk))
    assert letter in correspondence.council_letters(fresh(council.ketua))

    signed = letter_services.sign_outgoing(actor=council.sekwan, letter=letter)
    assert signed.letter_number == f"000.5.3.1/1/DPRD/{timezone.localdate().year}"


def test_failed_form_keeps_input_with_indonesian_messages(client, council):
    login(client, council.officer)
    response = client.post(URL, form_data(council, body="", signer=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Jawaban atas undangan RDP drainase" in html and "Forum RT Kelurahan Sepinggan" in html
    import re

    errors = " ".join(re.findall(r'class="errorlist[^>]*>(.*?)</ul>', html, re.S))
    assert "tidak boleh kosong" in errors or "harus diisi" in errors, errors
    bad_code = client.post(URL, form_data(council, classification="999.999"))
    assert bad_code.status_code == 400
    markup = client.post(URL, form_data(council, subject="<script>alert(1)</script>"))
    assert markup.status_code == 400
    assert not CouncilLetter.objects.exists()


def test_members_and_opd_staff_do_not_reach_the_page(client, council):
    login(client, council.ketua)
    assert client.get(URL).status_code == 404
    assert client.post(URL, form_data(council)).status_code == 404
    client.logout()
    login(client, make_staff(OrgUnit.objects.get(code="DPU")))
    assert client.get(URL).status_code == 404
    assert not CouncilLetter.objects.exists()
