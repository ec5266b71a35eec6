"""`{% upload_input name id=… %}`: a file input that uploads resumably with JavaScript and
posts with the form without it, listing the finished uploads a refused form kept
(see uploads/attach.py)."""

from django import template

from satupintu.uploads import attach

register = template.Library()


@register.inclusion_tag("uploads/file_input.html", takes_context=True)
def upload_input(
    context,
    name,
    id,  # noqa: A002 - the HTML attribute
    multiple=False,
    max_mb=None,
    types="",
    accept="",
    describedby="",
):
    return {
        "csp_nonce": context.get("csp_nonce"),
        **attach.input_context(
            context.get("request"),
            name,
            input_id=id,
            multiple=multiple,
            max_bytes=int(max_mb) * 2**20 if max_mb else None,
            types=types.split(",") if types else attach.ACCEPTED_TYPES,
            accept=accept or attach.ACCEPT,
            describedby=describedby,
        ),
    }
