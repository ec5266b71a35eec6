"""Outbound adapters: the WhatsApp Cloud API client against a fake server, and SMS."""

import json
import logging
from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from satupintu.intake.tests.conftest import PHONE_NUMBER_ID, WA_TOKEN, png_bytes
from satupintu.notifications import sms
from satupintu.notifications.channels import DeliveryError, send_sms
from satupintu.notifications.models import OutboxMessage
from satupintu.notifications.services import queue_message
from satupintu.notifications.tasks import deliver, retry_failed_messages
from satupintu.notifications.whatsapp import CloudApiClient, LoggingClient, WhatsAppError


def test_send_text_posts_to_the_cloud_api(cloud_api):
    provider_id = CloudApiClient().send_text("+6281234567890", "Halo warga")
    assert provider_id == "wamid.OUT1"
    (request,) = cloud_api.requests
    assert request["method"] == "POST"
    assert request["path"] == f"/v21.0/{PHONE_NUMBER_ID}/messages"
    assert request["headers"]["Authorization"] == f"Bearer {WA_TOKEN}"
    assert request["headers"]["Content-Type"] == "application/json"
    assert json.loads(request["body"]) == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "6281234567890",
        "type": "text",
        "text": {"preview_url": False, "body": "Halo warga"},
    }


def test_long_texts_are_cut_to_the_api_limit(cloud_api):
    CloudApiClient().send_text("+6281234567890", "x" * 5000)
    assert len(cloud_api.messages_sent()[0]["text"]["body"]) == 4096


def test_graph_errors_are_reported_clearly(cloud_api):
    cloud_api.answers.append(
        (
            400,
            {"error": {"message": "Recipient phone number not in allowed list", "code": 131030}},
            {},
        )
    )
    with pytest.raises(WhatsAppError, match=r"HTTP 400: \(#131030\) Recipient phone number"):
        CloudApiClient().send_text("+6281234567890", "x")


def test_redirects_are_not_followed_with_the_token(cloud_api):
    cloud_api.answers.append((302, b"", {"Location": f"{cloud_api.url}/elsewhere"}))
    with pytest.raises(WhatsAppError, match="HTTP 302"):
        CloudApiClient().send_text("+6281234567890", "x")
    assert [r["path"] for r in cloud_api.requests] == [f"/v21.0/{PHONE_NUMBER_ID}/messages"]


def test_unreachable_api_and_missing_configuration(cloud_api):
    with (
        override_settings(WHATSAPP_TOKEN="", WHATSAPP_PHONE_NUMBER_ID=""),
        pytest.raises(WhatsAppError, match="not configured"),
    ):
        CloudApiClient().send_text("+62812", "x")
    with pytest.raises(WhatsAppError, match="https"):
        CloudApiClient(base_url="file:///etc").send_text("+62812", "x")
    dead = CloudApiClient(base_url="http://127.0.0.1:9", timeout=2)
    with pytest.raises(WhatsAppError):
        dead.send_text("+6281234567890", "x")


def test_accepted_without_id_is_not_an_error(cloud_api):
    # A 2xx means WhatsApp took the message: raising would make the outbox send it again.
    cloud_api.answers.append((200, b"not json", {}))
    assert CloudApiClient().send_text("+6281234567890", "x") == ""


def test_fetch_media(cloud_api):
    cloud_api.media["M1"] = (png_bytes(), "image/png")
    data, mime = CloudApiClient().fetch_media("M1")
    assert data == png_bytes() and mime == "image/png"
    assert [r["path"] for r in cloud_api.requests] == ["/v21.0/M1", "/download/M1"]
    with pytest.raises(WhatsAppError, match="larger"):
        CloudApiClient().fetch_media("M1", max_bytes=10)
    with pytest.raises(WhatsAppError, match="invalid media id"):
        CloudApiClient().fetch_media("../etc/passwd")
    with pytest.raises(WhatsAppError, match="Unknown media"):
        CloudApiClient().fetch_media("M404")
    with pytest.raises(WhatsAppError):
        LoggingClient().fetch_media("M1")


