from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def rupiah(amount) -> str:
    """0 → "Gratis"; 50000 → "Rp 50.000" (Indonesian thousands separator)."""
    try:
        value = int(amount or 0)
    except (TypeError, ValueError):
        return ""
    if value == 0:
        return _("Gratis")
    return "Rp " + f"{value:,}".replace(",", ".")
