"""Writes of the DPRD door: E-Pokir proposals, supports and their status changes.

Each call is one transaction with one audit event; status changes go through the case engine
(`cases.services.perform`) and the kind's table in `dprd.workflow`.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satupintu.cases import services as case_services
from satupintu.cases.models import Case
from satupintu.cases.workflow import COORDINATOR, UNIT
from satupintu.core import audit
from satupintu.dprd import selectors, workflow
from satupintu.dprd.models import Proposal, SubmissionWindow, Support
from satupintu.org import permissions
from satupintu.org.models import OrgUnit

SETWAN_CODE = "SETWAN"
# SIPD and the field survey need these: a proposal without them is refused, not filed.
REQUIRED = {
    "kelurahan": gettext_lazy("kelurahan"),
    "street": gettext_lazy("alamat (jalan / patokan)"),
    "boundaries": gettext_lazy("batas lokasi"),
    "volume": gettext_lazy("volume"),
    "volume_unit": gettext_lazy("satuan volume"),
    "photos": gettext_lazy("foto lokasi"),
}


class ProposalError(Exception):
    def __init__(self, message: str, status: int = 409):
        self.message, self.status = message, status
        super().__init__(message)


@dataclass
class NewProposal:
    title: str
    description: str
    work_type: str
    affair: str
    kelurahan: object
    rt: str
    street: str
    boundaries: str
    volume: object
    volume_unit: str
    source: str = Proposal.Source.CITIZEN
    proposed_unit: object = None
    estimated_cost: object = None
    beneficiaries: str = ""
    latitude: object = None
    longitude: object = None
    line: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    idempotency_key: str | None = None


def planning_year_for(day: date) -> int | None:
    """The planning year a proposal made on `day` goes to: the first window not yet closed
    (a window that has not opened yet takes proposals early). None: no window is set."""
    window = SubmissionWindow.objects.filter(closes_on__gte=day).order_by("planning_year").first()
    return window.planning_year if window else None


def missing_fields(new: NewProposal) -> list[str]:
    return [str(label) for name, label in REQUIRED.items() if getattr(new, name) in (None, "", [])]


def submit_proposal(new: NewProposal, *, user) -> Case:
    missing = missing_fields(new)
    if missing:
        raise ProposalError(
            _("Usulan belum lengkap: %(fields)s.") % {"fields": ", ".join(missing)}, 400
        )
    district = selectors.district_for_region(new.kelurahan)
    if district is None:
        raise ProposalError(_("Kelurahan ini tidak termasuk daerah pemilihan mana pun."), 400)
    year = planning_year_for(timezone.localdate())
    if year is None:
        raise ProposalError(_("Belum ada masa pengajuan pokir yang dibuka."))
    setwan = OrgUnit.objects.filter(code=SETWAN_CODE).first()
    with transaction.atomic():
        case, _secret = case_services.submit(
            case_services.NewCase(
                kind=workflow.KIND,
                channel=Case.Channel.WEB,
                title=new.title,
                description=new.description,
                submitter=user,
                region=new.kelurahan,
                rt=new.rt,
                street=new.street,
                latitude=new.latitude,
                longitude=new.longitude,
                org_unit=setwan,
                sla_working_days=20,
                files=new.photos,
                idempotency_key=new.idempotency_key,
            ),
            actor=user,
        )
        if hasattr(case, "proposal") or Proposal.objects.filter(case=case).exists():
            return case  # a replayed form
        proposal = Proposal.objects.create(
            case=case,
            district=district,
            planning_year=year,
            source=new.source,
            work_type=new.work_type,
            affair=new.affair,
            proposed_unit=new.proposed_unit,
            boundaries=new.boundaries,
            volume=new.volume,
            volume_unit=new.volume_unit,
            estimated_cost=new.estimated_cost,
            beneficiaries=new.beneficiaries,
            line=new.line,
        )
        audit.record(
            "dprd.proposal_submitted",
            actor=user,
            obj=case,
            data={"district": district.number, "year": year, "source": proposal.source},
        )
    return case


def is_verified_account(user) -> bool:
    """A citizen whose e-mail or mobile number has been confirmed."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.phone_verified:
        return True
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def support(*, user, proposal: Proposal) -> bool:
    """Count the account's support once. Returns False when it had already supported.

    The unique row decides, not a prior check: many requests at the same moment from one
    account add one row, the others fail on the constraint and change nothing."""
    if not is_verified_account(user):
        raise ProposalError(_("Hanya akun yang sudah terverifikasi yang dapat mendukung."), 403)
    if proposal.case.status in workflow.POKIR.closed_statuses:
        raise ProposalError(_("Usulan ini sudah selesai diproses."))
    try:
        with transaction.atomic():
            Support.objects.create(proposal=proposal, user=user)
            Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") + 1)
            audit.record("dprd.proposal_supported", actor=user, obj=proposal.case)
    except IntegrityError:
        return False
    return True


def is_setwan(user) -> bool:
    setwan = OrgUnit.objects.filter(code=SETWAN_CODE).first()
    return permissions.can_coordinate(user) or (
        setwan is not None and permissions.works_in(user, setwan)
    )


def role_for(user, proposal: Proposal) -> str | None:
    """SETWAN staff (or the city's koordinator) act as the unit; a member of the proposal's
    dapil as `anggota_dprd`. Anyone else has no say."""
    if permissions.can_coordinate(user):
        return COORDINATOR
    if proposal.case.org_unit_id and permissions.works_in(user, proposal.case.org_unit):
        return UNIT
    member = selectors.member_for_user(user)
    if member is not None and member.district_id == proposal.district_id:
        return workflow.MEMBER
    return None


def act(*, user, proposal: Proposal, action: str, note: str = "") -> None:
    role = role_for(user, proposal)
    if role is None:
        raise ProposalError(_("Anda tidak dapat mengubah usulan ini."), 404)
    note = (note or "").strip()
    if action in workflow.NEEDS_REASON and not note:
        raise ProposalError(_("Tuliskan alasannya."), 400)
    with transaction.atomic():
        try:
            case_services.perform(proposal.case, action, actor=user, role=role, note=note)
        except case_services.CaseError as exc:
            raise ProposalError(exc.message, exc.status) from exc
        if action == "adopt":
            proposal.adopted_by = selectors.member_for_user(user)
            proposal.save(update_fields=["adopted_by"])


@transaction.atomic
def save_window(*, actor, planning_year: int, opens_on: date, closes_on: date):
    window, _created = SubmissionWindow.objects.update_or_create(
        planning_year=planning_year, defaults={"opens_on": opens_on, "closes_on": closes_on}
    )
    audit.record(
        "dprd.window_saved",
        actor=actor,
        obj=window,
        data={"year": planning_year, "opens": str(opens_on), "closes": str(closes_on)},
    )
    return window
