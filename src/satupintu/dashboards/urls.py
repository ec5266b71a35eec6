from django.urls import path

from satupintu.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("transparansi/", views.public_page, name="public"),
    path("transparansi/<slug:key>/", views.public_figure, name="public_figure"),
    path("transparansi/<slug:key>.csv", views.public_csv, name="public_csv"),
    path("kantor/dasbor/", views.home, name="home"),
    path("kantor/dasbor/perbarui/", views.refresh, name="refresh"),
    path("kantor/dasbor/<slug:key>.csv", views.figure_csv, name="csv"),
    path(
        "kantor/dasbor/bulanan/<slug:code>/<str:month>.pdf",
        views.monthly_pdf,
        name="monthly_pdf",
    ),
]
