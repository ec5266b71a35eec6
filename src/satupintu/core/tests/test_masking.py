"""Masking of personal identifiers on screen (core.masking) and in logs (core.logging)."""

import logging

import pytest

from satupintu.core.logging import PersonalDataMaskingFilter, mask_text
from satupintu.core.masking import mask_email, mask_nik, mask_personal_numbers, mask_phone

NIK = "6471054107900001"


# --- core.masking --------------------------------------------------------------------------


def test_mask_nik_keeps_region_and_serial():
    assert mask_nik(NIK) == "6471********0001"


def test_mask_nik_ignores_separators():
    assert mask_nik("6471 0541 0790 0001") == "6471********0001"


@pytest.mark.parametrize("value", [None, ""])
def test_mask_nik_empty(value):
    assert mask_nik(value) == ""


@pytest.mark.parametrize("value", ["12345", "64710541079000012"])
def test_mask_nik_of_wrong_length_hides_every_digit(value):
    masked = mask_nik(value)

    assert set(masked) == {"*"}
    assert len(masked) == len(value)


def test_mask_phone_keeps_prefix_and_last_three_digits():
    assert mask_phone("+6281234567890") == "+62812*****890"
    assert mask_phone("081234567890") == "081234***890"


@pytest.mark.parametrize("value", ["1234567", "12"])
def test_mask_phone_short_values_fully_hidden(value):
    assert mask_phone(value) == "*" * len(value)


@pytest.mark.parametrize("value", [None, ""])
def test_mask_phone_empty(value):
    assert mask_phone(value) == ""


def test_mask_email():
    assert mask_email("budi@contoh.id") == "b***@contoh.id"
    assert mask_email("tanpa-at") == ""
    assert mask_email(None) == ""


# --- core.logging --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"NIK {NIK} ditolak", "NIK 6471********0001 ditolak"),
        ("kirim ke +6281234567890", "kirim ke +62812*****90"),
        ("kirim ke 6281234567890", "kirim ke 62812*****90"),
        ("kirim ke 081234567890.", "kirim ke 0812*****90."),
        ("tanpa data pribadi 12345", "tanpa data pribadi 12345"),
    ],
)
def test_mask_text(text, expected):
    assert mask_text(text) == expected


def test_mask_text_leaves_longer_digit_runs_alone_as_nik():
    # 17 digits is not a NIK: the lookarounds stop a partial match inside it.
    assert mask_text("64710541079000011") == "64710541079000011"


def _record(msg, *args):
    return logging.LogRecord("satupintu.test", logging.INFO, __file__, 1, msg, args, None)


def test_filter_masks_nik_in_formatted_args():
    record = _record("profil %s disimpan untuk %s", NIK, "budi")

    assert PersonalDataMaskingFilter().filter(record) is True
    assert record.getMessage() == "profil 6471********0001 disimpan untuk budi"
    assert NIK not in record.getMessage()


@pytest.mark.parametrize("phone", ["+6281234567890", "081234567890"])
def test_filter_masks_phone_numbers(phone):
    record = _record("OTP dikirim ke %s", phone)

    PersonalDataMaskingFilter().filter(record)

    message = record.getMessage()
    assert phone not in message
    assert "34567" not in message
    assert message.endswith("*****90")


def test_filter_leaves_clean_records_untouched():
    record = _record("antrean %d diproses", 42)

    PersonalDataMaskingFilter().filter(record)

    assert record.msg == "antrean %d diproses"
    assert record.args == (42,)


def test_filter_never_drops_a_broken_record():
    record = _record("dua %s %s", "satu")  # wrong number of args

    assert PersonalDataMaskingFilter().filter(record) is True


def test_logger_with_filter_masks_what_reaches_handlers(caplog):
    logger = logging.getLogger("satupintu.tests.masking")
    masking = PersonalDataMaskingFilter()
    logger.addFilter(masking)
    try:
        with caplog.at_level(logging.INFO, logger="satupintu.tests.masking"):
            logger.info("warga %s, HP %s, HP lain %s", NIK, "+6281234567890", "081234567890")
    finally:
        logger.removeFilter(masking)

    text = caplog.text
    assert NIK not in text
    assert "+6281234567890" not in text
    assert "081234567890" not in text
    assert "6471********0001" in text
    assert "+62812*****90" in text
    assert "0812*****90" in text


def test_settings_attach_the_filter_to_the_console_handler():
    from django.conf import settings

    handler = settings.LOGGING["handlers"]["console"]
    assert "mask_personal_data" in handler["filters"]
    assert settings.LOGGING["filters"]["mask_personal_data"]["()"] == (
        "satupintu.core.logging.PersonalDataMaskingFilter"
    )


@pytest.mark.parametrize(
    ("text", "hidden", "shown"),
    [
        ("Jalan rusak, hubungi 0812-3456-7890", "3456-7890", "Jalan rusak, hubungi 0812******90"),
        ("Telp +62 812 3456 7890 (Budi)", "3456 7890", "Telp +628********90 (Budi)"),
        ("WA 6281234567890 saja", "812345678", "WA 6281*******90 saja"),
        ("NIK saya 6471.0512.3456.0001", "0512.3456", "6471********0001"),
        ("KK 6471051234560001!", "6471051234560001", "6471********0001!"),
    ],
)
def test_personal_numbers_in_free_text_are_masked(text, hidden, shown):
    masked = mask_personal_numbers(text)

    assert hidden not in masked
    assert shown in masked


@pytest.mark.parametrize(
    "text",
    ["Sejak 2024-05-12 jalan berlubang", "RT 03 RW 12 no. 45", "Biaya Rp 150.000.000", ""],
)
def test_other_numbers_in_free_text_stay(text):
    assert mask_personal_numbers(text) == text
