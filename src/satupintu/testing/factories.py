"""factory-boy factories and helpers shared by every app's tests."""

import time
from pathlib import Path

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from satupintu.accounts.models import User
from satupintu.org.models import Membership, OrgUnit

REFERENCE_DATA_DIR = Path(__file__).resolve().parents[3] / "data" / "balikpapan"
TEST_PASSWORD = "Uji-Sandi-Kuat-2026"  # noqa: S105 - test fixture password
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - test fixture secret


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"pengguna{n}@contoh.id")
    full_name = factory.Faker("name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create and obj.email:
            obj.save()
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"UNIT{n}")
    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    kind = OrgUnit.Kind.OFFICE


def make_staff(org_unit: OrgUnit, role: str = Membership.Role.OPERATOR, *, totp=True, **kwargs):
    """A staff member of `org_unit` with `role`; with TOTP already set up unless totp=False."""
    user = UserFactory(is_staff=True, **kwargs)
    Membership.objects.create(user=user, org_unit=org_unit, role=role)
    if totp:
        TOTP.activate(user, TOTP_SECRET)
    return user


def current_totp_code(secret: str = TOTP_SECRET) -> str:
    """The code of the current 30-second window. The server accepts only that window
    (allauth's TOTP tolerance 0, as in production), so a code taken in a window's last seconds
    can be stale by the time a slow request on a loaded machine checks it: then wait for the
    next window first."""
    left = 30 - time.time() % 30
    if left < 4:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
