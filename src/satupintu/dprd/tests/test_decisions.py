"""Minutes decisions linked to the DPRD aspirations and E-Pokir proposals they answer."""

import pytest
from django.test import TestCase
from django.urls import reverse

from satupintu.core.models import AuditEvent
from satupintu.dprd.tests.test_aspiration import file
from satupintu.minutes import pdf
from satupintu.minutes import services as minutes_services
from satupintu.minutes.models import DecisionLink, Meeting
from satupintu.minutes.services import MinutesError
from satupintu.minutes.services_decisions import link_decision, unlink_decision
from satupintu.minutes.tests.conftest import schedule
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(reference_data):
    setwan = OrgUnit.objects.get(code="SETWAN")
    return {
        "chair": make_staff(setwan, Membership.Role.HEAD, full_name="Ketua Rapat Hadi"),
        "notulis": make_staff(setwan, full_name="Nina Notulis"),
    }


@pytest.fixture
def hearing(cast):
    meeting = schedule(
        cast["notulis"],
        OrgUnit.objects.get(code="SETWAN"),
        cast,
        kind=Meeting.Kind.HEARING,
        title="RDP Komisi III drainase Sepinggan",
    )
    item = minutes_services.add_agenda_item(
        actor=cast["notulis"], meeting=meeting, title="Drainase dan semenisasi Sepinggan"
    )
    minutes_services.update_agenda_item(
        actor=cast["notulis"],
        item=item,
        changes={"decisions": "Dinas PU memperbaiki drainase dan semenisasi gang Mawar."},
    )
    return meeting, item


def publish(meeting, cast):
    with TestCase.captureOnCommitCallbacks(execute=True):
        minutes_services.transition(actor=cast["notulis"], meeting=meeting, action="submit")
        minutes_services.transition(actor=cast["chair"], meeting=meeting, action="approve")
        return minutes_services.transition(actor=cast["notulis"], meeting=meeting, action="publish")


def test_setwan_links_a_decision_and_public_pages_show_it(client, cast, hearing, proposal):
    meeting, item = hearing
    aspiration = file()
    a_code, p_code = aspiration.case.tracking_code, proposal.case.tracking_code
    link_decision(actor=cast["notulis"], item=item, code=f" {a_code.lower()} ")
    link_decision(actor=cast["notulis"], item=item, code=p_code)
    assert sorted(item.decision_links.values_list("code", flat=True)) == sorted([a_code, p_code])
    assert AuditEvent.objects.filter(action="minutes.decision_linked").count() == 2
    # Unpublished minutes: nothing shows on the proposal's or the aspiration's page yet.
    proposal_page = reverse("dprd:proposal", args=[p_code])
    assert "decided-in" not in client.get(proposal_page).content.decode()

    meeting = publish(meeting, cast)
    minutes_url = reverse("minutes:public_detail", args=[meeting.pk])
    page = client.get(minutes_url).content.decode()
    assert f'href="{reverse("cases:track", args=[a_code])}"' in page
    assert f'href="{proposal_page}"' in page
    body = client.get(proposal_page).content.decode()
    assert "Diputuskan dalam rapat RDP Komisi III drainase Sepinggan" in body
    assert f'href="{minutes_url}"' in body
    track = client.get(reverse("cases:track", args=[a_code])).content.decode()
    assert 'id="decided-in"' in track and f'href="{minutes_url}"' in track


def test_the_pdf_lists_the_linked_codes(cast, hearing, proposal):
    meeting, item = hearing
    link_decision(actor=cast["notulis"], item=item, code=proposal.case.tracking_code)
    lines = pdf.text_lines(pdf.context_for(meeting))
    assert ("", f"Menjawab: {proposal.case.tracking_code}") in lines
    from django.template.loader import render_to_string

    html = render_to_string(pdf.TEMPLATE, pdf.context_for(meeting))
    assert proposal.case.tracking_code in html and "Usulan pokir" in html


