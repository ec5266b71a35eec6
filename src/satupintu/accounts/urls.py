from django.urls import path

from satupintu.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("profil/", views.profile_edit, name="profile_edit"),
    path("data-saya/", views.export_data, name="export"),
    path("hapus/", views.delete_account, name="delete"),
]
