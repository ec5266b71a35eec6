"""Issue 16, officers: the history in words, the internal note kept apart from the public
answer (and proven never to reach the reporter), and one small form per action."""

import importlib
import json

import pytest
from django.apps import apps
from django.urls import reverse

from satupintu.accounts.services import export_personal_data
from satupintu.applications.workflow import APPLICATION
from satupintu.cases import services
from satupintu.cases.models import CaseEvent
from satupintu.cases.tests.helpers import act, file_case, unit, verify
from satupintu.cases.workflow import COORDINATOR, REPORTER, SYSTEM, UNIT
from satupintu.complaints.workflow import COMPLAINT
from satupintu.notifications.models import OutboxMessage
from satupintu.org.models import Membership
from satupintu.testing.factories import UserFactory, make_staff

pytestmark = pytest.mark.django_db

PUBLIC = "Tim kami sudah menambal lubang itu pada hari Senin."
INTERNAL = "ZQXINTERNAL anggaran pemeliharaan tinggal 12 juta, jangan dijanjikan lagi."


@pytest.fixture
def operator(reference_data):
    return make_staff(unit("DPU"), Membership.Role.OPERATOR, full_name="Dedi Operator")


@pytest.fixture
def verified(category, coordinator, operator, django_capture_on_commit_callbacks):
    citizen = UserFactory(email="warga@contoh.id")
    with django_capture_on_commit_callbacks(execute=True):
        case, secret = file_case(category, user=citizen, reporter_email="warga@contoh.id")
        verify(case, coordinator, org_unit="DPU")
    return case, secret, citizen


def act_url(case):
    return reverse("cases:act", args=[case.tracking_code])


def page_url(case):
    return reverse("cases:staff_detail", args=[case.tracking_code])


# --- History in words ------------------------------------------------------------------------


def test_every_transition_has_history_words():
    for kind in (COMPLAINT, APPLICATION):
        for transition in kind.transitions.values():
            assert transition.done_label, (kind.key, transition.action)
        assert kind.history_label("submit", REPORTER) != "submit"


def test_history_labels_name_who_did_it():
    assert COMPLAINT.history_label("verify", COORDINATOR) == "Diverifikasi oleh koordinator"
    assert COMPLAINT.history_label("resolve", UNIT).endswith("oleh petugas unit")
    assert COMPLAINT.history_label("close", SYSTEM) == "Ditutup oleh sistem"
    assert APPLICATION.history_label("submit", REPORTER) == "Diajukan oleh pemohon"
    assert COMPLAINT.history_label("submit", REPORTER) == "Laporan dikirim oleh pelapor"


def test_the_staff_page_shows_words_not_action_codes(client, verified, operator):
    case, _secret, _citizen = verified
    act(case, "start", operator)
    client.force_login(operator)
    body = client.get(page_url(case)).content.decode()
    history = body.split('id="case-history"')[1].split("</ol>")[0]
    assert "Diverifikasi oleh koordinator" in history
    assert "→ Dinas Pekerjaan Umum" in history or "→ DPU" in history
    assert "Mulai ditangani oleh petugas unit" in history
    assert "Laporan dikirim oleh pelapor" in history
    for code in (" verify ", " start ", "· submit", "not_our_authority"):
        assert code not in history


# --- Internal note and public answer ---------------------------------------------------------


def test_a_reply_keeps_the_public_answer_and_the_internal_note_apart(
    client, verified, operator, django_capture_on_commit_callbacks
):
    case, secret, citizen = verified
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            act_url(case), {"action": "reply", "note": PUBLIC, "internal_note": INTERNAL}
        )
    assert response.status_code == 302
    event = case.events.get(action="reply")
    assert (event.note, event.internal_note, event.is_public) == (PUBLIC, INTERNAL, True)

    staff_page = client.get(page_url(case)).content.decode()
    assert PUBLIC in staff_page and INTERNAL in staff_page
    assert "Catatan internal (hanya petugas)" in staff_page
    assert "Jawaban untuk pelapor (terlihat oleh pelapor)" in staff_page

    # Nothing the reporter can reach carries the internal note.
    client.logout()
    for path in (f"/lacak/{case.tracking_code}/", f"/lacak/{case.tracking_code}/{secret}/"):
        body = client.get(path).content.decode()
        assert PUBLIC in body and "ZQXINTERNAL" not in body, path
    messages = list(OutboxMessage.objects.filter(reference=case.tracking_code))
    assert any(PUBLIC in m.body for m in messages)
    assert not any("ZQXINTERNAL" in m.body for m in messages)
    open311 = client.get(f"/open311/v2/requests/{case.tracking_code}.json").content.decode()
    assert "ZQXINTERNAL" not in open311
    exported = json.dumps(export_personal_data(citizen), default=str)
    assert PUBLIC in exported and "ZQXINTERNAL" not in exported


