"""/api/v1/kantor/berita/…: the staff API of city information, included once from
satupintu/api_urls.py."""

from django.urls import path

from satupintu.news import api_staff

urlpatterns = [
    path("", api_staff.StaffItemList.as_view(), name="api-staff-news"),
    path("<int:pk>/", api_staff.StaffItemDetail.as_view(), name="api-staff-news-item"),
    path("<int:pk>/tindakan/", api_staff.StaffItemAction.as_view(), name="api-staff-news-action"),
]
