import pytest
from django.utils import timezone

from satupintu.core.models import AuditEvent
from satupintu.letters import selectors, services
from satupintu.letters.models import ClassificationCode, Letter, Review, UnitLetterSettings


def draft(org, *, reviewers=None, recipients=None, copies=None, **kw):
    return services.create_outgoing(
        actor=kw.pop("actor", org.staff_bm),
        unit=kw.pop("unit", org.dpu_bm),
        subject=kw.pop("subject", "Permohonan data jalan rusak"),
        classification=ClassificationCode.objects.get(code="000.8.3.4"),
        body="Dengan hormat, ...",
        signer=kw.pop("signer", org.kadis_dpu),
        reviewers=[org.kabid_bm] if reviewers is None else reviewers,
        recipient_units=[org.dinkes] if recipients is None else recipients,
        copy_units=[org.setda] if copies is None else copies,
        external_recipients="Kepala Balai Jalan Nasional",
        **kw,
    )


def to_sign(org, **kw):
    letter = draft(org, **kw)
    services.submit_outgoing(actor=org.staff_bm, letter=letter)
    services.review_outgoing(actor=org.kabid_bm, letter=letter, approve=True)
    letter.refresh_from_db()
    return letter


def test_draft_paraf_sign_number_dispatch(org, code):
    UnitLetterSettings.objects.create(org_unit=org.dpu_bm, number_code="BM")
    letter = draft(org)
    assert letter.status == Letter.Status.DRAFT and letter.letter_number == ""
    services.submit_outgoing(actor=org.staff_bm, letter=letter)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REVIEW
    assert list(selectors.pending_reviews(org.kabid_bm)) == [letter.reviews.get()]
    assert selectors.counters(org.kabid_bm).to_verify == 1
    with pytest.raises(services.LetterError):
        services.sign_outgoing(actor=org.kadis_dpu, letter=letter)  # paraf first
    services.review_outgoing(actor=org.kabid_bm, letter=letter, approve=True)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.TO_SIGN
    assert selectors.counters(org.kadis_dpu).to_sign == 1

    signed = services.sign_outgoing(actor=org.kadis_dpu, letter=letter)
    year = timezone.localdate().year
    assert signed.letter_number == f"000.8.3.4/1/BM/{year}"
    assert signed.status == Letter.Status.SIGNED and signed.signed_at

    sent = services.dispatch_outgoing(actor=org.staff_bm, letter=signed)
    assert sent.status == Letter.Status.SENT
    delivered = Letter.objects.filter(source_letter=sent).order_by("is_copy")
    assert [(d.org_unit, d.is_copy, d.agenda_number) for d in delivered] == [
        (org.dinkes, False, 1),
        (org.setda, True, 1),
    ]
    assert delivered[0].external_number == signed.letter_number
    assert delivered[0].direction == Letter.Direction.INCOMING
    assert delivered[0] in selectors.inbox(org.kadis_dinkes)
    assert selectors.counters(org.sekda).copies == 1


def test_numbers_are_consecutive_per_unit_and_only_at_signing(org, code):
    a = to_sign(org, subject="A")
    b = to_sign(org, subject="B")
    # b is signed first: it takes number 1, whatever the order of drafting.
    assert services.sign_outgoing(actor=org.kadis_dpu, letter=b).sequence_number == 1
    assert services.sign_outgoing(actor=org.kadis_dpu, letter=a).sequence_number == 2


def test_returned_draft_goes_back_to_drafter(org, code):
    letter = draft(org, reviewers=[(org.kabid_bm, Review.Kind.VERIFY)])
    services.submit_outgoing(actor=org.staff_bm, letter=letter)
    with pytest.raises(services.LetterError):
        services.review_outgoing(actor=org.kabid_bm, letter=letter, approve=False)  # no reason
    services.review_outgoing(actor=org.kabid_bm, letter=letter, approve=False, note="Perbaiki")
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DRAFT
    services.update_outgoing(actor=org.staff_bm, letter=letter, changes={"body": "Baru"})


def test_reviewers_go_in_order(org, code):
    letter = draft(org, reviewers=[org.kabid_bm, org.tu_dpu])
    services.submit_outgoing(actor=org.staff_bm, letter=letter)
    with pytest.raises(services.LetterError):
        services.review_outgoing(actor=org.tu_dpu, letter=letter, approve=True)
    services.review_outgoing(actor=org.kabid_bm, letter=letter, approve=True)
    services.review_outgoing(actor=org.tu_dpu, letter=letter, approve=True)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.TO_SIGN


def test_changes_after_signing_are_refused_and_audited(org, code):
    letter = services.sign_outgoing(actor=org.kadis_dpu, letter=to_sign(org))
    with pytest.raises(services.LetterError) as refused:
        services.update_outgoing(actor=org.staff_bm, letter=letter, changes={"body": "Ubah"})
    assert "sudah ditandatangani tidak dapat diubah" in refused.value.message
    with pytest.raises(services.LetterError):
        services.sign_outgoing(actor=org.kadis_dpu, letter=letter)  # no second number
    letter.refresh_from_db()
    assert letter.body == "Dengan hormat, ..." and letter.sequence_number == 1
    assert (
        AuditEvent.objects.filter(action="letters.refused", data__reason="signed_is_final").count()
        == 2
    )


def test_unsigned_letters_cannot_be_sent(org, code):
    letter = to_sign(org)
    with pytest.raises(services.LetterError) as refused:
        services.dispatch_outgoing(actor=org.staff_bm, letter=letter)
    assert "belum ditandatangani" in refused.value.message
    assert not Letter.objects.filter(source_letter=letter).exists()
    assert AuditEvent.objects.filter(action="letters.refused", data__reason="unsigned").exists()


def test_only_the_named_signer_signs(org, code):
    letter = to_sign(org)
    with pytest.raises(services.LetterError):
        services.sign_outgoing(actor=org.kabid_bm, letter=letter)


def test_signer_must_head_the_unit_or_above(org, code):
    with pytest.raises(services.LetterError):
        draft(org, signer=org.kadis_dinkes)
    with pytest.raises(services.LetterError):
        draft(org, signer=org.tu_dpu)


def test_number_template_validation():
    from django.core.exceptions import ValidationError

    services.validate_number_template("{klasifikasi}/{urut}/{unit}/{tahun}")
    with pytest.raises(ValidationError):
        services.validate_number_template("{klasifikasi}/{unit}")
    with pytest.raises(ValidationError):
        services.validate_number_template("{urut}/{rahasia}")


def test_roman_month_template(org, code):
    UnitLetterSettings.objects.create(
        org_unit=org.dpu_bm,
        number_code="BM",
        number_template="{urut}/{unit}/{bulan_romawi}/{tahun}",
    )
    signed = services.sign_outgoing(actor=org.kadis_dpu, letter=to_sign(org))
    today = timezone.localdate()
    assert signed.letter_number.startswith("1/BM/")
    assert signed.letter_number.endswith(f"/{today.year}")
