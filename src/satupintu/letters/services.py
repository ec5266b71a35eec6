"""Every write to letters: one transaction and one audit event each.

Refusals (duplicate letter, disposition outside the hierarchy, due date in the past, changes
after signing, sending unsigned letters, ...) raise `LetterError` with an Indonesian message;
the failed transaction is rolled back and the refusal itself is audited as
`letters.refused`.
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import wraps

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit, placeholders
from satupintu.letters import hierarchy, notify
from satupintu.letters.models import (
    DEFAULT_NUMBER_TEMPLATE,
    INSTRUCTION_LABELS,
    ClassificationCode,
    Disposition,
    Letter,
    LetterFile,
    LetterRead,
    LetterRecipient,
    LetterSequence,
    LetterTemplate,
    LetterType,
    Review,
    UnitLetterSettings,
)
from satupintu.org.models import Membership, OrgUnit
from satupintu.org.permissions import is_superuser, memberships_of, unit_paths

REGISTRAR_ROLES = (Membership.Role.OPERATOR, Membership.Role.ADMIN)


class LetterError(Exception):
    """A refused action, with a message for the officer."""

    def __init__(self, message: str, *, code: str = "refused", obj=None, data=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.obj = obj
        self.data = data or {}


class DuplicateLetter(LetterError):
    def __init__(self, message, *, duplicates, obj=None):
        super().__init__(
            message, code="duplicate", obj=obj, data={"duplicates": [d.pk for d in duplicates]}
        )
        self.duplicates = duplicates


def refusals_audited(action: str):
    """Audit a refusal after the refused transaction has been rolled back."""

    def decorate(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except LetterError as exc:
                audit.record(
                    "letters.refused",
                    actor=kwargs.get("actor"),
                    obj=exc.obj,
                    data={"action": action, "reason": exc.code, "message": exc.message} | exc.data,
                )
                raise

        return wrapper

    return decorate


# --- Numbering --------------------------------------------------------------------------------


def next_number(unit: OrgUnit, year: int, kind: str) -> int:
    """Take the next number of a unit's sequence. Must run inside the caller's transaction:
    the sequence row stays locked until it commits, so numbers are gapless and unique."""
    assert transaction.get_connection().in_atomic_block, "next_number needs a transaction"
    sequence, _created = LetterSequence.objects.select_for_update().get_or_create(
        org_unit=unit, year=year, kind=kind
    )
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
# Admin-editable texts are filled by core.placeholders over flat dicts of strings.
NUMBER_PLACEHOLDERS = ["klasifikasi", "urut", "unit", "tahun", "bulan_romawi"]
BODY_PLACEHOLDERS = ["perihal", "unit", "kota", "tanggal"]


def validate_number_template(template: str) -> None:
    placeholders.check(template, NUMBER_PLACEHOLDERS, numeric=["urut"], required=["urut"])


def validate_body_template(body: str) -> None:
    placeholders.check(body, BODY_PLACEHOLDERS)


def letter_settings(unit: OrgUnit) -> UnitLetterSettings:
    found = UnitLetterSettings.objects.filter(org_unit=unit).first()
    return found or UnitLetterSettings(org_unit=unit, letterhead_name=unit.name)


def format_number(letter: Letter, number: int, when) -> str:
    settings_row = letter_settings(letter.org_unit)
    template = settings_row.number_template or DEFAULT_NUMBER_TEMPLATE
    values = {
        "klasifikasi": letter.classification.code,
        "urut": number,
        "unit": settings_row.number_code or letter.org_unit.short_name or letter.org_unit.code,
        "tahun": str(when.year),
        "bulan_romawi": ROMAN[when.month - 1],
    }
    return placeholders.fill(template, values)


# --- Kop surat and body templates -------------------------------------------------------------


@dataclass
class Kop:
    """The letterhead of a unit's letters: its OPD's (a bidang writes on its dinas's kop)."""

    government: str
    name: str
    address: str
    contact: str
    unit: OrgUnit


def kop_unit(unit: OrgUnit) -> OrgUnit:
    """The unit whose kop a letter carries: the unit itself if it has its own letter settings
    with a kop name or is an OPD, else the nearest such unit above it."""
    current = unit
    while current is not None:
        own = UnitLetterSettings.objects.filter(org_unit=current).exclude(letterhead_name="")
        if current.is_opd or own.exists() or current.parent_id is None:
            return current
        current = current.parent
    return unit


def kop_for(unit: OrgUnit) -> Kop:
    """Kop surat from the unit's letter settings, falling back to the org data of the OPD
    (name, address, phone, e-mail, website)."""
    owner = kop_unit(unit)
    settings_row = letter_settings(owner)
    contact = settings_row.letterhead_contact
    if not contact:
        parts = []
        if owner.phone:
            parts.append(_("Telepon %(phone)s") % {"phone": owner.phone})
        if owner.email:
            parts.append(_("Pos-el %(email)s") % {"email": owner.email})
        if owner.website:
            parts.append(owner.website.removeprefix("https://").removeprefix("http://"))
        contact = " · ".join(parts)
    return Kop(
        government=settings_row.letterhead_government,
        name=settings_row.letterhead_name or owner.name,
        address=settings_row.letterhead_address or owner.address,
        contact=contact,
        unit=owner,
    )


def templates_for(unit: OrgUnit | None, letter_type: str = ""):
    """Body templates a drafter of `unit` may pick: city-wide ones and those of the unit or a
    unit above it."""
    from django.db.models import Q

    templates = LetterTemplate.objects.filter(is_active=True)
    if letter_type:
        templates = templates.filter(letter_type=letter_type)
    condition = Q(org_unit__isnull=True)
    if unit is not None:
        ids = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
        condition |= Q(org_unit_id__in=ids)
    return templates.filter(condition).order_by("letter_type", "name")


def fill_template(template: LetterTemplate, *, unit: OrgUnit, subject: str = "") -> str:
    kop = kop_for(unit)
    values = {
        "perihal": subject or "...",
        "unit": kop.name,
        "kota": kop.government.title() if kop.government.isupper() else kop.government,
        "tanggal": timezone.localdate().strftime("%d-%m-%Y"),
    }
    return placeholders.fill(template.body, values)


# --- Search text ------------------------------------------------------------------------------

SEARCH_TEXT_LIMIT = 60000


def build_search_text(letter: Letter, file_texts=None) -> str:
    """The lowercased text the archive search scans: subject, sender, numbers, body (outgoing)
    and the text extracted from the letter's PDF files."""
    if file_texts is None:
        file_texts = (
            list(letter.files.exclude(extracted_text="").values_list("extracted_text", flat=True))
            if letter.pk
            else []
        )
    parts = [
        letter.subject,
        letter.sender_name,
        letter.external_number,
        letter.letter_number,
        letter.body,
        *file_texts,
    ]
    return " ".join(" ".join(p.split()) for p in parts if p).lower()[:SEARCH_TEXT_LIMIT]


def refresh_search_text(letter: Letter) -> None:
    letter.search_text = build_search_text(letter)
    Letter.objects.filter(pk=letter.pk).update(search_text=letter.search_text)


def _queue_extraction(letter: Letter) -> None:
    """Extract text from the letter's PDFs in a task, after the transaction commits."""
    from satupintu.letters.tasks import extract_letter_text

    if letter.files.filter(content_type="application/pdf", text_extracted_at__isnull=True).exists():
        letter_id = letter.pk
        transaction.on_commit(lambda: extract_letter_text.enqueue(letter_id), robust=True)


# --- Incoming letters -------------------------------------------------------------------------


def can_register(user, unit: OrgUnit) -> bool:
    """TU/agenda officers: operators or admins of the unit (or a unit above it)."""
    if is_superuser(user):
        return True
    return any(unit.path.startswith(path) for path in unit_paths(user, REGISTRAR_ROLES))


def registrar_units(user):
    from satupintu.org.permissions import visible_units

    return visible_units(user, REGISTRAR_ROLES).filter(is_active=True).order_by("path")


def duplicate_key(sender: str, number: str, when: date | None) -> str:
    if not number:
        return ""
    sender = re.sub(r"\s+", " ", sender or "").strip().lower()
    number = re.sub(r"\s+", "", number).lower()
    return f"{sender}|{number}|{when.isoformat() if when else ''}"[:200]


def _save_files(letter, files, kind, actor, disposition=None) -> list[LetterFile]:
    saved = []
    for checked in files or []:
        upload = checked.upload
        name = (getattr(upload, "name", "") or "berkas").rsplit("/", 1)[-1][:150]
        stored = LetterFile(
            letter=letter,
            disposition=disposition,
            kind=kind,
            original_name=name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        stored.file.save(f"{checked.sha256[:16]}{checked.extension}", upload, save=False)
        stored.save()
        saved.append(stored)
    return saved


def _register(
    *,
    actor,
    unit,
    subject,
    sifat,
    classification,
    sender_name="",
    sender_unit=None,
    external_number="",
    external_date=None,
    scans=(),
    attachments=(),
    confirm_duplicate=False,
    is_copy=False,
    source_letter=None,
) -> tuple[Letter, list[int]]:
    key = duplicate_key(sender_name, external_number, external_date)
    duplicates = []
    if key and source_letter is None:
        duplicates = list(
            Letter.objects.filter(
                org_unit=unit, direction=Letter.Direction.INCOMING, duplicate_key=key
            )
        )
        if duplicates and not confirm_duplicate:
            raise DuplicateLetter(
                _(
                    "Surat dari %(sender)s nomor %(number)s tanggal %(date)s sudah diagendakan "
                    "di unit ini (nomor agenda %(agenda)s). Centang konfirmasi bila memang "
                    "perlu didaftarkan lagi."
                )
                % {
                    "sender": sender_name,
                    "number": external_number,
                    "date": external_date.strftime("%d-%m-%Y") if external_date else "-",
                    "agenda": ", ".join(d.reference for d in duplicates),
                },
                duplicates=duplicates,
                obj=duplicates[0],
            )
    now = timezone.now()
    year = timezone.localdate(now).year
    letter = Letter.objects.create(
        direction=Letter.Direction.INCOMING,
        status=Letter.Status.REGISTERED,
        org_unit=unit,
        subject=subject,
        sifat=sifat,
        classification=classification,
        sender_name=sender_name,
        sender_unit=sender_unit,
        external_number=external_number,
        external_date=external_date,
        duplicate_key=key,
        agenda_number=next_number(unit, year, LetterSequence.Kind.INCOMING),
        agenda_year=year,
        received_at=now,
        registered_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_copy=is_copy,
        source_letter=source_letter,
        created_at=now,
    )
    _save_files(letter, scans, LetterFile.Kind.SCAN, actor)
    _save_files(letter, attachments, LetterFile.Kind.ATTACHMENT, actor)
    refresh_search_text(letter)
    _queue_extraction(letter)
    return letter, [d.pk for d in duplicates]


@refusals_audited("letters.register")
@transaction.atomic
def register_incoming(
    *,
    actor,
    unit: OrgUnit,
    subject: str,
    classification: ClassificationCode,
    sender_name: str,
    sifat: str = Letter.Sifat.ORDINARY,
    external_number: str = "",
    external_date: date | None = None,
    scans=(),
    attachments=(),
    confirm_duplicate: bool = False,
) -> Letter:
    """The TU/agenda officer registers a letter from outside; it gets the next agenda number."""
    if not can_register(actor, unit):
        raise LetterError(
            _("Anda bukan petugas agenda (operator) unit %(unit)s.") % {"unit": unit},
            code="not_registrar",
            obj=unit,
        )
    letter, duplicates = _register(
        actor=actor,
        unit=unit,
        subject=subject,
        sifat=sifat,
        classification=classification,
        sender_name=sender_name,
        external_number=external_number,
        external_date=external_date,
        scans=scans,
        attachments=attachments,
        confirm_duplicate=confirm_duplicate,
    )
    audit.record(
        "letters.registered",
        actor=actor,
        obj=letter,
        data={
            "unit": unit.code,
            "agenda": f"{letter.agenda_number}/{letter.agenda_year}",
            "sifat": sifat,
            "confirmed_duplicate_of": duplicates,
        },
    )
    transaction.on_commit(lambda: notify.letter_arrived(letter.pk), robust=True)
    return letter


@refusals_audited("letters.add_scans")
@transaction.atomic
def add_scans(*, actor, letter: Letter, scans) -> list[LetterFile]:
    """Attach the scan of a registered incoming letter (the paper came after it was
    registered; the demo letters). Only the unit's agenda officers."""
    if letter.direction != Letter.Direction.INCOMING or not can_register(actor, letter.org_unit):
        raise LetterError(
            _("Anda bukan petugas agenda (operator) unit %(unit)s.") % {"unit": letter.org_unit},
            code="not_registrar",
            obj=letter,
        )
    saved = _save_files(letter, scans, LetterFile.Kind.SCAN, actor)
    refresh_search_text(letter)
    _queue_extraction(letter)
    audit.record("letters.scans_added", actor=actor, obj=letter, data={"files": len(saved)})
    return saved


@transaction.atomic
def mark_read(*, actor, letter: Letter) -> bool:
    """Read receipt for the person and for dispositions addressed to them; True on first read."""
    from satupintu.letters.selectors import addressed_to_q

    now = timezone.now()
    Disposition.objects.filter(
        addressed_to_q(actor), letter=letter, read_at__isnull=True, withdrawn_at__isnull=True
    ).update(read_at=now, read_by=actor)
    _receipt, created = LetterRead.objects.get_or_create(
        letter=letter, user=actor, defaults={"read_at": now}
    )
    if created:
        audit.record("letters.read", actor=actor, obj=letter)
    return created


# --- Dispositions -----------------------------------------------------------------------------


# Working days until a disposition is due when the leader does not pick a date.
DUE_WORKING_DAYS = {
    Disposition.Urgency.ORDINARY: 5,
    Disposition.Urgency.URGENT: 2,
    Disposition.Urgency.VERY_URGENT: 1,
}


def default_due_date(urgency: str, today: date | None = None) -> date:
    from satupintu.core.workdays import add_working_days

    days = DUE_WORKING_DAYS.get(urgency, DUE_WORKING_DAYS[Disposition.Urgency.ORDINARY])
    return add_working_days(today or timezone.localdate(), days)


def can_dispose(user, letter: Letter) -> bool:
    """The addressee leader of the letter's unit, or a leader who received a disposition."""
    from satupintu.letters.selectors import addressed_to_q

    if letter.direction != Letter.Direction.INCOMING or not hierarchy.is_leader(user):
        return False
    if any(u.pk == letter.org_unit_id for u in hierarchy.led_units(user)):
        return True
    return letter.dispositions.filter(addressed_to_q(user), withdrawn_at__isnull=True).exists()


@refusals_audited("letters.dispose")
@transaction.atomic
def dispose(
    *,
    actor,
    letter: Letter,
    to_units=(),
    to_users=(),
    instructions: list[str],
    urgency: str = Disposition.Urgency.ORDINARY,
    due_date: date | None = None,
    note: str = "",
) -> list[Disposition]:
    """Dispose a letter to people/units below the actor. Without a due date, the default of the
    urgency applies (`default_due_date`)."""
    from satupintu.letters.selectors import addressed_to_q

    if not can_dispose(actor, letter):
        raise LetterError(
            _("Anda tidak dapat mendisposisikan surat ini."), code="not_disposer", obj=letter
        )
    if not to_units and not to_users:
        raise LetterError(_("Pilih sedikitnya satu penerima disposisi."), code="no_recipient")
    if not instructions or any(code not in INSTRUCTION_LABELS for code in instructions):
        raise LetterError(_("Pilih instruksi dari daftar."), code="bad_instruction", obj=letter)
    if urgency not in Disposition.Urgency.values:
        raise LetterError(_("Sifat disposisi tidak dikenal."), code="bad_urgency", obj=letter)
    if due_date is None:
        due_date = default_due_date(urgency)
    if due_date < timezone.localdate():
        raise LetterError(
            _("Batas waktu disposisi tidak boleh tanggal yang sudah lewat."),
            code="due_in_past",
            obj=letter,
            data={"due_date": due_date.isoformat() if due_date else None},
        )
    targets = [("unit", u) for u in to_units] + [("user", u) for u in to_users]
    resolved = []
    for kind, target in targets:
        from_unit = hierarchy.disposing_unit(
            actor,
            to_unit=target if kind == "unit" else None,
            to_user=target if kind == "user" else None,
        )
        if from_unit is None:
            raise LetterError(
                _(
                    "Disposisi kepada %(target)s ditolak: penerima berada di luar hierarki "
                    "Anda. Disposisi hanya ke unit atau pegawai di bawah Anda."
                )
                % {"target": target},
                code="outside_hierarchy",
                obj=letter,
                data={"target": f"{kind}:{target.pk}"},
            )
        resolved.append((kind, target, from_unit))

    parent = (
        letter.dispositions.filter(addressed_to_q(actor), withdrawn_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    now = timezone.now()
    created = []
    for kind, target, from_unit in resolved:
        created.append(
            Disposition.objects.create(
                letter=letter,
                parent=parent,
                from_user=actor,
                from_unit=from_unit,
                to_unit=target if kind == "unit" else None,
                to_user=target if kind == "user" else None,
                instructions=list(dict.fromkeys(instructions)),
                urgency=urgency,
                due_date=due_date,
                note=note,
                created_at=now,
            )
        )
    if parent and parent.acted_at is None:
        parent.acted_at = now
        parent.save(update_fields=["acted_at"])  # a save: the inbox rows follow (inbox.py)
    LetterRead.objects.get_or_create(letter=letter, user=actor, defaults={"read_at": now})
    audit.record(
        "letters.disposed",
        actor=actor,
        obj=letter,
        data={
            "dispositions": [d.pk for d in created],
            "recipients": [f"{k}:{t.pk}" for k, t, _u in resolved],
            "instructions": instructions,
            "urgency": urgency,
            "due_date": due_date.isoformat(),
            "parent": parent.pk if parent else None,
        },
    )
    ids = [d.pk for d in created]
    transaction.on_commit(lambda: notify.dispositions_created(ids), robust=True)
    return created


@refusals_audited("letters.withdraw")
@transaction.atomic
def withdraw(*, actor, disposition: Disposition) -> Disposition:
    locked = Disposition.objects.select_for_update().get(pk=disposition.pk)
    if locked.from_user_id != actor.pk:
        raise LetterError(
            _("Hanya pemberi disposisi yang dapat menariknya."), code="not_owner", obj=locked
        )
    if locked.withdrawn_at:
        raise LetterError(_("Disposisi ini sudah ditarik."), code="withdrawn", obj=locked)
    if locked.read_at or locked.done_at:
        raise LetterError(
            _("Disposisi sudah dibaca penerima dan tidak dapat ditarik lagi."),
            code="already_read",
            obj=locked,
        )
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["withdrawn_at"])
    audit.record(
        "letters.disposition_withdrawn",
        actor=actor,
        obj=locked.letter,
        data={"disposition": locked.pk},
    )
    return locked


def is_recipient(user, disposition: Disposition) -> bool:
    if disposition.to_user_id:
        return disposition.to_user_id == user.pk
    return any(u.pk == disposition.to_unit_id for u in hierarchy.led_units(user)) or any(
        m.org_unit_id == disposition.to_unit_id for m in memberships_of(user)
    )


@refusals_audited("letters.report")
@transaction.atomic
def complete(*, actor, disposition: Disposition, report: str, files=()) -> Disposition:
    """The recipient reports the instruction done; the disposer sees the report."""
    locked = Disposition.objects.select_for_update().get(pk=disposition.pk)
    if not is_recipient(actor, locked):
        raise LetterError(
            _("Hanya penerima disposisi yang dapat melaporkan tindak lanjutnya."),
            code="not_recipient",
            obj=locked,
        )
    if locked.withdrawn_at:
        raise LetterError(_("Disposisi ini sudah ditarik."), code="withdrawn", obj=locked)
    if locked.done_at:
        raise LetterError(_("Disposisi ini sudah dilaporkan selesai."), code="done", obj=locked)
    if not (report or "").strip():
        raise LetterError(_("Tulis laporan tindak lanjut."), code="empty_report", obj=locked)
    now = timezone.now()
    locked.done_at = now
    locked.done_by = actor
    locked.report = report.strip()
    locked.acted_at = locked.acted_at or now
    locked.read_at = locked.read_at or now
    locked.save(update_fields=["done_at", "done_by", "report", "acted_at", "read_at"])
    saved = _save_files(locked.letter, files, LetterFile.Kind.REPORT, actor, disposition=locked)
    audit.record(
        "letters.disposition_done",
        actor=actor,
        obj=locked.letter,
        data={"disposition": locked.pk, "files": [f.pk for f in saved]},
    )
    transaction.on_commit(lambda: notify.disposition_done(locked.pk), robust=True)
    return locked


# --- Outgoing letters -------------------------------------------------------------------------


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
    from satupintu.org.permissions import visible_units

    return visible_units(user).filter(is_active=True).order_by("path")


def parse_emails(text: str) -> list[str]:
    """One address per line (commas and semicolons also separate); refuses invalid ones."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

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
    _save_files(letter, attachments, LetterFile.Kind.ATTACHMENT, actor)
    refresh_search_text(letter)
    _queue_extraction(letter)
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


UPDATABLE_FIELDS = {
    "subject",
    "body",
    "sifat",
    "classification",
    "signer",
    "letter_type",
    "external_recipients",
    "external_copies",
    "external_emails",
}


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
    saved = _save_files(locked, attachments, LetterFile.Kind.ATTACHMENT, actor)
    refresh_search_text(locked)
    _queue_extraction(locked)
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
    from satupintu.letters import signing

    signed = signing.sign_letter(locked, actor)
    _queue_extraction(locked)
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


EXTERNAL_LINK_DAYS = 30
EXTERNAL_LINK_SALT = "letters.external-download"


def external_download_token(letter: Letter, stored: LetterFile) -> str:
    from django.core import signing

    return signing.dumps({"l": letter.pk, "f": stored.pk}, salt=EXTERNAL_LINK_SALT)


def signed_pdf(letter: Letter) -> LetterFile | None:
    return letter.files.filter(kind=LetterFile.Kind.SIGNED).order_by("-pk").first()


def _mail_external(letter: Letter, emails: list[str]) -> list[str]:
    """The signed PDF to outside addressees: an e-mail through the outbox with a download link
    (valid EXTERNAL_LINK_DAYS days) and the public verification page of the signature."""
    from django.conf import settings
    from django.urls import reverse

    from satupintu.notifications.models import OutboxMessage
    from satupintu.notifications.services import queue_message

    stored = signed_pdf(letter)
    link = settings.PUBLIC_BASE_URL + reverse(
        "letters:external_download", args=[external_download_token(letter, stored)]
    )
    verify = ""
    if letter.signed_document_id:
        from satupintu.documents.models import IssuedDocument

        document = IssuedDocument.objects.filter(pk=letter.signed_document_id).first()
        if document is not None:
            verify = settings.PUBLIC_BASE_URL + reverse(
                "documents:verify_token", args=[document.token]
            )
    kop = kop_for(letter.org_unit)
    body = _(
        "Yth. Bapak/Ibu,\n\n"
        "Bersama ini %(unit)s menyampaikan surat nomor %(number)s tanggal %(date)s perihal "
        "%(subject)s.\n\n"
        "Unduh PDF bertanda tangan elektronik (berlaku %(days)s hari):\n%(link)s\n"
    ) % {
        "unit": kop.name,
        "number": letter.letter_number,
        "date": timezone.localdate(letter.signed_at).strftime("%d-%m-%Y"),
        "subject": letter.subject,
        "days": EXTERNAL_LINK_DAYS,
        "link": link,
    }
    if verify:
        body += _("Periksa keaslian tanda tangan:\n%(url)s\n") % {"url": verify}
    queued = []
    for email in emails:
        message = queue_message(
            channel=OutboxMessage.Channel.EMAIL,
            recipient=email,
            subject=_("Surat %(number)s: %(subject)s")
            % {"number": letter.letter_number, "subject": letter.subject},
            body=body,
            dedupe_key=f"letters:external:{letter.pk}:{email.lower()}",
            reference=f"surat:{letter.pk}",
        )
        if message is not None:
            queued.append(message.pk)
    return queued


@refusals_audited("letters.dispatch")
@transaction.atomic
def dispatch_outgoing(*, actor, letter: Letter) -> Letter:
    """Send a signed letter: internal recipients receive it registered in their agenda; outside
    addressees with an e-mail address get the signed PDF by e-mail (outbox)."""
    locked = _lock_letter(letter)
    if locked.direction != Letter.Direction.OUTGOING or locked.status != Letter.Status.SIGNED:
        raise LetterError(
            _("Surat yang belum ditandatangani tidak dapat dikirim.")
            if locked.status not in (Letter.Status.SENT,)
            else _("Surat ini sudah dikirim."),
            code="unsigned" if locked.status != Letter.Status.SENT else "already_sent",
            obj=locked,
        )
    if actor.pk not in (locked.signer_id, locked.drafted_by_id) and not can_register(
        actor, locked.org_unit
    ):
        raise LetterError(_("Anda tidak dapat mengirim surat ini."), code="not_sender", obj=locked)
    emails = parse_emails(locked.external_emails)
    if emails and locked.is_secret:
        raise LetterError(
            _(
                "Surat Rahasia tidak dikirim lewat e-mail. Kirim ke penerima di luar dengan cara "
                "resmi yang tertutup."
            ),
            code="secret_by_email",
            obj=locked,
        )
    if emails and signed_pdf(locked) is None:
        raise LetterError(
            _(
                "Surat ini belum memiliki PDF bertanda tangan elektronik, jadi tidak dapat "
                "dikirim lewat e-mail. Minta admin menyiapkan sertifikat tanda tangan unit."
            ),
            code="no_signed_pdf",
            obj=locked,
        )
    delivered = []
    for recipient in locked.recipients.select_related("org_unit"):
        incoming, _dups = _register(
            actor=actor,
            unit=recipient.org_unit,
            subject=locked.subject,
            sifat=locked.sifat,
            classification=locked.classification,
            sender_name=str(locked.org_unit),
            sender_unit=locked.org_unit,
            external_number=locked.letter_number,
            external_date=timezone.localdate(locked.signed_at),
            is_copy=recipient.is_copy,
            source_letter=locked,
        )
        for source_file in locked.files.filter(
            kind__in=[LetterFile.Kind.SIGNED, LetterFile.Kind.ATTACHMENT]
        ):
            LetterFile.objects.create(
                letter=incoming,
                kind=LetterFile.Kind.SCAN
                if source_file.kind == LetterFile.Kind.SIGNED
                else LetterFile.Kind.ATTACHMENT,
                file=source_file.file.name,
                original_name=source_file.original_name,
                content_type=source_file.content_type,
                size=source_file.size,
                sha256=source_file.sha256,
                uploaded_by=source_file.uploaded_by,
                extracted_text=source_file.extracted_text,
                text_extracted_at=source_file.text_extracted_at,
            )
        refresh_search_text(incoming)
        _queue_extraction(incoming)
        recipient.delivered_letter = incoming
        recipient.save(update_fields=["delivered_letter"])
        delivered.append(incoming)
    mailed = _mail_external(locked, emails) if emails else []
    locked.status = Letter.Status.SENT
    locked.sent_at = timezone.now()
    locked.save(update_fields=["status", "sent_at", "updated_at"])
    audit.record(
        "letters.sent",
        actor=actor,
        obj=locked,
        data={
            "delivered": {str(d.org_unit.code): d.agenda_number for d in delivered},
            "emailed": len(mailed),
        },
    )
    for incoming in delivered:
        transaction.on_commit(lambda pk=incoming.pk: notify.letter_arrived(pk), robust=True)
    return locked


# --- Classification table ---------------------------------------------------------------------


def import_classification_rows(rows, model=ClassificationCode) -> tuple[int, int]:
    """Upsert classification rows (dicts with kode, nama, retensi_aktif, retensi_inaktif,
    keterangan_akhir); returns (created, updated). Used by the command and the migrations.

    A row whose retention columns are all empty sets the code and name only: the retention
    recorded for that code (schedule page, an earlier import) stays, so loading the shipped
    table again, which has no retention, never erases the city's schedule."""
    created = updated = 0
    for row in rows:
        code = (row.get("kode") or "").strip()
        name = (row.get("nama") or "").strip()
        if not code or not name:
            continue
        values = {"name": name, "is_active": True}
        if any((row.get(column) or "").strip() for column in RETENTION_COLUMNS):
            active = (row.get("retensi_aktif") or "").strip()
            inactive = (row.get("retensi_inaktif") or "").strip()
            values["active_years"] = int(active) if active else None
            values["inactive_years"] = int(inactive) if inactive else None
            final = parse_final_disposition(row.get("keterangan_akhir"))
            values["final_disposition"] = final or ""
        _obj, was_created = model.objects.update_or_create(code=code, defaults=values)
        created += was_created
        updated += not was_created
    return created, updated


@transaction.atomic
def import_classification(path, *, actor=None) -> tuple[int, int]:
    import csv

    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    created, updated = import_classification_rows(rows)
    audit.record(
        "letters.classification_imported",
        actor=actor,
        data={"file": str(path).rsplit("/", 1)[-1], "created": created, "updated": updated},
    )
    return created, updated


# --- Retention schedule (Jadwal Retensi Arsip) ------------------------------------------------

RETENTION_COLUMNS = ("retensi_aktif", "retensi_inaktif", "keterangan_akhir")


def can_edit_retention(user) -> bool:
    from satupintu.org.permissions import is_city_admin

    return bool(is_city_admin(user))


def _retention_snapshot(code: ClassificationCode) -> dict:
    return {
        "active_years": code.active_years,
        "inactive_years": code.inactive_years,
        "final_disposition": code.final_disposition,
    }


def parse_final_disposition(text: str) -> str | None:
    """The stored value for "Musnah", "permanen", "Dinilai kembali", "dinilai_kembali"; ""
    for an empty cell; None for anything else."""
    value = (text or "").strip().lower().replace(" ", "_")
    if not value:
        return ""
    return value if value in ClassificationCode.FinalDisposition.values else None


def check_retention(active_years, inactive_years, final_disposition) -> str | None:
    """None when the values are a valid retention (all three) or empty (all three: the code
    takes its ancestor's retention); otherwise the message for the officer."""
    from satupintu.letters.retention import MAX_YEARS

    given = [active_years is not None, inactive_years is not None, bool(final_disposition)]
    if any(given) and not all(given):
        return _(
            "Isi retensi aktif, retensi inaktif dan keterangan akhir sekaligus, atau kosongkan "
            "ketiganya agar kode mengikuti retensi kode induknya."
        )
    for years in (active_years, inactive_years):
        if years is not None and not 0 <= years <= MAX_YEARS:
            return _("Masa retensi harus antara 0 dan %(n)d tahun.") % {"n": MAX_YEARS}
    if final_disposition and final_disposition not in ClassificationCode.FinalDisposition.values:
        return _("Keterangan akhir tidak dikenal.")
    return None


@refusals_audited("letters.set_retention")
@transaction.atomic
def set_retention(
    *,
    actor,
    code: ClassificationCode,
    active_years: int | None,
    inactive_years: int | None,
    final_disposition: str,
) -> ClassificationCode:
    """Record (or, all empty, clear) the retention of one classification code. City admins
    only. Codes below it without their own values follow it (see retention.py)."""
    if not can_edit_retention(actor):
        raise LetterError(
            _("Hanya admin kota yang dapat mengubah jadwal retensi."), code="forbidden", obj=code
        )
    problem = check_retention(active_years, inactive_years, final_disposition)
    if problem:
        raise LetterError(problem, code="invalid", obj=code)
    locked = ClassificationCode.objects.select_for_update().get(pk=code.pk)
    old = _retention_snapshot(locked)
    locked.active_years = active_years
    locked.inactive_years = inactive_years
    locked.final_disposition = final_disposition or ""
    new = _retention_snapshot(locked)
    if new != old:
        locked.save(update_fields=["active_years", "inactive_years", "final_disposition"])
    audit.record(
        "letters.retention_set",
        actor=actor,
        obj=locked,
        data={"code": locked.code, "old": old, "new": new, "changed": new != old},
    )
    return locked


@dataclass
class RetentionImport:
    changed: list[str]
    unchanged: int
    blank: int
    unknown: list[str]


def _int_or_none(text: str):
    text = (text or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return "invalid"


def parse_retention_csv(text: str) -> tuple[list[tuple[int, str, tuple]], list[str]]:
    """Rows (line number, code, (active, inactive, final)) and the errors ("Baris n: ...").
    Rows with all three retention columns empty are returned with None values."""
    import csv
    import io

    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [c for c in ("kode", *RETENTION_COLUMNS) if c not in header]
    if missing:
        return [], [
            _("Kolom tidak ada: %(cols)s. Kolom yang dipakai: %(all)s.")
            % {
                "cols": ", ".join(missing),
                "all": "kode,nama,retensi_aktif,retensi_inaktif,keterangan_akhir",
            }
        ]
    rows, errors, seen = [], [], {}
    for row in reader:
        line = reader.line_num
        code = (row.get("kode") or "").strip()
        if not code:
            if any((value or "").strip() for value in row.values() if isinstance(value, str)):
                errors.append(_("Baris %(n)d: kode kosong.") % {"n": line})
            continue
        if code in seen:
            errors.append(
                _("Baris %(n)d: kode %(code)s sudah ada di baris %(m)d.")
                % {"n": line, "code": code, "m": seen[code]}
            )
            continue
        seen[code] = line
        active = _int_or_none(row.get("retensi_aktif"))
        inactive = _int_or_none(row.get("retensi_inaktif"))
        final = parse_final_disposition(row.get("keterangan_akhir"))
        if "invalid" in (active, inactive):
            errors.append(
                _("Baris %(n)d (%(code)s): masa retensi harus bilangan bulat tahun.")
                % {"n": line, "code": code}
            )
            continue
        if final is None:
            errors.append(
                _(
                    "Baris %(n)d (%(code)s): keterangan akhir harus Musnah, Permanen atau "
                    "Dinilai kembali."
                )
                % {"n": line, "code": code}
            )
            continue
        problem = check_retention(active, inactive, final)
        if problem:
            errors.append(
                _("Baris %(n)d (%(code)s): %(problem)s")
                % {"n": line, "code": code, "problem": problem}
            )
            continue
        rows.append((line, code, (active, inactive, final)))
    return rows, errors


@refusals_audited("letters.import_retention")
@transaction.atomic
def import_retention(*, actor, text: str, filename: str = "") -> RetentionImport:
    """Apply the retention columns of a CSV (same columns as the shipped classification table)
    to existing codes. All or nothing: one bad row and nothing is applied (LetterError, its
    `data["errors"]` lists the rows). Unknown codes are reported and skipped (new codes come in
    with `manage.py import_classification`); rows without retention values change nothing."""
    if not can_edit_retention(actor):
        raise LetterError(
            _("Hanya admin kota yang dapat mengubah jadwal retensi."), code="forbidden"
        )
    rows, errors = parse_retention_csv(text)
    if errors:
        raise LetterError(
            _("Berkas tidak diterapkan: %(n)d baris bermasalah. Perbaiki lalu unggah lagi.")
            % {"n": len(errors)},
            code="invalid_csv",
            data={"file": filename, "errors": errors[:200]},
        )
    codes = {
        c.code: c
        for c in ClassificationCode.objects.select_for_update().filter(
            code__in=[code for _line, code, _values in rows]
        )
    }
    result = RetentionImport(changed=[], unchanged=0, blank=0, unknown=[])
    changes = {}
    for _line, code, (active, inactive, final) in rows:
        row = codes.get(code)
        if row is None:
            result.unknown.append(code)
            continue
        if active is None:
            result.blank += 1
            continue
        old = _retention_snapshot(row)
        row.active_years, row.inactive_years, row.final_disposition = active, inactive, final
        new = _retention_snapshot(row)
        if new == old:
            result.unchanged += 1
            continue
        row.save(update_fields=["active_years", "inactive_years", "final_disposition"])
        result.changed.append(code)
        changes[code] = {"old": old, "new": new}
    audit.record(
        "letters.retention_imported",
        actor=actor,
        data={
            "file": filename,
            "changed": changes,
            "unchanged": result.unchanged,
            "blank": result.blank,
            "unknown": result.unknown,
        },
    )
    return result
