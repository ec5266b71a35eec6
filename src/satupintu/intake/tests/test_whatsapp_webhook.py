"""The WhatsApp webhook: handshake, signatures, replays, and the security of what it stores."""

import json
import time

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from satupintu.cases.models import Case
from satupintu.core import crypto
from satupintu.intake.models import WhatsAppConversation, WhatsAppInboundMessage
from satupintu.intake.tests.conftest import (
    APP_SECRET,
    VERIFY_TOKEN,
    post_webhook,
    sign,
    wa_message,
    wa_payload,
)
from satupintu.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


# --- GET verification handshake -------------------------------------------------------------


def verify(client, **params):
    query = {
        "hub.mode": "subscribe",
        "hub.verify_token": VERIFY_TOKEN,
        "hub.challenge": "1158201444",
    }
    query.update(params)
    return client.get(reverse("intake:whatsapp"), query)


def test_handshake_echoes_the_challenge(client, secrets_configured):
    response = verify(client)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"1158201444"


@pytest.mark.parametrize(
    "params",
    [{"hub.verify_token": "salah"}, {"hub.verify_token": ""}, {"hub.mode": "unsubscribe"}],
)
def test_handshake_with_a_wrong_token_or_mode_is_forbidden(client, secrets_configured, params):
    response = verify(client, **params)
    assert response.status_code == 403
    assert response.json()["code"] == "bad_verify_token"
    assert b"1158201444" not in response.content


def test_handshake_refuses_a_malformed_challenge(client, secrets_configured):
    response = verify(client, **{"hub.challenge": "<script>"})
    assert response.status_code == 400


def test_unconfigured_webhook_says_so(client):
    with override_settings(WHATSAPP_VERIFY_TOKEN="", WHATSAPP_APP_SECRET=""):
        assert verify(client, **{"hub.verify_token": ""}).status_code == 503
        response = post_webhook(client, wa_payload(wa_message(body="halo")), secret="x")
    assert response.status_code == 503
    assert response.json()["code"] == "not_configured"


# --- Signatures -----------------------------------------------------------------------------


def test_unsigned_webhook_is_refused(client, secrets_configured):
    response = post_webhook(client, wa_payload(wa_message(body="halo")), signature=False)
    assert response.status_code == 403
    assert response.json()["code"] == "unsigned"
    assert not WhatsAppInboundMessage.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    "signature",
    ["sha256=" + "0" * 64, "sha1=abcdef", "sha256=", "sha256=zzz", "sha256=é"],
)
def test_wrongly_signed_webhook_is_refused(client, secrets_configured, signature):
    response = post_webhook(client, wa_payload(wa_message(body="halo")), signature=signature)
    assert response.status_code == 403
    assert response.json()["code"] == "bad_signature"
    assert not WhatsAppConversation.objects.exists()


def test_signature_under_another_secret_is_refused(client, secrets_configured):
    response = post_webhook(client, wa_payload(wa_message(body="halo")), secret="bukan-rahasia")
    assert response.status_code == 403


def test_body_changed_after_signing_is_refused(client, secrets_configured):
    body = json.dumps(wa_payload(wa_message(body="halo"))).encode()
    tampered = body.replace(b"halo", b"HALO")
    response = client.post(
        reverse("intake:whatsapp"),
        data=tampered,
        content_type="application/json",
        HTTP_X_HUB_SIGNATURE_256=sign(body),
    )
    assert response.status_code == 403


def test_signed_but_malformed_bodies_get_a_clear_error(client, secrets_configured):
    body = b"{not json"
    response = client.post(
        reverse("intake:whatsapp"),
        data=body,
        content_type="application/json",
        HTTP_X_HUB_SIGNATURE_256=sign(body),
    )
    assert response.status_code == 400 and response.json()["code"] == "bad_json"
    response = post_webhook(client, {"object": "page", "entry": []})
    assert response.status_code == 400 and response.json()["code"] == "bad_payload"


def test_uppercase_hex_signature_is_accepted(client, secrets_configured, categories):
    body = json.dumps(wa_payload(wa_message(body="halo"))).encode()
    signature = sign(body)
    response = client.post(
        reverse("intake:whatsapp"),
        data=body,
        content_type="application/json",
        HTTP_X_HUB_SIGNATURE_256="sha256=" + signature[7:].upper(),
    )
    assert response.status_code == 200


# --- Replays and stale messages -------------------------------------------------------------


def test_replayed_message_does_nothing_again(
    client, secrets_configured, categories, django_capture_on_commit_callbacks
):
    payload = wa_payload(wa_message(body="halo", wamid="wamid.REPLAY1"))
    with django_capture_on_commit_callbacks(execute=True):
        first = post_webhook(client, payload)
    assert first.json()["messages"] == [{"id": "wamid.REPLAY1", "result": "processed"}]
    state = WhatsAppConversation.objects.get().state
    with django_capture_on_commit_callbacks(execute=True):
        again = post_webhook(client, payload)
    assert again.status_code == 200
    assert again.json()["messages"] == [{"id": "wamid.REPLAY1", "result": "duplicate"}]
    assert OutboxMessage.objects.count() == 1
    assert WhatsAppConversation.objects.get().state == state


