from django import template

from satupintu.guides.registry import explaining

register = template.Library()


@register.inclusion_tag("guides/_help.html", takes_context=True)
def guide_help(context):
    """ "Butuh bantuan? Baca panduan" on the pages a guide explains (see registry.explains)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return {"guides": explaining(match.view_name if match else None)}
