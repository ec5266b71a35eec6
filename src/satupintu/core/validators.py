import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript:", re.IGNORECASE)


def no_markup(value: str) -> None:
    """Plain text only: HTML or script in a citizen's text is refused, not silently stripped."""
    if value and MARKUP.search(value):
        raise ValidationError(
            _("Tulis sebagai teks biasa, tanpa tag HTML atau skrip."), code="markup"
        )
