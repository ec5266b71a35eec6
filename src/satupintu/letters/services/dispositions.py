"""Dispositions: a leader disposes a letter down the hierarchy, withdraws an unread one, and the
recipient reports it done."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.core.workdays import add_working_days
from satupintu.letters import circles, hierarchy, notify
from satupintu.letters.errors import LetterError, refusals_audited
from satupintu.letters.models import INSTRUCTION_LABELS, Disposition, Letter, LetterFile, LetterRead
from satupintu.letters.selectors import addressed_to_q
from satupintu.letters.services.files import save_files
from satupintu.org.permissions import memberships_of

# Working days until a disposition is due when the leader does not pick a date.
DUE_WORKING_DAYS = {
    Disposition.Urgency.ORDINARY: 5,
    Disposition.Urgency.URGENT: 2,
    Disposition.Urgency.VERY_URGENT: 1,
}


def default_due_date(urgency: str, today: date | None = None) -> date:
    days = DUE_WORKING_DAYS.get(urgency, DUE_WORKING_DAYS[Disposition.Urgency.ORDINARY])
    return add_working_days(today or timezone.localdate(), days)


def can_dispose(user, letter: Letter) -> bool:
    """The addressee leader of the letter's unit, or a leader who received a disposition; for
    a circle's letter, whom the circle lets dispose it (the Pimpinan DPRD, a komisi's ketua)."""
    if letter.direction != Letter.Direction.INCOMING:
        return False
    if circles.may_dispose(user, letter):
        return True
    if not hierarchy.is_leader(user):
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
    to_groups=(),
    instructions: list[str],
    urgency: str = Disposition.Urgency.ORDINARY,
    due_date: date | None = None,
    note: str = "",
) -> list[Disposition]:
    """Dispose a letter to people/units below the actor, or within a circle to its groups and
    people (`to_groups`: keys of letters/circles.py). Without a due date, the default of the
    urgency applies (`default_due_date`)."""
    if not can_dispose(actor, letter):
        raise LetterError(
            _("Anda tidak dapat mendisposisikan surat ini."), code="not_disposer", obj=letter
        )
    if not to_units and not to_users and not to_groups:
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
    targets += [("group", g) for g in dict.fromkeys(to_groups)]
    resolved = []
    for kind, target in targets:
        from_unit = None
        if kind != "group":
            from_unit = hierarchy.disposing_unit(
                actor,
                to_unit=target if kind == "unit" else None,
                to_user=target if kind == "user" else None,
            )
        if from_unit is None and kind != "unit":
            # Within a circle the disposition stays in the letter's unit (SETWAN's register).
            reach = circles.may_reach(
                actor,
                letter,
                group=target if kind == "group" else None,
                target_user=target if kind == "user" else None,
            )
            from_unit = letter.org_unit if reach else None
        target_label = circles.label(target) if kind == "group" else target
        if from_unit is None:
            raise LetterError(
                _(
                    "Disposisi kepada %(target)s ditolak: penerima berada di luar hierarki "
                    "Anda. Disposisi hanya ke unit atau pegawai di bawah Anda."
                )
                % {"target": target_label},
                code="outside_hierarchy",
                obj=letter,
                data={"target": _target_key(kind, target)},
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
                to_group=target if kind == "group" else "",
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
            "recipients": [_target_key(k, t) for k, t, _u in resolved],
            "instructions": instructions,
            "urgency": urgency,
            "due_date": due_date.isoformat(),
            "parent": parent.pk if parent else None,
        },
    )
    ids = [d.pk for d in created]
    transaction.on_commit(lambda: notify.dispositions_created(ids), robust=True)
    return created


def _target_key(kind: str, target) -> str:
    return f"{kind}:{target if kind == 'group' else target.pk}"


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
    if disposition.to_group:
        return disposition.to_group in circles.groups_of(user)
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
    saved = save_files(locked.letter, files, LetterFile.Kind.REPORT, actor, disposition=locked)
    audit.record(
        "letters.disposition_done",
        actor=actor,
        obj=locked.letter,
        data={"disposition": locked.pk, "files": [f.pk for f in saved]},
    )
    transaction.on_commit(lambda: notify.disposition_done(locked.pk), robust=True)
    return locked
