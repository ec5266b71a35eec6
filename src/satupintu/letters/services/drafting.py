"""Outgoing letters before signing: the drafter writes and edits the concept, submits it, and
the reviewers (paraf, verification) approve it in turn or return it."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.letters import hierarchy, notify
from satupintu.letters.errors import LetterError, refusals_audited
from satupintu.letters.models import (
    ClassificationCode,
    Letter,
    LetterFile,
    LetterRecipient,
    LetterType,
    Review,
)
from satupintu.letters.search_text import refresh_search_text
from satupintu.letters.services.files import queue_extraction, save_files
from satupintu.org.models import OrgUnit
from satupintu.org.permissions import is_superuser, memberships_of, unit_paths, visible_units


def _is_member(user, unit: OrgUnit) -> bool:
    if is_superuser(user):
        return True
    return any(unit.path.startswith(path) for path in unit_paths(user))


def signer_allowed(user, unit: OrgUnit) -> bool:
    """The signer is a kepala of the letter's unit or of a unit above it."""
    return any(
        m.role == hierarchy.HEAD and unit.path.startswith(m.org_unit.path)
        for m in memberships_of(user)
    )


def drafting_units(user):
    return visible_units(user).filter(is_active=True).order_by("path")


def parse_emails(text: str) -> list[str]:
    """One address per line (commas and semicolons also separate); refuses invalid ones."""
    found = []
    for item in re.split(r"[\n,;]+", text or ""):
        item = item.strip()
        if not item:
            continue
        try:
            validate_email(item)
        except ValidationError:
            raise LetterError(
                _("Alamat e-mail tidak valid: %(email)s") % {"email": item}, code="bad_email"
            ) from None
        if item.lower() not in {f.lower() for f in found}:
            found.append(item)
    return found


def _check_outgoing(actor, unit, signer, reviewers):
    if not _is_member(actor, unit):
        raise LetterError(
            _("Anda bukan pegawai unit %(unit)s.") % {"unit": unit}, code="not_member", obj=unit
        )
    if signer is None or not signer_allowed(signer, unit):
        raise LetterError(
            _("Penandatangan harus kepala unit %(unit)s atau unit di atasnya.") % {"unit": unit},
            code="bad_signer",
            obj=unit,
        )
    seen = set()
    for reviewer, _kind in reviewers:
        if reviewer.pk == signer.pk:
            raise LetterError(
                _("Penandatangan tidak perlu menjadi pemaraf."), code="bad_reviewer", obj=unit
            )
        if reviewer.pk in seen:
            raise LetterError(
                _("%(name)s tercantum lebih dari sekali sebagai pemaraf.") % {"name": reviewer},
                code="bad_reviewer",
                obj=unit,
            )
        seen.add(reviewer.pk)


def _set_routing(letter, reviewers, recipient_units, copy_units):
    current = [(r.reviewer_id, r.kind) for r in letter.reviews.order_by("order")]
    if current != [(reviewer.pk, kind) for reviewer, kind in reviewers]:
        # A changed route starts afresh; an unchanged one keeps its notes.
        letter.reviews.all().delete()
        for order, (reviewer, kind) in enumerate(reviewers, 1):
            Review.objects.create(letter=letter, order=order, reviewer=reviewer, kind=kind)
    letter.recipients.all().delete()
    seen = set()
    for units, is_copy in ((recipient_units, False), (copy_units, True)):
        for unit in units:
            if unit.pk in seen or unit.pk == letter.org_unit_id:
                continue
            seen.add(unit.pk)
            LetterRecipient.objects.create(letter=letter, org_unit=unit, is_copy=is_copy)


@refusals_audited("letters.draft")
@transaction.atomic
def create_outgoing(
    *,
    actor,
    unit: OrgUnit,
    subject: str,
    classification: ClassificationCode,
    body: str,
    signer,
    sifat: str = Letter.Sifat.ORDINARY,
    reviewers=(),
    recipient_units=(),
    copy_units=(),
    external_recipients: str = "",
    external_copies: str = "",
    external_emails: str = "",
    letter_type: str = LetterType.OFFICIAL,
    attachments=(),
) -> Letter:
    reviewers = list(_pairs(reviewers))
    _check_outgoing(actor, unit, signer, reviewers)
    if letter_type not in LetterType.values:
        raise LetterError(_("Jenis naskah tidak dikenal."), code="bad_type", obj=unit)
    emails = parse_emails(external_emails)
    letter = Letter.objects.create(
        direction=Letter.Direction.OUTGOING,
        status=Letter.Status.DRAFT,
        org_unit=unit,
        letter_type=letter_type,
        subject=subject,
        sifat=sifat,
        classification=classification,
        body=body,
        signer=signer,
        drafted_by=actor,
        external_recipients=external_recipients,
        external_copies=external_copies,
        external_emails="\n".join(emails),
        sender_unit=unit,
        sender_name=str(unit),
    )
    _set_routing(letter, reviewers, recipient_units, copy_units)
    save_files(letter, attachments, LetterFile.Kind.ATTACHMENT, actor)
    refresh_search_text(letter)
    queue_extraction(letter)
    audit.record("letters.draft_created", actor=actor, obj=letter, data={"unit": unit.code})
    return letter


def _pairs(reviewers):
    for item in reviewers:
        if isinstance(item, tuple):
            yield item
        else:
            yield item, Review.Kind.INITIAL


def _lock_letter(letter: Letter) -> Letter:
    return (
        Letter.objects.select_for_update()
        .select_related("org_unit", "classification")
        .get(pk=letter.pk)
    )


