from django.urls import path

from satupintu.geo import views

app_name = "geo"

urlpatterns = [
    path("peta/", views.map_page, name="map"),
    path("peta/lapisan/<slug:key>.geojson", views.layer_data, name="layer_data"),
    path("kantor/peta/", views.staff_layers, name="staff_layers"),
    path("kantor/peta/<slug:slug>/terbit/", views.staff_publish, name="staff_publish"),
]
