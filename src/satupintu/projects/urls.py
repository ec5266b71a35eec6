from django.urls import path

from satupintu.projects import views_public as public
from satupintu.projects import views_staff as staff

app_name = "projects"

urlpatterns = [
    path("proyek/", public.project_list, name="list"),
    path("proyek/kelurahan/<str:code>/", public.by_region, name="region"),
    path("proyek/opd/<str:code>/", public.by_opd, name="opd"),
    path("proyek/<slug:slug>/", public.detail, name="detail"),
    path("proyek/<slug:slug>/foto/<int:pk>/", public.photo, name="photo"),
    path(
        "proyek/<slug:slug>/foto/<int:pk>/<int:width>.<str:fmt>",
        public.photo_rendition,
        name="photo_rendition",
    ),
    # Staff
    path("kantor/proyek/", staff.project_list, name="staff_list"),
    path("kantor/proyek/baru/", staff.create, name="staff_create"),
    path("kantor/proyek/ekspor.csv", staff.export, name="staff_export"),
    path("kantor/proyek/<slug:slug>/", staff.edit, name="staff_detail"),
    path("kantor/proyek/<slug:slug>/kemajuan/", staff.progress, name="staff_progress"),
]
