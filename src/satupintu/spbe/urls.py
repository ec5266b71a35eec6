from django.urls import path

from satupintu.spbe import views, views_evaluation

app_name = "spbe"

E = "kantor/spbe/evaluasi/"
urlpatterns = [
    path("aplikasi/", views.directory, name="directory"),
    path("kantor/spbe/aplikasi/", views.inventory, name="inventory"),
    path("kantor/spbe/aplikasi/impor/", views.import_csv, name="import"),
    path("kantor/spbe/aplikasi.csv", views.export_csv, name="export"),
    path("kantor/spbe/aplikasi.xlsx", views.export_xlsx, name="export_xlsx"),
    path("kantor/spbe/peta/", views.integration_map, name="map"),
    path(E, views_evaluation.evaluations, name="evaluations"),
    path(f"{E}buka/", views_evaluation.open_year, name="open_year"),
    path(f"{E}<int:year>/", views_evaluation.evaluation, name="evaluation"),
    path(f"{E}<int:year>/tugaskan/", views_evaluation.assign, name="assign"),
    path(f"{E}<int:year>/laporan/", views_evaluation.issue_report, name="issue_report"),
    path(f"{E}<int:year>/laporan/<int:pk>.pdf", views_evaluation.report_pdf, name="report_pdf"),
    path(f"{E}<int:year>/indikator/<int:pk>/", views_evaluation.assignment, name="assignment"),
    path(f"{E}<int:year>/indikator/<int:pk>/jawab/", views_evaluation.answer, name="answer"),
    path(
        f"{E}<int:year>/indikator/<int:pk>/bukti/",
        views_evaluation.add_evidence,
        name="add_evidence",
    ),
    path(
        f"{E}<int:year>/indikator/<int:pk>/bukti/<int:evidence>/",
        views_evaluation.evidence_file,
        name="evidence_file",
    ),
    path(f"{E}<int:year>/indikator/<int:pk>/tinjau/", views_evaluation.review, name="review"),
]
