"""The error summary at the top of a form that came back with errors (GOV.UK pattern).

`form|error_items` lists (href, text) for every error: non-field errors without a link,
field errors linking to the field's input (the first option of radios and checkbox lists).
The text names the field unless the message already does, so each link says what to fix.
A form whose fields a template renders by hand gives their ids in `form.error_targets`.
Rendered by `templates/includes/error_summary.html`; `static/js/error-summary.js` moves the
focus there when the page opens.
"""

from django import template

register = template.Library()


def _target(form, bound_field) -> str:
    if bound_field.is_hidden:
        return ""
    # A page that renders the fields by hand says where each one is.
    custom = (getattr(form, "error_targets", None) or {}).get(bound_field.name)
    if custom:
        return custom
    widget = bound_field.field.widget
    if getattr(widget, "input_type", "") == "radio" or (
        getattr(widget, "allow_multiple_selected", False)
        and getattr(widget, "input_type", "") == "checkbox"
    ):
        return f"{bound_field.auto_id}_0"  # the group's first option carries the focus
    return bound_field.auto_id or ""


def _text(label: str, message: str) -> str:
    label = str(label or "").strip().rstrip("*: ").strip()
    if not label or label.lower() in message.lower():
        return message
    return f"{label}: {message}"


@register.filter
def error_items(form) -> list[tuple[str, str]]:
    """(href, text) per error; href "" for errors of the whole form."""
    errors = getattr(form, "errors", None)
    if not errors:
        return []
    items = [("", str(message)) for message in form.non_field_errors()]
    for bound_field in form:
        target = _target(form, bound_field)
        for message in bound_field.errors:
            items.append((f"#{target}" if target else "", _text(bound_field.label, str(message))))
    return items
