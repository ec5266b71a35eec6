"""Back-office pages of outgoing letters: list, drafting and editing, paraf, signing, sending,
printing, and the signed PDF's download link for outside addressees."""

from datetime import timedelta

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satupintu.backoffice.views import staff_required
from satupintu.core.listing import page_of
from satupintu.letters import selectors, services
from satupintu.letters.forms import (
    OutgoingForm,
    ReviewForm,
)
from satupintu.letters.models import Letter
from satupintu.letters.views import classification_options


@staff_required
def outgoing_list(request):
    letters = (
        selectors.visible_letters(request.user)
        .filter(direction=Letter.Direction.OUTGOING)
        .select_related("org_unit", "classification", "signer")
    )
    return render(request, "letters/outgoing_list.html", {"page": page_of(request, letters, 25)})


def chosen_template(request, unit):
    """`?templat=ID`: the body template the drafter picked (a GET form above the letter form,
    so Enter in a field never applies a template)."""
    value = request.GET.get("templat", "")
    if not value.isdigit() or unit is None:
        return None
    return services.templates_for(unit).filter(pk=int(value)).first()


def _form_unit(request, form):
    """The drafting unit of a new letter: the one chosen, else the drafter's first unit."""
    value = request.POST.get("unit", "") or request.GET.get("unit", "")
    units = services.drafting_units(request.user)
    if value.isdigit():
        return units.filter(pk=int(value)).first()
    return units.first()


def apply_template(form, template, unit, subject=""):
    form.initial["body"] = services.fill_template(template, unit=unit, subject=subject)
    form.initial["letter_type"] = template.letter_type


def _outgoing_form_page(request, form, letter=None, unit=None):
    unit = letter.org_unit if letter else unit
    return render(
        request,
        "letters/outgoing_form.html",
        {
            "form": form,
            "letter": letter,
            "templates": services.templates_for(unit) if unit else [],
            "chosen_template": request.GET.get("templat", ""),
            "codes": classification_options(),
            "reviews": letter.reviews.select_related("reviewer") if letter else [],
            "kop": services.kop_for(unit) if unit else None,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@staff_required
def outgoing_new(request):
    """Draft a letter: kop from the unit, body from a template, route, recipients, tembusan."""
    form = OutgoingForm(request.POST or None, request.FILES or None, user=request.user)
    unit = _form_unit(request, form)
    template = chosen_template(request, unit) if request.method == "GET" else None
    if template is not None:
        apply_template(form, template, unit)
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.create_outgoing(
                actor=request.user, unit=form.cleaned_data["unit"], **form.draft_fields()
            )
            if request.POST.get("aksi") == "ajukan":
                services.submit_outgoing(actor=request.user, letter=letter)
        except services.LetterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Konsep diajukan untuk paraf/tanda tangan.")
                if request.POST.get("aksi") == "ajukan"
                else _("Konsep surat tersimpan."),
            )
            return redirect("letters:detail", letter.pk)
    return _outgoing_form_page(request, form, unit=unit)


@staff_required
def outgoing_edit(request, pk):
    """The drafter edits a draft or a draft returned by a reviewer (the note is shown).
    Signed letters are final: a change is refused with a message and audited."""
    letter = selectors.letter_for(request.user, pk)
    if letter.direction != Letter.Direction.OUTGOING:
        raise Http404
    editable = letter.status == Letter.Status.DRAFT and letter.drafted_by_id == request.user.pk
    if request.method == "GET" and not editable:
        if letter.is_locked:
            messages.error(request, _("Surat yang sudah ditandatangani tidak dapat diubah."))
        elif letter.status != Letter.Status.DRAFT:
            messages.error(
                request,
                _(
                    "Surat ini sedang dalam proses paraf/tanda tangan dan tidak dapat diubah. "
                    "Minta pemaraf mengembalikannya bila perlu perbaikan."
                ),
            )
        else:
            messages.error(request, _("Hanya pembuat konsep yang dapat mengubahnya."))
        return redirect("letters:detail", letter.pk)
    form = OutgoingForm(
        request.POST or None, request.FILES or None, user=request.user, letter=letter
    )
    template = chosen_template(request, letter.org_unit) if request.method == "GET" else None
    if template is not None:
        apply_template(form, template, letter.org_unit, letter.subject)
    if request.method == "POST" and not editable:
        # Refused by the service (signed, under review, not the drafter): audited there.
        try:
            services.update_outgoing(actor=request.user, letter=letter, changes={})
        except services.LetterError as exc:
            messages.error(request, exc.message)
        return redirect("letters:detail", letter.pk)
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.update_outgoing(
                actor=request.user,
                letter=letter,
                changes=form.changes(),
                attachments=form.cleaned_data["attachments"],
                **form.routing(),
            )
            if request.POST.get("aksi") == "ajukan":
                services.submit_outgoing(actor=request.user, letter=letter)
        except services.LetterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Konsep diajukan untuk paraf/tanda tangan.")
                if request.POST.get("aksi") == "ajukan"
                else _("Perubahan konsep tersimpan."),
            )
            return redirect("letters:detail", letter.pk)
    return _outgoing_form_page(request, form, letter)


