from django.urls import path

from satupintu.assisted import views

app_name = "assisted"

urlpatterns = [
    path("kantor/loket/", views.filing_list, name="list"),
    path("kantor/loket/baru/", views.lookup, name="lookup"),
    path("kantor/loket/baru/warga/", views.start, name="start"),
    path("kantor/loket/<int:pk>/", views.detail, name="detail"),
    path("kantor/loket/<int:pk>/langkah/<int:n>/", views.step, name="step"),
]
