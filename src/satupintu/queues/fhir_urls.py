from django.urls import path

from satupintu.queues import fhir_views as v

app_name = "fhir"

urlpatterns = [
    path("metadata", v.metadata, name="metadata"),
    path("Location", v.location_search, name="location_search"),
    path("Location/<str:pk>", v.location_read, name="location_read"),
    path("HealthcareService", v.service_search, name="service_search"),
    path("HealthcareService/<int:pk>", v.service_read, name="service_read"),
    path("Practitioner", v.practitioner_search, name="practitioner_search"),
    path("Practitioner/<int:pk>", v.practitioner_read, name="practitioner_read"),
    path("Schedule", v.schedule_search, name="schedule_search"),
    path("Schedule/<str:pk>", v.schedule_read, name="schedule_read"),
    path("Slot", v.slot_search, name="slot_search"),
    path("Appointment", v.appointment_search, name="appointment_search"),
    path("Appointment/<str:code>", v.appointment, name="appointment"),
]
