"""POST /intake/email/: a parsed e-mail from the forwarder becomes a complaint."""

import json
import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from satupintu.cases import codes
from satupintu.cases.models import Case
from satupintu.core.validators import no_markup
from satupintu.intake import services, views
from satupintu.intake.tests.conftest import MAIL_TOKEN, b64, png_bytes
from satupintu.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def email_json(**extra):
    data = {
        "from": "budi@contoh.id",
        "from_name": "Budi Santoso",
        "subject": "Lampu jalan mati di Jl. Sudirman",
        "text": "Sudah seminggu lampu penerangan jalan di depan rumah nomor 12 mati.",
        "message_id": "<abc123@mail.contoh.id>",
        "attachments": [],
    }
    data.update(extra)
    return data


def post(client, data, token=MAIL_TOKEN, raw=None, **headers):
    if token is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.post(
        reverse("intake:email"),
        data=raw if raw is not None else json.dumps(data),
        content_type="application/json",
        **headers,
    )


def test_email_becomes_a_complaint_and_is_answered_with_the_code(
    client, secrets_configured, categories, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, email_json())
    assert response.status_code == 201
    body = response.json()
    case = Case.objects.get()
    assert body["tracking_code"] == case.tracking_code and body["created"] is True
    assert body["track_url"].endswith(f"/lacak/{case.tracking_code}/")
    assert case.channel == Case.Channel.EMAIL
    assert case.category == categories["lampu-jalan"]  # best keyword match
    assert case.title == "Lampu jalan mati di Jl. Sudirman"
    assert case.reporter_email == "budi@contoh.id" and case.reporter_name == "Budi Santoso"
    # One reply, with the tracking code; not a second generic "status" message.
    assert len(mail.outbox) == 1
    reply = mail.outbox[0]
    assert reply.to == ["budi@contoh.id"]
    assert case.tracking_code in reply.subject and case.tracking_code in reply.body
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
    # The reporter's private link lets them answer questions and rate without an account.
    secret = re.search(rf"/lacak/{case.tracking_code}/([\w-]{{20,}})/", reply.body).group(1)
    assert codes.secret_matches(secret, case.secret_hash)
    # The API caller (the mail forwarder) gets only the public link.
    assert "?k=" not in body["track_url"]


def test_same_message_id_twice_makes_one_case_and_one_reply(
    client, secrets_configured, categories, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, email_json())
        again = post(client, email_json(text="Dikirim ulang oleh server surat."))
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["created"] is False
    assert again.json()["tracking_code"] == first.json()["tracking_code"]
    assert Case.objects.count() == 1
    assert len(mail.outbox) == 1


def test_without_message_id_an_exact_resend_is_the_same_email(
    client, secrets_configured, categories
):
    post(client, email_json(message_id=""))
    post(client, email_json(message_id=""))
    post(client, email_json(message_id="", text="Tambahan: lampu di gang sebelah juga mati."))
    assert Case.objects.count() == 2


def test_unknown_topic_goes_to_lainnya(client, secrets_configured, categories):
    post(client, email_json(subject="Pertanyaan", text="Kapan pendaftaran beasiswa kota dibuka?"))
    assert Case.objects.get().category == categories["lainnya"]


def test_reply_prefix_is_dropped_and_empty_subject_uses_the_text(
    client, secrets_configured, categories
):
    post(client, email_json(subject="Re: Fwd: Sampah tidak diangkut", message_id="<1@x>"))
    post(
        client, email_json(subject="", text="Sampah menumpuk\nSudah tiga hari.", message_id="<2@x>")
    )
    first, second = Case.objects.order_by("pk")
    assert first.title == "Sampah tidak diangkut"
    assert second.title == "Sampah menumpuk" and second.category == categories["sampah"]


