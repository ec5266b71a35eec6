"""Placeholders in admin-editable text: the one way the platform fills stored templates.

Admins and OPD staff write templates (result documents, letter bodies, number formats). Those
texts are never given to a template engine: an engine walks attributes and relations of the
objects it is handed, and an admin's template could print anything the database holds. They
are filled here instead, over a flat dict of allowed, already formatted strings:

- `{name}` is replaced by `values["name"]`; names are lowercase words with `_` and at most
  one `.` (`{isian.nama_anak}`). `{name:04d}` pads a number with zeros (`0001`), the only
  format a placeholder accepts.
- Anything else stays as it was written: `{{ nomor }}`, `{% debug %}`, `{{nomor}}`, a
  placeholder that is not in the dict. Nothing in the text is ever executed.
- In HTML (`html=True`) every value is escaped unless it is marked safe by the caller (the
  verification QR code, an SVG made by the platform).

`check()` tells an editor which placeholders a text uses that are not allowed, and refuses
template-engine syntax, with the allowed list in the message.
"""

import re
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape
from django.utils.translation import gettext as _

# A single `{`…`}` around something identifier-like; `{{…}}` is never a placeholder.
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_.]*)(?::([^{}\s]*))?\}(?!\})")
NAME = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)?")
ZERO_PAD = re.compile(r"0([1-9])d")
ENGINE_SYNTAX = re.compile(r"\{\{|\{%|\{#")


class PlaceholderError(ValueError):
    """A placeholder that `fill(strict=True)` could not fill."""

    def __init__(self, names: list[str]):
        super().__init__(", ".join(names))
        self.names = names


def used(text: str) -> list[str]:
    """The placeholder names in `text`, in order of first use."""
    seen: dict[str, None] = {}
    for match in PLACEHOLDER.finditer(text or ""):
        seen.setdefault(match.group(1), None)
    return list(seen)


def _format(value, spec: str | None) -> str | None:
    """The value as text, or None when the format spec is not one we accept."""
    if not spec:
        return value if isinstance(value, str) else str(value)
    pad = ZERO_PAD.fullmatch(spec)
    if pad is None:
        return None
    text = str(value)
    if not text.isdigit():
        return None
    return text.zfill(int(pad.group(1)))


def fill(text: str, values: Mapping[str, object], *, html: bool = False, strict=False) -> str:
    """`text` with each known `{name}` replaced by its value (escaped for HTML when `html`).

    Unknown placeholders stay as written, or raise `PlaceholderError` when `strict`."""
    missing: list[str] = []

    def replace(match: re.Match) -> str:
        name, spec = match.group(1), match.group(2)
        if name in values:
            formatted = _format(values[name], spec)
            if formatted is not None:
                return str(conditional_escape(formatted)) if html else formatted
        missing.append(match.group(0))
        return match.group(0)

    result = PLACEHOLDER.sub(replace, text or "")
    if strict and missing:
        raise PlaceholderError(missing)
    return result


def describe(allowed: Iterable[str]) -> str:
    """The allowed placeholders as the editor shows them: `{nomor}, {unit}, …`."""
    return ", ".join(f"{{{name}}}" for name in allowed)


def problems(
    text: str, allowed: Iterable[str], *, numeric: Iterable[str] = (), required=()
) -> list[str]:
    """Indonesian messages for everything wrong with the placeholders of `text` (empty: fine).

    `numeric` names may carry a zero-padding format (`{urut:03d}`); `required` must appear."""
    allowed = list(allowed)
    allowed_set, numeric = set(allowed), set(numeric)
    messages = []
    if ENGINE_SYNTAX.search(text or ""):
        messages.append(
            _(
                "Sintaks templat {{ … }} dan {%% … %%} tidak dijalankan dan akan tercetak apa "
                "adanya. Tulis placeholder dengan satu kurung kurawal, misalnya %(example)s."
            )
            % {"example": "{" + (allowed[0] if allowed else "nama") + "}"}
        )
    unknown, bad_format = [], []
    for match in PLACEHOLDER.finditer(text or ""):
        name, spec = match.group(1), match.group(2)
        if name not in allowed_set or not NAME.fullmatch(name):
            unknown.append(match.group(0))
        elif spec is not None and not (name in numeric and ZERO_PAD.fullmatch(spec)):
            bad_format.append(match.group(0))
    if unknown:
        messages.append(
            _("Placeholder tidak dikenal: %(names)s.")
            % {"names": ", ".join(dict.fromkeys(unknown))}
        )
    if bad_format:
        messages.append(
            _(
                "Format placeholder tidak didukung: %(names)s. Hanya angka berisi nol di depan "
                "yang bisa diatur, misalnya {urut:03d}."
            )
            % {"names": ", ".join(dict.fromkeys(bad_format))}
        )
    names = set(used(text))
    for name in required:
        if name not in names:
            messages.append(_("Templat harus memuat {%(name)s}.") % {"name": name})
    if messages:
        messages.append(_("Placeholder yang tersedia: %(list)s.") % {"list": describe(allowed)})
    return messages


def check(text: str, allowed: Iterable[str], *, numeric: Iterable[str] = (), required=()):
    """Raise a `ValidationError` with the messages of `problems()`, if any."""
    messages = problems(text, allowed, numeric=numeric, required=required)
    if messages:
        raise ValidationError(" ".join(messages), code="placeholders")
