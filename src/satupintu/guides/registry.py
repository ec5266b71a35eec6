"""Plain-language guides (/panduan/), one per citizen journey. Each app adds its own.

An app that has a journey to explain writes a `guide.py` module that calls `register(...)`;
`GuidesConfig.ready` imports every installed app's `guide` module, so a guide appears when the
app exists and the guides app never names a domain (as `portal/entries.py` does for the home
page). A future `queues` app adds "mengambil nomor antrean" the same way.

A step's picture is a real screen of the site on a phone, made by `make guides` from its
`Screen` (see `guides/management/commands/make_guide_screens.py`) and committed under
`static/guides/`. `explains` names the pages (URL names) that link to the guide with
"Butuh bantuan? Baca panduan".
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

# A leaflet is one A4 page: two columns of at most three pictures.
MAX_STEPS = 6


@dataclass(frozen=True)
class Screen:
    """How `make guides` photographs a step's screen.

    `path`: a path on the site, or a function returning one (it runs in the screenshot
    command, against the demo data, and may create what the screen needs). `login`: "" for
    an anonymous visitor, "citizen" for the demo citizen. `focus`: a CSS selector scrolled to
    the top of the screen. `prepare`: a function given the Playwright page, run before the
    photo (e.g. to type a tracking code)."""

    path: str | Callable[[], str]
    login: str = ""
    focus: str = ""
    prepare: Callable | None = None


@dataclass(frozen=True)
class Step:
    text: str | Promise
    image: str = ""  # file name under static/guides/
    alt: str | Promise = ""
    screen: Screen | None = None


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str | Promise
    summary: str | Promise
    steps: tuple[Step, ...]
    explains: tuple[str, ...] = ()
    tips: tuple[str | Promise, ...] = ()
    order: int = 100

    def __post_init__(self):
        if not 1 <= len(self.steps) <= MAX_STEPS:
            raise ValueError(f"guide {self.slug!r}: 1 to {MAX_STEPS} steps, one leaflet page")


_guides: dict[str, Guide] = {}


def register(guide: Guide) -> None:
    _guides[guide.slug] = guide


def all_guides() -> list[Guide]:
    return sorted(_guides.values(), key=lambda g: (g.order, g.slug))


def get(slug: str) -> Guide | None:
    return _guides.get(slug)


def explaining(view_name: str | None) -> list[Guide]:
    """The guides that explain the page served by `view_name` ("app:name")."""
    if not view_name:
        return []
    return [g for g in all_guides() if view_name in g.explains]
