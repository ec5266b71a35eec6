"""The image pipeline of public pictures (news lead images and galleries, project progress
photos): checked by content (core.filechecks, with its pixel limit), decoded by Pillow
with a decompression-bomb limit, turned upright (EXIF), stripped of metadata (GPS of the
editor's phone) and saved in a few widths as WebP with a JPEG fallback for old browsers."""

from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps

from satupintu.core.filechecks import MAX_IMAGE_PIXELS, check_upload

WIDTHS = (480, 960, 1440)
MAX_BYTES = 8 * 1024 * 1024
MIN_WIDTH = 320
FORMATS = {"webp": ("WEBP", "image/webp"), "jpeg": ("JPEG", "image/jpeg")}
EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
QUALITY = 78


@dataclass
class Prepared:
    width: int
    height: int
    original: ContentFile
    renditions: dict[str, dict[str, bytes]]


def _flatten(image: PILImage.Image) -> PILImage.Image:
    if image.mode == "RGB":
        return image
    image = image.convert("RGBA")
    background = PILImage.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A"))
    return background


def prepare(upload) -> Prepared:
    """Check and resize an uploaded image; ValidationError with an Indonesian message."""
    checked = check_upload(upload, max_bytes=MAX_BYTES)
    if not checked.content_type.startswith("image/"):
        raise ValidationError(_("Gambar harus berupa JPEG, PNG atau WebP."))
    PILImage.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    upload.seek(0)
    try:
        with PILImage.open(upload) as opened:
            image = ImageOps.exif_transpose(opened)
            image.load()
    except (OSError, ValueError, PILImage.DecompressionBombError) as exc:
        raise ValidationError(_("Berkas gambar rusak atau tidak dapat dibaca.")) from exc
    if image.width < MIN_WIDTH:
        raise ValidationError(
            _("Gambar terlalu kecil: lebar minimal %(px)d piksel.") % {"px": MIN_WIDTH}
        )
    image = _flatten(image)
    renditions: dict[str, dict[str, bytes]] = {}
    widths = [w for w in WIDTHS if w < image.width] or [image.width]
    if image.width not in widths and image.width < WIDTHS[-1]:
        widths.append(image.width)
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), PILImage.Resampling.LANCZOS)
        renditions[str(width)] = {}
        for key, (pil_format, _mime) in FORMATS.items():
            out = BytesIO()
            resized.save(out, pil_format, quality=QUALITY, optimize=key == "jpeg")
            renditions[str(width)][key] = out.getvalue()
    # The original is kept without its metadata (re-encoded), as large as the last width.
    largest = str(max(widths))
    original = ContentFile(renditions[largest]["jpeg"], name="asli.jpg")
    return Prepared(image.width, image.height, original, renditions)


def store(prepared: Prepared, prefix: str) -> dict[str, dict[str, str]]:
    """Save the renditions under `prefix/` in a folder of their own (a new picture gets new
    names, so a cached rendition never changes); their storage names by width and format."""
    folder = f"{prefix}/{get_random_string(16).lower()}"
    names: dict[str, dict[str, str]] = {}
    for width, formats in prepared.renditions.items():
        names[width] = {}
        for key, data in formats.items():
            name = f"{folder}/{width}.{EXTENSIONS[key]}"
            names[width][key] = default_storage.save(name, ContentFile(data))
    return names


def delete_stored(renditions: dict) -> None:
    for formats in renditions.values():
        for name in formats.values():
            default_storage.delete(name)
