"""Page weight: the HTML plus every asset it loads, as sent compressed, and third-party hosts.

Each page is fetched with `Accept-Encoding: gzip, br` like a browser would; the bytes counted
are the response bodies as they travel (compressed when the server compresses them). Assets
are what the HTML makes a browser load: stylesheets, icons, preloads, scripts, images,
frames and media, plus `url(...)` and `@import` references inside stylesheets. Any of them on
another host is a third-party request: counted, never fetched.
"""

import gzip
import re
import urllib.error
import urllib.request
import zlib
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

ACCEPT_ENCODING = "gzip, br"
LOADING_LINK_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload"}
URL_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "source": ("src",),
    "audio": ("src",),
    "track": ("src",),
    "video": ("src", "poster"),
    "object": ("data",),
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass
class Fetched:
    url: str
    status: int
    wire_bytes: int
    encoding: str
    content_type: str
    body: bytes


@dataclass
class PageWeight:
    path: str
    status: int
    html_bytes: int
    html_encoding: str
    total_bytes: int
    assets: dict[str, int] = field(default_factory=dict)
    third_party: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


class AssetParser(HTMLParser):
    """Collects the URLs an HTML page makes the browser fetch."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "link":
            rels = set(attributes.get("rel", "").lower().split())
            if rels & LOADING_LINK_RELS:
                self.urls.append(attributes.get("href", ""))
            return
        self.urls.extend(attributes.get(name, "") for name in URL_ATTRIBUTES.get(tag, ()))


def fetch(url: str) -> Fetched:
    """GET with compression; an error status is returned like any other, not raised."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": ACCEPT_ENCODING})
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        body = response.read()
        return Fetched(
            url=response.geturl(),
            status=response.status,
            wire_bytes=len(body),
            encoding=response.headers.get("Content-Encoding", "identity"),
            content_type=response.headers.get("Content-Type", ""),
            body=body,
        )


def decoded_text(fetched: Fetched) -> str:
    """The body as text, to look for more assets; refetched plain if it is brotli."""
    if fetched.encoding == "gzip":
        body = gzip.decompress(fetched.body)
    elif fetched.encoding == "deflate":
        body = zlib.decompress(fetched.body)
    elif fetched.encoding == "br":
        plain = urllib.request.Request(fetched.url, headers={"Accept-Encoding": "identity"})
        with urllib.request.urlopen(plain, timeout=10) as response:
            body = response.read()
    else:
        body = fetched.body
    return body.decode("utf-8", errors="replace")


def is_fetchable(reference: str) -> bool:
    return bool(reference) and not reference.startswith(("data:", "#", "about:", "blob:"))


def css_references(css: str) -> list[str]:
    return [first or second for first, second in CSS_URL.findall(css)]


def same_host(url: str, base_url: str) -> bool:
    return urlsplit(url).netloc == urlsplit(base_url).netloc


def walk_assets(html_url: str, html: str, base_url: str, weight: PageWeight) -> None:
    """Fetch each asset once, following the references inside stylesheets too."""
    parser = AssetParser()
    parser.feed(html)
    queue = [(html_url, reference) for reference in parser.urls]
    while queue:
        parent, reference = queue.pop(0)
        if not is_fetchable(reference):
            continue
        url = urljoin(parent, reference).split("#")[0]
        if not same_host(url, base_url):
            if url not in weight.third_party:
                weight.third_party.append(url)
            continue
        if url in weight.assets:
            continue
        asset = fetch(url)
        weight.assets[url] = asset.wire_bytes
        if "css" in asset.content_type:
            queue.extend((url, ref) for ref in css_references(decoded_text(asset)))


def measure_page(base_url: str, path: str) -> PageWeight:
    page = fetch(base_url + path)
    weight = PageWeight(
        path=path,
        status=page.status,
        html_bytes=page.wire_bytes,
        html_encoding=page.encoding,
        total_bytes=0,
    )
    walk_assets(page.url, decoded_text(page), base_url, weight)
    weight.total_bytes = weight.html_bytes + sum(weight.assets.values())
    weight.assets = {urlsplit(url).path: size for url, size in weight.assets.items()}
    return weight


class MapDataParser(HTMLParser):
    """The map element's data attributes: which layers the page loads, from where, at which
    zoom (geo/templates/geo/map.html, read by static/js/map-page.js)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if "data-layer-url" in attributes and not self.data:
            self.data = attributes


def measure_map_data(base_url: str, path: str, bbox: str) -> PageWeight:
    """What the map page at `path` fetches for a view of `bbox`: one GeoJSON request per layer
    it loads by default, as map-page.js builds them (`?bbox=…&zoom=…`), summed compressed."""
    page = fetch(base_url + path)
    parser = MapDataParser()
    parser.feed(decoded_text(page))
    data = parser.data
    weight = PageWeight(
        path=path, status=page.status, html_bytes=0, html_encoding="", total_bytes=0
    )
    keys = [key for key in data.get("data-layers", "").split(",") if key]
    if page.status != 200 or not keys or not data.get("data-layer-url"):
        weight.status = page.status if page.status != 200 else 0
        return weight
    zoom = data.get("data-zoom") or "13"
    for key in keys:
        layer_path = data["data-layer-url"].replace("KEY", quote(key))
        url = urljoin(page.url, f"{layer_path}?bbox={quote(bbox)}&zoom={quote(zoom)}")
        fetched = fetch(url)
        if fetched.status != 200:
            weight.status = fetched.status
        split = urlsplit(url)
        weight.assets[f"{split.path}?{split.query}"] = fetched.wire_bytes
    weight.total_bytes = sum(weight.assets.values())
    return weight
