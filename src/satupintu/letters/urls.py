from django.urls import path

from satupintu.letters import views

app_name = "letters"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("masuk/baru/", views.register, name="register"),
    path("keluar/", views.outgoing_list, name="outgoing_list"),
    path("keluar/baru/", views.outgoing_new, name="outgoing_new"),
    path("keluar/<int:pk>/ubah/", views.outgoing_edit, name="outgoing_edit"),
    path("unduhan/<str:token>/", views.external_download, name="external_download"),
    path("arsip/", views.archive, name="archive"),
    path("arsip/csv/", views.export_csv, name="export"),
    path("klasifikasi/retensi/", views.retention_schedule, name="retention"),
    path("klasifikasi/retensi/impor/", views.retention_import, name="retention_import"),
    path("klasifikasi/retensi/<str:code>/", views.retention_edit, name="retention_edit"),
    path("klasifikasi/", views.classification_lookup, name="classification"),
    path("kinerja/", views.performance, name="performance"),
    path("kinerja/csv/", views.performance_csv, name="performance_csv"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/cetak/", views.letter_print, name="print"),
    path("<int:pk>/berkas/<int:file_id>/", views.file, name="file"),
    path("<int:pk>/disposisi/", views.dispose, name="dispose"),
    path("<int:pk>/ajukan/", views.outgoing_submit, name="submit"),
    path("<int:pk>/paraf/", views.outgoing_review, name="review"),
    path("<int:pk>/tandatangan/", views.outgoing_sign, name="sign"),
    path("<int:pk>/kirim/", views.outgoing_dispatch, name="dispatch"),
    path("disposisi/<int:pk>/tarik/", views.withdraw, name="withdraw"),
    path("disposisi/<int:pk>/lapor/", views.report, name="report"),
]
