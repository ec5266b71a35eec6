"""Audit labels carry ids and codes only: the auditor reads the trail without reading secrets.

A Rahasia letter is 404 to the auditor, so its subject must not reach them through the trail;
a person's name and contact details and a complaint's title never enter the (unerasable) chain.
"""

import pytest

from satupintu.cases import services
from satupintu.cases.tests.helpers import coordinator, file_case, make_category
from satupintu.complaints.forms import Identity
from satupintu.core import audit
from satupintu.core.models import AuditEvent
from satupintu.letters import services as letter_services
from satupintu.letters.models import ClassificationCode, Letter, LetterFile
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import UserFactory, make_staff

SECRET_SUBJECT = "Rencana mutasi Kepala Bidang Bina Marga"
COMPLAINT_TITLE = "Pungli di loket Dinas PU oleh petugas Andi"


@pytest.fixture
def auditor(reference_data):
    return make_staff(OrgUnit.objects.get(code="INSPEKTORAT"), Membership.Role.AUDITOR)


@pytest.fixture
def secret_draft(opd_a):
    head = make_staff(opd_a, Membership.Role.HEAD)
    clerk = make_staff(opd_a)
    return letter_services.create_outgoing(
        actor=clerk,
        unit=opd_a,
        subject=SECRET_SUBJECT,
        classification=ClassificationCode.objects.order_by("code").first(),
        body="Dengan hormat, ...",
        signer=head,
        sifat=Letter.Sifat.SECRET,
    )


@pytest.fixture
def person(db):
    return UserFactory(
        full_name="Siti Rahmawati", email="siti.rahma@contoh.id", phone="+6281234567890"
    )


@pytest.fixture
def complaint(reference_data, person):
    case, _secret = file_case(
        make_category(),
        title=COMPLAINT_TITLE,
        identity=Identity.CONFIDENTIAL,
        reporter_name=person.full_name,
        reporter_email=person.email,
        reporter_phone=person.phone,
        user=person,
    )
    services.perform(case, "verify", actor=coordinator(), role="coordinator")
    return case


def _auditor_sees(client, auditor) -> str:
    client.force_login(auditor)
    page = client.get("/kantor/audit/")
    api = client.get("/api/v1/kantor/audit/")
    assert page.status_code == 200
    assert api.status_code == 200
    return page.content.decode() + api.content.decode()


def test_a_secret_drafts_subject_stays_out_of_the_trail(client, auditor, secret_draft):
    event = AuditEvent.objects.get(action="letters.draft_created")

    assert event.object_type == "letters.letter"
    assert event.object_id == str(secret_draft.pk)
    assert event.object_label == f"#{secret_draft.pk}"  # unnumbered draft: its id
    client.force_login(auditor)
    assert client.get(f"/kantor/surat/{secret_draft.pk}/").status_code == 404
    seen = _auditor_sees(client, auditor)
    assert "letters.draft_created" in seen
    assert "Rencana mutasi" not in seen
    assert SECRET_SUBJECT not in seen


def test_a_numbered_letter_is_labelled_with_its_number(secret_draft):
    Letter.objects.filter(pk=secret_draft.pk).update(letter_number="R/800/7/DPU/2026")
    secret_draft.refresh_from_db()

    assert audit.object_label_for(secret_draft) == "R/800/7/DPU/2026"


def test_a_complaint_is_labelled_with_its_tracking_code(client, auditor, complaint, person):
    events = AuditEvent.objects.filter(object_type="cases.case", object_id=str(complaint.pk))

    assert events.exists()
    assert {event.object_label for event in events} == {complaint.tracking_code}
    seen = _auditor_sees(client, auditor)
    assert complaint.tracking_code in seen
    assert "Pungli" not in seen
    assert "Siti" not in seen
    assert "siti.rahma" not in seen


def test_a_person_is_labelled_by_id_only(client, auditor, person):
    event = audit.record("accounts.profile_updated", actor=person, obj=person)

    assert event.actor_label == f"#{person.pk}"
    assert event.object_label == f"#{person.pk}"
    seen = _auditor_sees(client, auditor)
    assert f"#{person.pk}" in seen
    for secret in ("Siti", "Rahmawati", "siti.rahma", "s***@contoh.id", "+62812", "7890"):
        assert secret not in seen


def test_labels_never_use_free_text_for_unlisted_models(secret_draft):
    # A file, a meeting, a profile: anything without a listed code is labelled by its id.
    scan = LetterFile(pk=41, letter=secret_draft, original_name="KTP Siti Rahmawati.pdf")

    assert audit.object_label_for(scan) == "#41"


def _legacy_event(*, obj_type, obj_id, label, actor_label="#9 b***@contoh.id"):
    """A row written before this change: plain SHA-256, free-text labels."""
    last = AuditEvent.objects.order_by("-seq").first()
    event = AuditEvent(
        seq=(last.seq + 1) if last else 1,
        created_at=last.created_at if last else None,
        actor_id=9,
        actor_label=actor_label,
        action="letters.draft_created",
        object_type=obj_type,
        object_id=obj_id,
        object_label=label,
        data={},
        prev_hash=last.hash if last else audit.GENESIS_HASH,
        hash_version=audit.HASH_SHA256,
    )
    return event


def test_labels_recorded_before_the_change_are_hidden_from_the_auditor(
    client, auditor, secret_draft
):
    AuditEvent.objects.all().delete()
    from django.utils import timezone

    event = _legacy_event(
        obj_type="letters.letter", obj_id=str(secret_draft.pk), label=SECRET_SUBJECT
    )
    event.created_at = timezone.now()
    event.hash = audit.compute_hash(event)
    event.save(force_insert=True)
    gone = _legacy_event(obj_type="letters.letter", obj_id="999999", label="Surat lama rahasia")
    gone.created_at = timezone.now()
    gone.hash = audit.compute_hash(gone)
    gone.save(force_insert=True)

    seen = _auditor_sees(client, auditor)
    admin_list = client.get("/admin/core/auditevent/")
    admin_row = client.get(f"/admin/core/auditevent/{event.pk}/change/")
    searched = client.get("/admin/core/auditevent/", {"q": "mutasi"})
    assert admin_list.status_code == admin_row.status_code == searched.status_code == 200
    seen += admin_list.content.decode() + admin_row.content.decode()

    assert "0 jejak audit" in searched.content.decode() or not searched.context["cl"].result_count
    assert SECRET_SUBJECT not in seen
    assert "Surat lama rahasia" not in seen
    assert "b***@contoh.id" not in seen
    assert f"#{secret_draft.pk}" in seen  # type + id (the live object's code: none yet)
    assert "#999999" in seen
