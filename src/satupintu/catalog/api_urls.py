from django.urls import path

from satupintu.catalog import api

urlpatterns = [
    path("", api.ServiceList.as_view(), name="api-services"),
    path("<slug:slug>/", api.ServiceDetail.as_view(), name="api-service"),
]
