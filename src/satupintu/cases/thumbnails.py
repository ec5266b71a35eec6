"""Small versions of the photos attached to a case, for the tracking page.

Made on request from the stored (encrypted) file by the view that already checked the
reader's right to the file itself, and never stored: a stored copy would be one more file
to encrypt, erase and sweep. A phone photo is decoded at a reduced scale (JPEG draft mode),
so a thumbnail costs a fraction of a full decode.
"""

from io import BytesIO

from PIL import Image, ImageOps

THUMBNAIL_PX = 320  # the long side; shown at 160 CSS px, sharp on 2× screens
QUALITY = 70
IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp")


def is_image(attachment) -> bool:
    return attachment.content_type in IMAGE_TYPES


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency."""
    if image.mode in ("RGB", "L"):
        return image
    image = image.convert("RGBA")
    background = Image.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A"))
    return background


def thumbnail(attachment) -> bytes | None:
    """A JPEG of at most THUMBNAIL_PX on its long side, or None (not an image, unreadable)."""
    if not is_image(attachment):
        return None
    try:
        with attachment.file.open("rb") as stored:
            image = Image.open(stored)
            image.draft("RGB", (THUMBNAIL_PX * 2, THUMBNAIL_PX * 2))
            image = ImageOps.exif_transpose(image)
            image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
            image = _flatten(image)
            out = BytesIO()
            image.save(out, "JPEG", quality=QUALITY, optimize=True)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return out.getvalue()
