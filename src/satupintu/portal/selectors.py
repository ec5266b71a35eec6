"""Reads of the citizens' portal: one search (/cari/) over every kind of public thing."""

from satupintu.catalog import selectors as catalog_selectors
from satupintu.core import textsearch, versions
from satupintu.org import selectors as org_selectors
from satupintu.portal import findable

SERVICES_SHOWN = 10  # the rest on /layanan/?q=


def search(query: str) -> dict:
    """OPDs and regions by name, services from the catalogue (typo-tolerant, first ten) and
    every other kind from the domains' sources (`findable`), each with its count.

    The version of every search index is read in one cache round trip for the whole search."""
    if not query:
        return {"org_units": [], "regions": [], "services": [], "groups": []}
    keys = [catalog_selectors.VERSION_KEY, *textsearch.version_keys()]
    with versions.preloaded(keys):
        results = org_selectors.search(query)
        results["services"] = catalog_selectors.service_hits(query, SERVICES_SHOWN)
        results["groups"] = findable.groups(query)
    return results
