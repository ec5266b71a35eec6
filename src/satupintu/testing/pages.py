"""Helpers for tests that read a page's HTML."""

# Every page loads the installable app's script (docs/pwa.md): it only registers the service
# worker and adds offline notes, and every page works without it.
APP_SCRIPT = '<script src="/static/js/pwa.js" defer></script>'


def without_app_script(html: str) -> str:
    """The page as its own template made it, without the site-wide app script."""
    assert html.count(APP_SCRIPT) <= 1
    return html.replace(APP_SCRIPT, "")
