from django.urls import path

from satupintu.dprd import api

urlpatterns = [
    path("anggota/", api.MemberList.as_view(), name="api-dprd-members"),
    path("anggota/<slug:slug>/", api.MemberDetail.as_view(), name="api-dprd-member"),
    path("usulan/", api.ProposalList.as_view(), name="api-dprd-proposals"),
    path("alat-kelengkapan/", api.BodyList.as_view(), name="api-dprd-bodies"),
]