def _refuse_if_final(letter: Letter):
    if letter.is_locked:
        raise LetterError(
            _("Surat yang sudah ditandatangani tidak dapat diubah."),
            code="signed_is_final",
            obj=letter,
        )


# What the drafter may change in a draft (the edit form offers exactly these).
UPDATABLE_FIELDS = (
    "subject",
    "body",
    "sifat",
    "classification",
    "signer",
    "letter_type",
    "external_recipients",
    "external_copies",
    "external_emails",
)


@refusals_audited("letters.update")
@transaction.atomic
def update_outgoing(
    *,
    actor,
    letter: Letter,
    changes: dict,
    reviewers=None,
    recipient_units=None,
    copy_units=None,
    attachments=(),
) -> Letter:
    """The drafter edits a draft (also one returned by a reviewer). Signed letters are final:
    the refusal is audited."""
    locked = _lock_letter(letter)
    _refuse_if_final(locked)
    if locked.direction != Letter.Direction.OUTGOING or locked.status != Letter.Status.DRAFT:
        raise LetterError(
            _(
                "Surat ini sedang dalam proses paraf/tanda tangan dan tidak dapat diubah. "
                "Minta pemaraf mengembalikannya bila perlu perbaikan."
            )
            if locked.direction == Letter.Direction.OUTGOING
            else _("Hanya konsep surat keluar yang dapat diubah."),
            code="not_draft",
            obj=locked,
        )
    if locked.drafted_by_id != actor.pk:
        raise LetterError(
            _("Hanya pembuat konsep yang dapat mengubahnya."), code="not_drafter", obj=locked
        )
    for name, value in changes.items():
        if name not in UPDATABLE_FIELDS:
            raise ValueError(f"field {name} cannot be changed here")
        if name == "external_emails":
            value = "\n".join(parse_emails(value))
        if name == "letter_type" and value not in LetterType.values:
            raise LetterError(_("Jenis naskah tidak dikenal."), code="bad_type", obj=locked)
        setattr(locked, name, value)
    review_pairs = (
        list(_pairs(reviewers))
        if reviewers is not None
        else [(r.reviewer, r.kind) for r in locked.reviews.all()]
    )
    _check_outgoing(actor, locked.org_unit, locked.signer, review_pairs)
    locked.save()
    if reviewers is not None or recipient_units is not None or copy_units is not None:
        current = list(locked.recipients.all())
        _set_routing(
            locked,
            review_pairs,
            recipient_units
            if recipient_units is not None
            else [r.org_unit for r in current if not r.is_copy],
            copy_units if copy_units is not None else [r.org_unit for r in current if r.is_copy],
        )
    saved = save_files(locked, attachments, LetterFile.Kind.ATTACHMENT, actor)
    refresh_search_text(locked)
    queue_extraction(locked)
    audit.record(
        "letters.draft_updated",
        actor=actor,
        obj=locked,
        data={"fields": sorted(changes), "files": [f.pk for f in saved]},
    )
    return locked


@refusals_audited("letters.submit")
@transaction.atomic
def submit_outgoing(*, actor, letter: Letter) -> Letter:
    locked = _lock_letter(letter)
    _refuse_if_final(locked)
    if locked.status != Letter.Status.DRAFT or locked.drafted_by_id != actor.pk:
        raise LetterError(
            _("Hanya pembuat yang dapat mengajukan konsep ini."), code="not_drafter", obj=locked
        )
    has_reviews = locked.reviews.exists()
    locked.reviews.update(decision=Review.Decision.PENDING, decided_at=None)
    locked.status = Letter.Status.REVIEW if has_reviews else Letter.Status.TO_SIGN
    locked.save(update_fields=["status", "updated_at"])
    audit.record("letters.submitted", actor=actor, obj=locked, data={"status": locked.status})
    transaction.on_commit(lambda: notify.outgoing_turn(locked.pk), robust=True)
    return locked


@refusals_audited("letters.review")
@transaction.atomic
def review_outgoing(*, actor, letter: Letter, approve: bool, note: str = "") -> Letter:
    locked = _lock_letter(letter)
    _refuse_if_final(locked)
    current = locked.reviews.filter(decision=Review.Decision.PENDING).order_by("order").first()
    if locked.status != Letter.Status.REVIEW or current is None or current.reviewer_id != actor.pk:
        raise LetterError(
            _("Belum giliran Anda memaraf atau memverifikasi surat ini."),
            code="not_your_turn",
            obj=locked,
        )
    if not approve and not note.strip():
        raise LetterError(_("Tulis alasan pengembalian konsep."), code="empty_note", obj=locked)
    current.decision = Review.Decision.APPROVED if approve else Review.Decision.RETURNED
    current.note = note.strip()
    current.decided_at = timezone.now()
    current.save(update_fields=["decision", "note", "decided_at"])
    fields = ["status", "updated_at"]
    if not approve:
        locked.status = Letter.Status.DRAFT
        locked.returned_note = current.note
        locked.returned_by = actor
        locked.returned_at = current.decided_at
        fields += ["returned_note", "returned_by", "returned_at"]
    elif not locked.reviews.filter(decision=Review.Decision.PENDING).exists():
        locked.status = Letter.Status.TO_SIGN
    locked.save(update_fields=fields)
    audit.record(
        "letters.reviewed",
        actor=actor,
        obj=locked,
        data={"step": current.order, "decision": current.decision},
    )
    if approve:
        transaction.on_commit(lambda: notify.outgoing_turn(locked.pk), robust=True)
    else:
        transaction.on_commit(lambda: notify.outgoing_returned(locked.pk), robust=True)
    return locked
