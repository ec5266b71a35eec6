"""Form fields several apps share, so their limits are written once."""

from django import forms
from django.utils.translation import gettext_lazy as _

# Indonesia's extent with a margin (Sabang to Merauke, Miangas to Rote): a point outside it is a
# typing slip or a swapped pair, whatever city runs the platform.
LATITUDE_RANGE = (-11, 6)
LONGITUDE_RANGE = (95, 141)


def latitude_field(**kwargs) -> forms.DecimalField:
    """An optional latitude in decimal degrees, six decimals (about 10 cm)."""
    return _coordinate(_("Lintang"), LATITUDE_RANGE, **kwargs)


def longitude_field(**kwargs) -> forms.DecimalField:
    """An optional longitude in decimal degrees, six decimals (about 10 cm)."""
    return _coordinate(_("Bujur"), LONGITUDE_RANGE, **kwargs)


def _coordinate(label, bounds, **kwargs) -> forms.DecimalField:
    options = {
        "label": label,
        "required": False,
        "min_value": bounds[0],
        "max_value": bounds[1],
        "decimal_places": 6,
        "max_digits": 9,
    }
    options.update(kwargs)
    return forms.DecimalField(**options)
