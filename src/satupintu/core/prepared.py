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

import functools
from collections.abc import Callable, Sequence

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable

# Slices kept per read and connection: a pager's first pages. Deeper slices are compiled on
# each call (correct, only as slow as the ORM).
MAX_KEPT_SLICES = 64


def _prepare_on_server(cursor, connection) -> None:
    """On PostgreSQL, the SQL is also planned once per connection: a prepared statement.
    Django's cursors bind parameters on the client, which cannot prepare, and Django leaves
    psycopg's automatic preparing off (for connection poolers in transaction mode). Planning
    the dapil page's join took longer than running it (0.17 against 0.12 ms). Only this
    cursor prepares, so the rest of the ORM is as Django configures it; it stays inside
    Django's wrapper (query log, execute wrappers, error translation)."""
    raw = connection.connection
    if raw.prepare_threshold is None:
        # None turns preparing off altogether; a count never reached keeps it off for every
        # other query while this cursor's `prepare=True` works.
        raw.prepare_threshold = _NEVER_BY_COUNT
    cursor.cursor.close()
    cursor.cursor = _preparing_cursor_class()(raw)


_NEVER_BY_COUNT = 2**62


@functools.cache
def _preparing_cursor_class():
    import psycopg

    class PreparingCursor(psycopg.Cursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparingCursor


class _Compiled:
    def __init__(self, read: "PreparedRead", connection, start, stop):
        queryset = read.build(*read.samples)
        if queryset._iterable_class is not ValuesListIterable:
            raise ImproperlyConfigured("PreparedRead: build() must end with values_list().")
        if start is not None or stop is not None:
            queryset = queryset[start:stop]
        compiler = queryset.query.get_compiler(connection=connection)
        self.empty = False
        try:
            self.sql, params = compiler.as_sql()
        except EmptyResultSet:
            # An empty slice ([0:0]: the last page of an empty list) is no query at all; the
            # ORM answers it with no rows, and so does this.
            self.empty, self.sql, params = True, "", []
        self.params = list(params)
        self.positions = []
        for sample in () if self.empty else read.samples:
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
        if compiled.empty:
            return []
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                _prepare_on_server(cursor, connection)
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


class PreparedObjects:
    """Model instances from a `PreparedRead`, as `.only(*fields)` with `select_related` of the
    relations named in `fields` would make them: `fields` are the model's own fields (name or
    attname) and `relation__field` one level deep; the primary keys are added. Fields left
    out are deferred (read on access, one query each), as with `only()`; each relation is
    cached on the instance (None when the row has none), so reading it costs no query.
    `build(*args)` is the filtered, ordered queryset, without `only()` or `values_list()`."""

    def __init__(self, model, fields: Sequence[str], build: Callable[..., QuerySet], samples):
        self.model = model
        self.fields = tuple(fields)
        self._build = build
        self._shape = None
        self.read = PreparedRead(self._values, samples)

    def _values(self, *args):
        own, related = self.shape()
        columns = list(own)
        for field, _model, names, _key_at in related:
            columns += [f"{field.name}__{name}" for name in names]
        return self._build(*args).values_list(*columns)

    def shape(self):
        """The own columns in the model's field order (what `Model.from_db` expects), then
        per relation its field, model, columns and where its key is among them; worked out
        once, on first use (when the models are loaded)."""
        if self._shape is None:
            own_wanted = {f for f in self.fields if "__" not in f}
            by_relation: dict[str, set] = {}
            for name in self.fields:
                if "__" in name:
                    relation, column = name.split("__", 1)
                    if "__" in column:
                        raise ImproperlyConfigured(f"PreparedObjects: {name} is too deep.")
                    by_relation.setdefault(relation, set()).add(column)
            own = _in_field_order(self.model, own_wanted)
            related = []
            for relation, wanted in by_relation.items():
                field = self.model._meta.get_field(relation)
                if not (field.many_to_one or field.one_to_one) or not field.concrete:
                    raise ImproperlyConfigured(f"PreparedObjects: {relation} is no foreign key.")
                names = _in_field_order(field.related_model, wanted)
                key_at = names.index(field.related_model._meta.pk.attname)
                related.append((field, field.related_model, names, key_at))
            self._shape = (own, related)
        return self._shape

    def objects(self, *args, start=None, stop=None, using="default") -> list:
        own, related = self.shape()
        width = len(own)
        made = []
        for row in self.read.rows(*args, start=start, stop=stop, using=using):
            instance = self.model.from_db(using, own, row[:width])
            at = width
            for field, model, names, key_at in related:
                part = row[at : at + len(names)]
                at += len(names)
                # No related primary key: the row has no related row (a LEFT JOIN's NULLs).
                other = model.from_db(using, names, part) if part[key_at] is not None else None
                field.set_cached_value(instance, other)
            made.append(instance)
        return made


def _in_field_order(model, wanted: set) -> tuple[str, ...]:
    """The attnames of `wanted` (names or attnames) and the primary key, in the model's
    concrete field order; an unknown name is an error."""
    wanted = set(wanted) | {model._meta.pk.attname}
    chosen, seen = [], set()
    for field in model._meta.concrete_fields:
        if field.attname in wanted or field.name in wanted:
            chosen.append(field.attname)
            seen |= {field.attname, field.name}
    unknown = wanted - seen
    if unknown:
        raise ImproperlyConfigured(f"PreparedObjects: {model.__name__} has no {sorted(unknown)}.")
    return tuple(chosen)
