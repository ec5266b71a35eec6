from django.urls import path

from satupintu.surveys import views_public as public
from satupintu.surveys import views_staff as staff

app_name = "surveys"

urlpatterns = [
    path("ikm/", public.index, name="index"),
    path("ikm/terima-kasih/", public.thanks, name="thanks"),
    path("ikm/isi/<str:token>/", public.answer, name="answer"),
    path("ikm/kios/<slug:slug>/", public.kiosk, name="kiosk"),
    path("ikm/<str:code>/", public.unit, name="unit"),
    path("ikm/<str:code>/laporan/<int:pk>.pdf", public.report_pdf, name="report_pdf"),
    # Staff
    path("kantor/ikm/", staff.units, name="staff_units"),
    path("kantor/ikm/<str:code>/", staff.report, name="staff_report"),
    path("kantor/ikm/<str:code>/terbitkan/", staff.issue, name="issue"),
    path("kantor/ikm/<str:code>/laporan/<int:pk>.pdf", staff.report_pdf, name="staff_pdf"),
]
