from django.urls import include, path

from satupintu.dprd import (
    views,
    views_aspiration,
    views_correspondence,
    views_correspondence_outgoing,
    views_dashboard,
    views_pokir,
    views_recap,
    views_reses,
)

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
    path("dasbor/", views_dashboard.dashboard, name="dashboard"),
    path("dasbor/<slug:key>.csv", views_dashboard.dashboard_csv, name="dashboard_csv"),
]

urlpatterns = [
    path("dprd/", include(public_urlpatterns)),
    path("kantor/dprd/", include(staff_urlpatterns)),
]

# E-Reses
urlpatterns += [
    path(
        "dprd/anggota/<slug:slug>/reses/<int:period>.pdf",
        views_reses.report_pdf,
        name="reses_report",
    ),
    path("kantor/dprd/reses/", views_reses.staff_list, name="reses_list"),
    path("kantor/dprd/reses/baru/", views_reses.schedule, name="reses_schedule"),
    path("kantor/dprd/reses/<int:pk>/", views_reses.detail, name="reses_detail"),
    path("kantor/dprd/reses/<int:pk>/pelaksanaan/", views_reses.record_held, name="reses_held"),
    path("kantor/dprd/reses/<int:pk>/aspirasi/", views_reses.record_heard, name="reses_heard"),
    path(
        "kantor/dprd/reses/<int:pk>/aspirasi/<int:heard_pk>/",
        views_reses.complete,
        name="reses_complete",
    ),
    path("kantor/dprd/reses/<int:pk>/batal/", views_reses.cancel, name="reses_cancel"),
    path("kantor/dprd/reses/<int:pk>/foto/<int:photo_pk>/", views_reses.photo, name="reses_photo"),
    path(
        "kantor/dprd/reses/<int:pk>/laporan/",
        views_reses.generate_report,
        name="reses_report_generate",
    ),
]

# The signed E-Pokir recap of a dapil for a planning year (PDF).
urlpatterns += [
    path(
        "kantor/dprd/rekap/dapil/<int:number>/<int:year>.pdf",
        views_recap.district,
        name="recap_district",
    ),
]

# Council correspondence on the e-office (dprd/correspondence.py).
correspondence_urlpatterns = [
    path("", views_correspondence.inbox, name="correspondence"),
    path("baru/", views_correspondence.register, name="correspondence_register"),
    path("<int:pk>/", views_correspondence.detail, name="correspondence_detail"),
    path("<int:pk>/disposisi/", views_correspondence.dispose, name="correspondence_dispose"),
    path("disposisi/<int:pk>/lapor/", views_correspondence.report, name="correspondence_report"),
]
urlpatterns += [path("kantor/dprd/surat/", include(correspondence_urlpatterns))]

# Drafting an outgoing council letter (dprd/views_correspondence_outgoing.py).
urlpatterns += [
    path(
        "kantor/dprd/surat/keluar/baru/",
        views_correspondence_outgoing.draft,
        name="correspondence_draft",
    ),
]
