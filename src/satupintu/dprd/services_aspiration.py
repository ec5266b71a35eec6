"""Writes of aspirations to the DPRD: filing (web, WhatsApp, e-mail, operator), SETWAN's
verification and forwarding, hearings (RDP meetings in e-Risalah) and the council's answer.

Filing goes through `complaints.services.file_complaint` (the complaint's identity rules and
confirmations) with this kind; status changes through the case engine and the kind's table
(`dprd.workflow_aspiration`)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from satupintu.cases import services as case_services
from satupintu.cases.models import Case
from satupintu.cases.public import public_title
from satupintu.cases.workflow import COORDINATOR, UNIT
from satupintu.complaints.services import file_complaint
from satupintu.core import audit
from satupintu.dprd import selectors
from satupintu.dprd import workflow_aspiration as flow
from satupintu.dprd.models import Aspiration, Body
from satupintu.dprd.services import SETWAN_CODE
from satupintu.dprd.workflow import MEMBER
from satupintu.org import permissions
from satupintu.org.models import OrgUnit

Target = Aspiration.Target
SUBTYPE = "aspirasi"


class AspirationError(Exception):
    def __init__(self, message: str, status: int = 409):
        self.message, self.status = message, status
        super().__init__(message)


@dataclass
class NewAspiration:
    target: str
    title: str
    description: str
    channel: str = Case.Channel.WEB
    commission: Body | None = None
    identity: str = "named"
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""
    kelurahan: object = None
    rt: str = ""
    street: str = ""
    files: list = field(default_factory=list)
    idempotency_key: str | None = None
    attributes: dict | None = None


def addressee(target: str, commission, kelurahan):
    """(commission, dapil) for a target, or AspirationError (400) saying what is missing."""
    if target not in Target.values:
        raise AspirationError(_("Pilih tujuan aspirasi."), 400)
    district = selectors.district_for_region(kelurahan)
    if target == Target.COMMISSION:
        if commission is None or commission.kind != Body.Kind.COMMISSION:
            raise AspirationError(_("Pilih komisi yang dituju."), 400)
        return commission, district
    if target == Target.DISTRICT and district is None:
        raise AspirationError(
            _("Pilih kelurahan Anda agar aspirasi sampai ke anggota DPRD dapil Anda."), 400
        )
    return None, district


def submit_aspiration(new: NewAspiration, *, user=None, recorded_by=None):
    """File an aspiration. Returns (case, secret); secret None for a replayed submission."""
    commission, district = addressee(new.target, new.commission, new.kelurahan)
    setwan = OrgUnit.objects.filter(code=SETWAN_CODE).first()
    if setwan is None:
        raise AspirationError(_("Sekretariat DPRD belum terdaftar."), 503)
    with transaction.atomic():
        case, secret = file_complaint(
            kind=flow.KIND,
            channel=new.channel,
            subtype=SUBTYPE,
            category=None,
            title=new.title,
            description=new.description,
            user=user,
            identity=new.identity,
            reporter_name=new.reporter_name,
            reporter_email=new.reporter_email,
            reporter_phone=new.reporter_phone,
            kelurahan=new.kelurahan,
            rt=new.rt,
            street=new.street,
            files=new.files,
            idempotency_key=new.idempotency_key,
            recorded_by=recorded_by,
            attributes=new.attributes,
            org_unit=setwan,
            sla_working_days=flow.ANSWER_WORKING_DAYS,
        )
        if secret is None:
            return case, None  # replayed: filed before
        Aspiration.objects.create(
            case=case, target=new.target, commission=commission, district=district
        )
        audit.record(
            "dprd.aspiration_submitted",
            actor=None if case.is_anonymous else (recorded_by or case.submitter),
            obj=case,
            data={"target": new.target, "channel": new.channel},
        )
    return case, secret


def is_addressed_to(member, aspiration: Aspiration) -> bool:
    if member is None:
        return False
    if aspiration.target == Target.COUNCIL:
        return member.term_id == selectors.current_term_id()
    if aspiration.target == Target.COMMISSION:
        return member.positions.filter(body_id=aspiration.commission_id).exists()
    return member.district_id == aspiration.district_id


def role_for(user, aspiration: Aspiration) -> str | None:
    """SETWAN staff (or the city koordinator) act as the unit; a member the aspiration is
    addressed to, once SETWAN forwarded it, as `anggota_dprd`; anyone else has no say."""
    if permissions.can_coordinate(user):
        return COORDINATOR
    case = aspiration.case
    if case.org_unit_id and permissions.works_in(user, case.org_unit):
        return UNIT
    if case.status in selectors.HIDDEN_FROM_MEMBERS:
        return None
    member = selectors.member_for_user(user)
    return MEMBER if is_addressed_to(member, aspiration) else None


@dataclass
class Hearing:
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str


def act(
    *,
    user,
    aspiration: Aspiration,
    action: str,
    note: str = "",
    target: str | None = None,
    commission=None,
    hearing: Hearing | None = None,
):
    aspiration.case.refresh_from_db()  # the status decides a member's say: never a stale one
    role = role_for(user, aspiration)
    if role is None:
        raise AspirationError(_("Anda tidak dapat mengubah aspirasi ini."), 404)
    note = (note or "").strip()
    if action in flow.NEEDS_NOTE and not note:
        raise AspirationError(_("Tuliskan isinya."), 400)
    if action == "hearing" and hearing is None:
        raise AspirationError(_("Isi judul, waktu dan tempat rapat dengar pendapat."), 400)
    with transaction.atomic():
        if action == "verify" and target:
            _retarget(aspiration, target, commission)
        if action == "hearing":
            meeting = _schedule_hearing(user, aspiration, hearing)
            when = date_format(localtime(meeting.starts_at), "l, j F Y H:i")
            note = note or _("Rapat dengar pendapat %(when)s di %(place)s.") % {
                "when": when,
                "place": meeting.place,
            }
        try:
            case_services.perform(aspiration.case, action, actor=user, role=role, note=note)
        except case_services.CaseError as exc:
            raise AspirationError(exc.message, exc.status) from exc


def _retarget(aspiration: Aspiration, target: str, commission) -> None:
    new_commission, district = addressee(target, commission, aspiration.case.region)
    aspiration.target = target
    aspiration.commission = new_commission
    aspiration.district = district or aspiration.district
    aspiration.save(update_fields=["target", "commission", "district"])


def _addressed_members(aspiration: Aspiration):
    from satupintu.dprd.models import Member

    members = Member.objects.filter(is_active=True, term_id=selectors.current_term_id())
    if aspiration.target == Target.COMMISSION:
        members = members.filter(positions__body=aspiration.commission)
    elif aspiration.target == Target.DISTRICT:
        members = members.filter(district=aspiration.district)
    return list(members.select_related("user"))


def _addressed_accounts(aspiration: Aspiration):
    return [m.user for m in _addressed_members(aspiration) if m.user_id]


def _schedule_hearing(user, aspiration: Aspiration, hearing: Hearing):
    """The RDP as a public meeting of SETWAN in e-Risalah: chaired by the komisi's ketua when
    they have an account (else by whoever schedules it), the addressed members invited."""
    from satupintu.minutes import services as minute_services
    from satupintu.minutes.models import Meeting

    chair = user
    if aspiration.target == Target.COMMISSION:
        head = aspiration.commission.positions.filter(role="ketua", member__user__isnull=False)
        chair = next((p.member.user for p in head.select_related("member__user")), user)
    try:
        meeting = minute_services.create_meeting(
            actor=user,
            org_unit=aspiration.case.org_unit,
            kind=Meeting.Kind.HEARING,
            title=hearing.title,
            starts_at=hearing.starts_at,
            ends_at=hearing.ends_at,
            place=hearing.place,
            chair=chair,
            secretary=user,
            invited_users=[u for u in _addressed_accounts(aspiration) if u.pk != chair.pk],
            is_public=True,
            # Quorum: the addressed body's members (a komisi's seats, a dapil's members).
            members_total=len(_addressed_members(aspiration)) or None,
            summary=_("Rapat dengar pendapat atas aspirasi %(code)s: %(title)s")
            % {"code": aspiration.case.tracking_code, "title": public_title(aspiration.case)},
        )
    except minute_services.MinutesError as exc:
        raise AspirationError(exc.message, exc.status) from exc
    aspiration.meeting = meeting
    aspiration.save(update_fields=["meeting"])
    return meeting
