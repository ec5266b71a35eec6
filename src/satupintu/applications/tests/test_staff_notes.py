"""Issue 16, officers on the application page: a message to the applicant and an internal note
are two fields; only the message reaches the applicant; the history is in words."""

import pytest

from satupintu.applications.tests.staff_fixtures import *  # noqa: F403
from satupintu.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

MESSAGE = "Berkas Anda sedang kami periksa, mohon ditunggu."
INTERNAL = "ZQXINTERNAL pemohon ini sering menelepon, cek ulang KK."


def url(application, suffix=""):
    return f"/kantor/permohonan/{application.case.tracking_code}/{suffix}"


def test_the_page_labels_the_two_fields(client, submitted_application, operator):
    client.force_login(operator)
    body = client.get(url(submitted_application)).content.decode()
    assert 'value="message"' in body
    assert "Pesan ke pemohon" in body and "Catatan internal" in body
    assert "tidak pernah ditampilkan atau dikirim ke pemohon" in body
    assert body.count('name="internal_note"') == 4  # advance, correction, reject, message


def test_message_and_internal_note_are_kept_apart(
    client, submitted_application, operator, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(submitted_application, "tindakan/"),
            {"action": "message", "note": MESSAGE, "internal_note": INTERNAL},
        )
    assert response.status_code == 302
    event = submitted_application.case.events.get(action="reply")
    assert (event.note, event.internal_note, event.is_public) == (MESSAGE, INTERNAL, True)
    staff_page = client.get(url(submitted_application)).content.decode()
    history = staff_page.split('id="application-history"')[1].split("</ol>")[0]
    assert "Pesan dikirim ke pemohon oleh petugas unit" in history
    assert MESSAGE in history and INTERNAL in history

    client.logout()
    tracking = client.get(f"/lacak/{submitted_application.case.tracking_code}/").content.decode()
    assert "ZQXINTERNAL" not in tracking
    bodies = [m.body for m in OutboxMessage.objects.all()]
    assert any(MESSAGE in b for b in bodies)
    assert not any("ZQXINTERNAL" in b for b in bodies)


def test_an_internal_note_alone_makes_an_internal_event(client, submitted_application, operator):
    client.force_login(operator)
    client.post(
        url(submitted_application, "tindakan/"), {"action": "message", "internal_note": INTERNAL}
    )
    event = submitted_application.case.events.get(action="note")
    assert (event.note, event.internal_note, event.is_public) == ("", INTERNAL, False)


def test_an_empty_message_form_is_refused(client, submitted_application, operator):
    client.force_login(operator)
    response = client.post(url(submitted_application, "tindakan/"), {"action": "message"})
    assert response.status_code == 400
    assert not submitted_application.case.events.filter(action__in=["note", "reply"]).exists()


def test_completing_a_step_keeps_an_internal_note(client, submitted_application, operator):
    client.force_login(operator)
    client.post(
        url(submitted_application, "tindakan/"),
        {
            "action": "advance",
            "note": "",
            "internal_note": INTERNAL,
            "expected_step_id": submitted_application.current_step_id,
        },
    )
    event = submitted_application.case.events.get(action="advance")
    assert event.note == "" and event.internal_note == INTERNAL and event.is_public


def test_the_api_takes_the_internal_note(client, submitted_application, operator):
    client.force_login(operator)
    response = client.post(
        f"/api/v1/kantor/permohonan/{submitted_application.case.tracking_code}/tindakan/",
        {"action": "note", "internal_note": INTERNAL},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    event = submitted_application.case.events.get(action="note")
    assert event.internal_note == INTERNAL and event.note == ""


def test_staff_of_another_unit_get_not_found(client, submitted_application, staff_b):
    client.force_login(staff_b)
    response = client.post(
        url(submitted_application, "tindakan/"), {"action": "message", "internal_note": INTERNAL}
    )
    assert response.status_code == 404
