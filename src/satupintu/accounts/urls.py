from django.urls import path

from satupintu.accounts import mfa_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("profil/", views.profile_edit, name="profile_edit"),
    path("data-saya/", views.export_data, name="export"),
    path("hapus/", views.delete_account, name="delete"),
    path("aktivasi-totp/<str:token>/", mfa_views.totp_enrol, name="totp_enrol"),
    # allauth's own paths, served by our subclasses (matched before allauth.urls).
    path("2fa/authenticate/", mfa_views.authenticate, name="mfa_authenticate"),
    path("2fa/totp/activate/", mfa_views.activate_totp, name="mfa_activate_totp"),
]
