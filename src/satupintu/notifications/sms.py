"""SMS sending behind one small interface, so a provider is a configuration choice.

`SMS_BACKEND` names the class. Every SMS counts against the site's daily budget
(`SMS_DAILY_BUDGET`, per day in the site's time zone, kept in the shared cache): past it,
`send_sms` raises `SmsBudgetExhausted` and callers fall back to e-mail or refuse.
Shipped: `LoggingSmsBackend` (development and demo only: writes the message to the log with the
number and every code masked; production refuses to start with it, see accounts.checks) and
`LocmemSmsBackend` (tests: keeps messages in `outbox`).
A provider adapter implements `send(phone, text)` and raises `SmsError` on failure.
"""

import logging
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from satupintu.core.masking import mask_phone

logger = logging.getLogger("satupintu.sms")


class SmsError(Exception):
    pass


class SmsBudgetExhausted(SmsError):
    """The site's SMS budget for today is used up."""


class SmsUnavailable(SmsError):
    """The shared cache that counts the budget is down: no SMS until it is back (an SMS costs
    money, so the budget fails closed). The delivery task retries later."""


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    text: str


class BaseSmsBackend(ABC):
    @abstractmethod
    def send(self, phone: str, text: str) -> None:
        """Deliver `text` to the E.164 number `phone`, or raise SmsError."""


# allauth's codes are digits or capitals, possibly dashed ("4821-07", "XK4-P9Q").
_CODE = re.compile(r"\b[A-Z0-9][A-Z0-9-]{2,}\b")
# Links may carry a tracking secret: keep the site, drop the rest.
_URL = re.compile(r"(https?://[^/\s]+)/\S*")


def mask_codes(text: str) -> str:
    """Verification codes and secret links never reach the log in clear."""
    text = _URL.sub(lambda match: f"{match.group(1)}/…", text)
    return _CODE.sub(lambda match: "•" * len(match.group()), text)


class LoggingSmsBackend(BaseSmsBackend):
    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", mask_phone(phone), mask_codes(text))


outbox: list[SmsMessage] = []


class LocmemSmsBackend(BaseSmsBackend):
    def send(self, phone: str, text: str) -> None:
        outbox.append(SmsMessage(phone, text))


def get_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()


# --- Daily budget ------------------------------------------------------------------------------

_KEEP_SECONDS = 3 * 24 * 3600


def daily_budget() -> int:
    return int(settings.SMS_DAILY_BUDGET)


def _key(kind: str, day=None) -> str:
    day = day or timezone.localdate()
    return f"sp:sms:{kind}:{day.isoformat()}"


def _add(key: str, amount: int) -> int:
    if cache.add(key, amount, timeout=_KEEP_SECONDS):
        return amount
    try:
        return cache.incr(key, amount)
    except ValueError:  # expired between add and incr
        cache.set(key, max(amount, 0), timeout=_KEEP_SECONDS)
        return max(amount, 0)


def sent_today() -> int:
    return int(cache.get(_key("sent")) or 0)


def refused_today() -> int:
    return int(cache.get(_key("refused")) or 0)


def budget_left() -> int:
    return max(0, daily_budget() - sent_today())


def next_budget_day() -> datetime:
    """When the budget starts again: the next midnight in the site's time zone."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.min))


def budget_exhausted_message() -> str:
    return _(
        "Batas pengiriman SMS harian layanan ini sudah tercapai, jadi kode lewat SMS tidak "
        "dapat dikirim hari ini. Gunakan e-mail, atau coba lagi besok."
    )


def send_sms(phone: str, text: str) -> None:
    """Send one SMS within today's budget; SmsBudgetExhausted when it is used up."""
    from satupintu.core import cache as shared_cache

    if not shared_cache.available():
        logger.warning("cache down: SMS to %s not sent (budget fails closed)", mask_phone(phone))
        raise SmsUnavailable(_("Pengiriman SMS sedang tidak tersedia. Coba lagi nanti."))
    key = _key("sent")
    if _add(key, 1) > daily_budget():
        _add(key, -1)
        _add(_key("refused"), 1)
        logger.warning(
            "SMS budget of %d for today used up: SMS to %s not sent",
            daily_budget(),
            mask_phone(phone),
        )
        raise SmsBudgetExhausted(budget_exhausted_message())
    try:
        get_backend().send(phone, text)
    except Exception:
        _add(key, -1)  # not delivered, not paid for
        raise
