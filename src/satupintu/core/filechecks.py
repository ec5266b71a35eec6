"""Checks for files citizens and staff attach: by content, not by name.

Lives in core because the resumable uploads (`satupintu.uploads`, below `cases`) check a
finished upload with the same rules as a form does; `cases.uploads` re-exports it."""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Magic numbers of the formats we accept, and what we call them.
SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"%PDF-", "application/pdf", ".pdf"),
]
WEBP = ("image/webp", ".webp")
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class CheckedFile:
    upload: object
    content_type: str
    extension: str
    size: int
    sha256: str


def sniff(head: bytes) -> tuple[str, str] | None:
    for magic, content_type, extension in SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return None


def _check_image(upload) -> None:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("Gambar terlalu besar (piksel)."))
            image.verify()
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - any decoder failure means a broken file
        raise ValidationError(_("Berkas gambar rusak atau tidak dapat dibaca.")) from exc
    finally:
        upload.seek(0)


def _check_pdf(upload) -> None:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if b"/Encrypt" in data:
        raise ValidationError(_("PDF terenkripsi atau berkata sandi tidak diterima."))
    if b"/JavaScript" in data or b"/JS" in data:
        raise ValidationError(_("PDF berisi JavaScript tidak diterima."))


def check_upload(upload, *, max_bytes: int = MAX_FILE_BYTES) -> CheckedFile:
    name = getattr(upload, "name", "berkas")
    if upload.size == 0:
        raise ValidationError(_("Berkas %(name)s kosong.") % {"name": name})
    if upload.size > max_bytes:
        raise ValidationError(
            _("Berkas %(name)s lebih dari %(mb)d MB.") % {"name": name, "mb": max_bytes // 2**20}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    found = sniff(head)
    if found is None:
        raise ValidationError(
            _("Jenis berkas %(name)s tidak diterima: hanya JPG, PNG, WEBP atau PDF.")
            % {"name": name}
        )
    content_type, extension = found
    if content_type.startswith("image/"):
        _check_image(upload)
    else:
        _check_pdf(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(upload, content_type, extension, upload.size, digest.hexdigest())
