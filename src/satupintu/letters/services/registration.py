"""Incoming letters: the TU/agenda officer registers them (agenda number, duplicate check,
scans), and read receipts."""

import re
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.letters import notify
from satupintu.letters.errors import DuplicateLetter, LetterError, refusals_audited
from satupintu.letters.hierarchy import REGISTRAR_ROLES
from satupintu.letters.models import (
    ClassificationCode,
    Disposition,
    Letter,
    LetterFile,
    LetterRead,
    LetterSequence,
)
from satupintu.letters.search_text import refresh_search_text
from satupintu.letters.selectors import addressed_to_q
from satupintu.letters.services.files import queue_extraction, save_files
from satupintu.letters.services.numbering import next_number
from satupintu.org.models import OrgUnit
from satupintu.org.permissions import is_superuser, unit_paths, visible_units


def can_register(user, unit: OrgUnit) -> bool:
    """TU/agenda officers: operators or admins of the unit (or a unit above it)."""
    if is_superuser(user):
        return True
    return any(unit.path.startswith(path) for path in unit_paths(user, REGISTRAR_ROLES))


def registrar_units(user):
    return visible_units(user, REGISTRAR_ROLES).filter(is_active=True).order_by("path")


def duplicate_key(sender: str, number: str, when: date | None) -> str:
    if not number:
        return ""
    sender = re.sub(r"\s+", " ", sender or "").strip().lower()
    number = re.sub(r"\s+", "", number).lower()
    return f"{sender}|{number}|{when.isoformat() if when else ''}"[:200]


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
    save_files(letter, scans, LetterFile.Kind.SCAN, actor)
    save_files(letter, attachments, LetterFile.Kind.ATTACHMENT, actor)
    refresh_search_text(letter)
    queue_extraction(letter)
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
    saved = save_files(letter, scans, LetterFile.Kind.SCAN, actor)
    refresh_search_text(letter)
    queue_extraction(letter)
    audit.record("letters.scans_added", actor=actor, obj=letter, data={"files": len(saved)})
    return saved


@transaction.atomic
def mark_read(*, actor, letter: Letter) -> bool:
    """Read receipt for the person and for dispositions addressed to them; True on first read."""
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
