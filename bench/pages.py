"""What `make bench` measures, and the budgets each page must meet.

A later issue adds a page by appending one `Page` to `PAGES`; nothing else needs to change.
"""

from dataclasses import dataclass

# Page weight budget: HTML plus every asset it loads, as sent on the wire (KB = 1000 bytes).
WEIGHT_BUDGET_BYTES = 60_000
# Requests to any host other than the page's own: always zero.
THIRD_PARTY_BUDGET = 0
# Service catalogue: /layanan/ and a service page ≥ 35 % of the bare view with 500 services.
CATALOG_SERVICES = 500
CATALOG_MIN_RATIO = 0.35
# One search (issue #12): /cari/ uncached ≥ 35 % of the bare view with 1 000 services,
# 10 000 news items and 5 000 projects (seed.py --services/--news/--projects); the city map's
# page and its data for a city-wide view ≤ 150 KB compressed each, with 10 000 points on the
# map: the 5 000 projects and 5 000 points of an OPD's public-facilities layer
# (seed.py --map-points, geo/bench.py).
SEARCH_SERVICES = 1000
SEARCH_NEWS = 10_000
SEARCH_PROJECTS = 5000
SEARCH_MIN_RATIO = 0.35
SEARCH_QUERY = "q=pembangunn+jalan+sepinggan"
MAP_BUDGET_BYTES = 150_000
MAP_POINTS = 10_000
# The city-wide view: the whole box the bench seeds its points in (projects/bench.py and
# geo/bench.py CITY_BOX, west,south,east,north), every point in view.
MAP_CITY_BBOX = "116.80,-1.30,117.05,-1.05"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    # Drive load at it with wrk and report req/s, p50, p99 and the ratio to the bare view.
    load: bool = True
    # Fetch it and its assets and check the weight and third-party budgets.
    weight: bool = True
    # Budget: req/s must be at least this share of the bare view's (None: report only).
    min_ratio: float | None = None
    # Weight budget of this page (HTML and assets, compressed).
    max_bytes: int = WEIGHT_BUDGET_BYTES
    # The path is the map page: weigh the layer data it fetches at the city-wide view
    # (weight.measure_map_data) instead of the page itself.
    map_data: bool = False


# The yardstick: a Django view that does nothing, served by the same gunicorn (SP_BENCH=1).
# Measured first and again last; pages are reported as ratios to the mean of the two.
BARE = Page("bare-start", "/bench/bare/", weight=False)
BARE_END = Page("bare-end", "/bench/bare/", weight=False)

PAGES: list[Page] = [
    Page("home", "/", min_ratio=0.5),
    Page("opd", "/opd/"),
    Page("opd-detail", "/opd/DINKES/"),
    Page("wilayah", "/wilayah/"),
    Page("healthz", "/healthz", weight=False),
    # Service catalogue, with CATALOG_SERVICES services seeded (seed.py --services).
    Page("layanan", "/layanan/", min_ratio=CATALOG_MIN_RATIO),
    Page("layanan-detail", "/layanan/akta-kelahiran/", min_ratio=CATALOG_MIN_RATIO),
    # One search and the city map (issue #12). The home page above carries the latest news.
    Page("cari", f"/cari/?{SEARCH_QUERY}"),
    Page("cari-uncached", f"/cari/?{SEARCH_QUERY}&bench=uncached", min_ratio=SEARCH_MIN_RATIO),
    Page("peta", "/peta/", load=False, max_bytes=MAP_BUDGET_BYTES),
    # The data the map page fetches for a city-wide view: every layer it loads by default
    # (its data-layers), the whole city in the bbox, at the zoom it opens with (data-zoom).
    Page("peta-data", "/peta/", load=False, max_bytes=MAP_BUDGET_BYTES, map_data=True),
    Page("login", "/akun/login/", load=False),
    Page("signup", "/akun/signup/", load=False),
    # The same pages as a first visit: a query string skips the page cache (portal/caching.py),
    # so every request renders. The rows above are cache hits after the warm-up; these are the
    # pages' own speed. Reported, no budget.
    *(
        Page(f"{name}-uncached", f"{path}?bench=uncached", weight=False)
        for name, path in (
            ("home", "/"),
            ("opd", "/opd/"),
            ("opd-detail", "/opd/DINKES/"),
            ("wilayah", "/wilayah/"),
            ("layanan", "/layanan/"),
            ("layanan-detail", "/layanan/akta-kelahiran/"),
        )
    ),
]


def load_pages() -> list[Page]:
    return [page for page in PAGES if page.load]


def weight_pages() -> list[Page]:
    return [page for page in PAGES if page.weight]