def _outgoing_action(request, pk, action):
    letter = selectors.letter_for(request.user, pk)
    try:
        if action == "submit":
            services.submit_outgoing(actor=request.user, letter=letter)
            messages.success(request, _("Konsep diajukan."))
        elif action == "review":
            form = ReviewForm(request.POST)
            if not form.is_valid():
                raise services.LetterError(_("Pilih keputusan."))
            services.review_outgoing(
                actor=request.user,
                letter=letter,
                approve=form.cleaned_data["decision"] == "setuju",
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Keputusan paraf tersimpan."))
        elif action == "sign":
            signed = services.sign_outgoing(actor=request.user, letter=letter)
            messages.success(
                request, _("Surat ditandatangani dengan nomor %(n)s.") % {"n": signed.letter_number}
            )
        elif action == "dispatch":
            services.dispatch_outgoing(actor=request.user, letter=letter)
            messages.success(request, _("Surat dikirim."))
    except services.LetterError as exc:
        messages.error(request, exc.message)
    return redirect("letters:detail", letter.pk)


@staff_required
@require_POST
def outgoing_submit(request, pk):
    return _outgoing_action(request, pk, "submit")


@staff_required
@require_POST
def outgoing_review(request, pk):
    return _outgoing_action(request, pk, "review")


@staff_required
@require_POST
def outgoing_sign(request, pk):
    return _outgoing_action(request, pk, "sign")


@staff_required
@require_POST
def outgoing_dispatch(request, pk):
    return _outgoing_action(request, pk, "dispatch")


@staff_required
def letter_print(request, pk):
    """A printable page of a letter with its kop surat (for outside recipients: print to PDF
    until the documents app renders the signed PDF)."""
    letter = selectors.letter_for(request.user, pk)
    if letter.direction != Letter.Direction.OUTGOING:
        raise Http404
    return render(
        request,
        "letters/print.html",
        {"letter": letter, "kop": services.kop_for(letter.org_unit)},
    )


def external_download(request, token):
    """The signed PDF for an outside addressee, from the link in the e-mail (no login; the link
    is signed and expires). Rahasia letters are never e-mailed, so never served here."""
    from django.core import signing as django_signing

    try:
        data = django_signing.loads(
            token,
            salt=services.EXTERNAL_LINK_SALT,
            max_age=timedelta(days=services.EXTERNAL_LINK_DAYS),
        )
    except django_signing.BadSignature:
        raise Http404 from None
    letter = Letter.objects.filter(
        pk=data.get("l"), direction=Letter.Direction.OUTGOING, status=Letter.Status.SENT
    ).first()
    if letter is None or letter.is_secret:
        raise Http404
    stored = letter.files.filter(pk=data.get("f"), kind="tte").first()
    if stored is None:
        raise Http404
    response = FileResponse(
        stored.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=stored.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
