from django.urls import path

from satupintu.guides import views

app_name = "guides"

urlpatterns = [
    path("", views.guide_list, name="list"),
    path("<slug:slug>/", views.guide_detail, name="detail"),
    path("<slug:slug>/selebaran.pdf", views.leaflet, name="leaflet"),
]
