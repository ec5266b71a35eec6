from django.urls import path

from satupintu.dprd import views

app_name = "dprd"

urlpatterns = [
    path("", views.home, name="home"),
    path("anggota/<slug:slug>/", views.member, name="member"),
    path("dapil/<int:number>/", views.district, name="district"),
]
