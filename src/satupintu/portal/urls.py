from django.urls import path

from satupintu.portal import privacy, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("cari/", views.search, name="search"),
    path("privasi/", privacy.privacy, name="privacy"),
    path("opd/", views.opd_list, name="opd_list"),
    path("opd/<str:code>/", views.opd_detail, name="opd_detail"),
    path("wilayah/", views.regions, name="regions"),
    path("wilayah/<str:code>/", views.region_detail, name="region_detail"),
]
