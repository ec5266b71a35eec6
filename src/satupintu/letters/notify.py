"""E-mail notices of the e-office, through the outbox (delivered after commit, deduplicated)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from satupintu.letters import circles
from satupintu.letters.hierarchy import HEAD
from satupintu.letters.models import Disposition, Letter
from satupintu.notifications.models import OutboxMessage
from satupintu.notifications.services import queue_message
from satupintu.org.models import Membership


def _url(letter_id: int) -> str:
    return settings.PUBLIC_BASE_URL + reverse("letters:detail", args=[letter_id])


def recipients_of(disposition: Disposition) -> list:
    """The people who act on a disposition: the named person, or the unit's kepala (or, when
    the unit has none, its active members)."""
    if disposition.to_user_id:
        return [disposition.to_user]
    if disposition.to_group:  # a circle's group (a DPRD komisi): each of its people
        return list(get_user_model().objects.filter(pk__in=circles.users_in(disposition.to_group)))
    members = Membership.objects.filter(
        org_unit=disposition.to_unit, is_active=True, user__is_active=True
    ).select_related("user")
    heads = [m.user for m in members if m.role == HEAD]
    return heads or list({m.user_id: m.user for m in members}.values())


def _mail(user, subject: str, body: str, key: str, reference: str = "") -> None:
    if user is None or not user.email:
        return
    queue_message(
        channel=OutboxMessage.Channel.EMAIL,
        recipient=user.email,
        subject=subject,
        body=body,
        dedupe_key=key,
        reference=reference,
    )


def _safe_subject(letter: Letter) -> str:
    # A Rahasia letter's subject never leaves the platform in an e-mail.
    return _("(rahasia)") if letter.is_secret else letter.subject


def letter_arrived(letter_id: int) -> None:
    letter = Letter.objects.select_related("org_unit").filter(pk=letter_id).first()
    if letter is None:
        return
    heads = Membership.objects.filter(
        org_unit=letter.org_unit, role=HEAD, is_active=True
    ).select_related("user")
    for m in heads:
        _mail(
            m.user,
            _("Surat masuk: %(subject)s") % {"subject": _safe_subject(letter)},
            _("Surat masuk baru untuk %(unit)s (%(ref)s).\n%(url)s")
            % {"unit": letter.org_unit, "ref": letter.reference, "url": _url(letter.pk)},
            f"letters:arrived:{letter.pk}:{m.user_id}",
        )


def dispositions_created(ids: list[int]) -> None:
    for d in Disposition.objects.filter(pk__in=ids).select_related("letter", "from_user"):
        for user in recipients_of(d):
            _mail(
                user,
                _("Disposisi: %(subject)s") % {"subject": _safe_subject(d.letter)},
                _(
                    "%(who)s mendisposisikan surat kepada Anda: %(instr)s. Batas waktu %(due)s.\n"
                    "%(url)s"
                )
                % {
                    "who": d.from_user,
                    "instr": ", ".join(d.instruction_labels),
                    "due": d.due_date.strftime("%d-%m-%Y"),
                    "url": _url(d.letter_id),
                },
                f"letters:disp:{d.pk}:{user.pk}",
            )


def disposition_done(disposition_id: int) -> None:
    d = Disposition.objects.select_related("letter", "from_user").filter(pk=disposition_id).first()
    if d is None:
        return
    _mail(
        d.from_user,
        _("Disposisi selesai: %(subject)s") % {"subject": _safe_subject(d.letter)},
        _("%(who)s melaporkan tindak lanjut disposisi selesai.\n%(url)s")
        % {"who": d.recipient_label, "url": _url(d.letter_id)},
        f"letters:done:{d.pk}",
    )


def outgoing_turn(letter_id: int) -> None:
    letter = Letter.objects.filter(pk=letter_id).select_related("signer").first()
    if letter is None:
        return
    if letter.status == Letter.Status.TO_SIGN:
        _mail(
            letter.signer,
            _("Surat menunggu tanda tangan Anda"),
            _url(letter.pk),
            f"letters:sign:{letter.pk}:{letter.updated_at.timestamp()}",
        )
    elif letter.status == Letter.Status.REVIEW:
        step = letter.reviews.filter(decision="menunggu").select_related("reviewer").first()
        if step:
            _mail(
                step.reviewer,
                _("Surat menunggu paraf/verifikasi Anda"),
                _url(letter.pk),
                f"letters:review:{letter.pk}:{step.pk}:{letter.updated_at.timestamp()}",
            )


def outgoing_returned(letter_id: int) -> None:
    """A reviewer returned the draft: the drafter reads the note on the edit page."""
    letter = Letter.objects.filter(pk=letter_id).select_related("drafted_by").first()
    if letter is None or letter.status != Letter.Status.DRAFT:
        return
    _mail(
        letter.drafted_by,
        _("Konsep surat dikembalikan: %(subject)s") % {"subject": _safe_subject(letter)},
        _("%(who)s mengembalikan konsep untuk diperbaiki.\n%(url)s")
        % {
            "who": letter.returned_by or "-",
            "url": settings.PUBLIC_BASE_URL + reverse("letters:outgoing_edit", args=[letter.pk]),
        },
        f"letters:returned:{letter.pk}:{letter.updated_at.timestamp()}",
    )


def remind(disposition: Disposition) -> None:
    for user in recipients_of(disposition):
        _mail(
            user,
            _("Pengingat disposisi: batas waktu %(due)s")
            % {"due": disposition.due_date.strftime("%d-%m-%Y")},
            _url(disposition.letter_id),
            f"letters:remind:{disposition.pk}:{user.pk}",
        )


def escalate(disposition: Disposition) -> None:
    _mail(
        disposition.from_user,
        _("Disposisi lewat batas waktu: %(who)s") % {"who": disposition.recipient_label},
        _url(disposition.letter_id),
        f"letters:overdue:{disposition.pk}",
    )
