"""Council correspondence on the e-office: letters to and from the DPRD.

No second letter engine. A letter to the council is an incoming letter of SETWAN's unit,
registered by SETWAN's agenda officer through `letters.services.register_incoming` and marked
by a `CouncilLetter` row. Its dispositions are `letters` dispositions: the Pimpinan DPRD
(members holding a position in the term's pimpinan body) disposes it to a komisi, fraksi or
badan — `Disposition.to_group` = "dprd:<body id>", which reaches every member holding a
position there — or to single members (`to_user` = the member's account); the ketua or wakil
ketua of a body that received it disposes it on to that body's members. Members hold no unit
membership, so they read letters through the circle this module registers with
`letters.circles`: the same inbox rows, counters and response-time figures as the Sekda's.

Outgoing council letters are outgoing letters of SETWAN's unit (`create_outgoing`), so they
carry SETWAN's letterhead and are numbered with SETWAN's number template when signed.
"""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from satupintu.dprd import selectors
from satupintu.dprd.models import Body, CouncilLetter, Member, Position
from satupintu.letters import circles, inbox
from satupintu.letters import services as letter_services
from satupintu.letters.errors import LetterError, refusals_audited
from satupintu.letters.models import Disposition, Letter
from satupintu.org import permissions
from satupintu.org.models import OrgUnit

GROUP_PREFIX = "dprd:"
SETWAN_CODE = "SETWAN"
# Who passes a letter on inside a body that received it.
BODY_LEADS = (Position.Role.CHAIR, Position.Role.VICE)


def group_key(body: Body) -> str:
    return f"{GROUP_PREFIX}{body.pk}"


def body_id_of(group: str) -> int | None:
    if not group.startswith(GROUP_PREFIX):
        return None
    tail = group[len(GROUP_PREFIX) :]
    return int(tail) if tail.isdigit() else None


def setwan() -> OrgUnit | None:
    return OrgUnit.objects.filter(code=SETWAN_CODE, is_active=True).first()


def _member(user) -> Member | None:
    """The user's active member record, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if permissions.is_staff_member(user):
        return None  # members hold no unit membership; staff pay no query here
    if not hasattr(user, "_sp_council_member"):
        user._sp_council_member = selectors.member_for_user(user)
    return user._sp_council_member


def _positions(user) -> list[Position]:
    member = _member(user)
    if member is None:
        return []
    if not hasattr(user, "_sp_council_positions"):
        user._sp_council_positions = list(
            Position.objects.filter(member=member, body__term_id=member.term_id).select_related(
                "body"
            )
        )
    return user._sp_council_positions


def is_council_member(user) -> bool:
    return _member(user) is not None


def is_leadership(user) -> bool:
    """Ketua or wakil ketua DPRD: a position in the term's pimpinan body."""
    return any(p.body.kind == Body.Kind.LEADERSHIP for p in _positions(user))


def is_council_letter(letter: Letter) -> bool:
    return CouncilLetter.objects.filter(letter_id=letter.pk).exists()


def council_letters_q() -> Q:
    return Q(council__isnull=False)


def council_letters_q_dispositions() -> Q:
    """Dispositions of council letters (the council's response-time figures)."""
    return Q(letter__council__isnull=False)


def _leadership_users(term_id) -> list[int]:
    return list(
        Position.objects.filter(
            body__term_id=term_id,
            body__kind=Body.Kind.LEADERSHIP,
            member__is_active=True,
            member__user__is_active=True,
        ).values_list("member__user_id", flat=True)
    )


def _users_in(group: str) -> list[int]:
    body_id = body_id_of(group)
    if body_id is None:
        return []
    return list(
        Position.objects.filter(
            body_id=body_id, member__is_active=True, member__user__is_active=True
        ).values_list("member__user_id", flat=True)
    )


def _label(group: str) -> str | None:
    body_id = body_id_of(group)
    if body_id is None:
        return None
    body = Body.objects.filter(pk=body_id).first()
    return body.name if body else None


def _groups_of(user) -> list[str]:
    return [group_key(p.body) for p in _positions(user)]


def _letters_q(user) -> Q:
    # The Pimpinan DPRD sees every council letter (it gives the first disposition).
    return council_letters_q() if is_leadership(user) else Q(pk__in=[])


