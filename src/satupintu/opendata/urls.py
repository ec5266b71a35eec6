from django.urls import path

from satupintu.opendata import ckan, views, views_staff

app_name = "opendata"

urlpatterns = [
    path("data/", views.dataset_list, name="list"),
    path("data/catalog.jsonld", views.catalog_jsonld, name="catalog"),
    path("data/<slug:slug>/", views.dataset_detail, name="detail"),
    path("data/<slug:slug>/unduh/<str:fmt>/", views.download, name="download"),
    # CKAN Action API: /api/3/action/ as documented, /api/action/ as ckanapi calls it.
    path("api/3/action/<str:name>", ckan.action, name="ckan_action"),
    path("api/action/<str:name>", ckan.action, name="ckan_action_unversioned"),
    # Staff
    path("kantor/data/", views_staff.staff_list, name="staff_list"),
    path("kantor/data/baru/", views_staff.create, name="staff_create"),
    path("kantor/data/perbarui/", views_staff.refresh, name="staff_refresh"),
    path("kantor/data/<slug:slug>/", views_staff.detail, name="staff_detail"),
    path("kantor/data/<slug:slug>/terbit/", views_staff.publish, name="staff_publish"),
]
