"""NIK (Nomor Induk Kependudukan) validation through python-stdnum."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.id import nik as stdnum_nik

from satupintu.core import crypto


def normalize_nik(raw: str) -> str:
    try:
        return stdnum_nik.validate(raw)
    except StdnumError as exc:
        raise ValidationError(
            _("NIK tidak valid: harus 16 angka dengan kode wilayah dan tanggal lahir yang benar."),
            code="invalid_nik",
        ) from exc


def nik_index(normalized: str) -> str:
    return crypto.blind_index(normalized, "nik")
