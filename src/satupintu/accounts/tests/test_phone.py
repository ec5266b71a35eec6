"""normalize_phone: every way Indonesians write a mobile number gives the same E.164 value."""

import pytest
from django.core.exceptions import ValidationError

from satupintu.accounts.phone import normalize_phone, phone_index


@pytest.mark.parametrize(
    "raw",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "  0812 3456 7890  ",
        "(0812) 3456-7890",
        "6281234567890",
        "62 812 3456 7890",
        "+6281234567890",
        "+62 812 3456 7890",
        "+62-812-3456-7890",
    ],
)
def test_variants_of_one_number_normalise_to_e164(raw):
    assert normalize_phone(raw) == "+6281234567890"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("08115400123", "+628115400123"),  # 11-digit Telkomsel number
        ("0852 1234 5678", "+6285212345678"),
        ("0878-1234-5678", "+6287812345678"),
        ("0896 1234 5678", "+6289612345678"),
    ],
)
def test_other_operators_and_lengths(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        None,
        "abc",
        "12345",
        "0812",
        "0812345678901234",  # too long
        "+62",
        "+62 812",
        "021-1234567",  # Jakarta landline: cannot receive an SMS code
        "0542-123456",  # Balikpapan landline
        "+1 202 555 0143",  # not an Indonesian number
        "+44 7911 123456",
    ],
)
def test_invalid_numbers_raise_an_indonesian_validation_error(raw):
    with pytest.raises(ValidationError) as excinfo:
        normalize_phone(raw)
    assert excinfo.value.code == "invalid_phone"
    assert "Nomor HP tidak valid" in str(excinfo.value.messages[0])


def test_phone_index_is_stable_keyed_and_not_the_number():
    first = phone_index(normalize_phone("0812-3456-7890"))
    second = phone_index(normalize_phone("+62 812 3456 7890"))
    other = phone_index(normalize_phone("0812-3456-7891"))
    assert first == second
    assert first != other
    assert "81234567890" not in first
    assert len(first) == 64
