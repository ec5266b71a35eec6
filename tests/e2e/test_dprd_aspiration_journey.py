"""Issue 10's second journey: an aspiration to Komisi III by WhatsApp → SETWAN forwards it and
schedules a hearing (RDP) in e-Risalah from a phone → the published minutes are signed and
verify at /verifikasi/ → the komisi's ketua answers → the citizen reads the answer and finds
the minutes on the tracking page."""

import re
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from satupintu.cases.models import Case, Category, SlaTier
from satupintu.documents import pki
from satupintu.documents import services as document_services
from satupintu.dprd.models import Body
from satupintu.intake.tests.conftest import (
    APP_SECRET,
    MAIL_TOKEN,
    VERIFY_TOKEN,
    post_webhook,
    wa_message,
    wa_payload,
)
from satupintu.minutes import services as minute_services
from satupintu.minutes import signing
from satupintu.org.models import OrgUnit
from satupintu.testing.factories import TOTP_SECRET, UserFactory, make_staff
from tests.e2e.test_complaints_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
STORY = "Saluran air di Jl. Sepinggan Baru tersumbat, mohon Komisi III mendorong perbaikannya."
ANSWER = "Komisi III meminta Dinas PU menormalisasi saluran Jl. Sepinggan Baru bulan depan."


def _whatsapp(*texts):
    client = Client()
    secrets = {
        "WHATSAPP_APP_SECRET": APP_SECRET,
        "WHATSAPP_VERIFY_TOKEN": VERIFY_TOKEN,
        "INBOUND_EMAIL_TOKEN": MAIL_TOKEN,
    }
    with override_settings(**secrets):
        for number, text in enumerate(texts):
            message = wa_message(body=text, wamid=f"wamid.dprd{number}")
            response = post_webhook(client, wa_payload(message))
            assert response.status_code == 200, response.content


def test_aspiration_by_whatsapp_to_a_signed_hearing_and_an_answer(
    reference_data_live, new_context, assert_accessible
):
    from allauth.mfa.totp.internal.auth import TOTP

    setwan = OrgUnit.objects.get(code="SETWAN")
    staff = make_staff(setwan, full_name="Sari Setwan")
    key = pki.generate_key()
    ca = document_services.create_demo_ca(key=key)
    document_services.issue_demo_identity(ca=ca, org_unit=setwan, key=key)
    komisi = Body.objects.get(code="KOMISI-III")
    ketua = komisi.positions.get(role="ketua").member
    ketua.user = UserFactory(is_staff=True, full_name=ketua.name)
    ketua.save(update_fields=["user"])
    TOTP.activate(ketua.user, TOTP_SECRET)

    tier = SlaTier.objects.create(code="uji", name="Uji", working_days=14)
    Category.objects.create(kind="complaint", code="lainnya", name="Lainnya", sla_tier=tier)

    # 1. WhatsApp: the story, "Aspirasi untuk DPRD" (after the one category), Komisi III (the
    #    fourth addressee), the kelurahan.
    _whatsapp(STORY, "2", "4", "Sepinggan")
    case = Case.objects.get(kind="aspirasi_dprd")
    assert case.channel == Case.Channel.WHATSAPP
    assert case.aspiration.commission == komisi
    code = case.tracking_code

    # 2. SETWAN on a phone: forward to Komisi III, then schedule the hearing.
    officer = log_in(new_context, staff, **PHONE)
    officer.goto(f"/kantor/dprd/aspirasi/{code}/")
    assert_accessible(officer)
    officer.get_by_role("button", name="Verifikasi dan teruskan").click()
    officer.wait_for_url(f"**/kantor/dprd/aspirasi/{code}/")
    start = timezone.localtime() + timedelta(days=2)
    officer.get_by_label("Judul rapat").fill("RDP drainase Sepinggan Baru")
    officer.get_by_label("Mulai").fill(start.strftime("%Y-%m-%dT09:00"))
    officer.get_by_label("Selesai").fill(start.strftime("%Y-%m-%dT11:00"))
    officer.get_by_label("Tempat").fill("Ruang Rapat Komisi III")
    officer.get_by_role("button", name="Jadwalkan rapat dengar pendapat").click()
    officer.wait_for_url(f"**/kantor/dprd/aspirasi/{code}/")
    case.refresh_from_db()
    assert case.status == "rdp"
    meeting = case.aspiration.meeting
    assert meeting.chair == ketua.user and meeting.is_public

    # 3. The hearing's minutes in e-Risalah: written by SETWAN, approved by the chair,
    #    published (and signed with SETWAN's seal).
    item = minute_services.add_agenda_item(actor=staff, meeting=meeting, title="Drainase")
    minute_services.update_agenda_item(
        actor=staff, item=item, changes={"decisions": "Normalisasi saluran bulan depan."}
    )
    minute_services.transition(actor=staff, meeting=meeting, action="submit")
    minute_services.transition(actor=ketua.user, meeting=meeting, action="approve")
    minute_services.transition(actor=staff, meeting=meeting, action="publish")
    document = signing.signed_document(meeting)
    assert document is not None

    # 4. The ketua answers from their own door (no unit inbox).
    member = log_in(new_context, ketua.user, **PHONE)
    member.goto("/kantor/dprd/aspirasi/")
    member.get_by_role("link", name=code).click()
    member.get_by_label("Jawaban (tampil di halaman lacak)").last.fill(ANSWER)
    member.get_by_role("button", name="Beri jawaban").click()
    member.wait_for_url(f"**/kantor/dprd/aspirasi/{code}/")
    case.refresh_from_db()
    assert case.status == "dijawab"

    # 5. The citizen: the answer and the hearing's minutes on the tracking page; the signed
    #    PDF verifies at /verifikasi/.
    citizen = new_context(**PHONE).new_page()
    citizen.goto(f"/lacak/{code}/")
    assert_accessible(citizen)
    assert ANSWER in citizen.locator("main").inner_text()
    citizen.locator("#hearing-minutes").click()
    citizen.wait_for_url(re.compile(rf"/risalah/{meeting.pk}/$"))
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="Unduh risalah (PDF)").click()
    signed = download.value.path().read_bytes()
    assert document_services.verify_pdf(signed).is_valid
    citizen.goto(f"/verifikasi/{document.token}/")
    assert "Dokumen asli" in citizen.locator("main").inner_text()
