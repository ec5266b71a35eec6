"""Application forms in other languages: the texts of a form version's `ui["i18n"]`.

A form version is JSON written by the OPD (schema + ui), so its translations live beside it and
are frozen with it when the version is published:

    "i18n": {"en": {
        "steps": ["Child", "Parents", "Reporter"],               # step titles, in order
        "fields": {"jenis_kelamin": {
            "title": "Sex",                                       # the field's label
            "help": "As on the birth notification.",              # its hint
            "options": {"Laki-laki": "Male", "Perempuan": "Female"},  # labels of enum values
        }},
    }}

Only labels change: field names, stored values (an enum value stays "Laki-laki") and the rules
of the JSON Schema are the same in every language, so an answer given in English is checked and
stored exactly like one given in Indonesian. Anything not translated shows in Indonesian.
"""

import copy

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

TEXT_KEYS = ("title", "help")


def localized(schema: dict, ui: dict, language: str | None = None) -> tuple[dict, dict]:
    """(schema, ui) with the labels of `language` (the active one by default).

    Field titles go into the schema's properties, hints into `ui.fields[name].help`, option
    labels into `ui.fields[name].option_labels` ({value: label}); the inputs are not changed.
    """
    language = language or get_language() or settings.LANGUAGE_CODE
    texts = ((ui or {}).get("i18n") or {}).get(language)
    if not isinstance(texts, dict) or language == settings.LANGUAGE_CODE:
        return schema, ui
    schema, ui = copy.deepcopy(schema or {}), copy.deepcopy(ui or {})
    properties = schema.get("properties") or {}
    for index, title in enumerate(texts.get("steps") or []):
        steps = ui.get("steps") or []
        if index < len(steps) and isinstance(steps[index], dict) and str(title).strip():
            steps[index]["title"] = str(title)
    for name, field in (texts.get("fields") or {}).items():
        if name not in properties or not isinstance(field, dict):
            continue
        if str(field.get("title") or "").strip():
            properties[name]["title"] = str(field["title"])
        hint = ui.setdefault("fields", {}).setdefault(name, {})
        if str(field.get("help") or "").strip():
            hint["help"] = str(field["help"])
        if isinstance(field.get("options"), dict):
            hint["option_labels"] = {str(k): str(v) for k, v in field["options"].items() if v}
    return schema, ui


def check(schema: dict, ui: dict) -> list[str]:
    """Problems of `ui["i18n"]` (Indonesian messages for the schema editor); [] when fine."""
    translations = (ui or {}).get("i18n")
    if translations is None:
        return []
    if not isinstance(translations, dict):
        return [_('"i18n" harus berupa objek: {"en": {...}}.')]
    errors = []
    languages = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    properties = (schema or {}).get("properties") or {}
    steps = (ui or {}).get("steps") or []
    for language, texts in translations.items():
        if language not in languages:
            errors.append(
                _("Bahasa “%(lang)s” pada i18n tidak dikenal. Pilihan: %(all)s.")
                % {"lang": language, "all": ", ".join(sorted(languages))}
            )
            continue
        if not isinstance(texts, dict):
            errors.append(_("i18n.%(lang)s harus berupa objek.") % {"lang": language})
            continue
        titles = texts.get("steps", [])
        if not isinstance(titles, list) or len(titles) > len(steps):
            errors.append(
                _("i18n.%(lang)s.steps harus berupa daftar judul, paling banyak satu per langkah.")
                % {"lang": language}
            )
        errors.extend(_check_fields(language, texts.get("fields", {}), properties))
    return errors


def _check_fields(language: str, fields, properties: dict) -> list[str]:
    if not isinstance(fields, dict):
        return [_("i18n.%(lang)s.fields harus berupa objek.") % {"lang": language}]
    errors = []
    for name, field in fields.items():
        if name not in properties:
            errors.append(
                _("i18n.%(lang)s menerjemahkan isian “%(name)s” yang tidak ada di JSON Schema.")
                % {"lang": language, "name": name}
            )
        elif not isinstance(field, dict) or any(
            not isinstance(field.get(key, ""), str) for key in TEXT_KEYS
        ):
            errors.append(
                _("Terjemahan isian “%(name)s” harus berupa objek dengan teks title/help.")
                % {"name": name}
            )
        elif "options" in field:
            prop = properties[name]
            values = {str(v) for v in prop.get("enum") or []} | {
                str(o.get("const")) for o in prop.get("oneOf") or [] if isinstance(o, dict)
            }
            options = field["options"]
            if not isinstance(options, dict) or not set(map(str, options)) <= values:
                errors.append(
                    _("Terjemahan pilihan isian “%(name)s” harus memakai nilai dari enum-nya.")
                    % {"name": name}
                )
    return errors
