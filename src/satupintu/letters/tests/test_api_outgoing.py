"""Outgoing letters through the API: draft → update → submit → return → update → paraf →
sign → dispatch, with the same permissions and refusals as the pages."""

from satupintu.core.models import AuditEvent
from satupintu.letters.models import Letter

API = "/api/v1/kantor/surat/"


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_outgoing_flow_via_api(client, org, code):
    client.force_login(org.staff_bm)
    created = _post(
        client,
        f"{API}keluar/",
        {
            "unit": "DPU-BM",
            "letter_type": "nota_dinas",
            "subject": "Laporan kerusakan jalan",
            "classification": "000.8.3.4",
            "body": "Dengan hormat, ...",
            "signer": org.kadis_dpu.pk,
            "reviewers": [{"reviewer": org.kabid_bm.pk, "review_kind": "verifikasi"}],
            "recipient_units": ["DINKES"],
            "copy_units": ["SETDA"],
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    letter_id = body["id"]
    assert body["status"] == "konsep" and body["letter_type"] == "nota_dinas"
    assert body["recipient_units"] == ["DINKES"] and body["copy_units"] == ["SETDA"]
    assert body["reviews"][0]["review_kind"] == "verifikasi"

    draft_url = f"{API}{letter_id}/konsep/"
    patched = client.patch(draft_url, {"body": "Isi baru"}, content_type="application/json")
    assert patched.status_code == 200 and patched.json()["body"] == "Isi baru"
    bad = client.patch(draft_url, {"external_emails": "x@"}, content_type="application/json")
    assert bad.status_code == 400 and "e-mail tidak valid" in bad.json()["detail"]

    assert _post(client, f"{API}{letter_id}/ajukan/").json()["status"] == "verifikasi"
    # Not the reviewer's turn for the drafter; under review the draft cannot be changed.
    assert _post(client, f"{API}{letter_id}/paraf/", {"decision": "setuju"}).status_code == 400
    assert (
        client.patch(draft_url, {"body": "x"}, content_type="application/json").status_code == 400
    )

    client.force_login(org.kabid_bm)
    no_note = _post(client, f"{API}{letter_id}/paraf/", {"decision": "kembalikan"})
    assert no_note.status_code == 400
    returned = _post(
        client, f"{API}{letter_id}/paraf/", {"decision": "kembalikan", "note": "Tambah foto"}
    )
    assert returned.json()["status"] == "konsep"
    assert returned.json()["returned_note"] == "Tambah foto"

    client.force_login(org.staff_bm)
    fixed = client.patch(draft_url, {"body": "Isi dengan foto"}, content_type="application/json")
    assert fixed.status_code == 200
    _post(client, f"{API}{letter_id}/ajukan/")
    client.force_login(org.kabid_bm)
    assert _post(client, f"{API}{letter_id}/paraf/", {"decision": "setuju"}).json()["status"] == (
        "siap_ttd"
    )
    client.force_login(org.staff_bm)
    unsigned = _post(client, f"{API}{letter_id}/kirim/")
    assert unsigned.status_code == 400 and "belum ditandatangani" in unsigned.json()["detail"]

    client.force_login(org.kadis_dpu)
    signed = _post(client, f"{API}{letter_id}/tandatangan/")
    assert signed.status_code == 200 and signed.json()["letter_number"]
    client.force_login(org.staff_bm)
    after = client.patch(draft_url, {"body": "Ubah"}, content_type="application/json")
    assert after.status_code == 400
    assert "sudah ditandatangani tidak dapat diubah" in after.json()["detail"]
    assert AuditEvent.objects.filter(
        action="letters.refused", data__reason="signed_is_final"
    ).exists()
    sent = _post(client, f"{API}{letter_id}/kirim/")
    assert sent.status_code == 200 and sent.json()["status"] == "terkirim"
    delivered = Letter.objects.get(source_letter_id=letter_id, org_unit=org.dinkes)
    client.force_login(org.kadis_dinkes)
    inbox = client.get(f"{API}kotak-masuk/").json()
    ids = [row["id"] for row in (inbox["results"] if isinstance(inbox, dict) else inbox)]
    assert delivered.pk in ids


def test_outgoing_api_is_404_for_another_opd(client, org, code):
    from satupintu.letters.tests.test_outgoing import draft

    letter = draft(org)
    client.force_login(org.tu_dinkes)
    assert client.get(f"{API}{letter.pk}/konsep/").status_code == 404
    assert (
        client.patch(
            f"{API}{letter.pk}/konsep/", {"body": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    for action in ("ajukan", "kirim", "tandatangan"):
        assert _post(client, f"{API}{letter.pk}/{action}/").status_code == 404
    assert _post(client, f"{API}{letter.pk}/paraf/", {"decision": "setuju"}).status_code == 404
    refused = _post(
        client,
        f"{API}keluar/",
        {
            "unit": "DPU-BM",
            "subject": "x",
            "classification": "000.1.5",
            "body": "x",
            "signer": org.kadis_dpu.pk,
        },
    )
    assert refused.status_code == 404


def test_incoming_letter_is_not_an_outgoing_draft(client, org, code):
    from satupintu.letters.tests.conftest import register

    letter = register(org.tu_setda, org.setda)
    client.force_login(org.tu_setda)
    assert client.get(f"{API}{letter.pk}/konsep/").status_code == 404
