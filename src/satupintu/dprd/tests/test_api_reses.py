"""E-Reses in the staff API: the schedule per masa sidang, a reses, the reses held and an
aspiration heard (→ E-Pokir proposal with source "reses"), idempotency, bad input, and who may
see and act (SETWAN all, a member their own, another member 404, OPD staff nothing)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone

from satupintu.core.models import AuditEvent
from satupintu.dprd.models import Proposal, Recess, RecessHeard, SittingPeriod
from satupintu.dprd.tests import test_reses
from satupintu.dprd.tests.conftest import png_bytes
from satupintu.org.models import OrgUnit, Region
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db
BASE = "/api/v1/dprd/kantor/reses/"
# The E-Reses tests' fixtures.
period, recess, held = test_reses.period, test_reses.recess, test_reses.held


def post(client, url, data, *, multipart=False, **headers):
    with TestCase.captureOnCommitCallbacks(execute=True):
        if multipart:
            return client.post(url, data, headers=headers)
        return client.post(url, data, content_type="application/json", headers=headers)


def png(name="lokasi.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


HEARD = {
    "outcome": "usulan",
    "title": "Semenisasi gang Kenanga",
    "description": "Warga meminta semenisasi gang Kenanga yang becek setiap hujan.",
    "speaker_name": "Ibu Warga Rahasia",
    "work_type": "fisik",
    "affair": "Pekerjaan umum",
    "rt": "7",
    "street": "Gg. Kenanga",
    "boundaries": "Dari mulut gang sampai langgar",
    "volume": "120",
    "volume_unit": "m",
}


def test_member_lists_own_schedule_per_masa_sidang(client, recess, selatan_member, period):
    later = SittingPeriod.objects.create(
        term=period.term,
        year=period.year,
        number=2,
        starts_on=period.ends_on + datetime.timedelta(days=1),
        ends_on=period.ends_on + datetime.timedelta(days=60),
    )
    client.force_login(selatan_member.user)
    listed = client.get(BASE).json()["results"]
    assert [r["id"] for r in listed] == [recess.pk]
    row = listed[0]
    assert row["member"] == selatan_member.slug and row["status"] == "dijadwalkan"
    assert row["masa_sidang"] == period.pk and row["kelurahan_name"] == "Sepinggan"
    assert row["heard_count"] == 0 and row["attendance"] is None
    assert client.get(BASE, {"masa_sidang": later.pk}).json()["results"] == []
    assert len(client.get(BASE, {"masa_sidang": period.pk}).json()["results"]) == 1
    bad = client.get(BASE, {"masa_sidang": "satu"})
    assert bad.status_code == 400 and "angka" in bad.json()["masa_sidang"][0]


def test_record_held_then_heard_becomes_reses_proposal(client, recess, selatan_member, window):
    client.force_login(selatan_member.user)
    held_url = f"{BASE}{recess.pk}/pelaksanaan/"
    answer = post(client, held_url, {"attendance": 57, "summary": "Balai penuh."})
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "dilaksanakan" and answer.json()["attendance"] == 57
    recess.refresh_from_db()
    assert recess.status == Recess.Status.HELD and recess.attendance == 57
    assert AuditEvent.objects.filter(action="dprd.recess_held").count() == 1

    url = f"{BASE}{recess.pk}/aspirasi/"
    created = post(
        client, url, {**HEARD, "photos": [png()]}, multipart=True, **{"Idempotency-Key": "hp-1"}
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["is_draft"] is False and body["code"]
    assert "speaker_name" not in body and "Rahasia" not in created.content.decode()
    proposal = Proposal.objects.get(case__tracking_code=body["code"])
    assert proposal.source == Proposal.Source.RECESS
    assert proposal.district == selatan_member.district
    detail = client.get(f"{BASE}{recess.pk}/").json()
    assert [h["code"] for h in detail["heard"]] == [body["code"]]
    assert detail["filed_count"] == 1 and "Rahasia" not in str(detail)


def test_retry_with_same_idempotency_key_files_once(client, held, selatan_member, window):
    client.force_login(selatan_member.user)
    url = f"{BASE}{held.pk}/aspirasi/"
    body = {**HEARD, "outcome": "aspirasi"}
    first = post(client, url, body, **{"Idempotency-Key": "sama"})
    again = post(client, url, body, **{"Idempotency-Key": "sama"})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json() == first.json()
    assert RecessHeard.objects.filter(recess=held).count() == 1
    other = post(client, url, body, **{"Idempotency-Key": "lain"})
    assert other.status_code == 201 and RecessHeard.objects.filter(recess=held).count() == 2
    too_long = post(client, url, body, **{"Idempotency-Key": "x" * 81})
    assert too_long.status_code == 400 and "Idempotency-Key" in too_long.json()["detail"]


def test_retried_held_upload_stores_its_photos_once(client, recess, selatan_member):
    """The answer to a reses-held upload is lost on a weak link and the phone sends it again
    with the same key: the photos are stored once, the audit trail has one event."""
    client.force_login(selatan_member.user)
    url = f"{BASE}{recess.pk}/pelaksanaan/"
    body = {"attendance": "40", "summary": "Di balai RT."}
    key = {"Idempotency-Key": "held-1"}
    first = post(
        client, url, {**body, "photos": [png("a.png"), png("b.png")]}, multipart=True, **key
    )
    again = post(
        client, url, {**body, "photos": [png("a.png"), png("b.png")]}, multipart=True, **key
    )
    assert first.status_code == 200, first.content
    assert again.status_code == 200 and again.json() == first.json()
    assert recess.photos.filter(heard=None).count() == 2
    assert AuditEvent.objects.filter(action="dprd.recess_held").count() == 1
    # Another reses's key is not this one's answer.
    other = Recess.objects.create(
        member=recess.member,
        period=recess.period,
        kelurahan=recess.kelurahan,
        place="Balai lain",
        held_on=recess.held_on,
    )
    reused = post(client, f"{BASE}{other.pk}/pelaksanaan/", {"attendance": 3}, **key)
    assert reused.status_code == 409 and "Idempotency-Key" in reused.json()["detail"]
    other.refresh_from_db()
    assert other.status == Recess.Status.SCHEDULED and other.attendance is None


def test_proposal_without_photo_stays_a_draft(client, held, selatan_member, window):
    client.force_login(selatan_member.user)
    answer = post(client, f"{BASE}{held.pk}/aspirasi/", HEARD)
    assert answer.status_code == 201
    assert answer.json()["is_draft"] is True and answer.json()["draft_reason"]
    assert answer.json()["code"] is None


def test_bad_input_is_refused_in_indonesian_and_nothing_is_written(
    client, recess, held, selatan_member
):
    client.force_login(selatan_member.user)
    url = f"{BASE}{held.pk}/aspirasi/"
    short = post(client, url, {**HEARD, "title": "abc"})
    assert short.status_code == 400 and "title" in short.json()
    outside = post(client, url, {**HEARD, "kelurahan": "64.71.04.1001"})
    assert outside.status_code == 400 and "dapil" in outside.json()["kelurahan"][0]
    markup = post(client, url, {**HEARD, "description": "<script>alert(1)</script> warga"})
    assert markup.status_code == 400
    not_image = post(
        client,
        url,
        {**HEARD, "photos": [SimpleUploadedFile("x.png", b"%PDF-1.4 bukan gambar")]},
        multipart=True,
    )
    assert not_image.status_code == 400 and "gambar" in not_image.json()["detail"]
    assert post(client, url, ["daftar"]).status_code == 400
    assert not RecessHeard.objects.exists()
    negative = post(client, f"{BASE}{held.pk}/pelaksanaan/", {"attendance": -3})
    assert negative.status_code == 400 and "negatif" in negative.json()["attendance"][0]


def test_heard_before_the_reses_is_held_is_refused(client, recess, selatan_member):
    client.force_login(selatan_member.user)
    answer = post(client, f"{BASE}{recess.pk}/aspirasi/", HEARD)
    assert answer.status_code == 409 and "pelaksanaan" in answer.json()["detail"]
    assert not RecessHeard.objects.exists()


def test_setwan_sees_all_and_records_on_a_members_behalf(
    client, recess, selatan_member, utara_member, setwan_staff, period
):
    other = Recess.objects.create(
        member=utara_member,
        period=period,
        kelurahan=Region.objects.get(name="Batu Ampar"),
        place="Aula",
        held_on=timezone.localdate(),
    )
    client.force_login(setwan_staff)
    assert {r["id"] for r in client.get(BASE).json()["results"]} == {recess.pk, other.pk}
    answer = post(client, f"{BASE}{recess.pk}/pelaksanaan/", {"attendance": 12})
    assert answer.status_code == 200
    assert AuditEvent.objects.get(action="dprd.recess_held").actor_id == setwan_staff.pk


def test_member_b_gets_404_on_member_a_reses(client, recess, utara_member):
    client.force_login(utara_member.user)
    assert client.get(BASE).json()["results"] == []
    assert client.get(f"{BASE}{recess.pk}/").status_code == 404
    assert post(client, f"{BASE}{recess.pk}/pelaksanaan/", {"attendance": 5}).status_code == 404
    assert post(client, f"{BASE}{recess.pk}/aspirasi/", HEARD).status_code == 404
    recess.refresh_from_db()
    assert recess.status == Recess.Status.SCHEDULED and recess.attendance is None


def test_opd_staff_and_citizens_get_nothing(client, recess):
    client.force_login(make_staff(OrgUnit.objects.get(code="DPU")))
    assert client.get(BASE).status_code == 403
    assert client.get(f"{BASE}{recess.pk}/").status_code == 403
    assert post(client, f"{BASE}{recess.pk}/pelaksanaan/", {"attendance": 5}).status_code == 403
    client.logout()
    assert client.get(BASE).status_code in (401, 403)
    recess.refresh_from_db()
    assert recess.attendance is None


def test_unknown_reses_is_not_found(client, setwan_staff, reference_data):
    client.force_login(setwan_staff)
    assert client.get(f"{BASE}999999/").status_code == 404


def test_service_refusal_keeps_its_status(client, held, selatan_member, setwan_staff):
    held.status = Recess.Status.REPORTED
    held.save(update_fields=["status"])
    client.force_login(selatan_member.user)
    answer = post(client, f"{BASE}{held.pk}/pelaksanaan/", {"attendance": 3})
    assert answer.status_code == 409 and answer.json()["detail"]
