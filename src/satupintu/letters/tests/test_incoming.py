from datetime import date

import pytest

from satupintu.core.models import AuditEvent
from satupintu.letters import services
from satupintu.letters.models import Letter, LetterFile, LetterSequence
from satupintu.letters.tests.conftest import pdf_upload, png_upload, register


def test_registration_gives_consecutive_agenda_numbers_per_unit(org, code):
    first = register(org.tu_setda, org.setda, number="1/A", scans=[pdf_upload()])
    second = register(org.tu_setda, org.setda, number="2/A", attachments=[png_upload()])
    other_unit = register(org.tu_dpu, org.dpu, number="1/A")
    assert (first.agenda_number, second.agenda_number) == (1, 2)
    assert other_unit.agenda_number == 1
    assert first.status == Letter.Status.REGISTERED
    assert first.files.get().kind == LetterFile.Kind.SCAN
    assert second.files.get().kind == LetterFile.Kind.ATTACHMENT
    seq = LetterSequence.objects.get(org_unit=org.setda, kind=LetterSequence.Kind.INCOMING)
    assert seq.last_number == 2
    event = AuditEvent.objects.filter(action="letters.registered").order_by("seq").last()
    assert event.object_id == str(other_unit.pk)


def test_only_the_units_tu_officers_register(org, code):
    with pytest.raises(services.LetterError):
        register(org.tu_dinkes, org.setda)
    with pytest.raises(services.LetterError):
        register(org.kadis_dpu, org.dpu)  # a head is not the agenda officer
    assert (
        AuditEvent.objects.filter(action="letters.refused", data__reason="not_registrar").count()
        == 2
    )


def test_duplicate_external_letter_is_flagged_until_confirmed(org, code):
    original = register(org.tu_setda, org.setda, number="005/77/UND")
    with pytest.raises(services.DuplicateLetter) as refused:
        register(
            org.tu_setda,
            org.setda,
            number="005/77/und ",  # same number, different spacing/case
            sender_name="pemerintah  provinsi kalimantan timur",
        )
    assert refused.value.duplicates == [original]
    assert "sudah diagendakan" in refused.value.message
    assert Letter.objects.count() == 1
    # The refusal is audited and no agenda number was used up.
    assert AuditEvent.objects.filter(action="letters.refused", data__reason="duplicate").exists()
    again = register(org.tu_setda, org.setda, number="005/77/UND", confirm_duplicate=True)
    assert again.agenda_number == 2
    event = AuditEvent.objects.filter(action="letters.registered").order_by("seq").last()
    assert event.data["confirmed_duplicate_of"] == [original.pk]


def test_same_letter_in_another_unit_or_date_is_not_a_duplicate(org, code):
    register(org.tu_setda, org.setda, number="9/X")
    register(org.tu_dpu, org.dpu, number="9/X")
    register(org.tu_setda, org.setda, number="9/X", external_date=date(2026, 2, 1))
    assert Letter.objects.count() == 3


def test_read_receipt_is_recorded_once(org, code):
    letter = register(org.tu_setda, org.setda)
    assert services.mark_read(actor=org.sekda, letter=letter) is True
    assert services.mark_read(actor=org.sekda, letter=letter) is False
    assert AuditEvent.objects.filter(action="letters.read").count() == 1
