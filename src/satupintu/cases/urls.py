from django.urls import include, path

from satupintu.cases import staff_views, views

app_name = "cases"

public_urlpatterns = [
    path("", views.track_form, name="track_form"),
    path("<str:code>/", views.track, name="track"),
    path("<str:code>/kirim/", views.reporter_action, name="reporter_action"),
    path(
        "<str:code>/berkas/<int:attachment_id>/",
        views.reporter_attachment,
        name="reporter_attachment",
    ),
]

staff_urlpatterns = [
    path("", staff_views.inbox, name="inbox"),
    path("ekspor.csv", staff_views.export_csv, name="export"),
    path("<str:code>/", staff_views.detail, name="staff_detail"),
    path("<str:code>/tindakan/", staff_views.act, name="act"),
    path("<str:code>/berkas/<int:attachment_id>/", staff_views.attachment, name="staff_attachment"),
]

urlpatterns = [
    path("lacak/", include(public_urlpatterns)),
    path("kantor/kasus/", include(staff_urlpatterns)),
]