def _readers_of(letter) -> list[int]:
    link = CouncilLetter.objects.filter(letter_id=letter.pk).first()
    return _leadership_users(link.term_id) if link else []


def _bodies_received(letter, user) -> list[int]:
    """Bodies the user leads (ketua/wakil) that a live disposition of the letter reached."""
    led = {group_key(p.body): p.body_id for p in _positions(user) if p.role in BODY_LEADS}
    if not led:
        return []
    reached = Disposition.objects.filter(
        letter=letter, withdrawn_at__isnull=True, to_group__in=list(led)
    ).values_list("to_group", flat=True)
    return [led[g] for g in reached]


def _may_dispose(user, letter) -> bool:
    if _member(user) is None or not is_council_letter(letter):
        return False
    return is_leadership(user) or bool(_bodies_received(letter, user))


def _may_reach(user, letter, *, group=None, target_user=None) -> bool:
    member = _member(user)
    if member is None or not is_council_letter(letter):
        return False
    if group is not None:
        body = Body.objects.filter(pk=body_id_of(group) or 0, term_id=member.term_id).first()
        return body is not None and body.kind != Body.Kind.LEADERSHIP and is_leadership(user)
    if target_user is None or target_user.pk == user.pk or not target_user.is_active:
        return False
    target = Member.objects.filter(user=target_user, is_active=True, term_id=member.term_id)
    if is_leadership(user):
        return target.exists()
    bodies = _bodies_received(letter, user)
    return target.filter(positions__body_id__in=bodies).exists()


