"""What a client may send: the POST form and the GET requests filters, checked here."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from satupintu.accounts.phone import normalize_phone
from satupintu.cases import codes
from satupintu.complaints.workflow import Subtype
from satupintu.core.validators import no_markup
from satupintu.org.selectors import kelurahan_choices

MAX_DESCRIPTION = 4000  # GeoReport v2: "limited to 4,000 characters"
MAX_WINDOW = timedelta(days=90)
MAX_REQUEST_IDS = 100
STATUSES = ("open", "closed")


class Open311Error(Exception):
    """An answer in the spec's error format: HTTP `status` and a description."""

    def __init__(self, status: int, description: str):
        self.status, self.description = status, str(description)
        super().__init__(self.description)


class CreateRequestForm(forms.Form):
    """POST requests.{fmt}. The service code is looked up by the view (404 when unknown)."""

    service_code = forms.CharField(max_length=50)
    lat = forms.DecimalField(required=False, min_value=-11, max_value=6)
    long = forms.DecimalField(required=False, min_value=95, max_value=141)
    address_string = forms.CharField(required=False, max_length=200, validators=[no_markup])
    address_id = forms.CharField(required=False, max_length=13)
    email = forms.EmailField(required=False, max_length=254)
    device_id = forms.CharField(required=False, max_length=100, validators=[no_markup])
    account_id = forms.CharField(required=False, max_length=100, validators=[no_markup])
    first_name = forms.CharField(required=False, max_length=75, validators=[no_markup])
    last_name = forms.CharField(required=False, max_length=75, validators=[no_markup])
    phone = forms.CharField(required=False, max_length=30)
    description = forms.CharField(
        required=False, max_length=MAX_DESCRIPTION, validators=[no_markup], strip=True
    )
    media_url = forms.URLField(required=False, max_length=500, assume_scheme="https")
    subtype = forms.ChoiceField(required=False, choices=Subtype.choices)

    # Field names in messages are the parameter names a client sends.
    PARAMETER_NAMES = {"lat": "lat", "long": "long", "subtype": "attribute[subtype]"}

    def __init__(self, data, *args, **kwargs):
        data = data.copy()
        if "attribute[subtype]" in data:
            data["subtype"] = data.get("attribute[subtype]")
        super().__init__(data, *args, **kwargs)

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return normalize_phone(value) if value else ""

    def clean_address_id(self):
        value = self.cleaned_data["address_id"].strip()
        if not value:
            return None
        region = kelurahan_choices().filter(code=value).first()
        if region is None:
            raise ValidationError(
                _("address_id %(code)s bukan kode kelurahan yang dikenal.") % {"code": value}
            )
        return region

    def clean_subtype(self):
        return self.cleaned_data["subtype"] or Subtype.COMPLAINT

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        has_lat, has_long = cleaned.get("lat") is not None, cleaned.get("long") is not None
        if has_lat != has_long:
            raise ValidationError(_("Kirim lat dan long bersama-sama."))
        if not (has_lat or cleaned.get("address_string") or cleaned.get("address_id")):
            raise ValidationError(
                _("Lokasi wajib diisi: lat dan long, address_string, atau address_id.")
            )
        for name in ("lat", "long"):
            if cleaned.get(name) is not None:
                cleaned[name] = round(cleaned[name], 6)
        return cleaned

    def first_error(self) -> str:
        for name, errors in self.errors.items():
            message = errors[0]
            if name == "__all__":
                return message
            return f"{self.PARAMETER_NAMES.get(name, name)}: {message}"
        return _("Permintaan tidak valid.")


# --- GET requests.{fmt} filters ------------------------------------------------------------


@dataclass(frozen=True)
class RequestFilter:
    ids: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    statuses: frozenset[str] = frozenset(STATUSES)


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def parse_w3c_datetime(name: str, value: str) -> datetime:
    """W3C date-time (ISO 8601): '2026-01-31T08:00:00Z', '…+08:00', or a date alone."""
    value = value.strip()
    try:
        parsed = parse_datetime(value)
        if parsed is None and (day := parse_date(value)) is not None:
            parsed = datetime.combine(day, time.min)
    except ValueError:
        parsed = None
    if parsed is None:
        raise Open311Error(
            400,
            _("%(name)s harus tanggal-waktu W3C, misalnya 2026-01-31T08:00:00+08:00.")
            % {"name": name},
        )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def parse_request_filter(params, *, now: datetime | None = None) -> RequestFilter:
    """service_request_id overrides every other argument (GeoReport v2)."""
    ids = tuple(
        dict.fromkeys(codes.normalize_code(c) for c in _split(params.get("service_request_id", "")))
    )
    if len(ids) > MAX_REQUEST_IDS:
        raise Open311Error(
            400, _("Paling banyak %(n)d service_request_id sekaligus.") % {"n": MAX_REQUEST_IDS}
        )
    if ids:
        return RequestFilter(ids=ids)
    statuses = frozenset(s.lower() for s in _split(params.get("status", ""))) or frozenset(STATUSES)
    if not statuses <= set(STATUSES):
        raise Open311Error(400, _("status harus open, closed, atau keduanya (open,closed)."))
    start = params.get("start_date", "").strip()
    end = params.get("end_date", "").strip()
    start_at = parse_w3c_datetime("start_date", start) if start else None
    end_at = parse_w3c_datetime("end_date", end) if end else None
    if start_at is None and end_at is None:
        end_at = now or timezone.now()
    if start_at is None:
        start_at = end_at - MAX_WINDOW
    if end_at is None:
        end_at = start_at + MAX_WINDOW
    if start_at > end_at:
        raise Open311Error(400, _("start_date harus sebelum end_date."))
    if end_at - start_at > MAX_WINDOW:
        raise Open311Error(400, _("Rentang start_date sampai end_date paling lama 90 hari."))
    return RequestFilter(
        service_codes=tuple(_split(params.get("service_code", ""))),
        start=start_at,
        end=end_at,
        statuses=statuses,
    )
