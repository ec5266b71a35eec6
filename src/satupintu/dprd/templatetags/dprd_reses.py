"""`{% member_reses member %}`: a member's held reses and signed reports on their public page
(no names of the citizens heard, only counts)."""

from django import template

from satupintu.dprd import reses_selectors

register = template.Library()


@register.inclusion_tag("dprd/reses/_public_member.html")
def member_reses(member):
    return {
        "member": member,
        "recesses": reses_selectors.public_recesses(member),
        "reports": reses_selectors.public_reports(member),
    }
