from django.urls import path

from satupintu.complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("baru/", views.new, name="new"),
    path("terkirim/<str:code>/", views.sent, name="sent"),
    path("terkirim/<str:code>/kirim-tautan/", views.send_link, name="send_link"),
    path("statistik/", views.statistics, name="statistics"),
]