@pytest.mark.parametrize("code", ["", "POK-TIDAK-ADA", "RAPAT-1", "../../etc", "x" * 40])
def test_unknown_codes_are_refused(cast, hearing, code):
    _meeting, item = hearing
    with pytest.raises(MinutesError) as refused:
        link_decision(actor=cast["notulis"], item=item, code=code)
    assert refused.value.status == 400
    assert not DecisionLink.objects.exists()


def test_a_code_is_linked_once(cast, hearing, proposal):
    _meeting, item = hearing
    link_decision(actor=cast["notulis"], item=item, code=proposal.case.tracking_code)
    with pytest.raises(MinutesError, match="sudah dikaitkan"):
        link_decision(actor=cast["notulis"], item=item, code=proposal.case.tracking_code)
    assert DecisionLink.objects.count() == 1


def test_only_setwan_links_dprd_codes(reference_data, proposal):
    """A Dinas PU officer manages her own meeting but may not tie it to council cases."""
    dpu = OrgUnit.objects.get(code="DPU")
    people = {
        "chair": make_staff(dpu, Membership.Role.HEAD, full_name="Kepala DPU"),
        "notulis": make_staff(dpu, full_name="Notulis DPU"),
    }
    meeting = schedule(people["notulis"], dpu, people)
    item = minutes_services.add_agenda_item(actor=people["notulis"], meeting=meeting, title="X")
    with pytest.raises(MinutesError) as refused:
        link_decision(actor=people["notulis"], item=item, code=proposal.case.tracking_code)
    assert refused.value.status == 403
    assert "Sekretariat DPRD" in refused.value.message
    assert not DecisionLink.objects.exists()


def test_non_managers_and_locked_minutes_are_refused(cast, hearing, proposal):
    meeting, item = hearing
    outsider = make_staff(OrgUnit.objects.get(code="DPU"), full_name="Staf DPU")
    # Staff who do not run this meeting have no say over its minutes.
    with pytest.raises(MinutesError) as refused:
        link_decision(actor=outsider, item=item, code=proposal.case.tracking_code)
    assert refused.value.status == 403
    link = link_decision(actor=cast["notulis"], item=item, code=proposal.case.tracking_code)
    publish(meeting, cast)
    with pytest.raises(MinutesError, match="tidak dapat diubah"):
        unlink_decision(actor=cast["notulis"], link=link)
    with pytest.raises(MinutesError, match="tidak dapat diubah"):
        link_decision(actor=cast["notulis"], item=item, code=file().case.tracking_code)
    assert DecisionLink.objects.count() == 1


def test_staff_pages_link_unlink_and_keep_bad_input(client, cast, hearing, proposal):
    meeting, item = hearing
    client.force_login(cast["notulis"])
    editor = reverse("minutes:agenda_edit", args=[meeting.pk, item.pk])
    add = reverse("minutes:decision_link", args=[meeting.pk, item.pk])
    response = client.post(add, {"code": "POK-SALAH-99"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="POK-SALAH-99"' in body and "tidak ditemukan" in body
    assert client.post(add, {"code": proposal.case.tracking_code}).status_code == 302
    link = DecisionLink.objects.get()
    assert proposal.case.tracking_code in client.get(editor).content.decode()
    remove = reverse("minutes:decision_unlink", args=[meeting.pk, item.pk, link.pk])
    assert client.post(remove).status_code == 302
    assert not DecisionLink.objects.exists()
    assert client.post(remove).status_code == 404


def test_staff_of_another_unit_get_404(client, cast, hearing, proposal):
    meeting, item = hearing
    client.force_login(make_staff(OrgUnit.objects.get(code="DPU")))
    add = reverse("minutes:decision_link", args=[meeting.pk, item.pk])
    assert client.post(add, {"code": proposal.case.tracking_code}).status_code == 404
    assert not DecisionLink.objects.exists()
