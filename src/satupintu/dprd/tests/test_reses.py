"""E-Reses: scheduling, recording, aspirations heard → proposals / aspiration cases, the signed
laporan reses, bad input, permissions and idempotency."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from satupintu.dprd import reses_pdf, reses_reports, reses_services
from satupintu.dprd.models import (
    Proposal,
    Recess,
    RecessHeard,
    RecessPhoto,
    RecessReport,
    SittingPeriod,
)
from satupintu.dprd.tests.conftest import photo
from satupintu.org.models import OrgUnit, Region
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db
S = Recess.Status


@pytest.fixture
def period(reference_data, selatan_member):
    today = timezone.localdate()
    return SittingPeriod.objects.create(
        term=selatan_member.term,
        year=today.year,
        number=1,
        starts_on=today - datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=20),
    )


@pytest.fixture
def recess(period, selatan_member, setwan_staff):
    return reses_services.schedule(
        actor=setwan_staff,
        member=selatan_member,
        period=period,
        kelurahan=Region.objects.get(name="Sepinggan"),
        place="Balai warga RT 12",
        held_on=timezone.localdate(),
    )


@pytest.fixture
def held(recess, selatan_member):
    reses_services.record_held(
        actor=selatan_member.user,
        recess=recess,
        attendance=42,
        summary="Warga hadir.",
        photos=[photo()],
    )
    recess.refresh_from_db()
    return recess


@pytest.fixture
def setwan_seal(reference_data):
    from satupintu.documents import pki
    from satupintu.documents import services as documents

    key = pki.generate_key()
    ca = documents.create_demo_ca(key=key)
    return documents.issue_demo_identity(
        ca=ca, org_unit=OrgUnit.objects.get(code="SETWAN"), key=key
    )


def heard(key="k1", **changes):
    values = {
        "outcome": RecessHeard.Outcome.PROPOSAL,
        "title": "Semenisasi gang Melati",
        "description": "Warga meminta semenisasi gang Melati yang becek.",
        "idempotency_key": key,
        "speaker_name": "Budi Warga Rahasia",
        "street": "Gg. Melati",
        "rt": "005",
        "affair": "Pekerjaan umum",
        "boundaries": "Dari mulut gang sampai pos ronda",
        "volume": 200,
        "volume_unit": "m",
        "photos": [photo()],
    }
    values.update(changes)
    return reses_services.Heard(**values)


# Behaviour


def test_schedule_then_record_held_with_photos(recess, held):
    assert held.status == S.HELD
    assert held.attendance == 42
    assert RecessPhoto.objects.filter(recess=held).count() == 1
    assert [c.to_status for c in held.status_changes.all()] == [S.SCHEDULED, S.HELD]


def test_reses_photo_page_is_private(client, held, selatan_member, utara_member):
    photo_row = RecessPhoto.objects.get(recess=held)
    url = reverse("dprd:reses_photo", args=[held.pk, photo_row.pk])
    client.force_login(selatan_member.user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    client.force_login(utara_member.user)
    assert client.get(url).status_code == 404


def test_complete_aspiration_becomes_reses_proposal(held, window, selatan_member):
    record = reses_services.record_heard(actor=selatan_member.user, recess=held, new=heard())
    assert record.case is not None
    assert record.case.kind == "pokir"
    assert record.case.proposal.source == Proposal.Source.RECESS
    assert record.case.proposal.district_id == selatan_member.district_id
    assert record.case.attachments.count() == 1


def test_incomplete_proposal_is_kept_as_draft_then_completed(held, window, selatan_member):
    record = reses_services.record_heard(
        actor=selatan_member.user, recess=held, new=heard(volume=None, photos=[])
    )
    assert record.is_draft
    assert "volume" in record.draft_reason and "foto" in record.draft_reason
    assert not Proposal.objects.exists()
    reses_services.complete_draft(
        actor=selatan_member.user, heard=record, changes={"volume": 200}, photos=[photo()]
    )
    record.refresh_from_db()
    assert not record.is_draft
    assert record.case.proposal.source == Proposal.Source.RECESS


def test_aspiration_heard_becomes_aspiration_case(held, setwan_staff):
    record = reses_services.record_heard(
        actor=setwan_staff,
        recess=held,
        new=heard(outcome=RecessHeard.Outcome.ASPIRATION, photos=[]),
    )
    assert record.case.kind == "aspirasi_dprd"
    assert record.case.tracking_code.startswith("ASP-")
    assert record.case.aspiration.target == "dapil"
    assert record.case.reporter_name == "Budi Warga Rahasia"


def test_same_form_twice_records_once(held, window, selatan_member):
    first = reses_services.record_heard(actor=selatan_member.user, recess=held, new=heard("dup"))
    again = reses_services.record_heard(actor=selatan_member.user, recess=held, new=heard("dup"))
    assert first.pk == again.pk
    assert RecessHeard.objects.count() == 1
    assert Proposal.objects.count() == 1


def test_double_post_through_the_page_creates_one(client, held, window, selatan_member):
    client.force_login(selatan_member.user)
    data = {
        "heard-outcome": "aspirasi",
        "heard-title": "Lampu jalan padam",
        "heard-description": "Lampu jalan di gang Melati padam sebulan.",
        "heard-idempotency_key": "same-key",
    }
    url = reverse("dprd:reses_heard", args=[held.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert RecessHeard.objects.filter(idempotency_key="same-key").count() == 1


def test_report_is_signed_verifies_and_is_public(client, held, window, selatan_member, setwan_seal):
    from satupintu.documents import services as documents

    reses_services.record_heard(actor=selatan_member.user, recess=held, new=heard())
    report = reses_reports.generate_report(
        actor=selatan_member.user, member=selatan_member, period=held.period
    )
    held.refresh_from_db()
    assert held.status == S.REPORTED
    document = reses_pdf.signed_document(report)
    assert document.signer == setwan_seal
    response = client.get(reverse("dprd:reses_report", args=[selatan_member.slug, held.period_id]))
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    result = documents.verify_pdf(data)
    assert result.is_valid, result.reason
    assert result.document == document
    # The member's public page: date, kelurahan, counts and the report; never who spoke.
    page = client.get(reverse("dprd:member", args=[selatan_member.slug])).content.decode()
    assert "Sepinggan" in page and "42" in page
    assert reverse("dprd:reses_report", args=[selatan_member.slug, held.period_id]) in page
    assert "Budi Warga Rahasia" not in page
    # In the page's main content, not in its <title> or meta description.
    head, main = page.split("<main", 1)
    assert "Sepinggan" not in head and "Sepinggan" in main


def test_report_again_revokes_the_previous(held, selatan_member, setwan_seal):
    from satupintu.documents.models import IssuedDocument

    first = reses_pdf.signed_document(
        reses_reports.generate_report(
            actor=selatan_member.user, member=selatan_member, period=held.period
        )
    )
    report = reses_reports.generate_report(
        actor=selatan_member.user, member=selatan_member, period=held.period
    )
    first.refresh_from_db()
    assert first.status == IssuedDocument.Status.REVOKED
    assert reses_pdf.signed_document(report).pk != first.pk
    assert RecessReport.objects.count() == 1


def test_no_seal_signs_nothing_and_changes_nothing(held, selatan_member):
    with pytest.raises(reses_services.RecessError) as exc:
        reses_reports.generate_report(
            actor=selatan_member.user, member=selatan_member, period=held.period
        )
    assert "segel" in exc.value.message
    held.refresh_from_db()
    assert held.status == S.HELD
    assert not RecessReport.objects.exists()


def test_cancel_needs_reason_and_only_from_scheduled(recess, setwan_staff):
    with pytest.raises(reses_services.RecessError):
        reses_services.cancel(actor=setwan_staff, recess=recess, reason=" ")
    reses_services.cancel(actor=setwan_staff, recess=recess, reason="Hujan lebat")
    assert recess.status == S.CANCELLED
    with pytest.raises(reses_services.RecessError) as exc:
        reses_services.record_held(actor=setwan_staff, recess=recess, attendance=3)
    assert exc.value.status == 409


# Bad input


def test_kelurahan_outside_the_dapil_is_refused(period, selatan_member, setwan_staff):
    outside = Region.objects.filter(level=Region.Level.URBAN_VILLAGE).exclude(
        parent__name="Balikpapan Selatan"
    )[0]
    with pytest.raises(reses_services.RecessError) as exc:
        reses_services.schedule(
            actor=setwan_staff,
            member=selatan_member,
            period=period,
            kelurahan=outside,
            place="Aula",
            held_on=timezone.localdate(),
        )
    assert "tidak termasuk dapil" in exc.value.message
    assert not Recess.objects.exists()


def test_date_outside_the_sitting_period_is_refused(period, selatan_member, setwan_staff):
    with pytest.raises(reses_services.RecessError) as exc:
        reses_services.schedule(
            actor=setwan_staff,
            member=selatan_member,
            period=period,
            kelurahan=Region.objects.get(name="Sepinggan"),
            place="Aula",
            held_on=period.ends_on + datetime.timedelta(days=1),
        )
    assert "masa sidang" in exc.value.message


def test_schedule_page_keeps_input_on_error(client, period, selatan_member, setwan_staff):
    client.force_login(setwan_staff)
    outside = Region.objects.filter(level=Region.Level.URBAN_VILLAGE).exclude(
        parent__name="Balikpapan Selatan"
    )[0]
    response = client.post(
        reverse("dprd:reses_schedule"),
        {
            "member": selatan_member.pk,
            "period": period.pk,
            "kelurahan": outside.pk,
            "place": "Aula Kelurahan Contoh",
            "held_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "tidak termasuk dapil" in body
    assert "Aula Kelurahan Contoh" in body


def test_negative_attendance_is_refused(client, recess, selatan_member):
    client.force_login(selatan_member.user)
    response = client.post(reverse("dprd:reses_held", args=[recess.pk]), {"held-attendance": "-3"})
    assert response.status_code == 400
    assert "tidak boleh negatif" in response.content.decode()
    recess.refresh_from_db()
    assert recess.status == S.SCHEDULED
    with pytest.raises(reses_services.RecessError):
        reses_services.record_held(actor=selatan_member.user, recess=recess, attendance=-1)


def test_bad_photo_is_refused(client, recess, selatan_member):
    client.force_login(selatan_member.user)
    fake = SimpleUploadedFile("foto.jpg", b"MZ\x90\x00not an image", content_type="image/jpeg")
    response = client.post(
        reverse("dprd:reses_held", args=[recess.pk]),
        {"held-attendance": "10", "held-files": fake},
    )
    assert response.status_code == 400
    recess.refresh_from_db()
    assert recess.status == S.SCHEDULED
    assert not RecessPhoto.objects.exists()


def test_pdf_is_not_a_reses_photo(recess, selatan_member):
    from satupintu.core.filechecks import CheckedFile

    checked = CheckedFile(
        upload=io.BytesIO(b"%PDF-1.4"),
        content_type="application/pdf",
        extension=".pdf",
        size=8,
        sha256="0" * 64,
    )
    with pytest.raises(reses_services.RecessError) as exc:
        reses_services.record_held(
            actor=selatan_member.user, recess=recess, attendance=1, photos=[checked]
        )
    assert "gambar" in exc.value.message
    recess.refresh_from_db()
    assert recess.status == S.SCHEDULED


def test_aspiration_before_the_reses_is_held_is_refused(recess, selatan_member):
    with pytest.raises(reses_services.RecessError) as exc:
        reses_services.record_heard(actor=selatan_member.user, recess=recess, new=heard())
    assert exc.value.status == 409


# Permissions


def test_member_sees_only_own_reses(client, recess, utara_member):
    client.force_login(utara_member.user)
    assert client.get(reverse("dprd:reses_detail", args=[recess.pk])).status_code == 404
    response = client.post(reverse("dprd:reses_held", args=[recess.pk]), {"held-attendance": "5"})
    assert response.status_code == 404
    with pytest.raises(reses_services.RecessError) as exc:
        reses_services.record_held(actor=utara_member.user, recess=recess, attendance=5)
    assert exc.value.status == 404


def test_member_cannot_schedule_or_cancel(client, recess, selatan_member):
    client.force_login(selatan_member.user)
    assert client.get(reverse("dprd:reses_schedule")).status_code == 404
    response = client.post(reverse("dprd:reses_cancel", args=[recess.pk]), {"cancel-reason": "x"})
    assert response.status_code == 404
    recess.refresh_from_db()
    assert recess.status == S.SCHEDULED


def test_opd_staff_get_404(client, recess):
    staff = make_staff(OrgUnit.objects.exclude(code="SETWAN").filter(kind="dinas")[0])
    client.force_login(staff)
    assert client.get(reverse("dprd:reses_list")).status_code == 404
    assert client.get(reverse("dprd:reses_detail", args=[recess.pk])).status_code == 404


def test_setwan_sees_all_and_member_own_in_list(client, recess, selatan_member, setwan_staff):
    client.force_login(setwan_staff)
    assert (
        reverse("dprd:reses_detail", args=[recess.pk])
        in client.get(reverse("dprd:reses_list")).content.decode()
    )
    assert client.get(reverse("dprd:reses_detail", args=[recess.pk])).status_code == 200
    client.force_login(selatan_member.user)
    page = client.get(reverse("dprd:reses_list")).content.decode()
    assert reverse("dprd:reses_detail", args=[recess.pk]) in page


def test_scheduled_reses_are_not_public(client, recess, selatan_member):
    page = client.get(reverse("dprd:member", args=[selatan_member.slug])).content.decode()
    assert "Belum ada reses yang dilaksanakan" in page
    assert "Balai warga RT 12" not in page
