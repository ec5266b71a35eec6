from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satupintu.core.fields import EncryptedTextField
from satupintu.core.masking import mask_email, mask_nik, mask_phone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        email = self.normalize_email(email).lower() if email else None
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A citizen or a staff member. Logs in with e-mail or mobile number.

    The phone number is personal data: stored encrypted, found through its blind index.
    """

    email = models.EmailField(_("e-mail"), unique=True, null=True, blank=True)
    full_name = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    phone = EncryptedTextField(_("nomor HP"), blank=True, default="")
    phone_index = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    phone_verified = models.BooleanField(_("nomor HP terverifikasi"), default=False)
    is_staff = models.BooleanField(
        _("pegawai"), default=False, help_text=_("Boleh masuk ke kantor (back office).")
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    date_joined = models.DateTimeField(_("tanggal daftar"), default=timezone.now)
    erased_at = models.DateTimeField(_("dihapus pada"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self):
        return self.full_name or mask_email(self.email) or mask_phone(self.phone) or f"#{self.pk}"

    def save(self, *args, **kwargs):
        # Phone-only accounts have no e-mail: NULL, not "", or the second one breaks the
        # unique constraint (allauth's signup and the admin form both hand us "").
        if not self.email:
            self.email = None
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else ""

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class CitizenProfile(models.Model):
    """What a citizen tells the city about themselves. NIK is encrypted with a blind index."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    nik = EncryptedTextField(_("NIK"), blank=True, default="")
    nik_index = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    kelurahan = models.ForeignKey(
        "org.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    street = models.CharField(_("jalan dan nomor rumah"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("profil warga")
        verbose_name_plural = _("profil warga")

    def __str__(self):
        return f"{self.user} ({self.masked_nik})"

    @property
    def masked_nik(self) -> str:
        return mask_nik(self.nik)


class TotpEnrolment(models.Model):
    """A one-time, expiring permission for a staff member to set up TOTP, issued by an admin.

    Whoever holds a fresh staff password must not be able to enrol their own authenticator:
    only the SHA-256 of the token is stored, the link is shown once to the admin who issued it.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="totp_enrolments")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    issued_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tautan aktivasi TOTP")
        verbose_name_plural = _("tautan aktivasi TOTP")

    def __str__(self):
        return f"#{self.pk}"

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()
