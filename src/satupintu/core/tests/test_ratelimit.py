"""The shared limiter: scopes, refusals that count nothing, configuration errors."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from satupintu.core import ratelimit

pytestmark = pytest.mark.django_db


def _request(ip="198.51.100.7", session=None):
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    request.session = session if session is not None else SessionStore()
    request.user = AnonymousUser()
    return request


@pytest.fixture
def rule(settings):
    def set_rule(spec):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, "uji": spec}

    return set_rule


def test_a_refusal_counts_nothing_in_the_other_scopes(rule):
    rule("2/h/ip,1/h/session")
    browser = SessionStore()

    assert ratelimit.hit(_request(session=browser), "uji") is None
    refused = ratelimit.hit(_request(session=browser), "uji")
    # The session's refusal did not use the address's second hit.
    assert ratelimit.hit(_request(), "uji") is None

    assert refused.retry_after == 3600
    assert "Coba lagi dalam 1 jam" in refused.message


def test_key_scope_counts_per_key_and_is_skipped_without_one(rule):
    rule("1/h/key")

    assert ratelimit.hit(_request(), "uji", key="+6281234567890") is None
    assert ratelimit.hit(_request(ip="198.51.100.8"), "uji", key="+6281234567890") is not None
    assert ratelimit.hit(_request(), "uji", key="+6281234567891") is None
    assert ratelimit.hit(_request(), "uji") is None


def test_user_scope_applies_to_logged_in_users_only(rule, citizen):
    rule("1/h/user")
    logged_in = _request()
    logged_in.user = citizen

    assert ratelimit.hit(logged_in, "uji") is None
    assert ratelimit.hit(logged_in, "uji") is not None
    assert ratelimit.hit(_request(), "uji") is None  # anonymous: the rule does not apply


def test_the_session_id_survives_a_session_key_change(rule):
    rule("1/h/session")
    browser = SessionStore()
    assert ratelimit.hit(_request(session=browser), "uji") is None

    browser.cycle_key()  # as at login

    assert ratelimit.hit(_request(session=browser), "uji") is not None


def test_minutes_in_the_message_for_short_periods(rule):
    rule("1/10m/ip")
    ratelimit.hit(_request(), "uji")

    assert "Coba lagi dalam 10 menit" in ratelimit.hit(_request(), "uji").message


def test_a_wrong_rule_is_a_configuration_error(settings):
    settings.RATE_LIMITS = {"complaint": "20/h/ip", "signup": "banyak", "otp": "5/h/tetangga"}

    errors = ratelimit.check_rate_limits()

    assert [e.id for e in errors] == ["core.E101", "core.E101"]
    assert "signup" in errors[0].msg and "otp" in errors[1].msg
