"""The app's colours, read from the one stylesheet's custom properties, so the manifest, the
`theme-color` meta tag and the icons follow the site's look without a second copy."""

import re
from functools import lru_cache

from django.contrib.staticfiles import finders

STYLESHEET = "css/satupintu.css"
FALLBACK = {"brand": "#0b5a4a", "bg": "#f6f7f8"}


@lru_cache(maxsize=1)
def colours() -> dict[str, str]:
    path = finders.find(STYLESHEET)
    text = open(path, encoding="utf-8").read() if path else ""  # noqa: SIM115
    found = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{3,8})\s*;", text))
    return {name: found.get(name, value).lower() for name, value in FALLBACK.items()}


def theme_colour() -> str:
    return colours()["brand"]


def background_colour() -> str:
    return colours()["bg"]
