"""/metrics for the monitoring token only; request ids in the logs, masked."""

import json
import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from satupintu.core.logging import JsonFormatter, PersonalDataMaskingFilter, RequestIdFilter

pytestmark = pytest.mark.django_db

TOKEN = "monitoring-token-0123456789abcdef"


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def test_metrics_only_to_the_monitoring_token(client, token, staff_a):
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong-token").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Basic {TOKEN}").status_code == 404
    client.force_login(staff_a)  # a staff session is not the token
    assert client.get("/metrics").status_code == 404
    assert client.post("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 404

    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "satupintu_up" in response.content.decode()


def test_without_a_token_configured_nobody_gets_metrics(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_metrics_report_routes_queue_outbox_sla_and_health(client, token, reference_data):
    from django_tasks_db.models import DBTaskResult

    from satupintu.cases.models import Case
    from satupintu.cases.tests import helpers
    from satupintu.notifications.models import OutboxMessage

    client.get("/")
    client.get("/lacak/")
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="satupintu.tests.fake_task",
        backend_name="default",
        exception_class_path="",
        traceback="",
    )
    OutboxMessage.objects.create(
        channel="sms", recipient="+6281234567890", body="x", dedupe_key="m1"
    )
    OutboxMessage.objects.create(
        channel="email", recipient="a@contoh.id", body="x", dedupe_key="m2", status="sent"
    )
    case, _secret = helpers.file_case(helpers.make_category())
    Case.objects.filter(pk=case.pk).update(
        due_date=timezone.localdate() - timedelta(days=3), closed_at=None
    )

    text = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    assert 'satupintu_http_requests_total{method="GET",route="portal:home",status="2xx"}' in text
    assert "satupintu_http_request_duration_seconds_bucket" in text
    assert "/lacak/" not in text  # routes by name, never the address
    assert "satupintu_task_queue_depth 1.0" in text
    assert "satupintu_task_queue_oldest_seconds" in text
    assert 'satupintu_outbox_backlog{channel="sms",status="pending"} 1.0' in text
    assert 'satupintu_outbox_backlog{channel="email",status="pending"} 0.0' in text
    assert f'satupintu_sla_breached_cases{{kind="{case.kind}"}} 1.0' in text
    assert 'satupintu_up{part="database"} 1.0' in text
    assert 'satupintu_up{part="cache"} 1.0' in text
    assert "6281234567890" not in text


def test_every_response_has_a_request_id_and_logs_carry_it_masked(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="abc123def456")
    assert response["X-Request-ID"] == "abc123def456"
    other = client.get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces\n")
    assert len(other["X-Request-ID"]) == 32 and " " not in other["X-Request-ID"]

    record = logging.LogRecord(
        "satupintu.test", logging.INFO, __file__, 1, "NIK %s telp %s", None, None
    )
    record.args = ("6471010101010001", "081234567890")
    RequestIdFilter().filter(record)
    PersonalDataMaskingFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "-"  # outside a request
    assert line["level"] == "INFO" and line["logger"] == "satupintu.test"
    assert "6471010101010001" not in line["message"] and "081234567890" not in line["message"]
    assert "6471********0001" in line["message"]