def test_attachments_are_checked_and_bad_ones_skipped_and_mentioned(
    client, secrets_configured, categories, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(services, "MAX_ATTACHMENT_BYTES", 2000)
    attachments = [
        {"filename": "foto.png", "content_type": "image/png", "content_base64": b64(png_bytes())},
        {
            "filename": "foto.jpg",
            "content_type": "image/jpeg",
            "content_base64": b64(b"MZ\x90\x00 program, bukan foto"),
        },
        {
            "filename": "besar.png",
            "content_type": "image/png",
            "content_base64": b64(png_bytes() + b"\0" * 3000),
        },
        {"filename": "rusak.pdf", "content_type": "application/pdf", "content_base64": "%%%"},
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, email_json(attachments=attachments))
    assert response.status_code == 201
    skipped = {s["filename"]: s["reason"] for s in response.json()["skipped_attachments"]}
    assert set(skipped) == {"foto.jpg", "besar.png", "rusak.pdf"}
    assert "tidak diterima" in skipped["foto.jpg"]
    assert "lebih dari" in skipped["besar.png"]
    case = Case.objects.get()
    assert [a.original_name for a in case.attachments.all()] == ["foto.png"]
    assert case.attachments.get().uploaded_by_role == "reporter"
    reply = mail.outbox[0].body
    assert "foto.jpg" in reply and "besar.png" in reply and "rusak.pdf" in reply


def test_markup_is_stripped_from_email_text(client, secrets_configured, categories):
    post(
        client,
        email_json(
            subject="<b>Lampu</b> mati",
            text="<p>Lampu mati.</p><script>alert(1)</script> Lihat javascript:alert(2) "
            "dan Budi <budi@contoh.id> menulis:",
            from_name="<i>Budi</i>",
        ),
    )
    case = Case.objects.get()
    for value in (case.title, case.description, case.reporter_name):
        no_markup(value)
        assert "<" not in value
    assert case.title == "Lampu mati" and case.reporter_name == "Budi"
    assert "Lampu mati." in case.description


def test_auto_replies_are_ignored(client, secrets_configured, categories):
    response = post(client, email_json(headers={"Auto-Submitted": "auto-replied"}))
    assert response.status_code == 200 and response.json() == {"ignored": "auto-submitted"}
    assert not Case.objects.exists() and not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("token", "headers"),
    [
        (None, {}),
        ("salah", {}),
        (None, {"HTTP_AUTHORIZATION": f"Basic {MAIL_TOKEN}"}),
        (None, {"HTTP_AUTHORIZATION": MAIL_TOKEN}),
        (MAIL_TOKEN + "x", {}),
    ],
)
def test_wrong_or_missing_token_is_forbidden(client, secrets_configured, token, headers):
    response = post(client, email_json(), token=token, **headers)
    assert response.status_code == 403
    assert response.json()["code"] == "bad_token"
    assert not Case.objects.exists()


def test_unconfigured_endpoint_answers_503(client):
    with override_settings(INBOUND_EMAIL_TOKEN=""):
        response = post(client, email_json(), token="")
    assert response.status_code == 503


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (email_json(**{"from": "bukan alamat"}), "bad_sender"),
        (email_json(subject="", text=" "), "empty"),
        (email_json(text=["bukan", "teks"]), "bad_field"),
        (email_json(attachments="foto.png"), "bad_attachments"),
        ([1, 2], "bad_json"),
    ],
)
def test_bad_input_gets_a_clear_error(client, secrets_configured, categories, data, code):
    response = post(client, data)
    assert response.status_code == 400
    assert response.json()["code"] == code and response.json()["error"]
    assert not Case.objects.exists()


def test_invalid_json_and_oversized_bodies(client, secrets_configured, monkeypatch):
    assert post(client, None, raw="{oops").json()["code"] == "bad_json"
    monkeypatch.setattr(views, "MAX_EMAIL_REQUEST_BYTES", 100)
    response = post(client, email_json())
    assert response.status_code == 413


def test_only_post_is_allowed(client, secrets_configured):
    assert client.get(reverse("intake:email")).status_code == 405
