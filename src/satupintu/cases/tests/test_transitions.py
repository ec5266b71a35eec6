"""The transition table is the only way a case changes: every action × status × role."""

import pytest
from django.utils import timezone

from satupintu.cases import services
from satupintu.cases.models import Case, CaseEvent
from satupintu.cases.services import CaseError
from satupintu.cases.tests.helpers import act, file_case, unit, verify
from satupintu.cases.workflow import COORDINATOR, REPORTER, SYSTEM, UNIT
from satupintu.complaints.forms import Identity
from satupintu.complaints.workflow import TRANSITIONS, Status
from satupintu.core.models import AuditEvent
from satupintu.testing.factories import UserFactory, make_staff

ROLES = [REPORTER, COORDINATOR, UNIT, SYSTEM]


@pytest.fixture
def operator(category):
    return make_staff(unit("DPU"))


def _parameters(action, operator, parent):
    return {
        "note": "Catatan uji.",
        "org_unit": unit("DLH") if action == "route" else None,
        "assignee": operator if action == "assign" else None,
        "parent": parent if action == "merge" else None,
        "rating": 4 if action == "rate" else None,
    }


def _reset(case, status):
    Case.objects.filter(pk=case.pk).update(
        status=status,
        org_unit=unit("DPU"),
        assignee=None,
        parent=None,
        paused_at=None,
        resolved_at=timezone.now(),  # inside the reopen window
        closed_at=None,
    )


def test_every_action_in_every_status_for_every_role_follows_the_table(
    category, coordinator, operator
):
    case, _secret = file_case(category)
    parent, _secret = file_case(category, title="Laporan induk")
    checked = allowed_count = 0
    for action, transition in TRANSITIONS.items():
        for status in Status.values:
            for role in ROLES:
                _reset(case, status)
                events, audits = CaseEvent.objects.count(), AuditEvent.objects.count()
                allowed = status in transition.sources and role in transition.roles
                kwargs = _parameters(action, operator, parent)
                if not allowed:
                    with pytest.raises(CaseError) as error:
                        services.perform(case, action, actor=coordinator, role=role, **kwargs)
                    assert error.value.status == 409
                    assert "tidak dapat dilakukan" in error.value.message
                    assert Case.objects.get(pk=case.pk).status == status
                    assert CaseEvent.objects.count() == events
                    assert AuditEvent.objects.count() == audits
                else:
                    event = services.perform(case, action, actor=coordinator, role=role, **kwargs)
                    expected = transition.target or status
                    assert Case.objects.get(pk=case.pk).status == expected, (action, status, role)
                    assert CaseEvent.objects.count() == events + 1
                    assert AuditEvent.objects.count() == audits + 1
                    assert (event.action, event.from_status, event.to_status) == (
                        action,
                        status,
                        expected,
                    )
                    assert event.actor_role == role
                    assert AuditEvent.objects.order_by("-seq").first().action == f"cases.{action}"
                    allowed_count += 1
                checked += 1
    assert checked == len(TRANSITIONS) * len(Status.values) * len(ROLES)
    assert allowed_count > 50


# The SP4N-LAPOR! roles, written out by hand so the table itself is checked against them.
@pytest.mark.parametrize(
    ("action", "status", "role", "allowed"),
    [
        ("verify", "baru", COORDINATOR, True),
        ("verify", "baru", UNIT, False),
        ("verify", "terverifikasi", COORDINATOR, False),
        ("route", "baru", COORDINATOR, True),
        ("route", "diproses", UNIT, False),
        ("not_our_authority", "diproses", UNIT, True),
        ("not_our_authority", "diproses", COORDINATOR, False),
        ("start", "terverifikasi", UNIT, True),
        ("start", "selesai", UNIT, False),
        ("resolve", "diproses", UNIT, True),
        ("resolve", "diproses", REPORTER, False),
        ("resolve", "menunggu_info", UNIT, False),
        ("provide_info", "menunggu_info", REPORTER, True),
        ("provide_info", "menunggu_info", COORDINATOR, False),
        ("close", "dijawab", SYSTEM, True),
        ("close", "dijawab", UNIT, False),
        ("close", "diproses", REPORTER, False),
        ("reopen", "dijawab", REPORTER, True),
        ("reopen", "dijawab", SYSTEM, False),
        ("reopen", "digabung", REPORTER, False),
        ("rate", "selesai", REPORTER, True),
        ("rate", "diproses", REPORTER, False),
        ("merge", "diproses", COORDINATOR, True),
        ("merge", "diproses", UNIT, False),
        ("archive", "baru", COORDINATOR, True),
        ("archive", "terverifikasi", COORDINATOR, False),
        ("note", "digabung", UNIT, True),
        ("note", "baru", REPORTER, False),
        ("frobnicate", "baru", COORDINATOR, False),
    ],
)
def test_who_may_do_what(category, coordinator, operator, action, status, role, allowed):
    case, _secret = file_case(category)
    parent, _secret = file_case(category, title="Laporan induk")
    _reset(case, status)
    kwargs = _parameters(action, operator, parent)

    if allowed:
        services.perform(case, action, actor=coordinator, role=role, **kwargs)
    else:
        with pytest.raises(CaseError):
            services.perform(case, action, actor=coordinator, role=role, **kwargs)
        assert Case.objects.get(pk=case.pk).status == status


