"""Sending a signed letter: internal recipients get it registered in their agenda, outside
addressees get the signed PDF by e-mail (outbox) with a download link."""

from django.conf import settings
from django.core import signing as django_signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.documents.models import IssuedDocument
from satupintu.letters import notify
from satupintu.letters.errors import LetterError, refusals_audited
from satupintu.letters.letterhead import kop_for
from satupintu.letters.models import Letter, LetterFile
from satupintu.letters.search_text import refresh_search_text
from satupintu.letters.services.drafting import _lock_letter, parse_emails
from satupintu.letters.services.files import queue_extraction
from satupintu.letters.services.registration import _register, can_register
from satupintu.notifications.models import OutboxMessage
from satupintu.notifications.services import queue_message

EXTERNAL_LINK_DAYS = 30
EXTERNAL_LINK_SALT = "letters.external-download"


def external_download_token(letter: Letter, stored: LetterFile) -> str:
    return django_signing.dumps({"l": letter.pk, "f": stored.pk}, salt=EXTERNAL_LINK_SALT)


def signed_pdf(letter: Letter) -> LetterFile | None:
    return letter.files.filter(kind=LetterFile.Kind.SIGNED).order_by("-pk").first()


def _mail_external(letter: Letter, emails: list[str]) -> list[str]:
    """The signed PDF to outside addressees: an e-mail through the outbox with a download link
    (valid EXTERNAL_LINK_DAYS days) and the public verification page of the signature."""
    stored = signed_pdf(letter)
    link = settings.PUBLIC_BASE_URL + reverse(
        "letters:external_download", args=[external_download_token(letter, stored)]
    )
    verify = ""
    if letter.signed_document_id:
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
        queue_extraction(incoming)
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
