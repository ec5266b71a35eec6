from django.urls import include, path

from satupintu.minutes import views, views_decisions

app_name = "minutes"

public_urlpatterns = [
    path("", views.public_list, name="public_list"),
    path("<int:pk>/", views.public_detail, name="public_detail"),
    path("<int:pk>/risalah.pdf", views.public_pdf, name="public_pdf"),
]

staff_urlpatterns = [
    path("", views.staff_list, name="staff_list"),
    path("baru/", views.create, name="create"),
    path("tindak-lanjut/", views.follow_ups, name="follow_ups"),
    path("tindak-lanjut/<int:action_id>/selesai/", views.follow_up_done, name="follow_up_done"),
    path("<int:pk>/", views.detail, name="staff_detail"),
    path("<int:pk>/ubah/", views.edit, name="edit"),
    path("<int:pk>/status/", views.act, name="act"),
    path("<int:pk>/risalah.pdf", views.staff_pdf, name="staff_pdf"),
    path("<int:pk>/hadir/", views.attendance, name="attendance"),
    path("<int:pk>/acara/", views.agenda_add, name="agenda_add"),
    path("<int:pk>/acara/<int:item_id>/", views.agenda_edit, name="agenda_edit"),
    path("<int:pk>/acara/<int:item_id>/hapus/", views.agenda_delete, name="agenda_delete"),
    path("<int:pk>/tindak-lanjut/", views.follow_up_add, name="follow_up_add"),
    path("<int:pk>/acara/<int:item_id>/kaitan/", views_decisions.link, name="decision_link"),
    path(
        "<int:pk>/acara/<int:item_id>/kaitan/<int:link_id>/hapus/",
        views_decisions.unlink,
        name="decision_unlink",
    ),
]

urlpatterns = [
    path("risalah/", include(public_urlpatterns)),
    path("kantor/rapat/", include(staff_urlpatterns)),
]
