from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from satupintu.core.metrics import metrics_view
from satupintu.core.views import healthz, security_txt

urlpatterns = [
    path("", include("satupintu.portal.urls")),
    path("", include("satupintu.cases.urls")),
    path("aduan/", include("satupintu.complaints.urls")),
    path("layanan/", include("satupintu.catalog.urls")),  # public service catalogue
    # /permohonan/ (citizens) and /kantor/permohonan/ (staff work queues)
    path("", include("satupintu.applications.urls")),
    # /verifikasi/ (public document checks) and /kantor/dokumen/ (staff)
    path("", include("satupintu.documents.urls")),
    # /intake/email/, /intake/whatsapp/ (channels) and /kantor/aduan-telepon/ (operators)
    path("", include("satupintu.intake.urls")),
    path("unggah/", include("satupintu.uploads.urls")),  # resumable uploads (tus 1.0.0)
    # /kantor/loket/: counter officers file applications for citizens
    path("", include("satupintu.assisted.urls")),
    # /antrean/ (bookings, tickets, display boards) and /kantor/antrean/ (kiosk, counters)
    path("", include("satupintu.queues.urls")),
    path("", include("satupintu.surveys.urls")),
    path("", include("satupintu.dashboards.urls")),
    path("", include("satupintu.spbe.urls")),
    path("fhir/R4/", include("satupintu.queues.fhir_urls")),  # the hospital's SIMRS
    path("panduan/", include("satupintu.guides.urls")),  # plain-language guides, leaflets
    path("akun/", include("satupintu.onedoor.urls")),  # /akun/urusan/, /akun/notifikasi/
    path("akun/", include("satupintu.accounts.urls")),
    path("akun/", include("allauth.urls")),
    path("", include("satupintu.minutes.urls")),  # /risalah/ and /kantor/rapat/
    path("", include("satupintu.dprd.urls")),  # /dprd/ (the council, E-Pokir), /kantor/dprd/
    # /data/ (open data), /api/3/action/ (CKAN Action API), /kantor/data/ (OPDs' datasets)
    path("", include("satupintu.opendata.urls")),
    path("", include("satupintu.news.urls")),  # /berita/, /pengumuman/, /agenda/, /kantor/berita/
    path("kantor/surat/", include("satupintu.letters.urls")),
    path("kantor/", include("satupintu.backoffice.urls")),
    path("admin/", admin.site.urls),
    # Choosing a language changes nothing but a cookie, so the form needs no CSRF token, and
    # public pages without a token can be cached for every visitor.
    path("bahasa/", csrf_exempt(set_language), name="set_language"),
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("", include("satupintu.projects.urls")),  # /proyek/ and /kantor/proyek/
    path("", include("satupintu.geo.urls")),  # /peta/ (the one map) and /kantor/peta/
    # /manifest.webmanifest, /sw.js (scope: the whole site), /luring/ (docs/pwa.md)
    path("", include("satupintu.pwa.urls")),
    path("peta/", include("satupintu.core.map_urls")),  # map tiles (MBTiles), shared by maps
    path("api/v1/", include("satupintu.api_urls")),
    path("open311/v2/", include("satupintu.open311.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]

# Error pages that keep the citizen's place (core/errors.py).
handler400 = "satupintu.core.errors.bad_request"
handler500 = "satupintu.core.errors.server_error"

if settings.BENCH_VIEW_ENABLED:
    from satupintu.core.bench import bare

    urlpatterns.append(path("bench/bare/", bare, name="bench-bare"))
