"""How django-allauth stores and finds our users' phone numbers, and sends them codes."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satupintu.accounts.models import User
from satupintu.accounts.phone import normalize_phone, phone_index
from satupintu.notifications.sms import send_sms


class IndonesianPhoneField(forms.CharField):
    """Accepts 08…, 62… or +62… and gives back +62…; allauth uses it on every phone form."""

    def __init__(self, **kwargs):
        kwargs["label"] = gettext_lazy("Nomor HP")
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        )
        kwargs.setdefault("help_text", gettext_lazy("Contoh: 0812 3456 7890"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        return normalize_phone(value)


class AccountAdapter(DefaultAccountAdapter):
    def get_login_stages(self) -> list[str]:
        ours = {
            "allauth.account.stages.EmailVerificationStage": (
                "satupintu.accounts.stages.EmailVerificationStage"
            ),
            "allauth.account.stages.PhoneVerificationStage": (
                "satupintu.accounts.stages.PhoneVerificationStage"
            ),
        }
        return [ours.get(path, path) for path in super().get_login_stages()]

    def phone_form_field(self, **kwargs):
        return IndonesianPhoneField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        try:
            return normalize_phone(phone)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc

    def set_phone(self, user: User, phone: str, verified: bool) -> None:
        user.phone = phone
        user.phone_index = phone_index(phone)
        user.phone_verified = verified
        user.save(update_fields=["phone", "phone_index", "phone_verified"])

    def get_phone(self, user: User):
        if not user.phone:
            return None
        return user.phone, user.phone_verified

    def set_phone_verified(self, user: User, phone: str) -> None:
        if user.phone == phone:
            user.phone_verified = True
            user.save(update_fields=["phone_verified"])

    def get_user_by_phone(self, phone: str):
        try:
            normalized = normalize_phone(phone)
        except ValidationError:
            return None
        return User.objects.filter(phone_index=phone_index(normalized)).first()

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        send_sms(
            phone,
            _("Kode verifikasi Satu Pintu: %(code)s. Jangan berikan kepada siapa pun.")
            % {"code": code},
        )

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        send_sms(
            phone,
            _("Nomor ini belum terdaftar di Satu Pintu. Abaikan jika Anda tidak meminta kode."),
        )

    def send_account_already_exists_sms(self, phone: str) -> None:
        send_sms(
            phone,
            _("Nomor ini sudah terdaftar di Satu Pintu. Silakan masuk atau atur ulang kata sandi."),
        )
