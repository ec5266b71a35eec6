from django.urls import path

from satupintu.backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("unit/", views.units, name="units"),
    path("unit/<str:code>/", views.unit_detail, name="unit_detail"),
    path("audit/", views.audit, name="audit"),
]
