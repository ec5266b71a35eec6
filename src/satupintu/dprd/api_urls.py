from django.urls import path

from satupintu.dprd import api

urlpatterns = [
    path("anggota/", api.MemberList.as_view(), name="api-dprd-members"),
    path("anggota/<slug:slug>/", api.MemberDetail.as_view(), name="api-dprd-member"),
    path("usulan/", api.ProposalList.as_view(), name="api-dprd-proposals"),
    path("alat-kelengkapan/", api.BodyList.as_view(), name="api-dprd-bodies"),
]

# Staff actions (same services and permissions as the back-office pages) and the public
# status of an aspiration.
from satupintu.dprd import api_staff  # noqa: E402

urlpatterns += [
    path("kantor/usulan/", api_staff.StaffProposalList.as_view(), name="api-dprd-staff-proposals"),
    path(
        "usulan/<str:code>/tindakan/",
        api_staff.ProposalAction.as_view(),
        name="api-dprd-proposal-action",
    ),
    path(
        "aspirasi/<str:code>/tindakan/",
        api_staff.AspirationAction.as_view(),
        name="api-dprd-aspiration-action",
    ),
    path("aspirasi/<str:code>/", api_staff.PublicAspiration.as_view(), name="api-dprd-aspiration"),
]
