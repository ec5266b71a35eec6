"""Signing an outgoing letter: its number is taken from the unit's sequence at this moment, and
the signed PDF is made through the documents bridge (`letters/signing.py`)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.letters import signing as letter_pdf
from satupintu.letters.errors import LetterError, refusals_audited
from satupintu.letters.models import Letter, LetterSequence
from satupintu.letters.search_text import build_search_text
from satupintu.letters.services.drafting import _lock_letter, _refuse_if_final
from satupintu.letters.services.files import queue_extraction
from satupintu.letters.services.numbering import format_number, next_number


@refusals_audited("letters.sign")
@transaction.atomic
def sign_outgoing(*, actor, letter: Letter) -> Letter:
    """The signer signs: the letter number is taken from the unit's sequence now, not before."""
    locked = _lock_letter(letter)
    _refuse_if_final(locked)
    if locked.status != Letter.Status.TO_SIGN:
        raise LetterError(
            _("Surat belum selesai diparaf/diverifikasi."), code="not_ready", obj=locked
        )
    if locked.signer_id != actor.pk:
        raise LetterError(
            _("Hanya penandatangan yang ditunjuk yang dapat menandatangani surat ini."),
            code="not_signer",
            obj=locked,
        )
    now = timezone.now()
    year = timezone.localdate(now).year
    number = next_number(locked.org_unit, year, LetterSequence.Kind.OUTGOING)
    locked.sequence_number = number
    locked.sequence_year = year
    locked.letter_number = format_number(locked, number, timezone.localdate(now))
    locked.signed_at = now
    locked.status = Letter.Status.SIGNED
    locked.search_text = build_search_text(locked)
    locked.save()
    signed = letter_pdf.sign_letter(locked, actor)
    queue_extraction(locked)
    audit.record(
        "letters.signed",
        actor=actor,
        obj=locked,
        data={
            "number": locked.letter_number,
            "sequence": f"{number}/{year}",
            "signed_pdf": signed.pk if signed else None,
        },
    )
    return locked
