"""bench/letters.py seeds data the e-office itself could have written: consistent counts,
gapless unique agenda numbers per year, a sequence that continues the series, dispositions
that form valid chains, and letters that the real selectors find."""

from collections import Counter

import pytest
from django.utils import timezone

from bench import letters as bench
from satupintu.letters import selectors, services
from satupintu.letters.models import Disposition, Letter, LetterRead, LetterSequence
from satupintu.letters.tests.conftest import ensure_codes
from satupintu.org.models import OrgUnit

N = 600


@pytest.fixture
def seeded(reference_data):
    ensure_codes()
    return bench.seed(N)


def test_counts_match_the_distribution(seeded):
    letters = Letter.objects.filter(org_unit__code=bench.UNIT)
    assert seeded["letters"] == N == letters.count()
    assert letters.filter(direction="masuk", status="terdaftar").count() == N
    assert letters.filter(sifat="rahasia").count() == seeded["secret"] > 0
    disposed = [i for i in range(N) if bench.is_disposed(i)]
    roots = Disposition.objects.filter(parent__isnull=True)
    assert roots.values("letter").distinct().count() == len(disposed)
    assert roots.count() == seeded["dispositions"]
    assert Disposition.objects.filter(parent__isnull=False).count() == seeded["further"] > 0
    assert LetterRead.objects.count() == seeded["reads"]


def test_agenda_numbers_are_unique_gapless_and_continue_in_the_sequence(seeded, org_setda):
    rows = Letter.objects.filter(org_unit=org_setda).values_list("agenda_year", "agenda_number")
    per_year = Counter(year for year, _number in rows)
    assert len(set(rows)) == N
    for year, count in per_year.items():
        numbers = sorted(n for y, n in rows if y == year)
        assert numbers == list(range(1, count + 1))
        sequence = LetterSequence.objects.get(org_unit=org_setda, year=year, kind="masuk")
        assert sequence.last_number == count
    # Agenda order follows arrival order.
    ordered = list(
        Letter.objects.filter(org_unit=org_setda)
        .order_by("created_at")
        .values_list("agenda_year", "agenda_number")
    )
    assert ordered == sorted(ordered)
    # A real registration continues the series of this year.
    tu = bench.ensure_person(*bench.PEOPLE[4])
    letter = services.register_incoming(
        actor=tu,
        unit=org_setda,
        subject="Surat sesudah pengisian data uji",
        classification=bench.classification_codes()[0],
        sender_name="Pengirim baru",
        external_number="1/2/3",
    )
    year = timezone.localdate().year
    assert letter.agenda_number == per_year[year] + 1


def test_dispositions_form_valid_chains(seeded):
    for child in Disposition.objects.filter(parent__isnull=False).select_related("parent"):
        assert child.letter_id == child.parent.letter_id
        assert child.from_user_id == child.parent.to_user_id
        assert child.parent.read_at is not None and child.created_at >= child.parent.read_at
        assert child.parent.acted_at is not None and child.parent.acted_at <= child.created_at
    for d in Disposition.objects.all():
        assert d.created_at <= timezone.now()
        if d.done_at:
            assert d.read_at and d.read_at <= d.done_at and d.done_by_id == d.to_user_id
        assert d.instructions


def test_the_selectors_see_the_seed(seeded):
    sekda = bench.ensure_person(*bench.PEOPLE[0])
    asisten = bench.ensure_person(*bench.PEOPLE[1])
    assert selectors.inbox(sekda).count() == N
    counters = selectors.counters(sekda)
    assert 0 < counters.unread < N
    disposed_to_asisten = Letter.objects.filter(
        dispositions__to_user=asisten, dispositions__withdrawn_at__isnull=True
    ).distinct()
    assert set(selectors.inbox(asisten)) == set(disposed_to_asisten)
    hits = selectors.search(sekda, selectors.filters_from({"q": "banjir"}))
    assert hits.count() == sum(1 for i in range(N) if "banjir" in bench.subject_of(i))
    # A Rahasia letter is outside the chain of an asisten it was not disposed to.
    secret = Letter.objects.filter(sifat="rahasia").exclude(dispositions__to_user=asisten)
    assert secret.exists()
    assert not selectors.visible_letters(asisten).filter(pk__in=secret).exists()


@pytest.fixture
def org_setda(reference_data):
    return OrgUnit.objects.get(code=bench.UNIT)


def test_scans_carry_extracted_text_and_search_text(seeded):
    from satupintu.letters.models import LetterFile

    scans = LetterFile.objects.filter(kind="pindaian")
    assert scans.count() == seeded["scans"] == sum(1 for i in range(N) if bench.has_scan(i))
    if seeded["extracted_text"]:
        assert not scans.filter(extracted_text="").exists()
    if seeded["search_text"]:
        letter = Letter.objects.get(
            agenda_number=1, agenda_year=Letter.objects.earliest("created_at").agenda_year
        )
        assert letter.subject.lower() in letter.search_text
        assert letter.sender_name.lower() in letter.search_text


def test_a_read_disposition_means_the_recipient_read_the_letter(seeded):
    for d in Disposition.objects.filter(read_at__isnull=False)[:200]:
        assert LetterRead.objects.filter(letter_id=d.letter_id, user_id=d.to_user_id).exists()
