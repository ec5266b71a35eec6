"""No back-office page opens before a staff member has set up TOTP."""

from allauth.mfa.models import Authenticator
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from satupintu.org.permissions import is_staff_member

STAFF_AREAS = ("/kantor/", "/admin/", "/api/v1/kantor/")


def needs_totp_setup(user) -> bool:
    if not user.is_authenticated:
        return False
    if not (user.is_staff or user.is_superuser or is_staff_member(user)):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_AREAS) and needs_totp_setup(request.user):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Aktifkan autentikasi dua langkah (TOTP) terlebih dahulu."},
                    status=403,
                )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)
