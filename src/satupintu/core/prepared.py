"""Reads whose SQL the ORM writes once, for the public pages that every request renders.

Building a queryset and compiling it costs Django about 0.3 ms for the dapil page's 25
proposals: six times what SQLite takes to run the query it writes (bench/README.md). A
`PreparedRead` asks the ORM for that SQL once per database connection and slice, with sample
values where the arguments go, then runs the same SQL with each call's arguments and converts
the rows with the same converters the queryset would have used (dates on SQLite, encrypted
fields). The ORM stays the one place the query is written; only its compiling is saved.

Only equality on the arguments is supported: a sample that the ORM transforms (`icontains`
wraps it in `%`) or that is not found in the compiled parameters stops the first call with an
error, never a wrong query.
"""

from collections.abc import Callable, Sequence

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable

# Slices kept per read and connection: a pager's first pages. Deeper slices are compiled on
# each call (correct, only as slow as the ORM).
MAX_KEPT_SLICES = 64


class _Compiled:
    def __init__(self, read: "PreparedRead", connection, start, stop):
        queryset = read.build(*read.samples)
        if queryset._iterable_class is not ValuesListIterable:
            raise ImproperlyConfigured("PreparedRead: build() must end with values_list().")
        if start is not None or stop is not None:
            queryset = queryset[start:stop]
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.positions = []
        for sample in read.samples:
            found = [i for i, value in enumerate(self.params) if value == sample]
            if not found:
                raise ImproperlyConfigured(
                    f"PreparedRead: sample {sample!r} is not a parameter of the compiled query "
                    "(only equality lookups can take arguments)."
                )
            self.positions.append(found)
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise ImproperlyConfigured("PreparedRead: composite fields are not supported.")
        self.compiler = compiler
        self.converters = compiler.get_converters(fields)
        self.connection = connection

    def params_for(self, args: Sequence) -> list:
        params = list(self.params)
        for positions, value in zip(self.positions, args, strict=True):
            for position in positions:
                params[position] = value
        return params


class PreparedRead:
    """`build(*args)` returns the queryset (ending in `values_list(...)`) for the arguments;
    `samples` are example arguments, each a value no constant of the query equals (a negative
    id, a string no row has). `rows(*args)` returns the tuples `list(build(*args))` would."""

    def __init__(self, build: Callable[..., QuerySet], samples: Sequence):
        self.build = build
        self.samples = tuple(samples)
        self._kept: dict[tuple, _Compiled] = {}

    def rows(self, *args, start: int | None = None, stop: int | None = None, using="default"):
        connection = connections[using]
        key = (using, start, stop)
        compiled = self._kept.get(key)
        # A compiled query belongs to the connection that compiled it (its converters are
        # bound to it): another thread's connection compiles its own.
        if compiled is None or compiled.connection is not connection:
            compiled = _Compiled(self, connection, start, stop)
            if key in self._kept or len(self._kept) < MAX_KEPT_SLICES:
                self._kept[key] = compiled
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, compiled.params_for(args))
            rows = cursor.fetchall()
        if compiled.converters:
            rows = [
                tuple(row) for row in compiled.compiler.apply_converters(rows, compiled.converters)
            ]
        return rows


class PreparedList:
    """The rows of a `PreparedRead` for fixed arguments, as a pager slices them
    (`core.listing`): a slice runs the prepared SQL and gives dicts keyed by `names`;
    `count()`, needed only for a page number past the end, asks the ORM."""

    ordered = True  # Paginator warns about unordered lists: the build's queryset is ordered.

    def __init__(self, read: PreparedRead, args: Sequence, names: Sequence[str]):
        self.read = read
        self.args = tuple(args)
        self.names = tuple(names)

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("PreparedList takes a slice without step.")
        rows = self.read.rows(*self.args, start=index.start, stop=index.stop)
        return [dict(zip(self.names, row, strict=True)) for row in rows]

    def count(self) -> int:
        return self.read.build(*self.args).count()

    def __len__(self) -> int:
        return self.count()
