"""How django-allauth stores and finds our users' phone numbers, and sends them codes, and
when it asks for the password again."""

import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satupintu.accounts.models import User
from satupintu.accounts.phone import normalize_phone, phone_index
from satupintu.core import ratelimit
from satupintu.core.middleware import client_ip
from satupintu.notifications import sms
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


# Pages where a password typed at log-in a moment ago stands for a reauthentication.
FRESH_LOGIN_COUNTS = frozenset({"mfa_activate_totp"})


def logged_in_with_password_recently(request) -> bool:
    """True when this session's user typed their password (at log-in or a reauthentication)
    less than ACCOUNT_REAUTHENTICATION_TIMEOUT seconds ago."""
    from allauth.account import app_settings
    from allauth.account.authentication import get_authentication_records

    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return False
    records = get_authentication_records(request, user)
    times = [r.get("at") or 0 for r in records if r.get("method") == "password"]
    return bool(times) and time.time() - max(times) < app_settings.REAUTHENTICATION_TIMEOUT


class AccountAdapter(DefaultAccountAdapter):
    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """allauth counts only an explicit reauthentication as recent, so a new staff member
        who logged in and opened the TOTP set-up link was asked for the password a second
        time, a minute after typing it. On the set-up of a first authenticator a password
        typed at log-in within the same timeout is just as recent: it counts. Removing an
        authenticator or making new recovery codes still asks, as does an older session."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = self.request or context.request
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name not in FRESH_LOGIN_COUNTS:
            return True
        return not logged_in_with_password_recently(request)

    def get_client_ip(self, request) -> str:
        # allauth's rate limits per address: the same address as the audit and axes see.
        return client_ip(request) or "unknown"

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
        request = context.request
        if sms.budget_left() <= 0:
            raise ImmediateHttpResponse(sms_budget_response(request))
        _limit_codes(request, phone)
        try:
            send_sms(
                phone,
                _("Kode verifikasi Satu Pintu: %(code)s. Jangan berikan kepada siapa pun.")
                % {"code": code},
            )
        except sms.SmsBudgetExhausted as exc:
            raise ImmediateHttpResponse(sms_budget_response(request)) from exc

    def send_confirmation_mail(self, request, emailconfirmation, signup: bool) -> None:
        # E-mail codes: the same per-address, per-session and per-recipient limits as SMS.
        _limit_codes(request, emailconfirmation.email_address.email.lower())
        super().send_confirmation_mail(request, emailconfirmation, signup)

    # Enumeration prevention, as allauth does it by default: someone signing up (or asking for a
    # code) with a number we do or do not know sees the same "code sent" page, and nothing is
    # texted. Texting the owner let anyone send our SMS to any registered number.
    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        return None

    def send_account_already_exists_sms(self, phone: str) -> None:
        return None


def _limit_codes(request, recipient: str) -> None:
    """Codes sent to one recipient, and from one address and session (RATE_LIMITS["otp"])."""
    if request is None:
        return
    refusal = ratelimit.hit(request, "otp", key=recipient)
    if refusal is not None:
        raise ImmediateHttpResponse(ratelimit.limited_response(request, refusal))


def sms_budget_response(request):
    """The page for a code that cannot go by SMS today (the site's SMS budget is used up)."""
    wait = int((sms.next_budget_day() - timezone.now()).total_seconds())
    refusal = ratelimit.Refusal(sms.budget_exhausted_message(), retry_after=wait)
    return ratelimit.limited_response(
        request, refusal, status=503, title=_("Kode SMS tidak dapat dikirim")
    )
