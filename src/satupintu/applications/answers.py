"""Answers of an application as stored in `ApplicationDraft.data` / `Application.data`.

Values of fields whose UI widget is "nik", "kk" or "phone" are personal data: they are stored
sealed, as {"$enc": <Fernet token>} (satupintu.core.crypto), everything else as plain JSON.
A sealed value is a dict, which a form field never produces, so `reveal` needs no schema.

    reveal(application.data)            # plain answers (for the result document, staff pages)
    rows(form_version, data, masked=…)  # [(label, text)] in form order, masked by default
    entries(form_version, data)         # every field with its step, answered or not (review)
"""

from satupintu.applications.forms import SENSITIVE_WIDGETS, FormSpec
from satupintu.core import crypto
from satupintu.core.masking import mask_nik, mask_phone

SEALED = "$enc"


def seal(value: str) -> dict:
    return {SEALED: crypto.encrypt(str(value))}


def is_sealed(value) -> bool:
    return isinstance(value, dict) and SEALED in value


def unseal(value):
    return crypto.decrypt(value[SEALED]) if is_sealed(value) else value


def reveal(data: dict | None) -> dict:
    """Plain answers: every sealed value decrypted."""
    return {name: unseal(value) for name, value in (data or {}).items()}


def protect(answers: dict, sensitive: set[str]) -> dict:
    """Seal the values of `sensitive` fields (already sealed ones are kept)."""
    return {
        name: seal(value)
        if name in sensitive and value not in ("", None) and not is_sealed(value)
        else value
        for name, value in answers.items()
    }


def mask(widget: str, value: str) -> str:
    if widget in ("nik", "kk"):
        return mask_nik(value)
    if widget == "phone":
        return mask_phone(value)
    return value


def entries(form_version, data: dict | None, *, masked: bool = True) -> list[dict]:
    """Every field in the order of the form's steps, answered or not: {"name", "label",
    "text" ("" when not answered), "step" (0-based index of the step that asks it)}."""
    spec = FormSpec(form_version)
    plain = reveal(data)
    result = []
    for step in spec.steps:
        for name in step.fields:
            value = plain.get(name)
            text = "" if value in ("", None) else spec.display(name, value)
            if text and masked and spec.widget(name) in SENSITIVE_WIDGETS:
                text = mask(spec.widget(name), text)
            result.append(
                {"name": name, "label": spec.label(name), "text": text, "step": step.index}
            )
    return result


def rows(form_version, data: dict | None, *, masked: bool = True) -> list[tuple[str, str]]:
    """(label, text) for every answered field, in the order of the form's steps."""
    return [
        (entry["label"], entry["text"])
        for entry in entries(form_version, data, masked=masked)
        if entry["text"]
    ]
