from django.urls import path

from satupintu.letters import views, views_figures, views_outgoing, views_retention

app_name = "letters"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("masuk/baru/", views.register, name="register"),
    path("keluar/", views_outgoing.outgoing_list, name="outgoing_list"),
    path("keluar/baru/", views_outgoing.outgoing_new, name="outgoing_new"),
    path("keluar/<int:pk>/ubah/", views_outgoing.outgoing_edit, name="outgoing_edit"),
    path("unduhan/<str:token>/", views_outgoing.external_download, name="external_download"),
    path("arsip/", views.archive, name="archive"),
    path("arsip/csv/", views.export_csv, name="export"),
    path("klasifikasi/retensi/", views_retention.retention_schedule, name="retention"),
    path("klasifikasi/retensi/impor/", views_retention.retention_import, name="retention_import"),
    path("klasifikasi/retensi/<str:code>/", views_retention.retention_edit, name="retention_edit"),
    path("klasifikasi/", views.classification_lookup, name="classification"),
    path("kinerja/", views.performance, name="performance"),
    path("kinerja/csv/", views.performance_csv, name="performance_csv"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/cetak/", views_outgoing.letter_print, name="print"),
    path("<int:pk>/berkas/<int:file_id>/", views.file, name="file"),
    path("<int:pk>/disposisi/", views.dispose, name="dispose"),
    path("<int:pk>/ajukan/", views_outgoing.outgoing_submit, name="submit"),
    path("<int:pk>/paraf/", views_outgoing.outgoing_review, name="review"),
    path("<int:pk>/tandatangan/", views_outgoing.outgoing_sign, name="sign"),
    path("<int:pk>/kirim/", views_outgoing.outgoing_dispatch, name="dispatch"),
    path("disposisi/<int:pk>/tarik/", views.withdraw, name="withdraw"),
    path("disposisi/<int:pk>/lapor/", views.report, name="report"),
    path(
        "disposisi/terlambat/",
        views_figures.overdue_dispositions,
        name="overdue_dispositions",
    ),
]