@pytest.mark.django_db
def test_outbox_retries_after_a_server_error_and_never_sends_twice(
    cloud_api, django_capture_on_commit_callbacks
):
    cloud_api.answers.append((500, {"error": {"message": "Service unavailable", "code": 2}}, {}))
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_message(
            channel="whatsapp", recipient="+6281234567890", body="Halo", dedupe_key="t-1"
        )
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1 and "HTTP 500" in message.last_error
    assert message.next_attempt_at is not None

    # Queueing the same message again does not send it again.
    with django_capture_on_commit_callbacks(execute=True):
        queue_message(channel="whatsapp", recipient="+6281234567890", body="Halo", dedupe_key="t-1")
    assert len(cloud_api.requests) == 1

    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert retry_failed_messages.call() == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.provider_id == "wamid.OUT1"
    assert deliver.call(message.pk) == "skipped"
    assert len(cloud_api.requests) == 2


# --- SMS --------------------------------------------------------------------------------------


def test_logging_sms_backend_masks_the_number(caplog):
    with (
        override_settings(SMS_BACKEND="satupintu.notifications.sms.LoggingSmsBackend"),
        caplog.at_level(logging.INFO, logger="satupintu.sms"),
    ):
        sms.send_sms("+6281234567890", "Kode ADU-ABCDEF")
    # Codes are masked too (issue #9): the log never carries what the message proves.
    assert "Kode ••••••••••" in caplog.text
    assert "ADU-ABCDEF" not in caplog.text
    assert "81234567890" not in caplog.text and "+62812" in caplog.text


def test_locmem_sms_backend_and_the_interface():
    assert isinstance(sms.get_backend(), sms.BaseSmsBackend)
    send_sms("+6281234567890", "ignored subject", "Halo")
    assert sms.outbox == [sms.SmsMessage("+6281234567890", "Halo")]
    with pytest.raises(TypeError):
        sms.BaseSmsBackend()


class RefusingSms(sms.BaseSmsBackend):
    def send(self, phone, text):
        raise sms.SmsError("provider down")


@pytest.mark.django_db
def test_sms_failures_are_retried_by_the_outbox(django_capture_on_commit_callbacks):
    with override_settings(SMS_BACKEND=f"{__name__}.RefusingSms"):
        with pytest.raises(DeliveryError):
            send_sms("+6281234567890", "", "x")
        with django_capture_on_commit_callbacks(execute=True):
            message = queue_message(
                channel="sms", recipient="+6281234567890", body="Halo", dedupe_key="s-1"
            )
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING and message.last_error == "provider down"


OUTSIDE_WINDOW_ANSWER = (
    400,
    {"error": {"message": "Re-engagement message", "code": 131047}},
    {},
)


def test_outside_the_24_hour_window_the_template_is_sent(cloud_api):
    cloud_api.answers.append(OUTSIDE_WINDOW_ANSWER)
    with override_settings(WHATSAPP_TEMPLATE="kabar_layanan", WHATSAPP_TEMPLATE_LANGUAGE="id"):
        provider_id = CloudApiClient().send_message(
            "+6281234567890", "Laporan ADU-ABC234: Sudah dijawab.\n\nLihat: https://kota/lacak/"
        )
    assert provider_id == "wamid.OUT1"
    first, second = cloud_api.messages_sent()
    assert first["type"] == "text"
    assert second == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "6281234567890",
        "type": "template",
        "template": {
            "name": "kabar_layanan",
            "language": {"code": "id"},
            "components": [
                {
                    "type": "body",
                    "parameters": [
                        {
                            "type": "text",
                            "text": "Laporan ADU-ABC234: Sudah dijawab. · Lihat: https://kota/lacak/",
                        }
                    ],
                }
            ],
        },
    }


def test_without_a_template_the_window_error_is_reported(cloud_api):
    cloud_api.answers.append(OUTSIDE_WINDOW_ANSWER)
    with override_settings(WHATSAPP_TEMPLATE=""), pytest.raises(WhatsAppError) as caught:
        CloudApiClient().send_message("+6281234567890", "Halo")
    assert caught.value.code == 131047
    assert len(cloud_api.messages_sent()) == 1


def test_other_errors_do_not_switch_to_the_template(cloud_api):
    cloud_api.answers.append((400, {"error": {"message": "Bad number", "code": 131030}}, {}))
    with override_settings(WHATSAPP_TEMPLATE="kabar_layanan"), pytest.raises(WhatsAppError):
        CloudApiClient().send_message("+6281234567890", "Halo")
    assert len(cloud_api.messages_sent()) == 1


def test_template_parameter_has_no_newlines_and_fits_the_limit():
    from satupintu.notifications.whatsapp import template_parameter

    value = template_parameter("a\n\n b\tc   d\n" + "x" * 2000)
    assert "\n" not in value and "\t" not in value and "   " not in value
    assert value.startswith("a · b c d · ") and len(value) == 1024
