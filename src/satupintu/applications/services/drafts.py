"""Deleting a draft, undoing it, and purging what nobody restored.

Deleting only marks the draft (`deleted_at`): it disappears from "Permohonan saya" and its pages
answer 404, and for `settings.APPLICATION_DRAFT_UNDO_HOURS` the applicant can bring it back
("Urungkan") with its answers and uploaded documents. After that the periodic task
`applications.tasks.purge_deleted_drafts` deletes the row and, after commit, its files.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.applications.errors import ApplicationError
from satupintu.applications.models import ApplicationDraft
from satupintu.core import audit

__all__ = ["delete_draft", "purge_deleted_drafts", "restore_draft", "undo_deadline"]

logger = logging.getLogger(__name__)


def undo_window() -> timedelta:
    return timedelta(hours=settings.APPLICATION_DRAFT_UNDO_HOURS)


def undo_deadline(draft: ApplicationDraft):
    """Until when a deleted draft can be restored (None when it is not deleted)."""
    return draft.deleted_at + undo_window() if draft.deleted_at else None


def restorable(user, now=None):
    """The user's deleted drafts that can still be restored, newest first."""
    now = now or timezone.now()
    return ApplicationDraft.objects.filter(
        applicant=user,
        submitted_case=None,
        deleted_at__isnull=False,
        deleted_at__gt=now - undo_window(),
    ).order_by("-deleted_at")


def delete_draft(draft: ApplicationDraft, *, actor) -> ApplicationDraft:
    with transaction.atomic():
        locked = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
        if locked.submitted_case_id:
            raise ApplicationError(_("Permohonan ini sudah dikirim; draf tidak dapat dihapus."))
        if locked.deleted_at is None:
            locked.deleted_at = timezone.now()
            locked.save(update_fields=["deleted_at"])
            audit.record(
                "applications.draft_deleted",
                actor=actor,
                obj=locked,
                data={"undo_hours": settings.APPLICATION_DRAFT_UNDO_HOURS},
            )
    return locked


def restore_draft(draft: ApplicationDraft, *, actor) -> ApplicationDraft:
    with transaction.atomic():
        locked = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
        if locked.submitted_case_id:
            raise ApplicationError(_("Permohonan ini sudah dikirim."))
        if locked.deleted_at is None:
            return locked  # restored already (a second click): nothing to do
        if undo_deadline(locked) <= timezone.now():
            raise ApplicationError(
                _("Batas waktu untuk mengurungkan sudah lewat; draf ini sudah dihapus."),
                status=410,
            )
        locked.deleted_at = None
        locked.save(update_fields=["deleted_at"])
        audit.record("applications.draft_restored", actor=actor, obj=locked)
    return locked


def _delete_files(names) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # pragma: no cover - a missing file is nothing to clean
            logger.warning("could not delete %s", name)


def purge_deleted_drafts(now=None) -> int:
    """Delete drafts whose undo window is over, with their documents; returns how many."""
    cutoff = (now or timezone.now()) - undo_window()
    purged = 0
    due = ApplicationDraft.objects.filter(
        submitted_case=None, deleted_at__isnull=False, deleted_at__lte=cutoff
    ).values_list("pk", flat=True)
    for pk in list(due[:1000]):
        with transaction.atomic():
            draft = (
                ApplicationDraft.objects.select_for_update()
                .filter(pk=pk, deleted_at__lte=cutoff, submitted_case=None)
                .first()
            )
            if draft is None:  # restored or purged meanwhile
                continue
            names = [d.file.name for d in draft.documents.all() if d.file]
            audit.record(
                "applications.draft_purged",
                actor=None,
                obj=draft,
                data={"documents": len(names)},
            )
            draft.delete()
            transaction.on_commit(lambda names=names: _delete_files(names), robust=True)
        purged += 1
    if purged:
        logger.info("purged %d deleted application drafts", purged)
    return purged
