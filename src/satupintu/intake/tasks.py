"""Background work of the intake channels: WhatsApp photos, housekeeping, mailbox polling."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import task
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from satupintu.cases import services as case_services
from satupintu.cases import uploads
from satupintu.cases.models import Case
from satupintu.cases.workflow import REPORTER
from satupintu.core.periodic import every
from satupintu.intake.models import WhatsAppConversation, WhatsAppInboundMessage
from satupintu.notifications.services import queue_message
from satupintu.notifications.whatsapp import WhatsAppError

logger = logging.getLogger("satupintu.intake")

# Handled message ids are kept a little longer than messages are accepted (24 h): a replay
# of a pruned id is refused as stale anyway.
KEEP_MESSAGE_IDS = timedelta(days=3)
# Dialogue state (an encrypted phone number and a draft) is not kept longer than needed.
KEEP_CONVERSATIONS = timedelta(days=30)


def download_photos(media_ids: list[str]) -> tuple[list, int]:
    """Fetch and check photos sent on WhatsApp; returns (checked files, number refused)."""
    client = import_string(settings.WHATSAPP_CLIENT)()
    checked, refused = [], 0
    for number, media_id in enumerate(media_ids, 1):
        try:
            data, content_type = client.fetch_media(media_id, max_bytes=uploads.MAX_FILE_BYTES)
            upload = SimpleUploadedFile(f"whatsapp-{number}", data, content_type)
            checked.append(uploads.check_upload(upload))
        except (WhatsAppError, ValidationError, AttributeError) as exc:
            logger.warning("WhatsApp photo %s refused: %s", number, exc)
            refused += 1
    return checked, refused


@task()
def attach_whatsapp_photos(case_id: int, media_ids: list[str]) -> str:
    """Photos sent during the dialogue, attached after the case is filed (as the reporter's
    files), so the webhook answers quickly and holds no lock while downloading."""
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return "missing"
    checked, refused = download_photos(media_ids)
    if checked:
        try:
            case_services.perform(
                case, "add_files", actor=None, role=REPORTER, files=checked, public=False
            )
        except case_services.CaseError as exc:
            logger.warning("WhatsApp photos for %s not attached: %s", case.tracking_code, exc)
            refused += len(checked)
    if refused and case.reporter_phone:
        queue_message(
            channel="whatsapp",
            recipient=case.reporter_phone,
            body=_(
                "%(n)d foto untuk laporan %(code)s tidak dapat kami terima (hanya JPG, PNG atau "
                "WEBP, paling besar 10 MB). Laporan Anda tetap tercatat."
            )
            % {"n": refused, "code": case.tracking_code},
            dedupe_key=f"wa-photos:{case.pk}",
            reference=case.tracking_code,
        )
    return f"{len(checked)} attached, {refused} refused"


def prune(now=None) -> tuple[int, int]:
    now = now or timezone.now()
    ids, _detail = WhatsAppInboundMessage.objects.filter(
        received_at__lt=now - KEEP_MESSAGE_IDS
    ).delete()
    conversations, _detail = WhatsAppConversation.objects.filter(
        updated_at__lt=now - KEEP_CONVERSATIONS
    ).delete()
    return ids, conversations


@every(hours=24)
@task()
def prune_whatsapp_state() -> str:
    ids, conversations = prune()
    return f"{ids} message ids, {conversations} conversations"


@task()
def poll_mailbox() -> str:
    """`manage.py fetch_mail` on a schedule (every 5 minutes when SP_IMAP_HOST is set)."""
    if not settings.IMAP_HOST:
        return "not configured"
    from satupintu.intake import mail

    return str(mail.fetch_unseen())


if settings.IMAP_HOST:
    every(minutes=5)(poll_mailbox)
