"""Per-person inbox rows (InboxEntry), kept in step with the inbox rules.

Who has a letter in their inbox is defined once, by `selectors._inbox_q(user)` (incoming
letters of the units a person leads, letters disposed to them or to a unit they lead, letters
delivered inside the platform to an agenda officer's unit). Computing a leader's unread count
or their letters still to act on from that definition reads every letter of the units they
lead — 100 000 rows for a Sekda — so the answer is kept here instead, one row per person and
letter, with the person's read state and the number of things left for them to act on. The
inbox page, its tabs and its counters read one person's rows from an index.

The rows are written in the same transaction as the change that moves them (signal handlers
below, connected in apps.py), so they are exact without any cache:

* a letter or a disposition saved or deleted → `sync_letter` re-derives that letter's rows
  for everyone who has or may get it (from `_inbox_q`, the definition, not a copy of it);
* a read receipt → the reader's row is marked read;
* a membership changes, a unit or an account is switched off or on → `sync_user` rebuilds
  the person's rows (a new Sekda gets the unit's letters; a former one loses them).

Bulk loads that bypass signals (bench seeding, imports) call `rebuild_all`; so does
`manage.py rebuild_inbox`, the repair tool, and the first `migrate` after the table appears.
"""

import threading
from collections import Counter
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from satupintu.letters import circles, selectors
from satupintu.letters.hierarchy import HEAD
from satupintu.letters.models import Disposition, InboxEntry, Letter, LetterRead
from satupintu.org.models import Membership, OrgUnit

BATCH = 2000
_state = threading.local()


@contextmanager
def paused():
    """Bulk work (a bench seed, a mass deletion): the handlers below do nothing inside; call
    `rebuild_all` afterwards. Per thread, so other requests keep their rows in step."""
    _state.paused = getattr(_state, "paused", 0) + 1
    try:
        yield
    finally:
        _state.paused -= 1


def _active() -> bool:
    return not getattr(_state, "paused", 0)


INBOX_ROLES = (HEAD, Membership.Role.OPERATOR, Membership.Role.ADMIN)


def _fresh_users(ids) -> list:
    """Users loaded anew: their cached memberships (org.permissions) are current."""
    return list(get_user_model().objects.filter(pk__in=ids))


def _actions(user, letter_ids: list[int] | None = None) -> Counter:
    """What the person has left to do, per letter id, as the inbox counter "to act" counts it:
    each open disposition to them not yet acted on, plus one for an incoming letter of a unit
    they lead that they have neither disposed nor received a disposition for. `letter_ids`:
    only those letters (one letter's re-derivation); None: the whole inbox."""
    open_to_me = selectors.open_dispositions_to(user)
    unacted = open_to_me.filter(acted_at__isnull=True)
    if letter_ids is not None:
        unacted = unacted.filter(letter_id__in=letter_ids)
    actions = Counter(unacted.values_list("letter_id", flat=True))
    lead = selectors._lead_ids(user)
    if lead:
        undisposed = Letter.objects.filter(
            org_unit__in=lead, direction=Letter.Direction.INCOMING, is_copy=False
        )
        if letter_ids is not None:
            undisposed = undisposed.filter(pk__in=letter_ids)
        disposed_by_me = Disposition.objects.filter(from_user=user, withdrawn_at=None)
        actions.update(
            undisposed.exclude(pk__in=disposed_by_me.values("letter_id"))
            .exclude(pk__in=open_to_me.values("letter_id"))
            .values_list("pk", flat=True)
        )
    if selectors._is_circle_reader(user):
        # A circle's letter nobody has disposed yet (a council letter before the Pimpinan
        # DPRD disposes it) waits for everyone who may give the first disposition.
        waiting = Letter.objects.filter(
            circles.letters_q(user), direction=Letter.Direction.INCOMING, is_copy=False
        ).exclude(pk__in=Disposition.objects.filter(withdrawn_at=None).values("letter_id"))
        if letter_ids is not None:
            waiting = waiting.filter(pk__in=letter_ids)
        actions.update(waiting.values_list("pk", flat=True))
    return actions


def _candidates(letter: Letter) -> set[int]:
    """Everyone whose inbox holds or may hold the letter."""
    dispositions = Disposition.objects.filter(letter=letter)
    users = {u for u in dispositions.values_list("to_user_id", flat=True) if u}
    units = {letter.org_unit_id}
    units |= {u for u in dispositions.values_list("to_unit_id", flat=True) if u}
    users |= set(
        Membership.objects.filter(org_unit__in=units, role__in=INBOX_ROLES).values_list(
            "user_id", flat=True
        )
    )
    users |= set(InboxEntry.objects.filter(letter=letter).values_list("user_id", flat=True))
    # People outside the org tree: a circle's groups disposed to, and its first readers.
    for group in {g for g in dispositions.values_list("to_group", flat=True) if g}:
        users |= set(circles.users_in(group))
    users |= circles.readers_of(letter)
    return users


