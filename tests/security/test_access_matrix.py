"""Access matrix: every route of the URL configuration (pages, API, exports, file downloads,
search) × {anonymous, citizen A, citizen B, operator of OPD A, operator of OPD B, auditor,
admin, staff without TOTP}. The expectations are data (`matrix.py`); the objects belong to
citizen A / OPD A (`world.py`). Every mismatch is listed in one failure message."""

import sys
from pathlib import Path

import pytest
from django.test import TestCase
from django.urls import reverse

sys.path.insert(0, str(Path(__file__).parent))

from matrix import MATRIX, SCOPED_LISTS, Rule  # noqa: E402
from routes import walk  # noqa: E402
from world import EXTRA_ROLES, ROLES, build_world  # noqa: E402

LOGIN = "/akun/login/"
TOTP_SETUP = "/akun/2fa/totp/activate/"


def matrix_key(name: str) -> str:
    return "admin:*" if name.startswith("admin:") else name


def resolve(world, spec: str):
    if spec.startswith("="):
        return spec[1:]
    name, *attributes = spec.split(".")
    value = world.objects[name]
    for attribute in attributes:
        value = getattr(value, attribute)
    return value


def url_of(world, name: str, rule: Rule) -> str:
    if name == "admin:*":
        return reverse("admin:index")
    url = reverse(name, args=[resolve(world, spec) for spec in rule.args])
    return f"{url}?{rule.query}" if rule.query else url


def refused_properly(response, role: str, rule: Rule) -> bool:
    status = response.status_code
    location = response.get("Location", "")
    if role == "staff_nototp" and status == 302 and location.startswith(TOTP_SETUP):
        return True  # sent to set up TOTP before anything else
    if role in rule.hide:
        return status == 404
    if rule.ok == 405 and status == 405:
        return True  # a POST-only action: GET reveals nothing, whoever asks
    if status not in rule.refused:
        return False
    if status == 302:
        return location.startswith((LOGIN, TOTP_SETUP, "/admin/login/"))
    return True


def test_every_route_is_in_the_matrix():
    names = {matrix_key(name) for name, _pattern in walk() if name}
    unnamed = [pattern for name, pattern in walk() if not name and "admin" not in pattern]
    missing = sorted(names - set(MATRIX))
    assert not missing, (
        "Routes without an entry in tests/security/matrix.py (say who may open them): "
        + ", ".join(missing)
    )
    assert not unnamed, f"Routes without a name cannot be in the access matrix: {unnamed}"
    stale = sorted(set(MATRIX) - names)
    assert not stale, f"Matrix entries for routes that no longer exist: {stale}"


def test_api_schema_paths_are_all_routes_of_the_matrix(client, db):
    schema = client.get("/api/schema/?format=json").json()
    routed = {pattern for _name, pattern in walk()}
    for path in schema["paths"]:
        assert any(_same_path(path, pattern) for pattern in routed), path


def _same_path(openapi_path: str, pattern: str) -> bool:
    import re

    as_regex = re.sub(r"\{[^}]+\}", "[^/]+", openapi_path.lstrip("/"))
    concrete = re.sub(r"<[^>]+>", "x", pattern)
    return re.fullmatch(as_regex, concrete) is not None


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with TestCase.captureOnCommitCallbacks(execute=True):
        return build_world()


def _reset_public_api_throttle():
    # Public API views are anonymous for everyone (no authentication): every role's request
    # counts against one address's rate, which the matrix alone exceeds within a minute.
    from django.core.cache import cache

    from satupintu.core.throttling import AnonRateThrottle

    cache.delete(AnonRateThrottle.cache_format % {"scope": "anon", "ident": "127.0.0.1"})


def test_access_matrix(world):
    failures = []
    for name, rule in MATRIX.items():
        _reset_public_api_throttle()
        url = url_of(world, name, rule)
        extra = tuple(role for role in EXTRA_ROLES if role in rule.expect)
        for role in ROLES + extra:
            response = world.clients[role].get(url)
            status = response.status_code
            expected = rule.expect.get(role, rule.ok if role in rule.allow else None)
            if status >= 500 and status != expected:
                failures.append(f"{name} [{rule.kind}] {url} as {role}: server error {status}")
            elif role in rule.expect:
                if status != rule.expect[role]:
                    failures.append(
                        f"{name} [{rule.kind}] {url} as {role}: {status}, "
                        f"expected {rule.expect[role]}"
                    )
            elif role in rule.allow:
                if status != rule.ok:
                    failures.append(
                        f"{name} [{rule.kind}] {url} as {role}: {status}, expected {rule.ok}"
                    )
            elif not refused_properly(response, role, rule):
                where = response.get("Location", "")
                expected = "404" if role in rule.hide else "refusal"
                failures.append(
                    f"{name} [{rule.kind}] {url} as {role}: {status} {where}, expected {expected}"
                )
    # Search, lists and exports: OPD A's objects are listed to OPD A, never to OPD B.
    for name, marker_spec in SCOPED_LISTS.items():
        rule = MATRIX[name]
        url = url_of(world, name, rule)
        marker = str(resolve(world, marker_spec))
        own = world.clients["op_a"].get(url)
        other = world.clients["op_b"].get(url)
        if marker not in _text(own):
            failures.append(f"{name} {url}: OPD A's object {marker} missing for OPD A")
        if marker in _text(other):
            failures.append(f"{name} {url}: OPD A's object {marker} listed to OPD B")
    # The public search lists no case, letter, application or unpublished news, whoever asks.
    for role in ROLES:
        body = _text(world.clients[role].get("/cari/?q=ZQXMARKER"))
        markers = ("ZQXMARKERKASUS", "ZQXMARKERSURAT", "ZQXMARKERDRAFBERITA")
        for marker in (*markers, world.objects["case"].tracking_code):
            if marker in body:
                failures.append(f"portal:search as {role} lists {marker}")
    assert not failures, "Access matrix mismatches:\n" + "\n".join(failures)


def test_wrong_secret_is_not_found(world):
    """Every private-link route answers 404 to a secret of the right shape that is not the
    case's, whoever asks: the link is the only key."""
    wrong = {"case_secret": "x" * len(world.objects["case_secret"])}
    wrong["application_secret"] = "x" * len(world.objects["application_secret"])
    wrong["booking_secret"] = "x" * len(world.objects["booking_secret"])
    checked = 0
    for name, rule in MATRIX.items():
        if not name.endswith("_secret"):
            continue
        args = [wrong.get(spec) or resolve(world, spec) for spec in rule.args]
        url = reverse(name, args=args)
        for role in ROLES:
            client = world.clients[role]
            # A POST-only action is tried with POST: GET would stop at 405 before the secret.
            response = client.post(url, {}) if rule.ok == 405 else client.get(url)
            assert response.status_code == 404, f"{name} {url} as {role}: {response.status_code}"
        checked += 1
    assert checked == 11


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")
