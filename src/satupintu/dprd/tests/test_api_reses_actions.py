"""E-Reses in the staff API beyond held and heard (dprd/api_reses_actions.py): SETWAN schedules
and cancels, a draft proposal heard is completed, a photo is read, the laporan reses is signed
and downloaded. For each: behaviour, bad input (Indonesian messages, nothing written), who may
(a member their own, another member 404, OPD staff 403, anonymous refused) and the
Idempotency-Key (the same key twice: one effect, the same answer)."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from satupintu.core.models import AuditEvent
from satupintu.dprd import reses_pdf, reses_services
from satupintu.dprd.models import (
    Proposal,
    Recess,
    RecessApiWrite,
    RecessPhoto,
    RecessReport,
    RecessStatusChange,
)
from satupintu.dprd.tests import test_api_reses, test_reses
from satupintu.org.models import OrgUnit, Region
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db
BASE, post, png = test_api_reses.BASE, test_api_reses.post, test_api_reses.png
# The E-Reses tests' fixtures.
period, recess, held = test_reses.period, test_reses.recess, test_reses.held
setwan_seal = test_reses.setwan_seal
KEY = "Idempotency-Key"


def audits(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def opd_staff():
    return make_staff(OrgUnit.objects.get(code="DPU"))


# --- Schedule (POST on the reses list) -------------------------------------------------------


@pytest.fixture
def schedule_body(period, selatan_member):
    return {
        "member": selatan_member.slug,
        "masa_sidang": period.pk,
        "kelurahan": Region.objects.get(name="Sepinggan").code,
        "place": "Balai warga RT 12",
        "held_on": timezone.localdate().isoformat(),
    }


def test_setwan_schedules_a_reses_once_per_key(client, setwan_staff, schedule_body):
    client.force_login(setwan_staff)
    first = post(client, BASE, schedule_body, **{KEY: "jadwal-1"})
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["status"] == "dijadwalkan" and body["kelurahan_name"] == "Sepinggan"
    assert body["member"] == schedule_body["member"] and body["place"] == "Balai warga RT 12"
    again = post(client, BASE, schedule_body, **{KEY: "jadwal-1"})
    assert again.status_code == 200 and again.json() == body
    assert Recess.objects.count() == 1 and audits("dprd.recess_scheduled") == 1
    other = post(client, BASE, schedule_body, **{KEY: "jadwal-2"})
    assert other.status_code == 201 and Recess.objects.count() == 2
    # Without a key every request is new (as the page's form).
    assert post(client, BASE, schedule_body).status_code == 201
    assert Recess.objects.count() == 3
    too_long = post(client, BASE, schedule_body, **{KEY: "x" * 81})
    assert too_long.status_code == 400 and "Idempotency-Key" in too_long.json()["detail"]


def test_schedule_bad_input_names_the_field_and_makes_nothing(
    client, setwan_staff, schedule_body, period
):
    client.force_login(setwan_staff)
    cases = {
        "member": {**schedule_body, "member": "tidak-ada"},
        "kelurahan": {**schedule_body, "kelurahan": "99.99"},
        "masa_sidang": {**schedule_body, "masa_sidang": "satu"},
        "place": {**schedule_body, "place": "<b>Balai</b>"},
        "held_on": {**schedule_body, "held_on": "besok"},
    }
    for field, body in cases.items():
        answer = post(client, BASE, body, **{KEY: f"salah-{field}"})
        assert answer.status_code == 400, (field, answer.content)
        assert list(answer.json()) == [field], answer.json()
    missing = post(client, BASE, {"member": schedule_body["member"]})
    assert missing.status_code == 400
    assert {"masa_sidang", "kelurahan", "place", "held_on"} <= set(missing.json())
    assert missing.json()["place"] == ["Bidang ini harus diisi."]
    unknown = post(client, BASE, {**schedule_body, "member": "tidak-ada"}).json()["member"][0]
    assert unknown == "Anggota DPRD tidak ditemukan atau tidak aktif."
    # The service's checks: the date inside the masa sidang, the kelurahan in the dapil.
    late = (period.ends_on + datetime.timedelta(days=1)).isoformat()
    outside = post(client, BASE, {**schedule_body, "held_on": late})
    assert outside.status_code == 400 and "masa sidang" in outside.json()["detail"]
    other_dapil = post(client, BASE, {**schedule_body, "kelurahan": "64.71.04.1001"})
    assert other_dapil.status_code == 400 and "dapil" in other_dapil.json()["detail"]
    assert post(client, BASE, ["daftar"]).status_code == 400
    assert not Recess.objects.exists() and not RecessApiWrite.objects.exists()
    assert audits("dprd.recess_scheduled") == 0


def test_only_setwan_schedules(client, schedule_body, selatan_member, utara_member):
    for user in (selatan_member.user, utara_member.user):
        client.force_login(user)
        assert post(client, BASE, schedule_body, **{KEY: "k"}).status_code == 404
    client.force_login(opd_staff())
    assert post(client, BASE, schedule_body).status_code == 403
    client.logout()
    assert post(client, BASE, schedule_body).status_code in (401, 403)
    assert not Recess.objects.exists()


# --- Cancel --------------------------------------------------------------------------------


def test_setwan_cancels_with_reason_once_per_key(client, setwan_staff, recess):
    client.force_login(setwan_staff)
    url = f"{BASE}{recess.pk}/batal/"
    first = post(client, url, {"reason": "Hujan lebat"}, **{KEY: "batal-1"})
    assert first.status_code == 200, first.content
    assert first.json()["status"] == "dibatalkan"
    assert first.json()["cancel_reason"] == "Hujan lebat"
    again = post(client, url, {"reason": "Hujan lebat"}, **{KEY: "batal-1"})
    assert again.status_code == 200 and again.json() == first.json()
    changes = RecessStatusChange.objects.filter(recess=recess, to_status=Recess.Status.CANCELLED)
    assert changes.count() == 1 and audits("dprd.recess_cancelled") == 1
    # A new key is a new request: a cancelled reses cannot be cancelled again.
    twice = post(client, url, {"reason": "Lagi"}, **{KEY: "batal-2"})
    assert twice.status_code == 409 and "Dibatalkan" in twice.json()["detail"]
    assert changes.count() == 1


def test_cancel_without_reason_is_refused_and_changes_nothing(client, setwan_staff, recess):
    client.force_login(setwan_staff)
    url = f"{BASE}{recess.pk}/batal/"
    for body in ({}, {"reason": ""}, {"reason": "<script>x</script>"}):
        answer = post(client, url, body, **{KEY: "tanpa-alasan"})
        assert answer.status_code == 400 and list(answer.json()) == ["reason"], answer.content
    assert post(client, url, {}).json()["reason"] == ["Bidang ini harus diisi."]
    assert post(client, url, "teks").status_code == 400
    recess.refresh_from_db()
    assert recess.status == Recess.Status.SCHEDULED and recess.cancel_reason == ""
    assert not RecessApiWrite.objects.exists() and audits("dprd.recess_cancelled") == 0


def test_only_setwan_cancels(client, recess, selatan_member, utara_member, setwan_staff, period):
    url = f"{BASE}{recess.pk}/batal/"
    body = {"reason": "Hujan"}
    client.force_login(selatan_member.user)  # the member's own reses: not theirs to cancel
    assert post(client, url, body).status_code == 404
    client.force_login(utara_member.user)
    assert post(client, url, body).status_code == 404
    client.force_login(opd_staff())
    assert post(client, url, body).status_code == 403
    client.logout()
    assert post(client, url, body).status_code in (401, 403)
    recess.refresh_from_db()
    assert recess.status == Recess.Status.SCHEDULED
    # The key of one reses' cancellation is not another reses'.
    other = reses_services.schedule(
        actor=setwan_staff,
        member=selatan_member,
        period=period,
        kelurahan=Region.objects.get(name="Sepinggan"),
        place="Aula",
        held_on=timezone.localdate(),
    )
    client.force_login(setwan_staff)
    assert post(client, url, body, **{KEY: "satu"}).status_code == 200
    reused = post(client, f"{BASE}{other.pk}/batal/", body, **{KEY: "satu"})
    assert reused.status_code == 409 and "Idempotency-Key" in reused.json()["detail"]
    other.refresh_from_db()
    assert other.status == Recess.Status.SCHEDULED


# --- Complete a draft heard aspiration -------------------------------------------------------


@pytest.fixture
def draft(held, selatan_member, window):
    record = reses_services.record_heard(
        actor=selatan_member.user,
        recess=held,
        new=test_reses.heard("draf", volume=None, photos=[]),
    )
    assert record.is_draft
    return record


def complete_url(draft):
    return f"{BASE}{draft.recess_id}/aspirasi/{draft.pk}/lengkapi/"


def test_completing_a_draft_files_it_once_per_key(client, draft, selatan_member):
    client.force_login(selatan_member.user)
    body = {"volume": "200", "photos": [png()]}
    first = post(client, complete_url(draft), body, multipart=True, **{KEY: "lengkap-1"})
    assert first.status_code == 200, first.content
    assert first.json()["is_draft"] is False and first.json()["code"], first.json()["draft_reason"]
    again = post(
        client,
        complete_url(draft),
        {"volume": "200", "photos": [png()]},
        multipart=True,
        **{KEY: "lengkap-1"},
    )
    assert again.status_code == 200 and again.json() == first.json()
    draft.refresh_from_db()
    # What was not sent keeps the draft's value.
    assert draft.affair == "Pekerjaan umum" and draft.street == "Gg. Melati" and draft.rt == "005"
    assert draft.case.proposal.source == Proposal.Source.RECESS
    assert Proposal.objects.count() == 1 and draft.photos.count() == 1
    assert audits("dprd.recess_heard_completed") == 1
    filed = post(client, complete_url(draft), {"volume": "3"}, **{KEY: "lengkap-2"})
    assert filed.status_code == 409 and "sudah diajukan" in filed.json()["detail"]


def test_still_lacking_stays_a_draft_with_the_reason(client, draft, selatan_member):
    client.force_login(selatan_member.user)
    answer = post(client, complete_url(draft), {"volume": "200"})
    assert answer.status_code == 200
    assert answer.json()["is_draft"] is True and "foto" in answer.json()["draft_reason"]
    draft.refresh_from_db()
    assert draft.volume == 200 and not Proposal.objects.exists()


def test_complete_bad_input_is_refused_and_changes_nothing(client, draft, selatan_member):
    client.force_login(selatan_member.user)
    url = complete_url(draft)
    for field, value in (("volume", "-5"), ("rt", "abcd"), ("work_type", "gedung")):
        answer = post(client, url, {field: value}, **{KEY: f"salah-{field}"})
        assert answer.status_code == 400 and list(answer.json()) == [field], answer.content
    negative = post(client, url, {"volume": "-5"}).json()["volume"][0]
    assert "0" in negative  # Django's Indonesian "lebih besar dari atau sama dengan 0"
    not_image = post(
        client,
        url,
        {"photos": [SimpleUploadedFile("x.png", b"%PDF-1.4 bukan gambar")]},
        multipart=True,
    )
    assert not_image.status_code == 400 and "gambar" in str(not_image.json())
    assert post(client, url, ["daftar"]).status_code == 400
    draft.refresh_from_db()
    assert draft.is_draft and draft.volume is None and not draft.photos.exists()
    assert not RecessApiWrite.objects.exists() and audits("dprd.recess_heard_completed") == 0


def test_only_the_member_and_setwan_complete(client, draft, utara_member, setwan_staff):
    url = complete_url(draft)
    client.force_login(utara_member.user)
    assert post(client, url, {"volume": "200"}).status_code == 404
    client.force_login(opd_staff())
    assert post(client, url, {"volume": "200"}).status_code == 403
    client.logout()
    assert post(client, url, {"volume": "200"}).status_code in (401, 403)
    draft.refresh_from_db()
    assert draft.volume is None
    client.force_login(setwan_staff)
    assert post(client, f"{BASE}{draft.recess_id}/aspirasi/999999/lengkapi/", {}).status_code == 404
    answer = post(client, url, {"volume": "200", "photos": [png()]}, multipart=True)
    assert answer.status_code == 200 and answer.json()["is_draft"] is False


# --- Photo ---------------------------------------------------------------------------------


def test_photo_is_the_stored_bytes_for_the_member_only(client, held, selatan_member, utara_member):
    stored = RecessPhoto.objects.get(recess=held)
    client.force_login(selatan_member.user)
    listed = client.get(f"{BASE}{held.pk}/").json()["photos"]
    url = f"{BASE}{held.pk}/foto/{stored.pk}/"
    assert [p["url"] for p in listed] == [url]
    answer = client.get(url, headers={"Accept": "image/png"})
    assert answer.status_code == 200 and answer["Content-Type"] == "image/png"
    with default_storage.open(stored.file.name, "rb") as handle:
        assert b"".join(answer.streaming_content) == handle.read()
    assert "no-store" in answer["Cache-Control"] and "private" in answer["Cache-Control"]
    assert client.get(f"{BASE}{held.pk}/foto/999999/").status_code == 404
    client.force_login(utara_member.user)
    assert client.get(url).status_code == 404
    client.force_login(opd_staff())
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code in (401, 403)


def test_photo_of_another_reses_is_not_found(client, held, setwan_staff, utara_member, period):
    other = Recess.objects.create(
        member=utara_member,
        period=period,
        kelurahan=Region.objects.get(name="Batu Ampar"),
        place="Aula",
        held_on=timezone.localdate(),
    )
    stored = RecessPhoto.objects.get(recess=held)
    client.force_login(setwan_staff)
    assert client.get(f"{BASE}{other.pk}/foto/{stored.pk}/").status_code == 404
    assert client.get(f"{BASE}{held.pk}/foto/{stored.pk}/").status_code == 200


# --- Laporan reses ---------------------------------------------------------------------------


def report_url(member, period):
    return f"{BASE}laporan/{member.slug}/{period.pk}/"


def test_report_is_signed_once_per_key_and_downloaded(
    client, held, selatan_member, setwan_seal, period
):
    from satupintu.documents import services as documents
    from satupintu.documents.models import IssuedDocument

    client.force_login(selatan_member.user)
    url = report_url(selatan_member, period)
    assert client.get(url).status_code == 404  # not signed yet
    first = post(client, url, {}, **{KEY: "lapor-1"})
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["member"] == selatan_member.slug and body["masa_sidang"] == period.pk
    assert body["document_number"].startswith("LAPRES/") and body["pdf"] == url
    again = post(client, url, {}, **{KEY: "lapor-1"})
    assert again.status_code == 200 and again.json() == body
    assert IssuedDocument.objects.filter(reference__startswith="reses:").count() == 1
    assert audits("dprd.recess_report_signed") == 1
    held.refresh_from_db()
    assert held.status == Recess.Status.REPORTED
    pdf = client.get(url, headers={"Accept": "application/pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "no-store" in pdf["Cache-Control"]
    result = documents.verify_pdf(b"".join(pdf.streaming_content))
    assert result.is_valid, result.reason
    assert result.document == reses_pdf.signed_document(RecessReport.objects.get())
    # A new key signs again, as the page's button does: the previous PDF is revoked.
    resigned = post(client, url, {}, **{KEY: "lapor-2"})
    assert resigned.status_code == 201
    assert resigned.json()["document_number"] == body["document_number"]
    assert IssuedDocument.objects.filter(status=IssuedDocument.Status.REVOKED).count() == 1


def test_report_refusals_change_nothing(client, recess, held, selatan_member, period):
    client.force_login(selatan_member.user)
    url = report_url(selatan_member, period)
    no_seal = post(client, url, {}, **{KEY: "tanpa-segel"})
    assert no_seal.status_code == 503 and "segel" in no_seal.json()["detail"]
    held.refresh_from_db()
    assert held.status == Recess.Status.HELD
    assert not RecessReport.objects.exists() and not RecessApiWrite.objects.exists()
    too_long = post(client, url, {}, **{KEY: "x" * 81})
    assert too_long.status_code == 400 and "Idempotency-Key" in too_long.json()["detail"]
    assert post(client, f"{BASE}laporan/{selatan_member.slug}/999999/", {}).status_code == 404


def test_report_without_a_held_reses_is_refused(client, recess, selatan_member, period):
    client.force_login(selatan_member.user)
    answer = post(client, report_url(selatan_member, period), {})
    assert answer.status_code == 409 and "dilaksanakan" in answer.json()["detail"]
    assert not RecessReport.objects.exists()


def test_report_of_another_member_is_not_found(
    client, held, selatan_member, utara_member, setwan_staff, setwan_seal, period
):
    url = report_url(selatan_member, period)
    client.force_login(setwan_staff)  # SETWAN signs for the member
    assert post(client, url, {}).status_code == 201
    client.force_login(utara_member.user)
    assert client.get(url).status_code == 404
    assert post(client, url, {}).status_code == 404
    client.force_login(opd_staff())
    assert client.get(url).status_code == 403
    assert post(client, url, {}).status_code == 403
    client.logout()
    assert client.get(url).status_code in (401, 403)
    assert audits("dprd.recess_report_signed") == 1


# --- The services' own claim (a twin request that passed the views' check) -----------------


def test_services_do_a_keyed_write_once(recess, setwan_staff, selatan_member, period):
    values = {
        "member": selatan_member,
        "period": period,
        "kelurahan": Region.objects.get(name="Sepinggan"),
        "place": "Aula",
        "held_on": timezone.localdate(),
    }
    first = reses_services.schedule(actor=setwan_staff, idempotency_key="api-s", **values)
    again = reses_services.schedule(actor=setwan_staff, idempotency_key="api-s", **values)
    assert again.pk == first.pk and Recess.objects.count() == 2  # with the fixture's
    reses_services.cancel(actor=setwan_staff, recess=first, reason="Hujan", idempotency_key="c")
    reses_services.cancel(actor=setwan_staff, recess=first, reason="Hujan", idempotency_key="c")
    assert first.status_changes.filter(to_status=Recess.Status.CANCELLED).count() == 1
    with pytest.raises(reses_services.RecessError) as exc:
        reses_services.cancel(actor=setwan_staff, recess=recess, reason="x", idempotency_key="c")
    assert exc.value.status == 409 and "Idempotency-Key" in exc.value.message
    recess.refresh_from_db()
    assert recess.status == Recess.Status.SCHEDULED
    assert audits("dprd.recess_cancelled") == 1
