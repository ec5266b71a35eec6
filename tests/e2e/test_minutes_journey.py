"""e-Risalah in the browser: a meeting from invitation to published minutes.

The notulis of the DPRD secretariat schedules a public meeting on a phone (invitations go to
the outbox), writes the agenda and the minutes, takes attendance and submits; the chair
approves and publishes; a citizen finds the minutes on /risalah/ and downloads the PDF.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from satupintu.minutes.models import Meeting
from satupintu.notifications.models import OutboxMessage
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff
from tests.e2e.test_complaints_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
TITLE = "Rapat Kerja Komisi III tentang drainase Sepinggan"


@pytest.fixture
def cast(reference_data_live):
    setwan = OrgUnit.objects.get(code="SETWAN")
    return {
        "chair": make_staff(setwan, Membership.Role.HEAD, full_name="Budi Ketua Komisi"),
        "notulis": make_staff(setwan, full_name="Rina Notulis"),
        "invitee": make_staff(OrgUnit.objects.get(code="DPU"), full_name="Dedi Pekerjaan"),
    }


def test_meeting_from_invitation_to_published_minutes(
    cast, new_context, assert_accessible, foreign_requests
):
    notulis = log_in(new_context, cast["notulis"], **PHONE)

    # 1. Schedule the meeting: the invitee gets an invitation through the outbox.
    notulis.goto("/kantor/rapat/")
    notulis.get_by_role("link", name="Jadwalkan rapat").click()
    start = timezone.localtime() + timedelta(days=2)
    notulis.get_by_label("Unit penyelenggara").select_option(label="Sekretariat DPRD")
    notulis.get_by_label("Jenis rapat").select_option(label="Rapat kerja")
    notulis.get_by_label("Judul").fill(TITLE)
    notulis.get_by_label("Mulai").fill(start.strftime("%Y-%m-%dT09:00"))
    notulis.get_by_label("Selesai").fill(start.strftime("%Y-%m-%dT11:00"))
    notulis.get_by_label("Tempat").fill("Ruang Rapat Komisi III")
    notulis.get_by_label("Pimpinan rapat").select_option(label="Budi Ketua Komisi")
    notulis.get_by_label("Notulis").select_option(label="Rina Notulis")
    notulis.get_by_label("Pegawai yang diundang").select_option(label="Dedi Pekerjaan")
    notulis.get_by_label("Rapat terbuka").check()
    notulis.get_by_role("button", name="Jadwalkan dan kirim undangan").click()
    notulis.wait_for_url("**/kantor/rapat/*/")
    meeting = Meeting.objects.get(title=TITLE)
    invitations = OutboxMessage.objects.filter(reference=meeting.reference)
    assert [m.recipient for m in invitations] == [cast["invitee"].email]
    assert invitations.get().subject.startswith("Undangan rapat:")

    # 2. Agenda and the minutes of the item.
    notulis.get_by_label("Acara", exact=True).fill("Penanganan genangan di Sepinggan")
    notulis.get_by_label("Penyaji").fill("Kepala Bidang Sumber Daya Air")
    notulis.get_by_role("button", name="Tambah acara").click()
    notulis.get_by_role("link", name="Tulis risalah: Penanganan genangan di Sepinggan").click()
    notulis.get_by_label("Pembahasan").fill("Dinas PU memaparkan 11 titik genangan.")
    notulis.get_by_label("Keputusan").fill("Normalisasi saluran Sepinggan dimulai Juni.")
    notulis.get_by_role("button", name="Simpan risalah acara").click()
    expect(notulis.get_by_text("Normalisasi saluran Sepinggan dimulai Juni.")).to_be_visible()

    # 3. Attendance on the phone.
    notulis.get_by_role("link", name="Daftar hadir").first.click()

    def row(name):
        return notulis.get_by_role("group", name=re.compile(f"^{name}"))

    row("Budi Ketua Komisi").get_by_label("Hadir", exact=True).check()
    row("Rina Notulis").get_by_label("Hadir", exact=True).check()
    row("Dedi Pekerjaan").get_by_label("Izin", exact=True).check()
    notulis.get_by_role("button", name="Simpan daftar hadir").click()
    expect(notulis.get_by_text("Daftar hadir tersimpan.")).to_be_visible()
    statuses = dict(meeting.attendances.values_list("name", "status"))
    assert statuses == {
        "Budi Ketua Komisi": "present",
        "Rina Notulis": "present",
        "Dedi Pekerjaan": "excused",
    }

    # 4. Submit for review; the notulis cannot approve.
    notulis.goto(f"/kantor/rapat/{meeting.pk}/")
    notulis.get_by_role("button", name="Ajukan untuk ditinjau pimpinan").click()
    assert notulis.locator("#status-risalah").inner_text() == "Menunggu persetujuan pimpinan"
    assert notulis.get_by_role("button", name="Setujui risalah").count() == 0

    # 5. The chair approves and publishes.
    chair = log_in(new_context, cast["chair"], **PHONE)
    chair.goto(f"/kantor/rapat/{meeting.pk}/")
    chair.get_by_role("button", name="Setujui risalah").click()
    assert chair.locator("#status-risalah").inner_text() == "Disetujui pimpinan"
    chair.get_by_role("button", name="Terbitkan").click()
    assert chair.locator("#status-risalah").inner_text() == "Terbit"

    # 6. A citizen reads the minutes on /risalah/ and downloads the PDF.
    citizen = new_context(**PHONE).new_page()
    recorder = foreign_requests()
    citizen.on("request", recorder)
    citizen.goto("/risalah/")
    assert_accessible(citizen)
    citizen.get_by_label("Cari risalah").fill("genangan")
    citizen.get_by_role("button", name="Cari").click()
    citizen.get_by_role("link", name=TITLE).click()
    expect(citizen.get_by_text("Normalisasi saluran Sepinggan dimulai Juni.")).to_be_visible()
    hadir = citizen.locator("main").inner_text().split("Yang hadir", 1)[1]
    assert "Budi Ketua Komisi" in hadir and "Dedi Pekerjaan" not in hadir
    assert_accessible(citizen)
    pdf = citizen.request.get(f"/risalah/{meeting.pk}/risalah.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    assert recorder.foreign == [], recorder.foreign
