from django.urls import path

from satupintu.projects import api

urlpatterns = [
    path("", api.ProjectList.as_view(), name="api-projects"),
    path("<slug:slug>/", api.ProjectDetail.as_view(), name="api-project"),
    path("<slug:slug>/galeri/", api.ProjectGallery.as_view(), name="api-project-gallery"),
]
