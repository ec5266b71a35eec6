"""The editorial flow of an item: which action moves it from which status to which, and who
may take it. Editors write and submit; reviewers return, publish and withdraw."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from satupintu.news.models import Item

Status = Item.Status


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    source: str
    target: str
    reviewer_only: bool


TRANSITIONS = {
    t.action: t
    for t in [
        Transition("submit", _("Kirim untuk ditinjau"), Status.DRAFT, Status.REVIEW, False),
        Transition("return", _("Kembalikan ke penulis"), Status.REVIEW, Status.DRAFT, True),
        Transition("publish", _("Terbitkan"), Status.REVIEW, Status.PUBLISHED, True),
        Transition("withdraw", _("Tarik dari publikasi"), Status.PUBLISHED, Status.DRAFT, True),
    ]
}
# A reviewer may publish their own draft at once, without the extra step of submitting it.
TRANSITIONS["publish_draft"] = Transition(
    "publish_draft", _("Terbitkan"), Status.DRAFT, Status.PUBLISHED, True
)
EDITABLE = frozenset({Status.DRAFT, Status.REVIEW})
