from django.urls import include, path

from satupintu.accounts import api as accounts_api
from satupintu.backoffice import api as backoffice_api
from satupintu.cases import api as cases_api
from satupintu.org import api as org_api
from satupintu.queues import api as queues_api

urlpatterns = [
    path("wilayah/", org_api.RegionList.as_view(), name="api-regions"),
    path("dapil/", org_api.ElectoralDistrictList.as_view(), name="api-electoral-districts"),
    path("opd/", org_api.OrgUnitList.as_view(), name="api-org-units"),
    path("opd/<str:code>/", org_api.OrgUnitDetail.as_view(), name="api-org-unit"),
    path("akun/", accounts_api.me, name="api-me"),
    path(
        "kantor/unit/<str:code>/pegawai/",
        backoffice_api.UnitMembers.as_view(),
        name="api-unit-members",
    ),
    path("kantor/audit/", backoffice_api.AuditEventList.as_view(), name="api-audit-events"),
    path("kantor/kasus/", cases_api.CaseList.as_view(), name="api-cases"),
    path("kantor/kasus/jenis/", cases_api.CaseKindList.as_view(), name="api-case-kinds"),
    path("kantor/kasus/<str:code>/", cases_api.CaseDetail.as_view(), name="api-case"),
    path(
        "kantor/kasus/<str:code>/tindakan/",
        cases_api.CaseAction.as_view(),
        name="api-case-action",
    ),
    path("kantor/rapat/", include("satupintu.minutes.api_urls")),
    path("dprd/", include("satupintu.dprd.api_urls")),  # the council (public)
    path("proyek/", include("satupintu.projects.api_urls")),  # development projects (public)
    path("kantor/surat/", include("satupintu.letters.api_urls")),
    path("layanan/", include("satupintu.catalog.api_urls")),  # public catalogue
    path("berita/", include("satupintu.news.api_urls")),  # public city information
    path("kantor/permohonan/", include("satupintu.applications.api_urls")),
    path("antrean/lokasi/", queues_api.SiteList.as_view(), name="api-queue-sites"),
    path(
        "antrean/lokasi/<slug:slug>/layanan/<int:pk>/tempat/",
        queues_api.Availability.as_view(),
        name="api-queue-availability",
    ),
    path(
        "kantor/antrean/<slug:slug>/angka/",
        queues_api.Figures.as_view(),
        name="api-queue-figures",
    ),
    path("kantor/berita/", include("satupintu.news.api_staff_urls")),  # city information (staff)
    path("kantor/proyek/", include("satupintu.projects.api_staff_urls")),  # projects (staff)
]
