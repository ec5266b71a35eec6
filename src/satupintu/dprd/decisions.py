"""Minutes decisions that answer DPRD aspirations and E-Pokir proposals.

The minutes app is below dprd, so dprd registers its two kinds of codes with
`minutes.decision_refs`: only the council's secretariat (SETWAN) links them while drafting
minutes, and their public pages show the published decisions (`decided_in`)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satupintu.cases import codes
from satupintu.cases.models import Case
from satupintu.dprd import selectors, services, workflow, workflow_aspiration
from satupintu.minutes import decision_refs
from satupintu.minutes import selectors as minutes_selectors

ONLY_SETWAN = gettext_lazy(
    "Hanya Sekretariat DPRD yang dapat mengaitkan keputusan dengan aspirasi atau usulan DPRD."
)


def _proposal(code: str) -> decision_refs.Reference | None:
    if not codes.is_code_shaped(code) or selectors.proposal_by_code(code) is None:
        return None
    return decision_refs.Reference(
        code=code, label=_("Usulan pokir"), url=reverse("dprd:proposal", args=[code])
    )


def _aspiration(code: str) -> decision_refs.Reference | None:
    if not codes.is_code_shaped(code):
        return None
    if not Case.objects.filter(tracking_code=code, kind=workflow_aspiration.KIND).exists():
        return None
    return decision_refs.Reference(
        code=code, label=_("Aspirasi DPRD"), url=reverse("cases:track", args=[code])
    )


def decided_in(code: str) -> list:
    """The published open meetings whose decisions answer `code`, oldest first, once each."""
    meetings = {}
    for link in minutes_selectors.public_decisions_on(code):
        meeting = link.agenda_item.meeting
        meetings.setdefault(meeting.pk, meeting)
    return list(meetings.values())


def register() -> None:
    for key, resolve in ((workflow.KIND, _proposal), (workflow_aspiration.KIND, _aspiration)):
        decision_refs.register(
            decision_refs.Resolver(
                key=key, resolve=resolve, may_link=services.is_setwan, refusal=ONLY_SETWAN
            )
        )
