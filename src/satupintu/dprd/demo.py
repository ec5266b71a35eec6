"""Demo council accounts: members with an account of their own (no unit membership) and the
SETWAN staff who support them. Members come from `dprd-*.csv` (import_reference_data)."""

from satupintu.accounts import services as account_services
from satupintu.accounts.models import User
from satupintu.dprd.models import Member
from satupintu.org import services as org_services
from satupintu.org.models import Membership, OrgUnit

# (e-mail local part, the member's position: body code and role); the Ketua Komisi III
# account is the one the minutes demo made chair of the Komisi III meeting.
MEMBER_ACCOUNTS = [
    ("ketua.komisi3", "KOMISI-III", "ketua"),
]
# A member of dapil 6 (Balikpapan Selatan), for E-Pokir.
SELATAN_ACCOUNT = "anggota.selatan"
SETWAN_STAFF = [("staf.setwan", "Sari Setwan", Membership.Role.OPERATOR, "Staf Persidangan")]


def _account(local, name, *, password, domain, staff=False):
    email = f"{local}@{domain}"
    user = User.objects.filter(email=email).first()
    created = user is None
    if created:
        user = account_services.create_user(
            actor=None, email=email, password=password, full_name=name, email_verified=True
        )
    if staff and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user, created


def _link(member, local, *, password, domain) -> int:
    if member is None or member.user_id:
        return 0
    user, created = _account(local, member.name, password=password, domain=domain, staff=True)
    if hasattr(user, "council_member") and user.council_member != member:
        return 0
    member.user = user
    member.save(update_fields=["user"])
    return int(created)


def load(*, password, domain) -> int:
    """Idempotent: returns the number of accounts created."""
    created = 0
    for local, body, role in MEMBER_ACCOUNTS:
        member = Member.objects.filter(positions__body__code=body, positions__role=role).first()
        created += _link(member, local, password=password, domain=domain)
    selatan = (
        Member.objects.filter(district__districts__name="Balikpapan Selatan", user=None)
        .order_by("name")
        .first()
    )
    if not Member.objects.filter(user__email=f"{SELATAN_ACCOUNT}@{domain}").exists():
        created += _link(selatan, SELATAN_ACCOUNT, password=password, domain=domain)
    setwan = OrgUnit.objects.filter(code="SETWAN").first()
    if setwan is not None:
        for local, name, role, title in SETWAN_STAFF:
            user, new = _account(local, name, password=password, domain=domain)
            created += int(new)
            if not user.memberships.filter(org_unit=setwan, role=role).exists():
                org_services.add_membership(
                    actor=None, user=user, org_unit=setwan, role=role, title=title
                )
    return created
