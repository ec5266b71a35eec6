"""Helpers for tests that read a page's HTML."""

import re

# Every page loads the installable app's script (docs/pwa.md): it only registers the service
# worker and adds offline notes, and every page works without it.
APP_SCRIPT = '<script src="/static/js/pwa.js" defer></script>'


def without_app_script(html: str) -> str:
    """The page as its own template made it, without the site-wide app script."""
    assert html.count(APP_SCRIPT) <= 1
    return html.replace(APP_SCRIPT, "")


# The moment the page was rendered, for the offline note ("last updated", docs/pwa.md).
_RENDERED = re.compile(r' data-rendered="[^"]*"')


def without_render_time(html: str) -> str:
    """The page without the moment it was rendered: two renders of the same page compare equal
    even when they straddle a second."""
    return _RENDERED.sub("", html)
