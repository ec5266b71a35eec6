import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from satupintu.accounts import services
from satupintu.accounts.forms import DeleteAccountForm, ProfileForm
from satupintu.org.selectors import kelurahan_choices


@never_cache
@login_required
def profile(request):
    profile = services.get_or_create_profile(request.user)
    return render(request, "accounts/profile.html", {"profile": profile})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    user = request.user
    profile = services.get_or_create_profile(user)
    initial = {
        "full_name": user.full_name,
        "nik": profile.nik,
        "kelurahan": profile.kelurahan_id,
        "rt": profile.rt,
        "street": profile.street,
    }
    form = ProfileForm(
        request.POST or None, initial=initial, kelurahan_queryset=kelurahan_choices()
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(user=user, **form.cleaned_data)
        except services.ProfileError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("Profil disimpan."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile_edit.html", {"form": form})


@never_cache
@login_required
def export_data(request):
    data = services.export_personal_data(request.user)
    services.record_export(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"data-saya-satupintu-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    # A staff account gets its refusal as the form's error; other blockers (applications
    # still in process) are explained in place of the form.
    staff = services.is_staff_account(request.user)
    blockers = [] if staff else services.erasure_blockers(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.erase_account(user=request.user, actor=request.user)
        except services.ErasureRefused as exc:
            form.add_error(None, str(exc))
        else:
            logout(request)
            messages.success(request, _("Akun dan data pribadi Anda telah dihapus."))
            return redirect("portal:home")
    context = {
        "form": form,
        "blockers": blockers,
        "user_id": request.user.pk,
        "retention_years": settings.APPLICATION_RECORD_RETENTION_YEARS,
    }
    return render(request, "accounts/delete.html", context)
