from django.urls import path

from satupintu.onedoor import views

app_name = "onedoor"

urlpatterns = [
    path("urusan/", views.mine, name="mine"),
    path("urusan/tautkan-kontak/", views.link_contact, name="link_contact"),
    path("urusan/tautkan-anonim/", views.link_secret, name="link_anonymous"),
    path("notifikasi/", views.notifications, name="notifications"),
    path("notifikasi/<int:message_id>/", views.notification, name="notification"),
    path("notifikasi/baca-semua/", views.mark_all_read, name="mark_all_read"),
]
