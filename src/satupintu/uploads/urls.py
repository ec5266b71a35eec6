from django.urls import path

from satupintu.uploads import views

app_name = "uploads"

urlpatterns = [
    path("", views.collection, name="collection"),
    path("<uuid:public_id>/", views.detail, name="detail"),
]
