from django.urls import path

from satupintu.documents import views

app_name = "documents"

urlpatterns = [
    path("verifikasi/", views.verify_upload, name="verify_upload"),
    path("verifikasi/<str:token>/", views.verify_token, name="verify_token"),
    path("kantor/dokumen/<str:token>/", views.staff_detail, name="staff_detail"),
    path("kantor/dokumen/<str:token>/cabut/", views.staff_revoke, name="staff_revoke"),
    path("kantor/dokumen/<str:token>/unduh/", views.staff_download, name="staff_download"),
]
