"""Booking codes in one search (/cari/, `portal.findable`): a booking code opens its ticket."""

from django.urls import reverse

from satupintu.portal.findable import register_code
from satupintu.queues.models import Booking

MAX_CODE = 16


def page_of(text: str) -> str | None:
    code = text.strip().upper()
    if len(code) > MAX_CODE or not code.replace("-", "").isalnum():
        return None
    if not Booking.objects.filter(code=code).exists():
        return None
    return reverse("queues:ticket", args=[code])


register_code("queues", page_of)
