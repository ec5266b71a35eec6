from django import template

from satupintu.dprd import decisions

register = template.Library()


@register.simple_tag
def decided_in(code: str) -> list:
    """`{% decided_in case.tracking_code as meetings %}`: published minutes deciding on it."""
    return decisions.decided_in(code)
