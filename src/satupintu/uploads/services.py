"""Every write to an upload: creation, appending a part, joining and checking the finished
file, termination, keeping a plain (multipart) file for a form sent again, and clean-up.

Appending a part is not an audit event (an upload has dozens); creation, the outcome of the
content check, termination and each clean-up are.
"""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.core.filechecks import CheckedFile, check_upload
from satupintu.uploads.models import Upload, UploadPart

logger = logging.getLogger(__name__)
READ_SIZE = 64 * 1024


class UploadError(Exception):
    """A request the protocol refuses: the HTTP status and an Indonesian message."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message = message
        self.status = status


def _expiry(now=None):
    return (now or timezone.now()) + timedelta(hours=settings.UPLOAD_EXPIRY_HOURS)


def _actor(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def too_large_message(length: int) -> str:
    return _("Berkas %(size)s MB terlalu besar: paling besar %(max)s MB.") % {
        "size": f"{length / 2**20:.1f}".replace(".", ","),
        "max": settings.UPLOAD_MAX_BYTES // 2**20,
    }


def create(*, user, session_owner: str, length: int, filename: str = "", declared_type: str = ""):
    if length <= 0:
        raise UploadError(_("Berkas kosong tidak dapat diunggah."), 400)
    if length > settings.UPLOAD_MAX_BYTES:
        raise UploadError(too_large_message(length), 413)
    with transaction.atomic():
        upload = Upload.objects.create(
            owner=_actor(user),
            owner_session=session_owner,
            length=length,
            filename=filename[-200:],
            declared_type=declared_type[:100],
            expires_at=_expiry(),
        )
        audit.record("uploads.created", actor=_actor(user), obj=upload, data={"length": length})
    return upload


def _part_name(upload: Upload, offset: int) -> str:
    # One flat directory: a directory per upload would stay behind, empty, after the join.
    return f"uploads/parts/{upload.public_id}-{offset:012d}-{secrets.token_hex(4)}.part"


def append(upload: Upload, *, offset: int, data: bytes) -> Upload:
    """Store `data` at `offset`. The offset moves only if nobody else moved it meanwhile (a
    client retrying while its first request still runs): the loser gets 409 and its part is
    deleted. The last part joins and checks the file (`finish`)."""
    if upload.state != Upload.State.RECEIVING:
        raise UploadError(_("Unggahan ini sudah selesai."), 409)
    if offset != upload.offset:
        raise UploadError(_("Posisi unggahan tidak cocok; lanjutkan dari posisi server."), 409)
    if offset + len(data) > upload.length:
        raise UploadError(_("Data melebihi ukuran berkas yang diumumkan."), 400)
    if not data:
        return upload
    name = default_storage.save(_part_name(upload, offset), ContentFile(data))
    try:
        with transaction.atomic():
            moved = Upload.objects.filter(
                pk=upload.pk, offset=offset, state=Upload.State.RECEIVING
            ).update(
                offset=F("offset") + len(data), expires_at=_expiry(), updated_at=timezone.now()
            )
            if not moved:
                raise UploadError(
                    _("Posisi unggahan tidak cocok; lanjutkan dari posisi server."), 409
                )
            UploadPart.objects.create(upload=upload, offset=offset, size=len(data), file=name)
    except BaseException:
        default_storage.delete(name)
        raise
    upload.refresh_from_db()
    if upload.offset == upload.length:
        upload = finish(upload)
    return upload


class _Joined(File):
    """The parts, read back in order, as one file for `default_storage.save`."""

    def __init__(self, parts, size: int):
        super().__init__(None, "joined")
        self._parts = parts
        self._size = size

    @property
    def size(self):
        return self._size

    def chunks(self, chunk_size=None):
        for part in self._parts:
            with default_storage.open(part.file.name) as handle:
                while piece := handle.read(READ_SIZE):
                    yield piece


def open_file(upload: Upload) -> File:
    """The finished upload's content as a Django File named like the citizen's file, ready
    for the same checks and `default_storage.save` as a multipart upload."""
    stored = default_storage.open(upload.file.name)
    opened = File(stored.file, name=upload.filename or f"berkas{upload.extension}")
    opened.size = upload.length
    opened.upload_record = upload  # lets a form find which uploads it used (attach.used)
    return opened


def finish(upload: Upload) -> Upload:
    """Join the parts into one file, check it by content; complete or rejected."""
    parts = list(upload.parts.order_by("offset"))
    name = default_storage.save(
        f"uploads/{timezone.now():%Y/%m}/{secrets.token_urlsafe(16)}.bin",
        _Joined(parts, upload.length),
    )
    try:
        content = default_storage.open(name)
        checked_file = File(content.file, name=upload.filename or "berkas")
        checked_file.size = upload.length
        try:
            checked = check_upload(checked_file, max_bytes=settings.UPLOAD_MAX_BYTES)
        finally:
            content.close()
    except ValidationError as exc:
        default_storage.delete(name)
        return _reject(upload, " ".join(str(m) for m in exc.messages), parts)
    except BaseException:
        default_storage.delete(name)
        raise
    with transaction.atomic():
        Upload.objects.filter(pk=upload.pk).update(
            state=Upload.State.COMPLETE,
            file=name,
            content_type=checked.content_type,
            extension=checked.extension,
            sha256=checked.sha256,
            expires_at=_expiry(),
            updated_at=timezone.now(),
        )
        part_names = [p.file.name for p in parts]
        upload.parts.all().delete()
        audit.record(
            "uploads.completed",
            actor=upload.owner,
            obj=upload,
            data={"length": upload.length, "content_type": checked.content_type},
        )
        transaction.on_commit(lambda: _delete_files(part_names), robust=True)
    upload.refresh_from_db()
    return upload


def _reject(upload: Upload, message: str, parts) -> Upload:
    with transaction.atomic():
        Upload.objects.filter(pk=upload.pk).update(
            state=Upload.State.REJECTED, message=message[:300], updated_at=timezone.now()
        )
        part_names = [p.file.name for p in parts]
        upload.parts.all().delete()
        audit.record("uploads.rejected", actor=upload.owner, obj=upload)
        transaction.on_commit(lambda: _delete_files(part_names), robust=True)
    upload.refresh_from_db()
    return upload


def keep(*, user, session_owner: str, checked: CheckedFile) -> Upload:
    """A plain (multipart) file that passed its checks, kept as a finished upload when the
    rest of its form was refused, so the person does not send it again."""
    name = default_storage.save(
        f"uploads/{timezone.now():%Y/%m}/{secrets.token_urlsafe(16)}.bin", checked.upload
    )
    try:
        with transaction.atomic():
            upload = Upload.objects.create(
                owner=_actor(user),
                owner_session=session_owner,
                length=checked.size,
                offset=checked.size,
                filename=(getattr(checked.upload, "name", "") or "")[-200:],
                state=Upload.State.COMPLETE,
                file=name,
                content_type=checked.content_type,
                extension=checked.extension,
                sha256=checked.sha256,
                expires_at=_expiry(),
            )
            audit.record("uploads.kept", actor=_actor(user), obj=upload)
    except BaseException:
        default_storage.delete(name)
        raise
    return upload


def terminate(upload: Upload, *, user) -> None:
    _delete_uploads([upload], "uploads.terminated", actor=_actor(user))


# A form that used an upload has its own copy; the upload stays this long, so that the same
# form sent twice (a slow link, a second tap) is answered by the form's idempotency instead
# of "file not found", then the sweep deletes it.
USED_GRACE = timedelta(hours=1)


def discard_used(uploads, *, user=None) -> None:
    """Uploads a form has copied into its own records: deleted soon (USED_GRACE)."""
    ids = [u.pk for u in uploads if u is not None]
    if not ids:
        return
    with transaction.atomic():
        Upload.objects.filter(pk__in=ids, expires_at__gt=timezone.now() + USED_GRACE).update(
            expires_at=timezone.now() + USED_GRACE
        )
        audit.record("uploads.used", actor=_actor(user), data={"count": len(ids)})


def sweep_expired(now=None) -> int:
    """Delete expired uploads (finished or not) and their files."""
    expired = list(Upload.objects.filter(expires_at__lte=now or timezone.now())[:1000])
    if expired:
        _delete_uploads(expired, "uploads.expired")
    return len(expired)


def _delete_uploads(uploads, action: str, *, actor=None) -> None:
    with transaction.atomic():
        ids = [u.pk for u in uploads]
        names = [u.file.name for u in Upload.objects.filter(pk__in=ids) if u.file]
        names += list(UploadPart.objects.filter(upload_id__in=ids).values_list("file", flat=True))
        Upload.objects.filter(pk__in=ids).delete()
        if len(uploads) == 1:
            audit.record(action, actor=actor, obj=uploads[0])
        else:
            audit.record(action, actor=actor, data={"count": len(uploads)})
        transaction.on_commit(lambda: _delete_files(names), robust=True)


def _delete_files(names) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # pragma: no cover - a missing file is nothing to clean
            logger.warning("could not delete %s", name)
