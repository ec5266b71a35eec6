from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duration_label(value) -> str:
    """A timedelta as "2 hari 3 jam" / "3 jam 5 mnt" / "4 mnt"."""
    seconds = int(value.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return _("%(d)d hari %(h)d jam") % {"d": days, "h": hours}
    if hours:
        return _("%(h)d jam %(m)d mnt") % {"h": hours, "m": minutes}
    return _("%(m)d mnt") % {"m": minutes}
