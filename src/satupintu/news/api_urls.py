"""/api/v1/berita/…: included once from satupintu/api_urls.py."""

from django.urls import path

from satupintu.news import api

urlpatterns = [
    path("", api.ItemList.as_view(), name="api-news"),
    path("<slug:slug>/", api.ItemDetail.as_view(), name="api-news-item"),
]
