"""Demo staff accounts, made the same way by every app that needs officers in the demo."""

from satupintu.accounts import services as account_services
from satupintu.accounts.models import User
from satupintu.org import services as org_services
from satupintu.org.models import OrgUnit


def demo_officers(officers, *, role: str, password: str, domain: str) -> int:
    """An account per (e-mail local part, name, unit code, title) with `role` in that unit,
    skipping units this city does not have. Idempotent: returns how many accounts were made."""
    created = 0
    for local, name, unit_code, title in officers:
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
        if not user.memberships.filter(org_unit=unit, role=role, is_active=True).exists():
            org_services.add_membership(
                actor=None, user=user, org_unit=unit, role=role, title=title
            )
    return created