def sync_letter(letter: Letter | int) -> None:
    """Re-derive the inbox rows of one letter."""
    if not isinstance(letter, Letter):
        letter = Letter.objects.filter(pk=letter).first()
        if letter is None:
            return
    existing = {e.user_id: e for e in InboxEntry.objects.filter(letter=letter)}
    if letter.direction != Letter.Direction.INCOMING and not existing:
        return  # only incoming letters are ever in an inbox
    users = _fresh_users(_candidates(letter))
    read = set(
        LetterRead.objects.filter(letter=letter, user__in=users).values_list("user_id", flat=True)
    )
    wanted = {}
    for user in users:
        if Letter.objects.filter(selectors._inbox_q(user), pk=letter.pk).exists():
            wanted[user.pk] = (user.pk in read, _actions(user, [letter.pk])[letter.pk])
    gone = set(existing) - set(wanted)
    if gone:
        InboxEntry.objects.filter(letter=letter, user_id__in=gone).delete()
    new = []
    for user_id, (is_read, actions) in wanted.items():
        entry = existing.get(user_id)
        if entry is None:
            new.append(
                InboxEntry(
                    user_id=user_id,
                    letter=letter,
                    letter_created_at=letter.created_at,
                    is_copy=letter.is_copy,
                    is_read=is_read,
                    actions=actions,
                )
            )
        elif (entry.is_read, entry.actions, entry.is_copy, entry.letter_created_at) != (
            is_read,
            actions,
            letter.is_copy,
            letter.created_at,
        ):
            InboxEntry.objects.filter(pk=entry.pk).update(
                is_read=is_read,
                actions=actions,
                is_copy=letter.is_copy,
                letter_created_at=letter.created_at,
            )
    # Another transaction may add the same row at the same moment: the row is the same.
    InboxEntry.objects.bulk_create(new, ignore_conflicts=True)


def sync_user(user) -> None:
    """Rebuild one person's inbox rows from the definition (a whole inbox in a few queries)."""
    user = _fresh_users([user.pk if hasattr(user, "pk") else user])
    if not user:
        return
    user = user[0]
    wanted = {
        pk: (created_at, is_copy)
        for pk, created_at, is_copy in Letter.objects.filter(selectors._inbox_q(user)).values_list(
            "pk", "created_at", "is_copy"
        )
    }
    read = set(LetterRead.objects.filter(user=user).values_list("letter_id", flat=True))
    actions = _actions(user)
    existing = {
        letter_id: (created_at, is_copy, is_read, count)
        for letter_id, created_at, is_copy, is_read, count in InboxEntry.objects.filter(
            user=user
        ).values_list("letter_id", "letter_created_at", "is_copy", "is_read", "actions")
    }
    gone = [pk for pk in existing if pk not in wanted]
    for start in range(0, len(gone), BATCH):
        InboxEntry.objects.filter(user=user, letter_id__in=gone[start : start + BATCH]).delete()
    new, changed = [], {}
    for pk, (created_at, is_copy) in wanted.items():
        row = (created_at, is_copy, pk in read, actions.get(pk, 0))
        if pk not in existing:
            new.append(
                InboxEntry(
                    user=user,
                    letter_id=pk,
                    letter_created_at=created_at,
                    is_copy=is_copy,
                    is_read=row[2],
                    actions=row[3],
                )
            )
        elif existing[pk] != row:
            changed.setdefault(row, []).append(pk)
    InboxEntry.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
    for (created_at, is_copy, is_read, count), pks in changed.items():
        for start in range(0, len(pks), BATCH):
            InboxEntry.objects.filter(user=user, letter_id__in=pks[start : start + BATCH]).update(
                letter_created_at=created_at, is_copy=is_copy, is_read=is_read, actions=count
            )


def inbox_users():
    """Everyone who may have an inbox: leaders and agenda officers, recipients by name."""
    ids = set(Membership.objects.filter(role__in=INBOX_ROLES).values_list("user_id", flat=True))
    ids |= {
        u
        for u in Disposition.objects.values_list("to_user_id", flat=True).distinct()
        if u is not None
    }
    ids |= set(InboxEntry.objects.values_list("user_id", flat=True).distinct())
    ids |= circles.all_readers()
    return sorted(ids)


