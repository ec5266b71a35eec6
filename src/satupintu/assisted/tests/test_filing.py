"""Counter-assisted filing: an officer files an application for a citizen."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from satupintu.accounts.models import CitizenProfile, User
from satupintu.applications.models import Application
from satupintu.applications.tests.conftest import VALID_NIK
from satupintu.assisted import consent
from satupintu.assisted.models import AssistedFiling
from satupintu.assisted.tests.conftest import (
    NEW_NIK,
    fill_and_submit,
    look_up,
    start_data,
)
from satupintu.cases import codes
from satupintu.cases.models import Case
from satupintu.core.models import AuditEvent
from satupintu.notifications.models import OutboxMessage
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def start(client, service, **extra):
    assert look_up(client, extra.pop("nik", NEW_NIK)).status_code == 302
    return client.post(reverse("assisted:start"), start_data(service, **extra))


def test_officer_files_for_a_new_citizen(
    client, officer, kelurahan, service, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    response = start(client, service)
    filing = AssistedFiling.objects.get()
    assert response["Location"] == reverse("assisted:step", args=[filing.pk, 1])

    response = fill_and_submit(client, filing, django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("assisted:detail", args=[filing.pk])

    filing.refresh_from_db()
    citizen = User.objects.get(full_name="Sumiati")
    application = Application.objects.get()
    case = application.case
    # The application is the citizen's; the officer filed it at their counter.
    assert case.submitter == citizen and filing.citizen == citizen and filing.citizen_created
    assert not citizen.has_usable_password()
    assert CitizenProfile.objects.get(user=citizen).nik == NEW_NIK
    assert case.channel == Case.Channel.WALK_IN
    assert case.reporter_phone == "+6281234567001"
    assert filing.application == application
    assert filing.officer == officer and filing.submitted_by == officer
    assert filing.counter_unit == kelurahan
    # Consent: the text's version and the time, recorded with the filing.
    assert filing.identity_checked
    assert filing.consent_version == consent.CURRENT
    assert filing.consent_given_at is not None and filing.consent_given_at <= filing.submitted_at
    # History: the officer is the actor of the submission, the note says who filed.
    submit = case.events.get(action="submit")
    assert submit.actor == officer
    assert submit.note == f"Diajukan oleh petugas loket {kelurahan.name}."
    audit = AuditEvent.objects.filter(action__startswith="assisted.").order_by("seq")
    assert [e.action for e in audit] == [
        "assisted.citizen_looked_up",
        "assisted.filing_started",
        "assisted.filing_submitted",
    ]
    assert {e.actor_id for e in audit} == {officer.pk}
    assert all("Sumiati" not in e.object_label and NEW_NIK not in str(e.data) for e in audit)
    # One confirmation, by SMS, with the tracking code and the private link.
    messages = OutboxMessage.objects.filter(reference=case.tracking_code)
    assert messages.count() == 1
    message = messages.get()
    assert message.channel == "sms" and message.recipient == "+6281234567001"
    assert case.tracking_code in message.body
    assert kelurahan.name in message.body
    link = re.search(
        rf"{re.escape(settings.PUBLIC_BASE_URL)}/lacak/{case.tracking_code}/([^/\s]+)/",
        message.body,
    )
    assert link and codes.secret_matches(link.group(1), case.secret_hash)
    # The slip the officer hands over.
    page = client.get(response["Location"]).content.decode()
    assert case.tracking_code in page and "+62812*****001" in page


def test_history_shows_who_filed(
    client, officer, kelurahan, service, staff_a, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    start(client, service)
    fill_and_submit(client, AssistedFiling.objects.get(), django_capture_on_commit_callbacks)
    code = Case.objects.get().tracking_code
    text = f"Diajukan oleh petugas loket {kelurahan.name}"
    public = client.get(reverse("cases:track", args=[code])).content.decode()
    assert text in public
    client.force_login(staff_a)
    staff = client.get(reverse("applications:staff_detail", args=[code])).content.decode()
    assert text in staff and officer.full_name in staff


def test_existing_citizen_is_found_and_gets_the_link_by_email(
    client, officer, service, django_capture_on_commit_callbacks
):
    citizen = UserFactory(full_name="Warga Lama")
    CitizenProfile.objects.create(user=citizen, nik=VALID_NIK, nik_index=_index(VALID_NIK))
    client.force_login(officer)
    assert look_up(client, VALID_NIK).status_code == 302
    page = client.get(reverse("assisted:start")).content.decode()
    assert "Warga Lama" in page and "6471********0001" in page
    assert 'name="full_name"' not in page
    response = client.post(reverse("assisted:start"), start_data(service, full_name=None, phone=""))
    assert response.status_code == 302
    filing = AssistedFiling.objects.get()
    assert filing.citizen == citizen and not filing.citizen_created
    assert filing.contact_email == citizen.email
    fill_and_submit(client, filing, django_capture_on_commit_callbacks)
    message = OutboxMessage.objects.get()
    assert message.channel == "email" and message.recipient == citizen.email
    assert User.objects.filter(profile__nik_index=_index(VALID_NIK)).count() == 1


def _index(nik):
    from satupintu.accounts.nik import nik_index

    return nik_index(nik)


def test_double_submit_files_once(client, officer, service, django_capture_on_commit_callbacks):
    client.force_login(officer)
    start(client, service)
    filing = AssistedFiling.objects.get()
    fill_and_submit(client, filing, django_capture_on_commit_callbacks)
    again = client.post(
        reverse("assisted:step", args=[filing.pk, 4]), {"declaration": "on", "submit": "1"}
    )
    assert again.status_code == 302
    assert Application.objects.count() == 1 and OutboxMessage.objects.count() == 1


# --- Bad input ---------------------------------------------------------------------------------


def test_no_consent_is_refused_and_the_form_is_kept(client, officer, service):
    client.force_login(officer)
    look_up(client)
    response = client.post(reverse("assisted:start"), start_data(service, consent=None))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Bacakan teks persetujuan" in body
    assert 'value="Sumiati"' in body and 'value="0812 3456 7001"' in body
    assert not AssistedFiling.objects.exists()
    assert not User.objects.filter(full_name="Sumiati").exists()


def test_invalid_nik_is_refused(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("assisted:lookup"), {"nik": "1234567890123456", "identity_checked": "on"}
    )
    assert response.status_code == 400
    assert "NIK tidak valid" in response.content.decode()
    assert 'value="1234567890123456"' in response.content.decode()
    assert not AuditEvent.objects.filter(action="assisted.citizen_looked_up").exists()
    # Without a lookup, the next page sends the officer back.
    assert client.get(reverse("assisted:start"))["Location"] == reverse("assisted:lookup")


def test_identity_must_be_checked(client, officer):
    client.force_login(officer)
    response = client.post(reverse("assisted:lookup"), {"nik": NEW_NIK})
    assert response.status_code == 400
    assert "KTP-el atau KK asli" in response.content.decode()


def test_a_new_citizen_needs_a_contact(client, officer, service):
    client.force_login(officer)
    look_up(client)
    response = client.post(reverse("assisted:start"), start_data(service, phone=""))
    assert response.status_code == 400
    assert "Isi nomor HP atau e-mail warga" in response.content.decode()
    assert not AssistedFiling.objects.exists()


def test_a_contact_of_another_account_is_refused_with_the_form_kept(client, officer, service):
    UserFactory(email="dipakai@contoh.id")
    client.force_login(officer)
    look_up(client)
    response = client.post(
        reverse("assisted:start"), start_data(service, email="dipakai@contoh.id")
    )
    assert response.status_code == 400
    assert "sudah dipakai akun lain" in response.content.decode()
    assert not AssistedFiling.objects.exists() and not User.objects.filter(full_name="Sumiati")


def test_missing_documents_block_the_submission(client, officer, service):
    client.force_login(officer)
    start(client, service)
    filing = AssistedFiling.objects.get()
    from satupintu.applications.tests.conftest import STEP_ONE, STEP_TWO

    client.post(reverse("assisted:step", args=[filing.pk, 1]), STEP_ONE)
    client.post(reverse("assisted:step", args=[filing.pk, 2]), STEP_TWO)
    # Jumping to the review before the documents step is sent back there.
    review = reverse("assisted:step", args=[filing.pk, 4])
    assert client.get(review)["Location"] == reverse("assisted:step", args=[filing.pk, 3])
    response = client.post(reverse("assisted:step", args=[filing.pk, 3]), {"next": "1"})
    assert response["Location"] == reverse("assisted:step", args=[filing.pk, 3])
    assert not Application.objects.exists()


def test_lookups_are_throttled(client, officer, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "assisted_lookup": "2/h/user"}
    client.force_login(officer)
    assert look_up(client).status_code == 302
    assert look_up(client).status_code == 302
    response = look_up(client)
    assert response.status_code == 429
    assert "Terlalu banyak" in response.content.decode()
    assert AuditEvent.objects.filter(action="assisted.citizen_looked_up").count() == 2


def test_a_draft_the_citizen_sent_from_home_is_not_filled_again(client, officer, service):
    from satupintu.applications.services import citizen as citizen_services
    from satupintu.applications.tests.conftest import STEP_ONE, STEP_TWO
    from satupintu.assisted.tests.conftest import documents

    client.force_login(officer)
    start(client, service)
    filing = AssistedFiling.objects.get()
    draft, citizen = filing.draft, filing.citizen
    for index, answers in enumerate([STEP_ONE, STEP_TWO]):
        citizen_services.save_step(draft, index, answers, actor=citizen)
    files = {name.removeprefix("doc-"): f for name, f in documents().items()}
    citizen_services.upload_documents(draft, files, actor=citizen)
    citizen_services.submit_draft(draft, actor=citizen)
    step = client.get(reverse("assisted:step", args=[filing.pk, 1]))
    assert step["Location"] == reverse("assisted:detail", args=[filing.pk])
    detail = client.get(step["Location"]).content.decode()
    assert "Warga sudah mengirim draf ini sendiri" in detail
