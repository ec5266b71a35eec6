from django.urls import include, path

from satupintu.intake import views

app_name = "intake"

channel_urlpatterns = [
    path("email/", views.email_inbound, name="email"),
    path("whatsapp/", views.whatsapp_webhook, name="whatsapp"),
]

staff_urlpatterns = [
    path("", views.operator_new, name="operator_new"),
    path("<str:code>/", views.operator_recorded, name="operator_recorded"),
]

urlpatterns = [
    path("intake/", include(channel_urlpatterns)),
    path("kantor/aduan-telepon/", include(staff_urlpatterns)),
]