def rebuild_all() -> int:
    """Rebuild every inbox; returns the number of people. One transaction per person."""
    people = inbox_users()
    for user_id in people:
        with transaction.atomic():
            sync_user(user_id)
    return len(people)


def rebuild_if_empty() -> bool:
    """After `migrate`: an installation that had letters before the table existed gets its
    inboxes built once."""
    if InboxEntry.objects.exists():
        return False
    if not Letter.objects.filter(direction=Letter.Direction.INCOMING).exists():
        return False
    rebuild_all()
    return True


def on_post_migrate(sender, using="default", **kwargs) -> None:
    if using == "default":
        rebuild_if_empty()


# --- Signal handlers ---------------------------------------------------------------------------


def _letter_saved(sender, instance, raw=False, **kwargs):
    if not raw and _active():
        sync_letter(instance)


def _cascade_from(origin, *models) -> bool:
    """True when a deletion started from one of `models` (an object or a queryset): the
    collector already removes the rows that go with it, and re-deriving them mid-way could add
    a row it did not collect."""
    return isinstance(origin, models) or getattr(origin, "model", None) in models


def _disposition_changed(sender, instance, raw=False, origin=None, **kwargs):
    if not raw and _active() and not _cascade_from(origin, Letter):
        sync_letter(instance.letter_id)


def _read_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw and _active():
        InboxEntry.objects.filter(user_id=instance.user_id, letter_id=instance.letter_id).update(
            is_read=True
        )


def _read_deleted(sender, instance, origin=None, **kwargs):
    if not _active() or _cascade_from(origin, Letter, get_user_model()):
        return
    InboxEntry.objects.filter(user_id=instance.user_id, letter_id=instance.letter_id).update(
        is_read=False
    )


def _membership_changed(sender, instance, raw=False, origin=None, **kwargs):
    if not raw and _active() and not _cascade_from(origin, get_user_model(), OrgUnit):
        sync_user(instance.user_id)


def _remember_active(sender, instance, raw=False, **kwargs):
    """Before a unit or a user is saved: was it active? (Only a change matters below.)"""
    fields = kwargs.get("update_fields")
    if raw or instance.pk is None or (fields is not None and "is_active" not in fields):
        instance._sp_was_active = None  # e.g. a login saving last_login: nothing to compare
        return
    instance._sp_was_active = (
        sender.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
    )


def _active_changed(instance, created) -> bool:
    return not created and getattr(instance, "_sp_was_active", None) not in (
        None,
        instance.is_active,
    )


def _unit_saved(sender, instance, created=False, raw=False, **kwargs):
    """A unit switched off or on changes what its members lead (org.permissions reads only
    active units): their inboxes are rebuilt. Other edits of a unit change nothing here."""
    if raw or not _active() or not _active_changed(instance, created):
        return
    members = Membership.objects.filter(org_unit=instance, role__in=INBOX_ROLES)
    for user_id in sorted(set(members.values_list("user_id", flat=True))):
        sync_user(user_id)


def _user_saved(sender, instance, created=False, raw=False, **kwargs):
    """A deactivated account has no inbox (org.permissions gives it no memberships); switched
    on again, it gets its letters back."""
    if not raw and _active() and _active_changed(instance, created):
        sync_user(instance.pk)


def connect() -> None:
    uid = "letters-inbox-"
    post_save.connect(_letter_saved, sender=Letter, dispatch_uid=uid + "letter")
    post_save.connect(_disposition_changed, sender=Disposition, dispatch_uid=uid + "disp-save")
    post_delete.connect(_disposition_changed, sender=Disposition, dispatch_uid=uid + "disp-del")
    post_save.connect(_read_saved, sender=LetterRead, dispatch_uid=uid + "read-save")
    post_delete.connect(_read_deleted, sender=LetterRead, dispatch_uid=uid + "read-del")
    post_save.connect(_membership_changed, sender=Membership, dispatch_uid=uid + "member-save")
    post_delete.connect(_membership_changed, sender=Membership, dispatch_uid=uid + "member-del")
    pre_save.connect(_remember_active, sender=OrgUnit, dispatch_uid=uid + "unit-pre")
    post_save.connect(_unit_saved, sender=OrgUnit, dispatch_uid=uid + "unit")
    user_model = get_user_model()
    pre_save.connect(_remember_active, sender=user_model, dispatch_uid=uid + "user-pre")
    post_save.connect(_user_saved, sender=user_model, dispatch_uid=uid + "user")
