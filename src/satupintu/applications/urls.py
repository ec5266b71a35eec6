from django.urls import path

from satupintu.applications import views_citizen, views_staff

app_name = "applications"

# citizen
urlpatterns = [
    path("permohonan/", views_citizen.my_list, name="my_list"),
    path("permohonan/baru/<slug:slug>/", views_citizen.start, name="start"),
    path("permohonan/draf/<uuid:public_id>/langkah/<int:n>/", views_citizen.step, name="step"),
    path(
        "permohonan/draf/<uuid:public_id>/hapus/", views_citizen.delete_draft, name="delete_draft"
    ),
    path(
        "permohonan/draf/<uuid:public_id>/berkas/<int:doc_id>/",
        views_citizen.draft_document,
        name="draft_document",
    ),
    path("permohonan/<str:code>/terkirim/", views_citizen.done, name="done"),
    path("permohonan/<str:code>/tanda-terima/", views_citizen.receipt, name="receipt"),
    path("permohonan/<str:code>/dokumen/<int:doc_id>/", views_citizen.document, name="document"),
    path("permohonan/<str:code>/hasil/", views_citizen.result, name="result"),
    path("permohonan/<str:code>/perbaikan/", views_citizen.correction, name="correction"),
    path("permohonan/<str:code>/batal/", views_citizen.withdraw, name="withdraw"),
]

# staff — the back office (views_staff.py); keep this block at the bottom.
urlpatterns += [
    path("kantor/permohonan/", views_staff.queue, name="staff_queue"),
    path("kantor/permohonan/<str:code>/", views_staff.detail, name="staff_detail"),
    path("kantor/permohonan/<str:code>/tindakan/", views_staff.act, name="staff_act"),
    path("kantor/permohonan/<str:code>/cabut/", views_staff.revoke, name="staff_revoke"),
    path("kantor/permohonan/<str:code>/hasil/", views_staff.result, name="staff_result"),
    path(
        "kantor/permohonan/<str:code>/dokumen/<int:document_id>/",
        views_staff.document,
        name="staff_document",
    ),
]
