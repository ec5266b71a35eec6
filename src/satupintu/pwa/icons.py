"""The app's home-screen icons, drawn with Pillow from the brand colours (the "1" of the
brand mark on the brand green), so they are reproducible: `manage.py app_icons` writes them
to static/img/ and a test checks the committed files are what this code draws."""

from io import BytesIO

from PIL import Image, ImageDraw

BRAND = (0x0B, 0x5A, 0x4A)  # --brand in satupintu.css
INK = (0xFF, 0xFF, 0xFF)  # --brand-ink

# (file name, size, maskable). A maskable icon keeps its mark inside the central 80 % circle
# (the "safe zone"), because launchers cut it to their own shape.
ICONS = [
    ("icon-192.png", 192, False),
    ("icon-512.png", 512, False),
    ("icon-maskable-512.png", 512, True),
]


def draw(size: int, *, maskable: bool) -> Image.Image:
    image = Image.new("RGB", (size, size), BRAND)
    pen = ImageDraw.Draw(image)
    if not maskable:
        # A rounded tile on white corners reads as an icon where launchers do not mask.
        image.paste(INK, (0, 0, size, size))
        pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=BRAND)
    scale = size * (0.5 if maskable else 0.62)  # the mark's height
    unit = scale / 10
    left = size / 2 - 2.2 * unit
    top = size / 2 - 5 * unit
    stem_left, stem_right = left + 1.4 * unit, left + 3.8 * unit
    # The "1": its stem, its flag and its foot.
    pen.rectangle((stem_left, top, stem_right, top + 10 * unit), fill=INK)
    pen.polygon(
        [
            (stem_left, top),
            (stem_left, top + 2.4 * unit),
            (left - 0.6 * unit, top + 3.4 * unit),
            (left - 0.6 * unit, top + 1.4 * unit),
        ],
        fill=INK,
    )
    pen.rectangle(
        (left - 0.4 * unit, top + 8.6 * unit, left + 5.6 * unit, top + 10 * unit), fill=INK
    )
    return image


def png_bytes(size: int, *, maskable: bool) -> bytes:
    buffer = BytesIO()
    draw(size, maskable=maskable).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
