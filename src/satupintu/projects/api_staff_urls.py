"""/api/v1/kantor/proyek/…: the staff API of development projects, included once from
satupintu/api_urls.py."""

from django.urls import path

from satupintu.projects import api_staff

urlpatterns = [
    path("", api_staff.StaffProjectList.as_view(), name="api-staff-projects"),
    path("<slug:slug>/", api_staff.StaffProjectDetail.as_view(), name="api-staff-project"),
    path(
        "<slug:slug>/kemajuan/",
        api_staff.StaffProjectProgress.as_view(),
        name="api-staff-project-progress",
    ),
    path(
        "<slug:slug>/galeri/",
        api_staff.StaffProjectGallery.as_view(),
        name="api-staff-project-gallery",
    ),
]