def _all_readers() -> list[int]:
    return list(
        Member.objects.filter(is_active=True, user__isnull=False, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )


CIRCLE = circles.Circle(
    key="dprd",
    is_reader=lambda user: _member(user) is not None,
    groups_of=_groups_of,
    users_in=_users_in,
    label=_label,
    letters_q=_letters_q,
    readers_of=_readers_of,
    may_dispose=_may_dispose,
    may_reach=_may_reach,
    all_readers=_all_readers,
    detail_url=lambda letter: (
        reverse("dprd:correspondence_detail", args=[letter.pk])
        if is_council_letter(letter)
        else None
    ),
)


def register_circle() -> None:
    circles.register(CIRCLE)


# --- Reads --------------------------------------------------------------------------------


def is_agenda_officer(user) -> bool:
    unit = setwan()
    return unit is not None and letter_services.can_register(user, unit)


def drafting_unit(user) -> OrgUnit | None:
    """SETWAN, when the user may draft its (the council's) outgoing letters; else None."""
    unit = setwan()
    if unit is None or not letter_services.drafting_units(user).filter(pk=unit.pk).exists():
        return None
    return unit


def may_open(user) -> bool:
    """The correspondence pages: SETWAN's staff and the council's members."""
    unit = setwan()
    return _member(user) is not None or (unit is not None and permissions.works_in(user, unit))


def council_letters(user):
    """Council letters the user may see, through the e-office's one gate (`visible_letters`):
    SETWAN's staff see all of them; a member those disposed to them or a body they sit in
    (the Pimpinan DPRD: all); the Sekda's and the OPDs' letters never come through here."""
    from satupintu.letters import selectors as letter_selectors

    return (
        letter_selectors.visible_letters(user)
        .filter(council_letters_q())
        .select_related("org_unit", "classification")
        .defer("search_text", "body")
        .order_by("-created_at", "-pk")
    )


INBOX_TABS = ("", "belum-dibaca", "tindak-lanjut")


def inbox_letters(user, tab: str = ""):
    """The council's inbox as the page and the API list it: a tab of the user's e-office
    inbox limited to council letters; SETWAN's staff without a tab: the whole register."""
    from satupintu.letters import selectors as letter_selectors

    if tab not in INBOX_TABS:
        tab = ""
    if not tab and not is_council_member(user):
        return council_letters(user)
    return letter_selectors.inbox_tab(user, tab).filter(council_letters_q())


def council_letter_for(user, pk):
    from django.http import Http404

    letter = council_letters(user).filter(pk=pk).first()
    if letter is None:
        raise Http404
    return letter


def council_disposition_for(user, pk) -> Disposition:
    from django.http import Http404

    disposition = (
        Disposition.objects.filter(pk=pk, letter__in=council_letters(user))
        .select_related("letter")
        .first()
    )
    if disposition is None:
        raise Http404
    return disposition


def dispose_choices(user, letter) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    """(bodies, members) the user may dispose the letter to, for the form."""
    member = _member(user)
    if member is None or not _may_dispose(user, letter):
        return [], []
    if is_leadership(user):
        bodies = Body.objects.filter(term_id=member.term_id).exclude(kind=Body.Kind.LEADERSHIP)
        members = Member.objects.filter(term_id=member.term_id)
    else:
        body_ids = _bodies_received(letter, user)
        bodies = Body.objects.none()
        members = Member.objects.filter(positions__body_id__in=body_ids)
    members = (
        members.filter(is_active=True, user__isnull=False, user__is_active=True)
        .exclude(user=user)
        .select_related("faction")
        .distinct()
        .order_by("name")
    )
    return (
        [
            (group_key(b), f"{b.get_kind_display()}: {b.name}")
            for b in bodies.order_by("kind", "order")
        ],
        [(m.user_id, f"{m.name} ({m.faction.name})") for m in members],
    )


# --- Writes -------------------------------------------------------------------------------


@refusals_audited("letters.register")
@transaction.atomic
def register_council_letter(*, actor, **fields) -> Letter:
    """SETWAN's agenda officer registers a letter addressed to the DPRD: an incoming letter of
    SETWAN's unit (agenda number, duplicate check, scans: `register_incoming`), marked as the
    council's. The Pimpinan DPRD find it in their inbox, waiting for the first disposition."""
    unit = setwan()
    term = selectors.current_term()
    if unit is None or term is None:
        raise LetterError(
            _("Sekretariat DPRD atau periode DPRD belum terdaftar."), code="no_council"
        )
    letter = letter_services.register_incoming(actor=actor, unit=unit, **fields)
    CouncilLetter.objects.create(letter=letter, term=term)
    inbox.sync_letter(letter)  # the pimpinan's rows: the letter is the council's only now
    return letter


@refusals_audited("letters.draft")
@transaction.atomic
def draft_council_letter(*, actor, **fields) -> Letter:
    """An outgoing letter of the council: drafted in SETWAN's unit (its kop surat, its number
    template when signed), marked as the council's so the Pimpinan DPRD see it."""
    unit = setwan()
    term = selectors.current_term()
    if unit is None or term is None:
        raise LetterError(
            _("Sekretariat DPRD atau periode DPRD belum terdaftar."), code="no_council"
        )
    letter = letter_services.create_outgoing(actor=actor, unit=unit, **fields)
    CouncilLetter.objects.create(letter=letter, term=term)
    return letter


def dispose(*, actor, letter: Letter, groups=(), users=(), **options) -> list[Disposition]:
    """The e-office's disposition (`letters.services.dispose`): the circle above decides who
    may dispose a council letter to which body or member."""
    if not is_council_letter(letter):
        raise LetterError(_("Surat ini bukan surat DPRD."), code="not_council", obj=letter)
    return letter_services.dispose(
        actor=actor, letter=letter, to_groups=list(groups), to_users=list(users), **options
    )


# --- Inbox rows follow the council's composition ------------------------------------------


def _position_changed(sender, instance, raw=False, **kwargs):
    """A member joins or leaves a body (or the pimpinan): their letters follow, as a staff
    member's do when a membership changes (letters/inbox.py)."""
    if raw or not inbox._active():
        return
    user_id = Member.objects.filter(pk=instance.member_id).values_list("user_id", flat=True)
    user_id = user_id.first()
    if user_id:
        inbox.sync_user(user_id)


def _member_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.user_id and inbox._active():
        inbox.sync_user(instance.user_id)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    uid = "dprd-correspondence-"
    post_save.connect(_position_changed, sender=Position, dispatch_uid=uid + "pos-save")
    post_delete.connect(_position_changed, sender=Position, dispatch_uid=uid + "pos-del")
    post_save.connect(_member_saved, sender=Member, dispatch_uid=uid + "member-save")
