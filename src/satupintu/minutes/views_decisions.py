"""Staff: link an agenda item's decision to the aspirations and proposals it answers."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satupintu.backoffice.views import staff_required
from satupintu.minutes import forms, services, services_decisions
from satupintu.minutes.views import _agenda_item, _managed


@staff_required
@require_POST
def link(request, pk, item_id):
    meeting = _managed(request, pk)
    item = _agenda_item(meeting, item_id)
    link_form = forms.DecisionLinkForm(request.POST)
    if link_form.is_valid():
        try:
            services_decisions.link_decision(
                actor=request.user, item=item, code=link_form.cleaned_data["code"]
            )
        except services.MinutesError as exc:
            link_form.add_error("code", exc.message)
        else:
            messages.success(request, _("Keputusan dikaitkan."))
            return redirect("minutes:agenda_edit", pk=pk, item_id=item_id)
    # The editor again, with the code as typed and the reason it was refused.
    return render(
        request,
        "minutes/agenda_form.html",
        {
            "meeting": meeting,
            "item": item,
            "form": forms.MinutesForm(instance=item),
            "link_form": link_form,
            "locked": meeting.is_locked,
        },
        status=400,
    )


@staff_required
@require_POST
def unlink(request, pk, item_id, link_id):
    meeting = _managed(request, pk)
    item = _agenda_item(meeting, item_id)
    found = item.decision_links.filter(pk=link_id).first()
    if found is None:
        raise Http404
    try:
        services_decisions.unlink_decision(actor=request.user, link=found)
    except services.MinutesError as exc:
        messages.error(request, exc.message)
    return redirect("minutes:agenda_edit", pk=pk, item_id=item_id)
