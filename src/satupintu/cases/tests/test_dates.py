"""The tracking page's dates, written in Python (cases/dates.py), read exactly as Django's
`date` filter wrote them: every month in both languages, in the city's time zone."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from satupintu.cases import dates
from satupintu.cases.tests.helpers import file_case, make_category

FILTERED = Template('{{ v|date:"j M Y" }}|{{ v|date:"j M Y H:i" }}|{{ v|date:"c" }}')


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("month", range(1, 13))
def test_dates_read_as_the_date_filter(language, month):
    # 17:30 UTC is past midnight in Makassar (UTC+8): the day and the month turn over.
    value = datetime(2026, month, 1 if month % 2 else 28, 17, 30, 5, 123, tzinfo=UTC)
    with translation.override(language):
        expected = FILTERED.render(Context({"v": value}))
        ours = f"{dates.day_text(value)}|{dates.moment_text(value)}|{dates.iso_text(value)}"
    assert ours == expected


def test_a_plain_date_is_not_shifted():
    with translation.override("en"):
        assert dates.day_text(date(2026, 12, 7)) == "7 Dec 2026"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "month"), [("id", "Des"), ("en", "Dec")])
def test_tracking_history_dates_in_the_readers_language(client, reference_data, language, month):
    case, _secret = file_case(make_category())
    case.events.update(created_at=datetime(2026, 12, 7, 6, 5, tzinfo=UTC))
    client.cookies["django_language"] = language

    html = client.get(f"/lacak/{case.tracking_code}/?bench=uncached").content.decode()

    timeline = html[html.index('class="timeline"') :]
    # 06:05 UTC is 14:05 in Balikpapan; the step list has the day and its ISO time.
    assert f"<strong>7 {month} 2026 14:05</strong>" in timeline
    assert f'datetime="2026-12-07T14:05:00+08:00">7 {month} 2026</time>' in html