def test_not_our_authority_sends_the_case_back_to_the_coordinator(category, coordinator):
    case, _secret = file_case(category)
    verify(case, coordinator)
    operator = make_staff(unit("DPU"))

    case = act(case, "not_our_authority", operator, note="Ini urusan DLH.")

    assert case.status == "baru" and case.org_unit is None
    assert case.events.last().data == {"previous_unit": "DPU"}


def test_verify_without_any_unit_is_refused(category, coordinator):
    case, _secret = file_case(category)
    Case.objects.filter(pk=case.pk).update(org_unit=None)

    with pytest.raises(CaseError) as error:
        services.perform(case, "verify", actor=coordinator, role=COORDINATOR)

    assert error.value.status == 400
    assert Case.objects.get(pk=case.pk).status == "baru"


def test_route_needs_a_unit(category, coordinator):
    case, _secret = file_case(category)

    with pytest.raises(CaseError) as error:
        services.perform(case, "route", actor=coordinator, role=COORDINATOR)

    assert error.value.status == 400


def test_assign_needs_a_person(category, coordinator):
    case, _secret = file_case(category)
    verify(case, coordinator)

    with pytest.raises(CaseError) as error:
        services.perform(case, "assign", actor=coordinator, role=COORDINATOR)

    assert error.value.status == 400


def test_a_unit_cannot_reroute_by_sending_a_unit_with_another_action(category, coordinator):
    case, _secret = file_case(category)
    verify(case, coordinator)
    operator = make_staff(unit("DPU"))

    case = act(case, "note", operator, note="Catatan.", org_unit=unit("DINKES"))

    assert case.org_unit.code == "DPU"


def test_the_staff_page_keeps_the_assignee_when_it_posts_the_current_unit(
    client, category, coordinator
):
    case, _secret = file_case(category)
    verify(case, coordinator)
    operator = make_staff(unit("DPU"))
    act(case, "assign", operator, assignee=operator)
    client.force_login(operator)

    # The action form always posts the selected unit; the case's own unit is pre-selected.
    response = client.post(
        f"/kantor/kasus/{case.tracking_code}/tindakan/", {"action": "start", "org_unit": "DPU"}
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "diproses"
    assert case.assignee == operator


def test_routing_to_another_unit_clears_the_assignee(category, coordinator):
    case, _secret = file_case(category)
    verify(case, coordinator)
    operator = make_staff(unit("DPU"))
    act(case, "assign", operator, assignee=operator)

    case = act(case, "route", coordinator, role=COORDINATOR, org_unit=unit("DLH"))

    assert case.org_unit.code == "DLH" and case.assignee is None


def test_information_asked_before_verification_returns_the_case_to_triage(category, coordinator):
    case, secret = file_case(category)
    act(case, "request_info", coordinator, role=COORDINATOR, note="Di mana tepatnya?")

    case = act(case, "provide_info", None, role=REPORTER, note="Depan SD 12.")

    assert case.status == "baru"  # still to be verified, not handed to the unit
    assert case.paused_at is None


def test_information_asked_by_the_unit_resumes_the_work(category, coordinator):
    case, _secret = file_case(category)
    verify(case, coordinator)
    operator = make_staff(unit("DPU"))
    act(case, "start", operator)
    act(case, "request_info", operator, note="Foto?")

    case = act(case, "provide_info", None, role=REPORTER, note="Terlampir.")

    assert case.status == "diproses"


def test_an_anonymous_reporter_is_never_written_down(category):
    citizen = UserFactory(full_name="Warga Rahasia")
    case, _secret = file_case(category, identity=Identity.ANONYMOUS, user=citizen)
    act(case, "add_files", citizen, role=REPORTER)

    assert case.submitter is None and case.reporter_name == "" and case.reporter_email == ""
    assert not CaseEvent.objects.filter(case=case, actor=citizen).exists()
    assert not AuditEvent.objects.filter(actor_id=citizen.pk).exists()


def test_a_named_reporter_is_recorded_as_the_actor(category):
    citizen = UserFactory()
    case, _secret = file_case(category, user=citizen)

    assert case.submitter == citizen
    assert case.events.get().actor == citizen
