"""What the public dapil page keeps between requests: its council structure, not its proposals.

The page has two parts. The proposals (their order, support counts and statuses) change all
the time and are read and rendered on every request. The rest — the dapil's name, kecamatan
and seats, its members with their fraksi, its kelurahan — is the council's and the city's
structure: it changes a few times a term, through the admin or an import, yet cost five
queries and half the page's rendering. That part is kept as rendered HTML in the per-process
`pages` cache, per dapil and language (with the dapil's own row, which every request needs),
for at most the cache's timeout (SP_PAGE_CACHE_SECONDS, 60 s by default, the staleness the
public page cache already accepts); a save or delete of what it shows, in this process,
starts a new generation at once (the other processes follow within the timeout). Nothing in
it belongs to a visitor.
"""

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save

_generation = 0


def generation() -> int:
    """Part of the cached fragments' key: a change to the structure moves it on."""
    return _generation


def cache_seconds() -> int:
    return settings.CACHES["pages"].get("TIMEOUT", 60)


# What the page shows of the dapil itself, and its id for the proposals' query.
_DISTRICT_FIELDS = ("id", "number", "name", "seats")


def district(number: int):
    """The dapil of the page, or None, with `kelurahan_names` (id → name of its kelurahan,
    which name the proposals' rows). Kept with the structure (same generation, same
    lifetime): reading the dapil was one of the page's two queries on every request, and
    joining each proposal's kelurahan cost the other one more to plan (PostgreSQL) than to
    run. A number with no dapil is not kept, so made-up numbers cannot fill the cache."""
    from satupintu.dprd import selectors
    from satupintu.org.models import ElectoralDistrict

    db = ElectoralDistrict.objects.db
    key = f"dprd-dapil-row:{number}:{_generation}"
    kept = caches["pages"].get(key)
    if kept is None:
        query = ElectoralDistrict.objects.filter(number=number)
        row = query.values_list(*_DISTRICT_FIELDS).first()
        if row is None:
            return None
        found = ElectoralDistrict.from_db(db, _DISTRICT_FIELDS, row)
        names = tuple(selectors.district_kelurahan(found).values_list("id", "name"))
        kept = (row, names)
        caches["pages"].set(key, kept, cache_seconds())
    found = ElectoralDistrict.from_db(db, _DISTRICT_FIELDS, kept[0])
    found.kelurahan_names = dict(kept[1])
    return found


def _moved_on(**kwargs) -> None:
    global _generation
    _generation += 1


def connect() -> None:
    """What the kept part shows: the dapil and its kecamatan and kelurahan, the term, the
    members and their fraksi (a Body)."""
    from satupintu.dprd.models import Body, Member, Term
    from satupintu.org.models import ElectoralDistrict, Region

    for model in (Body, Member, Term, ElectoralDistrict, Region):
        uid = f"dprd-district-page-{model._meta.label_lower}"
        post_save.connect(_moved_on, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_moved_on, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _moved_on,
        sender=ElectoralDistrict.districts.through,
        dispatch_uid="dprd-district-page-kecamatan",
    )
