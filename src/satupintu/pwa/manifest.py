"""The web app manifest: what a phone needs to put "Satu Pintu" on its home screen
(docs/pwa.md). Names come from the site's configuration, the city from its reference data."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from satupintu.org.selectors import city_region
from satupintu.pwa.icons import ICONS
from satupintu.pwa.theme import background_colour, theme_colour


def _icons() -> list[dict]:
    return [
        {
            "src": static(f"img/{name}"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "maskable" if maskable else "any",
        }
        for name, size, maskable in ICONS
    ]


def _shortcuts() -> list[dict]:
    return [
        {"name": _("Lacak laporan atau permohonan"), "url": reverse("cases:track_form")},
        {"name": _("Sampaikan aduan"), "url": reverse("complaints:new")},
        {"name": _("Antrean"), "url": reverse("queues:home")},
    ]


def build() -> dict:
    city = city_region()
    where = city.name if city else ""
    if where:
        description = _(
            "Layanan publik %(city)s dalam satu genggaman: layanan, informasi kota, dan pengaduan."
        ) % {"city": where}
    else:
        description = _(
            "Layanan publik kota dalam satu genggaman: layanan, informasi kota, dan pengaduan."
        )
    return {
        "id": "/",
        "name": f"{settings.SITE_NAME} {where}".strip(),
        "short_name": settings.SITE_NAME,
        "description": description,
        "lang": get_language() or settings.LANGUAGE_CODE,
        "dir": "ltr",
        "start_url": reverse("portal:home"),
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": theme_colour(),
        "background_color": background_colour(),
        "categories": ["government", "utilities"],
        "icons": _icons(),
        "shortcuts": _shortcuts(),
    }
