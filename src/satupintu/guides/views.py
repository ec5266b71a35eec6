"""/panduan/: the list of guides, one page per guide, and its one-page PDF leaflet."""

import functools
import io

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from satupintu.guides import registry

STATIC_DIR = "guides"


def image_url(name: str) -> str | None:
    """The picture's static URL, or None while `make guides` has not made it yet."""
    if not name:
        return None
    try:
        return static(f"{STATIC_DIR}/{name}")
    except ValueError:  # not in the manifest (production): no picture rather than an error
        return None


def _steps(guide: registry.Guide) -> list[dict]:
    return [
        {
            "n": n,
            "text": step.text,
            "alt": step.alt,
            "image": step.image,
            "url": image_url(step.image),
        }
        for n, step in enumerate(guide.steps, start=1)
    ]


def _guide_or_404(slug: str) -> registry.Guide:
    guide = registry.get(slug)
    if guide is None:
        raise Http404
    return guide


def public_url(guide: registry.Guide) -> str:
    return f"{settings.PUBLIC_BASE_URL}{reverse('guides:detail', args=[guide.slug])}"


@require_GET
def guide_list(request):
    return render(request, "guides/list.html", {"guides": registry.all_guides()})


@require_GET
def guide_detail(request, slug):
    guide = _guide_or_404(slug)
    return render(
        request,
        "guides/detail.html",
        {
            "guide": guide,
            "steps": _steps(guide),
            "others": [g for g in registry.all_guides() if g.slug != guide.slug],
        },
    )


@require_GET
def leaflet(request, slug):
    guide = _guide_or_404(slug)
    response = HttpResponse(leaflet_pdf(guide.slug, get_language()), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="panduan-{guide.slug}.pdf"'
    # Public and the same for everyone: proxies and browsers may keep it for a while.
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _print_picture(name: str) -> str:
    """A step's picture as a small JPEG data URI for the leaflet: about 200 dpi at its printed
    size. WeasyPrint would embed the WebP decoded, a megabyte per leaflet."""
    import base64

    from PIL import Image

    found = finders.find(f"{STATIC_DIR}/{name}") if name else None
    if not found:
        return ""
    with Image.open(found) as image:
        image = image.convert("RGB")
        image.thumbnail((PRINT_PICTURE_HEIGHT, PRINT_PICTURE_HEIGHT))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=72, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()


PRINT_PICTURE_HEIGHT = 460


# Rendering takes WeasyPrint about a second: each process keeps the few leaflets it made
# (one per guide and language; the pictures only change with a new release).
@functools.lru_cache(maxsize=32)
def leaflet_pdf(slug: str, language: str) -> bytes:
    from satupintu.documents.pdf import render_pdf

    guide = _guide_or_404(slug)
    steps = [{**step, "file": _print_picture(step["image"])} for step in _steps(guide)]
    url = public_url(guide)
    rows = [
        steps[i : i + 2] + [None] * (2 - len(steps[i : i + 2])) for i in range(0, len(steps), 2)
    ]
    return render_pdf(
        "guides/leaflet.html",
        {
            "guide": guide,
            "rows": rows,
            # Three rows of pictures fit an A4 page with the header and the footer.
            "shot_height": 56 if len(rows) >= 3 else 78,
            "url": url,
            "qr": segno.make(url, error="m").svg_data_uri(scale=3, border=2),
            "site_name": settings.SITE_NAME,
            "language": language,
        },
    )
