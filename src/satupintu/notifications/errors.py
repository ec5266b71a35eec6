"""Delivery errors, below every channel adapter (channels.py, webpush.py) and the task."""


class DeliveryError(Exception):
    """The provider refused or could not be reached: tried again with back-off."""


class RecipientGone(DeliveryError):
    """The address no longer exists (a Web Push subscription the browser dropped): trying
    again cannot succeed, so the message fails at once."""
