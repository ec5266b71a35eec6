"""Real Redis and an S3-compatible server (moto) on loopback, one of each per test session."""

import os

import pytest

from satupintu.testing import servers


def _require(binary: str, how: str) -> None:
    problem = servers.missing_binary(binary, how)
    if problem is None:
        return
    if os.environ.get("CI"):
        pytest.fail(problem)
    pytest.skip(problem)


@pytest.fixture(scope="session")
def redis_server():
    _require("redis-server", "install it with `scripts/system-packages --with-redis`")
    server = servers.start_redis()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def s3_server():
    server = servers.start_s3()
    yield server
    server.stop()


@pytest.fixture
def s3_bucket(s3_server, request):
    """A fresh private bucket for one test."""
    client = servers.s3_client(s3_server)
    name = f"sp-test-{abs(hash(request.node.nodeid)) % 10**10}-{os.getpid()}"
    client.create_bucket(Bucket=name)
    yield name
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=name):
        for entry in page.get("Contents", ()):
            client.delete_object(Bucket=name, Key=entry["Key"])
    client.delete_bucket(Bucket=name)


@pytest.fixture
def s3_storage(settings, s3_server, s3_bucket):
    """Every file of the test goes to the object store (default_storage is rebuilt)."""
    settings.STORAGES = servers.s3_storages(s3_server, s3_bucket)
    from django.core.files.storage import default_storage

    yield default_storage
