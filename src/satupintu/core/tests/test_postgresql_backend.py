"""The PostgreSQL backend's health check (core/postgresql/base.py): no round trip while a
connection is quietly idle, Django's own check as soon as the server has said anything."""

import socket
from types import SimpleNamespace
from unittest import mock

import psycopg
import pytest
from django.db import connection
from psycopg import pq

from satupintu.core.postgresql.base import quietly_idle


def _raw(sock, *, status=pq.TransactionStatus.IDLE, closed=False, broken=False):
    """Stands for a psycopg connection: what quietly_idle reads of one."""
    return SimpleNamespace(
        closed=closed,
        broken=broken,
        info=SimpleNamespace(transaction_status=status),
        fileno=sock.fileno,
    )


@pytest.fixture
def socket_pair():
    ours, servers = socket.socketpair()
    yield ours, servers
    ours.close()
    servers.close()


def test_an_idle_socket_with_nothing_to_read_is_quietly_idle(socket_pair):
    ours, _ = socket_pair
    assert quietly_idle(_raw(ours)) is True


def test_a_message_from_the_server_asks_for_the_real_check(socket_pair):
    ours, servers = socket_pair
    servers.sendall(b"E")  # the start of "terminating connection due to administrator command"
    assert quietly_idle(_raw(ours)) is False


def test_a_socket_the_server_closed_is_not_idle(socket_pair):
    ours, servers = socket_pair
    servers.close()
    assert quietly_idle(_raw(ours)) is False


@pytest.mark.parametrize(
    "state",
    [
        {"status": pq.TransactionStatus.INTRANS},
        {"status": pq.TransactionStatus.INERROR},
        {"closed": True},
        {"broken": True},
    ],
)
def test_a_transaction_or_a_closed_connection_is_never_taken_as_idle(socket_pair, state):
    ours, _ = socket_pair
    assert quietly_idle(_raw(ours, **state)) is False


def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL backend's health check")


def _new_request():
    # What Django does when a request starts (the request_started signal).
    connection.close_if_unusable_or_obsolete()


@pytest.mark.django_db(transaction=True)
def test_a_reused_idle_connection_is_not_asked_select_1():
    _postgresql_only()
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    _new_request()
    patched = mock.patch.object(connection, "is_usable", wraps=connection.is_usable)
    with patched as is_usable, connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] == pid
    is_usable.assert_not_called()
    assert connection.health_check_done is True


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_ended_is_replaced_before_the_first_query():
    _postgresql_only()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
        # The server sends its termination message and closes: wait until it has.
        for _ in range(100):
            gone = other.execute(
                "SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = %s", [pid]
            ).fetchone()[0]
            if gone:
                break
            other.execute("SELECT pg_sleep(0.05)")
        assert gone
    _new_request()
    patched = mock.patch.object(connection, "is_usable", wraps=connection.is_usable)
    # No error: the dead connection is replaced before the query.
    with patched as is_usable, connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid
    is_usable.assert_called_once()


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_django_s_own_check_runs():
    _postgresql_only()
    from django.db import transaction

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        connection.health_check_done = False  # as if a new request began in the block
        patched = mock.patch.object(connection, "is_usable", wraps=connection.is_usable)
        with patched as is_usable, connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    is_usable.assert_called_once()
