"""Deleting a draft (a confirmation page first, with or without JavaScript) and undoing it.

The delete only marks the draft; "Permohonan saya" lists it under "Baru dihapus" with an
"Urungkan" button until the undo window is over (services/drafts.py).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from satupintu.applications import services
from satupintu.applications.models import ApplicationDraft
from satupintu.applications.services import drafts
from satupintu.applications.views_shared import own_draft


def _list_url(anchor: str = "") -> str:
    return reverse("applications:my_list") + (f"#{anchor}" if anchor else "")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_draft(request, public_id):
    draft = own_draft(request, public_id)
    if draft.submitted_case_id:
        messages.info(request, _("Permohonan ini sudah dikirim."))
        return redirect("applications:my_list")
    if request.method == "POST":
        try:
            deleted = services.delete_draft(draft, actor=request.user)
        except services.ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("applications:my_list")
        until = timezone.localtime(drafts.undo_deadline(deleted))
        messages.success(
            request,
            _(
                "Draf %(service)s dihapus. Berubah pikiran? Tekan “Urungkan” di bawah sampai "
                "%(until)s."
            )
            % {"service": draft.service.name, "until": until.strftime("%d-%m-%Y %H:%M")},
        )
        return redirect(_list_url("baru-dihapus"))
    return render(
        request,
        "applications/citizen/delete_draft.html",
        {
            "draft": draft,
            "service": draft.service,
            "documents": draft.documents.count(),
            "undo_hours": settings.APPLICATION_DRAFT_UNDO_HOURS,
        },
    )


@login_required
@require_POST
def restore_draft(request, public_id):
    draft = ApplicationDraft.objects.filter(
        public_id=public_id, applicant=request.user, submitted_case=None
    ).first()
    if draft is None:
        raise Http404
    try:
        services.restore_draft(draft, actor=request.user)
    except services.ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Draf %(service)s dipulihkan.") % {"service": draft.service})
    return redirect(_list_url("draf"))
