"""A logging filter that masks anything shaped like a NIK or an Indonesian phone number."""

import logging
import re

# 16 digits in a row (NIK, No. KK); phone numbers as +62…, 62… or 08… with 8–13 more digits.
NIK_PATTERN = re.compile(r"(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)")
PHONE_PATTERN = re.compile(r"(?<![\d+])(\+?62|0)(8\d{2})\d{4,9}(\d{2})(?!\d)")


def mask_text(text: str) -> str:
    text = NIK_PATTERN.sub(r"\1********\2", text)
    return PHONE_PATTERN.sub(r"\1\2*****\3", text)


class PersonalDataMaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record must still be logged
            return True
        masked = mask_text(message)
        if masked != message:
            record.msg = masked
            record.args = ()
        return True
