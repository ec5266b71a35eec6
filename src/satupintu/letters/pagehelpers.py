"""POST glue shared by the e-office's pages and the pages of other doors built on it (the
DPRD's council correspondence): a disposition form and a follow-up report, each written through
`letters.services`, with the same messages and the same "keep what was ticked" rule."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from satupintu.letters import services
from satupintu.letters.forms import ReportForm


def submit_dispose(request, letter, form, send, *, detail: str, template: str, context):
    """`send(cleaned_data)` writes the disposition. Success → back to the letter's page
    (`detail`, a URL name); a refusal or a bad form re-shows `template` with the choices kept
    (`context(request, letter, dispose_form=form)`), as a 400."""
    if form.is_valid():
        try:
            send(form.cleaned_data)
        except services.LetterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Disposisi terkirim."))
            return redirect(detail, letter.pk)
    return render(request, template, context(request, letter, dispose_form=form), status=400)


def submit_report(request, disposition, *, detail: str):
    """The recipient's follow-up report on `disposition`; every outcome is a message on the
    letter's page (`detail`, a URL name)."""
    form = ReportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.complete(
                actor=request.user,
                disposition=disposition,
                report=form.cleaned_data["report"],
                files=form.cleaned_data["files"],
            )
        except services.LetterError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Laporan tindak lanjut tersimpan."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(detail, disposition.letter_id)
