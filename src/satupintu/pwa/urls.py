from django.urls import path

from satupintu.pwa import views, views_push

app_name = "pwa"

urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("luring/", views.offline, name="offline"),
    path("akun/notifikasi/push/", views_push.subscribe, name="push_subscribe"),
    path("akun/notifikasi/push/hapus/", views_push.unsubscribe, name="push_unsubscribe"),
]
