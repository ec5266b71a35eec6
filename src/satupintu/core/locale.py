"""Indonesian unless the visitor chose another language with the switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many phones in
Indonesia are set to English; the city's site speaks Indonesian first. The JSON API is the
exception: a program asks for its language with Accept-Language (`Accept-Language: en` gives
English service names, requirements and messages), and gets Indonesian when it asks for none.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import trans_real

# Paths whose language follows Accept-Language (programs, not people with a language switch).
API_PREFIXES = ("/api/",)


def accepted_language(header: str, supported: set[str]) -> str | None:
    """The best supported language of an Accept-Language header, or None."""
    for code, _quality in trans_real.parse_accept_lang_header(header or ""):
        if code == "*":
            continue
        try:
            language = translation.get_supported_language_variant(code)
        except LookupError:
            continue
        if language in supported:
            return language
    return None


class CookieLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        is_api = request.path.startswith(API_PREFIXES)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        if is_api:
            language = (
                accepted_language(request.headers.get("Accept-Language", ""), self.supported)
                or language
            )
        request.LANGUAGE_CODE = language
        # override() restores the previous language afterwards, so nothing leaks into the
        # next request handled by this thread.
        with translation.override(language):
            response = self.get_response(request)
        patch_vary_headers(response, ["Accept-Language", "Cookie"] if is_api else ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response
