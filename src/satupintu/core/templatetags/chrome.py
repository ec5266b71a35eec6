"""`{% chrome "name" [vary …] %}…{% endchrome %}`: a piece of every page's frame (the head's
links, the anonymous menu, the footer), rendered once per process and language and reused.

Why: these pieces are the same for every visitor in a language, yet rendering them (a dozen
`{% url %}`, `{% static %}` and `{% translate %}` each, on every page) cost as much as a whole
empty view. What they show only changes with the code, the URLs, the static manifest, the
catalogues or the settings, which a deploy changes by restarting the processes; tests that
change settings clear the copies through `setting_changed`.

What may go inside: only what is the same for everyone who gets the same key — the language
is always part of it, and each `vary` value is added (e.g. the view's name). Never anything of
one visitor (their name, a form's values, `request.get_full_path`): keep such things outside
the block. Two guards make a mistake fail safe rather than leak: a block that used the CSRF
token or the CSP nonce while rendering is never kept (both are per response).
"""

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import get_language

register = template.Library()

# Few distinct keys exist (pieces × languages × view names); the bound only stops a `vary`
# value from growing the dict without end if someone passes something per request by mistake.
MAX_FRAGMENTS = 1000
_fragments: dict[tuple, str] = {}


def clear() -> None:
    _fragments.clear()


@receiver(setting_changed)
def _setting_changed(**kwargs):
    clear()


class ChromeNode(template.Node):
    def __init__(self, name: str, vary, nodelist):
        self.name = name
        self.vary = vary
        self.nodelist = nodelist

    def render(self, context):
        key = (self.name, get_language(), *(value.resolve(context) for value in self.vary))
        text = _fragments.get(key)
        if text is not None:
            return text
        request = context.get("request")
        if request is None:  # rendered outside a request (an e-mail, a PDF): never kept
            return self.nodelist.render(context)
        meta = request.META
        csrf_before = meta.pop("CSRF_COOKIE_NEEDS_UPDATE", None)
        nonce = getattr(request, "_csp_nonce", None)
        nonce_before = bool(nonce) if nonce is not None else False
        text = self.nodelist.render(context)
        used_csrf = meta.get("CSRF_COOKIE_NEEDS_UPDATE")
        if csrf_before:
            meta["CSRF_COOKIE_NEEDS_UPDATE"] = csrf_before
        used_nonce = nonce is not None and (
            (bool(nonce) and not nonce_before) or (nonce_before and str(nonce) in text)
        )
        if not used_csrf and not used_nonce and len(_fragments) < MAX_FRAGMENTS:
            _fragments[key] = text
        return text


@register.tag("chrome")
def chrome(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% chrome "name" [vary …] %} needs a quoted name')
    nodelist = parser.parse(("endchrome",))
    parser.delete_first_token()
    vary = [parser.compile_filter(bit) for bit in bits[2:]]
    return ChromeNode(bits[1][1:-1], vary, nodelist)
