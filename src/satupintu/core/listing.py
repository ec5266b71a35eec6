"""Lists in pages: the page a request asks for (`?halaman=N`). The links of the pager keep the
list's filters and change only the page (`templates/includes/pager.html`, with Django's
`{% querystring %}` tag), so no view builds a query string by hand."""

from django.core.paginator import Page, Paginator

PAGE_PARAM = "halaman"


def page_of(request, items, size: int) -> Page:
    """The page of `items` the request asks for; a missing or wrong number gives the first or
    last page (`Paginator.get_page`)."""
    return Paginator(items, size).get_page(request.GET.get(PAGE_PARAM))
