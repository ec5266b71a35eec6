"""Production needs a real SMS backend; the logging backend never writes codes (issue #9, 9)."""

import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from satupintu.accounts.checks import check_sms_backend
from satupintu.notifications.sms import LoggingSmsBackend

LOGGING = "satupintu.notifications.sms.LoggingSmsBackend"


@override_settings(DEBUG=False, DEMO=False, BENCH_VIEW_ENABLED=False, SMS_BACKEND=LOGGING)
def test_production_refuses_to_start_with_the_logging_backend():
    with pytest.raises(ImproperlyConfigured, match="SP_SMS_BACKEND"):
        check_sms_backend()


@override_settings(DEBUG=False, DEMO=False, SMS_BACKEND="vendor.sms.RealBackend")
def test_production_starts_with_a_real_backend():
    check_sms_backend()


@pytest.mark.parametrize("mode", [{"DEMO": True}, {"DEBUG": True}, {"BENCH_VIEW_ENABLED": True}])
def test_demo_debug_and_bench_may_use_the_logging_backend(mode):
    settings = {"DEBUG": False, "DEMO": False, "BENCH_VIEW_ENABLED": False, **mode}
    with override_settings(**settings, SMS_BACKEND=LOGGING):
        check_sms_backend()


def test_the_check_runs_at_start_up():
    from django.apps import apps

    config = apps.get_app_config("accounts")
    with (
        override_settings(DEBUG=False, DEMO=False, BENCH_VIEW_ENABLED=False, SMS_BACKEND=LOGGING),
        pytest.raises(ImproperlyConfigured),
    ):
        config.ready()


@pytest.mark.parametrize("code", ["482107", "4821-07", "XK4-P9Q"])
def test_logging_backend_masks_codes(caplog, code):
    caplog.set_level(logging.INFO, logger="satupintu.sms")

    LoggingSmsBackend().send(
        "+6281234567890", f"Kode verifikasi Satu Pintu: {code}. Jangan berikan kepada siapa pun."
    )

    logged = caplog.text
    assert code not in logged
    assert "Kode verifikasi Satu Pintu" in logged
    assert "81234567890" not in logged


def test_logging_backend_drops_secret_links(caplog):
    caplog.set_level(logging.INFO, logger="satupintu.sms")

    LoggingSmsBackend().send(
        "+6281234567890", "Lacak: https://layanan.contoh.id/lacak/ADU-ABCDEF/?k=rahasia-xyz"
    )

    assert "rahasia-xyz" not in caplog.text
    assert "https://layanan.contoh.id/…" in caplog.text
