"""Writes linking a decision (an agenda item's minutes) to the cases it answers.

A link is added while the minutes are drafted (not once approved), by someone who manages
the meeting and whom the code's app allows (`decision_refs.Resolver.may_link`)."""

from django.db import transaction
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.minutes import decision_refs
from satupintu.minutes.models import AgendaItem, DecisionLink
from satupintu.minutes.services import MinutesError, _fresh, _refuse, _require_editable


def link_decision(*, actor, item: AgendaItem, code: str) -> DecisionLink:
    meeting = _fresh(item.meeting)
    _require_editable(actor, meeting, "decision_link")
    code = decision_refs.normalize(code)
    if not code:
        raise MinutesError(_("Isi kode aspirasi atau usulan."), 400)
    found = decision_refs.find(code)
    if found is None:
        raise MinutesError(
            _("Kode %(code)s tidak ditemukan. Periksa kode aspirasi atau usulan.") % {"code": code},
            400,
        )
    resolver, _reference = found
    if not resolver.may_link(actor):
        _refuse(
            actor,
            meeting,
            "decision_link",
            str(resolver.refusal or _("Anda tidak berwenang mengaitkan kode ini.")),
            403,
        )
    with transaction.atomic():
        link, created = DecisionLink.objects.get_or_create(
            agenda_item=item, code=code, defaults={"added_by": actor}
        )
        if not created:
            raise MinutesError(_("Kode %(code)s sudah dikaitkan.") % {"code": code})
        audit.record(
            "minutes.decision_linked",
            actor=actor,
            obj=meeting,
            data={"item": item.pk, "code": code},
        )
    return link


def unlink_decision(*, actor, link: DecisionLink) -> None:
    meeting = _fresh(link.agenda_item.meeting)
    _require_editable(actor, meeting, "decision_unlink")
    with transaction.atomic():
        audit.record(
            "minutes.decision_unlinked",
            actor=actor,
            obj=meeting,
            data={"item": link.agenda_item_id, "code": link.code},
        )
        link.delete()
