from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from satupintu.notifications import webpush
from satupintu.pwa.theme import theme_colour

register = template.Library()


@register.inclusion_tag("pwa/head.html")
def pwa_head():
    """The manifest link, theme colour and home-screen icon for every page's <head>."""
    return {"theme_colour": theme_colour(), "site_name": settings.SITE_NAME}


@register.inclusion_tag("pwa/note.html")
def offline_note():
    """The note a page shows when it is read from the phone's copy: hidden until the site's
    script sees the page came from the service worker's cache (or the network is gone). It
    carries the time the page was made, which is when its content was last brought up to date,
    and the texts the script says about forms, so the script holds no words of its own."""
    return {"rendered": timezone.localtime(), "worker": reverse("pwa:service_worker")}


@register.inclusion_tag("pwa/push_optin.html", takes_context=True)
def push_optin(context):
    """The "notifications on this device" switch, shown by push.js only where the browser
    can do Web Push (it stays hidden without JavaScript, and is absent without VAPID keys)."""
    return {
        "configured": webpush.is_configured(),
        "public_key": settings.VAPID_PUBLIC_KEY,
        "csrf_token": context.get("csrf_token"),
    }
