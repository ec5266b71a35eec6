"""Drafting an outgoing council letter (`/kantor/dprd/surat/keluar/baru/`): the e-office's
drafting form and page with the drafting unit fixed to SETWAN, written through
`correspondence.draft_council_letter` (SETWAN's kop surat; numbered with SETWAN's number
template when signed). Paraf, signing and sending are the e-office's pages, as for the
Sekda's letters."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from satupintu.backoffice.views import staff_required
from satupintu.dprd import correspondence
from satupintu.letters import services as letter_services
from satupintu.letters.forms import OutgoingForm
from satupintu.letters.views import classification_options
from satupintu.letters.views_outgoing import apply_template, chosen_template


@staff_required
@require_http_methods(["GET", "POST"])
def draft(request):
    unit = correspondence.drafting_unit(request.user)
    if unit is None:
        raise Http404
    form = OutgoingForm(request.POST or None, request.FILES or None, user=request.user, unit=unit)
    template = chosen_template(request, unit) if request.method == "GET" else None
    if template is not None:
        apply_template(form, template, unit)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("aksi") == "ajukan"
        try:
            letter = correspondence.draft_council_letter(actor=request.user, **form.draft_fields())
            if submit:
                letter_services.submit_outgoing(actor=request.user, letter=letter)
        except letter_services.LetterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Konsep surat DPRD diajukan untuk paraf/tanda tangan.")
                if submit
                else _("Konsep surat DPRD tersimpan."),
            )
            return redirect("dprd:correspondence_detail", letter.pk)
    context = {
        "form": form,
        "letter": None,
        "templates": letter_services.templates_for(unit),
        "chosen_template": request.GET.get("templat", ""),
        "codes": classification_options(),
        "reviews": [],
        "kop": letter_services.kop_for(unit),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "dprd/correspondence_draft.html", context, status=status)
