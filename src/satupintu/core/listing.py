"""Lists in pages: the page a request asks for (`?halaman=N`). The links of the pager keep the
list's filters and change only the page (`templates/includes/pager.html`, with Django's
`{% querystring %}` tag), so no view builds a query string by hand."""

from django.core.paginator import Page, Paginator

PAGE_PARAM = "halaman"


def page_of(request, items, size: int) -> Page:
    """The page of `items` the request asks for; a missing or wrong number gives the first or
    last page (`Paginator.get_page`)."""
    return Paginator(items, size).get_page(request.GET.get(PAGE_PARAM))


# Past this row a page's OFFSET no longer fits the databases' 64-bit integers.
_LARGEST_OFFSET = 2**62


class UncountedPage:
    """A page read without counting the whole list: one row more than a page says whether
    another page follows. What a template asks of Django's `Page` for a "previous / next"
    pager (no page count, no last page)."""

    def __init__(self, object_list: list, number: int, has_next: bool):
        self.object_list = object_list
        self.number = number
        self._has_next = has_next

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def uncounted_page_of(request, items, size: int) -> UncountedPage | Page:
    """The page of `items` the request asks for, as `page_of` gives it, without the COUNT of
    every item that `Paginator` runs first (on a long list, the dearest query of the page).
    A number past the end, zero or negative still gives the last page, as `page_of` does: only
    then is the list counted."""
    wanted = request.GET.get(PAGE_PARAM)
    try:
        number = 1 if wanted is None else int(wanted)
    except ValueError:
        number = 1  # what Paginator.get_page gives for "abc" or "2.0"
    bottom = (number - 1) * size
    if number >= 1 and bottom <= _LARGEST_OFFSET:
        rows = list(items[bottom : bottom + size + 1])
        if rows or number == 1:
            return UncountedPage(rows[:size], number, has_next=len(rows) > size)
    return Paginator(items, size).get_page(wanted)
