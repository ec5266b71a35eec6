from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from satupintu.notifications import webpush
from satupintu.pwa.theme import theme_colour

register = template.Library()


@register.inclusion_tag("pwa/head.html")
def pwa_head():
    """The manifest link, theme colour and home-screen icon for every page's <head>."""
    return {"theme_colour": theme_colour(), "site_name": settings.SITE_NAME}


# The last note made in each language, with the second it was made in: every page carries
# the note, and pages made in the same second share it instead of rendering it again.
_last_note: dict[str | None, tuple[str, str]] = {}


@receiver(setting_changed)
def _forget_the_note(**kwargs):
    _last_note.clear()


@register.simple_tag
def offline_note():
    """The note a page shows when it is read from the phone's copy: hidden until the site's
    script sees the page came from the service worker's cache (or the network is gone). It
    carries the time the page was made (to the second), which is when its content was last
    brought up to date, and the texts the script says about forms, so the script holds no
    words of its own."""
    rendered = timezone.localtime().replace(microsecond=0)
    language = get_language()
    stamp = rendered.isoformat()
    last = _last_note.get(language)
    if last is not None and last[0] == stamp:
        return last[1]
    note = render_to_string(
        "pwa/note.html", {"rendered": rendered, "worker": reverse("pwa:service_worker")}
    )
    _last_note[language] = (stamp, note)
    return note


@register.inclusion_tag("pwa/push_optin.html", takes_context=True)
def push_optin(context):
    """The "notifications on this device" switch, shown by push.js only where the browser
    can do Web Push (it stays hidden without JavaScript, and is absent without VAPID keys)."""
    return {
        "configured": webpush.is_configured(),
        "public_key": settings.VAPID_PUBLIC_KEY,
        "csrf_token": context.get("csrf_token"),
    }
