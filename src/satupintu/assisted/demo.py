"""Demo counter officers (loaded by `load_demo_data`, demo mode only): one at the Mal
Pelayanan Publik (run by DPMPTSP) and one at the Kelurahan Sepinggan office. Safe to run
again."""

from satupintu.accounts import services as account_services
from satupintu.accounts.models import User
from satupintu.org import services as org_services
from satupintu.org.models import Membership, OrgUnit

OFFICERS = [
    # (e-mail local part, name, unit code, title)
    ("loket.mpp", "Petugas Loket MPP", "DPMPTSP", "Petugas loket Mal Pelayanan Publik"),
    ("loket.sepinggan", "Petugas Loket Sepinggan", "KEL-64.71.05.1002", "Petugas loket"),
]


def load(*, password: str, domain: str) -> int:
    created = 0
    for local, name, unit_code, title in OFFICERS:
        unit = OrgUnit.objects.filter(code=unit_code).first()
        if unit is None:
            continue
        email = f"{local}@{domain}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = account_services.create_user(
                actor=None, email=email, password=password, full_name=name, email_verified=True
            )
            created += 1
        role = Membership.Role.COUNTER
        if not user.memberships.filter(org_unit=unit, role=role, is_active=True).exists():
            org_services.add_membership(
                actor=None, user=user, org_unit=unit, role=role, title=title
            )
    return created
