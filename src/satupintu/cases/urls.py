from django.urls import include, path

from satupintu.cases import staff_views, views

app_name = "cases"

public_urlpatterns = [
    path("", views.track_form, name="track_form"),
    path("<str:code>/", views.track, name="track"),
    path("<str:code>/kirim/", views.reporter_action, name="reporter_action"),
    path("<str:code>/peta.png", views.track_map, name="track_map"),
    path(
        "<str:code>/berkas/<int:attachment_id>/",
        views.reporter_attachment,
        name="reporter_attachment",
    ),
    path(
        "<str:code>/berkas/<int:attachment_id>/kecil/",
        views.reporter_thumbnail,
        name="reporter_thumbnail",
    ),
    # The reporter's private link: the secret in the path (docs/cases.md).
    path("<str:code>/<secret:secret>/", views.track_secret, name="track_secret"),
    path(
        "<str:code>/<secret:secret>/kirim/",
        views.reporter_action_secret,
        name="reporter_action_secret",
    ),
    path(
        "<str:code>/<secret:secret>/berkas/<int:attachment_id>/",
        views.reporter_attachment_secret,
        name="reporter_attachment_secret",
    ),
    path(
        "<str:code>/<secret:secret>/berkas/<int:attachment_id>/kecil/",
        views.reporter_thumbnail_secret,
        name="reporter_thumbnail_secret",
    ),
    path("<str:code>/<secret:secret>/peta.png", views.track_map_secret, name="track_map_secret"),
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
