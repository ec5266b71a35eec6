from django.urls import path

from satupintu.spbe import views

app_name = "spbe"

urlpatterns = [
    path("aplikasi/", views.directory, name="directory"),
    path("kantor/spbe/aplikasi/", views.inventory, name="inventory"),
    path("kantor/spbe/aplikasi/impor/", views.import_csv, name="import"),
    path("kantor/spbe/aplikasi.csv", views.export_csv, name="export"),
    path("kantor/spbe/peta/", views.integration_map, name="map"),
]
