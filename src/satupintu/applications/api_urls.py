from django.urls import path

from satupintu.applications import api

# Mounted at /api/v1/kantor/permohonan/ (staff, with TOTP).
urlpatterns = [
    path("", api.ApplicationList.as_view(), name="api-staff-applications"),
    path("<str:code>/", api.ApplicationDetail.as_view(), name="api-staff-application"),
    path(
        "<str:code>/tindakan/",
        api.ApplicationAction.as_view(),
        name="api-staff-application-action",
    ),
    path(
        "<str:code>/dokumen-hasil/",
        api.ResultDocument.as_view(),
        name="api-staff-application-result",
    ),
    path(
        "<str:code>/dokumen-hasil/cabut/",
        api.RevokeResult.as_view(),
        name="api-staff-application-revoke",
    ),
]
