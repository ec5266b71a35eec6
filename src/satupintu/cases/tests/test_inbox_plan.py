"""The unit inbox reads its page from an index in the inbox's order, whatever the table size.

At a million cases a sort of every open case of the unit (or a walk over the closed ones)
is what made the inbox slower than at ten thousand; `case_unit_open_queue` (open cases per
unit by due date, newest first) lets the database read 50 rows and stop.
"""

import pytest
from django.db import connection

from satupintu.cases import selectors
from satupintu.cases.models import Case

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's plan does not depend on statistics"
)


def test_unit_inbox_page_needs_no_sort(db, staff_a):
    plan = selectors.inbox(staff_a, selectors.InboxFilter())[:50].explain()
    assert "USING INDEX case_unit_open" in plan
    assert "TEMP B-TREE" not in plan


def test_unit_inbox_count_reads_an_index_only(db, staff_a):
    queryset = selectors.inbox(staff_a, selectors.InboxFilter()).order_by()
    plan = queryset.values("pk").explain()
    assert "USING COVERING INDEX case_unit_open" in plan


def test_open_queue_index_is_partial_on_open_cases():
    index = next(i for i in Case._meta.indexes if i.name == "case_unit_open_queue")
    assert index.fields == ["org_unit", "due_date", "-created_at", "status"]
    assert str(index.condition) == "(AND: ('closed_at__isnull', True))"