def test_stale_and_future_messages_are_refused(client, secrets_configured, categories):
    old = wa_message(body="halo", timestamp=time.time() - 25 * 3600)
    future = wa_message(body="halo", timestamp=time.time() + 3600)
    response = post_webhook(client, wa_payload(old, future))
    assert response.status_code == 200
    assert [m["result"] for m in response.json()["messages"]] == ["stale", "stale"]
    assert not WhatsAppInboundMessage.objects.exists()
    assert not WhatsAppConversation.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_invalid_messages_are_reported_and_others_still_handled(
    client, secrets_configured, categories
):
    good = wa_message(body="halo")
    no_sender = {**wa_message(body="halo"), "from": "bukan-nomor"}
    no_time = {**wa_message(body="halo"), "timestamp": "kemarin"}
    response = post_webhook(client, wa_payload(good, no_sender, no_time))
    results = [m["result"] for m in response.json()["messages"]]
    assert results == ["processed", "invalid", "invalid"]


# --- What is stored -------------------------------------------------------------------------


def test_phone_is_encrypted_and_found_by_blind_index(say, categories):
    say("halo")
    conversation = WhatsAppConversation.objects.get()
    assert conversation.phone == "+6281234567890"
    assert conversation.phone_index == crypto.blind_index("+6281234567890", "whatsapp")
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, contact_name FROM intake_whatsappconversation")
        stored_phone, stored_name = cursor.fetchone()
    assert "81234567890" not in stored_phone and "Budi" not in stored_name
    say("batal")
    assert WhatsAppConversation.objects.count() == 1  # the same row, found again


def test_delivery_receipts_mark_failed_messages(client, secrets_configured):
    message = OutboxMessage.objects.create(
        channel="whatsapp",
        recipient="+6281234567890",
        body="x",
        dedupe_key="k",
        status=OutboxMessage.Status.SENT,
        provider_id="wamid.OUT9",
    )
    statuses = [
        {"id": "wamid.OUT9", "status": "delivered", "timestamp": str(int(time.time()))},
        {
            "id": "wamid.OUT9",
            "status": "failed",
            "errors": [{"code": 131047, "title": "Re-engagement message"}],
        },
    ]
    response = post_webhook(client, wa_payload(statuses=statuses))
    assert response.status_code == 200
    assert [s["result"] for s in response.json()["statuses"]] == ["delivered", "failed"]
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert "131047" in message.last_error


def test_case_updates_go_back_by_whatsapp(say, categories, django_capture_on_commit_callbacks):
    say("Jalan berlubang besar di depan SD 012, sudah dua minggu tidak diperbaiki.")
    say("1")
    say("Sepinggan")
    case = Case.objects.get()
    assert case.channel == Case.Channel.WHATSAPP
    from satupintu.cases import services as case_services
    from satupintu.cases.workflow import COORDINATOR

    with django_capture_on_commit_callbacks(execute=True):
        case_services.perform(
            case, "reply", actor=None, role=COORDINATOR, note="Sedang kami periksa."
        )
    update = OutboxMessage.objects.filter(reference=case.tracking_code).order_by("-pk").first()
    assert update.channel == "whatsapp" and update.recipient == "+6281234567890"
    assert "Sedang kami periksa." in update.body


def test_signature_helper_matches_metas_example():
    # Meta signs the raw bytes exactly as sent: a re-serialised JSON would not match.
    body = b'{"a": 1}'
    from satupintu.intake.whatsapp import signature_ok

    assert signature_ok(APP_SECRET, body, sign(body))
    assert not signature_ok(APP_SECRET, b'{"a":1}', sign(body))
    assert not signature_ok("", body, sign(body, ""))


def test_odd_shapes_in_a_signed_payload_never_break_the_webhook(
    client, secrets_configured, categories
):
    odd = [
        {**wa_message(body="x"), "text": "bukan objek"},
        {**wa_message(body="x"), "type": "location", "location": {"latitude": "NaN"}},
        {**wa_message(body="x"), "type": "interactive", "interactive": ["x"]},
        {**wa_message(body="x"), "type": "image", "image": None},
        "bukan pesan",
        None,
    ]
    payload = wa_payload(*odd, statuses=[{"id": "w", "status": "failed", "errors": "x"}, 7])
    payload["entry"].append({"changes": "x"})
    payload["entry"].append(None)
    response = post_webhook(client, payload)
    assert response.status_code == 200
    results = [m["result"] for m in response.json()["messages"]]
    assert results == ["processed"] * 4 + ["invalid", "invalid"]
    assert not Case.objects.exists()


def test_old_message_ids_and_conversations_are_pruned(say, categories):
    from datetime import timedelta

    from django.utils import timezone

    from satupintu.intake.tasks import prune

    say("halo")
    assert prune() == (0, 0)
    assert prune(timezone.now() + timedelta(days=4)) == (1, 0)
    assert prune(timezone.now() + timedelta(days=31)) == (0, 1)
    assert not WhatsAppConversation.objects.exists()


def test_city_admins_see_conversations_masked(client, say, categories):
    from satupintu.org.models import Membership, OrgUnit
    from satupintu.testing.factories import make_staff

    say("halo")
    admin_user = make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.ADMIN)
    client.force_login(admin_user)
    listing = client.get("/admin/intake/whatsappconversation/")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "+62812*****890" in body and "81234567890" not in body
    conversation = WhatsAppConversation.objects.get()
    detail = client.get(f"/admin/intake/whatsappconversation/{conversation.pk}/change/")
    assert detail.status_code == 200 and "81234567890" not in detail.content.decode()
    assert client.get("/admin/intake/whatsappinboundmessage/").status_code == 200
    operator = make_staff(OrgUnit.objects.get(code="DPU"))
    client.force_login(operator)
    assert client.get("/admin/intake/whatsappconversation/").status_code in (302, 403)
