"""The offline note carries the second its page was made; pages of the same second and
language share its rendering, never across languages or seconds."""

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone, translation

from satupintu.pwa.templatetags import pwa as tags


@pytest.fixture
def at():
    travels = []

    def travel(*moment):
        if travels:
            travels.pop().stop()
        travels.append(time_machine.travel(timezone.make_aware(datetime(*moment)), tick=False))
        travels[-1].start()

    yield travel
    for travel_ in travels:
        travel_.stop()


def test_the_note_says_the_second_its_page_was_made(at):
    at(2026, 12, 7, 14, 5, 9)
    note = tags.offline_note()
    assert 'data-rendered="2026-12-07T14:05:09+08:00"' in note
    assert "terakhir diperbarui 7 Desember 2026, 14.05" in note


def test_pages_of_the_same_second_share_it_and_a_new_second_makes_a_new_one(at):
    at(2026, 12, 7, 14, 5, 9)
    first = tags.offline_note()
    assert tags.offline_note() is first
    at(2026, 12, 7, 14, 5, 10)
    later = tags.offline_note()
    assert 'data-rendered="2026-12-07T14:05:10+08:00"' in later


def test_each_language_has_its_own(at):
    at(2026, 12, 7, 14, 5, 9)
    with translation.override("id"):
        indonesian = tags.offline_note()
    with translation.override("en"):
        english = tags.offline_note()
    with translation.override("id"):
        indonesian_again = tags.offline_note()

    assert "Anda sedang luring" in indonesian and "Anda sedang luring" not in english
    assert indonesian_again == indonesian
