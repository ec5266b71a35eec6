"""Every write to a user's account and profile; data-subject rights (UU 27/2022 PDP)."""

import logging

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.accounts import personal_data
from satupintu.accounts.models import CitizenProfile, User
from satupintu.accounts.nik import nik_index
from satupintu.core import audit
from satupintu.core.masking import mask_nik

logger = logging.getLogger(__name__)


class ProfileError(Exception):
    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(message)


def get_or_create_profile(user: User) -> CitizenProfile:
    profile, _created = CitizenProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def update_profile(*, user: User, full_name: str, nik: str, kelurahan, rt: str, street: str):
    """Save the citizen's own profile; `nik` is already validated and normalised."""
    profile = CitizenProfile.objects.select_for_update().filter(
        user=user
    ).first() or CitizenProfile(user=user)
    changed = []
    if user.full_name != full_name:
        user.full_name = full_name
        user.save(update_fields=["full_name"])
        changed.append("full_name")
    if profile.nik != nik:
        profile.nik = nik
        profile.nik_index = nik_index(nik) if nik else None
        changed.append("nik")
    for name, value in (("kelurahan", kelurahan), ("rt", rt), ("street", street)):
        if getattr(profile, name) != value:
            setattr(profile, name, value)
            changed.append(name)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as exc:
        # The only unique column a citizen types is the NIK (through its blind index).
        raise ProfileError("nik", _("NIK ini sudah dipakai akun lain.")) from exc
    audit.record(
        "accounts.profile_updated",
        actor=user,
        obj=user,
        data={"fields": changed, "nik": mask_nik(nik) if "nik" in changed else None},
    )
    return profile


def export_personal_data(user: User) -> dict:
    """Everything the platform holds about this person, in their own words (hak akses)."""
    profile = CitizenProfile.objects.filter(user=user).select_related("kelurahan").first()
    data = {
        "format": "satupintu.personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": user.pk,
            "full_name": user.full_name,
            "email": user.email,
            "phone": user.phone or None,
            "phone_verified": user.phone_verified,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in user.emailaddress_set.all()
            ],
            "two_factor_methods": sorted(a.type for a in user.authenticator_set.all()),
        },
        "profile": None,
        "memberships": [
            {
                "org_unit": m.org_unit.name,
                "role": m.role,
                "title": m.title,
                "active": m.is_active,
            }
            for m in user.memberships.select_related("org_unit")
        ],
        "activity": [
            {"time": e.created_at.isoformat(), "action": e.action, "ip": e.ip}
            for e in audit.AuditEvent.objects.filter(actor_id=user.pk).order_by("seq")
        ],
    }
    if profile:
        data["profile"] = {
            "nik": profile.nik or None,
            "kelurahan": profile.kelurahan.name if profile.kelurahan else None,
            "kelurahan_code": profile.kelurahan.code if profile.kelurahan else None,
            "rt": profile.rt,
            "street": profile.street,
            "updated_at": profile.updated_at.isoformat(),
        }
    # Complaints, applications, messages…: each app adds what it holds (personal_data.py).
    for section in personal_data.sections():
        data[section.key] = section.export(user)
    return data


@transaction.atomic
def record_export(user: User) -> None:
    audit.record("accounts.personal_data_exported", actor=user, obj=user)


class ErasureRefused(Exception):
    pass


def is_staff_account(user: User) -> bool:
    return user.is_staff or user.is_superuser or user.memberships.exists()


def erasure_blockers(user: User) -> list[str]:
    """Why the account cannot be erased now (empty when it can), in Indonesian."""
    if is_staff_account(user):
        return [_("Akun pegawai ditutup oleh admin, bukan dihapus sendiri.")]
    reasons: list[str] = []
    for section in personal_data.sections():
        if section.blockers:
            reasons.extend(section.blockers(user))
    return reasons


def erase_account(*, user: User, actor: User) -> personal_data.Erasure:
    """Erase a citizen's personal data and close the account (hak penghapusan).

    Staff accounts are closed by an admin instead: their actions must stay attributable.
    The user row stays, emptied, so the audit trail keeps pointing at a real id. What each
    app erases or keeps is described on the erasure page (accounts/delete.html).
    """
    with transaction.atomic():
        erasure = _erase(user, actor)
        # Files only after the commit: a rolled-back erasure must not lose them.
        names = list(erasure.files)
        transaction.on_commit(lambda: _delete_files(names), robust=True)
    return erasure


def _delete_files(names) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("could not delete stored file %s", name)


def _erase(user: User, actor: User) -> personal_data.Erasure:
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.erased_at is not None:
        raise ErasureRefused(_("Akun ini sudah dihapus."))
    reasons = erasure_blockers(user)
    if reasons:
        raise ErasureRefused(" ".join(str(r) for r in reasons))
    erasure = personal_data.Erasure()
    for section in personal_data.sections():
        if section.erase:
            section.erase(user, erasure)
    CitizenProfile.objects.filter(user=user).delete()
    user.emailaddress_set.all().delete()
    user.authenticator_set.all().delete()
    user.email = None
    user.full_name = ""
    user.phone = ""
    user.phone_index = None
    user.phone_verified = False
    user.is_active = False
    user.erased_at = timezone.now()
    user.set_unusable_password()
    user.save()
    # Ids and counts only: the object label is the emptied account ("#<id>").
    audit.record(
        "accounts.account_erased",
        actor=actor,
        obj=user,
        data={"user_id": user.pk, "erased": erasure.counts},
    )
    return erasure


@transaction.atomic
def create_user(
    *, actor, email: str | None, password: str, full_name: str = "", email_verified: bool = False
) -> User:
    """Create an account (admin or demo loader); citizens sign up through allauth instead."""
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    if email:
        EmailAddress.objects.create(
            user=user, email=user.email, verified=email_verified, primary=True
        )
    audit.record("accounts.user_created", actor=actor, obj=user)
    return user


@transaction.atomic
def create_citizen(*, actor, full_name: str, nik: str, email: str = "", phone: str = "") -> User:
    """An account for a citizen registered by a counter officer (the assisted app).

    `nik` and `phone` are already validated and normalised. The account has no password:
    the citizen follows their applications through the private link sent to them, and can
    claim the account later with "lupa kata sandi" or a login code. Contacts stay unverified
    until the citizen proves them. Raises ProfileError when the NIK, e-mail or number is
    already another account's.
    """
    from allauth.account.models import EmailAddress

    from satupintu.accounts.phone import phone_index

    email = (email or "").strip().lower()
    if CitizenProfile.objects.filter(nik_index=nik_index(nik)).exists():
        raise ProfileError("nik", _("NIK ini sudah dipakai akun lain."))
    if email and User.objects.filter(email__iexact=email).exists():
        raise ProfileError("email", _("E-mail ini sudah dipakai akun lain."))
    if phone and User.objects.filter(phone_index=phone_index(phone)).exists():
        raise ProfileError("phone", _("Nomor HP ini sudah dipakai akun lain."))
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email or None, password=None, full_name=full_name)
            if phone:
                user.phone = phone
                user.phone_index = phone_index(phone)
                user.save(update_fields=["phone", "phone_index"])
            CitizenProfile.objects.create(user=user, nik=nik, nik_index=nik_index(nik))
    except IntegrityError as exc:  # the same citizen registered at two counters at once
        raise ProfileError(
            "nik", _("NIK, e-mail atau nomor HP ini sudah dipakai akun lain.")
        ) from exc
    if email:
        EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
    audit.record("accounts.user_created", actor=actor, obj=user, data={"at_counter": True})
    return user
