from django.urls import include, path

from satupintu.dprd import views, views_aspiration, views_pokir

app_name = "dprd"

public_urlpatterns = [
    path("", views.home, name="home"),
    path("anggota/<slug:slug>/", views.member, name="member"),
    path("dapil/<int:number>/", views.district, name="district"),
    path("aspirasi/", views_aspiration.new, name="aspiration_new"),
    path("jadwal/", views.calendar_page, name="calendar"),
    path("jadwal.ics", views.calendar_feed, name="calendar_feed"),
    path("usulan/baru/", views_pokir.new, name="proposal_new"),
    path("usulan/<str:code>/", views_pokir.detail, name="proposal"),
    path("usulan/<str:code>/dukung/", views_pokir.support, name="support"),
]

staff_urlpatterns = [
    path("usulan/", views_pokir.staff_list, name="staff_list"),
    path("usulan/<str:code>/", views_pokir.staff_detail, name="staff_detail"),
    path("usulan/<str:code>/tindakan/", views_pokir.staff_act, name="staff_act"),
    path("aspirasi/", views_aspiration.staff_list, name="aspiration_staff_list"),
    path("aspirasi/<str:code>/", views_aspiration.staff_detail, name="aspiration_staff_detail"),
    path("aspirasi/<str:code>/tindakan/", views_aspiration.staff_act, name="aspiration_staff_act"),
    path(
        "ekspor/dapil/<int:number>.<str:fmt>",
        views_pokir.export_district,
        name="export_district",
    ),
    path(
        "ekspor/anggota/<slug:slug>.<str:fmt>",
        views_pokir.export_member,
        name="export_member",
    ),
]

urlpatterns = [
    path("dprd/", include(public_urlpatterns)),
    path("kantor/dprd/", include(staff_urlpatterns)),
]

# Council correspondence on the e-office (dprd/correspondence.py).
from satupintu.dprd import views_correspondence  # noqa: E402

correspondence_urlpatterns = [
    path("", views_correspondence.inbox, name="correspondence"),
    path("baru/", views_correspondence.register, name="correspondence_register"),
    path("<int:pk>/", views_correspondence.detail, name="correspondence_detail"),
    path("<int:pk>/disposisi/", views_correspondence.dispose, name="correspondence_dispose"),
    path("disposisi/<int:pk>/lapor/", views_correspondence.report, name="correspondence_report"),
]
urlpatterns += [path("kantor/dprd/surat/", include(correspondence_urlpatterns))]
