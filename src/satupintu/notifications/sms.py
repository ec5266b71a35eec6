"""SMS sending behind one small interface, so a provider is a configuration choice.

`SMS_BACKEND` names the class. Shipped: `LoggingSmsBackend` (development: writes the message to
the log with the number masked) and `LocmemSmsBackend` (tests: keeps messages in `outbox`).
A provider adapter implements `send(phone, text)` and raises `SmsError` on failure.
"""

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

from satupintu.core.masking import mask_phone

logger = logging.getLogger("satupintu.sms")


class SmsError(Exception):
    pass


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    text: str


class BaseSmsBackend(ABC):
    @abstractmethod
    def send(self, phone: str, text: str) -> None:
        """Deliver `text` to the E.164 number `phone`, or raise SmsError."""


class LoggingSmsBackend(BaseSmsBackend):
    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", mask_phone(phone), text)


outbox: list[SmsMessage] = []


class LocmemSmsBackend(BaseSmsBackend):
    def send(self, phone: str, text: str) -> None:
        outbox.append(SmsMessage(phone, text))


def get_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()


def send_sms(phone: str, text: str) -> None:
    get_backend().send(phone, text)
