from django.urls import path

from satupintu.dprd import api, api_correspondence, api_reses, api_reses_actions, api_staff

urlpatterns = [
    path("anggota/", api.MemberList.as_view(), name="api-dprd-members"),
    path("anggota/<slug:slug>/", api.MemberDetail.as_view(), name="api-dprd-member"),
    path("usulan/", api.ProposalList.as_view(), name="api-dprd-proposals"),
    path("alat-kelengkapan/", api.BodyList.as_view(), name="api-dprd-bodies"),
]

# Staff actions (same services and permissions as the back-office pages) and the public
# status of an aspiration.
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

# E-Reses in the staff API (dprd/api_reses.py, api_reses_actions.py).
urlpatterns += [
    path("kantor/reses/", api_reses_actions.RecessSchedule.as_view(), name="api-dprd-recesses"),
    path("kantor/reses/<int:pk>/", api_reses.RecessDetail.as_view(), name="api-dprd-recess"),
    path(
        "kantor/reses/<int:pk>/pelaksanaan/",
        api_reses.RecessHeld.as_view(),
        name="api-dprd-recess-held",
    ),
    path(
        "kantor/reses/<int:pk>/aspirasi/",
        api_reses.RecessHeardCreate.as_view(),
        name="api-dprd-recess-heard",
    ),
    path(
        "kantor/reses/<int:pk>/batal/",
        api_reses_actions.RecessCancel.as_view(),
        name="api-dprd-recess-cancel",
    ),
    path(
        "kantor/reses/<int:pk>/aspirasi/<int:heard_pk>/lengkapi/",
        api_reses_actions.RecessHeardComplete.as_view(),
        name="api-dprd-recess-complete",
    ),
    path(
        "kantor/reses/<int:pk>/foto/<int:photo_pk>/",
        api_reses_actions.RecessPhotoFile.as_view(),
        name="api-dprd-recess-photo",
    ),
    path(
        "kantor/reses/laporan/<slug:slug>/<int:period>/",
        api_reses_actions.RecessReportFile.as_view(),
        name="api-dprd-recess-report",
    ),
]

# Council correspondence in the staff API (dprd/api_correspondence.py).
urlpatterns += [
    path(
        "kantor/surat/",
        api_correspondence.CouncilLetterList.as_view(),
        name="api-dprd-letters",
    ),
    path(
        "kantor/surat/<int:pk>/",
        api_correspondence.CouncilLetterDetail.as_view(),
        name="api-dprd-letter",
    ),
]
