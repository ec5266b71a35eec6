"""What the service worker may keep for offline reading, in one place (docs/pwa.md).

Pages are kept only when nothing in them is someone's personal data: staff pages, accounts,
applications and the APIs never; a citizen's own tracking page and queue ticket always (they
are sent `no-store` because they carry the reporter's details, but the citizen wants exactly
these on the bus); any other page only when the server lets browsers keep it (no `no-store`,
no `private`)."""

import hashlib
import json

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse

# Path prefixes never written to the offline cache, whatever the response says.
NEVER = (
    "/kantor/",
    "/admin/",
    "/akun/",
    "/permohonan/",
    "/api/",
    "/open311/",
    "/fhir/",
    "/unggah/",
    "/intake/",
    "/metrics",
    "/healthz",
    "/bench/",
    "/sw.js",
)


def own_pages() -> list[str]:
    """Regular expressions (JavaScript syntax) of the citizen's own pages that are kept even
    though they are `no-store`: tracking pages (public and private link) and queue tickets."""
    track = reverse("cases:track", args=["CODE"]).replace("CODE/", "")
    ticket = reverse("queues:ticket", args=["CODE"]).replace("CODE/", "")
    path_tail = "[A-Za-z0-9-]+/([A-Za-z0-9_-]+/)?$"
    return [f"^{track}{path_tail}", f"^{ticket}{path_tail}"]


def precache() -> list[str]:
    return [
        reverse("pwa:offline"),
        static("css/satupintu.css"),
        static("js/pwa.js"),
        static("img/icon-192.png"),
    ]


def config() -> dict:
    return {
        "offline": reverse("pwa:offline"),
        "precache": precache(),
        "never": list(NEVER),
        "own": own_pages(),
        "static": settings.STATIC_URL,
        "name": settings.SITE_NAME,
        "icon": static("img/icon-192.png"),
    }


def service_worker() -> str:
    """The worker's source. Its version is a digest of everything it would fetch and do, so
    a new stylesheet, script or rule gives a new worker, new cache names, and the old caches
    are dropped when it takes over."""
    body = render_to_string("pwa/sw.js", {"config": json.dumps(config(), indent=1)})
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    return body.replace("__SP_VERSION__", version)
