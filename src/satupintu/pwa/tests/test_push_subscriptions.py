"""Turning Web Push on and off (docs/pwa.md): hostile input, throttling, only one's own
subscriptions, and the switch on the notification page."""

import json

import pytest
from django.core.cache import cache

from satupintu.notifications.models import PushSubscription
from satupintu.notifications.push import endpoint_index
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/akun/notifikasi/push/"
UNSUBSCRIBE = "/akun/notifikasi/push/hapus/"
P256DH = "BOr1mz6vVWvNYQjLEU2ZBpPp8B-ww3aaXWtNODXSyZ0xqxxl3vKPo5Pkg8xRg-HLC9xmK1EVzH2YJFJlfw-4hns"
AUTH = "MDEyMzQ1Njc4OWFiY2RlZg"
ENDPOINT = "https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91b"


def body(endpoint=ENDPOINT, p256dh=P256DH, auth=AUTH):
    return {"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}}


def post(client, url, data):
    raw = data if isinstance(data, (str, bytes)) else json.dumps(data)
    return client.post(url, raw, content_type="application/json")


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_a_citizen_turns_push_on_and_off(client, citizen):
    response = post(client, SUBSCRIBE, body())
    assert response.status_code == 201
    assert response.json()["detail"] == "Notifikasi di perangkat ini aktif."
    subscription = PushSubscription.objects.get(user=citizen)
    assert subscription.endpoint == ENDPOINT
    assert subscription.endpoint_index == endpoint_index(ENDPOINT)
    # The same browser again: one row, not two.
    assert post(client, SUBSCRIBE, body()).status_code == 201
    assert PushSubscription.objects.filter(user=citizen).count() == 1

    response = post(client, UNSUBSCRIBE, {"endpoint": ENDPOINT})
    assert response.status_code == 200
    assert not PushSubscription.objects.filter(user=citizen).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("bukan json", "Data langganan tidak terbaca."),
        ([1, 2], "Data langganan tidak terbaca."),
        ({"keys": {"p256dh": P256DH, "auth": AUTH}}, "Alamat layanan push tidak sah."),
        (body(endpoint="http://fcm.googleapis.com/x"), "Alamat layanan push tidak sah."),
        (
            body(endpoint="https://169.254.169.254/latest"),
            "Layanan push peramban ini tidak dikenal.",
        ),
        (
            body(endpoint="https://fcm.googleapis.com.evil.test/x"),
            "Layanan push peramban ini tidak dikenal.",
        ),
        (body(endpoint="https://user:pw@fcm.googleapis.com/x"), "Alamat layanan push tidak sah."),
        (
            body(endpoint="https://fcm.googleapis.com/" + "a" * 2100),
            "Alamat layanan push tidak sah.",
        ),
        (body(p256dh="AAAA"), "Kunci langganan tidak sah."),
        (body(p256dh=P256DH.replace("B", "A", 1)), "Kunci langganan tidak sah."),
        (body(auth="!!!"), "Kunci langganan tidak sah."),
        ({"endpoint": ENDPOINT, "keys": "x"}, "Kunci langganan tidak sah."),
    ],
)
def test_bad_subscriptions_are_refused_with_a_reason(client, citizen, data, message):
    response = post(client, SUBSCRIBE, data)
    assert response.status_code == 400
    assert response.json() == {"detail": message}
    assert not PushSubscription.objects.exists()


def test_a_huge_body_is_refused(client, citizen):
    response = post(client, SUBSCRIBE, json.dumps(body()) + " " * 9000)
    assert response.status_code == 400
    assert not PushSubscription.objects.exists()


def test_known_push_services_and_their_subdomains_are_accepted(client, citizen):
    for endpoint in (
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
        "https://web.push.apple.com/QGuQyavXutnMH",
        "https://wns2-par02p.notify.windows.com/w/?token=BQYAAAB",
    ):
        assert post(client, SUBSCRIBE, body(endpoint=endpoint)).status_code == 201, endpoint
    assert PushSubscription.objects.filter(user=citizen).count() == 3


def test_an_account_keeps_only_its_newest_browsers(client, citizen, settings):
    settings.WEBPUSH_SUBSCRIPTIONS_PER_ACCOUNT = 2
    for n in range(3):
        assert post(client, SUBSCRIBE, body(endpoint=f"{ENDPOINT}{n}")).status_code == 201
    kept = {s.endpoint for s in PushSubscription.objects.filter(user=citizen)}
    assert kept == {f"{ENDPOINT}1", f"{ENDPOINT}2"}


def test_nobody_removes_another_accounts_subscription(client, citizen):
    post(client, SUBSCRIBE, body())
    other = UserFactory()
    client.force_login(other)
    response = post(client, UNSUBSCRIBE, {"endpoint": ENDPOINT})
    assert response.status_code == 200  # says nothing about whether it exists
    assert PushSubscription.objects.filter(user=citizen).count() == 1
    assert post(client, UNSUBSCRIBE, {"endpoint": 5}).status_code == 400


def test_anonymous_visitors_cannot_subscribe(client):
    response = post(client, SUBSCRIBE, body())
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")
    assert not PushSubscription.objects.exists()


def test_only_post(client, citizen):
    assert client.get(SUBSCRIBE).status_code == 405
    assert client.get(UNSUBSCRIBE).status_code == 405


def test_csrf_is_required(citizen):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(citizen)
    assert post(strict, SUBSCRIBE, body()).status_code == 403
    assert not PushSubscription.objects.exists()


def test_subscribing_is_throttled(client, citizen, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "push_subscription": "3/h/user"}
    for n in range(3):
        assert post(client, SUBSCRIBE, body(endpoint=f"{ENDPOINT}{n}")).status_code == 201
    response = post(client, SUBSCRIBE, body(endpoint=f"{ENDPOINT}x"))
    assert response.status_code == 429
    assert "Terlalu banyak" in response.content.decode()
    assert PushSubscription.objects.filter(user=citizen).count() == 3


def test_the_switch_is_on_the_notification_page_only_with_vapid_keys(client, citizen, settings):
    settings.VAPID_PRIVATE_KEY = ""
    settings.VAPID_PUBLIC_KEY = ""
    html = client.get("/akun/notifikasi/").content.decode()
    assert 'id="sp-push"' not in html
    settings.VAPID_PRIVATE_KEY = "k"
    settings.VAPID_PUBLIC_KEY = P256DH
    html = client.get("/akun/notifikasi/").content.decode()
    assert 'id="sp-push" hidden' in html  # push.js shows it where the browser can do push
    assert f'data-key="{P256DH}"' in html
    assert 'src="/static/js/push.js"' in html
    assert "Aktifkan notifikasi" in html
    section = html[html.index('id="sp-push"') : html.index("</section>")]
    assert 'name="csrfmiddlewaretoken"' in section  # push.js sends it as X-CSRFToken
