"""Walk the URL configuration: every named route, with its namespace and path pattern."""

from django.urls import URLPattern, URLResolver, get_resolver


def walk(patterns=None, prefix="", namespace=None):
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = p.name and (f"{namespace}:{p.name}" if namespace else p.name)
            yield name, prefix + str(p.pattern)
