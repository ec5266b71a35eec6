from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from satupintu.applications import views_citizen, views_drafts, views_staff, views_submitted

app_name = "applications"

# citizen
urlpatterns = [
    path("permohonan/", views_submitted.my_list, name="my_list"),
    path("permohonan/baru/<slug:slug>/", views_citizen.start, name="start"),
    path("permohonan/draf/<uuid:public_id>/langkah/<int:n>/", views_citizen.step, name="step"),
    path("permohonan/draf/<uuid:public_id>/hapus/", views_drafts.delete_draft, name="delete_draft"),
    path(
        "permohonan/draf/<uuid:public_id>/urungkan/",
        views_drafts.restore_draft,
        name="restore_draft",
    ),
    path(
        "permohonan/draf/<uuid:public_id>/berkas/<int:doc_id>/",
        views_citizen.draft_document,
        name="draft_document",
    ),
    path("permohonan/<str:code>/terkirim/", views_submitted.done, name="done"),
    path("permohonan/<str:code>/tanda-terima/", views_submitted.receipt, name="receipt"),
    path("permohonan/<str:code>/dokumen/<int:doc_id>/", views_submitted.document, name="document"),
    path("permohonan/<str:code>/hasil/", views_submitted.result, name="result"),
    path("permohonan/<str:code>/perbaikan/", views_submitted.correction, name="correction"),
    path("permohonan/<str:code>/batal/", views_submitted.withdraw, name="withdraw"),
    # The applicant's private links: the secret in the path (docs/applications.md). The
    # forms there are authorised by the secret, which a forging site cannot know, instead of the
    # CSRF check (pages rendered under the earlier no-referrer policy post "Origin: null").
    path(
        "permohonan/<str:code>/<secret:secret>/tanda-terima/",
        views_submitted.receipt,
        name="receipt_secret",
    ),
    path(
        "permohonan/<str:code>/<secret:secret>/dokumen/<int:doc_id>/",
        views_submitted.document,
        name="document_secret",
    ),
    path(
        "permohonan/<str:code>/<secret:secret>/hasil/", views_submitted.result, name="result_secret"
    ),
    path(
        "permohonan/<str:code>/<secret:secret>/perbaikan/",
        csrf_exempt(views_submitted.correction),
        name="correction_secret",
    ),
    path(
        "permohonan/<str:code>/<secret:secret>/batal/",
        csrf_exempt(views_submitted.withdraw),
        name="withdraw_secret",
    ),
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