def test_an_internal_note_is_never_public(client, verified, operator):
    case, secret, _citizen = verified
    client.force_login(operator)
    response = client.post(act_url(case), {"action": "note", "internal_note": INTERNAL})
    assert response.status_code == 302
    event = case.events.get(action="note")
    assert (event.note, event.internal_note, event.is_public) == ("", INTERNAL, False)
    client.logout()
    assert (
        "ZQXINTERNAL" not in client.get(f"/lacak/{case.tracking_code}/{secret}/").content.decode()
    )


def test_a_public_answer_posted_with_an_internal_action_is_dropped(client, verified, operator):
    case, _secret, _citizen = verified
    client.force_login(operator)
    client.post(act_url(case), {"action": "note", "internal_note": "cek", "note": "ZQXSTALE"})
    event = case.events.get(action="note")
    assert event.note == "" and "ZQXSTALE" not in event.internal_note


def test_the_engine_moves_a_staff_note_on_a_hidden_event_to_the_internal_note(verified, operator):
    case, _secret, _citizen = verified
    event = services.perform(
        case, "assign", actor=operator, role=UNIT, assignee=operator, note="ZQXASSIGN tolong cek"
    )
    assert event.note == "" and event.internal_note == "ZQXASSIGN tolong cek"


def test_the_reporter_cannot_write_an_internal_note(category):
    case, _secret = file_case(category)
    with pytest.raises(services.CaseError) as refused:
        services.perform(case, "add_files", actor=None, role=REPORTER, internal_note="x")
    assert refused.value.status == 403


def test_the_api_takes_and_shows_the_internal_note(client, verified, operator):
    case, _secret, _citizen = verified
    client.force_login(operator)
    url = f"/api/v1/kantor/kasus/{case.tracking_code}/tindakan/"
    response = client.post(
        url,
        {"action": "reply", "note": PUBLIC, "internal_note": INTERNAL},
        content_type="application/json",
    )
    assert response.status_code == 200
    event = response.json()["event"]
    assert event["note"] == PUBLIC and event["internal_note"] == INTERNAL
    missing = client.post(url, {"action": "note"}, content_type="application/json")
    assert missing.status_code == 400 and "internal_note" in missing.json()


def test_the_migration_moves_old_internal_notes(verified, operator):
    case, _secret, _citizen = verified
    old = CaseEvent.objects.create(
        case=case,
        created_at=case.created_at,
        actor_role=UNIT,
        action="note",
        is_public=False,
        note="ZQXOLD catatan lama",
    )
    public = case.events.get(action="verify")
    migration = importlib.import_module("satupintu.cases.migrations.0008_event_internal_note")
    migration.move_internal_notes(apps, None)
    old.refresh_from_db()
    assert (old.note, old.internal_note) == ("", "ZQXOLD catatan lama")
    assert CaseEvent.objects.get(pk=public.pk).internal_note == ""


# --- One form per action ---------------------------------------------------------------------


def test_each_action_has_its_own_small_form(client, verified, operator):
    case, _secret, _citizen = verified
    client.force_login(operator)
    body = client.get(page_url(case)).content.decode()
    forms = {
        part.split('"', 1)[0]: part.split("</details>")[0]
        for part in body.split('<details class="action-form" id="aksi-')[1:]
    }
    assert {"start", "assign", "note", "reply", "request_info", "not_our_authority"} <= set(forms)
    assert 'name="assignee"' in forms["assign"] and 'name="note"' not in forms["assign"]
    assert 'name="internal_note"' in forms["note"] and 'name="note"' not in forms["note"]
    assert 'name="note"' in forms["reply"] and 'name="internal_note"' in forms["reply"]
    assert 'name="org_unit"' not in forms["reply"] and 'name="assignee"' not in forms["reply"]
    assert 'name="public_summary"' not in body  # unit staff never set the public summary
    assert body.count('name="action"') == len(forms)


def test_a_refused_action_reopens_its_own_form_with_the_error_summary(client, verified, operator):
    case, _secret, _citizen = verified
    client.force_login(operator)
    response = client.post(act_url(case), {"action": "reply", "internal_note": "draf"})
    assert response.status_code == 400
    body = response.content.decode()
    assert '<details class="action-form" id="aksi-reply" open>' in body
    assert '<a href="#reply-note">Tulis jawaban untuk pelapor.</a>' in body
    assert ">draf</textarea>" in body  # what was typed stays
    assert body.count(" open>") == 1


def test_a_unit_posted_with_a_reply_is_not_acted_on(client, verified, operator):
    case, _secret, _citizen = verified
    client.force_login(operator)
    client.post(act_url(case), {"action": "reply", "note": PUBLIC, "org_unit": "DINKES"})
    case.refresh_from_db()
    assert case.org_unit.code == "DPU"


def test_staff_of_another_unit_cannot_act(client, verified, staff_b):
    case, _secret, _citizen = verified
    client.force_login(staff_b)
    response = client.post(act_url(case), {"action": "note", "internal_note": INTERNAL})
    assert response.status_code == 404
    assert not case.events.filter(action="note").exists()
