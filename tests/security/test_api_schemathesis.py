"""schemathesis over the whole OpenAPI schema (`/api/schema/`), through the Django WSGI app,
as a staff member (TOTP-verified session) and as a citizen: no server error, and every
documented response matches its schema. Unsafe methods carry a CSRF token, as the site's own
pages do. `SP_SCHEMATHESIS_EXAMPLES` raises the number of examples per operation."""

import contextlib
import os
import sys
from pathlib import Path

import hypothesis
import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from hypothesis import HealthCheck, Phase
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

sys.path.insert(0, str(Path(__file__).parent))

from world import log_in  # noqa: E402

EXAMPLES = int(os.environ.get("SP_SCHEMATHESIS_EXAMPLES", "6"))
CHECKS = [not_a_server_error, response_schema_conformance]


def credentials(user) -> tuple[dict[str, str], dict[str, str]]:
    """Cookies and headers of a logged-in browser: its session, and a CSRF token for writes."""
    client = log_in(user)
    token = _get_new_csrf_string()
    cookies = {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: token,
    }
    return cookies, {"X-CSRFToken": token}


def run_operation(operation, cookies, headers) -> str | None:
    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @hypothesis.given(case=operation.as_strategy())
    def check(case):
        case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)

    try:
        check()
    except (Exception, BaseExceptionGroup) as failure:  # noqa: BLE001 - all reported at the end
        return f"{operation.label}: {failure}"
    return None


@contextlib.contextmanager
def keep_test_connection():
    """schemathesis calls the WSGI application directly, so each request starts and ends
    with Django's `close_old_connections`; inside the test's transaction that closes the
    connection on PostgreSQL (SQLite's in-memory database ignores it) and the next query
    fails. Django's test client disconnects the same handler around each request (and
    connects it again after, so this wraps the schemathesis calls, not the logins)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_whole_api_schema_as_staff_and_citizen(staff_a, citizen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with keep_test_connection():
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
        operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 30  # the whole API, not an empty schema
    failures = []
    for who, user in (("staff", staff_a), ("citizen", citizen)):
        cookies, headers = credentials(user)
        with keep_test_connection():
            for operation in operations:
                failure = run_operation(operation, cookies, headers)
                if failure:
                    failures.append(f"[{who}] {failure}")
    assert not failures, "\n\n".join(failures)
